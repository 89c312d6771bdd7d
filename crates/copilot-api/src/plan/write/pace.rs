//! A job's pace against GitHub's budget of content-creating requests: how many requests its plans send,
//! what this tab already sent in the hour, and the least time the job takes, for the confirmation. It
//! reads the budget (`plan::write_budget`), which knows nothing of writes, so the two depend one way.

use super::plan::{WritePlan, MAX_NAMES_PER_WRITE};
use crate::format::{count, length_in_words, plural};
use crate::plan::write_budget::WriteBudget;

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
    use crate::plan::write_budget::MIN_MS_BETWEEN_WRITES;

    const NOW: u64 = 1_700_000_000_000;
    const HOUR_MS: u64 = 60 * 60_000;

    fn plan_of(requests: usize) -> WritePlan {
        let names = (0..requests * MAX_NAMES_PER_WRITE).map(|n| format!("user-{n}"));
        WritePlan::new(WriteKind::RevokeUsers, "acme", names)
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
    fn no_plans_take_no_time_even_at_the_end_of_time() {
        let pace = JobPace::of(&[], &WriteBudget::default(), u64::MAX - 10);
        assert_eq!((pace.requests, pace.shortest_ms), (0, 0));
    }
}
