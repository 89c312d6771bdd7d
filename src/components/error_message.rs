use copilot_api::ApiError;
use leptos::prelude::*;

/// The core's actionable message for a failure, announced to screen readers.
#[component]
pub fn ErrorMessage(error: ApiError) -> impl IntoView {
    view! {
        <div class="error" role="alert">
            <strong>"Something went wrong. "</strong>
            {error.to_string()}
        </div>
    }
}
