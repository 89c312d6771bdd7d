use leptos::prelude::*;

use crate::components::connect::ConnectForm;
use crate::components::exemptions::Exemptions;
use crate::components::manage::activity::TabActivity;
use crate::lazy_part::LazyPart;
use crate::parts::{preload_workspace, workspace_view};
use crate::session::{use_session, Session};
use crate::view_url::provide_view_url;
use copilot_api::page_parts::PagePart;
use copilot_api::remembered::DISCONNECT_LABEL;

/// The whole page. Every path shows the same app (it may be hosted under any path); the view is in the
/// query string.
#[component]
pub fn App() -> impl IntoView {
    Session::provide();
    provide_view_url();
    // The activity log outlives every connection of the tab.
    TabActivity::provide();
    // So does the exemption list: a reconnect must not forget who is never to be revoked.
    Exemptions::provide();
    let session = use_session();
    view! {
        <header class="top">
            <h1>"Copilot seats"</h1>
            <p class="tagline">"Manage GitHub Copilot licences: who has one, who uses it, what it costs."</p>
        </header>
        <main>
            <Show when=move || session.connection.with(Option::is_none)>
                <ConnectForm />
            </Show>
            {move || session.connection.get().map(|connection| view! {
                <LazyPart part=PagePart::Workspace fetch=preload_workspace render=move || workspace_view(connection.clone())
                    leave=(DISCONNECT_LABEL, Callback::new(move |()| session.disconnect_and_forget())) />
            })}
        </main>
    }
}
