//! GitHub's verbose objects, rendered from the compact state only for what is being answered.
//! Every object carries the fields the official schema requires, so the answers validate strictly.

use copilot_api::{AssigningTeam, EnterpriseTeam, OrganizationSimple, Seat, SeatBreakdown, SimpleUser, Team, TeamType};

use crate::clock::{cycle_start, midnight, timestamp};
use crate::generate::EDITORS;
use crate::state::{EnterpriseTeamRecord, Org, SeatRecord, State, User};

const API: &str = "https://api.github.com";
const WEB: &str = "https://github.com";

/// `simple-user`.
pub fn user(user: &User) -> SimpleUser {
    let login = &user.login;
    let url = format!("{API}/users/{login}");
    SimpleUser {
        login: login.clone(),
        id: user.id,
        node_id: Some(node_id("04:User", user.id)),
        name: None,
        email: None,
        avatar_url: Some(format!("https://avatars.githubusercontent.com/u/{}?v=4", user.id)),
        gravatar_id: Some(String::new()),
        html_url: Some(format!("{WEB}/{login}")),
        followers_url: Some(format!("{url}/followers")),
        following_url: Some(format!("{url}/following{{/other_user}}")),
        gists_url: Some(format!("{url}/gists{{/gist_id}}")),
        starred_url: Some(format!("{url}/starred{{/owner}}{{/repo}}")),
        subscriptions_url: Some(format!("{url}/subscriptions")),
        organizations_url: Some(format!("{url}/orgs")),
        repos_url: Some(format!("{url}/repos")),
        events_url: Some(format!("{url}/events{{/privacy}}")),
        received_events_url: Some(format!("{url}/received_events")),
        account_type: Some("User".to_owned()),
        site_admin: Some(false),
        url: Some(url),
    }
}

/// `organization-simple`.
pub fn organization(org: &Org) -> OrganizationSimple {
    let url = format!("{API}/orgs/{}", org.login);
    OrganizationSimple {
        login: org.login.clone(),
        id: org.id,
        node_id: Some(node_id("012:Organization", org.id)),
        repos_url: Some(format!("{url}/repos")),
        events_url: Some(format!("{url}/events")),
        hooks_url: Some(format!("{url}/hooks")),
        issues_url: Some(format!("{url}/issues")),
        members_url: Some(format!("{url}/members{{/member}}")),
        public_members_url: Some(format!("{url}/public_members{{/member}}")),
        avatar_url: Some(format!("https://avatars.githubusercontent.com/u/{}?v=4", org.id)),
        description: org.description.clone(),
        url: Some(url),
    }
}

/// `team`, for an organization team.
pub fn team(org: &Org, index: u32) -> Option<Team> {
    let team = org.teams.get(index as usize)?;
    let url = format!("{API}/organizations/{}/team/{}", org.id, team.id);
    Some(Team {
        id: team.id,
        name: team.name.clone(),
        slug: team.slug.clone(),
        node_id: Some(node_id("04:Team", team.id)),
        description: team.description.clone(),
        privacy: Some("closed".to_owned()),
        notification_setting: Some("notifications_enabled".to_owned()),
        permission: Some("pull".to_owned()),
        html_url: Some(format!("{WEB}/orgs/{}/teams/{}", org.login, team.slug)),
        members_url: Some(format!("{url}/members{{/member}}")),
        repositories_url: Some(format!("{url}/repos")),
        url: Some(url),
        parent: None,
        team_type: Some(TeamType::Organization),
        organization_id: Some(org.id),
        enterprise_id: None,
    })
}

/// `enterprise-team`.
pub fn enterprise_team(enterprise_slug: &str, team: &EnterpriseTeamRecord) -> EnterpriseTeam {
    let url = format!("{API}/enterprises/{enterprise_slug}/teams/{}", team.slug);
    EnterpriseTeam {
        id: team.id,
        name: team.name.clone(),
        slug: team.slug.clone(),
        created_at: timestamp(team.created_at),
        updated_at: timestamp(team.created_at),
        group_id: None,
        group_name: None,
        description: Some(format!("Everyone in {} who champions Copilot", team.name)),
        html_url: Some(format!("{WEB}/enterprises/{enterprise_slug}/teams/{}", team.slug)),
        members_url: Some(format!("{url}/memberships{{/member}}")),
        url: Some(url),
        sync_to_organizations: None,
        organization_selection_type: Some("disabled".to_owned()),
        notification_setting: Some("notifications_enabled".to_owned()),
    }
}

/// Where a seat comes from, for rendering it.
#[derive(Clone, Copy)]
pub enum SeatSource<'a> {
    /// An organization's seat; `with_organization` for the enterprise list.
    Org {
        org: &'a Org,
        with_organization: bool,
    },
    EnterpriseTeam(&'a EnterpriseTeamRecord),
}

/// `copilot-seat-details`.
pub fn seat(state: &State, record: &SeatRecord, source: SeatSource<'_>) -> Seat {
    let (organization, assigning_team) = match source {
        SeatSource::Org { org, with_organization } => (
            with_organization.then(|| organization(org)),
            record.assigning_team.and_then(|index| team(org, index)).map(AssigningTeam::Organization),
        ),
        SeatSource::EnterpriseTeam(team) => {
            (None, Some(AssigningTeam::Enterprise(enterprise_team(&state.enterprise.slug, team))))
        }
    };
    Seat {
        assignee: state.user(record.user).map(user),
        organization,
        assigning_team,
        pending_cancellation_date: record.pending_cancellation_date,
        last_activity_at: record.last_activity_at.map(timestamp),
        last_activity_editor: record
            .last_activity_editor
            .and_then(|index| EDITORS.get(usize::from(index)))
            .map(|editor| (*editor).to_owned()),
        last_authenticated_at: record.last_authenticated_at.map(timestamp),
        created_at: timestamp(record.created_at),
        updated_at: Some(timestamp(record.updated_at)),
        plan_type: Some(record.plan_type),
    }
}

/// The seat breakdown of `GET /orgs/{org}/copilot/billing`, counted from the state.
pub fn breakdown(org: &Org, now: chrono::DateTime<chrono::Utc>) -> SeatBreakdown {
    let start = midnight(cycle_start(now));
    let total = org.seats.len() as u64;
    let added = org.seats.iter().filter(|seat| seat.created_at >= start).count() as u64;
    let pending_cancellation = org.seats.iter().filter(|seat| seat.pending_cancellation_date.is_some()).count() as u64;
    let active = org.seats.iter().filter(|seat| seat.last_activity_at.is_some_and(|at| at >= start)).count() as u64;
    let pending_invitation = org.invitations.iter().filter(|invitation| invitation.seat_requested).count() as u64;
    SeatBreakdown {
        total: Some(total),
        added_this_cycle: Some(added),
        pending_cancellation: Some(pending_cancellation),
        pending_invitation: Some(pending_invitation),
        active_this_cycle: Some(active),
        inactive_this_cycle: Some(total - active),
    }
}

/// GitHub's legacy node ids: base64 of `04:User123`, `012:Organization45`, `04:Team6`.
fn node_id(prefix: &str, id: u64) -> String {
    base64(format!("{prefix}{id}").as_bytes())
}

fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [chunk[0], chunk.get(1).copied().unwrap_or(0), chunk.get(2).copied().unwrap_or(0)];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for (i, shift) in [18, 12, 6, 0].into_iter().enumerate() {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[((n >> shift) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn node_ids_match_githubs_examples() {
        assert_eq!(node_id("04:User", 1), "MDQ6VXNlcjE=");
        assert_eq!(node_id("04:Team", 1), "MDQ6VGVhbTE=");
        assert_eq!(node_id("012:Organization", 1), "MDEyOk9yZ2FuaXphdGlvbjE=");
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"ab"), "YWI=");
    }
}
