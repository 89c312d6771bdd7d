//! Seats by status, with what the idle ones (inactive, never used) cost a month.

use super::chart::{Bar, BarChart, BarFilter};
use super::tally::Tally;
use crate::format::monthly;
use crate::insight::grid::GridView;
use crate::insight::status::SeatStatus;

/// Every status has a bar, empty or not, so the chart keeps its shape as filters change.
pub fn status_chart(view: &GridView, tally: &Tally) -> BarChart {
    let counts = &tally.statuses;
    let cost = &view.filtered_idle_cost;
    BarChart {
        id: "status",
        title: "Seats by status".to_owned(),
        category_axis: "Status",
        value_axis: "Seats",
        series: vec!["Seats"],
        bars: SeatStatus::ALL
            .into_iter()
            .map(|status| Bar {
                label: status.label().to_owned(),
                values: vec![counts.get(status)],
                note: match status {
                    SeatStatus::Inactive => Some(monthly(cost.inactive_cents)),
                    SeatStatus::NeverUsed => Some(monthly(cost.never_used_cents)),
                    _ => None,
                },
                filter: Some(BarFilter::Status(status)),
            })
            .collect(),
        note_heading: Some("Idle cost"),
        caption: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::insight::grid::test_support::{fixture, view_with, NOW};
    use crate::insight::grid::{GridState, SeatIndex, TeamFilter};
    use crate::test_seats::at;

    #[test]
    fn each_status_is_a_bar_and_the_idle_ones_say_what_they_cost() {
        let seats = fixture();
        let view = view_with(&seats, &GridState::default());
        let chart = status_chart(&view, &Tally::new(&SeatIndex::new(&seats, None), &view, at(NOW)));
        let bars: Vec<(&str, usize, Option<&str>)> =
            chart.bars.iter().map(|b| (b.label.as_str(), b.total(), b.note.as_deref())).collect();
        // Hand-counted: mona active; Hubot ($39) and alice ($19) inactive; octocat never used; bob pending.
        assert_eq!(
            bars,
            [
                ("Active", 1, None),
                ("New", 0, None),
                ("Signed in, no activity", 0, None),
                ("Inactive", 2, Some("$58.00 a month")),
                ("Never used", 1, Some("$19.00 a month")),
                ("Pending cancellation", 1, None),
            ]
        );
    }

    #[test]
    fn the_bars_count_only_the_rows_the_filters_leave() {
        let seats = fixture();
        let devs = GridState { team: Some(TeamFilter::Team("devs".into())), ..GridState::default() };
        let view = view_with(&seats, &devs);
        let chart = status_chart(&view, &Tally::new(&SeatIndex::new(&seats, None), &view, at(NOW)));
        let totals: Vec<usize> = chart.bars.iter().map(|b| b.total()).collect();
        assert_eq!(totals, [1, 0, 0, 1, 0, 0]);
        assert_eq!(chart.bars[3].note.as_deref(), Some("$19.00 a month"), "alice alone");
    }
}
