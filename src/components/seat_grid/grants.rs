//! "A person's grants": type a login, and see every grant of theirs in the loaded seats (each
//! organization, team and enterprise team) with the removal that would end it, who else a team's removal
//! touches, and whether the billing can end at all. Folded under the grid beside "Cost by team", so it
//! needs no change to the virtualized rows, works for an organization and an enterprise alike, and costs
//! nothing until opened: the grants graph is built only while it is open, once per load.

use std::sync::Arc;

use copilot_api::insight::grants::{
    grant_source, grants_lookup_hint, no_grants_found, person_grants, GrantsGraph, GRANTS_HEADING, GRANTS_LOGIN_LABEL,
};
use copilot_api::insight::{SeatCoverage, SeatPrices};
use leptos::prelude::*;

use super::loaded::IndexedSeats;

#[component]
pub(super) fn GrantsPanel(
    loaded: Signal<IndexedSeats>,
    prices: RwSignal<SeatPrices>,
    coverage: Signal<SeatCoverage>,
    enterprise: bool,
    /// Names the organization of a list that does not name it.
    scope_name: String,
) -> impl IntoView {
    let open = RwSignal::new(false);
    let login = RwSignal::new(String::new());
    let graph = Memo::new(move |_| {
        if !open.get() {
            return None;
        }
        Some(loaded.with(|loaded| (loaded.generation, Arc::new(GrantsGraph::new(&loaded.index)))))
    });
    let found = move || {
        let typed = login.get();
        if typed.trim().is_empty() {
            return None;
        }
        let scope = scope_name.clone();
        Some(
            graph
                .with(|graph| {
                    let (_, graph) = graph.as_ref()?;
                    loaded.with(|loaded| {
                        prices.with(|prices| {
                            let person = person_grants(graph, &loaded.index, &typed, prices)?;
                            let lines: Vec<(String, String)> = person
                                .grants
                                .iter()
                                .map(|grant| (grant_source(&grant.grant, &scope), grant.removal_sentence()))
                                .collect();
                            Some((person.summary(), lines, person.verdict()))
                        })
                    })
                })
                .ok_or_else(|| no_grants_found(&typed)),
        )
    };

    view! {
        <details class="card grants" on:toggle=move |ev| open.set(event_target::<web_sys::HtmlDetailsElement>(&ev).open())>
            <summary><h3>{GRANTS_HEADING}</h3></summary>
            <Show when=move || open.get()>
                <p class="coverage" class:partial=move || coverage.with(|c| !c.holds_every_seat())>
                    {move || coverage.with(SeatCoverage::figure_note)}
                </p>
                <p class="hint">{grants_lookup_hint(enterprise)}</p>
                <label class="grants-login">
                    {GRANTS_LOGIN_LABEL}
                    <input type="search" spellcheck="false" autocomplete="off" prop:value=move || login.get()
                        on:input=move |ev| login.set(event_target_value(&ev)) />
                </label>
                <div role="region" aria-label="Grants" aria-live="polite" data-testid="person-grants">
                    {let found = found.clone(); move || found().map(|result| match result {
                        Ok((summary, lines, verdict)) => view! {
                            <p><strong>{summary}</strong></p>
                            <ul class="grant-list">
                                {lines.into_iter().map(|(source, removal)| view! {
                                    <li><strong>{source}</strong>" — "{removal}</li>
                                }).collect_view()}
                            </ul>
                            <p class="hint">{verdict}</p>
                        }.into_any(),
                        Err(none) => view! { <p>{none}</p> }.into_any(),
                    })}
                </div>
            </Show>
        </details>
    }
}
