//! Days since the last activity, in bins (0–7, 8–30, 31–60, 61–90, over 90 days, never), stacked by plan.

use chrono::{DateTime, Utc};

use super::chart::{Bar, BarChart, BarFilter};
use crate::insight::activity_age::ActivityAge;
use crate::insight::grid::{plan_label, SeatIndex};
use crate::models::PlanType;

/// The plans a stack is split into, in order; a plan no seat of the set is on is left out.
const PLANS: [PlanType; 3] = [PlanType::Business, PlanType::Enterprise, PlanType::Unknown];

pub fn activity_chart(index: &SeatIndex, rows: &[usize], now: DateTime<Utc>) -> BarChart {
    let now_seconds = now.timestamp();
    let mut counts = [[0_usize; PLANS.len()]; ActivityAge::ALL.len()];
    for facts in rows.iter().filter_map(|&position| index.facts(position)) {
        let age = ActivityAge::of(facts.last_activity, now_seconds) as usize;
        let plan = PLANS.iter().position(|plan| *plan == facts.plan).unwrap_or(0);
        counts[age][plan] += 1;
    }
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
            .zip(counts)
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
    use crate::insight::grid::test_support::{fixture, NOW};
    use crate::test_seats::{at, seat};

    #[test]
    fn seats_fall_in_the_bin_of_their_days_since_last_activity_stacked_by_plan() {
        let mut seats = fixture();
        // 8 days: the second bin, and on the Enterprise plan.
        seats.push(seat("eve").last_activity("2024-06-22T12:00:00Z").plan(PlanType::Enterprise).build());
        let index = SeatIndex::new(&seats, None);
        let chart = activity_chart(&index, &[0, 1, 2, 3, 4, 5], at(NOW));
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
        let index = SeatIndex::new(&seats, None);
        let chart = activity_chart(&index, &[2, 4], at(NOW));
        assert_eq!(chart.series, ["Business"], "no Enterprise seat among these rows");
        assert_eq!(chart.total(), 2);
        assert_eq!(chart.bars[5].filter, Some(BarFilter::ActivityAge(ActivityAge::Never)));
    }
}
