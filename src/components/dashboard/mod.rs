//! The dashboard above the seat grid: tiles and bar charts of the seats the grid shows, from
//! `copilot_api::insight::charts::dashboard` (one `Memo` over the grid's view, so they follow its filters,
//! threshold and the pages loaded so far). Clicking a bar sets one of the grid's URL filters.
//!
//! While "Load all seats" runs, the dashboard takes the grid's new seats only as often as the core's
//! `DashboardPace` allows (re-drawing it as every showing of the seats so far arrived slowed the load),
//! and says which seats its figures are of until it has caught up.
//!
//! One file a part: `tiles` (the figures), `bar_chart` (one generic horizontal, stacked when asked, SVG bar
//! chart with its table).

mod bar_chart;
mod tiles;

use std::sync::Arc;

use chrono::{DateTime, Utc};
use copilot_api::insight::charts::{counting_sentence, dashboard, Catch, Dashboard as DashboardData, DashboardPace};
use copilot_api::insight::{ActivityAge, GridState, GridView, SeatCoverage, SeatIndex};
use leptos::prelude::*;

use crate::view_url::use_view_url;
use bar_chart::BarChartView;
use tiles::Tiles;

/// The grid's view as the dashboard took it, with which seats were loaded then.
#[derive(Clone)]
struct Shown {
    index: Arc<SeatIndex>,
    view: Arc<GridView>,
    state: GridState,
    coverage: SeatCoverage,
}

impl Shown {
    /// Whether the dashboard of `other` is this one's: the same seats loaded and shown, with the same
    /// figures, whatever their order.
    fn counts_the_same_as(&self, other: &Shown) -> bool {
        Arc::ptr_eq(&self.index, &other.index)
            && self.coverage == other.coverage
            && self.state.equal_but_for_sort(&other.state)
            && self.view.counts_the_same_as(&other.view)
    }
}

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
    let latest = move || Shown {
        index: index.get_untracked(),
        view: view.get_untracked(),
        state: grid_state.get_untracked(),
        coverage: coverage.get_untracked(),
    };
    // The grid's view the dashboard shows: the latest, or while seats arrive, the one it last took.
    let shown = RwSignal::new(latest());
    let pace = StoredValue::new(DashboardPace::default());
    let due = StoredValue::new(false);
    let take = move || {
        let now_ms = crate::clock::now_ms();
        pace.update_value(|pace| pace.taken(now_ms));
        due.set_value(false);
        let next = latest();
        // A sort only reorders the rows: nothing the dashboard counts changed, so it is not counted again.
        if !shown.with_untracked(|shown| shown.counts_the_same_as(&next)) {
            shown.set(next);
        }
    };
    Effect::new(move |_| {
        // Track every input; read them whole in `take`.
        let (seats, loading) = (index.with(Arc::as_ptr), coverage.with(|c| c.loading));
        view.track();
        let state_kept = grid_state.with(|state| shown.with_untracked(|shown| shown.state.equal_but_for_sort(state)));
        let only_more_seats =
            state_kept && shown.with_untracked(|shown| !std::ptr::eq(Arc::as_ptr(&shown.index), seats));
        let now_ms = crate::clock::now_ms();
        match pace.with_value(|pace| pace.on_grid_change(loading, only_more_seats, now_ms)) {
            Catch::Now => take(),
            Catch::At(at) if !due.get_value() => {
                due.set_value(true);
                let wait = std::time::Duration::from_millis(at.saturating_sub(now_ms));
                // `try_`: the dashboard may be gone by then (another tab, Disconnect).
                set_timeout(
                    move || {
                        if due.try_get_value() == Some(true) {
                            take();
                        }
                    },
                    wait,
                );
            }
            Catch::At(_) => {}
        }
    });
    let data: Memo<Arc<DashboardData>> = Memo::new(move |_| {
        let at = now.get();
        shown.with(|shown| Arc::new(dashboard(&shown.index, &shown.view, &shown.state, at)))
    });
    let counting = Memo::new(move |_| {
        let grid_loaded = index.with(|index| index.len());
        shown.with(|s| counting_sentence(s.view.rows.len(), s.index.len(), s.state.is_filtered(), grid_loaded))
    });
    let age = Memo::new(move |_| grid_state.with(|state| state.activity_age));
    // Which charts there are, and in what order, is the core's to say (an enterprise's seats add adoption by
    // organization as their organizations come in).
    let chart_ids = Memo::new(move |_| data.with(|d| d.charts.iter().map(|chart| chart.id).collect::<Vec<_>>()));
    view! {
        <section class="card dashboard" aria-labelledby="dashboard-heading">
            <h2 id="dashboard-heading">"At a glance"</h2>
            <p class="coverage" class:partial=move || shown.with(|s| !s.coverage.holds_every_seat())>
                {move || shown.with(|s| s.coverage.figure_note())}
            </p>
            <p class="hint" data-testid="dashboard-set">
                {move || counting.get().unwrap_or_else(|| data.with(|d| d.set_sentence.clone()))}
            </p>
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
