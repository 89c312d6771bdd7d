//! Days since the last activity, in bins (0–7, 8–30, 31–60, 61–90, over 90 days, never), stacked by plan.

use super::chart::{Bar, BarChart, BarFilter};
use super::tally::{Tally, PLANS};
use crate::insight::activity_age::ActivityAge;
use crate::insight::grid::plan_label;

pub fn activity_chart(tally: &Tally) -> BarChart {
    let counts = &tally.activity;
    // A plan no seat of the set is on is left out, Business excepted.
    let shown: Vec<usize> =
        (0..PLANS.len()).filter(|&plan| plan == 0 || counts.iter().any(|bin| bin[plan] > 0)).collect();
    BarChart {
        id: "activity",
        title: "Days since last activity".to_owned(),
        category_axis: "Days since last activity",
        value_axis: "Seats",
        series: shown.iter().map(|&plan| plan_label(PLANS[plan])).collect(),
        bars: ActivityAge::ALL
            .into_iter()
            .zip(counts.iter())
            .map(|(age, bin)| Bar {
                label: age.label().to_owned(),
                values: shown.iter().map(|&plan| bin[plan]).collect(),
                note: None,
                filter: Some(BarFilter::ActivityAge(age)),
            })
            .collect(),
        note_heading: None,
        caption: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::insight::grid::test_support::{fixture, view_with, NOW};
    use crate::insight::grid::{GridState, SeatIndex};
    use crate::models::PlanType;
    use crate::test_seats::{at, seat};

    #[test]
    fn seats_fall_in_the_bin_of_their_days_since_last_activity_stacked_by_plan() {
        let mut seats = fixture();
        // 8 days: the second bin, and on the Enterprise plan.
        seats.push(seat("eve").last_activity("2024-06-22T12:00:00Z").plan(PlanType::Enterprise).build());
        let view = view_with(&seats, &GridState::default());
        let chart = activity_chart(&Tally::new(&SeatIndex::new(&seats, None), &view, at(NOW)));
        assert_eq!(chart.series, ["Business", "Enterprise"]);
        let bins: Vec<(&str, &[usize])> = chart.bars.iter().map(|b| (b.label.as_str(), b.values.as_slice())).collect();
        // Hand-counted: mona 0 days, eve 8, bob 29, Hubot 45 (Enterprise), alice 100, octocat never.
        assert_eq!(
            bins,
            [
                ("0\u{2013}7 days", &[1, 0][..]),
                ("8\u{2013}30 days", &[1, 1][..]),
                ("31\u{2013}60 days", &[0, 1][..]),
                ("61\u{2013}90 days", &[0, 0][..]),
                ("Over 90 days", &[1, 0][..]),
                ("Never used", &[1, 0][..]),
            ]
        );
        assert_eq!(chart.total(), 6);
    }

    #[test]
    fn only_the_rows_given_are_counted_and_each_bar_filters_to_its_bin() {
        let seats = fixture();
        let mut view = view_with(&seats, &GridState::default());
        view.rows = vec![2, 4];
        let chart = activity_chart(&Tally::new(&SeatIndex::new(&seats, None), &view, at(NOW)));
        assert_eq!(chart.series, ["Business"], "no Enterprise seat among these rows");
        assert_eq!(chart.total(), 2);
        assert_eq!(chart.bars[5].filter, Some(BarFilter::ActivityAge(ActivityAge::Never)));
    }
}
