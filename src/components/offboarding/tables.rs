//! The two tables of a reconciled list: how many names came to each outcome, and each name (the first
//! `ROWS_SHOWN` of a long list) with the login it matched and what it comes to.

use std::sync::Arc;

use copilot_api::plan::offboarding::wording::{
    outcome_heading, outcome_text, rows_shown_note, COUNTS_CAPTION, NAMES_CAPTION, ROWS_SHOWN,
};
use copilot_api::plan::offboarding::{OutcomeKind, Reconciliation};
use leptos::prelude::*;

/// The counts per outcome, every outcome listed (a zero says so).
#[component]
pub(super) fn OutcomeCounts(reconciliation: Memo<Option<Arc<Reconciliation>>>) -> impl IntoView {
    let counts = move || reconciliation.with(|r| r.as_ref().map(|r| r.counts)).unwrap_or_default();
    view! {
        <table class="per-org offboarding-counts">
            <caption>{COUNTS_CAPTION}</caption>
            <thead><tr><th scope="col">"Outcome"</th><th scope="col">"Names"</th></tr></thead>
            <tbody>
                {OutcomeKind::ALL.into_iter().map(|kind| view! {
                    <tr>
                        <th scope="row">{outcome_heading(kind)}</th>
                        <td class="num">{move || copilot_api::format::count(counts().of(kind))}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
}

/// Each name of the list, in its order.
#[component]
pub(super) fn ListedNamesTable(reconciliation: Memo<Option<Arc<Reconciliation>>>) -> impl IntoView {
    let rows = move || {
        reconciliation.with(|r| r.as_ref().map(|r| r.rows.iter().take(ROWS_SHOWN).cloned().collect::<Vec<_>>()))
    };
    let shown_note = move || reconciliation.with(|r| r.as_ref().and_then(|r| rows_shown_note(r.rows.len())));
    view! {
        <div class="per-org-scroll" tabindex="0" role="region" aria-label=NAMES_CAPTION>
            <table class="per-org offboarding-names">
                <caption>{NAMES_CAPTION}</caption>
                <thead><tr><th scope="col">"Line"</th><th scope="col">"Name"</th><th scope="col">"Login"</th><th scope="col">"Outcome"</th></tr></thead>
                <tbody>
                    {move || rows().unwrap_or_default().into_iter().map(|row| view! {
                        <tr>
                            <td class="num">{row.line}</td>
                            <td>{row.entry.clone()}</td>
                            <td>{row.login.clone().unwrap_or_default()}</td>
                            <td>{outcome_text(&row.outcome)}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
        {move || shown_note().map(|note| view! { <p class="hint">{note}</p> })}
    }
}
