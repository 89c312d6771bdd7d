//! One pass over the rows the grid shows, counting what every tile and chart reads: at 100,000 seats the
//! dashboard is recomputed on every change of the view, and one pass costs a fraction of one a chart.

use chrono::{DateTime, Datelike, NaiveDate, Utc};

use crate::insight::activity_age::ActivityAge;
use crate::insight::grid::{GridView, SeatIndex, StatusCounts};
use crate::insight::status::{SeatStatus, SECONDS_PER_DAY};
use crate::models::PlanType;

/// The plans a stack is split into, in order.
pub(super) const PLANS: [PlanType; 3] = [PlanType::Business, PlanType::Enterprise, PlanType::Unknown];

/// The months counted: a hundred years back from now and a year ahead (Copilot is from 2021, so only a
/// wrong clock puts a seat outside; such a seat is counted in the nearest month kept).
const MONTHS_KEPT: i64 = 1212;

/// What the rows shown add up to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tally {
    pub(super) seats: usize,
    pub(super) statuses: StatusCounts,
    /// Seats by activity bin ([`ActivityAge::ALL`] order) and plan ([`PLANS`] order).
    pub(super) activity: [[usize; PLANS.len()]; ActivityAge::ALL.len()],
    /// Seats by editor filter id.
    pub(super) editors: Vec<usize>,
    pub(super) no_editor: usize,
    /// (active now, not active now) by month added, from `first_month` on ([`month_number`]).
    pub(super) months: Vec<[usize; 2]>,
    pub(super) first_month: i64,
    /// (active, seats) by team filter id + 1; slot 0 is direct grants.
    pub(super) teams: Vec<[usize; 2]>,
    /// (active, seats) by organization filter id + 1; slot 0 is seats of no organization.
    pub(super) organizations: Vec<[usize; 2]>,
    /// The first day of `now`'s calendar month (UTC), and the seats added since. Not the billing cycle: the
    /// core does not know when an account's cycle starts.
    pub(super) month_start: NaiveDate,
    pub(super) added_this_month: usize,
}

fn bump(counts: &mut Vec<[usize; 2]>, slot: usize, active: bool) {
    if counts.len() <= slot {
        counts.resize(slot + 1, [0, 0]);
    }
    counts[slot][0] += usize::from(active);
    counts[slot][1] += 1;
}

impl Tally {
    /// The tally of the view's rows.
    pub fn new(index: &SeatIndex, view: &GridView, now: DateTime<Utc>) -> Self {
        let now_seconds = now.timestamp();
        let month_start = NaiveDate::from_ymd_opt(now.year(), now.month(), 1).unwrap_or_else(|| now.date_naive());
        let month_start_seconds = month_start.and_hms_opt(0, 0, 0).map_or(i64::MIN, |at| at.and_utc().timestamp());
        let first_month = month_number(now_seconds) - (MONTHS_KEPT - 12);
        let mut tally = Self {
            seats: 0,
            statuses: StatusCounts::default(),
            activity: Default::default(),
            editors: Vec::new(),
            no_editor: 0,
            months: vec![[0; 2]; MONTHS_KEPT as usize],
            first_month,
            teams: Vec::new(),
            organizations: Vec::new(),
            month_start,
            added_this_month: 0,
        };
        for &position in view.rows_in_seat_order() {
            let (Some(facts), Some(status)) = (index.facts(position), view.status(position)) else { continue };
            let active = status == SeatStatus::Active;
            tally.seats += 1;
            tally.statuses.add(status);
            let plan = PLANS.iter().position(|plan| *plan == facts.plan).unwrap_or(0);
            tally.activity[ActivityAge::of(facts.last_activity, now_seconds) as usize][plan] += 1;
            match facts.editor {
                Some(id) => {
                    let slot = id as usize;
                    if tally.editors.len() <= slot {
                        tally.editors.resize(slot + 1, 0);
                    }
                    tally.editors[slot] += 1;
                }
                None => tally.no_editor += 1,
            }
            let month = month_number(facts.created);
            let at = (month - first_month).clamp(0, MONTHS_KEPT - 1) as usize;
            let Some(cell) = tally.months.get_mut(at) else { continue };
            cell[usize::from(!active)] += 1;
            bump(&mut tally.teams, facts.team.map_or(0, |id| id as usize + 1), active);
            bump(&mut tally.organizations, facts.organization.map_or(0, |id| id as usize + 1), active);
            tally.added_this_month += usize::from(facts.created >= month_start_seconds);
        }
        tally
    }

    /// The seats counted: the rows shown.
    pub fn seats(&self) -> usize {
        self.seats
    }
}

/// Months since the year 0, for ordering: `year * 12 + month - 1`, of a moment in epoch seconds (UTC).
///
/// Days to a civil date in integers (H. Hinnant's `civil_from_days`): this runs once a seat on every
/// change of the view, and chrono's conversion cost more than the rest of the chart.
pub(super) fn month_number(seconds: i64) -> i64 {
    let days = seconds.div_euclid(SECONDS_PER_DAY) + 719_468;
    let era = days.div_euclid(146_097);
    let day_of_era = days - era * 146_097;
    let year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let shifted_month = (5 * day_of_year + 2) / 153; // 0 is March
    let month = if shifted_month < 10 { shifted_month + 3 } else { shifted_month - 9 };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    year * 12 + month - 1
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_seats::at;
    use chrono::Datelike;

    #[test]
    fn the_month_of_a_moment_is_its_utc_calendar_month() {
        for text in [
            "1970-01-01T00:00:00Z",
            "2000-02-29T23:59:59Z",
            "2024-03-01T00:00:00Z",
            "1969-12-31T23:59:59Z",
            "2100-12-31T12:00:00Z",
        ] {
            let moment = at(text);
            let expected = i64::from(moment.year()) * 12 + i64::from(moment.month0());
            assert_eq!(month_number(moment.timestamp()), expected, "{text}");
        }
    }
}
