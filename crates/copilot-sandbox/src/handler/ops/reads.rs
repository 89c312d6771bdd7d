//! The four reads: the billing summary, the organization's and the enterprise's seat lists, one member's seat.

use super::auth::not_enabled;
use super::paging::{page_params, page_range, page_response};
use crate::errors::error_response;
use crate::http::{Request, Response};
use crate::render::{self, SeatSource};
use crate::state::{Org, State};
use crate::tokens::TokenGrant;
use chrono::{DateTime, Utc};
use copilot_api::{OrganizationBilling, SeatPage};

pub(super) fn billing(state: &State, index: usize, now: DateTime<Utc>, docs: &str) -> Result<Response, Response> {
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
    Ok(Response::serialized(200, &billing))
}

pub(super) fn org_seats(state: &State, index: usize, request: &Request, docs: &str) -> Result<Response, Response> {
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
pub(super) fn enterprise_seats(state: &State, grant: &TokenGrant, request: &Request) -> Response {
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

pub(super) fn member_seat(state: &State, index: usize, username: &str, docs: &str) -> Result<Response, Response> {
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
    Ok(Response::serialized(200, &render::seat(state, record, SeatSource::Org { org, with_organization: false })))
}
