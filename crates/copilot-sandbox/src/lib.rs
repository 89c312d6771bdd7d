//! A faithful, stateful emulation of GitHub's eight Copilot seat REST endpoints.
//!
//! The library has no IO: one pure function, [`handle`], takes the state, a plain [`Request`] and the time,
//! and returns a plain [`Response`]. The local HTTP server (feature `server`, binary `copilot-sandbox`) and
//! the app's in-page demo both call it. It compiles for `wasm32-unknown-unknown`: time is always passed in,
//! and the data comes from a small seeded generator.
//!
//! ## Usage (the in-page demo)
//!
//! ```
//! use copilot_sandbox::{Request, Sandbox, DEMO_TOKEN};
//!
//! // In the browser: `copilot_sandbox::now_from_millis(js_sys::Date::now())`.
//! let now = copilot_sandbox::now_from_millis(1_718_618_400_000.0);
//! let mut sandbox = Sandbox::demo(now);
//! let response = sandbox.handle(Request::get("/orgs/acme/copilot/billing/seats?per_page=10").with_token(DEMO_TOKEN), now);
//! assert_eq!(response.status, 200);
//! assert!(response.header("link").is_some());
//! ```

mod clock;
mod control;
mod cors;
pub mod demo_wire;
mod dump;
mod errors;
mod faults;
mod generate;
mod handler;
mod http;
mod limits;
mod options;
mod redirect;
mod render;
mod rng;
mod state;
mod tokens;

#[cfg(feature = "server")]
pub mod server;

use chrono::{DateTime, Utc};
use copilot_api::{HttpRequest, ResponseParts};

pub use clock::{cycle_start, next_cycle_start};
pub use cors::{browser_would_allow, ALLOWED_HEADERS, ALLOWED_METHODS, EXPOSED_HEADERS};
pub use faults::{
    failure_response, malformed_response, secondary_limit_response, BeforeHandler, Faults, FaultsUpdate, Malformation,
};
pub use generate::{slugify, EDITORS, ENTERPRISE_SLUG, FIRST_ORG};
pub use handler::{etag, handle, handle_in_flight};
pub use http::{parse_query, percent_decode, Request, Response};
pub use limits::{ANONYMOUS_LIMIT, DEFAULT_PRIMARY_LIMIT, MAX_IN_FLIGHT, POINTS_PER_MINUTE, READ_POINTS, WRITE_POINTS};
pub use options::GenerateOptions;
pub use redirect::{Redirect, LANDED_PATH};
pub use rng::Rng;
pub use state::{
    Enterprise, EnterpriseTeamRecord, Invitation, Org, OrgSettings, SeatRecord, State, TeamRecord, User, UserId,
};
pub use tokens::{
    all_tokens, Access, Credential, TokenGrant, BILLING_MANAGER_CLASSIC, BILLING_MANAGER_LOGIN, MEMBER_CLASSIC,
    MEMBER_LOGIN, NO_PERMISSION_FINE_GRAINED, NO_SCOPE_CLASSIC, OWNER_CLASSIC, OWNER_FINE_GRAINED, OWNER_LOGIN,
    READONLY_FINE_GRAINED, READ_ORG_CLASSIC, SSO_UNAUTHORIZED_CLASSIC,
};

/// The token the in-page demo sends: the owner's classic token, which may do everything.
pub const DEMO_TOKEN: &str = OWNER_CLASSIC;

/// What the in-page demo generates: a realistic organization of a few hundred seats, a second one, and
/// the enterprise over both.
pub fn demo_options() -> GenerateOptions {
    GenerateOptions { seats: 320, orgs: 2, teams: 6, seed: 2024, ..GenerateOptions::default() }
}

/// `Date.now()` (milliseconds since the epoch) as the instant the sandbox takes; the epoch itself for a
/// value that is not a time (never panics).
pub fn now_from_millis(millis: f64) -> DateTime<Utc> {
    if millis.is_finite() {
        DateTime::from_timestamp_millis(millis as i64).unwrap_or_default()
    } else {
        DateTime::default()
    }
}

/// A sandbox: its state and the one entry point. The server keeps one behind a lock; the in-page demo
/// keeps one in a signal or a `RefCell`.
#[derive(Debug, Clone)]
pub struct Sandbox {
    state: State,
}

impl Sandbox {
    /// Generates the data for `options` as of `now` (deterministic for a seed and an instant).
    pub fn new(options: &GenerateOptions, now: DateTime<Utc>) -> Self {
        Self { state: generate::generate(options, now) }
    }

    /// The in-page demo's sandbox (see [`demo_options`]); call it with [`DEMO_TOKEN`].
    pub fn demo(now: DateTime<Utc>) -> Self {
        Self::new(&demo_options(), now)
    }

    /// Sets the faults the sandbox starts with (and returns to on `POST /_sandbox/reset`).
    pub fn with_faults(mut self, faults: Faults) -> Self {
        self.state.faults = faults;
        self.state.initial_faults = faults;
        self
    }

    /// Handles one request at `now`.
    pub fn handle(&mut self, request: Request, now: DateTime<Utc>) -> Response {
        handle(&mut self.state, request, now)
    }

    /// Handles one request while `in_flight` requests of the same token (this one included) are served.
    pub fn handle_in_flight(&mut self, request: Request, now: DateTime<Utc>, in_flight: u32) -> Response {
        handle_in_flight(&mut self.state, request, now, in_flight)
    }

    /// The app's transport, swapped for the sandbox: its request in, its response parts out.
    pub fn handle_http(&mut self, request: &HttpRequest, now: DateTime<Utc>) -> ResponseParts {
        self.handle(Request::from(request), now).into()
    }

    pub fn state(&self) -> &State {
        &self.state
    }

    pub fn state_mut(&mut self) -> &mut State {
        &mut self.state
    }

    /// `(name, token)` for every token the sandbox accepts, in the order they are printed.
    pub fn tokens(&self) -> Vec<(&'static str, &'static str)> {
        self.state.tokens.iter().map(|token| (token.name, token.value)).collect()
    }

    /// The state as `GET /_sandbox/state` returns it.
    pub fn dump(&self, now: DateTime<Utc>) -> serde_json::Value {
        dump::dump(&self.state, now)
    }
}
