//! A part of the page that lives in its own WebAssembly chunk (see scripts/build-app.mjs and
//! `crate::parts`): a waiting line while the chunk arrives, then the part; a clear message and a retry
//! button if the chunk cannot be fetched, never a panic.
//!
//! Not a `<Suspense>`: every resource the part reads later (the seats on Refresh, after a write) would
//! count as the Suspense's own and hide the whole part again while it loads. The chunk is fetched first
//! (`fetch`), and the part is then rendered synchronously in an ordinary reactive closure: once its chunk is
//! in, a split function's future is ready at its first poll.

use std::future::Future;

use copilot_api::page_parts::{PagePart, RETRY_PART_LABEL};
use futures::FutureExt;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos::wasm_split::SplitLoaderError;

/// A chunk that could not be fetched or instantiated (the browser's console has the details).
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

/// Shows `render`'s view once `fetch` has brought its chunk in.
#[component]
pub fn LazyPart<Fetch, FetchFut, Build, BuildFut>(part: PagePart, fetch: Fetch, render: Build) -> impl IntoView
where
    Fetch: Fn() -> FetchFut + Copy + Send + Sync + 'static,
    FetchFut: Future<Output = Result<(), SplitLoaderError>> + 'static,
    Build: Fn() -> BuildFut + Send + Sync + 'static,
    BuildFut: Future<Output = Result<AnyView, PartLoadError>> + 'static,
{
    let state = RwSignal::new(ChunkState::Fetching);
    let start = move || {
        state.set(ChunkState::Fetching);
        spawn_local(async move {
            let fetched = fetch().await;
            state.set(if fetched.is_ok() { ChunkState::Ready } else { ChunkState::Failed });
        });
    };
    start();
    move || match state.get() {
        ChunkState::Fetching => view! { <p class="loading" role="status">{part.waiting()}</p> }.into_any(),
        ChunkState::Ready => match render().now_or_never() {
            Some(Ok(view)) => view,
            // Not expected once the chunk is in; said as a failure rather than left blank.
            Some(Err(PartLoadError)) | None => failed(part, start),
        },
        ChunkState::Failed => failed(part, start),
    }
}

fn failed(part: PagePart, retry: impl Fn() + 'static) -> AnyView {
    view! {
        <div class="error" role="alert">
            <p>{part.failed()}</p>
            <button type="button" on:click=move |_| retry()>{RETRY_PART_LABEL}</button>
        </div>
    }
    .into_any()
}
