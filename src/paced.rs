//! The one driver of the core's paced machines (`copilot_api::plan::Paced`: the page loader and a session
//! of writes): it sends what the machine says, aborts what it says, waits until it says, and hands every
//! answer back. It has the clock, the timers and the network; every decision is the machine's, and which
//! answer is stale is the core's `CurrentTries`.

use std::future::Future;

use copilot_api::plan::{wait_ms, CurrentTries, Paced, PacedStep};
use copilot_api::ApiError;
use futures::channel::mpsc;
use futures::StreamExt;
use web_sys::{AbortController, AbortSignal};

use crate::clock::{now_ms, sleep_ms};

/// An answer, with the key and the try it answers.
type Answer<M> = (<M as Paced>::Key, u64, Result<<M as Paced>::Answer, ApiError>);

/// Drives `machine` to its end. `send` starts one request (it is given the signal that aborts it);
/// `should_stop` is asked between steps and at least every quarter second, and once it says yes the
/// machine is stopped; `on_step` hears after every step, and once more at the end.
pub async fn drive<M, F>(
    machine: &mut M,
    send: impl Fn(M::Key, M::Request, Option<AbortSignal>) -> F,
    should_stop: impl Fn() -> bool,
    on_step: impl Fn(&M),
) where
    M: Paced,
    M::Key: 'static,
    M::Answer: 'static,
    F: Future<Output = Result<M::Answer, ApiError>> + 'static,
{
    let (sender, mut answers) = mpsc::unbounded::<Answer<M>>();
    let mut tries = CurrentTries::<M::Key, Option<AbortController>>::default();
    let mut stopped = false;
    loop {
        if !stopped && should_stop() {
            stopped = true;
            abort(tries.abort(machine.stop()));
        }
        match machine.next_step(now_ms()) {
            PacedStep::Send(requests) => {
                for (key, request) in requests {
                    let controller = AbortController::new().ok();
                    let signal = controller.as_ref().map(AbortController::signal);
                    let try_id = tries.start(key, controller);
                    let answer = send(key, request, signal);
                    let sender = sender.clone();
                    wasm_bindgen_futures::spawn_local(async move {
                        // The receiver is gone only when the work is over; the answer no longer matters.
                        let _ = sender.unbounded_send((key, try_id, answer.await));
                    });
                }
            }
            PacedStep::Abort(keys) => abort(tries.abort(keys)),
            PacedStep::WaitUntil(until) => {
                let wait = i32::try_from(wait_ms(until, now_ms())).unwrap_or(i32::MAX);
                let next = futures::future::select(answers.next(), Box::pin(sleep_ms(wait))).await;
                if let futures::future::Either::Left((Some(answer), _)) = next {
                    hand_in(machine, &mut tries, answer);
                }
            }
            PacedStep::Finished => break,
        }
        // Everything that has already arrived, before deciding again.
        while let Ok(answer) = answers.try_recv() {
            hand_in(machine, &mut tries, answer);
        }
        on_step(machine);
    }
    on_step(machine);
}

fn abort(controllers: Vec<Option<AbortController>>) {
    controllers.into_iter().flatten().for_each(|controller| controller.abort());
}

/// Hands in the answer of a current try (a failed one is aborted too: a timeout answers before the fetch
/// itself gives up, and it must not stay open); a stale one is dropped.
fn hand_in<M: Paced>(machine: &mut M, tries: &mut CurrentTries<M::Key, Option<AbortController>>, answer: Answer<M>) {
    let (key, try_id, result) = answer;
    let Some(controller) = tries.finish(key, try_id) else { return };
    if result.is_err() {
        abort(vec![controller]);
    }
    machine.hand_in(key, result, now_ms());
}
