//! When to try a failed request again, and when to wait for a rate limit, anchored on octokit's
//! `plugin-retry` (up to 3 retries, `(retry + 1)²` seconds apart) and `plugin-throttling` (wait out the
//! limit). How long a rate limit is waited is [`rate_limit`](super::rate_limit)'s to say.
//!
//! Reads and writes differ. A read can always be asked again. A write that may have reached GitHub must
//! not be sent blindly a second time: not because it would do harm (adding or removing the same seat twice
//! ends in the same state) but because its second answer counts only what was left to change, so the
//! report would be wrong. Such a write is retried only when GitHub refused it outright (a rate limit) or
//! when the connection failed; anything that may have landed without an answer is *unconfirmed*, and the
//! caller re-reads the seats to learn what happened.

pub use super::rate_limit::LimitReason;
use super::rate_limit::{LimitTracker, LimitWait};
use crate::error::ApiError;

/// Every request is abandoned after this long, so a stalled request never hangs the page.
pub const REQUEST_TIMEOUT_MS: u64 = 30_000;

/// Kind of request, since reads and writes are retried under different rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RequestKind {
    Read,
    Write,
}

/// How many times one request has been tried again so far. Rate-limit waits are counted apart from
/// retries after failures: waiting for a limit is not the request's fault and must not use up its retries.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Attempts {
    pub retries: u32,
    pub rate_limit_waits: u32,
}

impl Attempts {
    /// Counts the decision just taken.
    pub fn note(&mut self, decision: RetryDecision) {
        match decision {
            RetryDecision::RetryAt(_) => self.retries = self.retries.saturating_add(1),
            RetryDecision::WaitForLimit(_) => self.rate_limit_waits = self.rate_limit_waits.saturating_add(1),
            RetryDecision::GiveUp | RetryDecision::Unconfirmed => {}
        }
    }
}

/// What to do after a failed request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RetryDecision {
    /// The failure is final: report it.
    GiveUp,
    /// Send the same request again at this time (ms since the epoch).
    RetryAt(u64),
    /// A rate limit: send nothing before the wait's end, then go on.
    WaitForLimit(LimitWait),
    /// A write that may or may not have taken effect: do not send it again; re-read the seats to learn.
    Unconfirmed,
}

/// The retry and rate-limit rules. Times are milliseconds since the Unix epoch, given by the caller.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Retries after a 5xx, a dropped connection or a timeout (octokit's default: 3).
    pub max_retries: u32,
    /// Spread of the random part of a retry delay, in percent either way.
    pub jitter_percent: u8,
    /// Rate-limit waits for one request before giving up, so a limit that never lifts cannot loop forever
    /// (GitHub: "throw an error after a specific number of retries"). Ten waits of a secondary limit
    /// without `retry-after` add up to about an hour and three quarters.
    pub max_rate_limit_waits: u32,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self { max_retries: 3, jitter_percent: 20, max_rate_limit_waits: 10 }
    }
}

impl RetryPolicy {
    /// What to do after `error`. `attempts` says how often this request was already tried again;
    /// `limit_wait` is the wait the caller's [`LimitTracker`] decided for it (`None` when it is no rate
    /// limit; for a rate limit without one, it is waited as the first of its kind); `jitter_seed` is any
    /// number (the browser passes a random one; tests a fixed one) from which the delay's random part is
    /// derived, so concurrent retries do not all fire at the same instant.
    pub fn decide(
        &self,
        kind: RequestKind,
        error: &ApiError,
        attempts: Attempts,
        limit_wait: Option<LimitWait>,
        now_ms: u64,
        jitter_seed: u32,
    ) -> RetryDecision {
        let limit_wait = limit_wait.or_else(|| LimitTracker::default().on_refusal(error, now_ms, now_ms));
        if let Some(wait) = limit_wait {
            return if attempts.rate_limit_waits < self.max_rate_limit_waits {
                RetryDecision::WaitForLimit(wait)
            } else {
                RetryDecision::GiveUp
            };
        }
        let retry = || {
            if attempts.retries < self.max_retries {
                Some(RetryDecision::RetryAt(now_ms.saturating_add(self.backoff_ms(attempts.retries, jitter_seed))))
            } else {
                None
            }
        };
        match kind {
            RequestKind::Read if error.is_transient() => retry().unwrap_or(RetryDecision::GiveUp),
            RequestKind::Read => RetryDecision::GiveUp,
            // The connection failed: sending again is what the issue asks for. Since the lost attempt may
            // still have landed, the run marks the batch for verification (see `write`).
            RequestKind::Write if matches!(error, ApiError::Network(_)) => {
                retry().unwrap_or(RetryDecision::Unconfirmed)
            }
            RequestKind::Write if write_may_have_landed(error) => RetryDecision::Unconfirmed,
            RequestKind::Write => RetryDecision::GiveUp,
        }
    }

    /// The delay before retry number `retries + 1`: 1 s, 4 s, 9 s…, each moved by up to
    /// `jitter_percent` either way.
    pub fn backoff_ms(&self, retries: u32, jitter_seed: u32) -> u64 {
        let step = u64::from(retries.saturating_add(1));
        let base_ms = step.saturating_mul(step).saturating_mul(1_000);
        let spread = i64::from(self.jitter_percent.min(100)) * 10; // in thousandths
        let unit = i64::from(mix(jitter_seed ^ retries.wrapping_mul(0x9E37_79B9)) % 2_001) - 1_000; // -1000..=1000
        let factor = 1_000 + unit * spread / 1_000; // thousandths of base_ms
        let factor = u64::try_from(factor).unwrap_or(0);
        base_ms.saturating_mul(factor) / 1_000
    }
}

/// Whether a failed write may nevertheless have changed seats: no answer came back in time (timeout,
/// abort), a gateway answered for a backend that may have finished (5xx), or the answer was a success
/// whose body we could not read.
pub fn write_may_have_landed(error: &ApiError) -> bool {
    matches!(
        error,
        ApiError::Network(_)
            | ApiError::Timeout(_)
            | ApiError::Cancelled
            | ApiError::Server { .. }
            | ApiError::UnexpectedBody { .. }
    )
}

/// A 32-bit integer hash (the finaliser of MurmurHash3): spreads nearby seeds far apart.
pub(crate) fn mix(mut value: u32) -> u32 {
    value ^= value >> 16;
    value = value.wrapping_mul(0x85EB_CA6B);
    value ^= value >> 13;
    value = value.wrapping_mul(0xC2B2_AE35);
    value ^ (value >> 16)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::operation::Operation;

    const NOW: u64 = 1_700_000_000_000;

    fn no_jitter() -> RetryPolicy {
        RetryPolicy { jitter_percent: 0, ..RetryPolicy::default() }
    }

    fn after(retries: u32) -> Attempts {
        Attempts { retries, rate_limit_waits: 0 }
    }

    #[test]
    fn reads_are_retried_three_times_one_four_and_nine_seconds_apart() {
        let policy = no_jitter();
        let error = ApiError::Server { status: 502 };
        let delays: Vec<RetryDecision> =
            (0..4).map(|retries| policy.decide(RequestKind::Read, &error, after(retries), None, NOW, 7)).collect();
        assert_eq!(
            delays,
            vec![
                RetryDecision::RetryAt(NOW + 1_000),
                RetryDecision::RetryAt(NOW + 4_000),
                RetryDecision::RetryAt(NOW + 9_000),
                RetryDecision::GiveUp,
            ]
        );
    }

    #[test]
    fn dropped_connections_and_timeouts_are_retried_for_reads() {
        let policy = no_jitter();
        for error in [ApiError::Network("reset".into()), ApiError::Timeout(30)] {
            assert_eq!(
                policy.decide(RequestKind::Read, &error, after(0), None, NOW, 0),
                RetryDecision::RetryAt(NOW + 1_000)
            );
        }
    }

    #[test]
    fn client_errors_are_never_retried() {
        let policy = RetryPolicy::default();
        let operation = Operation::ListOrganizationSeats;
        let errors = [
            ApiError::UnexpectedStatus { status: 400, github_message: None },
            ApiError::Unauthorized { github_message: None },
            ApiError::MissingPermission { operation, token_kind: None, granted_scopes: None, github_message: None },
            ApiError::NotFound { operation },
            ApiError::UnexpectedStatus { status: 410, github_message: None },
            ApiError::Unprocessable { operation, github_message: None },
            ApiError::SsoRequired { authorize_url: None },
        ];
        for error in errors {
            for kind in [RequestKind::Read, RequestKind::Write] {
                assert_eq!(policy.decide(kind, &error, after(0), None, NOW, 0), RetryDecision::GiveUp, "{error:?}");
            }
        }
    }

    #[test]
    fn jitter_stays_within_its_spread_and_varies_with_the_seed() {
        let policy = RetryPolicy { jitter_percent: 20, ..RetryPolicy::default() };
        let delays: Vec<u64> = (0..500).map(|seed| policy.backoff_ms(1, seed)).collect();
        assert!(delays.iter().all(|delay| (3_200..=4_800).contains(delay)), "{delays:?}");
        let distinct: std::collections::BTreeSet<_> = delays.iter().collect();
        assert!(distinct.len() > 100, "only {} distinct delays", distinct.len());
        assert!(delays.iter().any(|d| *d < 3_600) && delays.iter().any(|d| *d > 4_400));
    }

    #[test]
    fn a_rate_limit_is_waited_as_the_tracker_decided_it() {
        let policy = RetryPolicy::default();
        let error = ApiError::SecondaryRateLimit { retry_after_seconds: None };
        let mut tracker = LimitTracker::default();
        let first = tracker.on_refusal(&error, NOW, NOW);
        let second = tracker.on_refusal(&error, NOW + 61_000, NOW + 61_000);
        for kind in [RequestKind::Read, RequestKind::Write] {
            assert_eq!(
                policy.decide(kind, &error, Attempts::default(), second, NOW + 61_000, 0),
                RetryDecision::WaitForLimit(second.expect("a rate limit"))
            );
        }
        assert_eq!(second.map(|wait| wait.length_ms), Some(120_000));
        // Without the tracker's word, it is the first of its kind: a minute.
        assert_eq!(
            policy.decide(RequestKind::Read, &error, Attempts::default(), None, NOW, 0),
            RetryDecision::WaitForLimit(first.expect("a rate limit"))
        );
    }

    #[test]
    fn rate_limit_waits_do_not_use_up_retries_but_are_capped() {
        let policy = RetryPolicy::default();
        let error = ApiError::SecondaryRateLimit { retry_after_seconds: Some(1) };
        let used_retries = Attempts { retries: 3, rate_limit_waits: 0 };
        assert!(matches!(
            policy.decide(RequestKind::Read, &error, used_retries, None, NOW, 0),
            RetryDecision::WaitForLimit(_)
        ));
        let many_waits = Attempts { retries: 0, rate_limit_waits: policy.max_rate_limit_waits };
        assert_eq!(policy.decide(RequestKind::Read, &error, many_waits, None, NOW, 0), RetryDecision::GiveUp);
    }

    #[test]
    fn a_write_whose_connection_failed_is_retried() {
        let policy = no_jitter();
        let error = ApiError::Network("connection refused".into());
        assert_eq!(
            policy.decide(RequestKind::Write, &error, after(0), None, NOW, 0),
            RetryDecision::RetryAt(NOW + 1_000)
        );
        assert_eq!(policy.decide(RequestKind::Write, &error, after(3), None, NOW, 0), RetryDecision::Unconfirmed);
    }

    #[test]
    fn a_write_that_may_have_landed_is_never_sent_again() {
        let policy = RetryPolicy::default();
        for error in [
            ApiError::Timeout(30),
            ApiError::Server { status: 502 },
            ApiError::Cancelled,
            ApiError::UnexpectedBody { status: 201, detail: "eof".into() },
        ] {
            assert_eq!(
                policy.decide(RequestKind::Write, &error, after(0), None, NOW, 0),
                RetryDecision::Unconfirmed,
                "{error:?}"
            );
        }
    }

    #[test]
    fn attempts_count_retries_and_waits_apart() {
        let mut attempts = Attempts::default();
        attempts.note(RetryDecision::RetryAt(1));
        let limit = ApiError::SecondaryRateLimit { retry_after_seconds: Some(1) };
        let wait = LimitTracker::default().on_refusal(&limit, 2, 2).expect("a rate limit");
        attempts.note(RetryDecision::WaitForLimit(wait));
        attempts.note(RetryDecision::WaitForLimit(wait));
        attempts.note(RetryDecision::GiveUp);
        assert_eq!(attempts, Attempts { retries: 1, rate_limit_waits: 2 });
    }

    #[test]
    fn huge_numbers_saturate_instead_of_overflowing() {
        let policy = RetryPolicy::default();
        let error = ApiError::SecondaryRateLimit { retry_after_seconds: Some(u64::MAX) };
        assert!(matches!(
            policy.decide(RequestKind::Read, &error, Attempts::default(), None, u64::MAX - 5, u32::MAX),
            RetryDecision::WaitForLimit(wait) if wait.until_ms == u64::MAX
        ));
        assert!(policy.backoff_ms(u32::MAX, u32::MAX) > 0);
    }
}
