//! A part of the page that lives in its own WebAssembly chunk (see scripts/build-app.mjs and
//! `crate::parts`): a waiting line while the chunk arrives, then the part; a clear message, a retry button
//! and a way out if the chunk cannot be fetched, never a panic.
//!
//! Not a `<Suspense>`: every resource the part reads later (the seats on Refresh, after a write) would
//! count as the Suspense's own and hide the whole part again while it loads. The chunk is fetched first
//! (`fetch`), and the part is then rendered synchronously in an ordinary reactive closure: once its chunk
//! is in, a split function's future is ready at its first poll (the loader keeps what it loaded).

use std::future::Future;

use copilot_api::page_parts::{PagePart, RETRY_PART_LABEL};
use futures::FutureExt;
use leptos::prelude::*;
use leptos::task::spawn_local_scoped_with_cancellation;
use leptos::wasm_split::SplitLoaderError;

/// A chunk that could not be fetched or instantiated (the browser's console has the details). Its own
/// type rather than an `ApiError`: nothing was asked of the API, and the page says so.
#[derive(Debug)]
pub struct PartLoadError;

impl From<SplitLoaderError> for PartLoadError {
    fn from(_: SplitLoaderError) -> Self {
        PartLoadError
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum ChunkState {
    Fetching,
    Ready,
    Failed,
}

/// Shows `render`'s view once `fetch` has brought its chunk in. `leave` is offered beside the retry: the
/// way out the part itself would have offered (for the workspace, disconnecting).
#[component]
pub fn LazyPart<Fetch, FetchFut, Render, RenderFut>(
    part: PagePart,
    fetch: Fetch,
    render: Render,
    /// A button beside "Try again": its label, and what it does.
    leave: (&'static str, Callback<()>),
) -> impl IntoView
where
    Fetch: Fn() -> FetchFut + Copy + Send + Sync + 'static,
    FetchFut: Future<Output = Result<(), SplitLoaderError>> + 'static,
    Render: Fn() -> RenderFut + Send + Sync + 'static,
    RenderFut: Future<Output = Result<AnyView, PartLoadError>> + 'static,
{
    // A chunk already in (a reconnect) shows at once, with no waiting line.
    let loaded = matches!(fetch().now_or_never(), Some(Ok(())));
    let state = RwSignal::new(if loaded { ChunkState::Ready } else { ChunkState::Fetching });
    // The part's own owner, not the one current when "Try again" is pressed: that is the failure view's,
    // which the retry itself replaces (and its cleanup would cancel the fetch it just started).
    let owner = Owner::current();
    let start = move || {
        state.set(ChunkState::Fetching);
        let fetch_chunk = async move {
            let fetched = fetch().await;
            state.set(if fetched.is_ok() { ChunkState::Ready } else { ChunkState::Failed });
        };
        // Tied to this part: if it goes (a disconnect) before the chunk is in, the task is dropped.
        match &owner {
            Some(owner) => owner.with(|| spawn_local_scoped_with_cancellation(fetch_chunk)),
            None => spawn_local_scoped_with_cancellation(fetch_chunk),
        }
    };
    if !loaded {
        start();
    }
    move || match state.get() {
        ChunkState::Fetching => view! { <p class="loading" role="status">{part.waiting()}</p> }.into_any(),
        ChunkState::Ready => match render().now_or_never() {
            Some(Ok(view)) => view,
            Some(Err(PartLoadError)) => failed(part, start.clone(), leave),
            None => {
                leptos::logging::error!("{}: its chunk was loaded, yet its first call was not ready", part.name());
                failed(part, start.clone(), leave)
            }
        },
        ChunkState::Failed => failed(part, start.clone(), leave),
    }
}

fn failed(part: PagePart, retry: impl Fn() + 'static, (leave_label, leave): (&'static str, Callback<()>)) -> AnyView {
    view! {
        <div class="error" role="alert">
            <p>{part.failed()}</p>
            <button type="button" on:click=move |_| retry()>{RETRY_PART_LABEL}</button>
            " "
            <button type="button" class="secondary" on:click=move |_| leave.run(())>{leave_label}</button>
        </div>
    }
    .into_any()
}
