//! Selecting seats to revoke: the selection as a set of logins (never DOM state, so it survives scrolling
//! the virtualized rows), and the bar that selects by rule (every seat matching the filter, every idle
//! seat), counts, and opens the revoke confirmation.

use std::collections::HashSet;
use std::sync::Arc;

use copilot_api::insight::grants::GrantsGraph;
use copilot_api::insight::grid::{include_signed_in_label, select_idle_label, select_matching_label, selected_label};
use copilot_api::insight::{GridView, SeatPrices, StatusSet};
use copilot_api::plan::exemption::wording::{exempt_loaded_note, left_out_note};
use copilot_api::plan::exemption::ExemptSeats;
use copilot_api::plan::{plan_revocation_with, select_range};
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
    /// Left out of every rule-based selection: a shift-click's range and the bar's helpers.
    exempt: Memo<Arc<ExemptSeats>>,
    /// How many exempt seats the last rule-based selection left out, said beside the count.
    left_out: RwSignal<usize>,
}

impl Selection {
    pub(super) fn new(exempt: Memo<Arc<ExemptSeats>>) -> Self {
        Self { logins: RwSignal::new(HashSet::new()), anchor: RwSignal::new(None), exempt, left_out: RwSignal::new(0) }
    }

    /// Replaces the selection with what a rule matched, less the exempt seats.
    fn select_by_rule(&self, matched: Vec<String>) {
        let chosen = self.exempt.with_untracked(|exempt| exempt.select(matched.iter().map(String::as_str)));
        self.left_out.set(chosen.left_out);
        self.logins.set(chosen.logins.into_iter().collect());
    }

    pub(super) fn clear(&self) {
        self.logins.set(HashSet::new());
        self.anchor.set(None);
        self.left_out.set(0);
    }

    /// A plain click toggles the row; a shift-click selects the rows from the anchor to it, in the order shown.
    pub(super) fn click(&self, login: String, shift: bool, shown: impl FnOnce() -> Vec<String>) {
        if shift {
            let range = select_range(self.anchor.get_untracked().as_ref(), &login, &shown());
            let chosen = self.exempt.with_untracked(|exempt| exempt.select_range(range, &login));
            self.left_out.set(chosen.left_out);
            self.logins.update(|logins| logins.extend(chosen.logins));
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
    exempt: Memo<Arc<ExemptSeats>>,
    /// The grid's prices: the confirmation's money is the grid's.
    prices: RwSignal<SeatPrices>,
    scope_name: String,
) -> impl IntoView {
    let view_url = use_view_url();
    let exempt_count = Memo::new(move |_| exempt.with(|exempt| exempt.len()));
    let threshold = Memo::new(move |_| view_url.state.with(|s| s.grid.threshold_days));
    let matching = Memo::new(move |_| view.with(|v| v.rows.len()));
    // Seats signed in without activity may be in use: "select all inactive" leaves them out unless asked.
    let include_signed_in = RwSignal::new(false);
    let signed_in_count = Memo::new(move |_| view.with(|v| v.total_counts.signed_in_no_activity));
    let idle_count = Memo::new(move |_| view.with(|v| v.reclaim_candidates(include_signed_in.get()).count()));
    let selected = Memo::new(move |_| selection.logins.with(HashSet::len));
    let select_matching = move |_| {
        let logins = loaded.with_untracked(|loaded| view.with_untracked(|v| loaded.logins_of(v.rows.iter().copied())));
        selection.select_by_rule(logins);
    };
    let select_idle = move |_| {
        let include = include_signed_in.get_untracked();
        let logins =
            loaded.with_untracked(|loaded| view.with_untracked(|v| loaded.logins_of(v.reclaim_candidates(include))));
        selection.select_by_rule(logins);
        // Show what was selected.
        view_url.update(true, |s| s.grid.statuses = StatusSet::reclaim(include));
    };
    let revoke = move |_| {
        let loaded = loaded.get_untracked();
        let chosen: Vec<&Seat> = selection.logins.with_untracked(|logins| {
            loaded.seats.iter().filter(|seat| seat.login().is_some_and(|login| logins.contains(login))).collect()
        });
        // An exempt seat selected by hand is shown and skipped; a team granting one is not revoked whole.
        let proposal = Proposal::Selection {
            org: scope_name.clone(),
            selected: chosen.len(),
            // With what the revoke does to the bill: the grants of every loaded seat, built on the click.
            selection: exempt.with_untracked(|exempt| plan_revocation_with(&chosen, exempt)).with_billing(
                &scope_name,
                &GrantsGraph::new(&loaded.index),
                &loaded.index,
                &prices.get_untracked(),
            ),
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
            {move || left_out_note(selection.left_out.get()).map(|note| view! { <span class="hint" data-testid="exempt-left-out">{note}</span> })}
            {move || (exempt_count.get() > 0).then(|| view! { <span class="hint" data-testid="exempt-loaded">{exempt_loaded_note(exempt_count.get())}</span> })}
            <button type="button" class="danger" on:click=revoke
                disabled=move || selected.get() == 0 || desk.refusing_setting().is_some()>"Revoke selected…"</button>
        </div>
        {move || desk.refusing_setting().map(|setting| view! { <SettingRefusal setting /> })}
    }
}
