//! Reads seat pages: one page on its own, or every page through the core's paced page loader
//! (`copilot_api::plan::PageLoader`), which `crate::paced` drives with these reads. All decisions
//! (concurrency, the per-minute budget, retries, rate-limit waits, order, duplicates) are the loader's.

use std::cell::Cell;
use std::rc::Rc;

use copilot_api::plan::loader::{AnsweredPage, LoadProgress, LoaderConfig, PageLoader, SeatsOfEveryPage};
use copilot_api::request::{ListEnterpriseSeats, ListOrganizationSeats};
use copilot_api::{ApiError, ApiRequest, Scope, Seat};

use crate::client::{Client, Reply};
use crate::paced::drive;

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
    let send = |_page, request, abort: Option<web_sys::AbortSignal>| {
        let (client, scope) = (client.clone(), scope.clone());
        async move { fetch_page(&client, &scope, request, abort.as_ref(), Tries::Once).await }
    };
    let report = |loader: &PageLoader| on_progress(loader.progress(), loader.seats_so_far());
    drive(&mut loader, send, || stop.get(), report).await;
    loader.into_result()
}
