//! Session: a job's plans run one after the other as one paced machine (a second between the last write
//! of a plan and the first of the next, one budget of content-creating requests handed from plan to
//! plan), then, when GitHub's answers leave a name unsettled, the seats read again (up to three times,
//! two seconds apart) and the reports reconciled with them. The app only sends, waits and reads as told.

use super::activity::ActivityEntry;
use super::kind::WriteRequest;
use super::plan::WritePlan;
use super::report::{reconcile, WriteReport};
use super::run::{WriteProgress, WriteRun, WriteStep};
use crate::error::ApiError;
use crate::models::Seat;
use crate::pagination::MAX_PER_PAGE;
use crate::plan::loader::{LoaderConfig, MAX_CONCURRENCY};
use crate::plan::paced::{Paced, PacedStep};
use crate::plan::retry::RetryPolicy;
use crate::plan::write_budget::{WriteBudget, MIN_MS_BETWEEN_WRITES};

/// How many times the seats are read to settle unclear outcomes. The reader retries each page itself; a
/// load that still fails (the network having a bad minute) is tried again before the report stays
/// unsettled.
pub const READS_TO_SETTLE: u32 = 3;

/// The pause before each read to settle but the first.
pub const MS_BETWEEN_READS_TO_SETTLE: u64 = 2_000;

/// The wait before read number `attempt` (from 0) of the seats to settle unclear outcomes, or `None`
/// once every read is spent.
pub fn wait_before_read_to_settle(attempt: u32) -> Option<u64> {
    match attempt {
        0 => Some(0),
        attempt if attempt < READS_TO_SETTLE => Some(MS_BETWEEN_READS_TO_SETTLE),
        _ => None,
    }
}

/// How the seats are read to settle: as fast as GitHub allows, the largest pages.
pub fn read_to_settle_config() -> LoaderConfig {
    LoaderConfig::new(MAX_CONCURRENCY, MAX_PER_PAGE)
}

/// Where a job of one or more writes stands, over all its plans: what the progress bar shows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct JobProgress {
    /// Every plan's writes as one bar.
    pub writes: WriteProgress,
    /// The writes are over; the seats are being read again to settle unclear outcomes.
    pub verifying: bool,
}

/// The plans of one job, run one after the other. Requests go out under (plan, batch).
#[derive(Debug, Clone)]
pub struct WriteSession {
    runs: Vec<WriteRun>,
    /// The plan being run; `runs.len()` once every plan is over.
    current: usize,
    /// The current plan has begun: it holds the budget.
    begun: bool,
    /// The connection's budget between plans (while a plan runs, the plan holds it).
    budget: WriteBudget,
    last_write_ended_ms: Option<u64>,
    stopped: bool,
}

impl WriteSession {
    /// The plans with the retry rules, a seed for the random part of retry delays (each plan its own),
    /// and the connection's budget as earlier jobs left it.
    pub fn new(plans: Vec<WritePlan>, policy: RetryPolicy, jitter_seed: u32, budget: WriteBudget) -> Self {
        let runs = plans
            .into_iter()
            .enumerate()
            .map(|(index, plan)| {
                WriteRun::new(plan, policy, jitter_seed.wrapping_add(u32::try_from(index).unwrap_or(0)))
            })
            .collect();
        Self { runs, current: 0, begun: false, budget, last_write_ended_ms: None, stopped: false }
    }

    /// Every plan's writes as one bar.
    pub fn progress(&self) -> WriteProgress {
        // Plans go one after the other, so the wait shown is the running plan's.
        self.runs.iter().fold(WriteProgress::default(), |total, run| total.and(run.progress()))
    }

    /// The connection's budget with this job's requests so far counted, for the next job.
    pub fn budget(&self) -> &WriteBudget {
        match self.runs.get(self.current) {
            Some(run) if self.begun => run.budget(),
            _ => &self.budget,
        }
    }

    /// The outcome as GitHub's answers tell, before any reading of the seats.
    pub fn outcome(&self) -> WriteOutcome {
        WriteOutcome {
            reports: self.runs.iter().map(WriteRun::report).collect(),
            activity: self.runs.iter().flat_map(WriteRun::activity).collect(),
            verification_problem: None,
        }
    }
}

impl Paced for WriteSession {
    type Key = (usize, usize);
    type Request = WriteRequest;
    type Answer = u64;

    fn next_step(&mut self, now_ms: u64) -> PacedStep<(usize, usize), WriteRequest> {
        while let Some(run) = self.runs.get_mut(self.current) {
            if !self.begun {
                if self.stopped {
                    // A plan not begun when Stop was pressed: every name is reported as not attempted.
                    run.stop();
                    self.current += 1;
                    continue;
                }
                let paced = self.last_write_ended_ms.map_or(0, |ended| ended.saturating_add(MIN_MS_BETWEEN_WRITES));
                if now_ms < paced {
                    return PacedStep::WaitUntil(paced);
                }
                run.set_budget(std::mem::take(&mut self.budget));
                self.begun = true;
            }
            match run.poll(now_ms) {
                WriteStep::Send { batch_index, request } => {
                    return PacedStep::Send(vec![((self.current, batch_index), request)])
                }
                WriteStep::Abort { batch_index } => return PacedStep::Abort(vec![(self.current, batch_index)]),
                WriteStep::WaitUntil(until) => return PacedStep::WaitUntil(until),
                WriteStep::Finished => {
                    self.budget = run.budget().clone();
                    self.last_write_ended_ms = run.last_write_ended_ms().or(self.last_write_ended_ms);
                    self.current += 1;
                    self.begun = false;
                }
            }
        }
        PacedStep::Finished
    }

    fn hand_in(&mut self, (plan, batch): (usize, usize), answer: Result<u64, ApiError>, now_ms: u64) {
        if let Some(run) = self.runs.get_mut(plan) {
            run.on_result(batch, answer, now_ms);
        }
    }

    /// No batch starts after this; the batch in flight still gets its answer, so nothing is aborted.
    fn stop(&mut self) -> Vec<(usize, usize)> {
        self.stopped = true;
        if self.begun {
            if let Some(run) = self.runs.get_mut(self.current) {
                run.stop();
            }
        }
        Vec::new()
    }
}

/// How a job ended: one report per plan, the log lines, and whether the seats could be read again.
#[derive(Debug, Clone, PartialEq)]
pub struct WriteOutcome {
    pub reports: Vec<WriteReport>,
    pub activity: Vec<ActivityEntry>,
    /// Some report needed the seats read again, and they could not be: its unclear names stay unconfirmed.
    pub verification_problem: Option<ApiError>,
}

impl WriteOutcome {
    /// Some report has names GitHub's answers did not settle: the seats are to be read again.
    pub fn needs_reading_again(&self) -> bool {
        self.reports.iter().any(|report| report.needs_verification)
    }

    /// Settles the unclear reports from the seats as read again at `now_ms` (with a log line each), or
    /// keeps why they could not be read.
    pub fn settle(&mut self, read_again: Result<Vec<Seat>, ApiError>, now_ms: u64) {
        match read_again {
            Ok(seats) => {
                for report in self.reports.iter_mut().filter(|report| report.needs_verification) {
                    *report = reconcile(report, &seats);
                    self.activity.push(ActivityEntry::verification(now_ms, report));
                }
            }
            Err(error) => self.verification_problem = Some(error),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::test_support::{seat, NOW};
    use crate::plan::write::test_support::users;
    use crate::plan::write::WriteKind;
    use crate::plan::write_budget::BudgetWindow;

    fn session_of(plans: &[(WriteKind, usize)]) -> WriteSession {
        let plans = plans.iter().map(|(kind, names)| WritePlan::new(*kind, "acme", users(*names))).collect();
        WriteSession::new(plans, RetryPolicy::default(), 1, WriteBudget::default())
    }

    fn send(session: &mut WriteSession, now: u64) -> (usize, usize) {
        match session.next_step(now) {
            PacedStep::Send(requests) => {
                assert_eq!(requests.len(), 1, "one write at a time");
                requests[0].0
            }
            other => panic!("expected a send at {now}, got {other:?}"),
        }
    }

    #[test]
    fn the_next_plan_starts_a_second_after_the_last_write_of_the_one_before() {
        let mut session = session_of(&[(WriteKind::RevokeUsers, 10), (WriteKind::RevokeTeams, 2)]);
        assert_eq!(send(&mut session, NOW), (0, 0));
        session.hand_in((0, 0), Ok(10), NOW + 300);
        assert_eq!(session.next_step(NOW + 300), PacedStep::WaitUntil(NOW + 1_300));
        assert_eq!(session.next_step(NOW + 1_299), PacedStep::WaitUntil(NOW + 1_300));
        assert_eq!(send(&mut session, NOW + 1_300), (1, 0));
        session.hand_in((1, 0), Ok(2), NOW + 1_400);
        assert_eq!(session.next_step(NOW + 1_400), PacedStep::Finished);
        let progress = session.progress();
        assert_eq!((progress.batches_done, progress.batches_total, progress.names_done), (2, 2, 12));
    }

    #[test]
    fn what_one_plan_sent_counts_against_the_budget_of_the_next() {
        let plans = vec![
            WritePlan::new(WriteKind::RevokeUsers, "acme", users(50)),
            WritePlan::new(WriteKind::RevokeTeams, "acme", users(1)),
        ];
        let mut session = WriteSession::new(plans, RetryPolicy::default(), 1, WriteBudget::new(1, 500));
        send(&mut session, NOW);
        session.hand_in((0, 0), Ok(50), NOW + 100);
        assert_eq!(session.budget().used_in_the_last_hour(NOW + 100), 1, "the plan's request is counted");
        match session.next_step(NOW + 1_100) {
            PacedStep::WaitUntil(until) => assert_eq!(until, NOW + 60_000, "the minute's budget of one is spent"),
            other => panic!("expected the budget to hold the second plan, got {other:?}"),
        }
        assert_eq!(session.progress().budget_hold.map(|hold| hold.window), Some(BudgetWindow::Minute));
        assert_eq!(send(&mut session, NOW + 60_000), (1, 0));
        assert_eq!(session.budget().used_in_the_last_hour(NOW + 60_000), 2);
    }

    #[test]
    fn plans_not_begun_when_stop_is_pressed_are_not_attempted_and_the_write_out_still_counts() {
        let mut session = session_of(&[(WriteKind::RevokeUsers, 60), (WriteKind::RevokeTeams, 2)]);
        send(&mut session, NOW);
        assert_eq!(session.stop(), Vec::new(), "the write in flight is not aborted");
        session.hand_in((0, 0), Ok(50), NOW + 200);
        assert_eq!(session.next_step(NOW + 5_000), PacedStep::Finished);
        let outcome = session.outcome();
        let counts: Vec<_> = outcome.reports.iter().map(|report| report.counts()).collect();
        assert_eq!((counts[0].done, counts[0].not_attempted), (50, 10));
        assert_eq!((counts[1].done, counts[1].not_attempted), (0, 2));
        assert!(outcome.reports.iter().all(|report| report.stopped_by_user));
        assert_eq!(outcome.activity.len(), 1, "one batch was sent");
    }

    #[test]
    fn a_session_of_no_plans_is_over_at_once() {
        let mut session = session_of(&[]);
        assert_eq!(session.next_step(NOW), PacedStep::Finished);
        assert!(!session.outcome().needs_reading_again());
    }

    #[test]
    fn the_seats_are_read_to_settle_three_times_at_most_two_seconds_apart() {
        let waits: Vec<Option<u64>> = (0..5).map(wait_before_read_to_settle).collect();
        assert_eq!(waits, vec![Some(0), Some(2_000), Some(2_000), None, None]);
        assert_eq!(waits.iter().flatten().count(), READS_TO_SETTLE as usize);
    }

    #[test]
    fn an_unclear_outcome_is_settled_by_the_seats_read_again_with_a_log_line() {
        let mut session = session_of(&[(WriteKind::RevokeUsers, 2)]);
        send(&mut session, NOW);
        // One of the two names changed: the count leaves the other unexplained.
        session.hand_in((0, 0), Ok(1), NOW + 100);
        assert_eq!(session.next_step(NOW + 100), PacedStep::Finished);
        let mut outcome = session.outcome();
        assert!(outcome.needs_reading_again());
        outcome.settle(Ok(vec![seat("user-1", 2)]), NOW + 5_000);
        assert!(outcome.reports[0].verified);
        assert_eq!(outcome.activity.len(), 2, "the batch, then the check");
        assert_eq!(outcome.activity[1].at_ms, NOW + 5_000);
        assert_eq!(outcome.verification_problem, None);
    }

    #[test]
    fn seats_that_cannot_be_read_again_leave_the_outcome_unsettled_with_the_reason() {
        let mut session = session_of(&[(WriteKind::RevokeUsers, 2)]);
        send(&mut session, NOW);
        session.hand_in((0, 0), Ok(1), NOW + 100);
        session.next_step(NOW + 100);
        let mut outcome = session.outcome();
        outcome.settle(Err(ApiError::Cancelled), NOW + 5_000);
        assert!(!outcome.reports[0].verified);
        assert_eq!(outcome.verification_problem, Some(ApiError::Cancelled));
        assert_eq!(outcome.activity.len(), 1);
    }
}
