//! GitHub's budget for content-creating requests: "no more than 80 content-generating requests per minute
//! and no more than 500 content-generating requests per hour" (its secondary rate limits). Every seat
//! write is one (a POST or DELETE of up to 50 names), and so is every retry of one.
//!
//! The write run asks the budget before each request and waits when it is spent, instead of sending into
//! a refusal; the connection keeps one budget for all its runs, so two jobs in one hour share it. A job
//! whose size passes the hourly budget is told so before it starts (`plan::write::JobPace`, which reads
//! this budget; nothing here reads the writes), with the time it will take at least. Both windows are rolling, as GitHub counts them: a request leaves the minute's (or the
//! hour's) count a minute (an hour) after it was sent.

use std::collections::VecDeque;

use crate::format::{count, exact_second_at_ms, length_in_words};

/// GitHub's guidance for writes: one at a time, at least a second apart.
pub const MIN_MS_BETWEEN_WRITES: u64 = 1_000;

pub const CONTENT_CREATING_PER_MINUTE: usize = 80;
pub const CONTENT_CREATING_PER_HOUR: usize = 500;
const MINUTE_MS: u64 = 60_000;
const HOUR_MS: u64 = 3_600_000;

/// Which window of the budget is spent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BudgetWindow {
    Minute,
    Hour,
}

/// A write held back because the budget is spent: until when, and which window.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct BudgetHold {
    pub until_ms: u64,
    pub window: BudgetWindow,
}

impl BudgetHold {
    /// What the write dialog shows while it holds.
    pub fn describe(&self, now_ms: u64) -> String {
        let left = length_in_words(self.until_ms.saturating_sub(now_ms));
        let (allowed, per) = match self.window {
            BudgetWindow::Minute => (CONTENT_CREATING_PER_MINUTE, "a minute"),
            BudgetWindow::Hour => (CONTENT_CREATING_PER_HOUR, "an hour"),
        };
        // The second it is free, rounded up: the next write goes out at it, not before.
        let at = exact_second_at_ms(self.until_ms.div_ceil(1_000).saturating_mul(1_000))
            .map_or_else(String::new, |time| format!(" at {time}"));
        format!(
            "GitHub allows {} content-creating requests {per}, and this tab has sent them: the next goes out{at} ({left} left), by itself. Leave this tab open.",
            count(allowed)
        )
    }
}

/// The send times of the last hour's writes, and the rule. Times are ms since the epoch, passed in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WriteBudget {
    per_minute: usize,
    per_hour: usize,
    /// The most recent sends (at most as many as either window allows), oldest first.
    sent: VecDeque<u64>,
}

impl Default for WriteBudget {
    fn default() -> Self {
        Self::new(CONTENT_CREATING_PER_MINUTE, CONTENT_CREATING_PER_HOUR)
    }
}

impl WriteBudget {
    /// A budget of `per_minute` and `per_hour` requests (at least one each).
    pub fn new(per_minute: usize, per_hour: usize) -> Self {
        Self { per_minute: per_minute.max(1), per_hour: per_hour.max(1), sent: VecDeque::new() }
    }

    pub fn per_hour(&self) -> usize {
        self.per_hour
    }

    /// When the next write may go out, if the budget holds it back at all: once the request that many
    /// places back has left its window. (Older sends never matter, so the time needs no clock.)
    pub fn hold(&self) -> Option<BudgetHold> {
        let opens = |allowed: usize, window_ms: u64| {
            self.sent.len().checked_sub(allowed).map(|index| self.sent[index].saturating_add(window_ms))
        };
        let minute =
            opens(self.per_minute, MINUTE_MS).map(|until_ms| BudgetHold { until_ms, window: BudgetWindow::Minute });
        let hour = opens(self.per_hour, HOUR_MS).map(|until_ms| BudgetHold { until_ms, window: BudgetWindow::Hour });
        match (minute, hour) {
            (Some(minute), Some(hour)) => Some(if hour.until_ms >= minute.until_ms { hour } else { minute }),
            (minute, hour) => minute.or(hour),
        }
    }

    /// Until when the budget holds the next write back at `now_ms`, if it does.
    pub fn holds_until(&self, now_ms: u64) -> Option<BudgetHold> {
        self.hold().filter(|hold| hold.until_ms > now_ms)
    }

    /// Counts a write sent at `at_ms`.
    pub fn record(&mut self, at_ms: u64) {
        self.sent.push_back(at_ms);
        while self.sent.len() > self.per_hour.max(self.per_minute) {
            self.sent.pop_front();
        }
    }

    /// Writes sent in the hour before `now_ms`.
    pub fn used_in_the_last_hour(&self, now_ms: u64) -> usize {
        self.sent.iter().filter(|at| at.saturating_add(HOUR_MS) > now_ms).count()
    }

    /// The shortest time `requests` more writes can take from `now_ms` (until the last is sent), one at a
    /// time at least [`MIN_MS_BETWEEN_WRITES`] apart and within this budget, if every answer came at once.
    pub fn shortest_ms(&self, requests: usize, now_ms: u64) -> u64 {
        let mut budget = self.clone();
        let mut at = now_ms;
        for index in 0..requests {
            if index > 0 {
                at = at.saturating_add(MIN_MS_BETWEEN_WRITES);
            }
            if let Some(hold) = budget.holds_until(at) {
                at = hold.until_ms;
            }
            budget.record(at);
        }
        at.saturating_sub(now_ms)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: u64 = 1_700_000_000_000;

    #[test]
    fn eighty_writes_in_a_minute_hold_the_next_until_the_first_is_a_minute_old() {
        let mut budget = WriteBudget::default();
        for n in 0..80 {
            assert_eq!(budget.holds_until(NOW + n * 100), None, "write {n}");
            budget.record(NOW + n * 100);
        }
        assert_eq!(
            budget.holds_until(NOW + 8_000),
            Some(BudgetHold { until_ms: NOW + 60_000, window: BudgetWindow::Minute })
        );
        assert_eq!(budget.holds_until(NOW + 60_000), None);
    }

    #[test]
    fn five_hundred_writes_in_an_hour_hold_the_next_until_the_first_is_an_hour_old() {
        let mut budget = WriteBudget::default();
        for n in 0..500 {
            budget.record(NOW + n * 1_000);
        }
        let hold = budget.holds_until(NOW + 500_000).expect("the hour is spent");
        assert_eq!(hold, BudgetHold { until_ms: NOW + HOUR_MS, window: BudgetWindow::Hour });
        assert_eq!(budget.used_in_the_last_hour(NOW + 500_000), 500);
        assert_eq!(budget.used_in_the_last_hour(NOW + HOUR_MS + 1_000), 498);
        assert_eq!(
            hold.describe(NOW + 500_000),
            "GitHub allows 500 content-creating requests an hour, and this tab has sent them: the next goes out at 2023-11-14 23:13:20 UTC (51 min 40 s left), by itself. Leave this tab open."
        );
    }

    #[test]
    fn budgets_of_zero_are_taken_as_one_and_huge_jobs_saturate() {
        let mut budget = WriteBudget::new(0, 0);
        budget.record(NOW);
        assert!(budget.holds_until(NOW).is_some());
        assert!(WriteBudget::default().shortest_ms(2_000, u64::MAX - 10) <= 10);
    }
}
