//! The view: `grid_view(index, state, prices, now)`, one pass of integer comparisons over the index giving
//! the rows to show in order, the status counters and the idle cost.

use chrono::{DateTime, Utc};
use rustc_hash::FxHashMap;

use super::index::SeatIndex;
use super::order::{sort_rows, SortedSeats};
use super::state::{search_needle, GridState, StatusSet, TeamFilter};
use crate::insight::activity_age::ActivityAge;
use crate::insight::cost::{idle_cost_of, BilledGrant, IdleSeatCost, SeatPrices};
use crate::insight::status::{status_from_times, SeatStatus, StatusRules};
use crate::models::PlanType;

/// How many seats have each status.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct StatusCounts {
    pub active: usize,
    pub new: usize,
    pub signed_in_no_activity: usize,
    pub inactive: usize,
    pub never_used: usize,
    pub pending_cancellation: usize,
}

impl StatusCounts {
    pub fn get(&self, status: SeatStatus) -> usize {
        match status {
            SeatStatus::Active => self.active,
            SeatStatus::New => self.new,
            SeatStatus::SignedInNoActivity => self.signed_in_no_activity,
            SeatStatus::Inactive => self.inactive,
            SeatStatus::NeverUsed => self.never_used,
            SeatStatus::PendingCancellation => self.pending_cancellation,
        }
    }

    pub fn total(&self) -> usize {
        SeatStatus::ALL.into_iter().map(|status| self.get(status)).sum()
    }

    pub(crate) fn add(&mut self, status: SeatStatus) {
        match status {
            SeatStatus::Active => self.active += 1,
            SeatStatus::New => self.new += 1,
            SeatStatus::SignedInNoActivity => self.signed_in_no_activity += 1,
            SeatStatus::Inactive => self.inactive += 1,
            SeatStatus::NeverUsed => self.never_used += 1,
            SeatStatus::PendingCancellation => self.pending_cancellation += 1,
        }
    }
}

/// What the grid shows for one state at one moment.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GridView {
    /// Indices into the seat list (and the index), filtered and in display order.
    pub rows: Vec<usize>,
    /// The status of every loaded seat, by seat index (not only of the rows shown).
    pub statuses: Vec<SeatStatus>,
    /// Over all loaded seats.
    pub total_counts: StatusCounts,
    /// Over the seats that pass every filter except the status filter: what each status chip would show
    /// if clicked, given the other filters.
    pub filtered_counts: StatusCounts,
    /// What inactive and never-used seats cost a month, over all loaded seats.
    pub idle_cost: IdleSeatCost,
    /// The same over the rows shown.
    pub filtered_idle_cost: IdleSeatCost,
    /// The same over the seats of `filtered_counts` (every filter but the status filter): what the status
    /// chart's idle bars cost while a status filter hides them from the rows.
    pub filtered_counts_idle_cost: IdleSeatCost,
    /// `rows` in seat order, kept when a sort reordered them (None: `rows` is in seat order). What counts
    /// the rows reads them in this order: at 100,000 seats, reading the index in a sorted order misses the
    /// cache at almost every seat, and counting took several times as long.
    rows_in_seat_order: Option<Vec<usize>>,
}

impl GridView {
    pub fn status(&self, seat_index: usize) -> Option<SeatStatus> {
        self.statuses.get(seat_index).copied()
    }

    /// The rows shown, in seat order rather than display order: for whatever counts them.
    pub fn rows_in_seat_order(&self) -> &[usize] {
        self.rows_in_seat_order.as_deref().unwrap_or(&self.rows)
    }

    /// Whether `other` shows the same seats with the same figures, in whatever order: a sort changes
    /// nothing that is counted.
    pub fn counts_the_same_as(&self, other: &GridView) -> bool {
        self.rows_in_seat_order() == other.rows_in_seat_order()
            && self.statuses == other.statuses
            && self.total_counts == other.total_counts
            && self.filtered_counts == other.filtered_counts
            && self.idle_cost == other.idle_cost
            && self.filtered_idle_cost == other.filtered_idle_cost
            && self.filtered_counts_idle_cost == other.filtered_counts_idle_cost
    }

    /// The seat indices of every idle seat loaded ([`SeatStatus::is_idle`]), whatever the filters, and with
    /// `include_signed_in` the seats signed in without activity too: what "select all inactive" selects
    /// ([`StatusSet::reclaim`]).
    pub fn reclaim_candidates(&self, include_signed_in: bool) -> impl Iterator<Item = usize> + '_ {
        let wanted = StatusSet::reclaim(include_signed_in);
        self.statuses.iter().enumerate().filter(move |(_, status)| wanted.contains(**status)).map(|(seat, _)| seat)
    }
}

/// The grid for `state` at `now`. A threshold outside 1..=3650 days is brought into that range.
pub fn grid_view(index: &SeatIndex, state: &GridState, prices: &SeatPrices, now: DateTime<Utc>) -> GridView {
    grid_view_in_order(index, state, prices, now, None)
}

/// The same, with every seat already in the order of the state's sort, when `sorted` is of this index and
/// sort: the rows are then taken from it rather than sorted again (a filter's change keeps the sort).
///
/// `sorted` must have been made from this very index: one of another index with as many seats (the same
/// seats indexed for another plan, say) is not told apart, and would give its order. The grid makes it in a
/// memo of the index it views.
pub fn grid_view_in_order(
    index: &SeatIndex,
    state: &GridState,
    prices: &SeatPrices,
    now: DateTime<Utc>,
    sorted: Option<&SortedSeats>,
) -> GridView {
    let filter = RowFilter::new(index, state, now.timestamp());
    let needle = search_needle(&state.search);
    let search_hits = (!needle.is_empty()).then(|| index.login_matches(&needle));

    let statuses = statuses_at(index, now, state.status_rules());
    let mut total_counts = StatusCounts::default();
    let mut filtered_counts = StatusCounts::default();
    let mut rows = Vec::new();
    // The seats of `filtered_counts`, kept only when the status filter makes them differ from the rows.
    let mut any_status = Vec::new();
    for ((position, row), &status) in index.hot.iter().enumerate().zip(&statuses) {
        total_counts.add(status);
        let found = search_hits.as_ref().is_none_or(|hits| hits.get(position).copied().unwrap_or(false));
        let changed = state.changed.as_ref().is_none_or(|changed| changed.admits(index.login_line(position)));
        if found && changed && filter.admits(row) {
            filtered_counts.add(status);
            if !state.statuses.is_empty() {
                any_status.push(position);
            }
            if state.statuses.admits(status) {
                rows.push(position);
            }
        }
    }

    // Costed in seat order, before any sort (see `rows_in_seat_order`).
    let grant = |position: usize| {
        let row = &index.hot[position];
        BilledGrant { user: row.user, status: statuses[position], plan: row.plan }
    };
    let idle_cost = idle_cost_of((0..index.hot.len()).map(grant), index.user_count, prices);
    let filtered_idle_cost = idle_cost_of(rows.iter().map(|&position| grant(position)), index.user_count, prices);
    let filtered_counts_idle_cost = if state.statuses.is_empty() {
        filtered_idle_cost
    } else {
        idle_cost_of(any_status.iter().map(|&position| grant(position)), index.user_count, prices)
    };

    let rows_in_seat_order = state.sort.map(|(column, direction)| {
        let in_seat_order = std::mem::take(&mut rows);
        rows = match sorted.filter(|sorted| sorted.serves(index, (column, direction))) {
            Some(sorted) => sorted.the_rows(&in_seat_order),
            None => {
                let mut sorting = in_seat_order.clone();
                sort_rows(&mut sorting, index, |position| statuses[position], column, direction);
                sorting
            }
        };
        in_seat_order
    });

    GridView {
        rows,
        statuses,
        total_counts,
        filtered_counts,
        idle_cost,
        filtered_idle_cost,
        filtered_counts_idle_cost,
        rows_in_seat_order,
    }
}

/// The status of every indexed seat at `now`, by seat index, for rules brought into their ranges
/// ([`StatusRules::clamped`]): what the grid shows, and what the enterprise breakdown counts.
pub fn statuses_at(index: &SeatIndex, now: DateTime<Utc>, rules: StatusRules) -> Vec<SeatStatus> {
    let now_seconds = now.timestamp();
    let rules = rules.clamped();
    index.hot.iter().map(|row| status_from_times(&row.times(), now_seconds, rules)).collect()
}

/// A filter on one of the index's numbered values.
enum IdFilter {
    Any,
    Is(Option<u32>),
    /// The value asked for is on no loaded seat (a stale link, say): nothing matches.
    Nothing,
}

impl IdFilter {
    fn lookup(wanted: Option<&str>, ids: &FxHashMap<String, u32>) -> Self {
        match wanted {
            None => Self::Any,
            Some(wanted) => ids.get(&wanted.to_lowercase()).map_or(Self::Nothing, |id| Self::Is(Some(*id))),
        }
    }

    fn admits(&self, id: Option<u32>) -> bool {
        match self {
            Self::Any => true,
            Self::Is(wanted) => *wanted == id,
            Self::Nothing => false,
        }
    }
}

/// The non-status filters, resolved to the index's numbers once per view rather than once per row.
struct RowFilter {
    team: IdFilter,
    editor: IdFilter,
    organization: IdFilter,
    plan: Option<PlanType>,
    /// The activity bin asked for, and now in epoch seconds.
    age: Option<(ActivityAge, i64)>,
}

impl RowFilter {
    fn new(index: &SeatIndex, state: &GridState, now_seconds: i64) -> Self {
        Self {
            team: match &state.team {
                Some(TeamFilter::Direct) => IdFilter::Is(None),
                Some(TeamFilter::Team(slug)) => IdFilter::lookup(Some(slug), &index.team_ids),
                None => IdFilter::Any,
            },
            editor: IdFilter::lookup(state.editor.as_deref(), &index.editor_ids),
            organization: IdFilter::lookup(state.organization.as_deref(), &index.organization_ids),
            plan: state.plan,
            age: state.activity_age.map(|age| (age, now_seconds)),
        }
    }

    fn admits(&self, row: &super::index::HotRow) -> bool {
        self.team.admits(row.team)
            && self.editor.admits(row.editor)
            && self.organization.admits(row.organization)
            && self.plan.is_none_or(|plan| plan == row.plan)
            && self.age.is_none_or(|(age, now)| ActivityAge::of(row.last_activity, now) == age)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::insight::grid::test_support::{fixture, logins, sorted_by, view_with, NOW};
    use crate::insight::grid::{Column, SortDirection};
    use std::cmp::Ordering;

    use crate::insight::cost::effective_plan;
    use crate::insight::grid::{SeatRow, GHOST_LOGIN};
    use crate::models::Seat;
    use crate::test_seats::{at, seat};

    #[test]
    fn without_sort_or_filter_every_seat_shows_in_github_order() {
        let seats = fixture();
        let view = view_with(&seats, &GridState::default());
        assert_eq!(view.rows, vec![0, 1, 2, 3, 4]);
        assert_eq!(view.statuses[2], SeatStatus::NeverUsed);
    }

    #[test]
    fn the_idle_seats_are_the_inactive_and_never_used_ones_whatever_the_filters() {
        let seats = fixture();
        let state = GridState { statuses: [SeatStatus::Active].into_iter().collect(), ..GridState::default() };
        let view = view_with(&seats, &state);
        assert_eq!(view.reclaim_candidates(false).collect::<Vec<_>>(), vec![1, 2, 4]);
        let idle = crate::insight::grid::StatusSet::reclaim(false);
        assert_eq!(idle.iter().collect::<Vec<_>>(), vec![SeatStatus::Inactive, SeatStatus::NeverUsed]);
    }

    #[test]
    fn the_statuses_alone_are_the_grids_and_a_threshold_out_of_range_is_brought_in() {
        let seats = fixture();
        let index = SeatIndex::new(&seats, None);
        let view = view_with(&seats, &GridState { threshold_days: 90, ..GridState::default() });
        assert_eq!(statuses_at(&index, at(NOW), StatusRules::with_threshold(90)), view.statuses);
        assert_eq!(
            statuses_at(&index, at(NOW), StatusRules::with_threshold(0)),
            statuses_at(&index, at(NOW), StatusRules::with_threshold(1))
        );
    }

    #[test]
    fn counts_cover_all_seats_by_status() {
        let seats = fixture();
        let view = view_with(&seats, &GridState::default());
        assert_eq!(
            view.total_counts,
            StatusCounts { active: 1, inactive: 2, never_used: 1, pending_cancellation: 1, ..StatusCounts::default() }
        );
        assert_eq!(view.total_counts.total(), 5);
        assert_eq!(view.total_counts.get(SeatStatus::Inactive), 2);
    }

    #[test]
    fn the_threshold_moves_seats_between_active_and_inactive() {
        let seats = fixture();
        let week = view_with(&seats, &GridState { threshold_days: 7, ..GridState::default() });
        assert_eq!(week.total_counts.active, 1);
        let season = view_with(&seats, &GridState { threshold_days: 90, ..GridState::default() });
        assert_eq!((season.total_counts.active, season.total_counts.inactive), (2, 1));
        let silly = view_with(&seats, &GridState { threshold_days: 0, ..GridState::default() });
        assert_eq!(silly.total_counts.active, 1, "a threshold of 0 is read as 1 day");
    }

    #[test]
    fn idle_cost_prices_inactive_and_never_used_seats_by_plan() {
        let seats = fixture();
        let view = view_with(&seats, &GridState::default());
        // hubot (Enterprise, $39) and alice (Business, $19) inactive; octocat never used ($19).
        assert_eq!(view.idle_cost.inactive_cents, 5800);
        assert_eq!(view.idle_cost.never_used_cents, 1900);
        assert_eq!(view.idle_cost.total_seats(), 3);
    }

    #[test]
    fn the_organization_plan_prices_seats_that_carry_no_plan() {
        let seats = fixture();
        let index = SeatIndex::new(&seats, Some(PlanType::Enterprise));
        let view = grid_view(&index, &GridState::default(), &SeatPrices::default(), at(NOW));
        assert_eq!(view.idle_cost.total_cents(), 3 * 3900);
    }

    #[test]
    fn filtering_by_status_keeps_only_those_statuses_and_counts_stay_whole() {
        let seats = fixture();
        let state = GridState {
            statuses: [SeatStatus::Inactive, SeatStatus::NeverUsed].into_iter().collect(),
            ..GridState::default()
        };
        let view = view_with(&seats, &state);
        assert_eq!(view.rows, vec![1, 2, 4]);
        assert_eq!(view.total_counts.total(), 5);
        assert_eq!(view.filtered_idle_cost, view.idle_cost);
    }

    #[test]
    fn filtered_counts_ignore_the_status_filter_but_honour_the_others() {
        let seats = fixture();
        let state = GridState {
            team: Some(TeamFilter::Team("devs".into())),
            statuses: [SeatStatus::Active].into_iter().collect(),
            ..GridState::default()
        };
        let view = view_with(&seats, &state);
        assert_eq!(logins(&seats, &view), ["mona"]);
        assert_eq!(
            view.filtered_counts,
            StatusCounts { active: 1, inactive: 1, never_used: 0, pending_cancellation: 0, ..StatusCounts::default() }
        );
        assert_eq!(view.filtered_idle_cost, IdleSeatCost::default());
        // alice, inactive in devs, costs $19 a month though the status filter hides her.
        assert_eq!(view.filtered_counts_idle_cost.total_cents(), 1900);
    }

    #[test]
    fn filtering_by_team_or_direct_grant() {
        let seats = fixture();
        let devs =
            view_with(&seats, &GridState { team: Some(TeamFilter::Team("DEVS".into())), ..GridState::default() });
        assert_eq!(logins(&seats, &devs), ["mona", "alice"]);
        let direct = view_with(&seats, &GridState { team: Some(TeamFilter::Direct), ..GridState::default() });
        assert_eq!(logins(&seats, &direct), ["Hubot", "octocat"]);
    }

    #[test]
    fn filtering_by_editor_and_plan() {
        let seats = fixture();
        let vscode = view_with(&seats, &GridState { editor: Some("VSCode".into()), ..GridState::default() });
        assert_eq!(logins(&seats, &vscode), ["mona", "bob", "alice"]);
        let enterprise = view_with(&seats, &GridState { plan: Some(PlanType::Enterprise), ..GridState::default() });
        assert_eq!(logins(&seats, &enterprise), ["Hubot"]);
        let nothing = view_with(&seats, &GridState { editor: Some("emacs".into()), ..GridState::default() });
        assert!(nothing.rows.is_empty());
    }

    #[test]
    fn search_matches_part_of_a_login_in_any_case() {
        let seats = fixture();
        let search =
            |text: &str| logins(&seats, &view_with(&seats, &GridState { search: text.into(), ..GridState::default() }));
        assert_eq!(search("HU"), ["Hubot"]);
        assert_eq!(search("  @oct "), ["octocat"]);
        assert_eq!(search("o"), ["mona", "Hubot", "octocat", "bob"]);
        assert!(search("zzz").is_empty());
        assert_eq!(search("   ").len(), 5);
    }

    #[test]
    fn filters_combine_with_and() {
        let seats = fixture();
        let state =
            GridState { team: Some(TeamFilter::Team("devs".into())), search: "ali".into(), ..GridState::default() };
        assert_eq!(logins(&seats, &view_with(&seats, &state)), ["alice"]);
    }

    #[test]
    fn a_sorted_view_keeps_its_rows_in_seat_order_too_and_counts_the_same_as_the_unsorted_one() {
        let seats = fixture();
        let state = GridState { search: "o".into(), ..GridState::default() };
        let unsorted = view_with(&seats, &state);
        let sorted = view_with(&seats, &GridState { sort: Some((Column::Login, SortDirection::Descending)), ..state });
        assert_eq!(unsorted.rows_in_seat_order(), unsorted.rows.as_slice());
        assert_eq!(sorted.rows_in_seat_order(), [0, 1, 2, 3]);
        assert_eq!(logins(&seats, &sorted), ["octocat", "mona", "Hubot", "bob"]);
        assert!(sorted.counts_the_same_as(&unsorted) && unsorted.counts_the_same_as(&sorted));
        assert_ne!(sorted, unsorted, "the order still tells them apart");
        let fewer = view_with(&seats, &GridState { search: "ob".into(), ..GridState::default() });
        assert!(!fewer.counts_the_same_as(&unsorted));
        let later = view_with(&seats, &GridState { search: "o".into(), threshold_days: 60, ..GridState::default() });
        assert!(!later.counts_the_same_as(&unsorted), "the same seats with other statuses");
    }

    #[test]
    fn sorting_by_login_ignores_case() {
        let seats = fixture();
        let view = view_with(&seats, &sorted_by(Column::Login, SortDirection::Ascending));
        assert_eq!(logins(&seats, &view), ["alice", "bob", "Hubot", "mona", "octocat"]);
        let view = view_with(&seats, &sorted_by(Column::Login, SortDirection::Descending));
        assert_eq!(logins(&seats, &view), ["octocat", "mona", "Hubot", "bob", "alice"]);
    }

    #[test]
    fn sorting_by_last_activity_puts_never_used_seats_last_in_both_directions() {
        let seats = fixture();
        let up = view_with(&seats, &sorted_by(Column::LastActivity, SortDirection::Ascending));
        assert_eq!(logins(&seats, &up), ["alice", "Hubot", "bob", "mona", "octocat"]);
        let down = view_with(&seats, &sorted_by(Column::LastActivity, SortDirection::Descending));
        assert_eq!(logins(&seats, &down), ["mona", "bob", "Hubot", "alice", "octocat"]);
    }

    #[test]
    fn sorting_by_editor_orders_names_then_versions_numerically() {
        let seats = fixture();
        let view = view_with(&seats, &sorted_by(Column::Editor, SortDirection::Ascending));
        // JetBrains…, then VS Code 1.9.0 < 1.80.0 < 1.90.0, then no editor.
        assert_eq!(logins(&seats, &view), ["Hubot", "alice", "bob", "mona", "octocat"]);
    }

    #[test]
    fn ties_are_broken_by_login_then_organization() {
        let seats = vec![
            seat("zed").org("b-org").build(),
            seat("amy").org("z-org").build(),
            seat("zed").org("a-org").build(),
            seat("Amy").org("a-org").build(),
        ];
        let view = view_with(&seats, &sorted_by(Column::Plan, SortDirection::Descending));
        let pairs: Vec<_> = view
            .rows
            .iter()
            .map(|&i| (seats[i].login().unwrap_or_default(), seats[i].organization.as_ref().map(|o| o.login.as_str())))
            .collect();
        assert_eq!(
            pairs,
            [("Amy", Some("a-org")), ("amy", Some("z-org")), ("zed", Some("a-org")), ("zed", Some("b-org"))]
        );
    }

    #[test]
    fn the_same_login_in_two_organizations_keeps_organization_order_in_both_directions() {
        let seats = vec![seat("b").org("zz").build(), seat("B").org("aa").build(), seat("a").build()];
        let down = view_with(&seats, &sorted_by(Column::Login, SortDirection::Descending));
        assert_eq!(down.rows, vec![1, 0, 2]);
        let up = view_with(&seats, &sorted_by(Column::Login, SortDirection::Ascending));
        assert_eq!(up.rows, vec![2, 1, 0]);
    }

    #[test]
    fn sorting_by_granted_by_puts_direct_grants_first_then_teams_by_name() {
        let seats = fixture();
        let view = view_with(&seats, &sorted_by(Column::GrantedBy, SortDirection::Ascending));
        assert_eq!(logins(&seats, &view), ["Hubot", "octocat", "alice", "mona", "bob"]);
    }

    #[test]
    fn sorting_by_status_and_pending_cancellation() {
        let seats = fixture();
        let by_status = view_with(&seats, &sorted_by(Column::Status, SortDirection::Ascending));
        assert_eq!(logins(&seats, &by_status), ["mona", "alice", "Hubot", "octocat", "bob"]);
        let by_pending = view_with(&seats, &sorted_by(Column::PendingCancellation, SortDirection::Descending));
        assert_eq!(logins(&seats, &by_pending)[0], "bob");
    }

    #[test]
    fn sorting_by_created_and_last_authenticated() {
        let seats = vec![
            seat("a").created("2024-03-01T00:00:00Z").build(),
            seat("b").created("2024-01-01T00:00:00Z").last_authenticated("2024-06-01T00:00:00Z").build(),
            seat("c").created("2024-02-01T00:00:00Z").last_authenticated("2024-05-01T00:00:00Z").build(),
        ];
        assert_eq!(
            logins(&seats, &view_with(&seats, &sorted_by(Column::Created, SortDirection::Ascending))),
            ["b", "c", "a"]
        );
        let auth = view_with(&seats, &sorted_by(Column::LastAuthenticated, SortDirection::Descending));
        assert_eq!(logins(&seats, &auth), ["b", "c", "a"]);
    }

    #[test]
    fn deleted_accounts_sort_last_by_login_and_never_match_a_search() {
        let seats = vec![seat("x").ghost().build(), seat("bea").build()];
        let view = view_with(&seats, &sorted_by(Column::Login, SortDirection::Descending));
        assert_eq!(view.rows, vec![1, 0]);
        let search = view_with(&seats, &GridState { search: "g".into(), ..GridState::default() });
        assert!(search.rows.is_empty());
        let index = SeatIndex::new(&seats, None);
        assert_eq!(index.row(0).map(SeatRow::login_or_ghost), Some(GHOST_LOGIN));
    }

    #[test]
    fn enterprise_grids_filter_and_sort_by_organization() {
        let seats = vec![seat("a").org("Zeta").build(), seat("b").org("alpha").build(), seat("c").build()];
        let by_org = view_with(&seats, &sorted_by(Column::Organization, SortDirection::Descending));
        assert_eq!(logins(&seats, &by_org), ["a", "b", "c"]);
        let alpha = view_with(&seats, &GridState { organization: Some("ALPHA".into()), ..GridState::default() });
        assert_eq!(logins(&seats, &alpha), ["b"]);
    }

    #[test]
    fn an_empty_seat_list_gives_an_empty_view() {
        let view = view_with(&[], &sorted_by(Column::Login, SortDirection::Ascending));
        assert!(view.rows.is_empty());
        assert_eq!(view.total_counts.total(), 0);
        assert_eq!(view.idle_cost.total_cents(), 0);
    }

    #[test]
    fn a_search_never_matches_across_two_logins() {
        let seats = vec![seat("ab").build(), seat("cd").build()];
        for needle in ["bc", "b\nc", "ab\ncd"] {
            let view = view_with(&seats, &GridState { search: needle.into(), ..GridState::default() });
            assert!(view.rows.is_empty(), "{needle:?}");
        }
        let view = view_with(&seats, &GridState { search: "d".into(), ..GridState::default() });
        assert_eq!(view.rows, vec![1]);
    }

    #[test]
    fn a_filter_value_no_seat_has_matches_nothing() {
        let seats = fixture();
        for state in [
            GridState { team: Some(TeamFilter::Team("gone".into())), ..GridState::default() },
            GridState { editor: Some("emacs".into()), ..GridState::default() },
            GridState { organization: Some("elsewhere".into()), ..GridState::default() },
        ] {
            let view = view_with(&seats, &state);
            assert!(view.rows.is_empty(), "{state:?}");
            assert_eq!(view.filtered_counts.total(), 0);
            assert_eq!(view.total_counts.total(), 5);
        }
    }

    #[test]
    fn the_idle_cost_of_an_enterprise_counts_a_user_once() {
        let seats = vec![
            seat("mona").org("a").build(),
            seat("mona").org("b").build(),
            seat("hubot").org("a").last_activity("2024-01-01T00:00:00Z").build(),
        ];
        let view = view_with(&seats, &GridState::default());
        assert_eq!(view.total_counts.never_used, 2, "the grid still lists every grant");
        assert_eq!(view.idle_cost.never_used_seats, 1);
        assert_eq!(view.idle_cost.total_cents(), 2 * 1900);
    }

    mod sorting_matches_a_plain_comparison {
        use super::*;
        use proptest::prelude::*;

        /// Small alphabets force ties, so the tie-breaks are exercised.
        fn arbitrary_seat() -> impl Strategy<Value = Seat> {
            let day = |base: &'static str| {
                prop::option::of(0..5_i64)
                    .prop_map(move |days| days.map(|days| (at(base) - chrono::Duration::days(days * 20)).to_rfc3339()))
            };
            (
                prop::option::of("[aAbB]{1,2}"),
                prop::option::of("[xXy]"),
                day("2024-06-30T00:00:00Z"),
                day("2024-06-01T00:00:00Z"),
                0..3_i64,
                prop::option::of(0..3_i64),
                any::<bool>(),
            )
                .prop_map(|(login, org, activity, authenticated, created, pending, enterprise)| {
                    let mut builder = match login {
                        Some(login) => seat(&login),
                        None => seat("x").ghost(),
                    };
                    if let Some(org) = org {
                        builder = builder.org(&org);
                    }
                    if let Some(time) = activity {
                        builder = builder.last_activity(&time);
                    }
                    if let Some(time) = authenticated {
                        builder = builder.last_authenticated(&time);
                    }
                    if let Some(days) = pending {
                        builder = builder.pending(&format!("2024-07-0{}", days + 1));
                    }
                    if enterprise {
                        builder = builder.plan(PlanType::Enterprise);
                    }
                    builder.created(&format!("2023-0{}-01T00:00:00Z", created + 1)).build()
                })
        }

        fn reference_order(seats: &[Seat], column: Column, direction: SortDirection) -> Vec<usize> {
            let now = at(NOW);
            let key = |seat: &Seat| -> Option<String> {
                let time =
                    |t: Option<crate::models::Timestamp>| t.map(|t| format!("{:020}", t.timestamp() + 10_000_000_000));
                match column {
                    Column::Login => seat.login().map(str::to_lowercase),
                    Column::Organization => seat.organization.as_ref().map(|org| org.login.to_lowercase()),
                    Column::Created => time(Some(seat.created_at)),
                    Column::LastActivity => time(seat.last_activity_at),
                    Column::LastAuthenticated => time(seat.last_authenticated_at),
                    Column::PendingCancellation => seat.pending_cancellation_date.map(|date| date.to_string()),
                    Column::Plan => Some(effective_plan(seat.plan_type, None).as_str().to_owned()),
                    Column::Status => Some(format!(
                        "{}",
                        crate::insight::status::seat_status(seat, now, StatusRules::with_threshold(30)) as u8
                    )),
                    Column::GrantedBy | Column::Editor => None,
                }
            };
            let tie = |seat: &Seat| {
                (
                    seat.login().is_none(),
                    seat.login().map(str::to_lowercase),
                    seat.organization.is_none(),
                    seat.organization.as_ref().map(|org| org.login.to_lowercase()),
                )
            };
            let mut order: Vec<usize> = (0..seats.len()).collect();
            order.sort_by(|&a, &b| {
                let primary = match (key(&seats[a]), key(&seats[b])) {
                    (Some(x), Some(y)) if direction == SortDirection::Ascending => x.cmp(&y),
                    (Some(x), Some(y)) => y.cmp(&x),
                    (Some(_), None) => Ordering::Less,
                    (None, Some(_)) => Ordering::Greater,
                    (None, None) => Ordering::Equal,
                };
                primary.then_with(|| tie(&seats[a]).cmp(&tie(&seats[b]))).then(a.cmp(&b))
            });
            order
        }

        proptest! {
            #[test]
            fn for_every_column_direction_and_seat_list(
                seats in prop::collection::vec(arbitrary_seat(), 0..40),
                column in prop::sample::select(vec![
                    Column::Login, Column::Organization, Column::Created, Column::LastActivity,
                    Column::LastAuthenticated, Column::PendingCancellation, Column::Plan, Column::Status,
                ]),
                descending in any::<bool>(),
            ) {
                let direction = if descending { SortDirection::Descending } else { SortDirection::Ascending };
                let view = view_with(&seats, &sorted_by(column, direction));
                prop_assert_eq!(&view.rows, &reference_order(&seats, column, direction));
                // Taken from every seat sorted once, the rows are the same.
                let index = SeatIndex::new(&seats, None);
                let sorted = crate::insight::grid::SortedSeats::new(&index, (column, direction));
                let taken = grid_view_in_order(&index, &sorted_by(column, direction), &SeatPrices::default(), at(NOW), sorted.as_ref());
                prop_assert_eq!(taken.rows, view.rows);
            }
        }
    }
}
