//! Seats and times for the planning tests.

use chrono::DateTime;

use crate::models::{AssigningTeam, EnterpriseTeam, Seat};
use crate::test_seats;

/// A fixed "now" in ms since the epoch (2023-11-14), so rate-limit resets read as real epoch seconds.
pub const NOW: u64 = 1_700_000_000_000;

/// An active seat granted directly to `login`.
pub fn seat(login: &str, id: u64) -> Seat {
    test_seats::seat(login).id(id).build()
}

/// A seat as the enterprise list shows it: in an organization, maybe through a team.
pub fn seat_in(login: &str, id: u64, org: &str, team: Option<&str>) -> Seat {
    let seat = test_seats::seat(login).id(id).org(org);
    match team {
        Some(team) => seat.team(team),
        None => seat,
    }
    .build()
}

pub fn team_seat(login: &str, id: u64, team: &str) -> Seat {
    test_seats::seat(login).id(id).team(team).build()
}

pub fn enterprise_team_seat(login: &str, id: u64, team: &str) -> Seat {
    let created = DateTime::parse_from_rfc3339("2023-01-01T00:00:00Z").expect("a valid timestamp");
    let enterprise_team = EnterpriseTeam {
        id: 9,
        name: format!("Team {team}"),
        slug: team.to_owned(),
        created_at: created,
        updated_at: created,
        group_id: None,
        group_name: None,
        description: None,
        url: None,
        html_url: None,
        members_url: None,
        sync_to_organizations: None,
        organization_selection_type: None,
        notification_setting: None,
    };
    Seat { assigning_team: Some(AssigningTeam::Enterprise(enterprise_team)), ..seat(login, id) }
}

pub fn pending_seat(login: &str, id: u64) -> Seat {
    test_seats::seat(login).id(id).pending("2024-01-31").build()
}

pub fn ghost_seat() -> Seat {
    test_seats::seat("ghost").id(0).ghost().build()
}
