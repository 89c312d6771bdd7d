//! Seats and times for the planning tests.

use chrono::{DateTime, NaiveDate};

use crate::models::{AssigningTeam, EnterpriseTeam, Seat, SimpleUser, Team, TeamType};

/// A fixed "now" in ms since the epoch (2023-11-14), so rate-limit resets read as real epoch seconds.
pub const NOW: u64 = 1_700_000_000_000;

/// An active seat granted directly to `login`.
pub fn seat(login: &str, id: u64) -> Seat {
    Seat {
        assignee: Some(SimpleUser {
            login: login.to_owned(),
            id,
            node_id: None,
            name: None,
            email: None,
            avatar_url: None,
            gravatar_id: None,
            url: None,
            html_url: None,
            followers_url: None,
            following_url: None,
            gists_url: None,
            starred_url: None,
            subscriptions_url: None,
            organizations_url: None,
            repos_url: None,
            events_url: None,
            received_events_url: None,
            account_type: None,
            site_admin: None,
        }),
        organization: None,
        assigning_team: None,
        pending_cancellation_date: None,
        last_activity_at: None,
        last_activity_editor: None,
        last_authenticated_at: None,
        created_at: DateTime::parse_from_rfc3339("2023-01-01T00:00:00Z").expect("a valid timestamp"),
        updated_at: None,
        plan_type: None,
    }
}

/// A seat as the enterprise list shows it: in an organization, maybe through a team.
pub fn seat_in(login: &str, id: u64, org: &str, team: Option<&str>) -> Seat {
    let mut seat = seat(login, id);
    seat.organization = Some(
        serde_json::from_value(serde_json::json!({ "login": org, "id": 1, "description": null }))
            .expect("a valid organization"),
    );
    seat.assigning_team = team.map(organization_team);
    seat
}

pub fn team_seat(login: &str, id: u64, team: &str) -> Seat {
    Seat { assigning_team: Some(organization_team(team)), ..seat(login, id) }
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
    Seat { pending_cancellation_date: NaiveDate::from_ymd_opt(2024, 1, 31), ..seat(login, id) }
}

pub fn ghost_seat() -> Seat {
    Seat { assignee: None, ..seat("ghost", 0) }
}

fn organization_team(slug: &str) -> AssigningTeam {
    AssigningTeam::Organization(Team {
        id: 1,
        name: format!("Team {slug}"),
        slug: slug.to_owned(),
        node_id: None,
        description: None,
        privacy: None,
        notification_setting: None,
        permission: None,
        url: None,
        html_url: None,
        members_url: None,
        repositories_url: None,
        parent: None,
        team_type: Some(TeamType::Organization),
        organization_id: None,
        enterprise_id: None,
    })
}
