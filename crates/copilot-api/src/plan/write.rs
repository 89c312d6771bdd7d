//! Bulk seat writes: what a selection may revoke, the confirmation a person gives, the batches sent, the
//! pacing between them, and a report that says exactly which names were changed.
//!
//! The report's rule: a name is *confirmed* only when GitHub answered its batch with a success. A write
//! that failed without a clear answer (timeout, 5xx, a retried dropped connection) is *unconfirmed*, never
//! done nor failed, and [`reconcile`] settles it from the seats as read again afterwards.

use std::collections::{BTreeMap, HashSet};

use super::rate_limit::{LimitTracker, LimitWait};
use super::retry::REQUEST_TIMEOUT_MS;
use super::retry::{mix, write_may_have_landed, Attempts, RequestKind, RetryDecision, RetryPolicy};
use super::write_budget::{BudgetHold, WriteBudget};
use crate::api_base::ApiBase;
use crate::error::{ApiError, ResponseParts};
use crate::format::{count, csv_text, dollars, exact_second_at_ms, length_in_words, plural, CsvError};
use crate::models::Seat;
use crate::names::{name_problem, NameKind, RejectedName};
use crate::operation::Operation;
use crate::request::{AddTeams, AddUsers, ApiRequest, HttpRequest, RemoveTeams, RemoveUsers, RequestOptions};
use crate::token::{Token, TokenKind};

/// GitHub takes lists of names; we send at most this many per request so one refused name (a 422 fails
/// the whole request) costs a small batch, not the whole selection.
pub const MAX_NAMES_PER_WRITE: usize = 50;
/// GitHub's guidance for writes: one at a time, at least a second apart.
pub const MIN_MS_BETWEEN_WRITES: u64 = 1_000;
/// Above this many seats the person types the organization's name to confirm.
pub const TYPED_CONFIRMATION_ABOVE: usize = 20;
/// What the confirmation dialog says under the cost.
pub const CANNOT_BE_UNDONE: &str = "This cannot be undone from here.";

/// The four bulk writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum WriteKind {
    AssignUsers,
    RevokeUsers,
    AssignTeams,
    RevokeTeams,
}

impl WriteKind {
    pub fn operation(self) -> Operation {
        match self {
            Self::AssignUsers => Operation::AddUsers,
            Self::RevokeUsers => Operation::RemoveUsers,
            Self::AssignTeams => Operation::AddTeams,
            Self::RevokeTeams => Operation::RemoveTeams,
        }
    }

    pub fn is_assign(self) -> bool {
        matches!(self, Self::AssignUsers | Self::AssignTeams)
    }

    pub fn names_teams(self) -> bool {
        matches!(self, Self::AssignTeams | Self::RevokeTeams)
    }

    pub fn name_kind(self) -> NameKind {
        if self.names_teams() {
            NameKind::Team
        } else {
            NameKind::User
        }
    }

    /// What a person would call it ("Revoke users' seats").
    pub fn title(self) -> &'static str {
        self.operation().title()
    }
}

/// A write's typed request, ready to build with the token and send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WriteRequest {
    AddUsers(AddUsers),
    RemoveUsers(RemoveUsers),
    AddTeams(AddTeams),
    RemoveTeams(RemoveTeams),
}

impl WriteRequest {
    pub fn new(kind: WriteKind, org: &str, names: Vec<String>) -> Self {
        let org = org.to_owned();
        match kind {
            WriteKind::AssignUsers => Self::AddUsers(AddUsers { org, usernames: names }),
            WriteKind::RevokeUsers => Self::RemoveUsers(RemoveUsers { org, usernames: names }),
            WriteKind::AssignTeams => Self::AddTeams(AddTeams { org, teams: names }),
            WriteKind::RevokeTeams => Self::RemoveTeams(RemoveTeams { org, teams: names }),
        }
    }

    pub fn names(&self) -> &[String] {
        match self {
            Self::AddUsers(request) => &request.usernames,
            Self::RemoveUsers(request) => &request.usernames,
            Self::AddTeams(request) => &request.teams,
            Self::RemoveTeams(request) => &request.teams,
        }
    }

    pub fn build(
        &self,
        base: &ApiBase,
        token: Option<&Token>,
        options: RequestOptions,
    ) -> Result<HttpRequest, ApiError> {
        match self {
            Self::AddUsers(request) => request.build(base, token, options),
            Self::RemoveUsers(request) => request.build(base, token, options),
            Self::AddTeams(request) => request.build(base, token, options),
            Self::RemoveTeams(request) => request.build(base, token, options),
        }
    }

    /// GitHub's answer as the count it reports: `seats_created` or `seats_cancelled`.
    pub fn parse_count(&self, response: &ResponseParts, token_kind: Option<TokenKind>) -> Result<u64, ApiError> {
        match self {
            Self::AddUsers(request) => request.parse(response, token_kind).map(|answer| answer.seats_created),
            Self::RemoveUsers(request) => request.parse(response, token_kind).map(|answer| answer.seats_cancelled),
            Self::AddTeams(request) => request.parse(response, token_kind).map(|answer| answer.seats_created),
            Self::RemoveTeams(request) => request.parse(response, token_kind).map(|answer| answer.seats_cancelled),
        }
    }
}

// ---------------------------------------------------------------------------------------------------
// Selection

/// What a selection of seats can revoke user by user, and what it cannot.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RevokeSelection {
    /// Seats assigned directly: revocable by name.
    pub direct: Vec<String>,
    /// Seats granted through an organization team (slug → logins): GitHub refuses to revoke these by
    /// name (422). Skip them, or revoke the whole team.
    pub team_granted: BTreeMap<String, Vec<String>>,
    /// Seats granted through an enterprise team: managed by the enterprise, not revocable from here.
    pub enterprise_team_granted: BTreeMap<String, Vec<String>>,
    /// Seats already pending cancellation: nothing to do, counted.
    pub already_pending: Vec<String>,
    /// Seats of deleted accounts: no name to revoke by.
    pub no_assignee: usize,
}

/// What to do with team-granted seats in a selection.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TeamGrantedChoice {
    Skip,
    /// Revoke each team as a whole: every member's seat goes, selected or not (the dialog must say so).
    RevokeTeams,
}

/// Sorts selected seats by how they can be revoked. A login selected twice counts once.
pub fn plan_revocation(selected: &[&Seat]) -> RevokeSelection {
    let mut selection = RevokeSelection::default();
    let mut seen = HashSet::new();
    for seat in selected {
        let Some(login) = seat.login() else {
            selection.no_assignee += 1;
            continue;
        };
        if !seen.insert(login.to_ascii_lowercase()) {
            continue;
        }
        let login = login.to_owned();
        // Pending first: a pending seat needs nothing, however it was granted.
        if seat.pending_cancellation_date.is_some() {
            selection.already_pending.push(login);
        } else if let Some(team) = &seat.assigning_team {
            let bucket = if team.is_enterprise_team() {
                &mut selection.enterprise_team_granted
            } else {
                &mut selection.team_granted
            };
            bucket.entry(team.slug().to_owned()).or_default().push(login);
        } else {
            selection.direct.push(login);
        }
    }
    selection
}

impl RevokeSelection {
    /// Selected seats granted through an organization team.
    pub fn team_granted_count(&self) -> usize {
        self.team_granted.values().map(Vec::len).sum()
    }

    /// Selected seats that will not be revoked whatever the choice: pending, enterprise-team, deleted.
    pub fn always_skipped_count(&self) -> usize {
        self.already_pending.len()
            + self.enterprise_team_granted.values().map(Vec::len).sum::<usize>()
            + self.no_assignee
    }

    /// The writes to run: users by name, then (if chosen) the teams. Empty plans are left out.
    pub fn plans(&self, org: &str, choice: TeamGrantedChoice) -> Vec<WritePlan> {
        let mut plans = Vec::new();
        if !self.direct.is_empty() {
            plans.push(WritePlan::new(WriteKind::RevokeUsers, org, self.direct.iter().cloned()));
        }
        if choice == TeamGrantedChoice::RevokeTeams && !self.team_granted.is_empty() {
            plans.push(WritePlan::new(WriteKind::RevokeTeams, org, self.team_granted.keys().cloned()));
        }
        plans
    }
}

/// Shift-click: the rows from the anchor (the last plain click) to the clicked row, both included, in the
/// order shown. Without a visible anchor, just the clicked row; a row not shown selects nothing.
pub fn select_range<K: PartialEq + Clone>(anchor: Option<&K>, clicked: &K, visible: &[K]) -> Vec<K> {
    let Some(end) = visible.iter().position(|row| row == clicked) else { return Vec::new() };
    let start = anchor.and_then(|anchor| visible.iter().position(|row| row == anchor)).unwrap_or(end);
    visible[start.min(end)..=start.max(end)].to_vec()
}

// ---------------------------------------------------------------------------------------------------
// Confirmation

/// Whether the person must type the organization's name before a write to this many seats.
pub fn needs_typed_confirmation(seat_count: usize) -> bool {
    seat_count > TYPED_CONFIRMATION_ABOVE
}

/// Whether what was typed names the organization (spaces around it and case do not matter).
pub fn confirmation_matches(typed: &str, org: &str) -> bool {
    let org = org.trim();
    !org.is_empty() && typed.trim().eq_ignore_ascii_case(org)
}

/// What a write does to the monthly bill.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CostEffect {
    /// Change to the monthly bill in cents: positive for assignments, negative for revocations.
    pub monthly_cents: i64,
    pub wording: String,
}

/// The bill's change for `seat_count` seats at `price_cents` a seat a month. Assigned seats are billed
/// from now; revoked seats keep access, and cost, until the end of the current billing cycle.
pub fn cost_effect(kind: WriteKind, seat_count: usize, price_cents: u32) -> CostEffect {
    let amount = (seat_count as u64).saturating_mul(u64::from(price_cents));
    let signed = i64::try_from(amount).unwrap_or(i64::MAX);
    let money = dollars(amount);
    let seats = plural(seat_count, "seat", "seats");
    if kind.is_assign() {
        CostEffect {
            monthly_cents: signed,
            wording: format!("Assigning {seats} adds {money} a month to the bill, billed from now."),
        }
    } else {
        CostEffect {
            monthly_cents: -signed,
            wording: format!(
                "Revoking {seats} lowers the bill by {money} a month. Access and billing end at the end of the current billing cycle, not now."
            ),
        }
    }
}

// ---------------------------------------------------------------------------------------------------
// Plan

/// The names of one write, cut into batches of at most [`MAX_NAMES_PER_WRITE`], in the order given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WritePlan {
    kind: WriteKind,
    org: String,
    batches: Vec<Vec<String>>,
    rejected: Vec<RejectedName>,
}

impl WritePlan {
    /// Repeated names (in any case) are kept once, since the report has one line per name; names GitHub
    /// could never accept are set aside with the reason, and never sent.
    pub fn new<S: Into<String>>(kind: WriteKind, org: &str, names: impl IntoIterator<Item = S>) -> Self {
        let mut seen = HashSet::new();
        let mut accepted = Vec::new();
        let mut rejected = Vec::new();
        for name in names {
            let name: String = name.into();
            if let Some(reason) = name_problem(&name, kind.name_kind()) {
                rejected.push(RejectedName { entry: name, reason });
            } else if seen.insert(name.to_ascii_lowercase()) {
                accepted.push(name);
            }
        }
        let batches = accepted.chunks(MAX_NAMES_PER_WRITE).map(<[String]>::to_vec).collect();
        Self { kind, org: org.to_owned(), batches, rejected }
    }

    pub fn kind(&self) -> WriteKind {
        self.kind
    }

    pub fn org(&self) -> &str {
        &self.org
    }

    pub fn batches(&self) -> &[Vec<String>] {
        &self.batches
    }

    /// Every name to be sent, in order.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.batches.iter().flatten().map(String::as_str)
    }

    pub fn name_count(&self) -> usize {
        self.batches.iter().map(Vec::len).sum()
    }

    /// Names left out because GitHub could not accept them, with why.
    pub fn rejected(&self) -> &[RejectedName] {
        &self.rejected
    }

    /// How the confirmation says the plan is sent: "Sent in 3 requests of at most 50 names, one a second."
    pub fn pacing_hint(&self) -> String {
        format!(
            "Sent in {} of at most {MAX_NAMES_PER_WRITE} names, one a second.",
            plural(self.batches.len(), "request", "requests")
        )
    }

    pub fn request(&self, batch_index: usize) -> Option<WriteRequest> {
        self.batches.get(batch_index).map(|names| WriteRequest::new(self.kind, &self.org, names.clone()))
    }

    /// The requests a run would send, exactly, for the dry run. Built without a token, so a dry-run
    /// listing can never show it.
    pub fn dry_run_requests(&self, base: &ApiBase, options: RequestOptions) -> Result<Vec<HttpRequest>, ApiError> {
        (0..self.batches.len()).filter_map(|index| self.request(index)).map(|r| r.build(base, None, options)).collect()
    }
}

// ---------------------------------------------------------------------------------------------------
// Run

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
                Some(ActivityEntry {
                    at_ms,
                    kind: self.plan.kind,
                    org: self.plan.org.clone(),
                    names: names.clone(),
                    outcome,
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

// ---------------------------------------------------------------------------------------------------
// Report

/// How one name ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NameOutcome {
    /// GitHub answered this name's batch with a success (`count_reported` is the batch's count).
    Confirmed {
        batch: usize,
        count_reported: u64,
    },
    /// No clear answer came, but the seats as read again show the change in effect.
    ConfirmedByReading,
    Failed {
        reason: String,
    },
    /// The write may or may not have taken effect: read the seats again ([`reconcile`]).
    Unconfirmed {
        reason: String,
    },
    /// The run stopped before this name's batch.
    NotAttempted,
    /// The run is still going.
    Pending,
}

impl NameOutcome {
    /// Whether the change is known to be in effect.
    pub fn is_done(&self) -> bool {
        matches!(self, Self::Confirmed { .. } | Self::ConfirmedByReading)
    }

    fn was_attempted(&self) -> bool {
        matches!(
            self,
            Self::Confirmed { .. } | Self::ConfirmedByReading | Self::Failed { .. } | Self::Unconfirmed { .. }
        )
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameReport {
    pub name: String,
    pub outcome: NameOutcome,
    /// The verdict changed when the seats were read again.
    pub changed_by_verification: bool,
}

impl NameReport {
    fn new(name: &str, outcome: NameOutcome) -> Self {
        Self { name: name.to_owned(), outcome, changed_by_verification: false }
    }
}

/// The outcome of a write run, name by name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WriteReport {
    pub kind: WriteKind,
    pub org: String,
    pub per_name: Vec<NameReport>,
    /// The sum of GitHub's `seats_created` answers (assignments only).
    pub seats_created: Option<u64>,
    /// The sum of GitHub's `seats_cancelled` answers (revocations only).
    pub seats_cancelled: Option<u64>,
    /// GitHub's answers do not settle every name (a retry, an unclear failure, a count that differs
    /// from the names sent): read the seats again and [`reconcile`].
    pub needs_verification: bool,
    /// The outcomes were checked against the seats as read again.
    pub verified: bool,
    pub stopped_by_user: bool,
    /// The error that ended the run early, in words a person can act on.
    pub stopped_because: Option<String>,
}

/// How many names ended which way.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct OutcomeCounts {
    pub done: usize,
    pub failed: usize,
    pub unconfirmed: usize,
    pub not_attempted: usize,
    pub pending: usize,
}

impl WriteReport {
    pub fn counts(&self) -> OutcomeCounts {
        let mut counts = OutcomeCounts::default();
        for report in &self.per_name {
            match report.outcome {
                NameOutcome::Confirmed { .. } | NameOutcome::ConfirmedByReading => counts.done += 1,
                NameOutcome::Failed { .. } => counts.failed += 1,
                NameOutcome::Unconfirmed { .. } => counts.unconfirmed += 1,
                NameOutcome::NotAttempted => counts.not_attempted += 1,
                NameOutcome::Pending => counts.pending += 1,
            }
        }
        counts
    }

    /// One line: "48 done, 2 failed; GitHub reported seats_cancelled: 48".
    pub fn summary(&self) -> String {
        let counts = self.counts();
        let mut parts = vec![format!("{} done", count(counts.done))];
        for (names, label) in [
            (counts.failed, "failed"),
            (counts.unconfirmed, "unconfirmed"),
            (counts.not_attempted, "not attempted"),
            (counts.pending, "in progress"),
        ] {
            if names > 0 {
                parts.push(format!("{} {label}", count(names)));
            }
        }
        let mut line = parts.join(", ");
        if let Some(created) = self.seats_created {
            line.push_str(&format!("; GitHub reported seats_created: {}", count(created)));
        }
        if let Some(cancelled) = self.seats_cancelled {
            line.push_str(&format!("; GitHub reported seats_cancelled: {}", count(cancelled)));
        }
        if self.verified {
            line.push_str("; checked against the seats read again");
        } else if self.needs_verification {
            line.push_str("; to be checked against the seats read again");
        }
        line
    }
}

/// Settles every attempted name from the seats as read after the run: an assignment is in effect when
/// the user has a seat not pending cancellation; a revocation when the user's seat is pending
/// cancellation or gone. For teams, a revocation is in effect when no seat granted through the team is
/// still active; an assignment when one is (an empty team cannot be told, and keeps its verdict). This is
/// what makes the report equal to GitHub's state after faults. Names not attempted keep their verdict.
pub fn reconcile(report: &WriteReport, seats_after: &[Seat]) -> WriteReport {
    let in_org =
        |seat: &&Seat| seat.organization.as_ref().is_none_or(|org| org.login.eq_ignore_ascii_case(&report.org));
    let active = |seat: &&Seat| seat.pending_cancellation_date.is_none();
    let in_effect = |name: &str| -> Option<bool> {
        let seats = seats_after.iter().filter(in_org);
        match report.kind {
            WriteKind::AssignUsers | WriteKind::RevokeUsers => {
                let has_active =
                    seats.filter(active).any(|seat| seat.login().is_some_and(|l| l.eq_ignore_ascii_case(name)));
                Some(has_active == report.kind.is_assign())
            }
            WriteKind::AssignTeams | WriteKind::RevokeTeams => {
                let through_team =
                    |seat: &&Seat| seat.assigning_team.as_ref().is_some_and(|t| t.slug().eq_ignore_ascii_case(name));
                let has_active = seats.filter(active).any(|seat| through_team(&seat));
                match report.kind {
                    WriteKind::RevokeTeams => Some(!has_active),
                    _ => has_active.then_some(true),
                }
            }
        }
    };
    let mut reconciled = report.clone();
    for line in &mut reconciled.per_name {
        if !line.outcome.was_attempted() {
            continue;
        }
        let Some(effective) = in_effect(&line.name) else { continue };
        let settled = match (&line.outcome, effective) {
            (outcome, true) if outcome.is_done() => continue,
            (_, true) => NameOutcome::ConfirmedByReading,
            (NameOutcome::Failed { .. }, false) => continue,
            (NameOutcome::Unconfirmed { reason }, false) => NameOutcome::Failed {
                reason: format!("{reason} Reading the seats again shows the change did not happen."),
            },
            (_, false) => NameOutcome::Failed {
                reason: "GitHub accepted the request, but reading the seats again shows the change is not in effect."
                    .to_owned(),
            },
        };
        line.outcome = settled;
        line.changed_by_verification = true;
    }
    reconciled.needs_verification = false;
    reconciled.verified = true;
    reconciled
}

// ---------------------------------------------------------------------------------------------------
// Activity log

/// One line of the activity log: a write sent, or a verification.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActivityEntry {
    /// When it was first sent, in ms since the epoch.
    pub at_ms: u64,
    pub kind: WriteKind,
    pub org: String,
    pub names: Vec<String>,
    pub outcome: String,
}

impl ActivityEntry {
    /// When it was sent, in UTC to the second (the log may be read in another time zone); the raw
    /// milliseconds for a time no date can have.
    pub fn time(&self) -> String {
        exact_second_at_ms(self.at_ms).unwrap_or_else(|| self.at_ms.to_string())
    }

    /// The line for a reconciled report: which names the seats read again settled differently.
    pub fn verification(at_ms: u64, reconciled: &WriteReport) -> Self {
        let changed: Vec<String> = reconciled
            .per_name
            .iter()
            .filter(|line| line.changed_by_verification)
            .map(|line| line.name.clone())
            .collect();
        let outcome = if changed.is_empty() {
            format!("Checked against the seats read again: every verdict stands ({})", reconciled.summary())
        } else {
            format!(
                "Checked against the seats read again: {} changed verdict ({})",
                plural(changed.len(), "name", "names"),
                reconciled.summary()
            )
        };
        Self { at_ms, kind: reconciled.kind, org: reconciled.org.clone(), names: changed, outcome }
    }
}

/// The writes of this tab's life, oldest first.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ActivityLog {
    entries: Vec<ActivityEntry>,
}

impl ActivityLog {
    pub fn record(&mut self, entries: impl IntoIterator<Item = ActivityEntry>) {
        self.entries.extend(entries);
    }

    pub fn entries(&self) -> &[ActivityEntry] {
        &self.entries
    }

    /// CSV (the one writer, `format::csv`) with a header; names separated by spaces in one cell.
    pub fn to_csv(&self) -> Result<String, CsvError> {
        let rows = self.entries.iter().map(|entry| {
            [
                entry.time(),
                entry.kind.title().to_owned(),
                entry.org.clone(),
                entry.names.join(" "),
                entry.outcome.clone(),
            ]
        });
        csv_text(&["time", "operation", "organization", "names", "outcome"], rows)
    }

    /// Plain text, one block per entry.
    pub fn to_text(&self) -> String {
        self.entries
            .iter()
            .map(|entry| {
                format!(
                    "{} {} in {}: {}\n  {}\n",
                    entry.time(),
                    entry.kind.title(),
                    entry.org,
                    entry.names.join(", "),
                    entry.outcome
                )
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::operation::Operation;
    use crate::plan::test_support::{enterprise_team_seat, ghost_seat, pending_seat, seat, team_seat, NOW};
    use crate::plan::write_budget::WriteBudget;
    use crate::plan::LimitReason;
    use proptest::prelude::*;

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

    fn users(count: usize) -> Vec<String> {
        (0..count).map(|n| format!("user-{n}")).collect()
    }

    fn revoke_run(names: Vec<String>) -> WriteRun {
        WriteRun::new(WritePlan::new(WriteKind::RevokeUsers, "acme", names), RetryPolicy::default(), 1)
    }

    /// Sends the next batch at `now`, returning its index and names.
    fn send(run: &mut WriteRun, now: u64) -> (usize, Vec<String>) {
        match run.poll(now) {
            WriteStep::Send { batch_index, request } => (batch_index, request.names().to_vec()),
            other => panic!("expected a send at {now}, got {other:?}"),
        }
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
    fn batches_hold_at_most_fifty_names_in_the_order_given() {
        let plan = WritePlan::new(WriteKind::AssignUsers, "acme", users(120));
        let sizes: Vec<usize> = plan.batches().iter().map(Vec::len).collect();
        assert_eq!(sizes, vec![50, 50, 20]);
        assert_eq!(plan.names().map(str::to_owned).collect::<Vec<_>>(), users(120));
        assert_eq!(plan.name_count(), 120);
        assert!(WritePlan::new(WriteKind::AssignUsers, "acme", Vec::<String>::new()).batches().is_empty());
    }

    #[test]
    fn a_name_given_twice_is_sent_once_and_an_impossible_name_is_set_aside_with_why() {
        let plan = WritePlan::new(WriteKind::RevokeUsers, "acme", ["mona", "octocat", "Mona", "bad_name", ""]);
        assert_eq!(plan.batches(), &[vec!["mona".to_owned(), "octocat".to_owned()]]);
        let rejected: Vec<&str> = plan.rejected().iter().map(|r| r.entry.as_str()).collect();
        assert_eq!(rejected, vec!["bad_name", ""]);
        let report = WriteRun::new(plan, RetryPolicy::default(), 0).report();
        assert!(
            matches!(&report.per_name[2].outcome, NameOutcome::Failed { reason } if reason.contains("letters, digits"))
        );
        let teams = WritePlan::new(WriteKind::AssignTeams, "acme", ["eng_team"]);
        assert!(teams.rejected().is_empty(), "underscores are fine in team slugs");
    }

    #[test]
    fn a_selection_is_sorted_into_direct_team_granted_pending_and_deleted_seats() {
        let seats = [
            seat("ada", 1),
            team_seat("bob", 2, "eng"),
            team_seat("cy", 3, "eng"),
            team_seat("dee", 4, "ops"),
            enterprise_team_seat("eve", 5, "all-staff"),
            pending_seat("fay", 6),
            Seat {
                pending_cancellation_date: pending_seat("x", 0).pending_cancellation_date,
                ..team_seat("gus", 7, "eng")
            },
            ghost_seat(),
            seat("ADA", 1),
            seat("hal", 8),
        ];
        let selected: Vec<&Seat> = seats.iter().collect();
        let selection = plan_revocation(&selected);
        assert_eq!(selection.direct, vec!["ada", "hal"]);
        assert_eq!(selection.team_granted.get("eng"), Some(&vec!["bob".to_owned(), "cy".to_owned()]));
        assert_eq!(selection.team_granted.get("ops"), Some(&vec!["dee".to_owned()]));
        assert_eq!(selection.enterprise_team_granted.get("all-staff"), Some(&vec!["eve".to_owned()]));
        assert_eq!(selection.already_pending, vec!["fay", "gus"]);
        assert_eq!(selection.no_assignee, 1);
        assert_eq!(selection.team_granted_count(), 3);
        assert_eq!(selection.always_skipped_count(), 4);
    }

    #[test]
    fn team_granted_seats_are_skipped_or_revoked_as_whole_teams() {
        let seats = [seat("ada", 1), team_seat("bob", 2, "eng"), team_seat("dee", 4, "ops")];
        let selection = plan_revocation(&seats.iter().collect::<Vec<_>>());
        let skipped = selection.plans("acme", TeamGrantedChoice::Skip);
        assert_eq!(skipped.len(), 1);
        assert_eq!((skipped[0].kind(), skipped[0].batches()), (WriteKind::RevokeUsers, &[vec!["ada".to_owned()]][..]));
        let with_teams = selection.plans("acme", TeamGrantedChoice::RevokeTeams);
        assert_eq!(with_teams.len(), 2);
        assert_eq!(with_teams[1].kind(), WriteKind::RevokeTeams);
        assert_eq!(with_teams[1].names().collect::<Vec<_>>(), vec!["eng", "ops"]);
        let only_teams = plan_revocation(&[&seats[1]]).plans("acme", TeamGrantedChoice::Skip);
        assert!(only_teams.is_empty(), "nothing is left to send");
    }

    #[test]
    fn shift_click_selects_the_range_between_anchor_and_click_in_either_direction() {
        let rows = ["a", "b", "c", "d", "e"];
        assert_eq!(select_range(Some(&"b"), &"d", &rows), vec!["b", "c", "d"]);
        assert_eq!(select_range(Some(&"d"), &"b", &rows), vec!["b", "c", "d"]);
        assert_eq!(select_range(None, &"c", &rows), vec!["c"]);
        assert_eq!(select_range(Some(&"gone"), &"c", &rows), vec!["c"], "an anchor filtered away");
        assert!(select_range(Some(&"a"), &"gone", &rows).is_empty());
    }

    #[test]
    fn more_than_twenty_seats_need_the_organization_name_typed() {
        assert!(!needs_typed_confirmation(20));
        assert!(needs_typed_confirmation(21));
        assert!(confirmation_matches("  ACME-corp \n", "acme-corp"));
        assert!(!confirmation_matches("acme", "acme-corp"));
        assert!(!confirmation_matches("", ""), "an empty name confirms nothing");
    }

    #[test]
    fn assigning_is_billed_from_now_and_revoking_ends_with_the_cycle() {
        let assign = cost_effect(WriteKind::AssignUsers, 3, 1_900);
        assert_eq!(assign.monthly_cents, 5_700);
        assert_eq!(assign.wording, "Assigning 3 seats adds $57.00 a month to the bill, billed from now.");
        let revoke = cost_effect(WriteKind::RevokeUsers, 1_000, 3_905);
        assert_eq!(revoke.monthly_cents, -3_905_000);
        assert!(revoke.wording.starts_with("Revoking 1,000 seats lowers the bill by $39,050.00 a month."));
        assert!(revoke.wording.contains("end of the current billing cycle"));
        assert!(cost_effect(WriteKind::RevokeTeams, 1, 1)
            .wording
            .starts_with("Revoking 1 seat lowers the bill by $0.01"));
    }

    #[test]
    fn a_dry_run_lists_exactly_the_requests_without_the_token() {
        let plan = WritePlan::new(WriteKind::RevokeUsers, "acme", users(60));
        let requests = plan.dry_run_requests(&ApiBase::github_com(), RequestOptions::default()).unwrap();
        assert_eq!(requests.len(), 2);
        for (request, names) in requests.iter().zip(plan.batches()) {
            assert_eq!(request.operation, Operation::RemoveUsers);
            assert_eq!(
                request.describe().lines().next(),
                Some("DELETE https://api.github.com/orgs/acme/copilot/billing/selected_users")
            );
            let body: serde_json::Value = serde_json::from_str(request.body.as_deref().unwrap()).unwrap();
            assert_eq!(body, serde_json::json!({ "selected_usernames": names }));
            assert!(!request.headers.iter().any(|(name, _)| name.eq_ignore_ascii_case("authorization")));
        }
        let teams = WritePlan::new(WriteKind::AssignTeams, "acme", ["eng"]);
        let request = &teams.dry_run_requests(&ApiBase::github_com(), RequestOptions::default()).unwrap()[0];
        assert_eq!(
            request.describe(),
            "POST https://api.github.com/orgs/acme/copilot/billing/selected_teams\n{\"selected_teams\":[\"eng\"]}"
        );
        let bad_org = WritePlan::new(WriteKind::AssignUsers, "a/../b", ["mona"]);
        assert!(matches!(
            bad_org.dry_run_requests(&ApiBase::github_com(), RequestOptions::default()),
            Err(ApiError::InvalidInput(_))
        ));
    }

    #[test]
    fn the_count_is_read_from_githubs_answer() {
        let revoke = WriteRequest::new(WriteKind::RevokeUsers, "acme", vec!["mona".into()]);
        let answer = ResponseParts::new(200, vec![], r#"{"seats_cancelled": 1}"#);
        assert_eq!(revoke.parse_count(&answer, None), Ok(1));
        let assign = WriteRequest::new(WriteKind::AssignTeams, "acme", vec!["eng".into()]);
        assert_eq!(assign.parse_count(&ResponseParts::new(201, vec![], r#"{"seats_created": 7}"#), None), Ok(7));
        let refused = ResponseParts::new(422, vec![], r#"{"message":"team-granted"}"#);
        assert!(matches!(revoke.parse_count(&refused, None), Err(ApiError::Unprocessable { .. })));
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
            WritePlan::new(WriteKind::RevokeUsers, "acme", users(1_200)).pacing_hint(),
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

    #[test]
    fn reading_the_seats_again_settles_every_attempted_name() {
        let mut report = revoke_run(users(5)).report();
        report.per_name[0].outcome = NameOutcome::Confirmed { batch: 0, count_reported: 2 };
        report.per_name[1].outcome = NameOutcome::Confirmed { batch: 0, count_reported: 2 };
        report.per_name[2].outcome = NameOutcome::Unconfirmed { reason: "No answer came.".into() };
        report.per_name[3].outcome = NameOutcome::Unconfirmed { reason: "No answer came.".into() };
        report.per_name[4].outcome = NameOutcome::NotAttempted;
        report.needs_verification = true;
        // user-0 is pending, user-1 still active, user-2 gone, user-3 still active, user-4 active.
        let after = [pending_seat("user-0", 1), seat("USER-1", 2), seat("user-3", 4), seat("user-4", 5)];
        let reconciled = reconcile(&report, &after);
        let verdicts: Vec<(&NameOutcome, bool)> =
            reconciled.per_name.iter().map(|line| (&line.outcome, line.changed_by_verification)).collect();
        assert_eq!(verdicts[0], (&NameOutcome::Confirmed { batch: 0, count_reported: 2 }, false));
        assert!(matches!(verdicts[1], (NameOutcome::Failed { reason }, true) if reason.contains("not in effect")));
        assert_eq!(verdicts[2], (&NameOutcome::ConfirmedByReading, true));
        assert!(
            matches!(verdicts[3], (NameOutcome::Failed { reason }, true) if reason.starts_with("No answer came. Reading"))
        );
        assert_eq!(verdicts[4], (&NameOutcome::NotAttempted, false));
        assert!(reconciled.verified && !reconciled.needs_verification);
        let entry = ActivityEntry::verification(NOW, &reconciled);
        assert_eq!(entry.names, vec!["user-1", "user-2", "user-3"]);
    }

    #[test]
    fn team_writes_are_settled_from_the_seats_granted_through_each_team() {
        let mut run =
            WriteRun::new(WritePlan::new(WriteKind::RevokeTeams, "acme", ["eng", "ops"]), RetryPolicy::default(), 0);
        let (first, _) = send(&mut run, NOW);
        run.on_result(first, Err(ApiError::Timeout(30)), NOW + 30_000);
        let after = [
            Seat {
                pending_cancellation_date: pending_seat("a", 1).pending_cancellation_date,
                ..team_seat("a", 1, "eng")
            },
            team_seat("b", 2, "ops"),
        ];
        let reconciled = reconcile(&run.report(), &after);
        assert_eq!(reconciled.per_name[0].outcome, NameOutcome::ConfirmedByReading);
        assert!(matches!(reconciled.per_name[1].outcome, NameOutcome::Failed { .. }));

        let mut assign =
            WriteRun::new(WritePlan::new(WriteKind::AssignTeams, "acme", ["eng", "empty"]), RetryPolicy::default(), 0);
        let (first, _) = send(&mut assign, NOW);
        assign.on_result(first, Err(ApiError::Server { status: 502 }), NOW + 100);
        let reconciled = reconcile(&assign.report(), &[team_seat("a", 1, "eng")]);
        assert_eq!(reconciled.per_name[0].outcome, NameOutcome::ConfirmedByReading);
        assert!(
            matches!(reconciled.per_name[1].outcome, NameOutcome::Unconfirmed { .. }),
            "an empty team cannot be told"
        );
    }

    #[test]
    fn the_activity_log_lists_each_write_and_exports_safe_csv() {
        let mut run =
            WriteRun::new(WritePlan::new(WriteKind::AssignUsers, "acme", users(51)), RetryPolicy::default(), 0);
        let (first, _) = send(&mut run, NOW);
        run.on_result(first, Ok(50), NOW + 100);
        let (second, _) = send(&mut run, NOW + 1_100);
        run.on_result(
            second,
            Err(ApiError::UnexpectedStatus { status: 409, github_message: Some("=HYPERLINK(\"x\")".into()) }),
            NOW + 1_200,
        );
        let mut log = ActivityLog::default();
        log.record(run.activity());
        assert_eq!(log.entries().len(), 2);
        assert_eq!(log.entries()[0].outcome, "Done: GitHub answered seats_created: 50");
        assert_eq!(log.entries()[1].names, vec!["user-50"]);
        // A line whose cells a spreadsheet would run: the organization and a name are other people's text.
        log.record([ActivityEntry {
            at_ms: NOW + 2_000,
            kind: WriteKind::RevokeUsers,
            org: "=SUM(A1)".into(),
            names: vec!["＠SUM(A1)".into()],
            outcome: "\u{FEFF} +1".into(),
        }]);
        let csv = log.to_csv().expect("the log as CSV");
        let lines: Vec<&str> = csv.split("\r\n").collect();
        assert_eq!(lines[0], "time,operation,organization,names,outcome");
        assert!(
            lines[1].starts_with("2023-11-14 22:13:20 UTC,Assign seats to users,acme,user-0 user-1 "),
            "{}",
            lines[1]
        );
        assert!(lines[2].contains(",\"Failed: GitHub answered with an unexpected status 409."), "{}", lines[2]);
        assert!(lines[2].contains("\"\"x\"\""), "quotes are doubled: {}", lines[2]);
        assert_eq!(lines[3], "2023-11-14 22:13:22 UTC,Revoke users' seats,'=SUM(A1),'＠SUM(A1),'\u{FEFF} +1");
        assert_eq!(lines[4], "", "every record ends with CRLF");
        assert!(log.to_text().contains("2023-11-14 22:13:21 UTC Assign seats to users in acme: user-50\n  Failed"));
    }

    /// The organization as the sandbox would hold it: login → (granted through a team, pending).
    #[derive(Debug, Clone)]
    struct Org(BTreeMap<String, (bool, bool)>);

    impl Org {
        /// GitHub refuses the whole request if one name is team-granted; otherwise sets each active
        /// seat pending and counts them.
        fn revoke(&mut self, names: &[String]) -> Result<u64, ApiError> {
            if names.iter().any(|name| self.0.get(name).is_some_and(|(team, _)| *team)) {
                return Err(ApiError::Unprocessable { operation: Operation::RemoveUsers, github_message: None });
            }
            let mut count = 0;
            for name in names {
                if let Some((_, pending)) = self.0.get_mut(name) {
                    count += u64::from(!*pending);
                    *pending = true;
                }
            }
            Ok(count)
        }

        fn seats(&self) -> Vec<Seat> {
            self.0
                .iter()
                .enumerate()
                .map(|(id, (login, (team, pending)))| {
                    let mut seat = if *team { team_seat(login, id as u64, "eng") } else { seat(login, id as u64) };
                    if *pending {
                        seat.pending_cancellation_date = pending_seat("x", 0).pending_cancellation_date;
                    }
                    seat
                })
                .collect()
        }

        fn revoked(&self, name: &str) -> bool {
            self.0.get(name).is_none_or(|(_, pending)| *pending)
        }
    }

    #[derive(Debug, Clone, Copy)]
    enum WriteFault {
        Clean,
        RateLimited(u64),
        DroppedBeforeGitHub,
        DroppedAfterGitHub,
        Stalled { applied: bool },
        Server { applied: bool },
    }

    fn write_fault() -> impl Strategy<Value = WriteFault> {
        prop_oneof![
            4 => Just(WriteFault::Clean),
            1 => (0u64..120).prop_map(WriteFault::RateLimited),
            1 => Just(WriteFault::DroppedBeforeGitHub),
            1 => Just(WriteFault::DroppedAfterGitHub),
            1 => any::<bool>().prop_map(|applied| WriteFault::Stalled { applied }),
            1 => any::<bool>().prop_map(|applied| WriteFault::Server { applied }),
        ]
    }

    proptest! {
        // Failures are not saved to a regressions file: it would land outside this module's folder.
        #![proptest_config(ProptestConfig { cases: 128, failure_persistence: None, ..ProptestConfig::default() })]

        #[test]
        fn a_bulk_revoke_under_faults_ends_with_the_report_equal_to_the_state(
            seats in prop::collection::vec((any::<bool>(), any::<bool>()), 1..160),
            team_granted_weight in 0u8..4,
            picks in prop::collection::vec(any::<prop::sample::Index>(), 0..160),
            faults in prop::collection::vec(write_fault(), 0..40),
            latency in 1u64..5_000,
            stop_after_sends in prop::option::of(0usize..6),
        ) {
            // Few team-granted seats in most cases, so that most batches can succeed.
            let mut org = Org(seats.iter().enumerate()
                .map(|(n, (team, pending))| (format!("user-{n}"), (*team && team_granted_weight == 0, *pending)))
                .collect());
            let before = org.clone();
            let names: Vec<String> = picks.iter().map(|pick| format!("user-{}", pick.index(seats.len()))).collect();
            let mut run = WriteRun::new(WritePlan::new(WriteKind::RevokeUsers, "acme", names), RetryPolicy::default(), 9);
            let mut faults = faults.into_iter();
            let mut now = NOW;
            let mut answer: Option<(u64, usize, Result<u64, ApiError>)> = None;
            let mut in_flight = false;
            let mut last_end: Option<u64> = None;
            let mut sent_names = HashSet::new();
            let mut sends = 0;
            for _ in 0..10_000 {
                match run.poll(now) {
                    WriteStep::Send { batch_index, request } => {
                        prop_assert!(!in_flight, "two writes in flight");
                        prop_assert!(last_end.is_none_or(|end| now >= end + MIN_MS_BETWEEN_WRITES));
                        in_flight = true;
                        sends += 1;
                        let names = request.names().to_vec();
                        sent_names.extend(names.iter().cloned());
                        let result = match faults.next().unwrap_or(WriteFault::Clean) {
                            WriteFault::Clean => Some(org.revoke(&names)),
                            WriteFault::RateLimited(seconds) => Some(Err(ApiError::SecondaryRateLimit { retry_after_seconds: Some(seconds) })),
                            WriteFault::DroppedBeforeGitHub => Some(Err(ApiError::Network("refused".into()))),
                            WriteFault::DroppedAfterGitHub => {
                                let _ = org.revoke(&names);
                                Some(Err(ApiError::Network("reset".into())))
                            }
                            WriteFault::Stalled { applied } => {
                                if applied { let _ = org.revoke(&names); }
                                None
                            }
                            WriteFault::Server { applied } => {
                                if applied { let _ = org.revoke(&names); }
                                Some(Err(ApiError::Server { status: 502 }))
                            }
                        };
                        answer = result.map(|result| (now + latency, batch_index, result));
                        if stop_after_sends == Some(sends) {
                            run.stop();
                        }
                    }
                    WriteStep::Abort { .. } => {
                        in_flight = false;
                        last_end = Some(now);
                    }
                    WriteStep::WaitUntil(at) => {
                        prop_assert!(at > now);
                        match answer.take() {
                            Some((arrives, index, result)) if arrives <= at => {
                                now = arrives;
                                in_flight = false;
                                last_end = Some(now);
                                run.on_result(index, result, now);
                            }
                            pending => {
                                answer = pending;
                                now = at;
                            }
                        }
                    }
                    WriteStep::Finished => break,
                }
            }
            prop_assert!(run.is_finished());
            let report = run.report();
            for line in &report.per_name {
                match &line.outcome {
                    NameOutcome::Confirmed { .. } => prop_assert!(org.revoked(&line.name), "{} confirmed but active", line.name),
                    NameOutcome::NotAttempted => {
                        prop_assert!(!sent_names.contains(&line.name));
                        prop_assert_eq!(org.revoked(&line.name), before.revoked(&line.name));
                    }
                    NameOutcome::Pending => prop_assert!(false, "{} still pending after the run", line.name),
                    _ => {}
                }
            }
            let reconciled = reconcile(&report, &org.seats());
            for line in &reconciled.per_name {
                if !matches!(line.outcome, NameOutcome::NotAttempted) {
                    prop_assert_eq!(line.outcome.is_done(), org.revoked(&line.name), "{}: {:?}", line.name, line.outcome);
                }
            }
            // Before any verification, a name reported failed was not changed by the run.
            for line in &report.per_name {
                if matches!(line.outcome, NameOutcome::Failed { .. }) {
                    prop_assert_eq!(org.revoked(&line.name), before.revoked(&line.name), "{} failed but changed", line.name);
                }
            }
        }
    }
}
