//! The endpoints outside GitHub's paths, for tests: all under `/_sandbox/`, no token needed, never faulted.
//!
//! - `GET /_sandbox/state`: the whole state (see `dump`).
//! - `POST /_sandbox/reset`: back to the generated state, the starting faults and rate limit, no counts.
//! - `GET`/`POST /_sandbox/faults`: read or change `fail_rate`, `drop_rate`, `malformed_rate`,
//!   `secondary_rate`, `latency_ms`, `jitter_ms`, how limits are answered (`limit_status` 403 or 429,
//!   `secondary_retry_after`), and `rate_limit`, the primary limit per hour.
//! - `GET`/`POST /_sandbox/redirect` and `/_sandbox/landed`: answer every API request with a redirect, and
//!   count the requests that followed it (see `redirect`).
//! - `POST /_sandbox/orgs/{org}/settings`: change any Copilot setting of an organization, and
//!   `copilot_enabled`, `billing_set_up`, `payment_problem`, `saml_enforced`, `forbid_classic_tokens`,
//!   `fine_grained_max_lifetime_days` (0 lifts it).

use chrono::{DateTime, Utc};
use copilot_api::{FeaturePolicy, PlanType, PublicCodeSuggestions, SeatManagementSetting};
use serde::Deserialize;
use serde_json::{json, Value};

use crate::errors::{error_response, not_found};
use crate::faults::FaultsUpdate;
use crate::generate::generate;
use crate::http::{Request, Response};
use crate::redirect::RedirectUpdate;
use crate::state::{Org, State};

/// Where these endpoints are described (they are not GitHub's).
const DOCS: &str = "crates/copilot-sandbox/README.md#control-endpoints";

pub fn is_control_path(path: &str) -> bool {
    path == "/_sandbox" || path.starts_with("/_sandbox/")
}

pub fn handle(state: &mut State, request: &Request, now: DateTime<Utc>) -> Response {
    let Some(segments) = request.segments() else { return not_found() };
    let parts: Vec<&str> = segments.iter().map(String::as_str).collect();
    let get = request.is_method("GET");
    let post = request.is_method("POST");
    match parts.as_slice() {
        ["_sandbox", "state"] if get => Response::json(200, &crate::dump::dump(state, now)),
        ["_sandbox", "reset"] if post => {
            reset(state);
            Response::json(200, &json!({ "reset": true }))
        }
        ["_sandbox", "faults"] if get => faults_json(state),
        ["_sandbox", "faults"] if post => match parse::<FaultsUpdate>(request) {
            Ok(update) => match state.faults.apply(&update) {
                Ok(faults) => {
                    state.faults = faults;
                    if let Some(limit) = update.rate_limit {
                        state.limits.primary_limit = limit;
                    }
                    faults_json(state)
                }
                Err(problem) => error_response(422, &problem, DOCS),
            },
            Err(refusal) => refusal,
        },
        ["_sandbox", "redirect"] if get => Response::json(200, &state.redirect.to_json()),
        ["_sandbox", "redirect"] if post => match parse::<RedirectUpdate>(request) {
            Ok(update) => match state.redirect.apply(update) {
                Ok(()) => Response::json(200, &state.redirect.to_json()),
                Err(problem) => error_response(422, &problem, DOCS),
            },
            Err(refusal) => refusal,
        },
        ["_sandbox", "landed"] => Response::json(200, &state.redirect.to_json()),
        ["_sandbox", "orgs", org, "settings"] if post => {
            let Some(index) = state.org_index(org) else { return error_response(404, "Not Found", DOCS) };
            match parse::<SettingsUpdate>(request).and_then(|update| update.validated()) {
                Ok(update) => {
                    let org = &mut state.orgs[index];
                    update.apply(org);
                    Response::json(200, &settings_json(org))
                }
                Err(refusal) => refusal,
            }
        }
        _ => not_found(),
    }
}

/// Regenerates the state from its options and instant, and restores the starting faults and limit.
pub fn reset(state: &mut State) {
    let generated_at = DateTime::from_timestamp(state.generated_at, 0).unwrap_or_default();
    let mut fresh = generate(&state.options, generated_at);
    fresh.faults = state.initial_faults;
    fresh.initial_faults = state.initial_faults;
    fresh.requests_seen = state.requests_seen;
    *state = fresh;
}

fn faults_json(state: &State) -> Response {
    let mut value = serde_json::to_value(state.faults).unwrap_or(Value::Null);
    if let Some(object) = value.as_object_mut() {
        object.insert("rate_limit".to_owned(), json!(state.limits.primary_limit));
    }
    Response::json(200, &value)
}

fn parse<T: for<'de> Deserialize<'de>>(request: &Request) -> Result<T, Response> {
    let text = request.body.as_deref().map(str::trim).filter(|text| !text.is_empty()).unwrap_or("{}");
    serde_json::from_str(text).map_err(|err| error_response(400, &format!("Problems parsing JSON: {err}"), DOCS))
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct SettingsUpdate {
    seat_management_setting: Option<SeatManagementSetting>,
    public_code_suggestions: Option<PublicCodeSuggestions>,
    ide_chat: Option<FeaturePolicy>,
    platform_chat: Option<FeaturePolicy>,
    cli: Option<FeaturePolicy>,
    plan_type: Option<PlanType>,
    copilot_enabled: Option<bool>,
    billing_set_up: Option<bool>,
    payment_problem: Option<bool>,
    saml_enforced: Option<bool>,
    forbid_classic_tokens: Option<bool>,
    /// 0 lifts the limit.
    fine_grained_max_lifetime_days: Option<u32>,
}

impl SettingsUpdate {
    /// Values GitHub does not send (they parse as `Unknown`) are refused.
    fn validated(self) -> Result<Self, Response> {
        let unknown = [
            ("seat_management_setting", self.seat_management_setting == Some(SeatManagementSetting::Unknown)),
            ("public_code_suggestions", self.public_code_suggestions == Some(PublicCodeSuggestions::Unknown)),
            ("ide_chat", self.ide_chat == Some(FeaturePolicy::Unknown)),
            ("platform_chat", self.platform_chat == Some(FeaturePolicy::Unknown)),
            ("cli", self.cli == Some(FeaturePolicy::Unknown)),
            ("plan_type", self.plan_type == Some(PlanType::Unknown)),
        ];
        match unknown.iter().find(|(_, bad)| *bad) {
            Some((name, _)) => Err(error_response(422, &format!("{name} has a value GitHub does not use"), DOCS)),
            None => Ok(self),
        }
    }

    fn apply(self, org: &mut Org) {
        let settings = &mut org.settings;
        macro_rules! set {
            ($($field:ident),+) => { $(if let Some(value) = self.$field { settings.$field = value; })+ };
        }
        set!(
            seat_management_setting,
            public_code_suggestions,
            ide_chat,
            platform_chat,
            cli,
            copilot_enabled,
            billing_set_up,
            payment_problem,
            saml_enforced,
            forbid_classic_tokens
        );
        if let Some(days) = self.fine_grained_max_lifetime_days {
            settings.fine_grained_max_lifetime_days = (days > 0).then_some(days);
        }
        if let Some(plan_type) = self.plan_type {
            settings.plan_type = plan_type;
            // A seat's plan is the organization's.
            for seat in &mut org.seats {
                seat.plan_type = plan_type;
            }
        }
    }
}

fn settings_json(org: &Org) -> Value {
    let mut value = serde_json::to_value(&org.settings).unwrap_or(Value::Null);
    if let Some(object) = value.as_object_mut() {
        object.insert("org".to_owned(), json!(org.login));
    }
    value
}
