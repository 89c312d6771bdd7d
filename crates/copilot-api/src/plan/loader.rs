//! The paced, concurrent loader of every seat page.
//!
//! Page 1 tells how many pages there are (its `Link` header's `last`, or `total_seats`); the rest are then
//! asked for concurrently. When the caller already has a seat count (an organization's billing summary),
//! the pages it implies go out with page 1, at most one round of `concurrency` of them, instead of a
//! round trip later: page 1 still decides how many pages there are, and a page past the end comes back
//! empty. Requests go out under three limits at once: at most `concurrency` requests in flight (octokit's
//! default is 10), at most `max_requests_per_minute` sent in any sliding 60-second window (GitHub's
//! secondary limit is 900 points a minute per endpoint, a `GET` costing one; we keep a safety margin), and
//! nothing at all while GitHub asks us to wait (`retry-after`, `x-ratelimit-reset`, or a minute and longer
//! while a secondary limit without `retry-after` repeats: see [`LimitTracker`]). Failed pages are asked
//! again under the read rules of [`RetryPolicy`].
//!
//! The loader is a state machine without a clock: the browser calls [`PageLoader::poll`] with the time,
//! does what it says (send, abort, or set a timer), and hands every answer to [`PageLoader::on_page`]. Tests
//! drive the same machine with a simulated clock and server.
//!
//! Memory is proportional to the pages actually handled, never to the page count a `Link` header claims,
//! so a wild `last=4000000000` cannot make the page allocate gigabytes. (The one allocation sized from
//! page 1's claim, the assembled list, is capped at [`MAX_PRESIZED_SEATS`].)

use std::collections::{BTreeMap, VecDeque};

use rustc_hash::FxHashSet;

use super::paced::{Paced, PacedStep};
use super::rate_limit::{LimitTracker, LimitWait};
use super::retry::{mix, Attempts, RequestKind, RetryDecision, RetryPolicy, REQUEST_TIMEOUT_MS};
use crate::error::{ApiError, ResponseParts};
use crate::format::count;
use crate::models::{AssigningTeam, Seat, SeatPage, Timestamp};
use crate::pagination::{page_count, LinkHeader, PageRequest, DEFAULT_PER_PAGE};
use crate::sso::SsoLeftOut;

/// Octokit's default: more in flight does not make GitHub answer faster, only trips its limits sooner.
pub const MAX_CONCURRENCY: u8 = 10;
/// GitHub's secondary rate limit for one REST endpoint: 900 points a minute, a `GET` costing one.
pub const GITHUB_POINTS_PER_MINUTE: u32 = 900;
/// What the loader allows itself: GitHub's budget less a margin for other tabs and clock differences.
pub const DEFAULT_REQUESTS_PER_MINUTE: u32 = 850;
/// Retries of one page after a 5xx, a dropped connection, a timeout or an unreadable body: two more than
/// octokit's 3, because one page that fails for good fails the whole load, and the loader is the only one
/// to retry its pages (each try counted against its limits).
pub const PAGE_RETRIES: u32 = 5;
/// The sliding window the budget is counted over.
pub const BUDGET_WINDOW_MS: u64 = 60_000;

/// How the loader paces itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LoaderConfig {
    /// Requests in flight at most, 1 to 10 (1 is the sequential strategy).
    pub concurrency: u8,
    /// Seats asked for per page (GitHub allows 1 to 100).
    pub per_page: u8,
    /// Requests sent at most in any 60-second window.
    pub max_requests_per_minute: u32,
    pub retry: RetryPolicy,
    /// Any number; the random part of retry delays is derived from it.
    pub jitter_seed: u32,
    /// A request still unanswered after this long is abandoned and asked again.
    pub request_timeout_ms: u64,
    /// Seats the caller expects (the billing summary's total), so the first round need not wait for
    /// page 1; `None` waits.
    pub expected_seats: Option<u64>,
}

impl LoaderConfig {
    /// The defaults with this concurrency and page size, each clamped to what is allowed.
    pub fn new(concurrency: u8, per_page: u8) -> Self {
        Self { concurrency, per_page, ..Self::default() }.clamped()
    }

    fn clamped(self) -> Self {
        Self {
            concurrency: self.concurrency.clamp(1, MAX_CONCURRENCY),
            per_page: PageRequest::new(1, self.per_page).per_page(),
            max_requests_per_minute: self.max_requests_per_minute.max(1),
            request_timeout_ms: self.request_timeout_ms.max(1),
            ..self
        }
    }
}

impl Default for LoaderConfig {
    fn default() -> Self {
        Self {
            concurrency: MAX_CONCURRENCY,
            per_page: DEFAULT_PER_PAGE,
            max_requests_per_minute: DEFAULT_REQUESTS_PER_MINUTE,
            retry: RetryPolicy { max_retries: PAGE_RETRIES, ..RetryPolicy::default() },
            jitter_seed: 0,
            request_timeout_ms: REQUEST_TIMEOUT_MS,
            expected_seats: None,
        }
    }
}

/// What the caller does next. After `Send` or `Abort`, call `poll` again at once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoaderStep {
    /// Start a request for each of these pages (see [`PageLoader::page_request`]).
    Send(Vec<u32>),
    /// Abort these requests (AbortController): they stalled past the timeout, or the load stopped.
    /// Their late answers, if any, are ignored.
    Abort(Vec<u32>),
    /// Nothing to do before this time (ms since the epoch), unless an answer arrives first.
    WaitUntil(u64),
    /// Every page is in, or the load stopped: see [`PageLoader::into_result`].
    Finished,
}

/// What the progress bar shows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LoadProgress {
    pub pages_done: u32,
    /// Unknown until page 1 is in.
    pub pages_total: Option<u32>,
    /// Seats received so far (before duplicates are removed at the end).
    pub seats_so_far: u64,
    /// `total_seats` as page 1 gave it.
    pub total_seats: Option<u64>,
    pub in_flight: u32,
    pub requests_sent: u64,
    /// Retries after failures (5xx, dropped connections, timeouts).
    pub retries: u32,
    pub rate_limit_waits: u32,
    /// Set while a rate limit holds every request back: until when, why, and the words for it.
    pub limit_wait: Option<LimitWait>,
}

impl LoadProgress {
    /// The line beside the progress bar: "12 of 1,000 pages, 1,200 of 100,000 seats, 1 retried", and the
    /// rate-limit wait in force, if any, at `now_ms`. A total not known yet (page 1 not in) reads "?".
    pub fn status(&self, now_ms: u64) -> String {
        let of = |total: Option<u64>| total.map_or_else(|| "?".to_owned(), count);
        let mut text = format!(
            "{} of {} pages, {} of {} seats",
            count(self.pages_done),
            of(self.pages_total.map(u64::from)),
            count(self.seats_so_far),
            of(self.total_seats),
        );
        if self.retries > 0 {
            text.push_str(&format!(", {} retried", count(self.retries)));
        }
        if let Some(wait) = self.limit_wait {
            text.push_str(" \u{2014} ");
            text.push_str(&wait.describe(now_ms));
        }
        text
    }
}

/// A seat page with what the headers of its answer say: the `Link` header (page 1's names the last page)
/// and the organizations `X-GitHub-SSO: partial-results` left out.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AnsweredPage {
    pub page: SeatPage,
    pub link: LinkHeader,
    pub sso_left_out: SsoLeftOut,
}

impl AnsweredPage {
    /// The page with the headers of the response it was read from.
    pub fn new(page: SeatPage, response: &ResponseParts) -> Self {
        Self {
            page,
            link: response.header("link").map(LinkHeader::parse).unwrap_or_default(),
            sso_left_out: SsoLeftOut::of(response),
        }
    }
}

/// The seats of every page, in page order, each once.
#[derive(Debug, Clone, PartialEq)]
pub struct SeatsOfEveryPage {
    pub seats: Vec<Seat>,
    /// What page 1 said; differs from `seats.len()` when seats changed while the pages were read.
    pub total_seats: Option<u64>,
    /// Seats seen twice because the list shifted between two page reads.
    pub duplicates_removed: usize,
    /// What GitHub left out for SAML single sign-on, joined over every page (each page may say it).
    pub sso_left_out: SsoLeftOut,
}

impl SeatsOfEveryPage {
    /// Whether the count GitHub announced differs from the seats found: the list changed while loading,
    /// and a seat may be missing. Reloading gives a consistent list.
    pub fn changed_while_loading(&self) -> bool {
        self.total_seats.is_some_and(|total| total != self.seats.len() as u64)
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Phase {
    Loading,
    Done,
    Failed(ApiError),
    Cancelled,
}

/// The loader. See the module documentation.
#[derive(Debug, Clone)]
pub struct PageLoader {
    config: LoaderConfig,
    phase: Phase,
    /// Known once page 1 is in.
    pages_total: Option<u32>,
    total_seats: Option<u64>,
    /// The lowest page never sent (wider than a page number, so counting past the last never wraps).
    next_fresh_page: u64,
    /// Pages to ask again, and from when.
    retry_at: BTreeMap<u32, u64>,
    /// Pages asked for and unanswered, and when they were sent.
    in_flight: BTreeMap<u32, u64>,
    /// Answered pages. A page is stored only if it was in flight, so a duplicate or late answer (after a
    /// retry, a timeout or a cancel) can never be counted twice.
    done: PageAssembly,
    /// What the answered pages' `X-GitHub-SSO` headers left out, joined.
    sso_left_out: SsoLeftOut,
    attempts: BTreeMap<u32, Attempts>,
    /// Pages sent on the expected count that failed for good before page 1 said how many pages there are:
    /// the load fails for them only if they turn out to exist (a page past the end matters to no one).
    failed_before_count: BTreeMap<u32, ApiError>,
    /// Send times within the last budget window, oldest first.
    recent_sends: VecDeque<u64>,
    /// GitHub's rate limits: the limit is the token's, not the page's, so a wait holds every request.
    limits: LimitTracker,
    requests_sent: u64,
    retries: u32,
    rate_limit_waits: u32,
}

impl PageLoader {
    pub fn new(config: LoaderConfig) -> Self {
        Self {
            config: config.clamped(),
            phase: Phase::Loading,
            pages_total: None,
            total_seats: None,
            next_fresh_page: 1,
            retry_at: BTreeMap::new(),
            in_flight: BTreeMap::new(),
            done: PageAssembly::default(),
            sso_left_out: SsoLeftOut::default(),
            attempts: BTreeMap::new(),
            failed_before_count: BTreeMap::new(),
            recent_sends: VecDeque::new(),
            limits: LimitTracker::default(),
            requests_sent: 0,
            retries: 0,
            rate_limit_waits: 0,
        }
    }

    pub fn config(&self) -> LoaderConfig {
        self.config
    }

    /// The page and page size to put in the request for `page`.
    pub fn page_request(&self, page: u32) -> PageRequest {
        PageRequest::new(page, self.config.per_page)
    }

    /// What to do now. Sends as much as concurrency, budget and rate limits allow, lowest pages first.
    pub fn poll(&mut self, now_ms: u64) -> LoaderStep {
        if self.phase != Phase::Loading {
            return self.wind_down();
        }
        let stalled: Vec<u32> = self
            .in_flight
            .iter()
            .filter(|(_, sent)| sent.saturating_add(self.config.request_timeout_ms) <= now_ms)
            .map(|(page, _)| *page)
            .collect();
        if !stalled.is_empty() {
            let seconds = u32::try_from(self.config.request_timeout_ms / 1_000).unwrap_or(u32::MAX);
            for page in &stalled {
                if let Some(sent_ms) = self.in_flight.remove(page) {
                    self.fail_page(*page, ApiError::Timeout(seconds), sent_ms, now_ms);
                }
            }
            return LoaderStep::Abort(stalled);
        }
        // Pages sent on the expected count that page 1 shows to lie past the end: their slots are wanted.
        let past_the_end: Vec<u32> = match self.pages_total {
            Some(total) => self.in_flight.range(total.saturating_add(1)..).map(|(page, _)| *page).collect(),
            None => Vec::new(),
        };
        if !past_the_end.is_empty() {
            for page in &past_the_end {
                self.in_flight.remove(page);
            }
            return LoaderStep::Abort(past_the_end);
        }
        self.limits.expire(now_ms);
        // Every page up to the last, without a gap (pages sent on the expected count may lie beyond it).
        if self.pages_total.is_some_and(|total| self.done.pages_joined >= total) {
            self.phase = Phase::Done;
            return self.wind_down();
        }
        self.forget_old_sends(now_ms);
        let mut batch = Vec::new();
        while self.in_flight.len() < usize::from(self.config.concurrency)
            && self.limits.holds_until(now_ms).is_none()
            && self.budget_has_room()
        {
            let Some(page) = self.next_ready_page(now_ms) else { break };
            self.retry_at.remove(&page);
            if u64::from(page) == self.next_fresh_page {
                self.next_fresh_page += 1;
            }
            self.in_flight.insert(page, now_ms);
            self.recent_sends.push_back(now_ms);
            self.requests_sent += 1;
            batch.push(page);
        }
        if batch.is_empty() {
            LoaderStep::WaitUntil(self.next_wake(now_ms))
        } else {
            LoaderStep::Send(batch)
        }
    }

    /// Hands in page 1's answer with its `Link` header, which names the last page. (Page 1 is sent, like
    /// every page, when `poll` says so.)
    pub fn on_first_page(&mut self, page: SeatPage, link: LinkHeader) {
        self.accept(1, AnsweredPage { page, link, ..AnsweredPage::default() });
    }

    /// Hands in any page's answer. (Page 1's success may come here too; its page count then comes from
    /// `total_seats` alone.) Answers for pages not in flight are ignored.
    pub fn on_page(&mut self, page: u32, answer: Result<SeatPage, ApiError>, now_ms: u64) {
        self.on_answer(page, answer.map(|page| AnsweredPage { page, ..AnsweredPage::default() }), now_ms);
    }

    /// Hands in any page's answer with what its headers say: page 1's `Link` (when it names the last page),
    /// and what `X-GitHub-SSO` left out, which is joined over the pages taken (an answer not taken, for a
    /// page not in flight, adds nothing).
    pub fn on_answer(&mut self, page: u32, answer: Result<AnsweredPage, ApiError>, now_ms: u64) {
        match answer {
            Ok(answered) => self.accept(page, answered),
            Err(error) => {
                if self.phase != Phase::Loading {
                    return;
                }
                if let Some(sent_ms) = self.in_flight.remove(&page) {
                    self.fail_page(page, error, sent_ms, now_ms);
                }
            }
        }
    }

    /// Stops the load (the Stop button): returns the pages in flight, whose requests the caller aborts.
    /// Nothing is sent afterwards. A load already finished stays finished.
    pub fn cancel(&mut self) -> Vec<u32> {
        if self.phase == Phase::Loading {
            self.phase = Phase::Cancelled;
        }
        std::mem::take(&mut self.in_flight).into_keys().collect()
    }

    pub fn is_finished(&self) -> bool {
        self.phase != Phase::Loading && self.in_flight.is_empty()
    }

    pub fn progress(&self) -> LoadProgress {
        LoadProgress {
            pages_done: u32::try_from(self.done.pages_up_to(self.pages_total)).unwrap_or(u32::MAX),
            pages_total: self.pages_total,
            seats_so_far: self.done.seats(),
            total_seats: self.total_seats,
            in_flight: u32::try_from(self.in_flight.len()).unwrap_or(u32::MAX),
            requests_sent: self.requests_sent,
            retries: self.retries,
            rate_limit_waits: self.rate_limit_waits,
            limit_wait: self.limits.in_force(),
        }
    }

    /// The seats of the pages answered so far from page 1 up to the first gap, in page order, for showing
    /// while the load goes on. Repeats (the list shifted between reads) are removed only at the end.
    pub fn seats_so_far(&self) -> &[Seat] {
        &self.done.joined
    }

    /// The seats in page order, each once; or the error that stopped the load.
    pub fn into_result(self) -> Result<SeatsOfEveryPage, ApiError> {
        match self.phase {
            Phase::Done => Ok(SeatsOfEveryPage {
                sso_left_out: self.sso_left_out,
                ..without_repeats(self.done.into_seats(), self.total_seats)
            }),
            Phase::Failed(error) => Err(error),
            Phase::Cancelled => Err(ApiError::Cancelled),
            Phase::Loading => Err(ApiError::InvalidInput("The seat list has not finished loading.".to_owned())),
        }
    }

    fn wind_down(&mut self) -> LoaderStep {
        if self.in_flight.is_empty() {
            LoaderStep::Finished
        } else {
            LoaderStep::Abort(std::mem::take(&mut self.in_flight).into_keys().collect())
        }
    }

    fn accept(&mut self, page: u32, answered: AnsweredPage) {
        if self.phase != Phase::Loading {
            return;
        }
        let Some(sent_ms) = self.in_flight.remove(&page) else { return };
        self.limits.on_success(sent_ms);
        let AnsweredPage { page: seat_page, link, sso_left_out } = answered;
        self.sso_left_out.merge(&sso_left_out);
        // Only page 1 carries the `Link` to the last page (pages sent on the expected count may come first).
        if page == 1 && self.pages_total.is_none() {
            self.learn_page_count(&seat_page, link);
            let expected = self.total_seats.or_else(|| {
                self.pages_total.map(|pages| u64::from(pages).saturating_mul(u64::from(self.config.per_page)))
            });
            // A page of headroom: one seat added while loading must not double the list.
            self.done.reserve(expected.unwrap_or(0).saturating_add(u64::from(self.config.per_page)));
        }
        self.done.add(page, seat_page.seats);
    }

    /// The page count: `Link`'s last page, or what `total_seats` implies, whichever is larger (a page past
    /// the end just comes back empty; a page never asked for would be a seat lost).
    fn learn_page_count(&mut self, first: &SeatPage, link: LinkHeader) {
        self.total_seats = first.total_seats;
        let from_total = first.total_seats.map(|total| page_count(total, self.config.per_page));
        let pages = link.last.into_iter().chain(from_total).max().unwrap_or(1).max(1);
        self.pages_total = Some(pages);
        // Pages sent on the expected count that lie past the end: no retry, and no failure.
        self.retry_at.retain(|page, _| *page <= pages);
        let failed = std::mem::take(&mut self.failed_before_count);
        if let Some((_, error)) = failed.into_iter().find(|(page, _)| *page <= pages) {
            self.phase = Phase::Failed(error);
        }
    }

    fn fail_page(&mut self, page: u32, error: ApiError, sent_ms: u64, now_ms: u64) {
        // The tracker holds every request from here on (the limit is the token's), whatever the page.
        let limit_wait = self.limits.on_refusal(&error, sent_ms, now_ms);
        let attempts = self.attempts.entry(page).or_default();
        let seed = self.config.jitter_seed ^ mix(page);
        let decision = self.config.retry.decide(RequestKind::Read, &error, *attempts, limit_wait, now_ms, seed);
        attempts.note(decision);
        // A page sent on the expected count that lies past the end is never asked again and fails nothing.
        if self.pages_total.is_some_and(|total| page > total) {
            return;
        }
        match decision {
            RetryDecision::RetryAt(at) => {
                self.retries = self.retries.saturating_add(1);
                self.retry_at.insert(page, at);
            }
            RetryDecision::WaitForLimit(wait) => {
                self.rate_limit_waits = self.rate_limit_waits.saturating_add(1);
                self.retry_at.insert(page, wait.until_ms);
            }
            RetryDecision::GiveUp | RetryDecision::Unconfirmed if self.pages_total.is_none() && page != 1 => {
                self.failed_before_count.insert(page, error);
            }
            RetryDecision::GiveUp | RetryDecision::Unconfirmed => self.phase = Phase::Failed(error),
        }
    }

    fn forget_old_sends(&mut self, now_ms: u64) {
        while self.recent_sends.front().is_some_and(|sent| sent.saturating_add(BUDGET_WINDOW_MS) <= now_ms) {
            self.recent_sends.pop_front();
        }
    }

    fn budget_has_room(&self) -> bool {
        self.recent_sends.len() < self.config.max_requests_per_minute as usize
    }

    fn fresh_page_available(&self) -> bool {
        match self.pages_total {
            Some(total) => self.next_fresh_page <= u64::from(total),
            // Until page 1 is in, page 1 is the only page known to exist, unless a count was expected: then
            // the pages it implies, one round at most (what a wrong count can waste).
            None => self.next_fresh_page <= u64::from(self.expected_pages()),
        }
    }

    /// The pages the expected seat count implies, at most one round of `concurrency`; 1 without a count.
    fn expected_pages(&self) -> u32 {
        self.config
            .expected_seats
            .map_or(1, |seats| page_count(seats, self.config.per_page).min(u32::from(self.config.concurrency)))
    }

    fn next_ready_page(&self, now_ms: u64) -> Option<u32> {
        let retry = self.retry_at.iter().find(|(_, at)| **at <= now_ms).map(|(page, _)| *page);
        let fresh = self.fresh_page_available().then(|| u32::try_from(self.next_fresh_page).ok()).flatten();
        retry.into_iter().chain(fresh).min()
    }

    /// The earliest time anything can change without an answer arriving: a request's timeout, or the
    /// moment the next page may be sent.
    fn next_wake(&self, now_ms: u64) -> u64 {
        let timeouts = self.in_flight.values().map(|sent| sent.saturating_add(self.config.request_timeout_ms));
        let earliest_work =
            if self.fresh_page_available() { Some(now_ms) } else { self.retry_at.values().copied().min() };
        let next_send =
            earliest_work.filter(|_| self.in_flight.len() < usize::from(self.config.concurrency)).map(|work| {
                let pause_end = self.limits.holds_until(now_ms).unwrap_or(0);
                let budget_opens = if self.budget_has_room() {
                    0
                } else {
                    self.recent_sends.front().map_or(0, |oldest| oldest.saturating_add(BUDGET_WINDOW_MS))
                };
                work.max(pause_end).max(budget_opens)
            });
        timeouts
            .chain(next_send)
            .filter(|at| *at > now_ms)
            .min()
            // Unreachable while the state is consistent; a later time rather than a busy loop.
            .unwrap_or_else(|| now_ms.saturating_add(1_000))
    }
}

/// The loader as the app's one driver sees it: pages go out under their numbers.
impl Paced for PageLoader {
    type Key = u32;
    type Request = PageRequest;
    type Answer = AnsweredPage;

    fn next_step(&mut self, now_ms: u64) -> PacedStep<u32, PageRequest> {
        match self.poll(now_ms) {
            LoaderStep::Send(pages) => {
                PacedStep::Send(pages.into_iter().map(|page| (page, self.page_request(page))).collect())
            }
            LoaderStep::Abort(pages) => PacedStep::Abort(pages),
            LoaderStep::WaitUntil(until) => PacedStep::WaitUntil(until),
            LoaderStep::Finished => PacedStep::Finished,
        }
    }

    fn hand_in(&mut self, page: u32, answer: Result<AnsweredPage, ApiError>, now_ms: u64) {
        self.on_answer(page, answer, now_ms);
    }

    fn stop(&mut self) -> Vec<u32> {
        self.cancel()
    }
}

/// What makes two rows the same seat. When a seat is added or removed while the pages are read, every
/// later seat shifts by one place, so a seat can appear at the end of one page and again at the start of
/// the next: such repeats are dropped, the first kept. (A shift the other way can skip a seat; only a
/// reload finds it, which is why [`SeatsOfEveryPage::changed_while_loading`] compares with `total_seats`.)
/// The enterprise list shows a user once per organization and granting team, and those rows are all
/// real, so the organization and the team are part of the key. A deleted account has no id; its seat is
/// told apart by when it was created.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct SeatIdentity<'a> {
    assignee_id: Option<u64>,
    organization: Option<&'a str>,
    team: Option<&'a str>,
    ghost_created_at: Option<Timestamp>,
}

impl<'a> SeatIdentity<'a> {
    fn of(seat: &'a Seat) -> Self {
        let assignee_id = seat.assignee.as_ref().map(|user| user.id);
        Self {
            assignee_id,
            organization: seat.organization.as_ref().map(|org| org.login.as_str()),
            team: seat.assigning_team.as_ref().map(AssigningTeam::slug),
            ghost_created_at: assignee_id.is_none().then_some(seat.created_at),
        }
    }
}

/// The most seats the assembled list is sized for up front, from what page 1 claims: GitHub's largest
/// enterprises fit, and a server claiming billions costs at most this much (about 120 MB in the browser)
/// rather than an abort. Past it, the list grows as pages come.
pub const MAX_PRESIZED_SEATS: u64 = 200_000;

/// Answered pages, joined into one list as soon as they connect to page 1. Holding every page apart and
/// copying them into one list at the end would need twice the memory at the peak, and WebAssembly memory
/// never shrinks: the page would keep that peak for good.
#[derive(Debug, Clone, Default)]
struct PageAssembly {
    /// The seats of pages 1 to `pages_joined`, in order.
    joined: Vec<Seat>,
    pages_joined: u32,
    /// Answered pages after a gap (an earlier page is still in flight or waits for a retry).
    waiting: BTreeMap<u32, Vec<Seat>>,
    seats_waiting: u64,
}

impl PageAssembly {
    /// Sizes the list once for the seats expected (capped), so joining pages never copies it.
    fn reserve(&mut self, seats: u64) {
        let wanted = usize::try_from(seats.min(MAX_PRESIZED_SEATS)).unwrap_or(0);
        // A refusal only means the list will grow as it goes.
        let _ = self.joined.try_reserve_exact(wanted.saturating_sub(self.joined.len()));
    }

    fn has(&self, page: u32) -> bool {
        page <= self.pages_joined || self.waiting.contains_key(&page)
    }

    fn add(&mut self, page: u32, seats: Vec<Seat>) {
        if page == 0 || self.has(page) {
            return;
        }
        self.seats_waiting += seats.len() as u64;
        self.waiting.insert(page, seats);
        while let Some(next) = self.pages_joined.checked_add(1).and_then(|next| self.waiting.remove(&next)) {
            self.seats_waiting -= next.len() as u64;
            self.joined.extend(next);
            self.pages_joined += 1;
        }
    }

    fn pages(&self) -> u64 {
        u64::from(self.pages_joined) + self.waiting.len() as u64
    }

    /// Pages answered among 1 to `last` (all of them while the last is unknown).
    fn pages_up_to(&self, last: Option<u32>) -> u64 {
        match last {
            Some(last) => u64::from(self.pages_joined.min(last)) + self.waiting.range(..=last).count() as u64,
            None => self.pages(),
        }
    }

    fn seats(&self) -> u64 {
        self.joined.len() as u64 + self.seats_waiting
    }

    /// Every seat in page order. Pages past the last that were answered before page 1 gave the count (sent on
    /// the expected count) come last: they are empty unless seats were added while loading, and then their
    /// seats are real (repeats are dropped afterwards).
    fn into_seats(mut self) -> Vec<Seat> {
        for page in std::mem::take(&mut self.waiting).into_values() {
            self.joined.extend(page);
        }
        self.joined
    }
}

/// Drops repeated seats in place (the list is already the size it will keep).
fn without_repeats(mut seats: Vec<Seat>, total_seats: Option<u64>) -> SeatsOfEveryPage {
    // Identities borrow from the seats: no string is copied for a check that almost always passes.
    let keep: Vec<bool> = {
        let mut seen = FxHashSet::with_capacity_and_hasher(seats.len(), Default::default());
        seats.iter().map(|seat| seen.insert(SeatIdentity::of(seat))).collect()
    };
    let mut verdicts = keep.iter();
    seats.retain(|_| verdicts.next().copied().unwrap_or(true));
    // Gives back what page 1's claim reserved beyond the seats that came (the allocator shrinks in place).
    seats.shrink_to_fit();
    let duplicates_removed = keep.iter().filter(|kept| !**kept).count();
    SeatsOfEveryPage { seats, total_seats, duplicates_removed, sso_left_out: SsoLeftOut::default() }
}

/// The shortest time a full load can take with `pages` pages, at most `concurrency` requests in flight,
/// at most `budget_per_minute` requests in any minute, and every answer taking `latency_ms`:
/// `latency + 60 s × ⌊(P − 1) / B⌋ + ⌈(((P − 1) mod B) + 1) / C⌉ × latency` (page 1 alone, then whole
/// budget minutes, then the last minute's requests in rounds of C). A single page takes one latency.
/// It assumes page 1 is read before any other page is asked for; with an expected seat count
/// ([`LoaderConfig::expected_seats`]) the first round goes out with page 1 and a load can beat it by one
/// latency.
pub fn lower_bound_ms(pages: u32, concurrency: u8, budget_per_minute: u32, latency_ms: u64) -> u64 {
    if pages <= 1 {
        return latency_ms;
    }
    let rest = u64::from(pages - 1);
    let budget = u64::from(budget_per_minute.max(1));
    let concurrency = u64::from(concurrency.max(1));
    let full_minutes = rest / budget;
    let last_rounds = ((rest % budget) + 1).div_ceil(concurrency);
    latency_ms
        .saturating_add(BUDGET_WINDOW_MS.saturating_mul(full_minutes))
        .saturating_add(last_rounds.saturating_mul(latency_ms))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::test_support::{seat, seat_in, NOW};
    use crate::plan::LimitReason;
    use proptest::prelude::*;
    use std::collections::HashSet;

    #[test]
    fn the_progress_line_counts_pages_and_seats_with_separators_and_a_total_not_known_yet_as_a_question_mark() {
        assert_eq!(LoadProgress::default().status(NOW), "0 of ? pages, 0 of ? seats");
        let far = LoadProgress {
            pages_done: 12,
            pages_total: Some(1_000),
            seats_so_far: 1_200,
            total_seats: Some(100_000),
            retries: 1,
            ..LoadProgress::default()
        };
        assert_eq!(far.status(NOW), "12 of 1,000 pages, 1,200 of 100,000 seats, 1 retried");
        let limit = ApiError::SecondaryRateLimit { retry_after_seconds: Some(5) };
        let waiting = LoadProgress { limit_wait: LimitTracker::default().on_refusal(&limit, NOW, NOW), ..far };
        assert_eq!(
            waiting.status(NOW),
            format!(
                "12 of 1,000 pages, 1,200 of 100,000 seats, 1 retried \u{2014} {}",
                waiting.limit_wait.map(|w| w.describe(NOW)).unwrap_or_default()
            )
        );
        assert!(waiting.status(NOW).contains("\u{2014} GitHub asked to slow down (secondary rate limit): waiting 5 s"));
    }

    /// A misbehaviour the simulated server can show for one request.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    enum Fault {
        Server,
        Dropped,
        /// No answer ever: the loader's own timeout must notice.
        Stalled,
        /// A refusal no retry changes (422).
        Refused,
        SecondaryLimit {
            retry_after_seconds: u64,
        },
        /// A secondary limit without `retry-after`: a minute at least, longer while it repeats.
        SecondaryLimitUntold,
        PrimaryLimit {
            resets_in_seconds: u64,
        },
    }

    fn fault() -> impl Strategy<Value = Fault> {
        prop_oneof![
            Just(Fault::Server),
            Just(Fault::Dropped),
            Just(Fault::Stalled),
            (0u64..90).prop_map(|retry_after_seconds| Fault::SecondaryLimit { retry_after_seconds }),
            Just(Fault::SecondaryLimitUntold),
            (0u64..90).prop_map(|resets_in_seconds| Fault::PrimaryLimit { resets_in_seconds }),
        ]
    }

    /// A small deterministic random source for latencies and delivery order.
    struct Dice(u64);

    impl Dice {
        fn roll(&mut self, below: u64) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0 % below.max(1)
        }
    }

    enum Answer {
        Page(SeatPage, LinkHeader),
        Error(ApiError),
    }

    struct Server {
        seats: Vec<Seat>,
        per_page: u8,
        /// Faults still to come, per page, in order.
        faults: BTreeMap<u32, VecDeque<Fault>>,
        latency_ms: (u64, u64),
        dice: Dice,
    }

    impl Server {
        fn new(seat_count: usize, per_page: u8) -> Self {
            Self {
                seats: (0..seat_count).map(|n| seat(&format!("user-{n}"), n as u64 + 1)).collect(),
                per_page,
                faults: BTreeMap::new(),
                latency_ms: (100, 100),
                dice: Dice(0x2545_F491_4F6C_DD1D),
            }
        }

        fn pages(&self) -> u32 {
            page_count(self.seats.len() as u64, self.per_page)
        }

        /// The answer to `page` and when it comes, or `None` for a request that stalls.
        fn answer(&mut self, page: u32, now: u64) -> Option<(u64, Answer)> {
            let (low, high) = self.latency_ms;
            let at = now + low + self.dice.roll(high - low + 1);
            let answer = match self.faults.get_mut(&page).and_then(VecDeque::pop_front) {
                None => {
                    let per_page = usize::from(self.per_page);
                    let start = (page as usize - 1).saturating_mul(per_page).min(self.seats.len());
                    let end = (start + per_page).min(self.seats.len());
                    let body =
                        SeatPage { total_seats: Some(self.seats.len() as u64), seats: self.seats[start..end].to_vec() };
                    Answer::Page(body, LinkHeader::for_page(page, self.pages()))
                }
                Some(Fault::Server) => Answer::Error(ApiError::Server { status: 502 }),
                Some(Fault::Dropped) => Answer::Error(ApiError::Network("connection reset".into())),
                Some(Fault::Stalled) => return None,
                Some(Fault::Refused) => Answer::Error(ApiError::Unprocessable {
                    operation: crate::Operation::ListOrganizationSeats,
                    github_message: None,
                }),
                Some(Fault::SecondaryLimit { retry_after_seconds }) => {
                    Answer::Error(ApiError::SecondaryRateLimit { retry_after_seconds: Some(retry_after_seconds) })
                }
                Some(Fault::SecondaryLimitUntold) => {
                    Answer::Error(ApiError::SecondaryRateLimit { retry_after_seconds: None })
                }
                Some(Fault::PrimaryLimit { resets_in_seconds }) => Answer::Error(ApiError::PrimaryRateLimit {
                    reset_epoch_seconds: Some(at / 1_000 + resets_in_seconds),
                }),
            };
            Some((at, answer))
        }
    }

    /// What the simulation saw.
    #[derive(Debug, Default)]
    struct Trace {
        sends: Vec<(u64, u32)>,
        most_in_flight: usize,
        finished_at: u64,
        /// Sends that broke a rate limit's wait (time of the send, the wait's end).
        sends_during_a_limit: Vec<(u64, u64)>,
    }

    /// Runs the loader against the server with a simulated clock, as the browser would.
    fn simulate(loader: &mut PageLoader, server: &mut Server) -> Trace {
        let mut now = NOW;
        let mut trace = Trace::default();
        // (time, arrival order) → (page, answer); the order breaks ties at random.
        let mut arrivals: BTreeMap<(u64, u64), (u32, Answer)> = BTreeMap::new();
        let mut in_flight: HashSet<u32> = HashSet::new();
        let mut no_send_before = 0;
        for _ in 0..1_000_000 {
            match loader.poll(now) {
                LoaderStep::Send(pages) => {
                    for page in pages {
                        trace.sends.push((now, page));
                        if now < no_send_before {
                            trace.sends_during_a_limit.push((now, no_send_before));
                        }
                        assert!(in_flight.insert(page), "page {page} sent while already in flight");
                        if let Some((at, answer)) = server.answer(page, now) {
                            arrivals.insert((at, server.dice.roll(u64::MAX)), (page, answer));
                        }
                    }
                    trace.most_in_flight = trace.most_in_flight.max(in_flight.len());
                }
                LoaderStep::Abort(pages) => {
                    for page in pages {
                        in_flight.remove(&page);
                        arrivals.retain(|_, (arriving, _)| *arriving != page);
                        // An aborted fetch reports itself cancelled; the loader must ignore it.
                        loader.on_page(page, Err(ApiError::Cancelled), now);
                    }
                }
                LoaderStep::WaitUntil(at) => {
                    assert!(at > now, "asked to wait until {at}, which is not after {now}");
                    let next_arrival = arrivals.keys().next().map(|(time, _)| *time);
                    now = next_arrival.map_or(at, |arrival| arrival.min(at));
                    while let Some(entry) = arrivals.first_entry() {
                        if entry.key().0 > now {
                            break;
                        }
                        let (page, answer) = entry.remove();
                        in_flight.remove(&page);
                        match answer {
                            Answer::Page(body, link) if page == 1 => loader.on_first_page(body, link),
                            Answer::Page(body, _) => loader.on_page(page, Ok(body), now),
                            Answer::Error(error) => {
                                let wait = match &error {
                                    ApiError::SecondaryRateLimit { retry_after_seconds: Some(s) } => now + s * 1_000,
                                    // GitHub: at least a minute (longer while it repeats).
                                    ApiError::SecondaryRateLimit { retry_after_seconds: None } => now + 60_000,
                                    ApiError::PrimaryRateLimit { reset_epoch_seconds: Some(r) } => r * 1_000 + 1_000,
                                    _ => 0,
                                };
                                no_send_before = no_send_before.max(wait);
                                loader.on_page(page, Err(error), now);
                            }
                        }
                    }
                }
                LoaderStep::Finished => {
                    trace.finished_at = now;
                    return trace;
                }
            }
        }
        panic!("the loader never finished");
    }

    fn most_sends_in_any_window(sends: &[(u64, u32)]) -> usize {
        let times: Vec<u64> = sends.iter().map(|(time, _)| *time).collect();
        (0..times.len())
            .map(|i| times[i..].iter().take_while(|t| **t < times[i] + BUDGET_WINDOW_MS).count())
            .max()
            .unwrap_or(0)
    }

    fn ids(seats: &[Seat]) -> Vec<u64> {
        seats.iter().filter_map(|seat| seat.assignee.as_ref().map(|user| user.id)).collect()
    }

    fn load(concurrency: u8, server: &mut Server) -> (Trace, Result<SeatsOfEveryPage, ApiError>) {
        let mut loader = PageLoader::new(LoaderConfig::new(concurrency, server.per_page));
        let trace = simulate(&mut loader, server);
        (trace, loader.into_result())
    }

    proptest! {
        // Failures are not saved to a regressions file: it would land outside this module's folder.
        #![proptest_config(ProptestConfig { cases: 64, failure_persistence: None, ..ProptestConfig::default() })]

        #[test]
        fn every_seat_arrives_once_and_in_order_whatever_the_faults(
            seat_count in 0usize..120,
            per_page in 1u8..8,
            concurrency in 1u8..=10,
            budget in 3u32..40,
            slow in 1u64..4_000,
            dice in 1u64..u64::MAX,
            faults in prop::collection::vec(prop::collection::vec(fault(), 0..=3), 0..40),
            expected_seats in prop::option::of(0u64..200),
        ) {
            let mut server = Server::new(seat_count, per_page);
            server.latency_ms = (5, 5 + slow);
            server.dice = Dice(dice);
            for (index, page_faults) in faults.into_iter().enumerate() {
                server.faults.insert(index as u32 + 1, page_faults.into());
            }
            let config = LoaderConfig {
                max_requests_per_minute: budget,
                jitter_seed: dice as u32,
                expected_seats,
                ..LoaderConfig::new(concurrency, per_page)
            };
            let mut loader = PageLoader::new(config);
            let trace = simulate(&mut loader, &mut server);
            let loaded = loader.into_result().expect("three faults a page at most are all survived");
            prop_assert_eq!(ids(&loaded.seats), ids(&server.seats));
            prop_assert_eq!(loaded.duplicates_removed, 0);
            prop_assert!(trace.most_in_flight <= usize::from(concurrency));
            prop_assert!(most_sends_in_any_window(&trace.sends) <= budget as usize);
            prop_assert!(trace.sends_during_a_limit.is_empty(), "{:?}", trace.sends_during_a_limit);
        }
    }

    fn load_expecting(expected_seats: u64, concurrency: u8, server: &mut Server) -> (Trace, SeatsOfEveryPage) {
        let config =
            LoaderConfig { expected_seats: Some(expected_seats), ..LoaderConfig::new(concurrency, server.per_page) };
        let mut loader = PageLoader::new(config);
        let trace = simulate(&mut loader, server);
        let progress = loader.progress();
        assert!(progress.pages_total.is_some_and(|total| progress.pages_done <= total), "{progress:?}");
        (trace, loader.into_result().expect("no faults"))
    }

    fn pages_sent(trace: &Trace) -> Vec<u32> {
        let mut pages: Vec<u32> = trace.sends.iter().map(|(_, page)| *page).collect();
        pages.sort_unstable();
        pages
    }

    #[test]
    fn an_expected_seat_count_sends_its_first_round_with_page_1_and_saves_a_round_trip() {
        let (waiting, _) = load(10, &mut Server::new(10_000, 100));
        let (trace, loaded) = load_expecting(10_000, 10, &mut Server::new(10_000, 100));
        assert_eq!(trace.sends[..10].iter().map(|(at, _)| *at).collect::<Vec<_>>(), vec![NOW; 10]);
        assert_eq!(pages_sent(&trace), (1..=100).collect::<Vec<_>>(), "each page once");
        assert_eq!((waiting.finished_at - NOW, trace.finished_at - NOW), (1_100, 1_000));
        assert_eq!(ids(&loaded.seats), (1..=10_000).collect::<Vec<_>>());
    }

    #[test]
    fn the_seats_so_far_are_pages_one_to_the_first_gap_in_order() {
        let mut loader = PageLoader::new(LoaderConfig::new(3, 10));
        assert_eq!(loader.poll(NOW), LoaderStep::Send(vec![1]));
        let server = Server::new(35, 10);
        let page = |n: u32| SeatPage {
            total_seats: Some(35),
            seats: server.seats[(n as usize - 1) * 10..].iter().take(10).cloned().collect(),
        };
        loader.on_first_page(page(1), LinkHeader::for_page(1, 4));
        assert_eq!(loader.poll(NOW), LoaderStep::Send(vec![2, 3, 4]));
        // Page 3 before page 2: shown only once the gap closes, so the list never has a hole.
        loader.on_page(3, Ok(page(3)), NOW);
        assert_eq!(ids(loader.seats_so_far()), (1..=10).collect::<Vec<_>>());
        loader.on_page(2, Ok(page(2)), NOW);
        assert_eq!(ids(loader.seats_so_far()), (1..=30).collect::<Vec<_>>());
        assert_eq!(loader.progress().seats_so_far, 30);
    }

    #[test]
    fn a_count_too_high_costs_one_round_of_empty_pages_at_most_and_loses_nothing() {
        let (trace, loaded) = load_expecting(1_000_000, 10, &mut Server::new(150, 100));
        assert_eq!(pages_sent(&trace), (1..=10).collect::<Vec<_>>());
        assert_eq!(ids(&loaded.seats), (1..=150).collect::<Vec<_>>());
        // One at a time stays one at a time: nothing goes out before page 1 is back.
        let (trace, _) = load_expecting(1_000_000, 1, &mut Server::new(150, 100));
        assert_eq!(pages_sent(&trace), vec![1, 2]);
    }

    #[test]
    fn a_page_past_the_end_that_fails_for_good_fails_nothing_and_one_that_exists_fails_the_load() {
        let expecting_ten_pages = || LoaderConfig { expected_seats: Some(1_000), ..LoaderConfig::new(10, 100) };
        // Page 1 stalls once, so page 5, sent on the expected count, is refused before the count is known.
        let mut server = Server::new(150, 100);
        server.faults.insert(1, vec![Fault::Stalled].into());
        server.faults.insert(5, vec![Fault::Refused].into());
        let mut loader = PageLoader::new(expecting_ten_pages());
        simulate(&mut loader, &mut server);
        let loaded = loader.into_result().expect("page 5 does not exist");
        assert_eq!(ids(&loaded.seats), (1..=150).collect::<Vec<_>>());

        // A page past the end that keeps failing is not asked again once the count is known.
        let mut server = Server::new(150, 100);
        server.faults.insert(6, vec![Fault::Server; PAGE_RETRIES as usize + 1].into());
        let mut loader = PageLoader::new(expecting_ten_pages());
        let trace = simulate(&mut loader, &mut server);
        assert_eq!(trace.sends.iter().filter(|(_, page)| *page == 6).count(), 1);
        assert_eq!(loader.into_result().map(|loaded| loaded.seats.len()), Ok(150));

        // The same refusal for a page that exists fails the load once page 1 says it exists.
        let mut server = Server::new(1_000, 100);
        server.faults.insert(1, vec![Fault::Stalled].into());
        server.faults.insert(5, vec![Fault::Refused].into());
        let mut loader = PageLoader::new(expecting_ten_pages());
        simulate(&mut loader, &mut server);
        assert!(matches!(loader.into_result(), Err(ApiError::Unprocessable { .. })));
    }

    #[test]
    fn a_rate_limit_met_by_a_page_past_the_end_still_holds_every_request() {
        let mut server = Server::new(250, 100);
        server.faults.insert(5, vec![Fault::SecondaryLimit { retry_after_seconds: 30 }].into());
        server.faults.insert(3, vec![Fault::Server].into());
        let config = LoaderConfig { expected_seats: Some(1_000), ..LoaderConfig::new(10, 100) };
        let mut loader = PageLoader::new(config);
        let trace = simulate(&mut loader, &mut server);
        assert!(trace.sends_during_a_limit.is_empty(), "{:?}", trace.sends_during_a_limit);
        let page_three: Vec<u64> = trace.sends.iter().filter(|(_, page)| *page == 3).map(|(at, _)| *at).collect();
        assert_eq!(page_three.len(), 2);
        assert!(page_three[1] >= NOW + 30_000, "the retry of page 3 waited out the limit: {page_three:?}");
        assert_eq!(loader.into_result().map(|loaded| loaded.seats.len()), Ok(250));
    }

    #[test]
    fn a_limit_met_past_the_end_after_the_count_is_known_still_pauses_and_the_page_is_dropped() {
        let config = LoaderConfig { expected_seats: Some(1_000), ..LoaderConfig::new(10, 100) };
        let mut loader = PageLoader::new(config);
        assert_eq!(loader.poll(NOW), LoaderStep::Send((1..=10).collect()));
        let first = SeatPage { total_seats: Some(250), seats: vec![seat("u1", 1)] };
        loader.on_first_page(first, LinkHeader { last: Some(3), ..LinkHeader::default() });
        let limit = ApiError::SecondaryRateLimit { retry_after_seconds: Some(30) };
        loader.on_page(5, Err(limit), NOW + 100);
        assert!(loader.progress().limit_wait.is_some_and(|wait| wait.until_ms >= NOW + 30_000));
        // The other pages past the end are aborted; page 5 is never asked again.
        assert_eq!(loader.poll(NOW + 100), LoaderStep::Abort(vec![4, 6, 7, 8, 9, 10]));
        for page in [2, 3] {
            loader.on_page(page, Ok(SeatPage { total_seats: Some(250), seats: Vec::new() }), NOW + 200);
        }
        assert_eq!(loader.poll(NOW + 200), LoaderStep::Finished);
    }

    #[test]
    fn a_count_too_low_is_corrected_by_page_1() {
        let (trace, loaded) = load_expecting(50, 10, &mut Server::new(1_000, 100));
        assert_eq!(trace.sends[0], (NOW, 1));
        assert!(trace.sends[1].0 > NOW, "page 2 waited for page 1");
        assert_eq!(pages_sent(&trace), (1..=10).collect::<Vec<_>>());
        assert_eq!(loaded.seats.len(), 1_000);
    }

    #[test]
    fn the_page_count_comes_from_the_link_header_and_all_pages_are_asked_for_once() {
        let mut server = Server::new(1_000, 100);
        let (trace, loaded) = load(10, &mut server);
        let mut pages: Vec<u32> = trace.sends.iter().map(|(_, page)| *page).collect();
        pages.sort_unstable();
        assert_eq!(pages, (1..=10).collect::<Vec<_>>());
        assert_eq!(loaded.unwrap().seats.len(), 1_000);
    }

    #[test]
    fn without_a_link_header_the_page_count_comes_from_total_seats() {
        let mut loader = PageLoader::new(LoaderConfig::new(10, 50));
        assert_eq!(loader.poll(NOW), LoaderStep::Send(vec![1]));
        let first = SeatPage { total_seats: Some(120), seats: vec![seat("a", 1)] };
        loader.on_page(1, Ok(first), NOW + 10);
        assert_eq!(loader.progress().pages_total, Some(3));
        assert_eq!(loader.poll(NOW + 10), LoaderStep::Send(vec![2, 3]));
    }

    #[test]
    fn page_one_is_read_alone_before_the_others() {
        let mut loader = PageLoader::new(LoaderConfig::new(10, 50));
        assert_eq!(loader.poll(NOW), LoaderStep::Send(vec![1]));
        assert_eq!(loader.poll(NOW), LoaderStep::WaitUntil(NOW + REQUEST_TIMEOUT_MS));
    }

    #[test]
    fn pages_are_assembled_in_order_whatever_order_they_arrive_in() {
        let mut loader = PageLoader::new(LoaderConfig::new(10, 2));
        loader.poll(NOW);
        let first = SeatPage { total_seats: Some(7), seats: vec![seat("u1", 1), seat("u2", 2)] };
        loader.on_first_page(first, LinkHeader { last: Some(4), ..LinkHeader::default() });
        assert_eq!(loader.poll(NOW), LoaderStep::Send(vec![2, 3, 4]));
        loader.on_page(4, Ok(SeatPage { total_seats: Some(7), seats: vec![seat("u7", 7)] }), NOW + 1);
        loader.on_page(2, Ok(SeatPage { total_seats: Some(7), seats: vec![seat("u3", 3), seat("u4", 4)] }), NOW + 2);
        loader.on_page(3, Ok(SeatPage { total_seats: Some(7), seats: vec![seat("u5", 5), seat("u6", 6)] }), NOW + 3);
        assert_eq!(loader.poll(NOW + 3), LoaderStep::Finished);
        assert_eq!(ids(&loader.into_result().unwrap().seats), vec![1, 2, 3, 4, 5, 6, 7]);
    }

    #[test]
    fn pages_join_the_list_as_soon_as_they_connect_and_the_list_is_never_copied() {
        let mut assembly = PageAssembly::default();
        assembly.reserve(6);
        assembly.add(1, vec![seat("u1", 1), seat("u2", 2)]);
        let start = assembly.joined.as_ptr();
        assembly.add(3, vec![seat("u5", 5), seat("u6", 6)]);
        assert_eq!((assembly.pages_joined, assembly.pages(), assembly.seats()), (1, 2, 4));
        assembly.add(3, vec![seat("late", 99)]);
        assert_eq!(assembly.seats(), 4, "a repeated page is ignored");
        assembly.add(2, vec![seat("u3", 3), seat("u4", 4)]);
        assert_eq!((assembly.pages_joined, assembly.waiting.len()), (3, 0), "page 3 joined once page 2 came");
        assert_eq!(assembly.joined.as_ptr(), start, "the list sized for page 1's claim was never moved");
        assert_eq!(ids(&assembly.into_seats()), vec![1, 2, 3, 4, 5, 6]);
    }

    #[test]
    fn room_reserved_for_seats_that_never_came_is_given_back() {
        let mut loader = PageLoader::new(LoaderConfig::new(10, 100));
        loader.poll(NOW);
        let first = SeatPage { total_seats: Some(150), seats: vec![seat("a", 1), seat("b", 2)] };
        loader.on_first_page(first, LinkHeader::default());
        assert_eq!(loader.poll(NOW), LoaderStep::Send(vec![2]));
        loader.on_page(2, Ok(SeatPage { total_seats: Some(150), seats: Vec::new() }), NOW + 1);
        assert_eq!(loader.poll(NOW + 1), LoaderStep::Finished);
        let seats = loader.into_result().unwrap().seats;
        assert_eq!((seats.len(), seats.capacity()), (2, 2));
    }

    #[test]
    fn a_wild_seat_count_sizes_the_list_no_larger_than_the_cap() {
        let mut assembly = PageAssembly::default();
        assembly.reserve(u64::MAX);
        let capacity = assembly.joined.capacity() as u64;
        assert!((MAX_PRESIZED_SEATS..MAX_PRESIZED_SEATS + 64).contains(&capacity), "{capacity}");
    }

    #[test]
    fn a_page_answered_twice_is_counted_once() {
        let mut loader = PageLoader::new(LoaderConfig::new(10, 2));
        loader.poll(NOW);
        let page = || SeatPage { total_seats: Some(2), seats: vec![seat("a", 1), seat("b", 2)] };
        loader.on_page(1, Ok(page()), NOW);
        loader.on_page(1, Ok(page()), NOW);
        assert_eq!(loader.progress().seats_so_far, 2);
        assert_eq!(loader.poll(NOW), LoaderStep::Finished);
        assert_eq!(loader.into_result().unwrap().seats.len(), 2);
    }

    #[test]
    fn a_late_answer_to_a_retried_page_is_counted_once() {
        let mut loader = PageLoader::new(LoaderConfig::new(10, 1));
        loader.poll(NOW);
        loader.on_page(1, Ok(SeatPage { total_seats: Some(2), seats: vec![seat("a", 1)] }), NOW);
        assert_eq!(loader.poll(NOW), LoaderStep::Send(vec![2]));
        loader.on_page(2, Err(ApiError::Server { status: 500 }), NOW + 10);
        // The failed attempt's answer turns up after all, then the retry's.
        loader.on_page(2, Ok(SeatPage { total_seats: Some(2), seats: vec![seat("b", 2)] }), NOW + 20);
        assert_eq!(loader.progress().seats_so_far, 1, "a page not in flight is not taken");
        let LoaderStep::WaitUntil(retry) = loader.poll(NOW + 20) else { panic!("expected a wait") };
        assert_eq!(loader.poll(retry), LoaderStep::Send(vec![2]));
        loader.on_page(2, Ok(SeatPage { total_seats: Some(2), seats: vec![seat("b", 2)] }), retry + 5);
        loader.on_page(2, Ok(SeatPage { total_seats: Some(2), seats: vec![seat("b", 2)] }), retry + 6);
        assert_eq!(loader.poll(retry + 6), LoaderStep::Finished);
        assert_eq!(ids(&loader.into_result().unwrap().seats), vec![1, 2]);
    }

    #[test]
    fn a_seat_repeated_by_a_shifting_list_is_kept_once_but_enterprise_rows_per_team_are_kept() {
        let mut loader = PageLoader::new(LoaderConfig::new(10, 2));
        loader.poll(NOW);
        loader.on_page(1, Ok(SeatPage { total_seats: Some(4), seats: vec![seat("a", 1), seat("b", 2)] }), NOW);
        loader.poll(NOW);
        // A seat before "b" was removed between the two reads: "b" moved onto page 2 as well.
        let second = SeatPage {
            total_seats: Some(3),
            seats: vec![seat("b", 2), seat_in("c", 3, "acme", Some("eng")), seat_in("c", 3, "acme", Some("ops"))],
        };
        loader.on_page(2, Ok(second), NOW);
        loader.poll(NOW);
        let loaded = loader.into_result().unwrap();
        assert_eq!(ids(&loaded.seats), vec![1, 2, 3, 3]);
        assert_eq!(loaded.duplicates_removed, 1);
        assert!(!loaded.changed_while_loading(), "4 announced, 4 found");
    }

    #[test]
    fn what_any_page_says_sso_left_out_is_joined_over_the_load_and_an_answer_not_taken_adds_nothing() {
        let mut loader = PageLoader::new(LoaderConfig::new(10, 1));
        loader.poll(NOW);
        let answer = |id: u64, header: Option<&str>| {
            let headers = header.map(|value| ("X-GitHub-SSO".to_owned(), value.to_owned())).into_iter().collect();
            let page = SeatPage { total_seats: Some(3), seats: vec![seat("u", id)] };
            Ok(AnsweredPage::new(page, &ResponseParts::new(200, headers, "")))
        };
        loader.on_answer(1, answer(1, Some("partial-results; organizations=21955855,20582480")), NOW);
        assert_eq!(loader.poll(NOW), LoaderStep::Send(vec![2, 3]));
        loader.on_answer(3, answer(3, Some("partial-results; organizations=20582480,4")), NOW + 1);
        loader.on_answer(2, answer(2, None), NOW + 2);
        // A repeated answer for a page already in, saying more, is not taken.
        loader.on_answer(2, answer(2, Some("partial-results; organizations=99")), NOW + 3);
        assert_eq!(loader.poll(NOW + 3), LoaderStep::Finished);
        let loaded = loader.into_result().unwrap();
        assert_eq!(loaded.sso_left_out.organization_ids(), [21955855, 20582480, 4]);
        assert_eq!(ids(&loaded.seats), vec![1, 2, 3]);
    }

    #[test]
    fn page_ones_link_header_comes_in_with_its_answer() {
        let mut loader = PageLoader::new(LoaderConfig::new(10, 2));
        loader.poll(NOW);
        let link = (
            "Link".to_owned(),
            r#"<https://api.github.com/x?page=2>; rel="next", <https://api.github.com/x?page=4>; rel="last""#
                .to_owned(),
        );
        let page = SeatPage { total_seats: None, seats: vec![seat("a", 1), seat("b", 2)] };
        loader.on_answer(1, Ok(AnsweredPage::new(page, &ResponseParts::new(200, vec![link], ""))), NOW);
        assert_eq!(loader.progress().pages_total, Some(4));
        assert_eq!(loader.poll(NOW), LoaderStep::Send(vec![2, 3, 4]));
    }

    #[test]
    fn a_load_whose_pages_say_nothing_of_sso_left_nothing_out() {
        let (_, result) = load(10, &mut Server::new(500, 50));
        assert!(result.unwrap().sso_left_out.is_empty());
    }

    #[test]
    fn pages_past_the_end_that_come_back_empty_are_fine() {
        let mut loader = PageLoader::new(LoaderConfig::new(10, 2));
        loader.poll(NOW);
        let first = SeatPage { total_seats: Some(3), seats: vec![seat("a", 1), seat("b", 2)] };
        loader.on_first_page(first, LinkHeader { last: Some(3), ..LinkHeader::default() });
        assert_eq!(loader.poll(NOW), LoaderStep::Send(vec![2, 3]));
        loader.on_page(2, Ok(SeatPage { total_seats: Some(2), seats: vec![] }), NOW);
        loader.on_page(3, Ok(SeatPage { total_seats: Some(2), seats: vec![] }), NOW);
        assert_eq!(loader.poll(NOW), LoaderStep::Finished);
        let loaded = loader.into_result().unwrap();
        assert_eq!(ids(&loaded.seats), vec![1, 2]);
        assert!(loaded.changed_while_loading());
    }

    #[test]
    fn an_error_that_cannot_be_retried_stops_the_whole_load_and_aborts_the_rest() {
        let mut loader = PageLoader::new(LoaderConfig::new(3, 1));
        loader.poll(NOW);
        loader.on_page(1, Ok(SeatPage { total_seats: Some(10), seats: vec![seat("a", 1)] }), NOW);
        assert_eq!(loader.poll(NOW), LoaderStep::Send(vec![2, 3, 4]));
        loader.on_page(3, Err(ApiError::Unauthorized { github_message: None }), NOW + 5);
        assert_eq!(loader.poll(NOW + 5), LoaderStep::Abort(vec![2, 4]));
        assert_eq!(loader.poll(NOW + 5), LoaderStep::Finished);
        assert_eq!(loader.progress().requests_sent, 4);
        assert_eq!(loader.into_result(), Err(ApiError::Unauthorized { github_message: None }));
    }

    #[test]
    fn a_page_that_keeps_failing_gives_up_after_its_retries() {
        let tries = PAGE_RETRIES as usize + 1;
        let mut server = Server::new(10, 5);
        server.faults.insert(2, vec![Fault::Server; tries].into());
        let (trace, result) = load(10, &mut server);
        assert_eq!(trace.sends.iter().filter(|(_, page)| *page == 2).count(), tries);
        assert_eq!(result, Err(ApiError::Server { status: 502 }));
        // One failure fewer, and the page comes through on its last try.
        let mut server = Server::new(10, 5);
        server.faults.insert(2, vec![Fault::Server; tries - 1].into());
        assert_eq!(load(10, &mut server).1.map(|loaded| loaded.seats.len()), Ok(10));
    }

    #[test]
    fn a_stalled_request_is_abandoned_after_the_timeout_and_asked_again() {
        let mut server = Server::new(4, 2);
        server.faults.insert(2, vec![Fault::Stalled].into());
        let (trace, result) = load(10, &mut server);
        let page_two: Vec<u64> = trace.sends.iter().filter(|(_, page)| *page == 2).map(|(time, _)| *time).collect();
        assert_eq!(page_two.len(), 2);
        assert!(page_two[1] - page_two[0] >= REQUEST_TIMEOUT_MS);
        assert_eq!(result.unwrap().seats.len(), 4);
    }

    #[test]
    fn retry_after_holds_back_every_request_until_it_has_passed() {
        let mut loader = PageLoader::new(LoaderConfig::new(2, 1));
        loader.poll(NOW);
        loader.on_page(1, Ok(SeatPage { total_seats: Some(4), seats: vec![seat("a", 1)] }), NOW);
        assert_eq!(loader.poll(NOW), LoaderStep::Send(vec![2, 3]));
        loader.on_page(2, Err(ApiError::SecondaryRateLimit { retry_after_seconds: Some(30) }), NOW + 100);
        loader.on_page(3, Ok(SeatPage { total_seats: Some(4), seats: vec![seat("c", 3)] }), NOW + 100);
        assert_eq!(loader.poll(NOW + 100), LoaderStep::WaitUntil(NOW + 30_100));
        let wait = loader.progress().limit_wait.expect("a wait in force");
        assert_eq!((wait.until_ms, wait.reason), (NOW + 30_100, LimitReason::Secondary));
        assert_eq!(loader.poll(NOW + 30_099), LoaderStep::WaitUntil(NOW + 30_100));
        assert_eq!(loader.poll(NOW + 30_100), LoaderStep::Send(vec![2, 4]));
        assert_eq!(loader.progress().limit_wait, None);
    }

    #[test]
    fn a_secondary_limit_without_retry_after_waits_a_minute_then_two_while_it_repeats_then_loads() {
        let mut server = Server::new(40, 10);
        // Page 2 is refused, then again right after the wait; the pages in flight with it come back fine.
        server.faults.insert(2, vec![Fault::SecondaryLimitUntold, Fault::SecondaryLimitUntold].into());
        let mut loader = PageLoader::new(LoaderConfig::new(10, 10));
        let trace = simulate(&mut loader, &mut server);
        let two: Vec<u64> = trace.sends.iter().filter(|(_, page)| *page == 2).map(|(at, _)| *at).collect();
        assert_eq!(two.len(), 3, "{two:?}");
        // Each refusal came 100 ms after its send: a minute from the first, then two minutes.
        assert_eq!(two[1] - two[0], 100 + 60_000, "{two:?}");
        assert_eq!(two[2] - two[1], 100 + 120_000, "{two:?}");
        assert!(trace.sends_during_a_limit.is_empty(), "{:?}", trace.sends_during_a_limit);
        assert_eq!(loader.progress().rate_limit_waits, 2);
        assert_eq!(loader.into_result().map(|loaded| ids(&loaded.seats)), Ok((1..=40).collect()));
    }

    #[test]
    fn the_wait_in_force_is_told_in_the_cores_words_while_it_holds() {
        let mut loader = PageLoader::new(LoaderConfig::new(1, 1));
        loader.poll(NOW);
        loader.on_page(1, Err(ApiError::SecondaryRateLimit { retry_after_seconds: None }), NOW + 100);
        assert_eq!(loader.poll(NOW + 100), LoaderStep::WaitUntil(NOW + 60_100));
        let text = loader.progress().limit_wait.expect("a wait in force").describe(NOW + 30_100);
        assert!(text.contains("waiting 60 s") && text.contains("(30 s left)"), "{text}");
        assert_eq!(loader.poll(NOW + 60_100), LoaderStep::Send(vec![1]));
        loader.on_page(1, Err(ApiError::SecondaryRateLimit { retry_after_seconds: None }), NOW + 60_200);
        let text = loader.progress().limit_wait.expect("a wait in force").describe(NOW + 60_200);
        assert!(text.contains("the 2nd time in a row") && text.contains("waiting 2 min"), "{text}");
    }

    #[test]
    fn the_primary_limit_waits_for_its_reset_plus_a_second() {
        let mut loader = PageLoader::new(LoaderConfig::new(1, 1));
        loader.poll(NOW);
        let reset = NOW / 1_000 + 600;
        loader.on_page(1, Err(ApiError::PrimaryRateLimit { reset_epoch_seconds: Some(reset) }), NOW);
        assert_eq!(loader.poll(NOW), LoaderStep::WaitUntil(reset * 1_000 + 1_000));
        assert_eq!(loader.poll(reset * 1_000 + 1_000), LoaderStep::Send(vec![1]));
    }

    #[test]
    fn the_budget_window_holds_back_the_request_over_it_until_the_oldest_leaves() {
        let config = LoaderConfig { max_requests_per_minute: 3, ..LoaderConfig::new(10, 1) };
        let mut loader = PageLoader::new(config);
        loader.poll(NOW);
        loader.on_page(1, Ok(SeatPage { total_seats: Some(6), seats: vec![seat("a", 1)] }), NOW + 10);
        assert_eq!(loader.poll(NOW + 10), LoaderStep::Send(vec![2, 3]));
        loader.on_page(2, Ok(SeatPage::default()), NOW + 20);
        loader.on_page(3, Ok(SeatPage::default()), NOW + 20);
        assert_eq!(loader.poll(NOW + 20), LoaderStep::WaitUntil(NOW + BUDGET_WINDOW_MS));
        assert_eq!(loader.poll(NOW + BUDGET_WINDOW_MS), LoaderStep::Send(vec![4]));
    }

    #[test]
    fn cancelling_returns_the_requests_in_flight_and_stops_all_sends() {
        let mut loader = PageLoader::new(LoaderConfig::new(4, 1));
        loader.poll(NOW);
        loader.on_page(1, Ok(SeatPage { total_seats: Some(50), seats: vec![seat("a", 1)] }), NOW);
        assert_eq!(loader.poll(NOW), LoaderStep::Send(vec![2, 3, 4, 5]));
        assert_eq!(loader.cancel(), vec![2, 3, 4, 5]);
        loader.on_page(2, Ok(SeatPage { total_seats: Some(50), seats: vec![seat("b", 2)] }), NOW + 1);
        for later in [NOW + 1, NOW + 100_000] {
            assert_eq!(loader.poll(later), LoaderStep::Finished);
        }
        assert_eq!(loader.progress().requests_sent, 5);
        assert_eq!(loader.progress().seats_so_far, 1);
        assert_eq!(loader.into_result(), Err(ApiError::Cancelled));
    }

    #[test]
    fn the_sequential_strategy_sends_one_request_at_a_time() {
        let mut server = Server::new(500, 50);
        server.latency_ms = (50, 500);
        let (trace, result) = load(1, &mut server);
        assert_eq!(trace.most_in_flight, 1);
        assert_eq!(trace.sends.len(), 10);
        assert_eq!(result.unwrap().seats.len(), 500);
    }

    #[test]
    fn concurrency_is_clamped_between_one_and_ten() {
        assert_eq!(LoaderConfig::new(0, 50).concurrency, 1);
        assert_eq!(LoaderConfig::new(200, 50).concurrency, 10);
        assert_eq!(LoaderConfig::new(5, 0).per_page, 1);
        let mut server = Server::new(10_000, 100);
        let mut loader = PageLoader::new(LoaderConfig { concurrency: 64, per_page: 100, ..LoaderConfig::default() });
        assert_eq!(simulate(&mut loader, &mut server).most_in_flight, 10);
    }

    #[test]
    fn ten_in_flight_loads_a_hundred_pages_about_ten_times_faster_than_one() {
        let (sequential, _) = load(1, &mut Server::new(10_000, 100));
        let (concurrent, result) = load(10, &mut Server::new(10_000, 100));
        let sequential_ms = sequential.finished_at - NOW;
        let concurrent_ms = concurrent.finished_at - NOW;
        assert_eq!(sequential_ms, 10_000);
        assert_eq!(concurrent_ms, lower_bound_ms(100, 10, GITHUB_POINTS_PER_MINUTE, 100));
        assert!(sequential_ms >= 9 * concurrent_ms, "{sequential_ms} ms against {concurrent_ms} ms");
        assert_eq!(result.unwrap().seats.len(), 10_000);
    }

    #[test]
    fn a_thousand_pages_load_within_fifteen_percent_of_the_lower_bound() {
        let (trace, result) = load(10, &mut Server::new(100_000, 100));
        let bound = lower_bound_ms(1_000, 10, GITHUB_POINTS_PER_MINUTE, 100);
        let took = trace.finished_at - NOW;
        assert!(took >= bound - 1_000, "{took} ms is faster than the {bound} ms bound allows");
        assert!(took * 100 <= bound * 115, "{took} ms against a bound of {bound} ms");
        assert!(most_sends_in_any_window(&trace.sends) <= DEFAULT_REQUESTS_PER_MINUTE as usize);
        assert_eq!(result.unwrap().seats.len(), 100_000);
    }

    #[test]
    fn the_lower_bound_matches_the_benchmark_figures() {
        assert_eq!(lower_bound_ms(100, 10, 900, 100), 1_100);
        assert_eq!(lower_bound_ms(1_000, 10, 900, 100), 61_100);
        assert_eq!(lower_bound_ms(1, 10, 900, 100), 100);
        assert_eq!(lower_bound_ms(11, 1, 900, 100), 1_200);
        assert_eq!(lower_bound_ms(u32::MAX, 0, 0, u64::MAX), u64::MAX);
    }

    #[test]
    fn a_wild_last_page_never_allocates_per_page() {
        let mut loader = PageLoader::new(LoaderConfig::new(10, 100));
        loader.poll(NOW);
        let first = SeatPage { total_seats: Some(1), seats: vec![seat("a", 1)] };
        loader.on_first_page(first, LinkHeader { last: Some(u32::MAX), ..LinkHeader::default() });
        assert_eq!(loader.poll(NOW), LoaderStep::Send((2..=11).collect()));
        assert_eq!(loader.progress().pages_total, Some(u32::MAX));
    }

    #[test]
    fn through_the_paced_shape_each_page_goes_out_with_its_request_and_stop_aborts_those_out() {
        let mut loader = PageLoader::new(LoaderConfig::new(10, 100));
        assert_eq!(loader.next_step(NOW), PacedStep::Send(vec![(1, PageRequest::new(1, 100))]));
        let first = SeatPage { total_seats: Some(250), seats: vec![seat("a", 1)] };
        loader.hand_in(1, Ok(AnsweredPage { page: first, ..AnsweredPage::default() }), NOW + 1);
        let PacedStep::Send(pages) = loader.next_step(NOW + 1) else { panic!("pages 2 and 3 go out") };
        assert_eq!(pages.iter().map(|(page, _)| *page).collect::<Vec<_>>(), vec![2, 3]);
        let mut out = Paced::stop(&mut loader);
        out.sort_unstable();
        assert_eq!(out, vec![2, 3]);
        assert_eq!(loader.next_step(NOW + 2), PacedStep::Finished);
        assert_eq!(loader.into_result(), Err(ApiError::Cancelled));
    }
}
