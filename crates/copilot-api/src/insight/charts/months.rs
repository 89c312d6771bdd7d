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
    let months: std::collections::BTreeMap<i64, [usize; 2]> =
        tally.months.iter().map(|(month, cell)| (*month, *cell)).collect();
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
