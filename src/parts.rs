//! The page's parts that arrive in WebAssembly chunks of their own, fetched when first needed (cut by
//! scripts/build-app.mjs at each `wasm_split` function below; `LazyPart` shows them).
//!
//! `fallible`: a chunk that cannot be fetched is an error the page shows, with a retry, not a panic.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::components::workspace::Workspace;
use crate::lazy_part::PartLoadError;
use crate::session::Connection;

/// Everything a connected person sees (the `workspace` chunk): a person who only opens the page
/// downloads the connect screen alone.
#[leptos::wasm_split::wasm_split(workspace, wasm_split_path = ::leptos::wasm_split, fallible, preload(preload_workspace))]
pub fn workspace_view(connection: Connection) -> Result<AnyView, PartLoadError> {
    Ok(view! { <Workspace connection /> }.into_any())
}

/// Starts fetching the workspace's chunk, once, while the person is still filling in the connect form,
/// so that connecting does not wait for it. A failure here is silent: `LazyPart` reports it, with a
/// retry, if the part is still missing when it is needed.
pub fn fetch_workspace_early() {
    thread_local! {
        static STARTED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    }
    if STARTED.with(|started| started.replace(true)) {
        return;
    }
    spawn_local(async {
        if preload_workspace().await.is_err() {
            STARTED.with(|started| started.set(false));
        }
    });
}
