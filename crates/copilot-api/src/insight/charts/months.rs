//! Seats added per month (from `created_at`, in UTC), and how many of each month's seats are active now.

use super::chart::{Bar, BarChart};
use super::tally::Tally;

/// Months shown a bar each, the latest ones; seats added before them share one bar.
pub const MONTH_BARS: usize = 24;

fn month_label(number: i64) -> String {
    const NAMES: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    format!("{} {}", NAMES[number.rem_euclid(12) as usize], number.div_euclid(12))
}

pub fn months_chart(tally: &Tally) -> BarChart {
    let added = |cell: &[usize; 2]| cell != &[0, 0];
    let first = tally.months.iter().position(added);
    let last = tally.months.iter().rposition(added);
    let mut bars = Vec::new();
    if let (Some(first), Some(last)) = (first, last) {
        let first_shown = first.max((last + 1).saturating_sub(MONTH_BARS));
        let month = |at: usize| tally.first_month + at as i64;
        let earlier = tally
            .months
            .get(first..first_shown)
            .unwrap_or_default()
            .iter()
            .fold([0, 0], |sum, [a, b]| [sum[0] + a, sum[1] + b]);
        if earlier != [0, 0] {
            bars.push(Bar {
                label: format!("Before {}", month_label(month(first_shown))),
                values: earlier.to_vec(),
                note: None,
                filter: None,
            });
        }
        // Every month from the first shown to the last, empty ones too, so the time axis is even.
        bars.extend(tally.months.get(first_shown..=last).unwrap_or_default().iter().enumerate().map(|(at, cell)| {
            Bar { label: month_label(month(first_shown + at)), values: cell.to_vec(), note: None, filter: None }
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
    use crate::insight::grid::test_support::{fixture, view_with, NOW};
    use crate::insight::grid::{GridState, SeatIndex};
    use crate::test_seats::{at, seat};

    fn chart_of(seats: &[crate::models::Seat]) -> BarChart {
        let view = view_with(seats, &GridState::default());
        months_chart(&Tally::new(&SeatIndex::new(seats, None), &view, at(NOW)))
    }

    #[test]
    fn seats_are_counted_by_the_month_they_were_added_with_those_active_now() {
        let mut seats = fixture();
        seats.push(seat("eve").created("2023-03-15T00:00:00Z").last_activity("2024-06-30T00:00:00Z").build());
        let chart = chart_of(&seats);
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
    fn months_before_the_last_two_years_share_one_bar() {
        let seats = vec![
            seat("old").created("2019-05-01T00:00:00Z").build(),
            seat("older").created("2018-01-31T23:59:59Z").build(),
            seat("new").created("2024-06-01T00:00:00Z").build(),
        ];
        let chart = chart_of(&seats);
        assert_eq!(chart.bars.len(), MONTH_BARS + 1);
        assert_eq!((chart.bars[0].label.as_str(), chart.bars[0].total()), ("Before Jul 2022", 2));
        assert_eq!(chart.bars[MONTH_BARS].label, "Jun 2024");
        assert!(chart_of(&[]).bars.is_empty());
    }
}
