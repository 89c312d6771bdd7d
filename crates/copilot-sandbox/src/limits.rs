//! GitHub's rate limits, decided from the time passed in.
//!
//! - Primary: a number of requests per token and hour (5,000 by default; 60 without a token). The hour
//!   starts with the first request; `x-ratelimit-reset` is when it ends. A `304 Not Modified` is free.
//! - Secondary: more than 100 requests in flight at once, more than 900 points in a minute (a read costs
//!   1 point, a write 5), or more than 80 content-creating requests (every write) in a minute or 500 in an
//!   hour, are refused with 403 (or 429) and `retry-after` (unless switched off).

use std::collections::VecDeque;

use crate::clock::Epoch;
use rustc_hash::FxHashMap;

pub const DEFAULT_PRIMARY_LIMIT: u32 = 5_000;
pub const ANONYMOUS_LIMIT: u32 = 60;
pub const MAX_IN_FLIGHT: u32 = 100;
pub const POINTS_PER_MINUTE: u32 = 900;
pub const READ_POINTS: u32 = 1;
pub const WRITE_POINTS: u32 = 5;
/// GitHub: "no more than 80 content-generating requests per minute and no more than 500 content-generating
/// requests per hour".
pub const CONTENT_CREATING_PER_MINUTE: usize = 80;
pub const CONTENT_CREATING_PER_HOUR: usize = 500;
const HOUR_MS: i64 = 3_600_000;
const HOUR: Epoch = 3_600;
const MINUTE_MS: i64 = 60_000;

/// Who is counted: a token (by name) or everyone without one.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Bucket {
    Token(&'static str),
    Anonymous,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Usage {
    window_reset: Epoch,
    used: u32,
    /// (millisecond instant, points) of the last minute's requests.
    recent: VecDeque<(i64, u32)>,
    recent_points: u32,
    /// Millisecond instants of the last hour's writes, oldest first.
    recent_writes: VecDeque<i64>,
}

/// The numbers sent in the `x-ratelimit-*` headers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateStatus {
    pub limit: u32,
    pub remaining: u32,
    pub used: u32,
    pub reset: Epoch,
}

impl RateStatus {
    pub fn headers(self) -> [(&'static str, String); 5] {
        [
            ("x-ratelimit-limit", self.limit.to_string()),
            ("x-ratelimit-remaining", self.remaining.to_string()),
            ("x-ratelimit-used", self.used.to_string()),
            ("x-ratelimit-reset", self.reset.to_string()),
            ("x-ratelimit-resource", "core".to_owned()),
        ]
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RateLimits {
    pub primary_limit: u32,
    usage: FxHashMap<Bucket, Usage>,
}

impl Default for RateLimits {
    fn default() -> Self {
        Self::new(DEFAULT_PRIMARY_LIMIT)
    }
}

impl RateLimits {
    pub fn new(primary_limit: u32) -> Self {
        Self { primary_limit, usage: FxHashMap::default() }
    }

    fn limit_of(&self, bucket: &Bucket) -> u32 {
        match bucket {
            Bucket::Token(_) => self.primary_limit,
            Bucket::Anonymous => ANONYMOUS_LIMIT,
        }
    }

    fn usage(&mut self, bucket: &Bucket, now: Epoch) -> &mut Usage {
        let usage = self.usage.entry(bucket.clone()).or_default();
        if now >= usage.window_reset {
            usage.window_reset = now + HOUR;
            usage.used = 0;
        }
        usage
    }

    pub fn status(&mut self, bucket: &Bucket, now: Epoch) -> RateStatus {
        let limit = self.limit_of(bucket);
        let usage = self.usage(bucket, now);
        RateStatus { limit, remaining: limit.saturating_sub(usage.used), used: usage.used, reset: usage.window_reset }
    }

    pub fn primary_exhausted(&mut self, bucket: &Bucket, now: Epoch) -> bool {
        self.status(bucket, now).remaining == 0
    }

    pub fn consume_primary(&mut self, bucket: &Bucket, now: Epoch) {
        let usage = self.usage(bucket, now);
        usage.used = usage.used.saturating_add(1);
    }

    /// `Err(retry_after_seconds)` when `points` more would pass the per-minute budget.
    pub fn check_points(&mut self, bucket: &Bucket, now_ms: i64, points: u32) -> Result<(), u64> {
        let usage = self.usage.entry(bucket.clone()).or_default();
        while let Some(&(at, old)) = usage.recent.front() {
            if at > now_ms - MINUTE_MS {
                break;
            }
            usage.recent.pop_front();
            usage.recent_points = usage.recent_points.saturating_sub(old);
        }
        if usage.recent_points.saturating_add(points) <= POINTS_PER_MINUTE {
            return Ok(());
        }
        // Wait until enough of the last minute's points have aged out.
        let mut freed = 0;
        for &(at, old) in &usage.recent {
            freed += old;
            if usage.recent_points.saturating_sub(freed).saturating_add(points) <= POINTS_PER_MINUTE {
                let wait_ms = (at + MINUTE_MS - now_ms).max(1);
                return Err(u64::try_from((wait_ms + 999) / 1000).unwrap_or(60));
            }
        }
        Err(60)
    }

    /// `Err(retry_after_seconds)` when one more write would pass 80 in the last minute or 500 in the
    /// last hour: until enough of them have aged out.
    pub fn check_content_creation(&mut self, bucket: &Bucket, now_ms: i64) -> Result<(), u64> {
        let usage = self.usage.entry(bucket.clone()).or_default();
        while usage.recent_writes.front().is_some_and(|at| *at <= now_ms - HOUR_MS) {
            usage.recent_writes.pop_front();
        }
        let writes = &usage.recent_writes;
        let in_last_minute = writes.iter().rev().take_while(|at| **at > now_ms - MINUTE_MS).count();
        // The write whose ageing out makes room: the one that many places from the newest.
        let opens_at = |window: i64, allowed: usize, counted: usize| {
            (counted >= allowed).then(|| writes[writes.len() - allowed] + window)
        };
        let opens = [
            opens_at(MINUTE_MS, CONTENT_CREATING_PER_MINUTE, in_last_minute),
            opens_at(HOUR_MS, CONTENT_CREATING_PER_HOUR, writes.len()),
        ];
        match opens.into_iter().flatten().max() {
            None => Ok(()),
            Some(at) => Err(u64::try_from((at - now_ms).max(1).saturating_add(999) / 1_000).unwrap_or(60)),
        }
    }

    pub fn consume_content_creation(&mut self, bucket: &Bucket, now_ms: i64) {
        self.usage.entry(bucket.clone()).or_default().recent_writes.push_back(now_ms);
    }

    pub fn consume_points(&mut self, bucket: &Bucket, now_ms: i64, points: u32) {
        let usage = self.usage.entry(bucket.clone()).or_default();
        usage.recent.push_back((now_ms, points));
        usage.recent_points = usage.recent_points.saturating_add(points);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TOKEN: Bucket = Bucket::Token("t");

    #[test]
    fn the_hour_starts_with_the_first_request_and_ends_at_reset() {
        let mut limits = RateLimits::new(3);
        let start = 1_000_000;
        for _ in 0..3 {
            assert!(!limits.primary_exhausted(&TOKEN, start));
            limits.consume_primary(&TOKEN, start);
        }
        assert!(limits.primary_exhausted(&TOKEN, start + 10));
        assert_eq!(
            limits.status(&TOKEN, start + 10),
            RateStatus { limit: 3, remaining: 0, used: 3, reset: start + HOUR }
        );
        assert!(!limits.primary_exhausted(&TOKEN, start + HOUR), "a new hour");
        assert_eq!(limits.status(&Bucket::Anonymous, start).limit, ANONYMOUS_LIMIT);
    }

    #[test]
    fn more_than_80_writes_a_minute_or_500_an_hour_are_refused_until_the_oldest_ages_out() {
        let mut limits = RateLimits::new(100_000);
        let t0 = 9_000_000;
        for i in 0..80 {
            assert_eq!(limits.check_content_creation(&TOKEN, t0 + i * 100), Ok(()), "write {i}");
            limits.consume_content_creation(&TOKEN, t0 + i * 100);
        }
        assert_eq!(limits.check_content_creation(&TOKEN, t0 + 20_000), Err(40), "the first ages out at 60 s");
        assert_eq!(limits.check_content_creation(&TOKEN, t0 + 60_000), Ok(()));
        assert_eq!(limits.check_content_creation(&Bucket::Anonymous, t0 + 20_000), Ok(()), "per token");

        // 500 an hour, one a second (well under 80 a minute): the 501st waits for the first to age out.
        let mut limits = RateLimits::new(100_000);
        for i in 0..500 {
            assert_eq!(limits.check_content_creation(&TOKEN, t0 + i * 1_000), Ok(()), "write {i}");
            limits.consume_content_creation(&TOKEN, t0 + i * 1_000);
        }
        assert_eq!(limits.check_content_creation(&TOKEN, t0 + 600_000), Err(3_000));
        assert_eq!(limits.check_content_creation(&TOKEN, t0 + 3_600_000), Ok(()));
    }

    #[test]
    fn points_beyond_900_a_minute_are_refused_until_they_age_out() {
        let mut limits = RateLimits::new(100_000);
        let t0 = 5_000_000;
        for i in 0..180 {
            assert_eq!(limits.check_points(&TOKEN, t0 + i, WRITE_POINTS), Ok(()));
            limits.consume_points(&TOKEN, t0 + i, WRITE_POINTS);
        }
        let refused = limits.check_points(&TOKEN, t0 + 30_000, READ_POINTS);
        assert_eq!(refused, Err(30), "the first write ages out 60 s after it was made");
        assert_eq!(limits.check_points(&TOKEN, t0 + 60_001, WRITE_POINTS), Ok(()));
    }
}
