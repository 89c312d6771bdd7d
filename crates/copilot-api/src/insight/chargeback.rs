//! What the seats cost, charged back to who holds them: seats, idle seats and their monthly cost by
//! granting team (or "Direct") or, for an enterprise, by organization, at the prices the person entered.
//!
//! GitHub bills a user once however many grants they hold (an enterprise's organizations, or a team and a
//! direct assignment), so each user is charged to exactly one group, and the rows add up to the bill:
//! - an idle user (no active grant; inactive or never used) is charged to their dearest idle grant (the
//!   first in GitHub's order on a tie), at the price the grid's idle cost bills them, so the idle column
//!   adds up to the grid's idle cost;
//! - any other user is charged to their dearest grant (the first on a tie), at its plan's price;
//! - a seat whose account is gone is billed on its own, to its own grant.

use chrono::{DateTime, Utc};
use rustc_hash::FxHashMap;

use crate::format::{count, csv_text, CsvError};
use crate::models::PlanType;

use super::cost::SeatPrices;
use super::coverage::SeatCoverage;
use super::enterprise::NO_ORGANIZATION;
use super::export::{export_file_name, Coverage, ExportFormat};
use super::grid::{SeatIndex, SortDirection};
use super::status::SeatStatus;

/// What the rows group seats by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ChargebackGrouping {
    /// The granting team, or "Direct" for a seat assigned to the user.
    Team,
    /// The organization (enterprise seat lists only).
    Organization,
}

impl ChargebackGrouping {
    /// The groupings a seat list offers: an organization's seats all belong to it.
    pub fn offered(enterprise: bool) -> &'static [ChargebackGrouping] {
        if enterprise {
            &[Self::Organization, Self::Team]
        } else {
            &[Self::Team]
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Team => "By granting team",
            Self::Organization => "By organization",
        }
    }

    /// The first column's heading, in the table and the CSV.
    pub fn column(self) -> &'static str {
        match self {
            Self::Team => "Granted by",
            Self::Organization => "Organization",
        }
    }
}

/// One group's share of the bill.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ChargebackRow {
    pub name: String,
    /// Billed users charged here.
    pub seats: usize,
    /// Of them, idle (inactive or never used).
    pub idle_seats: usize,
    pub monthly_cents: u64,
    pub idle_cents: u64,
}

impl ChargebackRow {
    fn add(&mut self, cents: u64, idle: bool) {
        self.seats += 1;
        self.monthly_cents += cents;
        if idle {
            self.idle_seats += 1;
            self.idle_cents += cents;
        }
    }
}

/// The rows, dearest idle cost first (then by name), and their total.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Chargeback {
    pub grouping: Option<ChargebackGrouping>,
    pub rows: Vec<ChargebackRow>,
    pub total: ChargebackRow,
}

/// A column of the chargeback table, which sorts by any of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ChargebackColumn {
    Name,
    Seats,
    IdleSeats,
    Monthly,
    Idle,
}

impl ChargebackColumn {
    pub const ALL: [ChargebackColumn; 5] = [Self::Name, Self::Seats, Self::IdleSeats, Self::Monthly, Self::Idle];

    /// The heading; the first column's is the grouping's.
    pub fn label(self, grouping: ChargebackGrouping) -> &'static str {
        match self {
            Self::Name => grouping.column(),
            Self::Seats => "Seats",
            Self::IdleSeats => "Idle seats",
            Self::Monthly => "Monthly cost",
            Self::Idle => "Idle monthly cost",
        }
    }

    /// What a cell shows.
    pub fn cell(self, row: &ChargebackRow) -> String {
        match self {
            Self::Name => row.name.clone(),
            Self::Seats => count(row.seats),
            Self::IdleSeats => count(row.idle_seats),
            Self::Monthly => crate::format::dollars(row.monthly_cents),
            Self::Idle => crate::format::dollars(row.idle_cents),
        }
    }
}

/// A click on a header: the same column again flips the order; another column sorts by it, largest
/// first (names A to Z).
pub fn chargeback_sort_after_click(
    current: (ChargebackColumn, SortDirection),
    clicked: ChargebackColumn,
) -> (ChargebackColumn, SortDirection) {
    match current {
        (column, SortDirection::Descending) if column == clicked => (clicked, SortDirection::Ascending),
        (column, SortDirection::Ascending) if column == clicked => (clicked, SortDirection::Descending),
        _ if clicked == ChargebackColumn::Name => (clicked, SortDirection::Ascending),
        _ => (clicked, SortDirection::Descending),
    }
}

/// The grant a user is charged through, while their grants are read in order.
#[derive(Clone, Copy)]
struct Charge {
    position: usize,
    cents: u32,
}

/// Keeps the dearer of two grants; the first one read on a tie.
fn keep_dearer(kept: &mut Option<Charge>, charge: Charge) {
    if kept.is_none_or(|earlier| charge.cents > earlier.cents) {
        *kept = Some(charge);
    }
}

/// What one billed user costs a month, whatever their grants: the price of their dearest grant, the rule
/// [`chargeback`] charges anyone not idle by. `None` for no grant.
pub(crate) fn billed_cents(grant_cents: impl IntoIterator<Item = u32>) -> Option<u32> {
    let mut kept = None;
    for (position, cents) in grant_cents.into_iter().enumerate() {
        keep_dearer(&mut kept, Charge { position, cents });
    }
    kept.map(|charge| charge.cents)
}

/// The bill of `index`'s seats, whose statuses are `statuses` (see `statuses_at`), grouped by `grouping`.
pub fn chargeback(
    index: &SeatIndex,
    statuses: &[SeatStatus],
    prices: &SeatPrices,
    grouping: ChargebackGrouping,
) -> Chargeback {
    let price = |position: usize| index.row(position).map_or(0, |row| prices.monthly_cents(row.plan()));
    // Per user: whether any grant is active, the dearest idle grant (where an idle bill goes), and the
    // dearest grant of all.
    let mut active = vec![false; index.unique_users()];
    let mut idle: Vec<Option<Charge>> = vec![None; index.unique_users()];
    let mut dearest: Vec<Option<Charge>> = vec![None; index.unique_users()];
    let mut alone = Vec::new();
    for (position, &status) in statuses.iter().enumerate().take(index.len()) {
        let charge = Charge { position, cents: price(position) };
        let Some(user) = index.user_of(position).map(|user| user as usize).filter(|user| *user < active.len()) else {
            alone.push((charge, status.is_idle()));
            continue;
        };
        active[user] |= status.may_be_in_use();
        if status.is_idle() {
            keep_dearer(&mut idle[user], charge);
        }
        keep_dearer(&mut dearest[user], charge);
    }
    let charged = (0..active.len())
        .filter_map(|user| match (active[user], idle[user]) {
            (false, Some(idle)) => Some((idle, true)),
            _ => dearest[user].map(|charge| (charge, false)),
        })
        .chain(alone);

    let mut groups: FxHashMap<String, ChargebackRow> = FxHashMap::default();
    let mut total = ChargebackRow { name: "All".to_owned(), ..ChargebackRow::default() };
    for (charge, is_idle) in charged {
        let name = group_name(index, charge.position, grouping);
        let row = groups.entry(name.clone()).or_insert_with(|| ChargebackRow { name, ..ChargebackRow::default() });
        row.add(u64::from(charge.cents), is_idle);
        total.add(u64::from(charge.cents), is_idle);
    }
    let mut rows: Vec<ChargebackRow> = groups.into_values().collect();
    rows.sort_by(|a, b| b.idle_cents.cmp(&a.idle_cents).then_with(|| a.name.cmp(&b.name)));
    Chargeback { grouping: Some(grouping), rows, total }
}

fn group_name(index: &SeatIndex, position: usize, grouping: ChargebackGrouping) -> String {
    let Some(row) = index.row(position) else { return String::new() };
    match grouping {
        ChargebackGrouping::Team => row.granted_by_label().to_owned(),
        ChargebackGrouping::Organization => row.organization().unwrap_or(NO_ORGANIZATION).to_owned(),
    }
}

/// Dollars as a spreadsheet reads a number: `1234.50`, no sign or separators.
fn plain_dollars(cents: u64) -> String {
    format!("{}.{:02}", cents / 100, cents % 100)
}

impl Chargeback {
    /// The rows ordered by a column (names A to Z when ascending; ties by name).
    pub fn sort(&mut self, column: ChargebackColumn, direction: SortDirection) {
        let key = |row: &ChargebackRow| match column {
            ChargebackColumn::Name => 0,
            ChargebackColumn::Seats => row.seats as u64,
            ChargebackColumn::IdleSeats => row.idle_seats as u64,
            ChargebackColumn::Monthly => row.monthly_cents,
            ChargebackColumn::Idle => row.idle_cents,
        };
        self.rows.sort_by(|a, b| {
            let order = key(a).cmp(&key(b)).then_with(|| a.name.to_lowercase().cmp(&b.name.to_lowercase()));
            match direction {
                SortDirection::Ascending => order,
                SortDirection::Descending => order.reverse(),
            }
        });
    }

    /// The rows' sentence: what the table covers and at which prices.
    pub fn summary(&self, prices: &SeatPrices) -> String {
        format!(
            "{} billed users, {} of them idle, charged once each, at {} a Business seat and {} an Enterprise seat.",
            count(self.total.seats),
            count(self.total.idle_seats),
            crate::format::dollars(u64::from(prices.monthly_cents(PlanType::Business))),
            crate::format::dollars(u64::from(prices.monthly_cents(PlanType::Enterprise))),
        )
    }

    /// `copilot-seats-acme-chargeback-by-team-all-2024-06-30.csv`: the seat export's naming, with what the
    /// rows group by.
    pub fn file_name(&self, scope: &str, coverage: &SeatCoverage, now: DateTime<Utc>) -> String {
        let by = match self.grouping {
            Some(ChargebackGrouping::Organization) => "organization",
            _ => "team",
        };
        export_file_name(&format!("{scope}-chargeback-by-{by}"), coverage, now, ExportFormat::Csv)
    }

    /// The table as CSV for a spreadsheet: a row per group, then the total; every row says which set of
    /// seats it was computed from, as the seat export does.
    pub fn to_csv(&self, coverage: &SeatCoverage) -> Result<String, CsvError> {
        let coverage = Coverage::of(coverage);
        let first = self.grouping.map_or("group", ChargebackGrouping::column);
        let header =
            [first, "seats", "idle_seats", "monthly_cost_usd", "idle_monthly_cost_usd", "coverage", "coverage_note"];
        let rows = self.rows.iter().chain(std::iter::once(&self.total)).map(|row| {
            [
                row.name.clone(),
                row.seats.to_string(),
                row.idle_seats.to_string(),
                plain_dollars(row.monthly_cents),
                plain_dollars(row.idle_cents),
                coverage.coverage.to_owned(),
                coverage.coverage_note.clone(),
            ]
        });
        csv_text(&header, rows)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::insight::grid::{grid_view, statuses_at, GridState};
    use crate::insight::status::StatusRules;
    use crate::models::Seat;
    use crate::test_seats::{at, seat};

    const NOW: &str = "2024-06-30T12:00:00Z";

    fn bill(seats: &[Seat], grouping: ChargebackGrouping) -> Chargeback {
        let index = SeatIndex::new(seats, None);
        chargeback(
            &index,
            &statuses_at(&index, at(NOW), StatusRules::with_threshold(30)),
            &SeatPrices::default(),
            grouping,
        )
    }

    fn row<'a>(bill: &'a Chargeback, name: &str) -> &'a ChargebackRow {
        bill.rows.iter().find(|row| row.name == name).expect("a row of that name")
    }

    #[test]
    fn an_organizations_seats_are_charged_to_their_team_or_direct() {
        let seats = vec![
            seat("mona").team("devs").last_activity("2024-06-29T12:00:00Z").build(),
            seat("hubot").team("devs").build(),
            seat("octocat").last_activity("2024-01-01T00:00:00Z").plan(PlanType::Enterprise).build(),
        ];
        let bill = bill(&seats, ChargebackGrouping::Team);
        let devs = bill.rows.iter().find(|row| row.name != "Direct").expect("the team's row");
        assert_eq!((devs.seats, devs.idle_seats, devs.monthly_cents, devs.idle_cents), (2, 1, 3_800, 1_900));
        let direct = row(&bill, "Direct");
        assert_eq!((direct.seats, direct.idle_seats, direct.monthly_cents), (1, 1, 3_900));
        assert_eq!(bill.rows[0].name, "Direct", "the dearest idle cost first");
        assert_eq!((bill.total.seats, bill.total.monthly_cents, bill.total.idle_cents), (3, 7_700, 5_800));
    }

    #[test]
    fn a_user_in_two_organizations_is_charged_once_where_the_bill_is() {
        let in_org = |login: &str, org: &str| seat(login).org(org);
        let seats = vec![
            // Idle in both, on one plan: billed once, to the first grant.
            in_org("mona", "acme").build(),
            in_org("mona", "globex").last_activity("2024-01-01T00:00:00Z").build(),
            // Active in one: not idle, charged to the dearest grant.
            in_org("hubot", "acme").last_activity("2024-06-29T12:00:00Z").build(),
            in_org("hubot", "globex").plan(PlanType::Enterprise).build(),
        ];
        let bill = bill(&seats, ChargebackGrouping::Organization);
        let (acme, globex) = (row(&bill, "acme"), row(&bill, "globex"));
        assert_eq!((acme.seats, acme.idle_seats, acme.idle_cents), (1, 1, 1_900), "mona: {bill:?}");
        assert_eq!((globex.seats, globex.idle_seats, globex.monthly_cents), (1, 0, 3_900), "hubot: {bill:?}");
        assert_eq!(bill.total.seats, 2);
    }

    #[test]
    fn the_idle_column_adds_up_to_the_grids_idle_cost_and_seats_to_the_billed_users() {
        // Several organizations, teams, plans and statuses; users with several grants; a deleted account.
        let seats = vec![
            seat("mona").org("acme").team("devs").build(),
            seat("mona").org("globex").last_activity("2024-03-01T00:00:00Z").plan(PlanType::Enterprise).build(),
            seat("hubot").org("acme").last_activity("2024-06-29T12:00:00Z").build(),
            seat("hubot").org("globex").team("ops").build(),
            seat("octocat").org("acme").pending("2024-07-31").build(),
            seat("alice").org("globex").team("ops").last_activity("2024-02-01T00:00:00Z").build(),
            seat("alice").org("acme").plan(PlanType::Enterprise).build(),
            seat("ghost").org("acme").ghost().build(),
            seat("bob").org("acme").team("devs").last_activity("2024-06-30T06:00:00Z").build(),
        ];
        let index = SeatIndex::new(&seats, None);
        let view = grid_view(&index, &GridState::default(), &SeatPrices::default(), at(NOW));
        for grouping in [ChargebackGrouping::Team, ChargebackGrouping::Organization] {
            let bill = chargeback(&index, &view.statuses, &SeatPrices::default(), grouping);
            assert_eq!(bill.total.idle_cents, view.idle_cost.total_cents(), "{grouping:?}");
            assert_eq!(bill.total.idle_seats as u64, view.idle_cost.total_seats(), "{grouping:?}");
            assert_eq!(bill.rows.iter().map(|row| row.idle_cents).sum::<u64>(), bill.total.idle_cents);
            assert_eq!(bill.rows.iter().map(|row| row.seats).sum::<usize>(), bill.total.seats);
        }
    }

    #[test]
    fn the_table_sorts_by_any_column_either_way() {
        let seats = vec![
            seat("a").team("zeta").build(),
            seat("b").team("zeta").build(),
            seat("c").team("alpha").last_activity("2024-06-29T12:00:00Z").build(),
        ];
        let mut bill = bill(&seats, ChargebackGrouping::Team);
        let names = |bill: &Chargeback| bill.rows.iter().map(|row| row.name.clone()).collect::<Vec<_>>();
        bill.sort(ChargebackColumn::Name, SortDirection::Ascending);
        assert_eq!(names(&bill), ["Team alpha", "Team zeta"]);
        bill.sort(ChargebackColumn::Seats, SortDirection::Descending);
        assert_eq!(names(&bill), ["Team zeta", "Team alpha"]);
        assert_eq!(ChargebackColumn::Idle.cell(&bill.rows[0]), "$38.00");
        assert_eq!(ChargebackColumn::Name.label(ChargebackGrouping::Organization), "Organization");
        let first = (ChargebackColumn::Idle, SortDirection::Descending);
        let again = chargeback_sort_after_click(first, ChargebackColumn::Idle);
        assert_eq!(again, (ChargebackColumn::Idle, SortDirection::Ascending));
        assert_eq!(
            chargeback_sort_after_click(again, ChargebackColumn::Name),
            (ChargebackColumn::Name, SortDirection::Ascending)
        );
        assert_eq!(
            chargeback_sort_after_click(first, ChargebackColumn::Seats),
            (ChargebackColumn::Seats, SortDirection::Descending)
        );
    }

    #[test]
    fn the_csv_has_a_row_per_group_then_the_total_with_plain_numbers_and_its_coverage() {
        let seats = vec![seat("mona").team("devs").build(), seat("hubot").build()];
        let coverage = SeatCoverage { loaded: 2, total: Some(2), complete: true, ..SeatCoverage::default() };
        let csv = bill(&seats, ChargebackGrouping::Team).to_csv(&coverage).expect("a CSV");
        let lines: Vec<&str> = csv.lines().collect();
        assert_eq!(
            lines[0],
            "Granted by,seats,idle_seats,monthly_cost_usd,idle_monthly_cost_usd,coverage,coverage_note"
        );
        assert_eq!(lines.len(), 4);
        assert!(lines[3].starts_with("All,2,2,38.00,38.00,all,"), "{}", lines[3]);
        let name = bill(&seats, ChargebackGrouping::Team).file_name("acme", &coverage, at(NOW));
        assert_eq!(name, "copilot-seats-acme-chargeback-by-team-all-2024-06-30.csv");
    }
}
