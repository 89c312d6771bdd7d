//! `GET /_sandbox/state`: the whole state as plain JSON, so a test can compare what the app reports with
//! what really happened.

use chrono::{DateTime, Utc};
use serde_json::{json, Value};

use crate::clock::{cycle_start, next_cycle_start, timestamp};
use crate::generate::EDITORS;
use crate::state::{Org, SeatRecord, State, UserId};

pub fn dump(state: &State, now: DateTime<Utc>) -> Value {
    let enterprise = &state.enterprise;
    json!({
        "now": timestamp(now.timestamp()),
        "billing_cycle": { "start": cycle_start(now), "next_start": next_cycle_start(now) },
        "options": {
            "seats": state.options.seats,
            "orgs": state.options.orgs,
            "teams": state.options.teams,
            "seed": state.options.seed,
        },
        "enterprise": {
            "slug": enterprise.slug,
            "name": enterprise.name,
            "id": enterprise.id,
            "owners": logins(state, &enterprise.owners),
            "billing_managers": logins(state, &enterprise.billing_managers),
            "teams": enterprise.teams.iter().map(|team| team_json(state, (&team.slug, &team.name, team.id), &team.members, json!({
                "seats": team.seats.iter().map(|seat| seat_json(state, seat, Some(team.slug.as_str()))).collect::<Vec<_>>(),
            }))).collect::<Vec<_>>(),
        },
        "orgs": state.orgs.iter().map(|org| org_json(state, org)).collect::<Vec<_>>(),
        "tokens": state.tokens.iter().map(|token| json!({
            "name": token.name,
            "holder": token.holder,
            "credential": token.credential,
            "sso_authorized": token.sso_authorized,
        })).collect::<Vec<_>>(),
        "rate_limit": state.limits.primary_limit,
        "faults": state.faults,
        "redirect": state.redirect.to_json(),
    })
}

fn org_json(state: &State, org: &Org) -> Value {
    json!({
        "login": org.login,
        "id": org.id,
        "settings": &org.settings,
        "owners": logins(state, &org.owners),
        "billing_managers": logins(state, &org.billing_managers),
        "members": logins(state, &org.members),
        "teams": org.teams.iter().map(|team| {
            team_json(state, (&team.slug, &team.name, team.id), &team.members, json!({ "copilot": team.copilot }))
        }).collect::<Vec<_>>(),
        "pending_invitations": org.invitations.iter().map(|invitation| json!({
            "login": state.login(invitation.user),
            "invited_at": timestamp(invitation.invited_at),
            "seat_requested": invitation.seat_requested,
        })).collect::<Vec<_>>(),
        "seats": org.seats.iter().map(|seat| {
            let team = seat.assigning_team.and_then(|index| org.teams.get(index as usize)).map(|team| team.slug.as_str());
            seat_json(state, seat, team)
        }).collect::<Vec<_>>(),
    })
}

fn logins<'a>(state: &'a State, users: &[UserId]) -> Vec<&'a str> {
    users.iter().map(|&user| state.login(user)).collect()
}

/// A team as an enterprise team and an organization's team both show it (slug, name, id, members), with
/// the fields only its kind has (`own`, an object) beside them.
fn team_json(state: &State, (slug, name, id): (&str, &str, u64), members: &[UserId], own: Value) -> Value {
    let mut team = json!({ "slug": slug, "name": name, "id": id, "members": logins(state, members) });
    if let (Some(fields), Value::Object(own)) = (team.as_object_mut(), own) {
        fields.extend(own);
    }
    team
}

fn seat_json(state: &State, seat: &SeatRecord, assigning_team: Option<&str>) -> Value {
    json!({
        "login": state.login(seat.user),
        "assigning_team": assigning_team,
        "direct": seat.direct,
        "created_at": timestamp(seat.created_at),
        "updated_at": timestamp(seat.updated_at),
        "last_activity_at": seat.last_activity_at.map(timestamp),
        "last_activity_editor": seat.last_activity_editor.and_then(|index| EDITORS.get(usize::from(index))),
        "last_authenticated_at": seat.last_authenticated_at.map(timestamp),
        "pending_cancellation_date": seat.pending_cancellation_date,
        "plan_type": seat.plan_type,
    })
}
