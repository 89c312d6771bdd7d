//! Dialog: where the one write dialog stands, as one value. Opening it on a new proposal is
//! `ConfirmDialog::default()`: nothing of an earlier write (its choice, what was typed, Stop) carries over.

use super::confirmation::confirmation_matches;
use super::plan::WritePlan;
use super::selection::TeamGrantedChoice;
use super::session::{JobProgress, WriteOutcome};

/// The step the dialog shows, with what that step alone has.
#[derive(Debug, Clone, Default, PartialEq)]
pub enum DialogStep {
    /// What will happen, and the confirmation.
    #[default]
    Confirm,
    /// The requests that would be sent, as text (or why they could not be built).
    DryRun(Result<Vec<String>, String>),
    /// The writes are being sent.
    Running,
    /// The report.
    Done(WriteOutcome),
}

/// The write dialog's state.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ConfirmDialog {
    pub step: DialogStep,
    /// The dry-run switch.
    pub dry_run: bool,
    /// The organization's name as typed, for a write of many seats.
    pub typed: String,
    /// What to do with seats granted through a team (grid selections).
    pub choice: TeamGrantedChoice,
    pub stop_requested: bool,
    pub progress: JobProgress,
}

impl ConfirmDialog {
    /// While a run goes, the dialog stays open: Stop is the way out.
    pub fn is_running(&self) -> bool {
        self.step == DialogStep::Running
    }

    /// Starts a run: Stop not pressed, the bar empty.
    pub fn start_running(&mut self) {
        self.step = DialogStep::Running;
        self.stop_requested = false;
        self.progress = JobProgress::default();
    }

    /// Whether the confirm button may be pressed for these plans: something to do, and (unless it is a dry
    /// run) the organization's name typed when the write needs it.
    pub fn may_confirm(&self, plans: &[WritePlan], typed_needed: bool, org: &str) -> bool {
        !plans.is_empty() && (self.dry_run || !typed_needed || confirmation_matches(&self.typed, org))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::write::WriteKind;

    fn plans() -> Vec<WritePlan> {
        vec![WritePlan::new(WriteKind::RevokeUsers, "acme", ["ann"])]
    }

    #[test]
    fn a_dialog_opens_at_the_confirmation_with_nothing_of_an_earlier_write() {
        let dialog = ConfirmDialog::default();
        assert_eq!(dialog.step, DialogStep::Confirm);
        assert_eq!((dialog.dry_run, dialog.typed.as_str(), dialog.choice), (false, "", TeamGrantedChoice::Skip));
        assert!(!dialog.stop_requested && !dialog.is_running());
    }

    #[test]
    fn starting_a_run_clears_stop_and_the_bar_and_keeps_the_choice() {
        let mut dialog = ConfirmDialog {
            stop_requested: true,
            choice: TeamGrantedChoice::RevokeTeams,
            progress: JobProgress { verifying: true, ..JobProgress::default() },
            ..ConfirmDialog::default()
        };
        dialog.start_running();
        assert!(dialog.is_running());
        assert_eq!((dialog.stop_requested, dialog.progress), (false, JobProgress::default()));
        assert_eq!(dialog.choice, TeamGrantedChoice::RevokeTeams);
    }

    #[test]
    fn confirming_needs_something_to_do_and_the_name_typed_unless_it_is_a_dry_run() {
        let mut dialog = ConfirmDialog::default();
        assert!(!dialog.may_confirm(&[], false, "acme"), "nothing to do");
        assert!(dialog.may_confirm(&plans(), false, "acme"));
        assert!(!dialog.may_confirm(&plans(), true, "acme"), "the name is needed");
        dialog.typed = " ACME ".into();
        assert!(dialog.may_confirm(&plans(), true, "acme"));
        dialog.typed = "acm".into();
        dialog.dry_run = true;
        assert!(dialog.may_confirm(&plans(), true, "acme"), "a dry run sends nothing");
    }
}
