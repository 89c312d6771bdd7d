//! What the grid tests share: a fixture of five seats at a fixed moment, and views of it.

use super::index::{SeatIndex, GHOST_LOGIN};
use super::state::{Column, GridState, SortDirection};
use super::view::{grid_view, GridView};
use crate::insight::cost::SeatPrices;
use crate::models::{PlanType, Seat};
use crate::test_seats::{at, seat};

pub(crate) const NOW: &str = "2024-06-30T12:00:00Z";

pub(crate) fn fixture() -> Vec<Seat> {
    vec![
        // 0: active, VS Code, team devs
        seat("mona").team("devs").editor("vscode/1.90.0/copilot/1.200.0").last_activity("2024-06-30T06:00:00Z").build(),
        // 1: inactive (45 days), JetBrains, direct, enterprise plan
        seat("Hubot")
            .editor("JetBrains-IC/233.1/copilot-intellij/1.4")
            .last_activity("2024-05-16T12:00:00Z")
            .plan(PlanType::Enterprise)
            .build(),
        // 2: never used, direct
        seat("octocat").created("2024-01-01T00:00:00Z").build(),
        // 3: pending cancellation, team ops
        seat("bob")
            .team("ops")
            .editor("vscode/1.80.0/copilot/1.100.0")
            .last_activity("2024-06-01T12:00:00Z")
            .pending("2024-07-31")
            .build(),
        // 4: inactive (100 days), VS Code, team devs
        seat("alice").team("devs").editor("vscode/1.9.0/copilot/1.0").last_activity("2024-03-22T12:00:00Z").build(),
    ]
}

pub(crate) fn view_with(seats: &[Seat], state: &GridState) -> GridView {
    grid_view(&SeatIndex::new(seats, None), state, &SeatPrices::default(), at(NOW))
}

pub(crate) fn logins(seats: &[Seat], view: &GridView) -> Vec<String> {
    view.rows.iter().map(|&i| seats[i].login().unwrap_or(GHOST_LOGIN).to_owned()).collect()
}

pub(crate) fn sorted_by(column: Column, direction: SortDirection) -> GridState {
    GridState { sort: Some((column, direction)), ..GridState::default() }
}
