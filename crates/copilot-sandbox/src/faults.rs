//! Network trouble on demand: slow answers, server errors, dropped connections and broken bodies; and how
//! rate limits are answered (403 or 429, with or without `retry-after`), as GitHub may do either.
//!
//! The decisions are pure (a seeded generator picks them); the server carries them out. They never touch
//! `/_sandbox/*` or a CORS preflight.

use serde::{Deserialize, Serialize};

use crate::errors::error_body;
use crate::http::Response;
use crate::rng::Rng;

/// How often each kind of trouble happens, how slow answers are, and how limits are answered.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Faults {
    /// The fraction of API requests answered 500 or 502 (before they reach the handler: nothing changes).
    pub fail_rate: f64,
    /// The fraction of API requests whose connection is closed with no response (nothing changes).
    pub drop_rate: f64,
    /// The fraction of API answers that come back 200 with truncated JSON or an HTML page (after the
    /// handler: a write has happened, its answer is lost).
    pub malformed_rate: f64,
    /// Added to every API request.
    pub latency_ms: u64,
    /// Up to this much more, drawn for each request.
    pub jitter_ms: u64,
    /// The fraction of API requests refused with GitHub's secondary rate limit (by default 403 with
    /// `Retry-After: 1`), before they reach the handler: bursts a client must wait out, forced at will
    /// (nothing changes).
    pub secondary_rate: f64,
    /// The status of every rate-limit refusal, primary or secondary: GitHub documents 403 or 429.
    pub limit_status: u16,
    /// Whether secondary-limit refusals carry `retry-after`. GitHub may leave it out; a client must then
    /// wait at least a minute, and longer while the limit repeats.
    pub secondary_retry_after: bool,
}

impl Default for Faults {
    fn default() -> Self {
        Self {
            fail_rate: 0.0,
            drop_rate: 0.0,
            malformed_rate: 0.0,
            latency_ms: 0,
            jitter_ms: 0,
            secondary_rate: 0.0,
            limit_status: 403,
            secondary_retry_after: true,
        }
    }
}

/// A change to some of the fault settings (`POST /_sandbox/faults`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FaultsUpdate {
    pub fail_rate: Option<f64>,
    pub drop_rate: Option<f64>,
    pub malformed_rate: Option<f64>,
    pub latency_ms: Option<u64>,
    pub jitter_ms: Option<u64>,
    pub secondary_rate: Option<f64>,
    pub limit_status: Option<u16>,
    pub secondary_retry_after: Option<bool>,
    /// Not a fault: the primary rate limit per token and hour.
    pub rate_limit: Option<u32>,
}

/// What happens to one request before it reaches the handler.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BeforeHandler {
    Proceed,
    /// Answer this status (500 or 502) with a GitHub-style error.
    Fail(u16),
    /// Close the connection with no response.
    Drop,
    /// Refuse with the secondary rate limit.
    SecondaryLimit,
}

/// How an answer is garbled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Malformation {
    TruncatedJson,
    HtmlPage,
}

impl Faults {
    /// Rates outside `[0, 1]` (or not numbers) and limit statuses other than 403 and 429 are refused, with
    /// the reason.
    pub fn validated(self) -> Result<Self, String> {
        if !matches!(self.limit_status, 403 | 429) {
            return Err(format!("limit_status must be 403 or 429 (what GitHub answers), not {}", self.limit_status));
        }
        for (name, rate) in [
            ("fail_rate", self.fail_rate),
            ("drop_rate", self.drop_rate),
            ("malformed_rate", self.malformed_rate),
            ("secondary_rate", self.secondary_rate),
        ] {
            if !(0.0..=1.0).contains(&rate) {
                return Err(format!("{name} must be a fraction between 0 and 1, not {rate}"));
            }
        }
        Ok(self)
    }

    pub fn apply(self, update: &FaultsUpdate) -> Result<Self, String> {
        Self {
            fail_rate: update.fail_rate.unwrap_or(self.fail_rate),
            drop_rate: update.drop_rate.unwrap_or(self.drop_rate),
            malformed_rate: update.malformed_rate.unwrap_or(self.malformed_rate),
            latency_ms: update.latency_ms.unwrap_or(self.latency_ms),
            jitter_ms: update.jitter_ms.unwrap_or(self.jitter_ms),
            secondary_rate: update.secondary_rate.unwrap_or(self.secondary_rate),
            limit_status: update.limit_status.unwrap_or(self.limit_status),
            secondary_retry_after: update.secondary_retry_after.unwrap_or(self.secondary_retry_after),
        }
        .validated()
    }

    /// How long to wait before answering.
    pub fn delay_ms(&self, rng: &mut Rng) -> u64 {
        self.latency_ms.saturating_add(rng.below(self.jitter_ms.saturating_add(1)))
    }

    /// Drop first, then fail, then the secondary limit: each with its own roll.
    pub fn before_handler(&self, rng: &mut Rng) -> BeforeHandler {
        if rng.chance(self.drop_rate) {
            BeforeHandler::Drop
        } else if rng.chance(self.secondary_rate) {
            BeforeHandler::SecondaryLimit
        } else if rng.chance(self.fail_rate) {
            BeforeHandler::Fail(if rng.chance(0.5) { 500 } else { 502 })
        } else {
            BeforeHandler::Proceed
        }
    }

    /// A secondary-limit refusal as these settings answer it: the status, and `retry_after_seconds` as
    /// `Retry-After` unless refusals go without it.
    pub fn secondary_limit(&self, message: &str, retry_after_seconds: u64) -> Response {
        let response =
            crate::errors::error_response(self.limit_status, message, crate::errors::DOCS_SECONDARY_RATE_LIMITS);
        if self.secondary_retry_after {
            response.with_header("Retry-After", &retry_after_seconds.to_string())
        } else {
            response
        }
    }

    pub fn malformation(&self, rng: &mut Rng) -> Option<Malformation> {
        rng.chance(self.malformed_rate).then(|| {
            if rng.chance(0.5) {
                Malformation::TruncatedJson
            } else {
                Malformation::HtmlPage
            }
        })
    }
}

/// The answer of a failed request: GitHub's error body for 500, its "Server Error" for 502.
pub fn failure_response(status: u16) -> Response {
    let message = if status == 502 { "Server Error" } else { "Internal Server Error" };
    Response::json(status, &error_body(message, "https://docs.github.com/rest", status))
}

/// A forced secondary rate limit, as GitHub words it, asking to wait one second when it says how long
/// (short, so fault tests stay fast; a client must honour whatever `Retry-After` says).
pub fn secondary_limit_response(faults: &Faults) -> Response {
    faults
        .secondary_limit("You have exceeded a secondary rate limit. Please wait a few minutes before you try again.", 1)
}

/// A 200 whose body a JSON parser cannot read: the first half of the real body (never a complete JSON
/// value), or the HTML error page a proxy might send.
pub fn malformed_response(original: &Response, how: Malformation) -> Response {
    let mut response = Response { status: 200, headers: original.headers.clone(), body: String::new() };
    response
        .headers
        .retain(|(name, _)| !name.eq_ignore_ascii_case("etag") && !name.eq_ignore_ascii_case("content-length"));
    match how {
        Malformation::TruncatedJson => {
            let body =
                if original.body.len() >= 8 { original.body.as_str() } else { r#"{"total_seats": 1, "seats": [{}]}"# };
            let mut cut = body.len() / 2;
            while !body.is_char_boundary(cut) {
                cut -= 1;
            }
            response.body = body[..cut].to_owned();
            response.set_header("Content-Type", "application/json; charset=utf-8");
        }
        Malformation::HtmlPage => {
            response.body = "<!DOCTYPE html>\n<html><head><title>Unicorn! · GitHub</title></head><body><h1>This page is taking too long to load.</h1><p>Sorry about that. Please try refreshing and contact us if the problem persists.</p></body></html>\n".to_owned();
            response.set_header("Content-Type", "text/html; charset=utf-8");
        }
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_faults_by_default() {
        let mut rng = Rng::new(3);
        let faults = Faults::default();
        for _ in 0..1000 {
            assert_eq!(faults.before_handler(&mut rng), BeforeHandler::Proceed);
            assert_eq!(faults.malformation(&mut rng), None);
            assert_eq!(faults.delay_ms(&mut rng), 0);
        }
    }

    #[test]
    fn certain_faults_always_happen_and_failures_are_500_or_502() {
        let mut rng = Rng::new(4);
        let failing = Faults { fail_rate: 1.0, ..Faults::default() };
        let mut statuses = std::collections::BTreeSet::new();
        for _ in 0..200 {
            match failing.before_handler(&mut rng) {
                BeforeHandler::Fail(status) => statuses.insert(status),
                other => panic!("{other:?}"),
            };
        }
        assert_eq!(statuses.into_iter().collect::<Vec<_>>(), [500, 502]);
        let limited = Faults { secondary_rate: 1.0, ..Faults::default() };
        assert_eq!(limited.before_handler(&mut rng), BeforeHandler::SecondaryLimit);
        let dropping = Faults { drop_rate: 1.0, fail_rate: 1.0, ..Faults::default() };
        assert_eq!(dropping.before_handler(&mut rng), BeforeHandler::Drop);
    }

    #[test]
    fn limits_are_answered_403_or_429_with_or_without_retry_after() {
        let told = secondary_limit_response(&Faults::default());
        assert_eq!((told.status, told.header("retry-after")), (403, Some("1")));
        let update =
            FaultsUpdate { limit_status: Some(429), secondary_retry_after: Some(false), ..FaultsUpdate::default() };
        let untold_429 = Faults::default().apply(&update).expect("valid settings");
        let untold = secondary_limit_response(&untold_429);
        assert_eq!((untold.status, untold.header("retry-after")), (429, None));
        assert!(untold.json_body()["message"].as_str().is_some_and(|m| m.contains("secondary rate limit")));
        assert_eq!(untold.json_body()["status"], "429");
        let teapot = FaultsUpdate { limit_status: Some(418), ..FaultsUpdate::default() };
        assert!(Faults::default().apply(&teapot).is_err(), "GitHub answers limits with 403 or 429 only");
    }

    #[test]
    fn latency_stays_within_its_jitter() {
        let mut rng = Rng::new(5);
        let slow = Faults { latency_ms: 100, jitter_ms: 20, ..Faults::default() };
        let delays: Vec<u64> = (0..500).map(|_| slow.delay_ms(&mut rng)).collect();
        assert!(delays.iter().all(|delay| (100..=120).contains(delay)));
        assert!(delays.iter().any(|&delay| delay != 100), "jitter varies the delay");
    }

    #[test]
    fn malformed_bodies_do_not_parse_as_json() {
        let original = Response::json(200, &serde_json::json!({"total_seats": 2, "seats": [{"created_at": "x"}]}));
        for how in [Malformation::TruncatedJson, Malformation::HtmlPage] {
            let broken = malformed_response(&original, how);
            assert_eq!(broken.status, 200);
            assert!(serde_json::from_str::<serde_json::Value>(&broken.body).is_err(), "{how:?}: {}", broken.body);
        }
        let empty = malformed_response(&Response::new(304, ""), Malformation::TruncatedJson);
        assert!(serde_json::from_str::<serde_json::Value>(&empty.body).is_err());
    }

    #[test]
    fn updates_change_only_what_they_name_and_refuse_bad_rates() {
        let start = Faults { latency_ms: 5, ..Faults::default() };
        let update = FaultsUpdate { fail_rate: Some(0.5), ..FaultsUpdate::default() };
        assert_eq!(start.apply(&update), Ok(Faults { fail_rate: 0.5, latency_ms: 5, ..Faults::default() }));
        let bad = FaultsUpdate { drop_rate: Some(1.5), ..FaultsUpdate::default() };
        assert!(start.apply(&bad).is_err());
        let nan = FaultsUpdate { malformed_rate: Some(f64::NAN), ..FaultsUpdate::default() };
        assert!(start.apply(&nan).is_err());
    }
}
