//! The exemptions panel, folded under the grid: a form that adds an entry (login or team, reason, last
//! day), the list with a Remove button per entry, and what the core says about where the list is kept.

use copilot_api::plan::exemption::wording::{expiry_text, imported_note, panel_heading, EXPIRY_HINT, KEPT_IN_THIS_TAB};
use copilot_api::plan::exemption::{
    parse_expiry, read_exemptions, ExemptKind, Exemption, ExemptionFormat, KEEP_HINT, KEEP_LABEL,
};
use leptos::prelude::*;

use super::{today, use_exemptions};
use crate::download::download;
use crate::read_file::read_chosen_file;

#[component]
pub fn ExemptionsPanel() -> impl IntoView {
    let exemptions = use_exemptions();
    let kind = RwSignal::new(ExemptKind::User);
    let name = RwSignal::new(String::new());
    let reason = RwSignal::new(String::new());
    let expires = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<String>);
    let imported = RwSignal::new(None::<String>);
    let entries = Memo::new(move |_| exemptions.list.with(|list| list.entries().to_vec()));

    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let entry = parse_expiry(&expires.get_untracked()).and_then(|last_day| {
            Exemption::new(kind.get_untracked(), &name.get_untracked(), &reason.get_untracked(), last_day)
        });
        match entry {
            Ok(entry) => {
                exemptions.update(|list| {
                    list.insert(entry);
                });
                name.set(String::new());
                reason.set(String::new());
                expires.set(String::new());
                problem.set(None);
            }
            Err(refusal) => problem.set(Some(refusal)),
        }
    };

    // All or nothing: a file with one bad entry changes nothing, and the error names its line or entry.
    let import = move |ev: leptos::ev::Event| {
        read_chosen_file(&ev, move |outcome| {
            match outcome.map(|text| text.and_then(|text| read_exemptions(&text).map_err(|error| error.to_string()))) {
                None => {}
                Some(Ok(list)) => {
                    let counts = exemptions.update(|current| current.merge(list)).unwrap_or_default();
                    problem.set(None);
                    imported.set(Some(imported_note(counts.added, counts.replaced)));
                }
                Some(Err(refusal)) => {
                    imported.set(None);
                    problem.set(Some(refusal));
                }
            }
        });
    };
    let export = move |format: ExemptionFormat| {
        let text = exemptions.list.with_untracked(|list| format.write(list));
        problem.set(download(&format.file_name(), format.mime(), &text).err());
    };

    view! {
        <details class="card exemptions">
            <summary><h3>{move || panel_heading(entries.with(Vec::len))}</h3></summary>
            <p class="hint">{KEPT_IN_THIS_TAB}</p>
            <label class="inline keep-list">
                <input type="checkbox" prop:checked=move || exemptions.kept.get()
                    disabled=move || exemptions.place.with(Option::is_none)
                    on:change=move |ev| exemptions.keep(event_target_checked(&ev)) />
                {KEEP_LABEL}
            </label>
            <p class="hint">{KEEP_HINT}</p>
            {move || exemptions.notice.get().map(|note| view! { <p class="notice" role="status" data-testid="kept-notice">{note}</p> })}
            <form class="row exemption-form" on:submit=add>
                <label>
                    "Exempt a"
                    <select on:change=move |ev| kind.set(if event_target_value(&ev) == "team" { ExemptKind::Team } else { ExemptKind::User })>
                        <option value="login" selected=true>"Login"</option>
                        <option value="team">"Team (slug)"</option>
                    </select>
                </label>
                <label>
                    "Name"
                    <input type="text" spellcheck="false" autocomplete="off" prop:value=move || name.get()
                        on:input=move |ev| name.set(event_target_value(&ev)) />
                </label>
                <label>
                    "Reason"
                    <input type="text" placeholder="service account" prop:value=move || reason.get()
                        on:input=move |ev| reason.set(event_target_value(&ev)) />
                </label>
                <label title=EXPIRY_HINT>
                    "Exempt through (optional)"
                    <input type="date" prop:value=move || expires.get()
                        on:input=move |ev| expires.set(event_target_value(&ev)) />
                </label>
                <button type="submit">"Add to the exemptions"</button>
            </form>
            {move || problem.get().map(|p| view! { <p class="error" role="alert">{p}</p> })}
            {move || imported.get().map(|note| view! { <p class="hint" role="status">{note}</p> })}
            <div class="row">
                <label class="file-choice">
                    "Import a list (JSON or CSV)"
                    <input type="file" accept=".json,.csv,application/json,text/csv" on:change=import />
                </label>
                <button type="button" class="secondary" on:click=move |_| export(ExemptionFormat::Json)
                    disabled=move || entries.with(Vec::is_empty)>"Export the list as JSON"</button>
                <button type="button" class="secondary" on:click=move |_| export(ExemptionFormat::Csv)
                    disabled=move || entries.with(Vec::is_empty)>"Export the list as CSV"</button>
            </div>
            <Show when=move || entries.with(|e| !e.is_empty())>
                <div class="per-org-scroll" tabindex="0" role="region" aria-label="Exempt names">
                    <table class="exemption-list">
                        <thead><tr><th scope="col">"Name"</th><th scope="col">"Kind"</th><th scope="col">"Reason"</th><th scope="col">"Exempt"</th><th scope="col">"Remove"</th></tr></thead>
                        <tbody>
                            {move || entries.get().into_iter().map(|entry| {
                                let key = entry.key();
                                let label = format!("Remove {} from the exemptions", entry.name);
                                view! {
                                    <tr>
                                        <td>{entry.name.clone()}</td>
                                        <td>{match entry.kind { ExemptKind::User => "Login", ExemptKind::Team => "Team" }}</td>
                                        <td>{entry.reason.clone()}</td>
                                        <td>{expiry_text(entry.expires, today())}</td>
                                        <td><button type="button" class="secondary" aria-label=label
                                            on:click=move |_| { exemptions.update(|list| { list.remove(&key); }); }>"Remove"</button></td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            </Show>
        </details>
    }
}
