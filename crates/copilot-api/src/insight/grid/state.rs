//! Grid state: what the person chose (sort, status, team, editor, plan and organization filters, search,
//! threshold), the columns, and how a header click moves the sort.

use crate::insight::activity_age::ActivityAge;
use crate::insight::review::ChangedFilter;
use crate::insight::status::{SeatStatus, StatusRules, DEFAULT_GRACE_DAYS, DEFAULT_THRESHOLD_DAYS};
use crate::models::PlanType;

/// A column of the grid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Column {
    Login,
    Organization,
    GrantedBy,
    Created,
    LastActivity,
    Editor,
    LastAuthenticated,
    Plan,
    PendingCancellation,
    Status,
}

impl Column {
    /// Every column, in display order: what an enterprise's grid shows.
    pub const ALL: [Column; 10] = [
        Self::Login,
        Self::Organization,
        Self::GrantedBy,
        Self::Created,
        Self::LastActivity,
        Self::Editor,
        Self::LastAuthenticated,
        Self::Plan,
        Self::PendingCancellation,
        Self::Status,
    ];

    /// An organization's grid: the organization column would repeat one name on every row.
    pub fn for_organization() -> impl Iterator<Item = Column> {
        Self::ALL.into_iter().filter(|column| *column != Self::Organization)
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Login => "Login",
            Self::Organization => "Organization",
            Self::GrantedBy => "Granted by",
            Self::Created => "Created",
            Self::LastActivity => "Last activity",
            Self::Editor => "Editor",
            Self::LastAuthenticated => "Last authenticated",
            Self::Plan => "Plan",
            Self::PendingCancellation => "Pending cancellation",
            Self::Status => "Status",
        }
    }

    /// The stable spelling used in URLs.
    pub fn key(self) -> &'static str {
        match self {
            Self::Login => "login",
            Self::Organization => "organization",
            Self::GrantedBy => "granted_by",
            Self::Created => "created",
            Self::LastActivity => "last_activity",
            Self::Editor => "editor",
            Self::LastAuthenticated => "last_authenticated",
            Self::Plan => "plan",
            Self::PendingCancellation => "pending_cancellation",
            Self::Status => "status",
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|column| column.key() == key)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum SortDirection {
    #[default]
    Ascending,
    Descending,
}

/// `aria-sort` of a column header: how the table is sorted by it, if at all.
pub fn aria_sort<C: PartialEq>(sort: Option<(C, SortDirection)>, column: C) -> &'static str {
    match sort {
        Some((current, SortDirection::Ascending)) if current == column => "ascending",
        Some((current, SortDirection::Descending)) if current == column => "descending",
        _ => "none",
    }
}

impl SortDirection {
    pub fn key(self) -> &'static str {
        match self {
            Self::Ascending => "asc",
            Self::Descending => "desc",
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        match key {
            "asc" => Some(Self::Ascending),
            "desc" => Some(Self::Descending),
            _ => None,
        }
    }
}

/// What a click on a column header does: a new column sorts ascending, the same column flips to
/// descending, a third click goes back to GitHub's order.
pub fn sort_after_click(current: Option<(Column, SortDirection)>, clicked: Column) -> Option<(Column, SortDirection)> {
    match current {
        Some((column, SortDirection::Ascending)) if column == clicked => Some((clicked, SortDirection::Descending)),
        Some((column, SortDirection::Descending)) if column == clicked => None,
        _ => Some((clicked, SortDirection::Ascending)),
    }
}

/// A set of statuses to show; empty shows every status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct StatusSet(u8);

impl StatusSet {
    pub fn new() -> Self {
        Self(0)
    }

    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    pub fn contains(self, status: SeatStatus) -> bool {
        self.0 & status.bit() != 0
    }

    /// Whether a seat of this status passes the filter (an empty set passes everything).
    pub fn admits(self, status: SeatStatus) -> bool {
        self.is_empty() || self.contains(status)
    }

    pub fn insert(&mut self, status: SeatStatus) {
        self.0 |= status.bit();
    }

    pub fn remove(&mut self, status: SeatStatus) {
        self.0 &= !status.bit();
    }

    /// What a click on a status chip does.
    pub fn toggle(&mut self, status: SeatStatus) {
        self.0 ^= status.bit();
    }

    pub fn iter(self) -> impl Iterator<Item = SeatStatus> {
        SeatStatus::ALL.into_iter().filter(move |status| self.contains(*status))
    }

    /// The statuses that cost money without use ([`SeatStatus::is_idle`]), and with `include_signed_in`
    /// "signed in, no activity" too: what "select all inactive" shows once it has selected them. GitHub
    /// records activity from IDE telemetry, so a seat signed in recently may be in use: it is proposed
    /// only when asked.
    pub fn reclaim(include_signed_in: bool) -> Self {
        SeatStatus::ALL
            .into_iter()
            .filter(|status| status.is_idle() || (include_signed_in && *status == SeatStatus::SignedInNoActivity))
            .collect()
    }
}

impl FromIterator<SeatStatus> for StatusSet {
    fn from_iter<I: IntoIterator<Item = SeatStatus>>(statuses: I) -> Self {
        let mut set = Self::new();
        statuses.into_iter().for_each(|status| set.insert(status));
        set
    }
}

/// How a seat was granted, as the team filter chooses it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum TeamFilter {
    /// Assigned to the user directly, through no team.
    Direct,
    /// Through the team with this slug (compared without regard to case).
    Team(String),
}

/// Everything a person chose about the grid; all of it lives in the URL (see `view_state`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct GridState {
    /// `None` keeps GitHub's order.
    pub sort: Option<(Column, SortDirection)>,
    pub statuses: StatusSet,
    pub team: Option<TeamFilter>,
    /// An editor id as [`EditorInfo::key`] gives it (`vscode`, `jetbrains-ic`).
    pub editor: Option<String>,
    pub plan: Option<PlanType>,
    /// An organization login (enterprise seat lists only).
    pub organization: Option<String>,
    /// Part of a login, any case; a leading `@` is ignored.
    pub search: String,
    pub threshold_days: u32,
    /// Seats younger than this are "new" rather than idle; 0 turns the grace period off.
    pub grace_days: u32,
    /// The users of one group of a comparison with an earlier export (`insight::review::filter`).
    pub changed: Option<ChangedFilter>,
    /// Days since the last activity, in the dashboard's bins (a click on the activity chart).
    pub activity_age: Option<ActivityAge>,
}

impl Default for GridState {
    fn default() -> Self {
        Self {
            sort: None,
            statuses: StatusSet::new(),
            team: None,
            editor: None,
            plan: None,
            organization: None,
            search: String::new(),
            threshold_days: DEFAULT_THRESHOLD_DAYS,
            grace_days: DEFAULT_GRACE_DAYS,
            changed: None,
            activity_age: None,
        }
    }
}

impl GridState {
    /// The rules every status on screen is decided by.
    pub fn status_rules(&self) -> StatusRules {
        StatusRules { threshold_days: self.threshold_days, grace_days: self.grace_days }
    }

    /// Whether anything narrows the rows (the threshold and the sort do not).
    pub fn is_filtered(&self) -> bool {
        !self.statuses.is_empty()
            || self.team.is_some()
            || self.editor.is_some()
            || self.plan.is_some()
            || self.organization.is_some()
            || self.activity_age.is_some()
            || !search_needle(&self.search).is_empty()
            || self.changed.is_some()
    }

    /// Whether the two states choose the same seats by the same rules, whatever their sort.
    pub fn equal_but_for_sort(&self, other: &GridState) -> bool {
        // Every field named, so that a new one cannot be left out of the comparison.
        let GridState {
            sort: _,
            statuses,
            team,
            editor,
            plan,
            organization,
            search,
            threshold_days,
            grace_days,
            changed,
            activity_age,
        } = self;
        *statuses == other.statuses
            && *team == other.team
            && *editor == other.editor
            && *plan == other.plan
            && *organization == other.organization
            && *search == other.search
            && *threshold_days == other.threshold_days
            && *grace_days == other.grace_days
            && *changed == other.changed
            && *activity_age == other.activity_age
    }
}

pub(super) fn search_needle(search: &str) -> String {
    let trimmed = search.trim();
    trimmed.strip_prefix('@').unwrap_or(trimmed).to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::insight::grid::test_support::sorted_by;

    #[test]
    fn header_clicks_cycle_ascending_descending_and_off() {
        let first = sort_after_click(None, Column::Login);
        assert_eq!(first, Some((Column::Login, SortDirection::Ascending)));
        let second = sort_after_click(first, Column::Login);
        assert_eq!(second, Some((Column::Login, SortDirection::Descending)));
        assert_eq!(sort_after_click(second, Column::Login), None);
        assert_eq!(sort_after_click(second, Column::Plan), Some((Column::Plan, SortDirection::Ascending)));
    }

    #[test]
    fn status_sets_toggle_and_an_empty_set_admits_everything() {
        let mut set = StatusSet::new();
        assert!(SeatStatus::ALL.iter().all(|status| set.admits(*status)));
        set.toggle(SeatStatus::Inactive);
        assert!(set.admits(SeatStatus::Inactive) && !set.admits(SeatStatus::Active));
        set.insert(SeatStatus::NeverUsed);
        assert_eq!(set.iter().collect::<Vec<_>>(), [SeatStatus::Inactive, SeatStatus::NeverUsed]);
        set.toggle(SeatStatus::Inactive);
        set.remove(SeatStatus::NeverUsed);
        assert!(set.is_empty());
    }

    #[test]
    fn column_keys_round_trip_and_organization_grids_hide_the_organization_column() {
        for column in Column::ALL {
            assert_eq!(Column::from_key(column.key()), Some(column));
        }
        assert_eq!(Column::from_key("nope"), None);
        assert!(!Column::for_organization().any(|column| column == Column::Organization));
        assert_eq!(Column::for_organization().count(), 9);
    }

    #[test]
    fn is_filtered_ignores_sort_threshold_and_blank_search() {
        assert!(!GridState {
            search: "  ".into(),
            threshold_days: 7,
            ..sorted_by(Column::Login, SortDirection::Ascending)
        }
        .is_filtered());
        assert!(GridState { plan: Some(PlanType::Business), ..GridState::default() }.is_filtered());
    }

    #[test]
    fn equal_but_for_sort_looks_at_everything_but_the_sort() {
        let sorted = sorted_by(Column::Login, SortDirection::Ascending);
        assert!(sorted.equal_but_for_sort(&GridState::default()));
        assert!(sorted.equal_but_for_sort(&sorted_by(Column::Plan, SortDirection::Descending)));
        for other in [
            GridState { search: "a".into(), ..GridState::default() },
            GridState { threshold_days: 7, ..GridState::default() },
            GridState { grace_days: 0, ..GridState::default() },
            GridState { plan: Some(PlanType::Business), ..GridState::default() },
            GridState { team: Some(TeamFilter::Direct), ..GridState::default() },
            GridState { statuses: [SeatStatus::Inactive].into_iter().collect(), ..GridState::default() },
        ] {
            assert!(!sorted.equal_but_for_sort(&other), "{other:?}");
        }
    }
}
