//! Bulk seat writes: what a selection may revoke, the confirmation a person gives, the batches sent, the
//! pacing between them, and a report that says exactly which names were changed.
//!
//! The report's rule: a name is *confirmed* only when GitHub answered its batch with a success. A write
//! that failed without a clear answer (timeout, 5xx, a retried dropped connection) is *unconfirmed*, never
//! done nor failed, and [`reconcile`] settles it from the seats as read again afterwards.
//!
//! One file a part: `kind` (the four writes and their requests), `selection` (what a selection may
//! revoke) with `billing` (what a revoke does to the bill), `confirmation` (typed confirmation and cost), `plan` (the batches), `pace` (a job against
//! GitHub's budget), `run` (sending a plan), `session` (a job's plans one after the other, then the
//! reading to settle), `report` (how each name ended), `activity` (the log), and for the write dialog
//! `proposal` (the write asked for), `restore` (what a revocation in the log can still restore), `dialog` (the dialog's state) and `wording` (its sentences).

mod activity;
mod billing;
mod confirmation;
mod dialog;
mod kind;
mod pace;
mod plan;
mod proposal;
mod report;
mod restore;
mod run;
mod selection;
mod session;
mod wording;

#[cfg(test)]
mod test_support;

pub use activity::{ActivityEntry, ActivityLog};
pub use confirmation::{
    confirmation_matches, cost_effect, needs_typed_confirmation, CostEffect, CANNOT_BE_UNDONE, TYPED_CONFIRMATION_ABOVE,
};
pub use dialog::{ConfirmDialog, DialogStep};
pub use kind::{WriteKind, WriteRequest};
pub use pace::JobPace;
pub use plan::{WritePlan, MAX_NAMES_PER_WRITE};
pub use proposal::Proposal;
pub use report::{reconcile, NameOutcome, NameReport, OutcomeCounts, WriteReport};
pub use restore::{restorable, Restorable, Restoration, SeatsRead, READ_TO_RESTORE, RESTORE_BUTTON};
pub use run::{WriteProgress, WriteRun, WriteStep, MIN_MS_BETWEEN_WRITES};
pub use selection::{plan_revocation, plan_revocation_with, select_range, RevokeSelection, TeamGrantedChoice};
pub use session::{
    read_to_settle_config, wait_before_read_to_settle, JobProgress, WriteOutcome, WriteSession,
    MS_BETWEEN_READS_TO_SETTLE, READS_TO_SETTLE,
};
pub use wording::{
    confirm_button, cost_wording, dry_run_count, left_out_heading, left_out_of_form, manage_hint, merged_duplicates,
    names_to_send, one_write_per_interval, pacing_hint, plan_heading, result_heading, stop_button,
    typed_confirmation_prompt, SkippedNotices, DRY_RUN_HEADING, DRY_RUN_SWITCH, NOTHING_TO_DO, READING_TO_SETTLE,
    REVOKE_TEAMS_INSTEAD, SHOW_THE_REQUESTS, SKIP_TEAM_GRANTED, WRITING,
};
