//! `GET /_sandbox/state`: the whole state as plain JSON, so a test can compare what the app reports with
//! what really happened.

use chrono::{DateTime, Utc};
use serde_json::{json, Value};

use crate::clock::{cycle_start, next_cycle_start, timestamp};
use crate::generate::EDITORS;
use crate::state::{Org, SeatRecord, State, UserId};

pub fn dump(state: &State, now: DateTime<Utc>) -> Value {
    let logins = |users: &[UserId]| -> Vec<&str> { users.iter().map(|&user| state.login(user)).collect() };
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
            "owners": logins(&enterprise.owners),
            "billing_managers": logins(&enterprise.billing_managers),
            "teams": enterprise.teams.iter().map(|team| json!({
                "slug": team.slug,
                "name": team.name,
                "id": team.id,
                "members": logins(&team.members),
                "seats": team.seats.iter().map(|seat| seat_json(state, seat, Some(team.slug.as_str()))).collect::<Vec<_>>(),
            })).collect::<Vec<_>>(),
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
    let logins = |users: &[UserId]| -> Vec<&str> { users.iter().map(|&user| state.login(user)).collect() };
    json!({
        "login": org.login,
        "id": org.id,
        "settings": &org.settings,
        "owners": logins(&org.owners),
        "billing_managers": logins(&org.billing_managers),
        "members": logins(&org.members),
        "teams": org.teams.iter().map(|team| json!({
            "slug": team.slug,
            "name": team.name,
            "id": team.id,
            "copilot": team.copilot,
            "members": logins(&team.members),
        })).collect::<Vec<_>>(),
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
