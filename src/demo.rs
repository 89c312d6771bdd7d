//! The in-page demo's side of the worker that runs the sandbox (`crates/demo-worker`). The worker starts
//! on the demo's first request, so nobody who connects to GitHub ever downloads it.

use std::cell::{Cell, OnceCell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;

use copilot_api::{ApiError, HttpRequest, ResponseParts};
use copilot_sandbox::demo_wire::{DemoAnswer, DemoCall};
use futures::channel::oneshot;
use send_wrapper::SendWrapper;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{ErrorEvent, Event, MessageEvent, Worker};

/// The worker's start script (crates/demo-worker/demo-worker-start.js), relative to the page like every
/// other file of the site.
const WORKER_SCRIPT: &str = "./demo-worker-start.js";

type Waiting = RefCell<HashMap<u32, oneshot::Sender<Result<ResponseParts, ApiError>>>>;

/// A handle on the demo's worker; clones share it.
#[derive(Clone)]
pub struct DemoWorker {
    // The page has one thread; the wrapper lets the client be `Send`, as Leptos requires of what views hold.
    inner: SendWrapper<Rc<Inner>>,
}

#[derive(Default)]
struct Inner {
    /// Started on the first call; or why it could not start.
    worker: OnceCell<Result<Running, String>>,
    waiting: Rc<Waiting>,
    /// Set when the worker failed after it started: it will answer nothing more.
    failure: Rc<RefCell<Option<String>>>,
    next_id: Cell<u32>,
}

struct Running {
    worker: Worker,
    // Kept alive with the worker.
    _on_message: Closure<dyn Fn(MessageEvent)>,
    _on_error: Closure<dyn Fn(Event)>,
}

impl PartialEq for DemoWorker {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&*self.inner, &*other.inner)
    }
}

impl Default for DemoWorker {
    /// A handle; the worker itself starts on the first call.
    fn default() -> Self {
        Self { inner: SendWrapper::new(Rc::new(Inner::default())) }
    }
}

impl DemoWorker {
    /// Sends one request to the demo's sandbox and waits for its answer.
    pub async fn call(&self, request: &HttpRequest, now_ms: f64) -> Result<ResponseParts, ApiError> {
        let inner = &*self.inner;
        let worker = match inner.worker.get_or_init(|| start(&inner.waiting, &inner.failure)) {
            Ok(running) => &running.worker,
            Err(reason) => return Err(not_running(reason)),
        };
        if let Some(reason) = inner.failure.borrow().as_deref() {
            return Err(not_running(reason));
        }
        let id = inner.next_id.get();
        inner.next_id.set(id.wrapping_add(1));
        let message = serde_json::to_string(&DemoCall::new(id, now_ms, request))
            .map_err(|error| ApiError::InvalidInput(format!("The demo could not send this request: {error}")))?;
        let (answer, answered) = oneshot::channel();
        inner.waiting.borrow_mut().insert(id, answer);
        if let Err(error) = worker.post_message(&JsValue::from_str(&message)) {
            inner.waiting.borrow_mut().remove(&id);
            return Err(not_running(&describe(&error)));
        }
        // The sender is dropped only if the worker failed after the call was sent.
        answered.await.unwrap_or_else(|_| Err(not_running("it stopped")))
    }
}

fn start(waiting: &Rc<Waiting>, failure: &Rc<RefCell<Option<String>>>) -> Result<Running, String> {
    let worker = Worker::new(WORKER_SCRIPT).map_err(|error| describe(&error))?;
    let answers = Rc::clone(waiting);
    let on_message = Closure::<dyn Fn(MessageEvent)>::new(move |event: MessageEvent| {
        let Some(answer) = event.data().as_string().and_then(|text| serde_json::from_str::<DemoAnswer>(&text).ok())
        else {
            return;
        };
        if let Some(waiter) = answers.borrow_mut().remove(&answer.id) {
            let _ = waiter.send(Ok(answer.into()));
        }
    });
    let (failed, failure) = (Rc::clone(waiting), Rc::clone(failure));
    let on_error = Closure::<dyn Fn(Event)>::new(move |event: Event| {
        // A worker that failed to load or crashed answers nothing more: every waiting call is told now,
        // rather than after its timeout. A script that failed to load sends a plain event, a crash an
        // `ErrorEvent` with a message.
        let reason = event
            .dyn_ref::<ErrorEvent>()
            .map(ErrorEvent::message)
            .filter(|message| !message.is_empty())
            .unwrap_or_else(|| "it failed to load".to_owned());
        for (_, waiter) in failed.borrow_mut().drain() {
            let _ = waiter.send(Err(not_running(&reason)));
        }
        *failure.borrow_mut() = Some(reason);
    });
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    Ok(Running { worker, _on_message: on_message, _on_error: on_error })
}

/// Not a network error: retrying cannot help a worker that is gone, so the message comes at once.
fn not_running(reason: &str) -> ApiError {
    ApiError::InvalidInput(format!("The demo's sandbox is not running ({reason}). Reload the page to start it again."))
}

fn describe(error: &JsValue) -> String {
    error
        .dyn_ref::<js_sys::Error>()
        .map(|error| String::from(error.message()))
        .or_else(|| error.as_string())
        .unwrap_or_else(|| "the browser refused to start it".to_owned())
}
