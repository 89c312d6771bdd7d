//! What a connected person sees: the billing summary (organizations), the seats, and the tabs; for an
//! organization also "Manage seats" and the write dialog, shared by the forms and the grid.

use copilot_api::insight::ViewTab;
use copilot_api::plan::exemption::ExemptionPlace;
use copilot_api::request::GetOrganizationBilling;
use copilot_api::Scope;
use leptos::prelude::*;

use crate::components::billing_summary::BillingSummary;
use crate::components::error_message::ErrorMessage;
use crate::components::exemptions::use_exemptions;
use crate::components::manage::confirm::ConfirmWrite;
use crate::components::manage::forms::ManagePanel;
use crate::components::manage::{BillingKnowledge, WriteDesk};
use crate::components::member_lookup::MemberLookupView;
use crate::components::seats_panel::SeatsPanel;
use crate::read_waits::ReadWaits;
use crate::session::{use_session, Connection};
use crate::view_url::use_view_url;
use copilot_api::remembered::DISCONNECT_LABEL;

#[component]
pub fn Workspace(connection: Connection) -> impl IntoView {
    let session = use_session();
    let view_url = use_view_url();
    let is_org = matches!(connection.scope, Scope::Organization(_));
    let tab = Memo::new(move |_| view_url.state.with(|s| s.tab));
    let tabs = ViewTab::offered(!is_org);
    let where_from =
        if connection.client.is_demo() { "the in-page demo".to_owned() } else { connection.client.base.to_string() };
    let heading = connection.scope.heading();

    // The billing summary: re-read on Refresh and after every write.
    let billing_connection = connection.clone();
    let billing = LocalResource::new(move || {
        session.refresh.track();
        let connection = billing_connection.clone();
        async move {
            match &connection.scope {
                Scope::Organization(org) => connection
                    .client
                    .call(&GetOrganizationBilling { org: org.clone() }, None)
                    .await
                    .map(|reply| Some((org.clone(), reply.body))),
                Scope::Enterprise(_) => Ok(None),
            }
        }
    });

    let billing_summary = Signal::derive(move || match billing.get() {
        Some(Ok(Some((_, billing)))) => Some(billing),
        _ => None,
    });

    // The write flows' shared state, before anything that uses it renders. What the billing summary says
    // about the seat-management setting decides whether writes are offered.
    let desk = is_org.then(WriteDesk::provide);
    if let Some(desk) = desk {
        Effect::new(move |_| {
            let knowledge = match billing.get() {
                None => BillingKnowledge::Reading,
                Some(Ok(Some((_, billing)))) => BillingKnowledge::Read(billing),
                Some(Ok(None)) => BillingKnowledge::Reading,
                Some(Err(error)) => BillingKnowledge::Unreadable(error),
            };
            desk.billing.set(knowledge);
        });
    }
    // The organization's exemption list: this tab's for it, or the one kept in this browser.
    match &connection.scope {
        Scope::Organization(org) => use_exemptions().attach(ExemptionPlace::new(connection.client.base.clone(), org)),
        Scope::Enterprise(_) => use_exemptions().detach(),
    }
    let dialog_connection = connection.clone();
    let panel_connection = connection.clone();
    view! {
        <div class="workspace-head">
            <h2>{heading}</h2>
            <span class="hint">"Data from " {where_from}</span>
            <button type="button" class="secondary" on:click=move |_| session.refresh.update(|n| *n += 1)>"Refresh"</button>
            <button type="button" class="secondary" on:click=move |_| session.disconnect_and_forget()>{DISCONNECT_LABEL}</button>
        </div>
        <ReadWaitNotice waits=connection.client.read_waits().clone() />
        <nav class="tabs" role="tablist" aria-label="Views">
            {tabs.into_iter().map(|(key, label)| view! {
                <button type="button" role="tab" aria-selected=move || (tab.get() == key).to_string()
                    on:click=move |_| view_url.update(true, |s| s.tab = key)>{label}</button>
            }).collect_view()}
        </nav>
        <Show when=move || is_org && tab.get() == ViewTab::Seats>
            <Transition fallback=|| view! { <p class="loading" role="status">"Reading the billing summary…"</p> }>
                {move || billing.get().map(|result| match result {
                    Ok(Some((org, billing))) => view! { <BillingSummary org billing /> }.into_any(),
                    Ok(None) => ().into_any(),
                    Err(error) => view! { <ErrorMessage error /> }.into_any(),
                })}
            </Transition>
        </Show>
        {
            let connection = panel_connection.clone();
            move || match tab.get() {
                ViewTab::Lookup if is_org => view! { <MemberLookupView connection=connection.clone() /> }.into_any(),
                ViewTab::Manage if is_org => {
                    view! { <ManagePanel org=connection.scope.name().to_owned() /> }.into_any()
                }
                _ => view! { <SeatsPanel connection=connection.clone() billing=billing_summary /> }.into_any(),
            }
        }
        {desk.map(|_| view! { <ConfirmWrite connection=dialog_connection /> })}
    }
}

/// A rate-limit wait that holds a single read, told with its time left (a second at a time).
#[component]
fn ReadWaitNotice(waits: ReadWaits) -> impl IntoView {
    let now = RwSignal::new(crate::clock::now_ms());
    let ticking =
        set_interval_with_handle(move || now.set(crate::clock::now_ms()), std::time::Duration::from_secs(1)).ok();
    on_cleanup(move || {
        if let Some(ticking) = ticking {
            ticking.clear();
        }
    });
    move || {
        waits.longest().map(|wait| {
            view! { <p class="notice" role="status" data-testid="read-wait">{move || wait.describe_held_read(now.get())}</p> }
        })
    }
}
