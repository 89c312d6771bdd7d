use copilot_api::ApiError;
use leptos::prelude::*;

/// The core's actionable message for a failure, announced to screen readers.
#[component]
pub fn ErrorMessage(error: ApiError) -> impl IntoView {
    view! {
        <div class="error" role="alert">
            <strong>"Something went wrong. "</strong>
            {error.to_string()}
            {error.action_link().map(|link| view! {
                " "
                // A new tab, so the page (and the token in its memory) stays; no opener, no referrer.
                <a href=link.url target="_blank" rel="noopener noreferrer">{link.label}</a>
            })}
        </div>
    }
}
