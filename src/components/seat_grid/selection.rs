//! Selecting seats to revoke: the selection as a set of logins (never DOM state, so it survives scrolling
//! the virtualized rows), and the bar that selects by rule (every seat matching the filter, every idle
//! seat), counts, and opens the revoke confirmation.

use std::collections::HashSet;
use std::sync::Arc;

use copilot_api::insight::grid::{include_signed_in_label, select_idle_label, select_matching_label, selected_label};
use copilot_api::insight::{GridView, StatusSet};
use copilot_api::plan::{plan_revocation, select_range};
use copilot_api::Seat;
use leptos::prelude::*;

use super::loaded::IndexedSeats;
use crate::components::manage::{Proposal, SettingRefusal, WriteDesk};
use crate::view_url::use_view_url;

/// The selected seats, by login (an organization's list holds each login once), and the anchor of the
/// next shift-click.
#[derive(Clone, Copy)]
pub(super) struct Selection {
    pub(super) logins: RwSignal<HashSet<String>>,
    anchor: RwSignal<Option<String>>,
}

impl Selection {
    pub(super) fn new() -> Self {
        Self { logins: RwSignal::new(HashSet::new()), anchor: RwSignal::new(None) }
    }

    pub(super) fn clear(&self) {
        self.logins.set(HashSet::new());
        self.anchor.set(None);
    }

    /// A plain click toggles the row; a shift-click selects the rows from the anchor to it, in the order shown.
    pub(super) fn click(&self, login: String, shift: bool, shown: impl FnOnce() -> Vec<String>) {
        if shift {
            let range = select_range(self.anchor.get_untracked().as_ref(), &login, &shown());
            self.logins.update(|logins| logins.extend(range));
        } else {
            self.logins.update(|logins| {
                if !logins.remove(&login) {
                    logins.insert(login.clone());
                }
            });
        }
        self.anchor.set(Some(login));
    }
}

/// Selecting by rule (every seat matching the filter, every idle one), the count, and "Revoke selected".
#[component]
pub(super) fn SelectionBar(
    desk: WriteDesk,
    selection: Selection,
    loaded: Signal<IndexedSeats>,
    view: Memo<Arc<GridView>>,
    scope_name: String,
) -> impl IntoView {
    let view_url = use_view_url();
    let threshold = Memo::new(move |_| view_url.state.with(|s| s.grid.threshold_days));
    let matching = Memo::new(move |_| view.with(|v| v.rows.len()));
    // Seats signed in without activity may be in use: "select all inactive" leaves them out unless asked.
    let include_signed_in = RwSignal::new(false);
    let signed_in_count = Memo::new(move |_| view.with(|v| v.total_counts.signed_in_no_activity));
    let idle_count = Memo::new(move |_| view.with(|v| v.reclaim_candidates(include_signed_in.get()).count()));
    let selected = Memo::new(move |_| selection.logins.with(HashSet::len));
    let select_matching = move |_| {
        let logins = loaded.with_untracked(|loaded| view.with_untracked(|v| loaded.logins_of(v.rows.iter().copied())));
        selection.logins.set(logins.into_iter().collect());
    };
    let select_idle = move |_| {
        let include = include_signed_in.get_untracked();
        let logins =
            loaded.with_untracked(|loaded| view.with_untracked(|v| loaded.logins_of(v.reclaim_candidates(include))));
        selection.logins.set(logins.into_iter().collect());
        // Show what was selected.
        view_url.update(true, |s| s.grid.statuses = StatusSet::reclaim(include));
    };
    let revoke = move |_| {
        let loaded = loaded.get_untracked();
        let chosen: Vec<&Seat> = selection.logins.with_untracked(|logins| {
            loaded.seats.iter().filter(|seat| seat.login().is_some_and(|login| logins.contains(login))).collect()
        });
        let proposal = Proposal::Selection {
            org: scope_name.clone(),
            selected: chosen.len(),
            selection: plan_revocation(&chosen),
        };
        desk.proposal.set(Some(proposal));
    };
    view! {
        <div class="selection-bar" role="group" aria-label="Selection">
            <button type="button" class="secondary" on:click=select_matching disabled=move || matching.get() == 0>
                {move || select_matching_label(matching.get())}
            </button>
            <button type="button" class="secondary" on:click=select_idle disabled=move || idle_count.get() == 0>
                {move || select_idle_label(idle_count.get(), threshold.get(), include_signed_in.get())}
            </button>
            {move || (signed_in_count.get() > 0).then(|| view! {
                <label class="inline">
                    <input type="checkbox" prop:checked=move || include_signed_in.get()
                        on:change=move |ev| include_signed_in.set(event_target_checked(&ev)) />
                    {move || include_signed_in_label(signed_in_count.get())}
                </label>
            })}
            <button type="button" class="secondary" on:click=move |_| selection.clear()
                disabled=move || selected.get() == 0>"Clear selection"</button>
            <span class="selected-count" data-testid="selected-count" aria-live="polite">
                {move || selected_label(selected.get())}
            </span>
            <button type="button" class="danger" on:click=revoke
                disabled=move || selected.get() == 0 || desk.refusing_setting().is_some()>"Revoke selected…"</button>
        </div>
        {move || desk.refusing_setting().map(|setting| view! { <SettingRefusal setting /> })}
    }
}
