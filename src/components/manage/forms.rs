//! The "Manage seats" tab: the four forms (assign and revoke, users and teams), what the organization's
//! settings mean for them, and the activity log.

use copilot_api::plan::write::{left_out_of_form, manage_hint, merged_duplicates, names_to_send};
use copilot_api::plan::WriteKind;
use copilot_api::{parse_name_list, PublicCodeSuggestions};
use leptos::prelude::*;

use super::activity::ActivityLogView;
use super::{use_write_desk, BillingKnowledge, Proposal, SettingRefusal, WriteDesk};

#[component]
pub fn ManagePanel(org: String) -> impl IntoView {
    let Some(desk) = use_write_desk() else {
        return view! { <p class="hint">"Seats can be managed for an organization only."</p> }.into_any();
    };
    let refused = Signal::derive(move || desk.refusing_setting().is_some());
    view! {
        <section class="card manage" aria-labelledby="manage-heading">
            <h2 id="manage-heading">"Manage seats in " {org.clone()}</h2>
            <p class="hint">{manage_hint()}</p>
            <SettingsNotice desk />
            <div class="write-forms">
                {[WriteKind::AssignUsers, WriteKind::RevokeUsers, WriteKind::AssignTeams, WriteKind::RevokeTeams]
                    .into_iter()
                    .map(|kind| view! { <NameForm kind org=org.clone() desk disabled=refused /> })
                    .collect_view()}
            </div>
        </section>
        <ActivityLogView />
    }
    .into_any()
}

/// What the billing summary says about writes: refused by the seat-management setting, a missing policy,
/// or not known at all.
#[component]
fn SettingsNotice(desk: WriteDesk) -> impl IntoView {
    move || {
        desk.billing.with(|billing| match billing {
            BillingKnowledge::Reading => {
                view! { <p class="loading" role="status">"Reading the organization's Copilot settings…"</p> }.into_any()
            }
            BillingKnowledge::Read(billing) if !billing.seat_management_setting.allows_assignment_through_api() => {
                view! { <SettingRefusal setting=billing.seat_management_setting /> }.into_any()
            }
            BillingKnowledge::Read(billing)
                if billing.public_code_suggestions == PublicCodeSuggestions::Unconfigured =>
            {
                view! {
                    <div class="notice" role="note">
                        "No public code suggestions policy is set for this organization: GitHub refuses to assign "
                        "seats until an owner chooses one under Settings → Copilot → Policies."
                    </div>
                }
                .into_any()
            }
            BillingKnowledge::Read(_) => ().into_any(),
            BillingKnowledge::Unreadable(error) => view! {
                <div class="notice" role="note">
                    "The organization's Copilot settings could not be read, so it is not known whether GitHub will "
                    "accept changes (it may refuse them, and will say why): "
                    {error.to_string()}
                </div>
            }
            .into_any(),
        })
    }
}

/// One of the four operations: a list of names, cleaned as it is typed, then the confirmation dialog.
#[component]
fn NameForm(kind: WriteKind, org: String, desk: WriteDesk, disabled: Signal<bool>) -> impl IntoView {
    let text = RwSignal::new(String::new());
    let names = Memo::new(move |_| text.with(|text| parse_name_list(text, kind.name_kind())));
    let heading_id = format!("form-{}", kind.operation().title().to_lowercase().replace([' ', '\''], "-"));
    let labelled_by = heading_id.clone();
    let label = kind.field_label();
    let placeholder = kind.placeholder();
    let on_submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let names = names.get_untracked();
        if names.valid.is_empty() || disabled.get_untracked() {
            return;
        }
        desk.proposal.set(Some(Proposal::Names { kind, org: org.clone(), names }));
    };
    view! {
        <section class="write-form" aria-labelledby=labelled_by>
            <h3 id=heading_id>{kind.title()}</h3>
            <form on:submit=on_submit>
                <fieldset disabled=move || disabled.get()>
                    <label>
                        {label}
                        <textarea rows="4" spellcheck="false" autocomplete="off" placeholder=placeholder
                            prop:value=move || text.get()
                            on:input=move |ev| text.set(event_target_value(&ev))></textarea>
                    </label>
                    <NamePreview names=names.into() />
                    <button type="submit" disabled=move || names.with(|n| n.valid.is_empty())>
                        {kind.form_button()}
                    </button>
                </fieldset>
            </form>
        </section>
    }
}

/// What the typed list became: the names kept, the duplicates merged, the entries left out and why.
#[component]
fn NamePreview(names: Signal<copilot_api::NameList>) -> impl IntoView {
    view! {
        <div class="name-preview" aria-live="polite">
            {move || names.with(|names| {
                let count = names.valid.len();
                (count > 0).then(|| view! {
                    <p class="hint">{names_to_send(&names.valid)}</p>
                })
            })}
            {move || names.with(|names| {
                (!names.duplicates.is_empty()).then(|| view! {
                    <p class="hint">{merged_duplicates(&names.duplicates)}</p>
                })
            })}
            {move || names.with(|names| {
                (!names.rejected.is_empty()).then(|| view! {
                    <div class="rejected">
                        <p>{left_out_of_form(names.rejected.len())}</p>
                        <ul>
                            {names.rejected.iter().map(|rejected| view! {
                                <li><code>{rejected.entry.clone()}</code> ": " {rejected.reason.clone()}</li>
                            }).collect_view()}
                        </ul>
                    </div>
                })
            })}
        </div>
    }
}
