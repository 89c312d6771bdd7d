//! What the "Revoke from a list" panel says: its heading, where the names were read from, what each outcome
//! means (a row's words and the counts table's), what the reconciliation covers, and the revoke button's
//! note. The component renders these as they are; the CSV export writes the same words.

use super::read::ListShape;
use super::reconcile::{ListedOutcome, OutcomeKind, Reconciliation, TeamBlock};
use crate::format::{count, plural};
use crate::insight::SeatCoverage;

/// The panel's folded heading.
pub const PANEL_HEADING: &str = "Revoke from a list";

/// What the panel is for, under its heading.
pub const PANEL_HINT: &str =
    "Paste the GitHub logins of people leaving (an offboarding or HR export), or choose a CSV \
file: a column named like login, username or github is read, else the first column. Each name is checked against the \
loaded seats; nothing is revoked until you confirm.";

/// The paste area's label.
pub const PASTE_LABEL: &str = "GitHub logins, or CSV text";

/// The file input's label.
pub const FILE_LABEL: &str = "Or choose a CSV file";

/// The button that reconciles pasted text.
pub const CHECK_BUTTON: &str = "Check the list";

/// The button that proposes the revocable seats to the confirmation dialog.
pub const REVOKE_BUTTON: &str = "Revoke the revocable ones…";

/// The export button.
pub const EXPORT_BUTTON: &str = "Export the table as CSV";

/// The counts table's caption and the names table's.
pub const COUNTS_CAPTION: &str = "Names by outcome";
pub const NAMES_CAPTION: &str = "Each name of the list";

/// How many names the table shows; the export holds every one.
pub const ROWS_SHOWN: usize = 1_000;

/// Under the names table when it shows only the first [`ROWS_SHOWN`]: `None` when it shows them all.
pub fn rows_shown_note(rows: usize) -> Option<String> {
    (rows > ROWS_SHOWN).then(|| {
        format!(
            "Showing the first {} of {}: the export holds every one.",
            count(ROWS_SHOWN),
            plural(rows, "name", "names")
        )
    })
}

/// "12 names read from the column “GitHub Login”."
pub fn read_note(shape: &ListShape, names: usize) -> String {
    let names = plural(names, "name", "names");
    match shape {
        ListShape::Column(header) => format!("{names} read from the column \u{201c}{header}\u{201d}."),
        ListShape::FirstColumn => {
            format!("{names} read from the first column (no column is named login, username or github).")
        }
        ListShape::Names => format!("{names} read."),
    }
}

/// Which seats the names were checked against, and, when they are not every seat, what "no seat" means.
pub fn coverage_note(coverage: &SeatCoverage) -> String {
    let note = format!("Checked against the loaded seats. {}", coverage.figure_note());
    if coverage.holds_every_seat() {
        note
    } else {
        format!("{note} \u{201c}No seat\u{201d} then means none among the seats loaded.")
    }
}

/// The counts table's words for an outcome.
pub fn outcome_heading(kind: OutcomeKind) -> &'static str {
    match kind {
        OutcomeKind::Direct => "Direct seat: revocable",
        OutcomeKind::ThroughTeam => "Seat through a team: revocable only with the whole team",
        OutcomeKind::TeamNotRevocable => "Seat through a team that cannot be revoked from here",
        OutcomeKind::Pending => "Already pending cancellation",
        OutcomeKind::Exempt => "Exempt",
        OutcomeKind::NoSeat => "No seat",
        OutcomeKind::Invalid => "Not a valid GitHub login",
        OutcomeKind::Duplicate => "Listed again",
    }
}

/// The export's word for an outcome.
pub fn outcome_key(kind: OutcomeKind) -> &'static str {
    match kind {
        OutcomeKind::Direct => "direct",
        OutcomeKind::ThroughTeam => "through_team",
        OutcomeKind::TeamNotRevocable => "team_not_revocable",
        OutcomeKind::Pending => "pending_cancellation",
        OutcomeKind::Exempt => "exempt",
        OutcomeKind::NoSeat => "no_seat",
        OutcomeKind::Invalid => "invalid",
        OutcomeKind::Duplicate => "duplicate",
    }
}

/// A row's words: what became of the name, and why.
pub fn outcome_text(outcome: &ListedOutcome) -> String {
    match outcome {
        ListedOutcome::Direct => "Direct seat: revocable by name.".to_owned(),
        ListedOutcome::ThroughTeam { team, others: 0 } => {
            format!("Through team {team}: revocable only by revoking the team, which grants no other loaded seat.")
        }
        ListedOutcome::ThroughTeam { team, others } => format!(
            "Through team {team}: revocable only by revoking the team, which also takes {} not on the list.",
            plural(*others, "other seat", "other seats")
        ),
        ListedOutcome::TeamNotRevocable { team, block: TeamBlock::EnterpriseTeam } => {
            format!("Through enterprise team {team}: managed by the enterprise, not revocable here.")
        }
        ListedOutcome::TeamNotRevocable { team, block: TeamBlock::GrantsExemptSeat } => format!(
            "Through team {team}, which also grants an exempt seat: not revocable by name, and the team is not revoked as a whole."
        ),
        ListedOutcome::Pending => "Already pending cancellation: nothing to do.".to_owned(),
        ListedOutcome::Exempt { reason } => format!("Exempt ({reason}): never proposed for revocation."),
        ListedOutcome::NoSeat => "No seat among the loaded seats.".to_owned(),
        ListedOutcome::Invalid { problem } => format!("Not a valid GitHub login: {problem}"),
        ListedOutcome::Duplicate { first_line } => format!("Listed again: first on line {}.", count(*first_line)),
    }
}

/// Beside the revoke button: what it will propose. "2 seats can be revoked by name; 3 more only by revoking
/// their team (the confirmation offers it)."
pub fn revoke_note(reconciliation: &Reconciliation) -> String {
    let direct = reconciliation.selection.direct.len();
    let through_teams = reconciliation.selection.team_granted_count();
    let by_name = format!("{} by name", plural(direct, "seat can be revoked", "seats can be revoked"));
    if through_teams == 0 {
        format!("{by_name}.")
    } else {
        format!(
            "{by_name}; {} more only by revoking {} (the confirmation offers it, with who else it takes).",
            count(through_teams),
            plural(reconciliation.selection.team_granted.len(), "team", "teams")
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::write::RevokeSelection;

    #[test]
    fn the_read_note_names_the_column_the_names_came_from() {
        assert_eq!(
            read_note(&ListShape::Column("GitHub".into()), 12),
            "12 names read from the column \u{201c}GitHub\u{201d}."
        );
        assert!(read_note(&ListShape::FirstColumn, 1).starts_with("1 name read from the first column"));
        assert_eq!(read_note(&ListShape::Names, 1_200), "1,200 names read.");
    }

    #[test]
    fn a_long_list_says_the_table_shows_only_its_first_names() {
        assert_eq!(rows_shown_note(ROWS_SHOWN), None);
        assert_eq!(
            rows_shown_note(10_000).as_deref(),
            Some("Showing the first 1,000 of 10,000 names: the export holds every one.")
        );
    }

    #[test]
    fn a_partial_load_says_no_seat_means_none_among_those_loaded() {
        let all = SeatCoverage { loaded: 3, complete: true, ..Default::default() };
        assert!(!coverage_note(&all).contains("No seat"), "{}", coverage_note(&all));
        let part = SeatCoverage { loaded: 50, total: Some(2_000), ..Default::default() };
        let note = coverage_note(&part);
        assert!(note.contains("of 2,000 seats") && note.ends_with("none among the seats loaded."), "{note}");
    }

    #[test]
    fn a_team_granted_name_says_its_team_and_who_else_revoking_it_takes() {
        let text = outcome_text(&ListedOutcome::ThroughTeam { team: "eng".into(), others: 1 });
        assert_eq!(
            text,
            "Through team eng: revocable only by revoking the team, which also takes 1 other seat not on the list."
        );
        let alone = outcome_text(&ListedOutcome::ThroughTeam { team: "eng".into(), others: 0 });
        assert!(alone.ends_with("grants no other loaded seat."), "{alone}");
        let blocked = ListedOutcome::TeamNotRevocable { team: "ops".into(), block: TeamBlock::GrantsExemptSeat };
        assert!(outcome_text(&blocked).contains("also grants an exempt seat"));
    }

    #[test]
    fn every_outcome_has_its_own_words_and_key() {
        let headings: std::collections::HashSet<&str> = OutcomeKind::ALL.iter().map(|k| outcome_heading(*k)).collect();
        let keys: std::collections::HashSet<&str> = OutcomeKind::ALL.iter().map(|k| outcome_key(*k)).collect();
        assert_eq!((headings.len(), keys.len()), (OutcomeKind::ALL.len(), OutcomeKind::ALL.len()));
        assert_eq!(outcome_text(&ListedOutcome::Duplicate { first_line: 1_002 }), "Listed again: first on line 1,002.");
        assert_eq!(
            outcome_text(&ListedOutcome::Exempt { reason: "on leave".into() }),
            "Exempt (on leave): never proposed for revocation."
        );
    }

    #[test]
    fn the_revoke_note_counts_by_name_and_through_teams() {
        let mut selection = RevokeSelection { direct: vec!["ada".into()], ..Default::default() };
        let note = |selection: &RevokeSelection| {
            revoke_note(&Reconciliation { selection: selection.clone(), ..Default::default() })
        };
        assert_eq!(note(&selection), "1 seat can be revoked by name.");
        selection.team_granted.insert("eng".into(), vec!["bob".into(), "cy".into()]);
        assert_eq!(
            note(&selection),
            "1 seat can be revoked by name; 2 more only by revoking 1 team (the confirmation offers it, with who else it takes)."
        );
    }
}
