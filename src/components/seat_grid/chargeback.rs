//! "Cost by team" (and by organization, for an enterprise): each group's seats, idle seats and monthly
//! cost, at the grid's threshold and prices, charging each user once (the core's `chargeback`); a table
//! that sorts by any column, and a CSV for chargeback. Folded by default, and computed only while open, so
//! it costs nothing to the grid's typing at 100,000 seats.

use chrono::{DateTime, Utc};
use copilot_api::insight::chargeback::{
    chargeback, chargeback_sort_after_click, Chargeback, ChargebackColumn, ChargebackGrouping,
};
use copilot_api::insight::grid::{aria_sort, statuses_at};
use copilot_api::insight::{ExportFormat, SeatCoverage, SeatPrices, SortDirection};
use leptos::prelude::*;

use super::loaded::IndexedSeats;
use crate::download::download;
use crate::view_url::use_view_url;

#[component]
pub(super) fn ChargebackTable(
    loaded: Signal<IndexedSeats>,
    prices: RwSignal<SeatPrices>,
    coverage: Signal<SeatCoverage>,
    enterprise: bool,
    scope_name: String,
    /// The grid's moment, so the idle column is the grid's idle cost to the cent.
    now: RwSignal<DateTime<Utc>>,
) -> impl IntoView {
    let view_url = use_view_url();
    let open = RwSignal::new(false);
    let groupings = ChargebackGrouping::offered(enterprise);
    let grouping = RwSignal::new(groupings.first().copied().unwrap_or(ChargebackGrouping::Team));
    let sort = RwSignal::new((ChargebackColumn::Idle, SortDirection::Descending));
    let rules = Memo::new(move |_| view_url.state.with(|s| s.grid.status_rules()));
    let bill = Memo::new(move |_| {
        if !open.get() {
            return Chargeback::default();
        }
        let mut bill = loaded.with(|loaded| {
            let statuses = statuses_at(&loaded.index, now.get(), rules.get());
            prices.with(|prices| chargeback(&loaded.index, &statuses, prices, grouping.get()))
        });
        let (column, direction) = sort.get();
        bill.sort(column, direction);
        bill
    });
    let problem = RwSignal::new(None::<String>);
    let export = move |_: leptos::ev::MouseEvent| {
        let outcome = bill.with_untracked(|bill| {
            coverage.with_untracked(|coverage| {
                let name = bill.file_name(&scope_name, coverage, now.get_untracked());
                bill.to_csv(coverage)
                    .map_err(|error| error.to_string())
                    .and_then(|text| download(&name, ExportFormat::Csv.mime(), &text))
            })
        });
        problem.set(outcome.err());
    };
    let export = StoredValue::new(export);
    let click_header =
        move |column: ChargebackColumn| sort.update(|sort| *sort = chargeback_sort_after_click(*sort, column));

    view! {
        <details class="card chargeback" on:toggle=move |ev| open.set(event_target::<web_sys::HtmlDetailsElement>(&ev).open())>
            <summary><h3>"Cost by team"</h3></summary>
            <Show when=move || open.get()>
                <p class="coverage" class:partial=move || coverage.with(|c| !c.holds_every_seat())>
                    {move || coverage.with(SeatCoverage::figure_note)}
                </p>
                <p class="hint" data-testid="chargeback-summary">{move || prices.with(|prices| bill.with(|bill| bill.summary(prices)))}</p>
                <div class="row">
                    {(groupings.len() > 1).then(|| view! {
                        <fieldset class="grouping">
                            <legend>"Group"</legend>
                            {groupings.iter().map(|&choice| view! {
                                <button type="button" class="chip" aria-pressed=move || (grouping.get() == choice).to_string()
                                    on:click=move |_| grouping.set(choice)>{choice.label()}</button>
                            }).collect_view()}
                        </fieldset>
                    })}
                    <button type="button" class="secondary" on:click=move |ev| export.with_value(|export| export(ev))>"Export cost by team as CSV"</button>
                    {move || problem.get().map(|p| view! { <span class="error" role="alert">{p}</span> })}
                </div>
                <div class="per-org-scroll" tabindex="0" role="region" aria-label="Cost by team">
                    <table class="per-org" data-testid="chargeback">
                        <thead><tr>
                            {ChargebackColumn::ALL.into_iter().map(|column| view! {
                                <th scope="col" aria-sort=move || aria_sort(Some(sort.get()), column)>
                                    <button type="button" class="sort" on:click=move |_| click_header(column)>
                                        {move || column.label(grouping.get())}
                                    </button>
                                </th>
                            }).collect_view()}
                        </tr></thead>
                        <tbody>
                            {move || bill.with(|bill| bill.rows.iter().chain(std::iter::once(&bill.total)).map(|row| view! {
                                <tr>{ChargebackColumn::ALL.into_iter().map(|column| view! { <td>{column.cell(row)}</td> }).collect_view()}</tr>
                            }).collect_view())}
                        </tbody>
                    </table>
                </div>
            </Show>
        </details>
    }
}
