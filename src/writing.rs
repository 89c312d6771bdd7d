//! Runs a job of writes: the core's `copilot_api::plan::WriteSession` decides everything (batches, one
//! write at a time, the second between writes and between plans, GitHub's budget of content-creating
//! requests, retries, what a failure means for each name, when and how often the seats are read again to
//! settle unclear outcomes); `crate::paced` drives it with real requests, and this module sends each one
//! and reads the seats when told.

use std::cell::Cell;
use std::rc::Rc;

use copilot_api::plan::write::{read_to_settle_config, wait_before_read_to_settle, JobProgress};
use copilot_api::plan::{RetryPolicy, WriteOutcome, WritePlan, WriteRequest, WriteSession};
use copilot_api::{ApiError, Scope, Seat, Token};

use crate::client::Client;
use crate::clock::{now_ms, sleep_ms};
use crate::loading::load_all;
use crate::paced::drive;

/// Runs the plans as the core's session says. `should_stop` is asked between steps: no batch starts
/// once it says yes. `on_progress` hears after every step.
pub async fn run_writes(
    client: Client,
    scope: Scope,
    plans: Vec<WritePlan>,
    should_stop: impl Fn() -> bool,
    on_progress: impl Fn(JobProgress),
) -> WriteOutcome {
    let seed = (js_sys::Math::random() * f64::from(u32::MAX)) as u32;
    // One budget for the connection: what earlier jobs sent in the last hour counts.
    let mut session = WriteSession::new(plans, RetryPolicy::default(), seed, client.write_budget());
    let send = |_batch, request: WriteRequest, abort: Option<web_sys::AbortSignal>| {
        let client = client.clone();
        async move { send_write(&client, &request, abort.as_ref()).await }
    };
    let report = |session: &WriteSession| {
        client.keep_write_budget(session.budget().clone());
        on_progress(JobProgress { writes: session.progress(), verifying: false });
    };
    drive(&mut session, send, should_stop, report).await;

    let total = session.progress();
    let mut outcome = session.outcome();
    if outcome.needs_reading_again() {
        on_progress(JobProgress { writes: total, verifying: true });
        let seats = read_seats_to_settle(&client, &scope).await;
        outcome.settle(seats, now_ms());
        on_progress(JobProgress { writes: total, verifying: false });
    }
    outcome
}

/// Builds one batch's request with the token, sends it, and reads GitHub's count.
async fn send_write(
    client: &Client,
    request: &WriteRequest,
    abort: Option<&web_sys::AbortSignal>,
) -> Result<u64, ApiError> {
    let http = request.build(&client.base, client.token(), client.options)?;
    let response = client.send(&http, abort).await?;
    request.parse_count(&response, client.token().map(Token::kind))
}

/// Every seat, read again after the writes, as often and as far apart as the core says.
async fn read_seats_to_settle(client: &Client, scope: &Scope) -> Result<Vec<Seat>, ApiError> {
    let mut last_error = ApiError::Cancelled;
    let mut attempt = 0;
    while let Some(wait) = wait_before_read_to_settle(attempt) {
        if wait > 0 {
            sleep_ms(i32::try_from(wait).unwrap_or(i32::MAX)).await;
        }
        let stop = Rc::new(Cell::new(false));
        match load_all(client.clone(), scope.clone(), read_to_settle_config(), stop, |_, _| {}).await {
            Ok(loaded) => return Ok(loaded.seats),
            Err(error) => last_error = error,
        }
        attempt += 1;
    }
    Err(last_error)
}
