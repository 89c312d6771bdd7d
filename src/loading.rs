//! Drives the core's paced page loader (`copilot_api::plan::PageLoader`) with real requests: it sends what
//! the loader says, aborts what it says, sleeps until it says, and hands every answer back. All decisions
//! (concurrency, the per-minute budget, retries, rate-limit waits, order, duplicates) are the loader's.

use std::cell::Cell;
use std::collections::HashMap;
use std::rc::Rc;

use copilot_api::plan::loader::{AnsweredPage, LoadProgress, LoaderConfig, LoaderStep, PageLoader, SeatsOfEveryPage};
use copilot_api::request::{ListEnterpriseSeats, ListOrganizationSeats};
use copilot_api::{ApiError, ApiRequest, Scope, Seat};
use futures::channel::mpsc;
use futures::StreamExt;

use crate::client::{Client, Reply};
use crate::clock::{now_ms, sleep_ms};

/// A page's answer, with what its headers say (the `Link` header that page 1 uses to name the last page,
/// what `X-GitHub-SSO` left out), and which try of the page it answers.
type PageAnswer = (u32, u64, Result<AnsweredPage, ApiError>);

/// The requests the loader has out: each page's current try and what aborts it. An answer from an earlier
/// try of a page (one that was aborted or timed out before its retry went out) is stale: it must neither
/// be taken for the retry's answer nor take away the retry's abort.
#[derive(Default)]
struct Requests {
    next_try: u64,
    current: HashMap<u32, (u64, Option<web_sys::AbortController>)>,
}

impl Requests {
    /// Records a new try of `page`; returns its id and the signal that aborts it.
    fn start(&mut self, page: u32) -> (u64, Option<web_sys::AbortSignal>) {
        self.next_try += 1;
        let controller = web_sys::AbortController::new().ok();
        let signal = controller.as_ref().map(web_sys::AbortController::signal);
        self.current.insert(page, (self.next_try, controller));
        (self.next_try, signal)
    }

    fn abort(&mut self, pages: Vec<u32>) {
        for page in pages {
            if let Some((_, Some(controller))) = self.current.remove(&page) {
                controller.abort();
            }
        }
    }

    /// Whether this answer is the current try's; forgets the try either way it ends. A failed try is
    /// aborted too: a timeout answers before the fetch itself gives up, and it must not stay open.
    fn finish(&mut self, page: u32, try_id: u64, failed: bool) -> bool {
        if self.current.get(&page).is_none_or(|(current, _)| *current != try_id) {
            return false;
        }
        if let Some((_, Some(controller))) = self.current.remove(&page) {
            if failed {
                controller.abort();
            }
        }
        true
    }
}

/// How many times a page is asked for.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Tries {
    /// Retried like every read (`Client::call`): one page on its own.
    AsEveryRead,
    /// Sent once: the page loader decides every retry, so that its limits count every request.
    Once,
}

/// Reads one page of seats for the scope, with what its headers say.
pub async fn fetch_page(
    client: &Client,
    scope: &Scope,
    page: copilot_api::PageRequest,
    abort: Option<&web_sys::AbortSignal>,
    tries: Tries,
) -> Result<AnsweredPage, ApiError> {
    let reply = match scope {
        Scope::Organization(org) => {
            send(client, &ListOrganizationSeats { org: org.clone(), page }, abort, tries).await?
        }
        Scope::Enterprise(enterprise) => {
            send(client, &ListEnterpriseSeats { enterprise: enterprise.clone(), page }, abort, tries).await?
        }
    };
    let mut answered = AnsweredPage::new(reply.body, &reply.response);
    // Page by page, so that only the pages being read are ever held whole.
    answered.page.seats.iter_mut().for_each(copilot_api::Seat::drop_unshown_fields);
    Ok(answered)
}

async fn send<R: ApiRequest>(
    client: &Client,
    request: &R,
    abort: Option<&web_sys::AbortSignal>,
    tries: Tries,
) -> Result<Reply<R::Response>, ApiError> {
    match tries {
        Tries::AsEveryRead => client.call(request, abort).await,
        Tries::Once => client.call_once(request, abort).await,
    }
}

/// Loads every seat page. `stop` is checked between steps and at least every quarter second.
/// `on_progress` gets the progress and the seats so far (pages 1 up to the first gap), to show them
/// while the rest load.
pub async fn load_all(
    client: Client,
    scope: Scope,
    config: LoaderConfig,
    stop: Rc<Cell<bool>>,
    on_progress: impl Fn(LoadProgress, &[Seat]),
) -> Result<SeatsOfEveryPage, ApiError> {
    let mut loader = PageLoader::new(config);
    let (sender, mut answers) = mpsc::unbounded::<PageAnswer>();
    let mut requests = Requests::default();
    loop {
        if stop.get() {
            let in_flight = loader.cancel();
            requests.abort(in_flight);
        }
        match loader.poll(now_ms()) {
            LoaderStep::Send(pages) => {
                for page in pages {
                    let (try_id, signal) = requests.start(page);
                    let (client, scope, sender) = (client.clone(), scope.clone(), sender.clone());
                    let request = loader.page_request(page);
                    wasm_bindgen_futures::spawn_local(async move {
                        let answer = fetch_page(&client, &scope, request, signal.as_ref(), Tries::Once).await;
                        // The receiver is gone only when the load is over; the answer no longer matters.
                        let _ = sender.unbounded_send((page, try_id, answer));
                    });
                }
            }
            LoaderStep::Abort(pages) => requests.abort(pages),
            LoaderStep::WaitUntil(until) => {
                let wait = until.saturating_sub(now_ms()).clamp(1, 250);
                let next = futures::future::select(answers.next(), Box::pin(sleep_ms(wait as i32))).await;
                if let futures::future::Either::Left((Some(answer), _)) = next {
                    hand_in(&mut loader, &mut requests, answer);
                }
            }
            LoaderStep::Finished => break,
        }
        // Everything that has already arrived, before deciding again.
        while let Ok(answer) = answers.try_recv() {
            hand_in(&mut loader, &mut requests, answer);
        }
        on_progress(loader.progress(), loader.seats_so_far());
    }
    on_progress(loader.progress(), loader.seats_so_far());
    loader.into_result()
}

fn hand_in(loader: &mut PageLoader, requests: &mut Requests, answer: PageAnswer) {
    let (page, try_id, result) = answer;
    if !requests.finish(page, try_id, result.is_err()) {
        return;
    }
    loader.on_answer(page, result, now_ms());
}
