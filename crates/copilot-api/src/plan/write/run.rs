//! Run: the state machine that sends a plan's batches one at a time, paced, retried with the write rules
//! and within GitHub's budget of content-creating requests, and the progress it shows.

use super::activity::ActivityEntry;
use super::kind::{WriteKind, WriteRequest};
use super::plan::WritePlan;
use super::report::{NameOutcome, NameReport, WriteReport};
use crate::error::ApiError;
use crate::format::{count, length_in_words};
use crate::plan::rate_limit::{LimitTracker, LimitWait};
use crate::plan::retry::REQUEST_TIMEOUT_MS;
use crate::plan::retry::{mix, write_may_have_landed, Attempts, RequestKind, RetryDecision, RetryPolicy};
pub use crate::plan::write_budget::MIN_MS_BETWEEN_WRITES;
use crate::plan::write_budget::{BudgetHold, WriteBudget};

/// What the caller does next. After `Send` or `Abort`, call `poll` again at once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WriteStep {
    /// Build this request with the token, send it, and hand the answer to [`WriteRun::on_result`].
    Send { batch_index: usize, request: WriteRequest },
    /// This write stalled past the timeout: abort it. Its outcome is unconfirmed.
    Abort { batch_index: usize },
    /// Nothing to do before this time (ms since the epoch), unless the answer arrives first.
    WaitUntil(u64),
    /// Every batch is settled, or the run stopped: see [`WriteRun::report`].
    Finished,
}

#[derive(Debug, Clone, PartialEq)]
enum BatchStatus {
    NotStarted,
    InFlight {
        since_ms: u64,
    },
    /// Failed once; to be sent again at `until_ms`.
    Waiting {
        until_ms: u64,
        limit: Option<LimitWait>,
        after: ApiError,
    },
    Confirmed {
        count: u64,
    },
    Failed(ApiError),
    Unconfirmed(ApiError),
}

#[derive(Debug, Clone, PartialEq)]
struct Batch {
    status: BatchStatus,
    attempts: Attempts,
    /// An attempt failed in a way that may still have changed seats.
    may_have_landed: bool,
    first_sent_ms: Option<u64>,
}

impl Batch {
    fn is_settled(&self) -> bool {
        matches!(self.status, BatchStatus::Confirmed { .. } | BatchStatus::Failed(_) | BatchStatus::Unconfirmed(_))
    }

    fn retried(&self) -> bool {
        self.attempts != Attempts::default()
    }
}

/// What the progress bar shows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WriteProgress {
    pub batches_done: usize,
    pub batches_total: usize,
    pub names_done: usize,
    pub names_total: usize,
    /// Set while the next request waits for a retry delay or a rate limit (for a countdown).
    pub waiting_until: Option<u64>,
    /// The rate limit behind that wait, with the core's words for it.
    pub limit_wait: Option<LimitWait>,
    /// Set while the next request waits for GitHub's budget of content-creating requests.
    pub budget_hold: Option<BudgetHold>,
    pub retries: u32,
}

impl WriteProgress {
    /// Several runs as one bar: the counts add up, and a wait shown is the last waiting run's (runs go one
    /// after the other, so at most one waits at a time).
    pub fn and(self, other: WriteProgress) -> Self {
        let waiting = if other.waiting_until.is_some() || other.budget_hold.is_some() { other } else { self };
        Self {
            batches_done: self.batches_done + other.batches_done,
            batches_total: self.batches_total + other.batches_total,
            names_done: self.names_done + other.names_done,
            names_total: self.names_total + other.names_total,
            waiting_until: waiting.waiting_until,
            limit_wait: waiting.limit_wait,
            budget_hold: waiting.budget_hold,
            retries: self.retries + other.retries,
        }
    }

    /// The line under the progress bar: "3 of 20 batches, 150 of 1000 names, 1 retried", and what the
    /// next request waits for, if anything, at `now_ms`.
    pub fn status(&self, now_ms: u64) -> String {
        let mut text = format!(
            "{} of {} batches, {} of {} names",
            count(self.batches_done),
            count(self.batches_total),
            count(self.names_done),
            count(self.names_total)
        );
        if self.retries > 0 {
            text.push_str(&format!(", {} retried", count(self.retries)));
        }
        let waiting = match (self.limit_wait, self.budget_hold, self.waiting_until) {
            (Some(wait), _, _) => Some(wait.describe(now_ms)),
            (None, Some(hold), _) => Some(hold.describe(now_ms)),
            (None, None, Some(until)) => {
                Some(format!("Waiting before trying again: {}.", length_in_words(until.saturating_sub(now_ms))))
            }
            (None, None, None) => None,
        };
        if let Some(waiting) = waiting {
            text.push_str(" — ");
            text.push_str(&waiting);
        }
        text
    }
}

/// One write run: batches one at a time, at least [`MIN_MS_BETWEEN_WRITES`] from the end of one to the
/// start of the next (retries included), within GitHub's budget of content-creating requests
/// ([`WriteBudget`]: 80 a minute, 500 an hour), with the write rules of [`RetryPolicy`].
#[derive(Debug, Clone)]
pub struct WriteRun {
    plan: WritePlan,
    policy: RetryPolicy,
    jitter_seed: u32,
    request_timeout_ms: u64,
    batches: Vec<Batch>,
    last_write_ended_ms: Option<u64>,
    /// GitHub's rate limits as this run met them (the streak of secondary limits, the wait in force).
    limits: LimitTracker,
    /// The connection's budget of content-creating requests, handed from run to run.
    budget: WriteBudget,
    /// Set while the budget is what holds the next request back.
    held_by_budget: Option<BudgetHold>,
    stopped_by_user: bool,
    /// An error that every later batch would meet too (a revoked token, no permission).
    stopped_because: Option<ApiError>,
}

impl WriteRun {
    pub fn new(plan: WritePlan, policy: RetryPolicy, jitter_seed: u32) -> Self {
        let batch = Batch {
            status: BatchStatus::NotStarted,
            attempts: Attempts::default(),
            may_have_landed: false,
            first_sent_ms: None,
        };
        Self {
            batches: vec![batch; plan.batches.len()],
            plan,
            policy,
            jitter_seed,
            request_timeout_ms: REQUEST_TIMEOUT_MS,
            last_write_ended_ms: None,
            limits: LimitTracker::default(),
            budget: WriteBudget::default(),
            held_by_budget: None,
            stopped_by_user: false,
            stopped_because: None,
        }
    }

    pub fn plan(&self) -> &WritePlan {
        &self.plan
    }

    /// Uses the connection's budget (what earlier runs sent counts); before the run starts.
    pub fn set_budget(&mut self, budget: WriteBudget) {
        self.budget = budget;
    }

    /// The budget with this run's requests counted, for the next run.
    pub fn budget(&self) -> &WriteBudget {
        &self.budget
    }

    /// When the last answer came (pacing counts from the end of a write), if any request was sent.
    pub fn last_write_ended_ms(&self) -> Option<u64> {
        self.last_write_ended_ms
    }

    /// What to do now.
    pub fn poll(&mut self, now_ms: u64) -> WriteStep {
        if let Some((index, since_ms)) = self.in_flight() {
            let deadline = since_ms.saturating_add(self.request_timeout_ms);
            if now_ms < deadline {
                return WriteStep::WaitUntil(deadline);
            }
            let seconds = u32::try_from(self.request_timeout_ms / 1_000).unwrap_or(u32::MAX);
            self.on_result(index, Err(ApiError::Timeout(seconds)), now_ms);
            return WriteStep::Abort { batch_index: index };
        }
        if self.is_halted() {
            self.settle_waiting();
            self.held_by_budget = None;
            return WriteStep::Finished;
        }
        // Batches go in order: the next one is the first not settled.
        let Some(index) = self.batches.iter().position(|batch| !batch.is_settled()) else {
            return WriteStep::Finished;
        };
        let retry_at = match &self.batches[index].status {
            BatchStatus::Waiting { until_ms, .. } => *until_ms,
            _ => 0,
        };
        let paced = self.last_write_ended_ms.map_or(0, |ended| ended.saturating_add(MIN_MS_BETWEEN_WRITES));
        let budget = self.budget.holds_until(now_ms.max(retry_at).max(paced));
        self.held_by_budget = budget.filter(|hold| hold.until_ms > retry_at.max(paced));
        let start_at = retry_at.max(paced).max(budget.map_or(0, |hold| hold.until_ms));
        if now_ms < start_at {
            return WriteStep::WaitUntil(start_at);
        }
        let Some(request) = self.plan.request(index) else { return WriteStep::Finished };
        self.budget.record(now_ms);
        self.held_by_budget = None;
        let batch = &mut self.batches[index];
        batch.status = BatchStatus::InFlight { since_ms: now_ms };
        batch.first_sent_ms.get_or_insert(now_ms);
        WriteStep::Send { batch_index: index, request }
    }

    /// Hands in a batch's answer: the count GitHub reported, or the error. Answers for a batch not in
    /// flight (a late answer after a timeout) are ignored: its outcome is already unconfirmed.
    pub fn on_result(&mut self, batch_index: usize, result: Result<u64, ApiError>, now_ms: u64) {
        let Some(batch) = self.batches.get_mut(batch_index) else { return };
        let BatchStatus::InFlight { since_ms: sent_ms } = batch.status else { return };
        self.last_write_ended_ms = Some(now_ms);
        let error = match result {
            Ok(count) => {
                batch.status = BatchStatus::Confirmed { count };
                self.limits.on_success(sent_ms);
                return;
            }
            Err(error) => error,
        };
        batch.may_have_landed |= write_may_have_landed(&error);
        let limit_wait = self.limits.on_refusal(&error, sent_ms, now_ms);
        let seed = self.jitter_seed ^ mix(u32::try_from(batch_index).unwrap_or(u32::MAX));
        let decision = self.policy.decide(RequestKind::Write, &error, batch.attempts, limit_wait, now_ms, seed);
        batch.attempts.note(decision);
        batch.status = match decision {
            RetryDecision::RetryAt(until_ms) => BatchStatus::Waiting { until_ms, limit: None, after: error },
            RetryDecision::WaitForLimit(wait) => {
                BatchStatus::Waiting { until_ms: wait.until_ms, limit: Some(wait), after: error }
            }
            RetryDecision::Unconfirmed => BatchStatus::Unconfirmed(error),
            RetryDecision::GiveUp if batch.may_have_landed => BatchStatus::Unconfirmed(error),
            RetryDecision::GiveUp => {
                if stops_the_run(self.plan.kind, &error) {
                    self.stopped_because = Some(error.clone());
                }
                BatchStatus::Failed(error)
            }
        };
    }

    /// The Stop button: no batch starts after this; a batch in flight still gets its answer.
    pub fn stop(&mut self) {
        self.stopped_by_user = true;
        self.held_by_budget = None;
        self.settle_waiting();
    }

    pub fn is_finished(&self) -> bool {
        self.in_flight().is_none() && (self.is_halted() || self.batches.iter().all(Batch::is_settled))
    }

    pub fn progress(&self) -> WriteProgress {
        let settled = || self.batches.iter().zip(&self.plan.batches).filter(|(batch, _)| batch.is_settled());
        let waiting = self.batches.iter().find_map(|batch| match &batch.status {
            BatchStatus::Waiting { until_ms, limit, .. } => Some((*until_ms, *limit)),
            _ => None,
        });
        WriteProgress {
            batches_done: settled().count(),
            batches_total: self.batches.len(),
            names_done: settled().map(|(_, names)| names.len()).sum(),
            names_total: self.plan.name_count(),
            waiting_until: waiting.map(|(until, _)| until),
            limit_wait: waiting.and_then(|(_, limit)| limit),
            budget_hold: self.held_by_budget,
            retries: self.batches.iter().map(|batch| batch.attempts.retries + batch.attempts.rate_limit_waits).sum(),
        }
    }

    /// The outcome of every name, as far as GitHub's answers tell.
    pub fn report(&self) -> WriteReport {
        let halted = self.is_halted();
        let mut per_name = Vec::new();
        let mut total = 0u64;
        let mut needs_verification = false;
        for (index, (batch, names)) in self.batches.iter().zip(&self.plan.batches).enumerate() {
            needs_verification |= batch.retried();
            let outcome = match &batch.status {
                BatchStatus::Confirmed { count } => {
                    total = total.saturating_add(*count);
                    // A user write that changed fewer seats than names leaves some names unexplained.
                    needs_verification |= !self.plan.kind.names_teams() && *count != names.len() as u64;
                    NameOutcome::Confirmed { batch: index, count_reported: *count }
                }
                BatchStatus::Failed(error) => NameOutcome::Failed { reason: error.to_string() },
                BatchStatus::Unconfirmed(error) => {
                    needs_verification = true;
                    NameOutcome::Unconfirmed { reason: error.to_string() }
                }
                BatchStatus::NotStarted if halted => NameOutcome::NotAttempted,
                BatchStatus::NotStarted | BatchStatus::InFlight { .. } | BatchStatus::Waiting { .. } => {
                    NameOutcome::Pending
                }
            };
            per_name.extend(names.iter().map(|name| NameReport::new(name, outcome.clone())));
        }
        for rejected in &self.plan.rejected {
            per_name.push(NameReport::new(&rejected.entry, NameOutcome::Failed { reason: rejected.reason.clone() }));
        }
        let assign = self.plan.kind.is_assign();
        WriteReport {
            kind: self.plan.kind,
            org: self.plan.org.clone(),
            per_name,
            seats_created: assign.then_some(total),
            seats_cancelled: (!assign).then_some(total),
            needs_verification,
            verified: false,
            stopped_by_user: self.stopped_by_user,
            stopped_because: self.stopped_because.as_ref().map(ToString::to_string),
        }
    }

    /// One log line per batch sent: when, what, which names, and how it ended.
    pub fn activity(&self) -> Vec<ActivityEntry> {
        self.batches
            .iter()
            .zip(&self.plan.batches)
            .filter_map(|(batch, names)| {
                let at_ms = batch.first_sent_ms?;
                let retried = if batch.retried() { " (after a retry)" } else { "" };
                let outcome = match &batch.status {
                    BatchStatus::Confirmed { count } => {
                        let field = if self.plan.kind.is_assign() { "seats_created" } else { "seats_cancelled" };
                        format!("Done{retried}: GitHub answered {field}: {}", crate::format::count(*count))
                    }
                    BatchStatus::Failed(error) => format!("Failed{retried}: {error}"),
                    BatchStatus::Unconfirmed(error) => format!("Unconfirmed{retried}: {error}"),
                    _ => "In progress".to_owned(),
                };
                // GitHub answers a batch as a whole: a success is every name of it done.
                let done =
                    if matches!(batch.status, BatchStatus::Confirmed { .. }) { names.clone() } else { Vec::new() };
                Some(ActivityEntry {
                    at_ms,
                    kind: self.plan.kind,
                    org: self.plan.org.clone(),
                    names: names.clone(),
                    outcome,
                    done,
                })
            })
            .collect()
    }

    fn in_flight(&self) -> Option<(usize, u64)> {
        self.batches.iter().enumerate().find_map(|(index, batch)| match batch.status {
            BatchStatus::InFlight { since_ms } => Some((index, since_ms)),
            _ => None,
        })
    }

    fn is_halted(&self) -> bool {
        self.stopped_by_user || self.stopped_because.is_some()
    }

    /// A batch waiting to be sent again will not be: it ends with the last answer it got.
    fn settle_waiting(&mut self) {
        for batch in &mut self.batches {
            if let BatchStatus::Waiting { after, .. } = &batch.status {
                let after = after.clone();
                batch.status =
                    if batch.may_have_landed { BatchStatus::Unconfirmed(after) } else { BatchStatus::Failed(after) };
            }
        }
    }
}

/// Errors every later batch of the run would meet too, so sending them only adds failures. (A 422 to a
/// user revocation may be about one team-granted name in the batch; the other 422s are about the
/// organization's settings.)
fn stops_the_run(kind: WriteKind, error: &ApiError) -> bool {
    match error {
        ApiError::Unauthorized { .. }
        | ApiError::MissingPermission { .. }
        | ApiError::SsoRequired { .. }
        | ApiError::TokenPolicy { .. }
        | ApiError::Redirected
        | ApiError::RefusedByPagePolicy { .. }
        | ApiError::NotFound { .. } => true,
        ApiError::Unprocessable { .. } => kind != WriteKind::RevokeUsers,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::operation::Operation;
    use crate::plan::test_support::NOW;
    use crate::plan::write::test_support::{revoke_run, send, users};
    use crate::plan::write::{OutcomeCounts, MAX_NAMES_PER_WRITE};
    use crate::plan::LimitReason;

    #[test]
    fn progress_of_several_runs_adds_up_and_keeps_the_wait_of_the_run_that_waits() {
        let limit = ApiError::SecondaryRateLimit { retry_after_seconds: Some(5) };
        let wait = LimitTracker::default().on_refusal(&limit, NOW, NOW);
        let first = WriteProgress {
            batches_done: 2,
            batches_total: 3,
            names_done: 100,
            names_total: 120,
            waiting_until: Some(NOW + 5_000),
            limit_wait: wait,
            budget_hold: None,
            retries: 1,
        };
        let second = WriteProgress {
            batches_done: 0,
            batches_total: 2,
            names_done: 0,
            names_total: 40,
            ..WriteProgress::default()
        };
        let both = first.and(second);
        assert_eq!((both.batches_done, both.batches_total, both.names_done, both.names_total), (2, 5, 100, 160));
        assert_eq!((both.waiting_until, both.limit_wait, both.retries), (Some(NOW + 5_000), wait, 1));
        let later_wait = WriteProgress { waiting_until: Some(NOW + 9_000), limit_wait: None, ..second };
        assert_eq!(first.and(later_wait).waiting_until, Some(NOW + 9_000));
        assert_eq!(first.and(later_wait).limit_wait, None);
        assert_eq!(WriteProgress::default().and(first), first);
    }

    struct Wait(u64);

    fn wait(run: &mut WriteRun, now: u64) -> Wait {
        match run.poll(now) {
            WriteStep::WaitUntil(at) => Wait(at),
            other => panic!("expected a wait at {now}, got {other:?}"),
        }
    }

    fn outcomes(report: &WriteReport) -> Vec<(&str, &NameOutcome)> {
        report.per_name.iter().map(|line| (line.name.as_str(), &line.outcome)).collect()
    }

    #[test]
    fn writes_go_one_at_a_time_at_least_a_second_apart() {
        let mut run = revoke_run(users(120));
        let (first, _) = send(&mut run, NOW);
        assert_eq!(
            run.poll(NOW + 10),
            WriteStep::WaitUntil(NOW + REQUEST_TIMEOUT_MS),
            "no second write while one is in flight"
        );
        run.on_result(first, Ok(50), NOW + 400);
        assert_eq!(run.poll(NOW + 400), WriteStep::WaitUntil(NOW + 1_400));
        assert_eq!(run.poll(NOW + 1_399), WriteStep::WaitUntil(NOW + 1_400));
        let (second, _) = send(&mut run, NOW + 1_400);
        assert_eq!(second, 1);
        run.on_result(second, Ok(50), NOW + 1_500);
        let (third, names) = send(&mut run, NOW + 2_500);
        assert_eq!((third, names.len()), (2, 20));
        run.on_result(third, Ok(20), NOW + 2_600);
        assert_eq!(run.poll(NOW + 2_600), WriteStep::Finished);
        let report = run.report();
        assert_eq!(report.seats_cancelled, Some(120));
        assert_eq!(report.seats_created, None);
        assert!(!report.needs_verification);
        assert!(report.per_name.iter().all(|line| line.outcome.is_done()));
        assert_eq!(run.progress().names_done, 120);
    }

    #[test]
    fn a_partial_failure_says_exactly_which_names_failed_and_why() {
        let mut run = revoke_run(users(110));
        let mut now = NOW;
        let answers =
            [Ok(50), Err(ApiError::Unprocessable { operation: Operation::RemoveUsers, github_message: None }), Ok(10)];
        for answer in answers {
            let (index, _) = send(&mut run, now);
            run.on_result(index, answer, now + 100);
            now += 1_100;
        }
        assert_eq!(run.poll(now), WriteStep::Finished);
        let report = run.report();
        let names = users(110);
        for (index, (name, outcome)) in outcomes(&report).into_iter().enumerate() {
            assert_eq!(name, names[index]);
            match index {
                0..=49 => assert_eq!(outcome, &NameOutcome::Confirmed { batch: 0, count_reported: 50 }),
                50..=99 => assert!(
                    matches!(outcome, NameOutcome::Failed { reason } if reason.contains("assigned through a team"))
                ),
                _ => assert_eq!(outcome, &NameOutcome::Confirmed { batch: 2, count_reported: 10 }),
            }
        }
        assert_eq!(report.seats_cancelled, Some(60));
        assert_eq!(report.counts(), OutcomeCounts { done: 60, failed: 50, ..OutcomeCounts::default() });
        assert_eq!(report.summary(), "60 done, 50 failed; GitHub reported seats_cancelled: 60");
    }

    #[test]
    fn a_rejected_token_ends_the_run_and_later_batches_are_not_attempted() {
        let mut run = revoke_run(users(150));
        let (first, _) = send(&mut run, NOW);
        run.on_result(first, Err(ApiError::Unauthorized { github_message: None }), NOW + 100);
        assert_eq!(run.poll(NOW + 5_000), WriteStep::Finished);
        let report = run.report();
        assert_eq!(report.counts(), OutcomeCounts { failed: 50, not_attempted: 100, ..OutcomeCounts::default() });
        assert!(report.stopped_because.unwrap().contains("401"));
    }

    #[test]
    fn a_redirect_ends_the_run_as_failed_not_unconfirmed() {
        let mut run = revoke_run(users(150));
        let (first, _) = send(&mut run, NOW);
        run.on_result(first, Err(ApiError::Redirected), NOW + 100);
        assert_eq!(run.poll(NOW + 5_000), WriteStep::Finished);
        let report = run.report();
        assert_eq!(report.counts(), OutcomeCounts { failed: 50, not_attempted: 100, ..OutcomeCounts::default() });
        assert!(report.stopped_because.unwrap().contains("redirect"));
    }

    #[test]
    fn stop_lets_the_write_in_flight_finish_and_starts_no_other() {
        let mut run = revoke_run(users(150));
        let (first, _) = send(&mut run, NOW);
        run.stop();
        assert_eq!(run.poll(NOW + 10), WriteStep::WaitUntil(NOW + REQUEST_TIMEOUT_MS));
        run.on_result(first, Ok(50), NOW + 200);
        assert!(run.is_finished());
        assert_eq!(run.poll(NOW + 10_000), WriteStep::Finished);
        let report = run.report();
        assert!(report.stopped_by_user);
        assert_eq!(report.counts(), OutcomeCounts { done: 50, not_attempted: 100, ..OutcomeCounts::default() });
    }

    #[test]
    fn a_rate_limited_write_waits_for_retry_after_and_is_then_verified() {
        let mut run = revoke_run(users(3));
        let (first, _) = send(&mut run, NOW);
        run.on_result(first, Err(ApiError::SecondaryRateLimit { retry_after_seconds: Some(45) }), NOW + 100);
        assert_eq!(run.poll(NOW + 100), WriteStep::WaitUntil(NOW + 45_100));
        let progress = run.progress();
        assert_eq!(progress.waiting_until, Some(NOW + 45_100));
        let wait = progress.limit_wait.expect("a rate limit");
        assert_eq!((wait.until_ms, wait.reason), (NOW + 45_100, LimitReason::Secondary));
        assert_eq!(run.report().per_name[0].outcome, NameOutcome::Pending);
        let (again, _) = send(&mut run, NOW + 45_100);
        run.on_result(again, Ok(3), NOW + 45_200);
        let report = run.report();
        assert!(report.per_name.iter().all(|line| line.outcome.is_done()));
        assert!(report.needs_verification, "a retried write's count may differ");
    }

    #[test]
    fn a_write_refused_again_by_a_secondary_limit_without_retry_after_waits_twice_as_long() {
        let mut run = revoke_run(users(3));
        let untold = || Err(ApiError::SecondaryRateLimit { retry_after_seconds: None });
        let (first, _) = send(&mut run, NOW);
        run.on_result(first, untold(), NOW + 100);
        assert_eq!(run.poll(NOW + 100), WriteStep::WaitUntil(NOW + 60_100));
        let (again, _) = send(&mut run, NOW + 60_100);
        run.on_result(again, untold(), NOW + 60_200);
        assert_eq!(run.poll(NOW + 60_200), WriteStep::WaitUntil(NOW + 180_200));
        let text = run.progress().limit_wait.expect("a rate limit").describe(NOW + 60_200);
        assert!(text.contains("the 2nd time in a row") && text.contains("waiting 2 min"), "{text}");
        let (third, _) = send(&mut run, NOW + 180_200);
        run.on_result(third, Ok(3), NOW + 180_300);
        assert!(run.report().per_name.iter().all(|line| line.outcome.is_done()));
    }

    /// Runs `run` to its end against a server that accepts every write after `latency_ms`, with a
    /// simulated clock; returns every send time.
    fn run_to_the_end(run: &mut WriteRun, start: u64, latency_ms: u64) -> Vec<u64> {
        let mut now = start;
        let mut sends = Vec::new();
        for _ in 0..1_000_000 {
            match run.poll(now) {
                WriteStep::Send { batch_index, request } => {
                    sends.push(now);
                    now += latency_ms;
                    run.on_result(batch_index, Ok(request.names().len() as u64), now);
                }
                WriteStep::WaitUntil(at) => {
                    assert!(at > now, "asked to wait until {at}, not after {now}");
                    now = at;
                }
                WriteStep::Abort { .. } => panic!("nothing stalls here"),
                WriteStep::Finished => return sends,
            }
        }
        panic!("the run never finished");
    }

    fn most_in_any_window(sends: &[u64], window_ms: u64) -> usize {
        (0..sends.len())
            .map(|i| sends[i..].iter().take_while(|at| **at < sends[i] + window_ms).count())
            .max()
            .unwrap_or(0)
    }

    #[test]
    fn a_run_past_500_requests_waits_for_the_hour_to_free_room_and_never_passes_the_budget() {
        let names: Vec<String> = (0..520 * MAX_NAMES_PER_WRITE).map(|n| format!("user-{n}")).collect();
        let mut run = revoke_run(names);
        let sends = run_to_the_end(&mut run, NOW, 50);
        assert_eq!(sends.len(), 520);
        assert!(sends.windows(2).all(|pair| pair[1] - pair[0] >= MIN_MS_BETWEEN_WRITES + 50), "a second apart");
        assert!(most_in_any_window(&sends, 60_000) <= 80);
        assert_eq!(most_in_any_window(&sends, 3_600_000), 500);
        assert_eq!(sends[500], sends[0] + 3_600_000, "the 501st waits until the first is an hour old");
        assert!(run.report().per_name.iter().all(|line| line.outcome.is_done()));
    }

    #[test]
    fn the_progress_line_and_the_report_count_with_thousands_separators() {
        let progress = WriteProgress {
            batches_done: 20,
            batches_total: 40,
            names_done: 1_000,
            names_total: 2_000,
            retries: 1_200,
            ..WriteProgress::default()
        };
        assert_eq!(progress.status(NOW), "20 of 40 batches, 1,000 of 2,000 names, 1,200 retried");
        let mut run = revoke_run(users(1_200));
        for batch in 0..24 {
            let at = NOW + batch * 1_100;
            let (index, _) = send(&mut run, at);
            run.on_result(index, Ok(50), at + 100);
        }
        assert_eq!(run.report().summary(), "1,200 done; GitHub reported seats_cancelled: 1,200");
        assert_eq!(
            crate::plan::write::pacing_hint(&WritePlan::new(WriteKind::RevokeUsers, "acme", users(1_200))),
            "Sent in 24 requests of at most 50 names, one a second."
        );
    }

    #[test]
    fn while_the_budget_holds_the_progress_says_so_and_stop_ends_the_run() {
        let mut budget = WriteBudget::default();
        for n in 0..500 {
            budget.record(NOW + n * 1_000);
        }
        let mut run = revoke_run(users(60));
        run.set_budget(budget);
        let now = NOW + 600_000;
        assert_eq!(run.poll(now), WriteStep::WaitUntil(NOW + 3_600_000));
        let progress = run.progress();
        assert_eq!(progress.budget_hold.map(|hold| hold.until_ms), Some(NOW + 3_600_000));
        let line = progress.status(now);
        assert!(
            line.starts_with("0 of 2 batches, 0 of 60 names — GitHub allows 500 content-creating requests an hour"),
            "{line}"
        );
        assert!(line.contains("(50 min left)"), "{line}");
        // The next run of the job starts from this one's budget.
        let (first, _) = send(&mut run, NOW + 3_600_000);
        run.on_result(first, Ok(50), NOW + 3_600_100);
        assert_eq!(run.budget().used_in_the_last_hour(NOW + 3_600_100), 500);
        run.stop();
        assert_eq!(run.poll(NOW + 3_601_100), WriteStep::Finished);
        assert_eq!(run.progress().budget_hold, None);
    }

    #[test]
    fn a_write_that_timed_out_is_not_sent_again_but_left_unconfirmed() {
        let mut run = revoke_run(users(60));
        let (first, _) = send(&mut run, NOW);
        assert_eq!(run.poll(NOW + REQUEST_TIMEOUT_MS), WriteStep::Abort { batch_index: first });
        run.on_result(first, Ok(50), NOW + REQUEST_TIMEOUT_MS + 5);
        let (second, _) = send(&mut run, NOW + REQUEST_TIMEOUT_MS + 1_000);
        assert_eq!(second, 1, "the stalled batch is not sent again");
        run.on_result(second, Err(ApiError::Timeout(30)), NOW + REQUEST_TIMEOUT_MS + 2_000);
        assert_eq!(run.poll(NOW + 60_000), WriteStep::Finished);
        let report = run.report();
        assert_eq!(report.counts(), OutcomeCounts { unconfirmed: 60, ..OutcomeCounts::default() });
        assert!(report.needs_verification);
        assert_eq!(report.seats_cancelled, Some(0), "a late answer to an abandoned write is not counted");
    }

    #[test]
    fn a_dropped_connection_is_retried_and_then_needs_verification() {
        let policy = RetryPolicy { jitter_percent: 0, ..RetryPolicy::default() };
        let mut run = WriteRun::new(WritePlan::new(WriteKind::AssignUsers, "acme", users(2)), policy, 0);
        let (first, _) = send(&mut run, NOW);
        run.on_result(first, Err(ApiError::Network("reset".into())), NOW + 50);
        assert_eq!(run.poll(NOW + 50), WriteStep::WaitUntil(NOW + 1_050));
        let (again, _) = send(&mut run, NOW + 1_050);
        run.on_result(again, Ok(1), NOW + 1_100);
        let report = run.report();
        assert_eq!(report.seats_created, Some(1));
        assert!(report.needs_verification);
        assert_eq!(run.progress().retries, 1);
    }

    #[test]
    fn a_refusal_after_a_dropped_attempt_leaves_the_batch_unconfirmed() {
        let mut run = revoke_run(users(2));
        let (first, _) = send(&mut run, NOW);
        run.on_result(first, Err(ApiError::Network("reset".into())), NOW + 50);
        let Wait(retry_at) = wait(&mut run, NOW + 50);
        let (again, _) = send(&mut run, retry_at);
        run.on_result(again, Err(ApiError::Unauthorized { github_message: None }), retry_at + 50);
        assert_eq!(run.poll(retry_at + 50), WriteStep::Finished);
        assert!(
            matches!(&run.report().per_name[0].outcome, NameOutcome::Unconfirmed { reason } if reason.contains("401"))
        );
    }

    #[test]
    fn a_count_below_the_names_sent_asks_for_verification() {
        let mut run = revoke_run(users(5));
        let (first, _) = send(&mut run, NOW);
        run.on_result(first, Ok(4), NOW + 100);
        assert!(run.report().needs_verification);
    }

    #[test]
    fn stopping_while_a_retry_waits_ends_that_batch_with_its_last_answer() {
        let mut run = revoke_run(users(2));
        let (first, _) = send(&mut run, NOW);
        run.on_result(first, Err(ApiError::SecondaryRateLimit { retry_after_seconds: None }), NOW + 100);
        run.stop();
        assert_eq!(run.poll(NOW + 200), WriteStep::Finished);
        assert!(
            matches!(&run.report().per_name[0].outcome, NameOutcome::Failed { reason } if reason.contains("secondary"))
        );
        let mut dropped = revoke_run(users(2));
        let (first, _) = send(&mut dropped, NOW);
        dropped.on_result(first, Err(ApiError::Network("reset".into())), NOW + 100);
        dropped.stop();
        assert!(
            matches!(dropped.report().per_name[0].outcome, NameOutcome::Unconfirmed { .. }),
            "the dropped attempt may have landed"
        );
    }
}
