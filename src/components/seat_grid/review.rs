//! "Compare with an earlier export", folded under the grid: a seat export of this app chosen or dropped
//! here is read (`copilot_api::insight::review`), compared user by user with the seats loaded now, and
//! shown as which sets are compared, what to know about them, and one button a group with its count; a
//! button narrows the grid to that group (`changed=` in the URL), and the comparison downloads as a CSV.
//! Everything said here is the core's.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use copilot_api::insight::review::wording::{
    changed_summary, compared_sets, comparison_notes, grid_shows, no_comparison_loaded, FILE_LABEL, PANEL_HEADING,
    PANEL_HINT,
};
use copilot_api::insight::review::{
    comparison_csv, comparison_file_name, read_earlier_export, ChangeGroup, ChangedFilter, Comparison, EarlierExport,
    LoginSet, Snapshot,
};
use copilot_api::insight::{GridState, SeatCoverage, StatusRules};
use copilot_api::Scope;
use leptos::prelude::*;

use super::loaded::IndexedSeats;
use crate::download::download;
use crate::read_file::{dropped_file, file_text, read_chosen_file};
use crate::view_url::use_view_url;

/// The earlier export the page holds, and its comparison with the seats loaded now.
#[derive(Clone, Copy)]
pub(super) struct Review {
    earlier: RwSignal<Option<Arc<EarlierExport>>>,
    comparison: Memo<Option<Arc<Comparison>>>,
    /// The rules today's statuses are decided by, for the comparison and its notes alike.
    rules: Memo<Option<StatusRules>>,
    /// The logins of the group the URL names, once a comparison is loaded.
    group_logins: Memo<Option<Arc<LoginSet>>>,
}

impl Review {
    pub(super) fn new(loaded: Signal<IndexedSeats>, now: RwSignal<DateTime<Utc>>) -> Self {
        let view_url = use_view_url();
        let earlier = RwSignal::new(None::<Arc<EarlierExport>>);
        let grid_rules = Memo::new(move |_| view_url.state.with(|state| state.grid.status_rules()));
        let rules = Memo::new(move |_| earlier.with(|earlier| Some(earlier.as_ref()?.meta.rules_or(grid_rules.get()))));
        let comparison = Memo::new(move |_| {
            let earlier = earlier.get()?;
            let rules = rules.get()?;
            let current =
                loaded.with(|loaded| Snapshot::of_seats(&loaded.seats, now.get(), rules, loaded.organization_plan));
            Some(Arc::new(Comparison::new(Snapshot::of_export(&earlier), current)))
        });
        let group = Memo::new(move |_| view_url.state.with(|state| state.grid.changed.as_ref().map(|c| c.group)));
        let group_logins = Memo::new(move |_| {
            let group = group.get()?;
            comparison.with(|comparison| comparison.as_ref().map(|comparison| Arc::new(comparison.logins(group))))
        });
        Self { earlier, comparison, rules, group_logins }
    }

    /// The URL's grid state with the logins of its comparison group filled in.
    pub(super) fn narrow(&self, mut state: GridState) -> GridState {
        if let Some(changed) = state.changed.as_mut() {
            *changed = ChangedFilter { group: changed.group, logins: self.group_logins.get() };
        }
        state
    }
}

#[component]
pub(super) fn ReviewPanel(
    review: Review,
    coverage: Signal<SeatCoverage>,
    scope: Scope,
    now: RwSignal<DateTime<Utc>>,
) -> impl IntoView {
    let view_url = use_view_url();
    let problem = RwSignal::new(None::<String>);
    let chosen =
        move |group: ChangeGroup| view_url.state.with(|s| s.grid.changed.as_ref().map(|c| c.group) == Some(group));
    let filtered_group = Memo::new(move |_| view_url.state.with(|s| s.grid.changed.as_ref().map(|c| c.group)));
    let read = move |outcome: Option<Result<String, String>>| match outcome {
        None => {}
        Some(text) => match text.and_then(|text| read_earlier_export(&text).map_err(|error| error.to_string())) {
            Ok(export) => {
                problem.set(None);
                review.earlier.set(Some(Arc::new(export)));
            }
            Err(refusal) => problem.set(Some(refusal)),
        },
    };
    let choose = move |ev: leptos::ev::Event| read_chosen_file(&ev, read);
    let drop = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        let Some(file) = dropped_file(&ev) else { return };
        leptos::task::spawn_local(async move { read(Some(file_text(file).await)) });
    };
    let compared = Memo::new(move |_| {
        review.earlier.with(|earlier| earlier.as_ref().map(|earlier| coverage.with(|now| compared_sets(earlier, now))))
    });
    let scope = StoredValue::new(scope);
    let notes = Memo::new(move |_| {
        let rules = review.rules.get()?;
        review.earlier.with(|earlier| {
            earlier.as_ref().map(|earlier| {
                scope.with_value(|scope| coverage.with(|now| comparison_notes(earlier, scope, rules, now)))
            })
        })
    });
    let toggle = move |group: ChangeGroup| {
        let next = (!chosen(group)).then(|| ChangedFilter::group(group));
        view_url.update(true, |s| s.grid.changed = next);
    };
    let show_all = move |_| view_url.update(true, |s| s.grid.changed = None);
    let export = move |_| {
        let Some(comparison) = review.comparison.get_untracked() else { return };
        let exported_at = review.earlier.with_untracked(|e| e.as_ref().and_then(|e| e.meta.exported_at));
        let sentence = compared.get_untracked().unwrap_or_default();
        let outcome =
            comparison_csv(&comparison, exported_at, &sentence).map_err(|error| error.to_string()).and_then(|text| {
                download(
                    &scope.with_value(|scope| comparison_file_name(scope.name(), now.get_untracked())),
                    "text/csv",
                    &text,
                )
            });
        problem.set(outcome.err());
    };

    view! {
        <details class="card review" on:dragover=|ev: leptos::ev::DragEvent| ev.prevent_default() on:drop=drop>
            <summary><h3>{PANEL_HEADING}</h3></summary>
            <p class="hint">{PANEL_HINT}</p>
            <label class="file-choice">
                {FILE_LABEL}
                <input type="file" accept=".json,.csv,application/json,text/csv" on:change=choose />
            </label>
            {move || problem.get().map(|p| view! { <p class="error" role="alert">{p}</p> })}
            {move || {
                let group = filtered_group.get()?;
                review.comparison.with(Option::is_none).then(|| view! {
                    <p class="note" role="note">{no_comparison_loaded(group)}</p>
                    <button type="button" class="secondary" on:click=show_all>"Show every seat"</button>
                })
            }}
            {move || review.comparison.get().map(|comparison| view! {
                <p class="review-compared" data-testid="review-compared">{compared.get()}</p>
                <ul class="hint review-notes">
                    {notes.get().unwrap_or_default().into_iter().map(|note| view! { <li>{note}</li> }).collect_view()}
                </ul>
                <p role="status">{changed_summary(&comparison)}</p>
                <div class="review-groups" role="group" aria-label="What changed, by group">
                    {ChangeGroup::ALL.into_iter().map(|group| view! {
                        <button type="button" class="chip" title=group.meaning()
                            aria-pressed=move || chosen(group).to_string() on:click=move |_| toggle(group)>
                            {group.button(comparison.count(group))}
                        </button>
                    }).collect_view()}
                </div>
                {move || filtered_group.get().map(|group| view! {
                    <p class="hint">{grid_shows(group)}</p>
                })}
                <div class="row">
                    <button type="button" class="secondary" on:click=export>"Export the comparison as CSV"</button>
                    <Show when=move || filtered_group.get().is_some()>
                        <button type="button" class="secondary" on:click=show_all>"Show every seat"</button>
                    </Show>
                </div>
            })}
        </details>
    }
}
