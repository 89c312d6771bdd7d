//! A connection: where the API is, the token, and how requests travel (the browser's `fetch`, or the
//! in-page demo's sandbox). Components call typed requests through it and get typed answers or the
//! core's error.

use std::sync::{Arc, Mutex};

use copilot_api::plan::{
    Attempts, LimitTracker, RequestKind, RetryDecision, RetryPolicy, WriteBudget, REQUEST_TIMEOUT_MS,
};
use copilot_api::{ApiBase, ApiError, ApiRequest, HttpMethod, HttpRequest, RequestOptions, ResponseParts, Token};
use futures::future::{select, Either};
use web_sys::AbortSignal;

use crate::clock::{now_ms, sleep_ms};
use crate::demo::DemoWorker;
use crate::read_waits::ReadWaits;
use crate::transport;

/// How requests travel.
#[derive(Clone)]
pub enum Backend {
    /// `fetch` to the API host.
    Fetch,
    /// The sandbox, in a worker of the page: the demo needs no server and no token of the user's.
    Demo(DemoWorker),
}

/// What a component needs to talk to GitHub.
#[derive(Clone)]
pub struct Client {
    pub base: ApiBase,
    token: Option<Token>,
    pub options: RequestOptions,
    backend: Backend,
    /// GitHub's budget of content-creating requests is the token's: every write run of this connection
    /// (every clone of the client) counts against one budget.
    write_budget: Arc<Mutex<WriteBudget>>,
    /// The rate-limit waits `call` is holding for reads of this connection, for the page to show.
    read_waits: ReadWaits,
}

/// A typed answer with the response it came from (for `Link` and rate-limit headers).
#[derive(Debug, Clone)]
pub struct Reply<T> {
    pub body: T,
    pub response: ResponseParts,
}

impl Client {
    pub fn new(base: ApiBase, token: Option<Token>) -> Self {
        Self {
            base,
            token,
            options: RequestOptions::default(),
            backend: Backend::Fetch,
            write_budget: Arc::default(),
            read_waits: ReadWaits::default(),
        }
    }

    /// The in-page demo: a realistic organization, generated at its first request, answering inside the
    /// page.
    pub fn demo() -> Self {
        Self {
            // Never contacted: the demo answers inside the page. Named so the UI can say where data comes from.
            base: ApiBase::custom("http://127.0.0.1:0").unwrap_or_else(|_| ApiBase::github_com()),
            token: Token::new(copilot_sandbox::DEMO_TOKEN),
            options: RequestOptions::default(),
            backend: Backend::Demo(DemoWorker::default()),
            write_budget: Arc::default(),
            read_waits: ReadWaits::default(),
        }
    }

    pub fn is_demo(&self) -> bool {
        matches!(self.backend, Backend::Demo(_))
    }

    pub fn token(&self) -> Option<&Token> {
        self.token.as_ref()
    }

    /// The rate-limit waits single reads of this connection are holding now.
    pub fn read_waits(&self) -> &ReadWaits {
        &self.read_waits
    }

    /// The connection's budget of content-creating requests, with every write sent so far counted.
    pub fn write_budget(&self) -> WriteBudget {
        // One thread: the lock is never poisoned by another; if it were, the budget is still sound.
        self.write_budget.lock().unwrap_or_else(std::sync::PoisonError::into_inner).clone()
    }

    /// Keeps the budget a write run has used, for the next one.
    pub fn keep_write_budget(&self, budget: WriteBudget) {
        *self.write_budget.lock().unwrap_or_else(std::sync::PoisonError::into_inner) = budget;
    }

    /// Sends a built request once. A request unanswered after `REQUEST_TIMEOUT_MS` is aborted and reported
    /// as a timeout, so a stalled connection never hangs the page.
    pub async fn send(&self, request: &HttpRequest, abort: Option<&AbortSignal>) -> Result<ResponseParts, ApiError> {
        // The caller's signal (Stop) when there is one; otherwise one of our own for the timeout.
        let own = abort.is_none().then(|| web_sys::AbortController::new().ok()).flatten();
        let answer = match &self.backend {
            Backend::Fetch => {
                let signal = abort.cloned().or_else(|| own.as_ref().map(web_sys::AbortController::signal));
                futures::future::Either::Left(Box::pin(async move { transport::fetch(request, signal.as_ref()).await }))
            }
            Backend::Demo(worker) => futures::future::Either::Right(Box::pin(worker.call(request, now_ms() as f64))),
        };
        let timeout = Box::pin(sleep_ms(i32::try_from(REQUEST_TIMEOUT_MS).unwrap_or(i32::MAX)));
        match select(answer, timeout).await {
            Either::Left((answer, _)) => answer,
            Either::Right(((), _)) => {
                if let Some(controller) = &own {
                    controller.abort();
                }
                Err(ApiError::Timeout(u32::try_from(REQUEST_TIMEOUT_MS / 1_000).unwrap_or(u32::MAX)))
            }
        }
    }

    /// Sends a typed request and reads the typed answer. Reads are retried as octokit's retry and
    /// throttling plugins do (the core's `RetryPolicy`): up to 3 times after a 5xx, a dropped connection,
    /// a timeout or an unreadable body, and after waiting out a rate limit. Writes are sent once here; bulk
    /// writes go through the core's `WriteRun`, which decides their retries.
    pub async fn call<R: ApiRequest>(
        &self,
        request: &R,
        abort: Option<&AbortSignal>,
    ) -> Result<Reply<R::Response>, ApiError> {
        let http = request.build(&self.base, self.token.as_ref(), self.options)?;
        let kind = if http.method == HttpMethod::Get { RequestKind::Read } else { RequestKind::Write };
        let policy = RetryPolicy::default();
        let mut attempts = Attempts::default();
        let mut limits = LimitTracker::default();
        loop {
            let sent_ms = now_ms();
            let answer = self.attempt(request, &http, abort).await;
            let error = match answer {
                Ok(reply) => return Ok(reply),
                Err(error) => error,
            };
            if kind == RequestKind::Write || abort.is_some_and(AbortSignal::aborted) {
                return Err(error);
            }
            let limit_wait = limits.on_refusal(&error, sent_ms, now_ms());
            let seed = js_sys::Math::random().to_bits() as u32;
            let decision = policy.decide(kind, &error, attempts, limit_wait, now_ms(), seed);
            attempts.note(decision);
            let (at, _shown) = match decision {
                RetryDecision::RetryAt(at) => (at, None),
                // A rate limit can hold a read for up to an hour: the page says so while it lasts.
                RetryDecision::WaitForLimit(wait) => (wait.until_ms, Some(self.read_waits.hold(wait))),
                RetryDecision::GiveUp | RetryDecision::Unconfirmed => return Err(error),
            };
            let wait = at.saturating_sub(now_ms());
            sleep_ms(i32::try_from(wait).unwrap_or(i32::MAX)).await;
        }
    }

    /// Sends a typed request once and reads the typed answer, with no retry: for callers that decide
    /// retries themselves and must count every request they send (the page loader, whose limits on
    /// requests in flight and per minute, and whose rate-limit pauses, hold only if it sees every try).
    pub async fn call_once<R: ApiRequest>(
        &self,
        request: &R,
        abort: Option<&AbortSignal>,
    ) -> Result<Reply<R::Response>, ApiError> {
        let http = request.build(&self.base, self.token.as_ref(), self.options)?;
        self.attempt(request, &http, abort).await
    }

    async fn attempt<R: ApiRequest>(
        &self,
        request: &R,
        http: &HttpRequest,
        abort: Option<&AbortSignal>,
    ) -> Result<Reply<R::Response>, ApiError> {
        let response = self.send(http, abort).await?;
        let body = request.parse(&response, self.token.as_ref().map(Token::kind))?;
        Ok(Reply { body, response })
    }
}

impl PartialEq for Client {
    /// Two clients are the same connection when they talk to the same place with the same token.
    fn eq(&self, other: &Self) -> bool {
        let same_backend = match (&self.backend, &other.backend) {
            (Backend::Fetch, Backend::Fetch) => true,
            (Backend::Demo(a), Backend::Demo(b)) => a == b,
            _ => false,
        };
        same_backend && self.base == other.base && self.token == other.token && self.options == other.options
    }
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Client")
            .field("base", &self.base)
            .field("token", &self.token)
            .field("demo", &self.is_demo())
            .finish()
    }
}
