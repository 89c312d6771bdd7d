//! The "Revoke from a list" panel, folded under an organization's grid: a paste area (a CSV file may be
//! dropped on it) and a file input, what was read and against which seats, the two tables, the export, and
//! the button that proposes the revocable seats to the write desk.

use std::sync::Arc;

use copilot_api::insight::grants::GrantsGraph;
use copilot_api::insight::{SeatCoverage, SeatIndex, SeatPrices};
use copilot_api::plan::exemption::ExemptSeats;
use copilot_api::plan::offboarding::wording::{
    coverage_note, read_note, revoke_note, CHECK_BUTTON, EXPORT_BUTTON, FILE_LABEL, PANEL_HEADING, PANEL_HINT,
    PASTE_LABEL, REVOKE_BUTTON,
};
use copilot_api::plan::offboarding::{offboarding_file_name, read_listed_names, reconcile_list, ListedNames};
use copilot_api::Seat;
use leptos::prelude::*;

use super::tables::{ListedNamesTable, OutcomeCounts};
use crate::components::manage::{Proposal, WriteDesk};
use crate::download::download;
use crate::read_file::{dropped_file, file_text, read_chosen_file};

#[component]
pub fn OffboardingPanel(
    desk: WriteDesk,
    /// The loaded seats and their index (row `i` is seat `i`).
    #[prop(into)]
    seats: Signal<Arc<Vec<Seat>>>,
    #[prop(into)] index: Signal<Arc<SeatIndex>>,
    /// The exempt seats of this load: never proposed.
    exempt: Memo<Arc<ExemptSeats>>,
    /// Which seats are loaded: the names are checked against those only.
    #[prop(into)]
    coverage: Signal<SeatCoverage>,
    /// The organization: the proposal's and the export's.
    scope_name: String,
    /// The grid's prices: what the revoke stops billing, and what stays, is told at them.
    #[prop(into)]
    prices: Signal<SeatPrices>,
) -> impl IntoView {
    let text = RwSignal::new(String::new());
    let listed = RwSignal::new(None::<Arc<ListedNames>>);
    let problem = RwSignal::new(None::<String>);
    // Checked again whenever the seats or the exemptions change: after a revoke's re-read, the table
    // shows what GitHub now says.
    let reconciliation = Memo::new(move |_| {
        let listed = listed.get()?;
        let (seats, index) = (seats.get(), index.get());
        Some(Arc::new(exempt.with(|exempt| reconcile_list(&listed, &seats, &index, exempt))))
    });

    let check = move |source: String| match read_listed_names(&source) {
        Ok(names) => {
            listed.set(Some(Arc::new(names)));
            problem.set(None);
        }
        Err(error) => {
            listed.set(None);
            problem.set(Some(error.to_string()));
        }
    };
    let take_file = move |file: Option<Result<String, String>>| match file {
        None => {}
        Some(Ok(contents)) => {
            text.set(contents.clone());
            check(contents);
        }
        Some(Err(refusal)) => problem.set(Some(refusal)),
    };
    let choose = move |ev: leptos::ev::Event| read_chosen_file(&ev, take_file);
    let drop = move |ev: leptos::ev::DragEvent| {
        // Dropped text is the text area's own business; a file is read here.
        let Some(file) = dropped_file(&ev) else { return };
        ev.prevent_default();
        leptos::task::spawn_local(async move { take_file(Some(file_text(file).await)) });
    };
    let export = {
        let scope_name = scope_name.clone();
        move |_| {
            let Some(reconciliation) = reconciliation.get_untracked() else { return };
            let outcome = coverage.with_untracked(|coverage| {
                let name = offboarding_file_name(&scope_name, coverage, crate::clock::now_utc());
                reconciliation
                    .to_csv(coverage)
                    .map_err(|error| error.to_string())
                    .and_then(|csv| download(&name, "text/csv", &csv))
            });
            problem.set(outcome.err());
        }
    };
    // The same proposal the grid's selection makes: the dialog, batches, report and log are the desk's.
    let revoke = move |_| {
        let Some(reconciliation) = reconciliation.get_untracked() else { return };
        let index = index.get_untracked();
        // With what the revoke does to the bill, as the grid's selection says it.
        let selection = reconciliation.selection.clone().with_billing(
            &scope_name,
            &GrantsGraph::new(&index),
            &index,
            &prices.get_untracked(),
        );
        desk.proposal.set(Some(Proposal::Selection {
            org: scope_name.clone(),
            selected: reconciliation.matched,
            selection,
        }));
    };
    let revocable = move || reconciliation.with(|r| r.as_ref().is_some_and(|r| r.has_revocable()));

    view! {
        <details class="card offboarding">
            <summary><h3>{PANEL_HEADING}</h3></summary>
            <p class="hint">{PANEL_HINT}</p>
            <form class="offboarding-form" on:submit=move |ev| { ev.prevent_default(); check(text.get_untracked()); }>
                <label class="paste">
                    {PASTE_LABEL}
                    <textarea rows="5" spellcheck="false" autocomplete="off" placeholder="mona\n@octocat\nhubot"
                        prop:value=move || text.get() on:input=move |ev| text.set(event_target_value(&ev))
                        on:dragover=move |ev: leptos::ev::DragEvent| ev.prevent_default() on:drop=drop></textarea>
                </label>
                <div class="row">
                    <button type="submit" disabled=move || text.with(|t| t.trim().is_empty())>{CHECK_BUTTON}</button>
                    <label class="file-choice">
                        {FILE_LABEL}
                        <input type="file" accept=".csv,.txt,text/csv,text/plain" on:change=choose />
                    </label>
                </div>
            </form>
            {move || problem.get().map(|p| view! { <p class="error" role="alert">{p}</p> })}
            {move || listed.get().zip(reconciliation.get()).map(|(listed, reconciliation)| view! {
                <p class="hint" role="status">{read_note(&listed.shape, listed.entries.len())}</p>
                <p class="coverage-note hint">{move || coverage.with(coverage_note)}</p>
                <p class="hint">{revoke_note(&reconciliation)}</p>
            })}
            <Show when=move || reconciliation.with(Option::is_some)>
                <div class="row">
                    <button type="button" class="danger" on:click=revoke.clone()
                        disabled=move || !revocable() || desk.refusing_setting().is_some()>{REVOKE_BUTTON}</button>
                    <button type="button" class="secondary" on:click=export.clone()>{EXPORT_BUTTON}</button>
                </div>
                <OutcomeCounts reconciliation />
                <ListedNamesTable reconciliation />
            </Show>
        </details>
    }
}
