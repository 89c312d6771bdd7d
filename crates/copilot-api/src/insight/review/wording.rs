//! Wording: what the comparison panel says — which two sets are compared, what the earlier file does not
//! tell, each group's name and what it means, and how many users changed.

use chrono::{DateTime, Utc};

use crate::format::{count, exact_date, plural};
use crate::insight::coverage::SeatCoverage;
use crate::insight::status::StatusRules;
use crate::scope::Scope;

use super::diff::{ChangeGroup, Comparison};
use super::read::EarlierExport;

/// The folded panel's heading.
pub const PANEL_HEADING: &str = "Compare with an earlier export";
/// What the panel does, under its heading.
pub const PANEL_HINT: &str = "Choose or drop a seat export of this app (JSON or CSV) taken earlier: every user is put in one group of what changed since. The file is read in this page; nothing is sent.";
/// The file input's label.
pub const FILE_LABEL: &str = "Earlier export (JSON or CSV)";

impl ChangeGroup {
    /// The group's name on its button and in the comparison's CSV.
    pub fn label(self) -> &'static str {
        match self {
            Self::New => "New seats",
            Self::Gone => "Seats gone",
            Self::NewlyIdle => "Newly idle",
            Self::ActiveAgain => "Active again",
            Self::NewlyPending => "Newly pending cancellation",
            Self::GrantedDifferently => "Granted differently",
            Self::Unchanged => "Unchanged",
        }
    }

    /// What the group holds, in a sentence.
    pub fn meaning(self) -> &'static str {
        match self {
            Self::New => "Users with a seat now who had none in the export.",
            Self::Gone => {
                "Users in the export who have no seat now: they are not in the grid, only in the comparison's CSV."
            }
            Self::NewlyIdle => "Idle now (inactive or never used), not idle in the export.",
            Self::ActiveAgain => "In use now, idle or pending cancellation in the export.",
            Self::NewlyPending => "Pending cancellation now, not in the export.",
            Self::GrantedDifferently => "In the same state, but granted through another team, organization or plan.",
            Self::Unchanged => "The same state and the same grants.",
        }
    }

    /// A group's button: its name and how many users are in it.
    pub fn button(self, users: usize) -> String {
        format!("{}: {}", self.label(), count(users))
    }
}

/// The seats noun of an export's scope: an enterprise's rows are grants.
fn seats_of(rows: usize, enterprise: bool) -> String {
    if enterprise {
        plural(rows, "seat grant", "seat grants")
    } else {
        plural(rows, "seat", "seats")
    }
}

/// Which two sets are compared: "Export of 2026-11-02 (threshold 30 days, 1,234 seats, all) against the
/// 2,000 seats loaded now".
pub fn compared_sets(earlier: &EarlierExport, now: &SeatCoverage) -> String {
    let meta = &earlier.meta;
    let rows = earlier.seats.len() + earlier.without_login;
    let enterprise = meta.scope.as_ref().map_or(now.enterprise, Scope::is_enterprise);
    let mut about = Vec::new();
    if let Some(rules) = meta.rules {
        about.push(format!("threshold {}", plural(rules.threshold_days, "day", "days")));
    }
    about.push(seats_of(rows, enterprise));
    about.extend(meta.coverage.clone());
    let what = match meta.exported_at {
        Some(at) => format!("Export of {}", exact_date(at.date_naive())),
        None => "An export that does not say when it was taken".to_owned(),
    };
    let now_part = if now.holds_every_seat() { "" } else { ", not every seat" };
    format!("{what} ({}) against the {} loaded now{now_part}", about.join(", "), seats_of(now.loaded, now.enterprise))
}

/// What to know before reading the groups: the rules today's statuses were decided by (and why), what the
/// file does not say, another scope, partial sets and rows left out.
pub fn comparison_notes(
    earlier: &EarlierExport,
    scope_now: &Scope,
    rules: StatusRules,
    now: &SeatCoverage,
) -> Vec<String> {
    let meta = &earlier.meta;
    let mut notes = Vec::new();
    let rules_words = format!(
        "a threshold of {} and a grace period of {}",
        plural(rules.threshold_days, "day", "days"),
        plural(rules.grace_days, "day", "days")
    );
    if meta.rules.is_some() {
        notes.push(format!(
            "Today's statuses are decided by the export's rules, {rules_words}, so that a threshold changed since does not read as a change."
        ));
    } else {
        notes.push(format!(
            "This export was made before exports said when, whose and by which threshold they were taken: its statuses are read as it wrote them, and today's are decided by the grid's rules, {rules_words}."
        ));
    }
    if let Some(scope) = meta.scope.as_ref().filter(|scope| !scope.is_same(scope_now)) {
        notes.push(format!(
            "This export is of {}, not of {}: most users will show as new or gone.",
            scope.heading().to_lowercase_first(),
            scope_now.heading().to_lowercase_first()
        ));
    }
    if meta.coverage.as_deref() == Some("partial") {
        let note = meta.coverage_note.as_deref().map(|note| format!(" ({note})")).unwrap_or_default();
        notes.push(format!("The export holds only part of the seats{note}: users it left out show as new."));
    }
    if !now.holds_every_seat() {
        notes.push("Only part of today's seats are loaded: users not loaded show as gone. Load all seats for a whole comparison.".to_owned());
    }
    if earlier.without_login > 0 {
        notes.push(format!(
            "{} without a login (deleted accounts) left out.",
            plural(earlier.without_login, "row", "rows")
        ));
    }
    notes
}

/// How many users changed: "7 of 2,003 users changed since the export".
pub fn changed_summary(comparison: &Comparison) -> String {
    format!(
        "{} of {} changed since the export",
        count(comparison.changed()),
        plural(comparison.changes.len(), "user", "users")
    )
}

/// What the panel says while the grid is narrowed to a group.
pub fn grid_shows(group: ChangeGroup) -> String {
    format!("The grid shows the group \u{201c}{}\u{201d}: {}", group.label(), group.meaning())
}

/// What the panel says when the URL asks for a group and no earlier export is loaded (after a reload).
pub fn no_comparison_loaded(group: ChangeGroup) -> String {
    format!(
        "The grid shows the users \u{201c}{}\u{201d} of a comparison, but no earlier export is loaded: choose the file again, or show every seat.",
        group.label().to_lowercase()
    )
}

/// When the earlier export was taken, for the comparison's file: its own moment, or nothing.
pub(super) fn exported_at_text(at: Option<DateTime<Utc>>) -> String {
    at.map(|at| at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)).unwrap_or_default()
}

trait LowercaseFirst {
    fn to_lowercase_first(&self) -> String;
}

impl LowercaseFirst for String {
    /// "Organization acme" in the middle of a sentence: "organization acme".
    fn to_lowercase_first(&self) -> String {
        let mut chars = self.chars();
        chars.next().map(|first| first.to_lowercase().chain(chars).collect()).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::insight::review::diff::{Grant, Snapshot};
    use crate::insight::review::read::{EarlierMeta, EarlierSeat};
    use crate::insight::status::SeatStatus;
    use crate::test_seats::at;

    fn earlier(rows: usize, meta: EarlierMeta) -> EarlierExport {
        let seat = |n: usize| EarlierSeat {
            login: format!("u{n}"),
            organization: String::new(),
            granted_by: "direct".into(),
            plan: "business".into(),
            status: SeatStatus::Active,
        };
        EarlierExport { seats: (0..rows).map(seat).collect(), meta, without_login: 0 }
    }

    fn full_meta() -> EarlierMeta {
        EarlierMeta {
            scope: Some(Scope::Organization("acme".into())),
            exported_at: Some(at("2026-11-02T09:30:00Z")),
            rules: Some(StatusRules::with_threshold(30)),
            coverage: Some("all".into()),
            coverage_note: Some("all 1,234 seats of the organization".into()),
        }
    }

    fn whole(loaded: usize) -> SeatCoverage {
        SeatCoverage { loaded, total: Some(loaded as u64), complete: true, ..SeatCoverage::default() }
    }

    #[test]
    fn the_sentence_names_both_sets_with_the_exports_date_threshold_size_and_coverage() {
        assert_eq!(
            compared_sets(&earlier(1234, full_meta()), &whole(2000)),
            "Export of 2026-11-02 (threshold 30 days, 1,234 seats, all) against the 2,000 seats loaded now"
        );
        let partial = SeatCoverage { loaded: 50, total: Some(2000), ..SeatCoverage::default() };
        assert_eq!(
            compared_sets(&earlier(1, EarlierMeta::default()), &partial),
            "An export that does not say when it was taken (1 seat) against the 50 seats loaded now, not every seat"
        );
    }

    #[test]
    fn notes_say_which_rules_decide_and_what_the_file_does_not_say() {
        let acme = Scope::Organization("acme".into());
        let rules = StatusRules { threshold_days: 30, grace_days: 14 };
        let notes = comparison_notes(&earlier(3, full_meta()), &acme, rules, &whole(3));
        assert_eq!(notes.len(), 1, "{notes:?}");
        assert!(
            notes[0].contains("the export's rules, a threshold of 30 days and a grace period of 14 days"),
            "{notes:?}"
        );
        let mut older = earlier(3, EarlierMeta { coverage: Some("partial".into()), ..EarlierMeta::default() });
        older.without_login = 2;
        let partial = SeatCoverage { loaded: 50, total: Some(2000), ..SeatCoverage::default() };
        let notes = comparison_notes(&older, &acme, rules, &partial);
        assert!(notes[0].starts_with("This export was made before exports said when"), "{notes:?}");
        assert!(notes[0].ends_with("the grid's rules, a threshold of 30 days and a grace period of 14 days."));
        assert!(notes.iter().any(|note| note.starts_with("The export holds only part")));
        assert!(notes.iter().any(|note| note.starts_with("Only part of today's seats")));
        assert!(notes.iter().any(|note| note == "2 rows without a login (deleted accounts) left out."));
        let other = EarlierMeta { scope: Some(Scope::Organization("acme-2".into())), ..full_meta() };
        let notes = comparison_notes(&earlier(3, other), &acme, rules, &whole(3));
        assert!(notes.contains(&"This export is of organization acme-2, not of organization acme: most users will show as new or gone.".to_owned()), "{notes:?}");
    }

    #[test]
    fn buttons_and_the_summary_count_with_separators() {
        assert_eq!(ChangeGroup::NewlyIdle.button(1234), "Newly idle: 1,234");
        let grant = Grant { organization: String::new(), granted_by: "direct".into(), plan: "business".into() };
        let then = Snapshot::from_grants([("a", grant.clone(), SeatStatus::Active)]);
        let now = Snapshot::from_grants([("a", grant.clone(), SeatStatus::Inactive), ("b", grant, SeatStatus::Active)]);
        assert_eq!(changed_summary(&Comparison::new(then, now)), "2 of 2 users changed since the export");
        assert!(no_comparison_loaded(ChangeGroup::NewlyIdle).contains("\u{201c}newly idle\u{201d}"));
    }
}
