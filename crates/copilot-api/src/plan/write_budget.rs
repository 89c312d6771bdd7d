//! GitHub's budget for content-creating requests: "no more than 80 content-generating requests per minute
//! and no more than 500 content-generating requests per hour" (its secondary rate limits). Every seat
//! write is one (a POST or DELETE of up to [`MAX_NAMES_PER_WRITE`](super::write::MAX_NAMES_PER_WRITE)
//! names), and so is every retry of one.
//!
//! The write run asks the budget before each request and waits when it is spent, instead of sending into
//! a refusal; the connection keeps one budget for all its runs, so two jobs in one hour share it. A job
//! whose size passes the hourly budget is told so before it starts ([`JobPace`]), with the time it will
//! take at least. Both windows are rolling, as GitHub counts them: a request leaves the minute's (or the
//! hour's) count a minute (an hour) after it was sent.

use std::collections::VecDeque;

use super::write::{WritePlan, MAX_NAMES_PER_WRITE, MIN_MS_BETWEEN_WRITES};
use crate::format::{count, exact_second_at_ms, length_in_words, plural};

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

/// What a job of writes means for the budget, for the confirmation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct JobPace {
    /// The requests the job sends, retries aside.
    pub requests: usize,
    /// Requests this tab already sent in the last hour.
    pub already_sent: usize,
    pub per_hour: usize,
    /// The least time the job takes.
    pub shortest_ms: u64,
}

impl JobPace {
    /// The pace of the plans (run one after the other) given the connection's budget at `now_ms`.
    pub fn of(plans: &[WritePlan], budget: &WriteBudget, now_ms: u64) -> Self {
        let requests = plans.iter().map(|plan| plan.batches().len()).sum();
        Self {
            requests,
            already_sent: budget.used_in_the_last_hour(now_ms),
            per_hour: budget.per_hour(),
            shortest_ms: budget.shortest_ms(requests, now_ms),
        }
    }

    /// Whether the job cannot be sent within the hourly budget left, and so waits for it.
    pub fn passes_the_hourly_budget(&self) -> bool {
        self.requests.saturating_add(self.already_sent) > self.per_hour
    }

    /// The confirmation's words when the job passes the hourly budget: how many requests, GitHub's limit,
    /// the least time it takes, and that it paces itself. `None` for a job within the budget.
    pub fn notice(&self) -> Option<String> {
        if !self.passes_the_hourly_budget() {
            return None;
        }
        let already = match self.already_sent {
            0 => String::new(),
            sent => format!(", and this tab sent {} in the last hour", count(sent)),
        };
        Some(format!(
            "This job sends {} of up to {MAX_NAMES_PER_WRITE} names{already}: GitHub allows {} content-creating requests an hour, so it will take at least {}. It paces itself, waiting when the hour's budget is spent and going on by itself: leave this tab open until it ends.",
            plural(self.requests, "request", "requests"),
            count(self.per_hour),
            length_in_words(self.shortest_ms),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::write::WriteKind;

    const NOW: u64 = 1_700_000_000_000;

    fn plan_of(requests: usize) -> WritePlan {
        let names = (0..requests * MAX_NAMES_PER_WRITE).map(|n| format!("user-{n}"));
        WritePlan::new(WriteKind::RevokeUsers, "acme", names)
    }

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
    fn a_job_within_the_hourly_budget_says_nothing_more() {
        let pace = JobPace::of(&[plan_of(500)], &WriteBudget::default(), NOW);
        assert_eq!((pace.requests, pace.passes_the_hourly_budget(), pace.notice()), (500, false, None));
        assert_eq!(pace.shortest_ms, 499 * MIN_MS_BETWEEN_WRITES, "one a second, nothing held");
    }

    #[test]
    fn a_job_past_the_hourly_budget_says_how_long_it_takes_at_least_and_that_it_paces_itself() {
        let pace = JobPace::of(&[plan_of(400), plan_of(220)], &WriteBudget::default(), NOW);
        assert_eq!(pace.requests, 620);
        // 500 a second apart, then the 501st when the first is an hour old, then one a second again.
        assert_eq!(pace.shortest_ms, HOUR_MS + 119 * MIN_MS_BETWEEN_WRITES);
        assert_eq!(
            pace.notice().as_deref(),
            Some("This job sends 620 requests of up to 50 names: GitHub allows 500 content-creating requests an hour, so it will take at least 1 h 1 min. It paces itself, waiting when the hour's budget is spent and going on by itself: leave this tab open until it ends.")
        );
    }

    #[test]
    fn a_job_of_thousands_of_requests_counts_them_with_separators() {
        let pace = JobPace::of(&[plan_of(1_040)], &WriteBudget::default(), NOW);
        let notice = pace.notice().expect("past the budget");
        assert!(notice.starts_with("This job sends 1,040 requests of up to 50 names: GitHub allows 500"), "{notice}");
    }

    #[test]
    fn what_this_tab_sent_in_the_last_hour_counts_against_the_next_job() {
        let mut budget = WriteBudget::default();
        for n in 0..450 {
            budget.record(NOW + n * 1_000);
        }
        let now = NOW + 30 * 60_000;
        let pace = JobPace::of(&[plan_of(100)], &budget, now);
        assert!(pace.passes_the_hourly_budget());
        assert_eq!(pace.already_sent, 450);
        let notice = pace.notice().expect("past the budget");
        assert!(
            notice
                .starts_with("This job sends 100 requests of up to 50 names, and this tab sent 450 in the last hour:"),
            "{notice}"
        );
        // 50 fit now; the 51st waits until the first of the 450 is an hour old.
        assert_eq!(pace.shortest_ms, (NOW + HOUR_MS - now) + 49 * MIN_MS_BETWEEN_WRITES);
        // An hour later the same job fits again.
        assert_eq!(JobPace::of(&[plan_of(100)], &budget, NOW + 2 * HOUR_MS).notice(), None);
    }

    #[test]
    fn budgets_of_zero_are_taken_as_one_and_huge_jobs_saturate() {
        let mut budget = WriteBudget::new(0, 0);
        budget.record(NOW);
        assert!(budget.holds_until(NOW).is_some());
        let pace = JobPace::of(&[], &WriteBudget::default(), u64::MAX - 10);
        assert_eq!((pace.requests, pace.shortest_ms), (0, 0));
        assert!(WriteBudget::default().shortest_ms(2_000, u64::MAX - 10) <= 10);
    }
}
