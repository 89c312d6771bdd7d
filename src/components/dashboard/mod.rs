//! The dashboard above the seat grid: tiles and bar charts of the seats the grid shows, from
//! `copilot_api::insight::charts::dashboard` (one `Memo` over the grid's view, so they follow its filters,
//! threshold and the pages loaded so far). Clicking a bar sets one of the grid's URL filters.
//!
//! One file a part: `tiles` (the figures), `bar_chart` (one generic horizontal, stacked when asked, SVG bar
//! chart with its table).

mod bar_chart;
mod tiles;

use std::sync::Arc;

use chrono::{DateTime, Utc};
use copilot_api::insight::charts::{dashboard, Dashboard as DashboardData};
use copilot_api::insight::{ActivityAge, GridState, GridView, SeatCoverage, SeatIndex};
use leptos::prelude::*;

use crate::view_url::use_view_url;
use bar_chart::BarChartView;
use tiles::Tiles;

#[component]
pub fn Dashboard(
    /// The loaded seats' index (the grid's).
    index: Signal<Arc<SeatIndex>>,
    view: Memo<Arc<GridView>>,
    grid_state: Memo<GridState>,
    now: RwSignal<DateTime<Utc>>,
    coverage: Signal<SeatCoverage>,
) -> impl IntoView {
    let view_url = use_view_url();
    let data: Memo<Arc<DashboardData>> = Memo::new(move |_| {
        let at = now.get();
        Arc::new(view.with(|view| index.with(|index| grid_state.with(|state| dashboard(index, view, state, at)))))
    });
    let age = Memo::new(move |_| grid_state.with(|state| state.activity_age));
    // Which charts there are, and in what order, is the core's to say (an enterprise's seats add adoption by
    // organization as their organizations come in).
    let chart_ids = Memo::new(move |_| data.with(|d| d.charts.iter().map(|chart| chart.id).collect::<Vec<_>>()));
    view! {
        <section class="card dashboard" aria-labelledby="dashboard-heading">
            <h2 id="dashboard-heading">"At a glance"</h2>
            <p class="coverage" class:partial=move || coverage.with(|c| !c.holds_every_seat())>
                {move || coverage.with(SeatCoverage::figure_note)}
            </p>
            <p class="hint" data-testid="dashboard-set">{move || data.with(|d| d.set_sentence.clone())}</p>
            {move || age.get().map(|age: ActivityAge| view! {
                <p class="chart-filter">
                    <span>{age.filter_label()}</span>
                    " "
                    <button type="button" class="secondary"
                        on:click=move |_| view_url.update(true, |s| s.grid.activity_age = None)>
                        "Show every activity"
                    </button>
                </p>
            })}
            <Tiles data />
            <details class="charts" open>
                <summary><h3>"Charts"</h3></summary>
                <div class="chart-list">
                    <For each=move || chart_ids.get() key=|id| *id let:id>
                        <BarChartView data id grid_state />
                    </For>
                </div>
            </details>
        </section>
    }
}
