//! The one entry point: a request and the time in, a response out. The server and the in-page demo both
//! call it; it never does IO and never panics.
//!
//! The order of the checks follows GitHub: route, token (401), primary then secondary rate limits (403, or
//! 429 when the faults say so),
//! organization or enterprise (404), SAML, scope or permission, role (403), then the operation's own
//! refusals (422, 404) and finally the change.

mod ops;

use chrono::{DateTime, Utc};
use copilot_api::Operation;

use crate::control;
use crate::cors;
use crate::errors::{error_response, DOCS_RATE_LIMITS};
use crate::http::{Request, Response};
use crate::limits::{Bucket, MAX_IN_FLIGHT, READ_POINTS, WRITE_POINTS};
use crate::redirect::{Redirect, LANDED_PATH};
use crate::state::State;
use crate::tokens::{Credential, TokenGrant};

/// One of the eight operations, with its path parameters (as typed: matched without case later).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Route {
    Billing { org: String },
    OrgSeats { org: String },
    EnterpriseSeats { enterprise: String },
    Teams { org: String, remove: bool },
    Users { org: String, remove: bool },
    MemberSeat { org: String, username: String },
}

impl Route {
    fn parse(request: &Request) -> Option<Self> {
        let segments = request.segments()?;
        let parts: Vec<&str> = segments.iter().map(String::as_str).collect();
        let get = request.is_method("GET");
        let post = request.is_method("POST");
        let delete = request.is_method("DELETE");
        let route = match parts.as_slice() {
            ["orgs", org, "copilot", "billing"] if get => Self::Billing { org: (*org).to_owned() },
            ["orgs", org, "copilot", "billing", "seats"] if get => Self::OrgSeats { org: (*org).to_owned() },
            ["enterprises", enterprise, "copilot", "billing", "seats"] if get => {
                Self::EnterpriseSeats { enterprise: (*enterprise).to_owned() }
            }
            ["orgs", org, "copilot", "billing", "selected_teams"] if post || delete => {
                Self::Teams { org: (*org).to_owned(), remove: delete }
            }
            ["orgs", org, "copilot", "billing", "selected_users"] if post || delete => {
                Self::Users { org: (*org).to_owned(), remove: delete }
            }
            ["orgs", org, "members", username, "copilot"] if get => {
                Self::MemberSeat { org: (*org).to_owned(), username: (*username).to_owned() }
            }
            _ => return None,
        };
        Some(route)
    }

    pub(crate) fn operation(&self) -> Operation {
        match self {
            Self::Billing { .. } => Operation::GetOrganizationBilling,
            Self::OrgSeats { .. } => Operation::ListOrganizationSeats,
            Self::EnterpriseSeats { .. } => Operation::ListEnterpriseSeats,
            Self::Teams { remove: false, .. } => Operation::AddTeams,
            Self::Teams { remove: true, .. } => Operation::RemoveTeams,
            Self::Users { remove: false, .. } => Operation::AddUsers,
            Self::Users { remove: true, .. } => Operation::RemoveUsers,
            Self::MemberSeat { .. } => Operation::GetMemberSeat,
        }
    }
}

/// Handles one request at `now`, as the only request in flight.
pub fn handle(state: &mut State, request: Request, now: DateTime<Utc>) -> Response {
    handle_in_flight(state, request, now, 1)
}

/// Handles one request at `now` while `in_flight` requests of the same token (this one included) are
/// being served: more than 100 hit GitHub's secondary rate limit.
pub fn handle_in_flight(state: &mut State, request: Request, now: DateTime<Utc>, in_flight: u32) -> Response {
    state.requests_seen = state.requests_seen.wrapping_add(1);
    state.expire_seats(now.date_naive());
    // Counted before anything else, so a client's preflight to the redirect's target counts too.
    if request.path == LANDED_PATH {
        state.redirect.landed = state.redirect.landed.saturating_add(1);
    }
    let mut response = if request.is_method("OPTIONS") {
        cors::preflight(&request)
    } else if control::is_control_path(&request.path) {
        control::handle(state, &request, now)
    } else if let Some(location) = &state.redirect.location {
        Redirect::response(location)
    } else {
        api(state, &request, now, in_flight)
    };
    cors::decorate(&mut response);
    response
}

/// The token in `Authorization: Bearer …` or `Authorization: token …`.
fn presented_token(request: &Request) -> Option<&str> {
    let value = request.header("authorization")?;
    let (scheme, token) = value.split_once(' ')?;
    (scheme.eq_ignore_ascii_case("bearer") || scheme.eq_ignore_ascii_case("token")).then(|| token.trim())
}

fn api(state: &mut State, request: &Request, now: DateTime<Utc>, in_flight: u32) -> Response {
    let epoch = now.timestamp();
    let grant = presented_token(request).and_then(|token| state.token(token)).cloned();
    let bucket = grant.as_ref().map_or(Bucket::Anonymous, |grant| Bucket::Token(grant.name));
    let Some(route) = Route::parse(request) else {
        let response = crate::errors::not_found();
        return finish(state, response, &bucket, grant.as_ref(), None, epoch, true);
    };
    let operation = route.operation();
    let Some(grant) = grant else {
        let message = if presented_token(request).is_some() { "Bad credentials" } else { "Requires authentication" };
        let response = error_response(401, message, crate::errors::DOCS_REST);
        return finish(state, response, &bucket, None, Some(operation), epoch, true);
    };

    if state.limits.primary_exhausted(&bucket, epoch) {
        let user_id = state.user_named(grant.holder).and_then(|id| state.user(id)).map_or(0, |user| user.id);
        let message = format!(
            "API rate limit exceeded for user ID {user_id}. If you reach out to GitHub Support for help, please include the request ID {}.",
            request_id(state)
        );
        let response = error_response(state.faults.limit_status, &message, DOCS_RATE_LIMITS);
        return finish(state, response, &bucket, Some(&grant), Some(operation), epoch, false);
    }
    let now_ms = now.timestamp_millis();
    let points = if operation.is_write() { WRITE_POINTS } else { READ_POINTS };
    let secondary = if in_flight > MAX_IN_FLIGHT {
        Err(5)
    } else {
        state.limits.check_points(&bucket, now_ms, points).and_then(|()| {
            // Every write creates content (a seat, a cancellation): GitHub's 80 a minute and 500 an hour.
            if operation.is_write() {
                state.limits.check_content_creation(&bucket, now_ms)
            } else {
                Ok(())
            }
        })
    };
    if let Err(retry_after) = secondary {
        let message = format!(
            "You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID {}.",
            request_id(state)
        );
        let response = state.faults.secondary_limit(&message, retry_after);
        return finish(state, response, &bucket, Some(&grant), Some(operation), epoch, false);
    }
    state.limits.consume_points(&bucket, now_ms, points);
    if operation.is_write() {
        state.limits.consume_content_creation(&bucket, now_ms);
    }

    let mut response = ops::run(state, &grant, &route, request, now);
    let mut counts = true;
    if request.is_method("GET") && response.status == 200 {
        let etag = etag(&response.body);
        response.set_header("ETag", &etag);
        response.set_header("Cache-Control", "private, max-age=60, s-maxage=60");
        response.set_header("Vary", "Accept, Authorization, Cookie, X-GitHub-OTP");
        if request.header("if-none-match").is_some_and(|wanted| etag_matches(wanted, &etag)) {
            response.status = 304;
            response.body.clear();
            response.headers.retain(|(name, _)| !name.eq_ignore_ascii_case("content-type"));
            // GitHub: a conditional request answered 304 does not count against the primary limit.
            counts = false;
        }
    }
    finish(state, response, &bucket, Some(&grant), Some(operation), epoch, counts)
}

/// Adds the headers every API answer carries and counts the request.
fn finish(
    state: &mut State,
    mut response: Response,
    bucket: &Bucket,
    grant: Option<&TokenGrant>,
    operation: Option<Operation>,
    epoch: i64,
    counts: bool,
) -> Response {
    if counts {
        state.limits.consume_primary(bucket, epoch);
    }
    for (name, value) in state.limits.status(bucket, epoch).headers() {
        response.set_header(name, &value);
    }
    if let Some(TokenGrant { credential: Credential::Classic { scopes }, .. }) = grant {
        response.set_header("X-OAuth-Scopes", &scopes.join(", "));
        if let Some(operation) = operation {
            response.set_header("X-Accepted-OAuth-Scopes", &operation.classic_scopes().join(", "));
        }
    }
    response.set_header("X-GitHub-Media-Type", "github.v3; format=json");
    response.set_header("X-GitHub-Api-Version-Selected", "2022-11-28");
    response.set_header("X-GitHub-Request-Id", &request_id(state));
    response
}

/// A request id in GitHub's shape (`C0DE:1F2E:3A4B5C:6D7E8F9:66A1B2C3`), different for every request.
fn request_id(state: &State) -> String {
    let n = state.requests_seen;
    let mixed = n.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ state.options.seed;
    format!(
        "{:04X}:{:04X}:{:06X}:{:07X}:{:08X}",
        (mixed >> 48) & 0xFFFF,
        (mixed >> 32) & 0xFFFF,
        (mixed >> 8) & 0xFF_FFFF,
        n & 0xFFF_FFFF,
        (mixed ^ (mixed >> 29)) & 0xFFFF_FFFF
    )
}

/// A weak validator from the body, in GitHub's shape: `W/"<32 hex digits>"`.
pub fn etag(body: &str) -> String {
    let hash =
        |seed: u64| body.bytes().fold(seed, |hash, byte| (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01B3));
    format!("W/\"{:016x}{:016x}\"", hash(0xCBF2_9CE4_8422_2325), hash(0x6C62_272E_07BB_0142))
}

/// `If-None-Match`: `*`, or a list of tags compared weakly (with or without `W/`).
fn etag_matches(wanted: &str, etag: &str) -> bool {
    let bare = |tag: &str| tag.trim().trim_start_matches("W/").to_owned();
    wanted.split(',').any(|tag| tag.trim() == "*" || bare(tag) == bare(etag))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn routes_need_their_method() {
        let route = |method: &str, path: &str| Route::parse(&Request::new(method, path));
        assert_eq!(route("GET", "/orgs/acme/copilot/billing"), Some(Route::Billing { org: "acme".into() }));
        assert_eq!(route("POST", "/orgs/acme/copilot/billing"), None);
        assert_eq!(
            route("DELETE", "/orgs/acme/copilot/billing/selected_users").map(|r| r.operation()),
            Some(Operation::RemoveUsers)
        );
        assert_eq!(route("GET", "/orgs/acme/copilot/billing/selected_users"), None);
        assert_eq!(
            route("GET", "/orgs/acme/members/mona%2Dlisa/copilot"),
            Some(Route::MemberSeat { org: "acme".into(), username: "mona-lisa".into() })
        );
        assert_eq!(route("GET", "/orgs/acme/copilot/billing/seats/"), None);
    }

    #[test]
    fn etags_are_weak_stable_and_body_dependent() {
        assert_eq!(etag("{}"), etag("{}"));
        assert_ne!(etag("{}"), etag("{ }"));
        assert!(etag("x").starts_with("W/\"") && etag("x").len() == 36);
        let tag = etag("body");
        assert!(etag_matches(&tag, &tag));
        assert!(etag_matches(tag.trim_start_matches("W/"), &tag));
        assert!(etag_matches(&format!("\"other\", {tag}"), &tag));
        assert!(etag_matches("*", &tag));
        assert!(!etag_matches("\"other\"", &tag));
    }

    #[test]
    fn both_authorization_schemes_are_read() {
        let token =
            |value: &str| presented_token(&Request::get("/").with_header("Authorization", value)).map(str::to_owned);
        assert_eq!(token("Bearer abc").as_deref(), Some("abc"));
        assert_eq!(token("token abc").as_deref(), Some("abc"));
        assert_eq!(token("Basic abc"), None);
        assert_eq!(token("abc"), None);
    }
}
