//! The four changes: seats added and cancelled for users and for teams, after GitHub's preconditions.

use super::auth::not_enabled;
use crate::clock::next_cycle_start;
use crate::errors::error_response;
use crate::http::{Request, Response};
use crate::state::{Org, SeatRecord, State, UserId};
use chrono::{DateTime, NaiveDate, Utc};
use copilot_api::{PublicCodeSuggestions, SeatManagementSetting, SeatsCancelled, SeatsCreated};
use rustc_hash::FxHashSet;
use serde_json::Value;

/// The names in the request body, validated as GitHub's request schema says (an array of at least one
/// string). A body that is not JSON is 400; one that does not fit the schema is 422.
fn names_in_body(request: &Request, field: &str, docs: &str) -> Result<Vec<String>, Response> {
    let text = request.body.as_deref().unwrap_or("").trim();
    let body: Value = if text.is_empty() {
        Value::Object(Default::default())
    } else {
        serde_json::from_str(text).map_err(|_| error_response(400, "Problems parsing JSON", docs))?
    };
    let invalid = |detail: String| error_response(422, &format!("Invalid request.\n\n{detail}"), docs);
    let value = body.get(field).ok_or_else(|| invalid(format!("\"{field}\" wasn't supplied.")))?;
    let items =
        value.as_array().ok_or_else(|| invalid(format!("For 'properties/{field}', {value} is not an array.")))?;
    if items.is_empty() {
        return Err(invalid(format!("For 'properties/{field}', [] should have at least 1 item(s).")));
    }
    items
        .iter()
        .map(|item| {
            item.as_str().map(str::to_owned).ok_or_else(|| invalid(format!("For 'items', {item} is not a string.")))
        })
        .collect()
}

/// The documented 422s common to the four changes.
fn write_preconditions(state: &State, index: usize, docs: &str) -> Result<(), Response> {
    let settings = &state.orgs[index].settings;
    if !settings.copilot_enabled || settings.seat_management_setting == SeatManagementSetting::Disabled {
        return Err(not_enabled(docs, 422));
    }
    if !settings.billing_set_up {
        return Err(error_response(422, "Billing has not been set up for this organization.", docs));
    }
    if matches!(settings.public_code_suggestions, PublicCodeSuggestions::Unconfigured | PublicCodeSuggestions::Unknown)
    {
        return Err(error_response(
            422,
            "A public code suggestions policy has not been set for this organization.",
            docs,
        ));
    }
    match settings.seat_management_setting {
        SeatManagementSetting::AssignAll => Err(error_response(
            422,
            "The organization's Copilot access setting is set to enable Copilot for all members (assign_all); seats cannot be assigned or cancelled one by one.",
            docs,
        )),
        SeatManagementSetting::Unconfigured | SeatManagementSetting::Unknown => Err(error_response(
            422,
            "The organization's Copilot access setting is unconfigured.",
            docs,
        )),
        _ => Ok(()),
    }
}

/// Whom a change names: the users of `selected_usernames` or the teams of `selected_teams`.
#[derive(Clone, Copy)]
pub(super) enum Target {
    Users,
    Teams,
}

/// One change as the request asks for it: the organization, the names in the body, and the time, both as
/// the epoch a touched seat records and as the date a cancelled seat ends on (the next billing cycle).
struct Change<'a> {
    index: usize,
    names: Vec<String>,
    epoch: i64,
    pending_date: NaiveDate,
    docs: &'a str,
}

/// One of the four changes, from the body to the answer: the names, the documented preconditions, then the
/// change. Added seats answer 201 with `seats_created`; cancelled ones 200 with `seats_cancelled`.
pub(super) fn apply(
    state: &mut State,
    index: usize,
    request: &Request,
    target: Target,
    remove: bool,
    now: DateTime<Utc>,
    docs: &str,
) -> Result<Response, Response> {
    let field = match target {
        Target::Users => "selected_usernames",
        Target::Teams => "selected_teams",
    };
    let names = names_in_body(request, field, docs)?;
    write_preconditions(state, index, docs)?;
    let change = Change { index, names, epoch: now.timestamp(), pending_date: next_cycle_start(now), docs };
    if remove {
        let cancelled = match target {
            Target::Users => remove_users(state, &change)?,
            Target::Teams => remove_teams(state, &change)?,
        };
        state.note_pending(change.pending_date);
        Ok(Response::serialized(200, &SeatsCancelled { seats_cancelled: cancelled }))
    } else {
        let created = match target {
            Target::Users => add_users(state, &change)?,
            Target::Teams => add_teams(state, &change)?,
        };
        state.refresh_next_expiry();
        Ok(Response::serialized(201, &SeatsCreated { seats_created: created }))
    }
}

/// Who a username is to the organization.
enum Person {
    Member(UserId),
    Invitee(UserId),
}

/// Resolves usernames (without case, each once); the unknown ones are refused together.
fn people(state: &State, change: &Change) -> Result<Vec<Person>, Response> {
    let org = &state.orgs[change.index];
    let mut seen = FxHashSet::default();
    let mut people = Vec::new();
    let mut unknown = Vec::new();
    for name in &change.names {
        match state.user_named(name) {
            Some(user) if org.is_member(user) => {
                if seen.insert(user) {
                    people.push(Person::Member(user));
                }
            }
            Some(user) if org.invitation_of(user).is_some() => {
                if seen.insert(user) {
                    people.push(Person::Invitee(user));
                }
            }
            _ => unknown.push(name.as_str()),
        }
    }
    // The documents are silent here; GitHub answers a validation failure, naming the users.
    all_known(people, &unknown, "These users are not members of the organization", change.docs)
}

/// Resolves team slugs or names (each once); the unknown ones are refused together.
fn teams(state: &State, change: &Change) -> Result<Vec<u32>, Response> {
    let org = &state.orgs[change.index];
    let mut found = Vec::new();
    let mut unknown = Vec::new();
    for name in &change.names {
        match org.team_named(name) {
            Some(team) if !found.contains(&team) => found.push(team),
            Some(_) => {}
            None => unknown.push(name.as_str()),
        }
    }
    all_known(found, &unknown, "These teams do not exist in the organization", change.docs)
}

/// What was found, or one 422 that names every unknown name after `sentence`.
fn all_known<T>(found: Vec<T>, unknown: &[&str], sentence: &str, docs: &str) -> Result<Vec<T>, Response> {
    if unknown.is_empty() {
        Ok(found)
    } else {
        Err(error_response(422, &format!("{sentence}: {}.", unknown.join(", ")), docs))
    }
}

fn new_seat(
    user: UserId,
    assigning_team: Option<u32>,
    direct: bool,
    now: i64,
    plan_type: copilot_api::PlanType,
) -> SeatRecord {
    SeatRecord {
        user,
        assigning_team,
        direct,
        created_at: now,
        updated_at: now,
        pending_cancellation_date: None,
        last_activity_at: None,
        last_activity_editor: None,
        last_authenticated_at: None,
        plan_type,
    }
}

/// New seats and refreshed ones both count in `seats_created`.
fn add_users(state: &mut State, change: &Change) -> Result<u64, Response> {
    let people = people(state, change)?;
    let org = &mut state.orgs[change.index];
    let plan_type = org.settings.plan_type;
    let mut created = 0u64;
    for person in people {
        match person {
            Person::Member(user) => {
                if let Some(seat) = org.seat_of_mut(user) {
                    seat.updated_at = change.epoch;
                    seat.pending_cancellation_date = None;
                    seat.direct = true;
                } else {
                    org.push_seat(new_seat(user, None, true, change.epoch, plan_type));
                }
            }
            Person::Invitee(user) => org.set_seat_requested(user, true),
        }
        created += 1;
    }
    Ok(created)
}

/// Sets direct seats to pending cancellation. A seat granted through a team is refused (the documented
/// 422); a user who still has access through a selected team keeps the seat.
fn remove_users(state: &mut State, change: &Change) -> Result<u64, Response> {
    let people = people(state, change)?;
    let org = &state.orgs[change.index];
    let through_team: Vec<&str> = people
        .iter()
        .filter_map(|person| match person {
            Person::Member(user) => org
                .seat_of(*user)
                .filter(|seat| seat.assigning_team.is_some() && seat.pending_cancellation_date.is_none())
                .map(|_| state.login(*user)),
            Person::Invitee(_) => None,
        })
        .collect();
    if !through_team.is_empty() {
        let message = format!(
            "The seats of these users were assigned through a team and cannot be cancelled one by one: {}. Remove the team or the user from the team instead.",
            through_team.join(", ")
        );
        return Err(error_response(422, &message, change.docs));
    }
    let covered = org.team_covered_users();
    let org = &mut state.orgs[change.index];
    let first_covering_team = |org: &Org, user: UserId| {
        org.teams.iter().position(|team| team.copilot && team.members.contains(&user)).map(|team| team as u32)
    };
    let mut cancelled = 0u64;
    for person in people {
        match person {
            Person::Member(user) => {
                let covering = covered.contains(&user).then(|| first_covering_team(org, user)).flatten();
                let Some(seat) = org.seat_of_mut(user) else { continue };
                seat.direct = false;
                if covering.is_some() {
                    // Keeps access through team membership.
                    seat.assigning_team = covering;
                } else if seat.pending_cancellation_date.is_none() {
                    seat.pending_cancellation_date = Some(change.pending_date);
                    seat.updated_at = change.epoch;
                    cancelled += 1;
                }
            }
            Person::Invitee(user) => org.set_seat_requested(user, false),
        }
    }
    Ok(cancelled)
}

/// Selects teams: every member gets a seat (new or refreshed; both count once per user).
fn add_teams(state: &mut State, change: &Change) -> Result<u64, Response> {
    let selected = teams(state, change)?;
    let org = &mut state.orgs[change.index];
    let plan_type = org.settings.plan_type;
    let mut touched = FxHashSet::default();
    for team in selected {
        let Some(record) = org.teams.get_mut(team as usize) else { continue };
        record.copilot = true;
        let members = record.members.clone();
        for user in members {
            if !touched.insert(user) {
                continue;
            }
            if let Some(seat) = org.seat_of_mut(user) {
                let had_access = seat.pending_cancellation_date.is_none();
                seat.updated_at = change.epoch;
                seat.pending_cancellation_date = None;
                if !had_access || (seat.assigning_team.is_none() && !seat.direct) {
                    seat.assigning_team = Some(team);
                }
            } else {
                org.push_seat(new_seat(user, Some(team), false, change.epoch, plan_type));
            }
        }
    }
    Ok(touched.len() as u64)
}

/// Unselects teams: members who keep access through another selected team or a direct assignment keep
/// their seat; the others' seats go pending cancellation.
fn remove_teams(state: &mut State, change: &Change) -> Result<u64, Response> {
    let removed = teams(state, change)?;
    let org = &mut state.orgs[change.index];
    let mut affected = Vec::new();
    for &team in &removed {
        if let Some(record) = org.teams.get_mut(team as usize) {
            record.copilot = false;
            affected.extend(record.members.iter().copied());
        }
    }
    let covering: Vec<(u32, FxHashSet<UserId>)> = org
        .teams
        .iter()
        .enumerate()
        .filter(|(_, team)| team.copilot)
        .map(|(position, team)| (position as u32, team.members.iter().copied().collect()))
        .collect();
    let mut seen = FxHashSet::default();
    let mut cancelled = 0u64;
    for user in affected {
        if !seen.insert(user) {
            continue;
        }
        let still_covered = covering.iter().find(|(_, members)| members.contains(&user)).map(|(team, _)| *team);
        let Some(seat) = org.seat_of_mut(user) else { continue };
        if seat.pending_cancellation_date.is_some() {
            continue;
        }
        let granted_by_removed = seat.assigning_team.is_some_and(|team| removed.contains(&team));
        if let Some(team) = still_covered {
            if granted_by_removed {
                seat.assigning_team = Some(team);
            }
        } else if seat.direct {
            if granted_by_removed {
                seat.assigning_team = None;
            }
        } else if granted_by_removed {
            seat.pending_cancellation_date = Some(change.pending_date);
            seat.updated_at = change.epoch;
            cancelled += 1;
        }
    }
    Ok(cancelled)
}
