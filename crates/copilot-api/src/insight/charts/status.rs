//! Seats by status, with what the idle ones (inactive, never used) cost a month.
//!
//! Unlike every other figure of the dashboard, it ignores the grid's status filter: it counts the seats
//! every other filter leaves (the view's `filtered_counts`, as the status chips do), so that with one
//! status picked the other bars keep their counts and can be pressed. Its caption says so.

use super::chart::{Bar, BarChart, BarFilter};
use crate::format::{monthly, plural};
use crate::insight::grid::{GridState, GridView};
use crate::insight::status::SeatStatus;

/// Every status has a bar, empty or not, so the chart keeps its shape as filters change.
pub fn status_chart(view: &GridView, state: &GridState) -> BarChart {
    let counts = &view.filtered_counts;
    let cost = &view.filtered_counts_idle_cost;
    let seats = plural(counts.total(), "seat", "seats");
    let other_filters = GridState { statuses: Default::default(), ..state.clone() }.is_filtered();
    let set =
        if other_filters { format!("the {seats} the grid's filters leave") } else { format!("all {seats} loaded") };
    let aside = if state.statuses.is_empty() { "" } else { ", its status filter aside" };
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
        caption: Some(format!("Every status of {set}{aside}.")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::insight::grid::test_support::{fixture, view_with};
    use crate::insight::grid::TeamFilter;

    #[test]
    fn each_status_is_a_bar_and_the_idle_ones_say_what_they_cost() {
        let seats = fixture();
        let view = view_with(&seats, &GridState::default());
        let chart = status_chart(&view, &GridState::default());
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
        let chart = status_chart(&view, &devs);
        let totals: Vec<usize> = chart.bars.iter().map(|b| b.total()).collect();
        assert_eq!(totals, [1, 0, 0, 1, 0, 0]);
        assert_eq!(chart.bars[3].note.as_deref(), Some("$19.00 a month"), "alice alone");
        assert_eq!(chart.caption.as_deref(), Some("Every status of the 2 seats the grid's filters leave."));
    }

    #[test]
    fn with_one_status_picked_every_other_bar_keeps_its_count_and_cost() {
        let seats = fixture();
        let inactive = GridState { statuses: [SeatStatus::Inactive].into_iter().collect(), ..GridState::default() };
        let view = view_with(&seats, &inactive);
        assert_eq!(view.rows.len(), 2, "the grid shows Hubot and alice");
        let chart = status_chart(&view, &inactive);
        let bars: Vec<(usize, Option<&str>)> = chart.bars.iter().map(|b| (b.total(), b.note.as_deref())).collect();
        // As with no filter: the never-used bar still counts octocat, and can be pressed to pick it.
        assert_eq!(
            bars,
            [(1, None), (0, None), (0, None), (2, Some("$58.00 a month")), (1, Some("$19.00 a month")), (1, None)]
        );
        assert_eq!(chart.caption.as_deref(), Some("Every status of all 5 seats loaded, its status filter aside."));
    }
}
