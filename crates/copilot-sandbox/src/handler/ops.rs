//! The eight operations: who may call them, what GitHub's documents say they refuse, and what they change.

use chrono::{DateTime, Utc};
use copilot_api::{
    pagination::LinkHeader, OrganizationBilling, PublicCodeSuggestions, SeatManagementSetting, SeatPage,
    SeatsCancelled, SeatsCreated,
};
use serde_json::Value;

use super::Route;
use crate::clock::next_cycle_start;
use crate::errors::{error_response, DOCS_SAML};
use crate::http::{percent_encode, Request, Response};
use crate::render::{self, SeatSource};
use crate::state::{Org, SeatRecord, State, UserId};
use crate::tokens::{Access, Credential, TokenGrant};
use rustc_hash::FxHashSet;

const DEFAULT_PER_PAGE: u64 = 50;
const MAX_PER_PAGE: u64 = 100;

pub(super) fn run(
    state: &mut State,
    grant: &TokenGrant,
    route: &Route,
    request: &Request,
    now: DateTime<Utc>,
) -> Response {
    let operation = route.operation();
    let docs = docs_url(operation);
    match route {
        Route::EnterpriseSeats { enterprise } => match authorize_enterprise(state, grant, enterprise, docs) {
            Ok(()) => enterprise_seats(state, grant, request),
            Err(refusal) => refusal,
        },
        Route::Billing { org }
        | Route::OrgSeats { org }
        | Route::Teams { org, .. }
        | Route::Users { org, .. }
        | Route::MemberSeat { org, .. } => {
            let index = match authorize_org(state, grant, org, operation, docs) {
                Ok(index) => index,
                Err(refusal) => return refusal,
            };
            let result = match route {
                Route::Billing { .. } => billing(state, index, now, docs),
                Route::OrgSeats { .. } => org_seats(state, index, request, docs),
                Route::MemberSeat { username, .. } => member_seat(state, index, username, docs),
                Route::Users { remove, .. } => names_in_body(request, "selected_usernames", docs).and_then(|names| {
                    write_preconditions(state, index, docs)?;
                    if *remove {
                        remove_users(state, index, &names, now, docs)
                    } else {
                        add_users(state, index, &names, now, docs)
                    }
                }),
                Route::Teams { remove, .. } => names_in_body(request, "selected_teams", docs).and_then(|names| {
                    write_preconditions(state, index, docs)?;
                    if *remove {
                        remove_teams(state, index, &names, now, docs)
                    } else {
                        add_teams(state, index, &names, now, docs)
                    }
                }),
                Route::EnterpriseSeats { .. } => Err(crate::errors::not_found()),
            };
            result.unwrap_or_else(|refusal| refusal)
        }
    }
}

fn docs_url(operation: copilot_api::Operation) -> &'static str {
    use copilot_api::Operation::*;
    match operation {
        GetOrganizationBilling => "https://docs.github.com/rest/copilot/copilot-user-management#get-copilot-seat-information-and-settings-for-an-organization",
        ListOrganizationSeats => "https://docs.github.com/rest/copilot/copilot-user-management#list-all-copilot-seat-assignments-for-an-organization",
        ListEnterpriseSeats => "https://docs.github.com/enterprise-cloud@latest/rest/copilot/copilot-user-management#list-all-copilot-seat-assignments-for-an-enterprise",
        AddTeams => "https://docs.github.com/rest/copilot/copilot-user-management#add-teams-to-the-copilot-subscription-for-an-organization",
        RemoveTeams => "https://docs.github.com/rest/copilot/copilot-user-management#remove-teams-from-the-copilot-subscription-for-an-organization",
        AddUsers => "https://docs.github.com/rest/copilot/copilot-user-management#add-users-to-the-copilot-subscription-for-an-organization",
        RemoveUsers => "https://docs.github.com/rest/copilot/copilot-user-management#remove-users-from-the-copilot-subscription-for-an-organization",
        GetMemberSeat => "https://docs.github.com/rest/copilot/copilot-user-management#get-copilot-seat-assignment-details-for-a-user",
    }
}

const DOCS_TOKEN_POLICY: &str = "https://docs.github.com/organizations/managing-programmatic-access-to-your-organization/setting-a-personal-access-token-policy-for-your-organization";

/// GitHub's words when an organization's personal access token policy refuses the token.
fn token_policy_refusal(settings: &crate::state::OrgSettings, org: &str, grant: &TokenGrant) -> Option<String> {
    if grant.credential.is_classic() {
        return settings.forbid_classic_tokens.then(|| {
            format!("`{org}` forbids access via a personal access token (classic). Please use a GitHub App, OAuth App, or a personal access token with fine-grained permissions.")
        });
    }
    let max = settings.fine_grained_max_lifetime_days?;
    let too_long = grant.lifetime_days.is_none_or(|days| days > max);
    too_long.then(|| {
        format!("`{org}` forbids access via a fine-grained personal access tokens if the token's lifetime is greater than {max} days. Please adjust your token's lifetime at the following URL: https://github.com/settings/personal-access-tokens")
    })
}

const NOT_ACCESSIBLE: &str = "Resource not accessible by personal access token";

/// 404 for an organization the holder cannot see; 403 for SAML, scope or permission, role.
fn authorize_org(
    state: &State,
    grant: &TokenGrant,
    org: &str,
    operation: copilot_api::Operation,
    docs: &str,
) -> Result<usize, Response> {
    let index = state.org_index(org).ok_or_else(|| error_response(404, "Not Found", docs))?;
    let holder = state.user_named(grant.holder);
    let org = &state.orgs[index];
    let Some(holder) = holder.filter(|&holder| org.is_member(holder)) else {
        return Err(error_response(404, "Not Found", docs));
    };
    if org.settings.saml_enforced && !grant.sso_authorized {
        let url = format!(
            "https://github.com/orgs/{}/sso?authorization_request=SANDBOX{:X}",
            org.login,
            org.id.wrapping_mul(31).wrapping_add(holder as u64)
        );
        return Err(error_response(
            403,
            "Resource protected by organization SAML enforcement. You must grant your Personal Access token access to this organization.",
            DOCS_SAML,
        )
        .with_header("X-GitHub-SSO", &format!("required; url={url}")));
    }
    if let Some(refusal) = token_policy_refusal(&org.settings, &org.login, grant) {
        return Err(error_response(403, &refusal, DOCS_TOKEN_POLICY));
    }
    match &grant.credential {
        Credential::Classic { .. } => {
            let accepted = operation.classic_scopes();
            if !accepted.iter().any(|scope| grant.credential.has_scope(scope)) {
                let message = format!(
                    "This token is missing a required scope: this endpoint needs one of {}.",
                    accepted.join(", ")
                );
                return Err(error_response(403, &message, docs));
            }
        }
        Credential::FineGrained { .. } => {
            let needed = if operation.is_write() { Access::Write } else { Access::Read };
            if grant.credential.organization_access().is_none_or(|access| access < needed) {
                return Err(error_response(403, NOT_ACCESSIBLE, docs));
            }
        }
    }
    if !org.owners.contains(&holder) {
        return Err(error_response(
            403,
            "You must be an organization owner to view or manage this organization's Copilot seats.",
            docs,
        ));
    }
    Ok(index)
}

/// The enterprise list refuses fine-grained tokens outright, then wants an enterprise owner or billing
/// manager with `manage_billing:copilot` or `read:enterprise`.
fn authorize_enterprise(state: &State, grant: &TokenGrant, enterprise: &str, docs: &str) -> Result<(), Response> {
    if !grant.credential.is_classic() {
        return Err(error_response(403, NOT_ACCESSIBLE, docs));
    }
    let known = &state.enterprise;
    if !(known.slug.eq_ignore_ascii_case(enterprise) || known.id.to_string() == enterprise) {
        return Err(error_response(404, "Not Found", docs));
    }
    let accepted = copilot_api::Operation::ListEnterpriseSeats.classic_scopes();
    if !accepted.iter().any(|scope| grant.credential.has_scope(scope)) {
        let message =
            format!("This token is missing a required scope: this endpoint needs one of {}.", accepted.join(", "));
        return Err(error_response(403, &message, docs));
    }
    let holder = state.user_named(grant.holder);
    let allowed =
        holder.is_some_and(|holder| known.owners.contains(&holder) || known.billing_managers.contains(&holder));
    if !allowed {
        return Err(error_response(
            403,
            "Only enterprise owners and billing managers can view Copilot seats across the enterprise.",
            docs,
        ));
    }
    Ok(())
}

fn not_enabled(docs: &str, status: u16) -> Response {
    error_response(status, "Copilot Business or Enterprise is not enabled for this organization.", docs)
}

fn billing(state: &State, index: usize, now: DateTime<Utc>, docs: &str) -> Result<Response, Response> {
    let org = &state.orgs[index];
    // The documents give this operation no 422 for a disabled Copilot: the subscription is not found.
    if !org.settings.copilot_enabled {
        return Err(not_enabled(docs, 404));
    }
    if org.settings.payment_problem {
        return Err(error_response(422, "There is a problem with your account's associated payment method.", docs));
    }
    let settings = &org.settings;
    let billing = OrganizationBilling {
        seat_breakdown: render::breakdown(org, now),
        public_code_suggestions: settings.public_code_suggestions,
        seat_management_setting: settings.seat_management_setting,
        ide_chat: Some(settings.ide_chat),
        platform_chat: Some(settings.platform_chat),
        cli: Some(settings.cli),
        plan_type: Some(settings.plan_type),
    };
    Ok(json(200, &billing))
}

fn json(status: u16, value: &impl serde::Serialize) -> Response {
    Response::json(status, &serde_json::to_value(value).unwrap_or(Value::Null))
}

/// `page` (from 1) and `per_page` (50 by default, at most 100) as GitHub reads them.
fn page_params(request: &Request) -> (u64, u64) {
    let page = request.query_param("page").and_then(|value| value.trim().parse::<u64>().ok()).filter(|&page| page > 0);
    let per_page = request
        .query_param("per_page")
        .and_then(|value| value.trim().parse::<u64>().ok())
        .filter(|&per_page| per_page > 0)
        .map(|per_page| per_page.min(MAX_PER_PAGE));
    (page.unwrap_or(1), per_page.unwrap_or(DEFAULT_PER_PAGE))
}

/// The `Link` header for `page` of `total` items, pointing at this server (its `Host`, over `http://`, or
/// `https://` when `X-Forwarded-Proto: https` says so, as the server does under `--tls`) or at GitHub.
fn link_header(request: &Request, page: u64, per_page: u64, total: u64) -> Option<String> {
    let pages = u32::try_from(total.div_ceil(per_page).max(1)).unwrap_or(u32::MAX);
    let page = u32::try_from(page).unwrap_or(u32::MAX);
    let scheme = if request.header("x-forwarded-proto").is_some_and(|proto| proto.eq_ignore_ascii_case("https")) {
        "https"
    } else {
        "http"
    };
    let base =
        request.header("host").map_or_else(|| "https://api.github.com".to_owned(), |host| format!("{scheme}://{host}"));
    let kept: Vec<String> = request
        .query
        .iter()
        .filter(|(key, _)| key != "page")
        .map(|(key, value)| format!("{}={}", percent_encode(key), percent_encode(value)))
        .collect();
    LinkHeader::for_page(page, pages).format(|number| {
        let mut query = kept.clone();
        query.push(format!("page={number}"));
        format!("{base}{}?{}", request.path, query.join("&"))
    })
}

fn page_response(request: &Request, page: SeatPage, number: u64, per_page: u64, total: u64) -> Response {
    let mut response = json(200, &page);
    if let Some(link) = link_header(request, number, per_page, total) {
        response.set_header("Link", &link);
    }
    response
}

/// The slice of `0..total` on a page, empty past the end.
fn page_range(page: u64, per_page: u64, total: u64) -> std::ops::Range<usize> {
    let start = page.saturating_sub(1).saturating_mul(per_page).min(total);
    let end = start.saturating_add(per_page).min(total);
    usize::try_from(start).unwrap_or(usize::MAX)..usize::try_from(end).unwrap_or(usize::MAX)
}

fn org_seats(state: &State, index: usize, request: &Request, docs: &str) -> Result<Response, Response> {
    let org = &state.orgs[index];
    if !org.settings.copilot_enabled {
        return Err(not_enabled(docs, 404));
    }
    let (page, per_page) = page_params(request);
    let total = org.seats.len() as u64;
    let seats = org
        .seats
        .get(page_range(page, per_page, total))
        .unwrap_or_default()
        .iter()
        .map(|record| render::seat(state, record, SeatSource::Org { org, with_organization: false }))
        .collect();
    Ok(page_response(request, SeatPage { total_seats: Some(total), seats }, page, per_page, total))
}

/// One entry per organization and per enterprise team that grants a user a seat; `total_seats` counts
/// each user once.
///
/// An organization that enforces SAML single sign-on, for a token not authorized for it, is left out, as
/// GitHub does: its seats are neither listed nor counted in `total_seats` (GitHub counts what it lists), and
/// every page, past the end too, says so in `X-GitHub-SSO: partial-results; organizations=ID,ID`.
fn enterprise_seats(state: &State, grant: &TokenGrant, request: &Request) -> Response {
    let sso_blocked = |org: &&Org| org.settings.saml_enforced && !grant.sso_authorized;
    let left_out: Vec<String> = state.orgs.iter().filter(sso_blocked).map(|org| org.id.to_string()).collect();
    let orgs: Vec<_> =
        state.orgs.iter().filter(|org| org.settings.copilot_enabled).filter(|org| !sso_blocked(org)).collect();
    let grants = orgs.iter().map(|org| org.seats.len()).sum::<usize>()
        + state.enterprise.teams.iter().map(|team| team.seats.len()).sum::<usize>();
    let mut seen = vec![false; state.users.len()];
    let mut unique = 0u64;
    let all_users = orgs
        .iter()
        .flat_map(|org| org.seats.iter())
        .chain(state.enterprise.teams.iter().flat_map(|team| team.seats.iter()))
        .map(|seat| seat.user as usize);
    for user in all_users {
        if let Some(flag) = seen.get_mut(user) {
            if !*flag {
                *flag = true;
                unique += 1;
            }
        }
    }
    let (page, per_page) = page_params(request);
    let range = page_range(page, per_page, grants as u64);
    // Walk the sources in order, rendering only the records inside the page.
    let mut seats = Vec::with_capacity(range.len());
    let mut offset = 0usize;
    let sources = orgs
        .iter()
        .map(|org| (org.seats.as_slice(), SeatSource::Org { org, with_organization: true }))
        .chain(state.enterprise.teams.iter().map(|team| (team.seats.as_slice(), SeatSource::EnterpriseTeam(team))));
    for (records, source) in sources {
        let here = offset..offset + records.len();
        offset += records.len();
        if here.end <= range.start || here.start >= range.end {
            continue;
        }
        let from = range.start.max(here.start) - here.start;
        let to = range.end.min(here.end) - here.start;
        seats
            .extend(records.get(from..to).unwrap_or_default().iter().map(|record| render::seat(state, record, source)));
    }
    let mut response =
        page_response(request, SeatPage { total_seats: Some(unique), seats }, page, per_page, grants as u64);
    if !left_out.is_empty() {
        response.set_header("X-GitHub-SSO", &format!("partial-results; organizations={}", left_out.join(",")));
    }
    response
}

fn member_seat(state: &State, index: usize, username: &str, docs: &str) -> Result<Response, Response> {
    let org = &state.orgs[index];
    if !org.settings.copilot_enabled {
        return Err(not_enabled(docs, 422));
    }
    let user = state.user_named(username);
    if let Some(user) = user.filter(|&user| !org.is_member(user) && org.invitation_of(user).is_some()) {
        let message = format!("{} has a pending organization invitation and has not joined yet.", state.login(user));
        return Err(error_response(422, &message, docs));
    }
    let record = user.filter(|&user| org.is_member(user)).and_then(|user| org.seat_of(user));
    let record = record.ok_or_else(|| error_response(404, "Not Found", docs))?;
    Ok(json(200, &render::seat(state, record, SeatSource::Org { org, with_organization: false })))
}

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

/// Who a username is to the organization.
enum Person {
    Member(UserId),
    Invitee(UserId),
}

/// Resolves usernames (without case, each once); the unknown ones are refused together.
fn people(state: &State, index: usize, names: &[String], docs: &str) -> Result<Vec<Person>, Response> {
    let org = &state.orgs[index];
    let mut seen = FxHashSet::default();
    let mut people = Vec::new();
    let mut unknown = Vec::new();
    for name in names {
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
    if unknown.is_empty() {
        Ok(people)
    } else {
        // The documents are silent here; GitHub answers a validation failure, naming the users.
        let message = format!("These users are not members of the organization: {}.", unknown.join(", "));
        Err(error_response(422, &message, docs))
    }
}

fn teams(state: &State, index: usize, names: &[String], docs: &str) -> Result<Vec<u32>, Response> {
    let org = &state.orgs[index];
    let mut found = Vec::new();
    let mut unknown = Vec::new();
    for name in names {
        match org.team_named(name) {
            Some(team) if !found.contains(&team) => found.push(team),
            Some(_) => {}
            None => unknown.push(name.as_str()),
        }
    }
    if unknown.is_empty() {
        Ok(found)
    } else {
        let message = format!("These teams do not exist in the organization: {}.", unknown.join(", "));
        Err(error_response(422, &message, docs))
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
fn add_users(
    state: &mut State,
    index: usize,
    names: &[String],
    now: DateTime<Utc>,
    docs: &str,
) -> Result<Response, Response> {
    let people = people(state, index, names, docs)?;
    let epoch = now.timestamp();
    let org = &mut state.orgs[index];
    let plan_type = org.settings.plan_type;
    let mut created = 0u64;
    for person in people {
        match person {
            Person::Member(user) => {
                if let Some(seat) = org.seat_of_mut(user) {
                    seat.updated_at = epoch;
                    seat.pending_cancellation_date = None;
                    seat.direct = true;
                } else {
                    org.push_seat(new_seat(user, None, true, epoch, plan_type));
                }
            }
            Person::Invitee(user) => {
                if let Some(invitation) = org.invitations.iter_mut().find(|invitation| invitation.user == user) {
                    invitation.seat_requested = true;
                }
            }
        }
        created += 1;
    }
    state.refresh_next_expiry();
    Ok(json(201, &SeatsCreated { seats_created: created }))
}

/// Sets direct seats to pending cancellation. A seat granted through a team is refused (the documented
/// 422); a user who still has access through a selected team keeps the seat.
fn remove_users(
    state: &mut State,
    index: usize,
    names: &[String],
    now: DateTime<Utc>,
    docs: &str,
) -> Result<Response, Response> {
    let people = people(state, index, names, docs)?;
    let org = &state.orgs[index];
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
        return Err(error_response(422, &message, docs));
    }
    let covered = org.team_covered_users();
    let pending_date = next_cycle_start(now);
    let epoch = now.timestamp();
    let org = &mut state.orgs[index];
    let first_covering_team = |org: &crate::state::Org, user: UserId| {
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
                    seat.pending_cancellation_date = Some(pending_date);
                    seat.updated_at = epoch;
                    cancelled += 1;
                }
            }
            Person::Invitee(user) => {
                if let Some(invitation) = org.invitations.iter_mut().find(|invitation| invitation.user == user) {
                    invitation.seat_requested = false;
                }
            }
        }
    }
    state.note_pending(pending_date);
    Ok(json(200, &SeatsCancelled { seats_cancelled: cancelled }))
}

/// Selects teams: every member gets a seat (new or refreshed; both count once per user).
fn add_teams(
    state: &mut State,
    index: usize,
    names: &[String],
    now: DateTime<Utc>,
    docs: &str,
) -> Result<Response, Response> {
    let selected = teams(state, index, names, docs)?;
    let epoch = now.timestamp();
    let org = &mut state.orgs[index];
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
                seat.updated_at = epoch;
                seat.pending_cancellation_date = None;
                if !had_access || (seat.assigning_team.is_none() && !seat.direct) {
                    seat.assigning_team = Some(team);
                }
            } else {
                org.push_seat(new_seat(user, Some(team), false, epoch, plan_type));
            }
        }
    }
    state.refresh_next_expiry();
    Ok(json(201, &SeatsCreated { seats_created: touched.len() as u64 }))
}

/// Unselects teams: members who keep access through another selected team or a direct assignment keep
/// their seat; the others' seats go pending cancellation.
fn remove_teams(
    state: &mut State,
    index: usize,
    names: &[String],
    now: DateTime<Utc>,
    docs: &str,
) -> Result<Response, Response> {
    let removed = teams(state, index, names, docs)?;
    let pending_date = next_cycle_start(now);
    let epoch = now.timestamp();
    let org = &mut state.orgs[index];
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
            seat.pending_cancellation_date = Some(pending_date);
            seat.updated_at = epoch;
            cancelled += 1;
        }
    }
    state.note_pending(pending_date);
    Ok(json(200, &SeatsCancelled { seats_cancelled: cancelled }))
}
