//! The progress of "Load all seats", as a bar and the core's sentence.

use copilot_api::plan::loader::LoadProgress;
use leptos::prelude::*;

/// The progress of "Load all seats": pages and seats so far, of the total, and any rate-limit wait (the
/// core's words).
#[component]
pub(super) fn LoadBar(progress: LoadProgress) -> impl IntoView {
    let total = progress.pages_total.unwrap_or(0).max(1);
    view! {
        <div class="progress">
            <progress max=total value=progress.pages_done aria-label="Pages loaded"></progress>
            <span role="status">{progress.status(crate::clock::now_ms())}</span>
        </div>
    }
}
