//! How long to wait when GitHub says to slow down, by its documented rules ("Rate limits for the REST
//! API", "Best practices for using the REST API"), in one place:
//!
//! - The primary limit (403 or 429 with `x-ratelimit-remaining: 0`): nothing until `x-ratelimit-reset`.
//! - A secondary limit (403 or 429) with `retry-after`: nothing for that many seconds.
//! - A secondary limit without it: at least a minute, and "if your request continues to fail due to a
//!   secondary rate limit, wait for an exponentially increasing amount of time between retries": 60 s,
//!   2 min, 4 min, 8 min, then 15 min at most. A success ends the streak.
//!
//! Whether a limit "continues" is decided by when the refused request was sent, not by how many refusals
//! arrive: the ten pages in flight when a limit strikes are refused together, and that is one limit, not
//! ten doublings. A refusal counts as a repeat only when its request went out after the previous limit was
//! heard (so, after its wait); likewise only the success of such a request ends the streak.
//!
//! [`LimitTracker`] holds that memory and the wait in force, which a progress bar shows in the core's
//! words ([`LimitWait::describe`]). It has no clock: the time is passed in.

use crate::error::ApiError;
use crate::format::{exact_second_at_ms, length_in_words, ordinal};

/// Which of GitHub's limits asked us to wait.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LimitReason {
    /// The token's hourly budget (`x-ratelimit-remaining: 0`).
    Primary,
    /// Too many requests at once or in a minute, or too many writes (GitHub's secondary limits).
    Secondary,
}

/// Where a wait's length came from: what the words say about it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum WaitBasis {
    /// `x-ratelimit-reset` named when the primary limit resets.
    UntilReset,
    /// The primary limit without a reset time: a minute, then a fresh try shows the real reset.
    PrimaryWithoutReset,
    /// `retry-after` said how many seconds.
    RetryAfter,
    /// A secondary limit without `retry-after`: a minute the first time, doubled while it repeats;
    /// `longest` once the doubling has reached the longest wait.
    Backoff { longest: bool },
}

/// A wait GitHub asked for: until when, why, and how it was decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct LimitWait {
    /// Nothing is sent before this time (ms since the epoch).
    pub until_ms: u64,
    pub reason: LimitReason,
    pub basis: WaitBasis,
    /// The length decided when the limit was heard.
    pub length_ms: u64,
    /// For a secondary limit: 1 the first time, 2 when it came again right after its wait, and so on.
    pub in_a_row: u32,
}

impl LimitWait {
    /// What is still to wait at `now_ms`.
    pub fn remaining_ms(&self, now_ms: u64) -> u64 {
        self.until_ms.saturating_sub(now_ms)
    }

    /// What the page shows above everything while a single read (the billing summary, one page of
    /// seats, a member's seat) waits: that nothing is lost, only held, and the wait itself.
    pub fn describe_held_read(&self, now_ms: u64) -> String {
        format!("Reading is on hold, and will go on by itself. {}", self.describe(now_ms))
    }

    /// What the page shows while the wait holds: what GitHub said, how long we wait and why that long,
    /// and what is left, e.g. "GitHub asked to slow down again (secondary rate limit, the 2nd time in a
    /// row, without saying for how long): waiting 2 min, twice the last wait, before the next request
    /// (112 s left)."
    pub fn describe(&self, now_ms: u64) -> String {
        let left = length_in_words(self.remaining_ms(now_ms));
        let length = length_in_words(self.length_ms);
        match self.basis {
            WaitBasis::UntilReset => {
                let reset = exact_second_at_ms(self.until_ms).unwrap_or_else(|| "its reset".to_owned());
                format!("GitHub's hourly rate limit for this token is used up: waiting until it resets, at {reset}, before the next request ({left} left).")
            }
            WaitBasis::PrimaryWithoutReset => format!(
                "GitHub's hourly rate limit for this token is used up, and GitHub did not say when it resets: waiting {length} before trying again ({left} left)."
            ),
            WaitBasis::RetryAfter => {
                let again = if self.in_a_row > 1 {
                    format!(" again (secondary rate limit, the {} time in a row)", ordinal(self.in_a_row))
                } else {
                    " (secondary rate limit)".to_owned()
                };
                format!("GitHub asked to slow down{again}: waiting {length}, as it asked, before the next request ({left} left).")
            }
            WaitBasis::Backoff { .. } if self.in_a_row <= 1 => format!(
                "GitHub asked to slow down (secondary rate limit) without saying for how long: waiting {length}, as GitHub advises, before the next request ({left} left)."
            ),
            WaitBasis::Backoff { longest } => {
                let why = if longest { "the longest wait" } else { "twice the last wait" };
                format!(
                    "GitHub asked to slow down again (secondary rate limit, the {} time in a row, without saying for how long): waiting {length}, {why}, before the next request ({left} left).",
                    ordinal(self.in_a_row)
                )
            }
        }
    }
}

/// The numbers of the rules. Times in milliseconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LimitPolicy {
    /// The first wait after a secondary limit without `retry-after` (GitHub: "at least one minute").
    pub secondary_first_wait_ms: u64,
    /// The doubling stops here: past a quarter of an hour a person would rather be told than wait.
    pub secondary_longest_wait_ms: u64,
    /// After a primary limit without `x-ratelimit-reset` (it resets within the hour, but one minute then
    /// a fresh try shows the real reset time sooner).
    pub primary_default_wait_ms: u64,
    /// Added after `x-ratelimit-reset`: our clock and GitHub's are not the same clock.
    pub primary_reset_margin_ms: u64,
}

impl Default for LimitPolicy {
    fn default() -> Self {
        Self {
            secondary_first_wait_ms: 60_000,
            secondary_longest_wait_ms: 15 * 60_000,
            primary_default_wait_ms: 60_000,
            primary_reset_margin_ms: 1_000,
        }
    }
}

impl LimitPolicy {
    /// The wait for the `in_a_row`-th secondary limit in a row without `retry-after`: 60 s, 2 min,
    /// 4 min, 8 min, then the longest wait.
    pub fn backoff_ms(&self, in_a_row: u32) -> u64 {
        let doublings = in_a_row.saturating_sub(1).min(32);
        self.secondary_first_wait_ms.saturating_mul(1 << doublings).min(self.secondary_longest_wait_ms)
    }
}

/// The memory the rules need, for everything one machine (the page loader, a write run, one read) sends:
/// the secondary limits in a row, and the wait in force. See the module documentation.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LimitTracker {
    policy: LimitPolicy,
    secondary_in_a_row: u32,
    /// When the limit that began the current streak or wait was heard: a refusal of a request sent before
    /// it belongs to that limit.
    last_heard_ms: Option<u64>,
    in_force: Option<LimitWait>,
}

impl LimitTracker {
    pub fn new(policy: LimitPolicy) -> Self {
        Self { policy, ..Self::default() }
    }

    /// The wait a refusal asks for, counted into the streak, given when its request was sent and when the
    /// refusal came; `None` when the error is not a rate limit. The wait returned is the one in force
    /// afterwards: never earlier than one already decided.
    pub fn on_refusal(&mut self, error: &ApiError, sent_ms: u64, now_ms: u64) -> Option<LimitWait> {
        let same_limit = self.last_heard_ms.is_some_and(|heard| sent_ms < heard);
        let policy = self.policy;
        let wait = match error {
            ApiError::PrimaryRateLimit { reset_epoch_seconds } => {
                let margin_from_now = now_ms.saturating_add(policy.primary_reset_margin_ms);
                let (until_ms, basis) = match reset_epoch_seconds {
                    // A reset already past by our clock means the clocks disagree: wait the margin only.
                    Some(reset) => (
                        reset.saturating_mul(1_000).saturating_add(policy.primary_reset_margin_ms).max(margin_from_now),
                        WaitBasis::UntilReset,
                    ),
                    None => (now_ms.saturating_add(policy.primary_default_wait_ms), WaitBasis::PrimaryWithoutReset),
                };
                LimitWait {
                    until_ms,
                    reason: LimitReason::Primary,
                    basis,
                    length_ms: until_ms.saturating_sub(now_ms),
                    in_a_row: 1,
                }
            }
            ApiError::SecondaryRateLimit { retry_after_seconds } => {
                if !same_limit || self.secondary_in_a_row == 0 {
                    self.secondary_in_a_row = self.secondary_in_a_row.saturating_add(1);
                }
                let in_a_row = self.secondary_in_a_row;
                let (length_ms, basis) = match retry_after_seconds {
                    Some(seconds) => (seconds.saturating_mul(1_000), WaitBasis::RetryAfter),
                    None => {
                        let length_ms = policy.backoff_ms(in_a_row);
                        (length_ms, WaitBasis::Backoff { longest: length_ms >= policy.secondary_longest_wait_ms })
                    }
                };
                LimitWait {
                    until_ms: now_ms.saturating_add(length_ms),
                    reason: LimitReason::Secondary,
                    basis,
                    length_ms,
                    in_a_row,
                }
            }
            _ => return None,
        };
        if !same_limit {
            self.last_heard_ms = Some(now_ms);
        }
        let in_force = match self.in_force {
            Some(current) if current.until_ms >= wait.until_ms => current,
            _ => wait,
        };
        self.in_force = Some(in_force);
        Some(in_force)
    }

    /// A request sent at `sent_ms` succeeded: if it went out after the last limit, the limit has passed.
    pub fn on_success(&mut self, sent_ms: u64) {
        if self.last_heard_ms.is_none_or(|heard| sent_ms >= heard) {
            self.secondary_in_a_row = 0;
        }
    }

    /// Forgets a wait that is over.
    pub fn expire(&mut self, now_ms: u64) {
        if self.in_force.is_some_and(|wait| wait.until_ms <= now_ms) {
            self.in_force = None;
        }
    }

    /// The wait decided last, until [`expire`](Self::expire) sees it over.
    pub fn in_force(&self) -> Option<LimitWait> {
        self.in_force
    }

    /// Until when nothing may be sent, if a wait holds at `now_ms`.
    pub fn holds_until(&self, now_ms: u64) -> Option<u64> {
        self.in_force.map(|wait| wait.until_ms).filter(|until| *until > now_ms)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: u64 = 1_700_000_000_000;

    fn secondary(retry_after: Option<u64>) -> ApiError {
        ApiError::SecondaryRateLimit { retry_after_seconds: retry_after }
    }

    /// Each refusal sent after the previous wait ended, as a machine that honours waits sends.
    fn waits_in_a_row(tracker: &mut LimitTracker, times: usize) -> Vec<u64> {
        let mut now = NOW;
        (0..times)
            .map(|_| {
                let wait = tracker.on_refusal(&secondary(None), now, now + 100).expect("a rate limit");
                now = wait.until_ms;
                wait.length_ms
            })
            .collect()
    }

    #[test]
    fn a_secondary_limit_without_retry_after_waits_a_minute_then_twice_as_long_each_time_it_repeats() {
        let mut tracker = LimitTracker::default();
        let minute = 60_000;
        assert_eq!(
            waits_in_a_row(&mut tracker, 7),
            [minute, 2 * minute, 4 * minute, 8 * minute, 15 * minute, 15 * minute, 15 * minute]
        );
    }

    #[test]
    fn a_success_after_the_wait_ends_the_streak() {
        let mut tracker = LimitTracker::default();
        waits_in_a_row(&mut tracker, 3);
        let later = NOW + 3_600_000;
        tracker.on_success(later);
        let wait = tracker.on_refusal(&secondary(None), later + 10, later + 20).expect("a rate limit");
        assert_eq!((wait.length_ms, wait.in_a_row), (60_000, 1));
    }

    #[test]
    fn requests_in_flight_when_the_limit_struck_are_one_limit_not_a_streak() {
        let mut tracker = LimitTracker::default();
        // Ten pages sent together; the limit answers the first at +100, the others just after.
        let first = tracker.on_refusal(&secondary(None), NOW, NOW + 100).expect("a rate limit");
        let others: Vec<LimitWait> =
            (1..10).map(|n| tracker.on_refusal(&secondary(None), NOW, NOW + 100 + n).expect("a rate limit")).collect();
        assert_eq!(first.in_a_row, 1);
        assert!(others.iter().all(|wait| wait.in_a_row == 1 && wait.length_ms == 60_000), "{others:?}");
        // The wait in force is the latest decided, so every page waits at least its own minute.
        assert_eq!(tracker.in_force().map(|wait| wait.until_ms), Some(NOW + 109 + 60_000));
        // And the success of a page sent before the limit proves nothing about the limit.
        tracker.on_success(NOW);
        let next = tracker.on_refusal(&secondary(None), NOW + 61_000, NOW + 61_100).expect("a rate limit");
        assert_eq!((next.in_a_row, next.length_ms), (2, 120_000));
    }

    #[test]
    fn retry_after_is_waited_as_given_and_still_counts_towards_the_streak() {
        let mut tracker = LimitTracker::default();
        let told = tracker.on_refusal(&secondary(Some(17)), NOW, NOW).expect("a rate limit");
        assert_eq!((told.until_ms, told.basis, told.in_a_row), (NOW + 17_000, WaitBasis::RetryAfter, 1));
        let untold = tracker.on_refusal(&secondary(None), NOW + 17_000, NOW + 17_100).expect("a rate limit");
        assert_eq!(
            (untold.length_ms, untold.basis, untold.in_a_row),
            (120_000, WaitBasis::Backoff { longest: false }, 2)
        );
    }

    #[test]
    fn the_primary_limit_waits_until_its_reset_plus_a_second_or_a_minute_without_one() {
        let mut tracker = LimitTracker::default();
        let reset = ApiError::PrimaryRateLimit { reset_epoch_seconds: Some(NOW / 1_000 + 120) };
        let wait = tracker.on_refusal(&reset, NOW, NOW).expect("a rate limit");
        assert_eq!(
            (wait.until_ms, wait.reason, wait.basis),
            (NOW + 121_000, LimitReason::Primary, WaitBasis::UntilReset)
        );
        let past = ApiError::PrimaryRateLimit { reset_epoch_seconds: Some(NOW / 1_000 - 30) };
        let mut fresh = LimitTracker::default();
        assert_eq!(fresh.on_refusal(&past, NOW, NOW).map(|wait| wait.until_ms), Some(NOW + 1_000));
        let unknown = ApiError::PrimaryRateLimit { reset_epoch_seconds: None };
        let mut fresh = LimitTracker::default();
        let wait = fresh.on_refusal(&unknown, NOW, NOW).expect("a rate limit");
        assert_eq!((wait.until_ms, wait.basis), (NOW + 60_000, WaitBasis::PrimaryWithoutReset));
    }

    #[test]
    fn other_errors_ask_for_no_wait_and_leave_the_streak_alone() {
        let mut tracker = LimitTracker::default();
        tracker.on_refusal(&secondary(None), NOW, NOW).expect("a rate limit");
        assert_eq!(tracker.on_refusal(&ApiError::Server { status: 502 }, NOW + 70_000, NOW + 70_100), None);
        let again = tracker.on_refusal(&secondary(None), NOW + 70_200, NOW + 70_300).expect("a rate limit");
        assert_eq!(again.in_a_row, 2);
    }

    #[test]
    fn the_wait_in_force_holds_until_it_ends_and_is_then_forgotten() {
        let mut tracker = LimitTracker::default();
        tracker.on_refusal(&secondary(Some(30)), NOW, NOW).expect("a rate limit");
        assert_eq!(tracker.holds_until(NOW + 29_999), Some(NOW + 30_000));
        assert_eq!(tracker.holds_until(NOW + 30_000), None);
        tracker.expire(NOW + 29_000);
        assert!(tracker.in_force().is_some());
        tracker.expire(NOW + 30_000);
        assert_eq!(tracker.in_force(), None);
    }

    #[test]
    fn the_wait_is_told_with_what_github_said_how_long_and_what_is_left() {
        let mut tracker = LimitTracker::default();
        let first = tracker.on_refusal(&secondary(None), NOW, NOW).expect("a rate limit");
        assert_eq!(
            first.describe(NOW + 1_500),
            "GitHub asked to slow down (secondary rate limit) without saying for how long: waiting 60 s, as GitHub advises, before the next request (59 s left)."
        );
        let second = tracker.on_refusal(&secondary(None), first.until_ms, first.until_ms).expect("a rate limit");
        assert_eq!(
            second.describe(first.until_ms + 8_000),
            "GitHub asked to slow down again (secondary rate limit, the 2nd time in a row, without saying for how long): waiting 2 min, twice the last wait, before the next request (112 s left)."
        );
        let mut longest = LimitTracker::default();
        let capped = *waits_in_a_row(&mut longest, 5).last().expect("five waits");
        assert_eq!(capped, 15 * 60_000);
        let text = longest.in_force().expect("a wait").describe(NOW);
        assert!(text.contains("the 5th time in a row") && text.contains("waiting 15 min, the longest wait"), "{text}");

        let told = LimitTracker::default().on_refusal(&secondary(Some(42)), NOW, NOW).expect("a rate limit");
        assert_eq!(
            told.describe(NOW),
            "GitHub asked to slow down (secondary rate limit): waiting 42 s, as it asked, before the next request (42 s left)."
        );
        let reset = ApiError::PrimaryRateLimit { reset_epoch_seconds: Some(1_700_000_900) };
        let primary = LimitTracker::default().on_refusal(&reset, NOW, NOW).expect("a rate limit");
        assert_eq!(
            primary.describe(NOW),
            "GitHub's hourly rate limit for this token is used up: waiting until it resets, at 2023-11-14 22:28:21 UTC, before the next request (15 min 1 s left)."
        );
    }

    #[test]
    fn a_held_read_says_it_goes_on_by_itself_then_tells_the_wait() {
        let wait = LimitTracker::default().on_refusal(&secondary(Some(42)), NOW, NOW).expect("a rate limit");
        assert_eq!(
            wait.describe_held_read(NOW + 2_000),
            "Reading is on hold, and will go on by itself. GitHub asked to slow down (secondary rate limit): waiting 42 s, as it asked, before the next request (40 s left)."
        );
    }

    #[test]
    fn huge_numbers_saturate_instead_of_overflowing() {
        let mut tracker = LimitTracker::default();
        let wait = tracker.on_refusal(&secondary(Some(u64::MAX)), u64::MAX - 5, u64::MAX - 5).expect("a rate limit");
        assert_eq!(wait.until_ms, u64::MAX);
        assert_eq!(LimitPolicy::default().backoff_ms(u32::MAX), 15 * 60_000);
        let primary = ApiError::PrimaryRateLimit { reset_epoch_seconds: Some(u64::MAX) };
        assert_eq!(LimitTracker::default().on_refusal(&primary, 0, 0).map(|wait| wait.until_ms), Some(u64::MAX));
        assert!(!wait.describe(0).is_empty());
    }
}
