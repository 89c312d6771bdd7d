//! Seats added per month (from `created_at`, in UTC), and how many of each month's seats are active now.

use rustc_hash::FxHashMap;

use super::chart::{Bar, BarChart};
use crate::insight::grid::{GridView, SeatIndex};
use crate::insight::status::{SeatStatus, SECONDS_PER_DAY};

/// Months shown a bar each, the latest ones; seats added before them share one bar.
pub const MONTH_BARS: usize = 24;

/// Months since the year 0, for ordering: `year * 12 + month - 1`, of a moment in epoch seconds (UTC).
///
/// Days to a civil date in integers (H. Hinnant's `civil_from_days`): this runs once a seat on every
/// change of the view, and chrono's conversion cost more than the rest of the chart.
fn month_number(created: i64) -> i64 {
    let days = created.div_euclid(SECONDS_PER_DAY) + 719_468;
    let era = days.div_euclid(146_097);
    let day_of_era = days - era * 146_097;
    let year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let shifted_month = (5 * day_of_year + 2) / 153; // 0 is March
    let month = if shifted_month < 10 { shifted_month + 3 } else { shifted_month - 9 };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    year * 12 + month - 1
}

fn month_label(number: i64) -> String {
    const NAMES: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    format!("{} {}", NAMES[number.rem_euclid(12) as usize], number.div_euclid(12))
}

pub fn months_chart(index: &SeatIndex, view: &GridView, rows: &[usize]) -> BarChart {
    // (month, active now, not active now), by month.
    let mut by_month: FxHashMap<i64, [usize; 2]> = FxHashMap::default();
    for &position in rows {
        let Some(facts) = index.facts(position) else { continue };
        let active = view.status(position) == Some(SeatStatus::Active);
        by_month.entry(month_number(facts.created)).or_default()[usize::from(!active)] += 1;
    }
    let months: std::collections::BTreeMap<i64, [usize; 2]> = by_month.into_iter().collect();
    let mut bars = Vec::new();
    let first_shown = months.keys().next_back().map(|last| last - (MONTH_BARS as i64 - 1));
    if let Some(first_shown) = first_shown {
        let earlier = months.range(..first_shown).fold([0, 0], |sum, (_, [a, b])| [sum[0] + a, sum[1] + b]);
        if earlier != [0, 0] {
            bars.push(Bar {
                label: format!("Before {}", month_label(first_shown)),
                values: earlier.to_vec(),
                note: None,
                filter: None,
            });
        }
        let first = months.keys().next().copied().unwrap_or(first_shown).max(first_shown);
        let last = months.keys().next_back().copied().unwrap_or(first);
        // Every month from the first to the last, empty ones too, so the time axis is even.
        bars.extend((first..=last).map(|month| Bar {
            label: month_label(month),
            values: months.get(&month).copied().unwrap_or_default().to_vec(),
            note: None,
            filter: None,
        }));
    }
    BarChart {
        id: "months",
        title: "Seats added per month".to_owned(),
        category_axis: "Month added (UTC)",
        value_axis: "Seats",
        series: vec!["Active now", "Not active now"],
        bars,
        note_heading: None,
        caption: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::insight::grid::test_support::{fixture, view_with};
    use crate::insight::grid::GridState;
    use crate::test_seats::seat;

    #[test]
    fn seats_are_counted_by_the_month_they_were_added_with_those_active_now() {
        let mut seats = fixture();
        seats.push(seat("eve").created("2023-03-15T00:00:00Z").last_activity("2024-06-30T00:00:00Z").build());
        let view = view_with(&seats, &GridState::default());
        let index = SeatIndex::new(&seats, None);
        let chart = months_chart(&index, &view, &view.rows);
        // Hand-counted: four seats of the fixture added Jan 2023 (mona active), eve Mar 2023 (active),
        // octocat Jan 2024; the months between are empty bars.
        let bars: Vec<(&str, &[usize])> = chart.bars.iter().map(|b| (b.label.as_str(), b.values.as_slice())).collect();
        assert_eq!(bars.len(), 13);
        assert_eq!(bars[0], ("Jan 2023", &[1, 3][..]));
        assert_eq!(bars[1], ("Feb 2023", &[0, 0][..]));
        assert_eq!(bars[2], ("Mar 2023", &[1, 0][..]));
        assert_eq!(bars[12], ("Jan 2024", &[0, 1][..]));
        assert_eq!(chart.total(), 6);
    }

    #[test]
    fn the_month_of_a_moment_is_its_utc_calendar_month() {
        for text in [
            "1970-01-01T00:00:00Z",
            "2000-02-29T23:59:59Z",
            "2024-03-01T00:00:00Z",
            "1969-12-31T23:59:59Z",
            "2100-12-31T12:00:00Z",
        ] {
            let moment = crate::test_seats::at(text);
            use chrono::Datelike;
            let expected = i64::from(moment.year()) * 12 + i64::from(moment.month0());
            assert_eq!(month_number(moment.timestamp()), expected, "{text}");
        }
    }

    #[test]
    fn months_before_the_last_two_years_share_one_bar() {
        let seats = vec![
            seat("old").created("2019-05-01T00:00:00Z").build(),
            seat("older").created("2018-01-31T23:59:59Z").build(),
            seat("new").created("2024-06-01T00:00:00Z").build(),
        ];
        let view = view_with(&seats, &GridState::default());
        let chart = months_chart(&SeatIndex::new(&seats, None), &view, &view.rows);
        assert_eq!(chart.bars.len(), MONTH_BARS + 1);
        assert_eq!((chart.bars[0].label.as_str(), chart.bars[0].total()), ("Before Jul 2022", 2));
        assert_eq!(chart.bars[MONTH_BARS].label, "Jun 2024");
        assert!(months_chart(&SeatIndex::new(&[], None), &view, &[]).bars.is_empty());
    }
}
