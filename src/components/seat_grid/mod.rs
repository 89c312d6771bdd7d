//! The seat grid: toolbar, per-status counts and idle cost, and a virtualized table. Everything it shows
//! is computed by `copilot_api::insight::grid_view` from the loaded seats, the URL's grid state and now;
//! the DOM holds only the rows in sight plus a small overscan, whatever the number of seats.
//!
//! For an organization, seats can be selected (checkboxes, shift-click for a range, every seat matching
//! the filter, every idle seat) and revoked through the write dialog; exempt seats (the `exemptions`
//! panel) are badged, left out of the selection helpers and skipped by a revoke.
//!
//! One file a part: `loaded` (the seats and their index), `toolbar` (search, threshold, statuses,
//! filter menus, prices) with `search` (its pacing), `summary` (the figures and what they cover),
//! `selection` (what is selected and the bar that acts on it), `table` and `cells` (the rows),
//! `chargeback` (cost by team or organization), `grants` (a person's grants and what ends their bill),
//! `review` (the comparison with an earlier export, and the grid's filter by its groups).

mod cells;
mod chargeback;
mod grants;
mod loaded;
mod review;
mod search;
mod selection;
mod summary;
mod table;
mod toolbar;

use std::sync::Arc;

use copilot_api::insight::grid::{grid_view_in_order, SortedSeats};
use copilot_api::insight::{export_file_name, Column, ExportChoice, ExportContext, GridView, SeatCoverage, SeatPrices};
use copilot_api::{Scope, Seat};
use leptos::prelude::*;

pub use loaded::IndexedSeats;
pub use summary::SsoLeftOutWarning;

use crate::components::dashboard::Dashboard;
use crate::components::exemptions::{use_exemptions, ExemptionsPanel};
use crate::components::manage::use_write_desk;
use crate::components::offboarding::OffboardingPanel;
use crate::download::download;
use crate::view_url::use_view_url;
use chargeback::ChargebackTable;
use copilot_api::plan::exemption::ExemptSeats;
use grants::GrantsPanel;
use review::{Review, ReviewPanel};
use selection::{Selection, SelectionBar};
use summary::Summary;
use table::Table;
use toolbar::Toolbar;

#[component]
pub fn SeatGrid(
    /// The loaded seats.
    #[prop(into)]
    loaded: Signal<IndexedSeats>,
    /// Shows the organization column and filter (enterprise lists).
    #[prop(default = false)]
    enterprise: bool,
    /// Names export files.
    #[prop(into)]
    scope_name: String,
    /// Which set of seats is loaded, said beside every figure and in export file names.
    #[prop(into, optional)]
    coverage: Signal<SeatCoverage>,
) -> impl IntoView {
    let view_url = use_view_url();
    let prices = RwSignal::new(SeatPrices::default());
    let now = RwSignal::new(crate::clock::now_utc());
    // The comparison with an earlier export: the grid's `changed=` filter takes its logins from it.
    let review = Review::new(loaded, now);
    let grid_state = Memo::new(move |_| review.narrow(view_url.state.with(|state| state.grid.clone())));
    // Every seat in the sort's order, sorted once per sort and load: a filter's change then takes its rows
    // in order instead of sorting them again.
    let sort = Memo::new(move |_| grid_state.with(|state| state.sort));
    let sorted_seats: Memo<Option<Arc<SortedSeats>>> = Memo::new(move |_| {
        let sort = sort.get()?;
        loaded.with(|loaded| SortedSeats::new(&loaded.index, sort)).map(Arc::new)
    });
    let view: Memo<Arc<GridView>> = Memo::new(move |_| {
        let loaded = loaded.get();
        let sorted = sorted_seats.get();
        Arc::new(
            grid_state
                .with(|state| grid_view_in_order(&loaded.index, state, &prices.get(), now.get(), sorted.as_deref())),
        )
    });
    // The exempt seats of this load, looked up once per load and list, not once per row shown.
    let exemptions = use_exemptions();
    let exempt = Memo::new(move |_| {
        let active = exemptions.active_today();
        Arc::new(loaded.with(|loaded| ExemptSeats::new(&loaded.index, &active)))
    });
    let columns: Vec<Column> =
        if enterprise { Column::ALL.to_vec() } else { Column::for_organization().collect::<Vec<_>>() };
    let column_count = columns.len();
    let export_problem = RwSignal::new(None::<String>);
    let scope_name_for_selection = scope_name.clone();
    let scope_name_for_chargeback = scope_name.clone();
    let scope_name_for_grants = scope_name.clone();
    let scope =
        if enterprise { Scope::Enterprise(scope_name.clone()) } else { Scope::Organization(scope_name.clone()) };
    let scope_for_review = scope.clone();
    let scope_name_for_offboarding = scope_name.clone();

    let export = move |choice: ExportChoice| {
        let loaded = loaded.get_untracked();
        let rules = grid_state.with_untracked(|s| s.status_rules());
        let at = now.get_untracked();
        let seats: Vec<&Seat> = if choice.only_view {
            view.with_untracked(|v| v.rows.iter().filter_map(|&i| loaded.seats.get(i)).collect())
        } else {
            loaded.seats.iter().collect()
        };
        let format = choice.format;
        let exempt = exempt.get_untracked();
        // Every row, and the file name, say which set it was taken from, and what GitHub left out for SSO;
        // every row also says whose seats, when and by which rules, so that it can be compared later.
        let outcome = coverage.with_untracked(|coverage| {
            let context = ExportContext {
                now: at,
                rules,
                organization_plan: loaded.organization_plan,
                coverage,
                scope: Some(&scope),
            };
            let reason =
                |seat: &Seat| seat.login().and_then(|login| exempt.get(login)).map(|entry| entry.reason.as_str());
            format
                .write(seats, &context, reason)
                .map_err(|error| error.to_string())
                .and_then(|text| download(&export_file_name(&scope_name, coverage, at, format), format.mime(), &text))
        });
        export_problem.set(outcome.err());
    };
    let export = StoredValue::new(export);

    // Selecting and revoking: organizations only (an enterprise list spans organizations).
    let desk = use_write_desk().filter(|_| !enterprise);
    let selection = desk.map(|_| Selection::new(exempt));
    if let Some(selection) = selection {
        // A new load (another page, a re-read after a write) starts with nothing selected.
        Effect::new(move |_| {
            loaded.with(|loaded| loaded.generation);
            selection.clear();
        });
    }
    let columns_shown = column_count + usize::from(selection.is_some());

    view! {
        <Dashboard index=Signal::derive(move || loaded.with(|loaded| Arc::clone(&loaded.index))) view grid_state now coverage />
        <section class="card seat-grid" aria-label="Seats">
            <SsoLeftOutWarning coverage test_id="sso-warning" />
            <Toolbar loaded prices enterprise />
            <Summary view prices coverage />
            {desk.zip(selection).map(|(desk, selection)| view! {
                <ExemptionsPanel />
                <SelectionBar desk selection loaded view exempt prices scope_name=scope_name_for_selection.clone() />
                <OffboardingPanel desk exempt coverage prices scope_name=scope_name_for_offboarding.clone()
                    seats=Signal::derive(move || loaded.with(|l| Arc::clone(&l.seats)))
                    index=Signal::derive(move || loaded.with(|l| Arc::clone(&l.index))) />
            })}
            <ReviewPanel review coverage scope=scope_for_review now />
            <div class="export">
                {ExportChoice::OFFERED.into_iter().map(|choice| view! {
                    <button type="button" class="secondary" on:click=move |_| export.with_value(|f| f(choice))>{choice.label()}</button>
                }).collect_view()}
                {move || export_problem.get().map(|problem| view! { <span class="error" role="alert">{problem}</span> })}
            </div>
            <Table loaded view columns column_count=columns_shown now selection exempt />
            <ChargebackTable loaded prices coverage enterprise scope_name=scope_name_for_chargeback now />
            <GrantsPanel loaded prices coverage enterprise scope_name=scope_name_for_grants />
        </section>
    }
}
