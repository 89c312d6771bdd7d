//! Drives the core's write runs (`copilot_api::plan::WriteRun`) with real requests, as `loading` drives the
//! page loader: it sends what the run says, aborts what it says, sleeps until it says, and hands every
//! answer back. Every decision (batches, one write at a time, the second between writes, GitHub's budget of
//! content-creating requests, retries, what a failure means for each name) is the core's. Afterwards, when GitHub's answers leave a name unsettled,
//! the seats are read again and the core reconciles the report with them.

use std::cell::Cell;
use std::rc::Rc;

use copilot_api::plan::loader::{LoaderConfig, MAX_CONCURRENCY};
use copilot_api::plan::write::MIN_MS_BETWEEN_WRITES;
use copilot_api::plan::{
    reconcile, ActivityEntry, RetryPolicy, WritePlan, WriteProgress, WriteReport, WriteRequest, WriteRun, WriteStep,
};
use copilot_api::{ApiError, Scope, Seat, Token, MAX_PER_PAGE};
use futures::channel::mpsc;
use futures::StreamExt;

use crate::client::Client;
use crate::clock::{now_ms, sleep_ms};
use crate::loading::load_all;

/// Where a run of one or more writes stands, over all its plans: what the progress bar shows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RunProgress {
    /// Every plan's writes as one bar.
    pub writes: WriteProgress,
    /// The writes are over; the seats are being read again to settle unclear outcomes.
    pub verifying: bool,
}

/// How a run ended: one report per plan, the log lines, and whether the seats could be read again.
#[derive(Debug, Clone, PartialEq)]
pub struct RunOutcome {
    pub reports: Vec<WriteReport>,
    pub activity: Vec<ActivityEntry>,
    /// Some report needed the seats read again, and they could not be: its unclear names stay unconfirmed.
    pub verification_problem: Option<ApiError>,
}

/// Runs the plans one after the other (each one's batches one at a time, a second apart, and a second
/// between plans too). `should_stop` is asked between steps: no batch starts once it says yes.
/// `on_progress` hears after every step.
pub async fn run_writes(
    client: Client,
    scope: Scope,
    plans: Vec<WritePlan>,
    should_stop: impl Fn() -> bool,
    on_progress: impl Fn(RunProgress),
) -> RunOutcome {
    let seed = (js_sys::Math::random() * f64::from(u32::MAX)) as u32;
    let mut runs: Vec<WriteRun> = plans
        .into_iter()
        .enumerate()
        .map(|(index, plan)| {
            WriteRun::new(plan, RetryPolicy::default(), seed.wrapping_add(u32::try_from(index).unwrap_or(0)))
        })
        .collect();
    let mut last_write_ended: Option<u64> = None;
    // One budget for the connection: what earlier jobs sent in the last hour counts.
    let mut budget = client.write_budget();
    for index in 0..runs.len() {
        let others = runs
            .iter()
            .enumerate()
            .filter(|(other, _)| *other != index)
            .fold(WriteProgress::default(), |total, (_, run)| total.and(run.progress()));
        let run = &mut runs[index];
        if should_stop() {
            // A plan not begun when Stop was pressed: every name is reported as not attempted.
            run.stop();
            continue;
        }
        if let Some(ended) = last_write_ended {
            let wait = ended.saturating_add(MIN_MS_BETWEEN_WRITES).saturating_sub(now_ms());
            if wait > 0 {
                sleep_ms(i32::try_from(wait).unwrap_or(i32::MAX)).await;
            }
        }
        run.set_budget(budget);
        let sent_any = drive(&client, run, &should_stop, |progress| {
            on_progress(RunProgress { writes: others.and(progress), verifying: false })
        })
        .await;
        budget = run.budget().clone();
        client.keep_write_budget(budget.clone());
        if sent_any {
            last_write_ended = Some(now_ms());
        }
    }
    let total = runs.iter().fold(WriteProgress::default(), |total, run| total.and(run.progress()));
    on_progress(RunProgress { writes: total, verifying: false });

    let mut reports: Vec<WriteReport> = runs.iter().map(WriteRun::report).collect();
    let mut activity: Vec<ActivityEntry> = runs.iter().flat_map(WriteRun::activity).collect();
    let mut verification_problem = None;
    if reports.iter().any(|report| report.needs_verification) {
        on_progress(RunProgress { writes: total, verifying: true });
        match read_seats_again(&client, &scope).await {
            Ok(seats) => {
                for report in reports.iter_mut().filter(|report| report.needs_verification) {
                    *report = reconcile(report, &seats);
                    activity.push(ActivityEntry::verification(now_ms(), report));
                }
            }
            Err(error) => verification_problem = Some(error),
        }
        on_progress(RunProgress { writes: total, verifying: false });
    }
    RunOutcome { reports, activity, verification_problem }
}

/// One plan, to its end. Returns whether any request was sent.
async fn drive(
    client: &Client,
    run: &mut WriteRun,
    should_stop: &impl Fn() -> bool,
    on_progress: impl Fn(WriteProgress),
) -> bool {
    let (sender, mut answers) = mpsc::unbounded::<(usize, Result<u64, ApiError>)>();
    let mut in_flight: Option<(usize, web_sys::AbortController)> = None;
    let mut stopped = false;
    let mut sent_any = false;
    loop {
        if !stopped && should_stop() {
            stopped = true;
            run.stop();
        }
        match run.poll(now_ms()) {
            WriteStep::Send { batch_index, request } => {
                sent_any = true;
                let controller = web_sys::AbortController::new().ok();
                let signal = controller.as_ref().map(web_sys::AbortController::signal);
                in_flight = controller.map(|controller| (batch_index, controller));
                let (client, sender) = (client.clone(), sender.clone());
                wasm_bindgen_futures::spawn_local(async move {
                    let result = send_write(&client, &request, signal.as_ref()).await;
                    // The receiver is gone only when the run is over; the answer no longer matters.
                    let _ = sender.unbounded_send((batch_index, result));
                });
            }
            WriteStep::Abort { batch_index } => {
                if let Some((index, controller)) = in_flight.take() {
                    if index == batch_index {
                        controller.abort();
                    } else {
                        in_flight = Some((index, controller));
                    }
                }
            }
            WriteStep::WaitUntil(until) => {
                let wait = until.saturating_sub(now_ms()).clamp(1, 250);
                let next = futures::future::select(answers.next(), Box::pin(sleep_ms(wait as i32))).await;
                if let futures::future::Either::Left((Some((index, result)), _)) = next {
                    run.on_result(index, result, now_ms());
                }
            }
            WriteStep::Finished => break,
        }
        while let Ok((index, result)) = answers.try_recv() {
            run.on_result(index, result, now_ms());
        }
        on_progress(run.progress());
    }
    on_progress(run.progress());
    sent_any
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

/// Every seat, read again after the writes. The reader retries each page itself; a load that still fails
/// (the network is having a bad minute) is tried twice more before the report stays unsettled.
async fn read_seats_again(client: &Client, scope: &Scope) -> Result<Vec<Seat>, ApiError> {
    let mut last_error = ApiError::Cancelled;
    for attempt in 0..3 {
        if attempt > 0 {
            sleep_ms(2_000).await;
        }
        let config = LoaderConfig::new(MAX_CONCURRENCY, MAX_PER_PAGE);
        match load_all(client.clone(), scope.clone(), config, Rc::new(Cell::new(false)), |_, _| {}).await {
            Ok(loaded) => return Ok(loaded.seats),
            Err(error) => last_error = error,
        }
    }
    Err(last_error)
}
