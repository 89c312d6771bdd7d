//! The dashboard of one grid view: its tiles, which seats they cover, and its charts, in page order.

use chrono::{DateTime, Utc};

use super::activity::activity_chart;
use super::adoption::{adoption_chart, Grouping};
use super::chart::BarChart;
use super::editors::editor_chart;
use super::months::months_chart;
use super::status::status_chart;
use super::tally::Tally;
use super::tiles::{set_sentence, tiles, Tile};
use crate::insight::grid::{GridState, GridView, SeatIndex};

/// Everything the dashboard shows, computed from the grid's view: it follows the grid's filters, threshold
/// and the pages loaded so far.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dashboard {
    pub tiles: Vec<Tile>,
    pub set_sentence: String,
    pub charts: Vec<BarChart>,
}

pub fn dashboard(index: &SeatIndex, view: &GridView, state: &GridState, now: DateTime<Utc>) -> Dashboard {
    let tally = Tally::new(index, view, now);
    let mut charts = vec![
        activity_chart(&tally),
        status_chart(view, state),
        editor_chart(index, &tally),
        months_chart(&tally),
        adoption_chart(index, &tally, Grouping::Team),
    ];
    // Only an enterprise's seats carry an organization.
    if !index.filter_options().organizations.is_empty() {
        charts.push(adoption_chart(index, &tally, Grouping::Organization));
    }
    Dashboard { tiles: tiles(index, view, &tally, state), set_sentence: set_sentence(index, view, state), charts }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::insight::activity_age::ActivityAge;
    use crate::insight::charts::adoption::adoption_groups;
    use crate::insight::cost::SeatPrices;
    use crate::insight::grid::{grid_view, Column, SortDirection, StatusSet, TeamFilter};
    use crate::insight::status::SeatStatus;
    use crate::models::{PlanType, Seat};
    use crate::test_seats::{at, seat};
    use proptest::prelude::*;

    const NOW: &str = "2024-06-30T12:00:00Z";

    fn a_day_back(days: u32) -> String {
        (at(NOW) - chrono::Duration::hours(i64::from(days) * 24 + 1)).to_rfc3339()
    }

    /// A seat of a small world: few teams, editors and organizations, so groups share seats.
    fn any_seat() -> impl Strategy<Value = Seat> {
        (
            0..1000_u32,
            prop::option::of(0..5_u8),
            prop::option::of(prop::sample::select(vec!["vscode/1", "JetBrains-IU/2", "neovim/0.9", "xcode/15"])),
            prop::option::of(0..400_u32),
            0..900_u32,
            prop::bool::weighted(0.1),
            prop::option::of(0..3_u8),
            prop::bool::ANY,
        )
            .prop_map(|(user, team, editor, active_days, age_days, pending, org, enterprise)| {
                let mut builder = seat(&format!("user{user}")).created(&a_day_back(age_days));
                if let Some(team) = team {
                    builder = builder.team(&format!("team-{team}"));
                }
                if let Some(editor) = editor {
                    builder = builder.editor(editor);
                }
                if let Some(days) = active_days {
                    builder = builder.last_activity(&a_day_back(days));
                }
                if pending {
                    builder = builder.pending("2024-07-31");
                }
                if let Some(org) = org {
                    builder = builder.org(&format!("org-{org}"));
                }
                if enterprise {
                    builder = builder.plan(PlanType::Enterprise);
                }
                builder.build()
            })
    }

    fn any_state() -> impl Strategy<Value = GridState> {
        (
            prop::collection::vec(prop::sample::select(SeatStatus::ALL.to_vec()), 0..3),
            prop::option::of(prop_oneof![
                Just(TeamFilter::Direct),
                (0..5_u8).prop_map(|team| TeamFilter::Team(format!("team-{team}")))
            ]),
            prop::option::of(prop::sample::select(ActivityAge::ALL.to_vec())),
            1..120_u32,
        )
            .prop_map(|(statuses, team, activity_age, threshold_days)| GridState {
                statuses: statuses.into_iter().collect::<StatusSet>(),
                team,
                activity_age,
                threshold_days,
                ..GridState::default()
            })
    }

    proptest! {
        #[test]
        fn the_bars_of_every_chart_add_up_to_the_seats_the_grid_shows(
            seats in prop::collection::vec(any_seat(), 0..60),
            state in any_state(),
        ) {
            let index = SeatIndex::new(&seats, None);
            let view = grid_view(&index, &state, &SeatPrices::default(), at(NOW));
            let board = dashboard(&index, &view, &state, at(NOW));
            let shown = view.rows.len();
            for chart in board.charts.iter().filter(|chart| !chart.id.starts_with("adoption")) {
                // The status chart ignores the status filter: it adds up to the status chips' set.
                let set = if chart.id == "status" { view.filtered_counts.total() } else { shown };
                prop_assert_eq!(chart.total(), set, "{}", chart.id);
                prop_assert!(chart.bars.iter().all(|bar| bar.values.len() == chart.series.len()), "{}", chart.id);
            }
            // Adoption shows the ends of the ranking; every group together is the set.
            for grouping in [Grouping::Team, Grouping::Organization] {
                let groups = adoption_groups(&index, &Tally::new(&index, &view, at(NOW)), grouping);
                let grouped: usize = groups.iter().map(|group| group.seats).sum();
                // Seats of no organization are in no organization group.
                let expected = match grouping {
                    Grouping::Team => shown,
                    Grouping::Organization => view.rows.iter().filter(|&&row| seats[row].organization.is_some()).count(),
                };
                prop_assert_eq!(grouped, expected);
            }
            prop_assert_eq!(&board.tiles[0].value, &crate::format::count(shown));
            // A sort reorders the rows and changes no figure (the tally reads them in seat order).
            let sorted_state = GridState { sort: Some((Column::LastActivity, SortDirection::Descending)), ..state.clone() };
            let sorted = grid_view(&index, &sorted_state, &SeatPrices::default(), at(NOW));
            prop_assert!(sorted.counts_the_same_as(&view));
            prop_assert_eq!(&dashboard(&index, &sorted, &sorted_state, at(NOW)), &board);
            if let Some(age) = state.activity_age {
                let activity = &board.charts[0];
                let elsewhere: usize = activity.bars.iter().filter(|bar| bar.filter != Some(super::super::BarFilter::ActivityAge(age))).map(|bar| bar.total()).sum();
                prop_assert_eq!(elsewhere, 0, "a view filtered to one bin has seats in that bin only");
            }
        }
    }

    #[test]
    fn an_enterprise_dashboard_adds_adoption_by_organization() {
        let seats = vec![seat("a").org("one").build(), seat("b").org("two").build()];
        let index = SeatIndex::new(&seats, None);
        let view = grid_view(&index, &GridState::default(), &SeatPrices::default(), at(NOW));
        let ids: Vec<&str> =
            dashboard(&index, &view, &GridState::default(), at(NOW)).charts.iter().map(|c| c.id).collect();
        assert_eq!(ids, ["activity", "status", "editors", "months", "adoption-teams", "adoption-organizations"]);
        let organization_view =
            grid_view(&SeatIndex::new(&seats[..0], None), &GridState::default(), &SeatPrices::default(), at(NOW));
        assert_eq!(
            dashboard(&SeatIndex::new(&[], None), &organization_view, &GridState::default(), at(NOW)).charts.len(),
            5
        );
    }
}
