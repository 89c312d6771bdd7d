//! One generic horizontal bar chart, stacked when the chart has several series: a row a bar (its label,
//! the bar as SVG, its exact count), the axes' labels, and the same numbers as a table under it. A bar the
//! grid has a filter for is a button: pressing it filters the grid to those seats (pressed again, it lifts
//! the filter); its accessible name and hover title say its exact count.
//!
//! Rows are keyed by their position and read their label and numbers from the chart, so a bar keeps its
//! element (and the keyboard focus) while the numbers change under it. Not by label: labels need not be
//! unique (a team named "Direct", two teams of the same display name), and a row must show its own bar.
//! The same goes for every part of a bar and every cell of the table: a change of the grid changes their
//! numbers, not their elements, so that at 100,000 seats the page lays out and paints what changed, not
//! every chart anew.

use std::sync::Arc;

use copilot_api::format::count;
use copilot_api::insight::charts::{Bar, BarChart, Dashboard};
use copilot_api::insight::GridState;
use leptos::prelude::*;

use crate::view_url::use_view_url;

/// The SVG's own width: bars are drawn in these units and stretched to the row's width.
const SVG_WIDTH: f64 = 1000.0;

#[component]
pub(super) fn BarChartView(data: Memo<Arc<Dashboard>>, id: &'static str, grid_state: Memo<GridState>) -> impl IntoView {
    let chart: Memo<Option<BarChart>> =
        Memo::new(move |_| data.with(|d| d.charts.iter().find(|chart| chart.id == id).cloned()));
    let read = move |pick: fn(&BarChart) -> String| move || chart.with(|c| c.as_ref().map(pick).unwrap_or_default());
    let bar_count = Memo::new(move |_| chart.with(|c| c.as_ref().map_or(0, |c| c.bars.len())));
    let title_id = format!("chart-{id}-title");
    let labelled_by = title_id.clone();
    // The key, drawn again only when the series change (not when the numbers do).
    let series = Memo::new(move |_| chart.with(|c| c.as_ref().map(|c| c.series.clone()).unwrap_or_default()));
    let legend = move || {
        series.with(|series| {
            (series.len() > 1).then(|| {
                let items = series.iter().enumerate().map(|(series, name)| {
                    view! {
                        <li>
                            <svg class="swatch" viewBox="0 0 10 10" aria-hidden="true" focusable="false">
                                <rect width="10" height="10" class=format!("series-{series}") />
                            </svg>
                            {*name}
                        </li>
                    }
                });
                view! { <ul class="legend" aria-label="Key">{items.collect_view()}</ul> }
            })
        })
    };
    let header = Memo::new(move |_| chart.with(|c| c.as_ref().map(BarChart::table_header).unwrap_or_default()));
    let rows = Memo::new(move |_| chart.with(|c| c.as_ref().map(BarChart::table_rows).unwrap_or_default()));
    let row_count = Memo::new(move |_| rows.with(Vec::len));
    let has_chart = Memo::new(move |_| chart.with(Option::is_some));
    let has_caption = Memo::new(move |_| chart.with(|c| c.as_ref().is_some_and(|c| c.caption.is_some())));
    let table = move || {
        has_chart.get().then(|| {
            view! {
                <table class="chart-table">
                    <caption>{read(|c| format!("{}, as a table", c.title))}</caption>
                    <thead><tr>
                        {move || header.get().into_iter().map(|cell| view! { <th scope="col">{cell}</th> }).collect_view()}
                    </tr></thead>
                    <tbody>
                        <For each=move || 0..row_count.get() key=|position| *position let:position>
                            <TableRow rows position />
                        </For>
                    </tbody>
                </table>
            }
        })
    };
    view! {
        <figure class="chart" data-testid=format!("chart-{id}") aria-labelledby=labelled_by>
            <figcaption>
                <h4 id=title_id>{read(|c| c.title.clone())}</h4>
                {move || has_caption.get().then(|| view! { <p class="hint">{read(|c| c.caption.clone().unwrap_or_default())}</p> })}
            </figcaption>
            {legend}
            <div class="bars" role="group" aria-label=read(BarChart::accessible_name)>
                <div class="bar-row axis-head" aria-hidden="true">
                    <span>{read(|c| c.category_axis.to_owned())}</span>
                    <span>{read(|c| c.value_axis.to_owned())}</span>
                </div>
                <For each=move || 0..bar_count.get() key=|position| *position let:position>
                    <BarRow chart position grid_state />
                </For>
                {move || (bar_count.get() == 0).then(|| view! { <p class="empty">"No seats."</p> })}
                <div class="bar-row value-axis" aria-hidden="true">
                    <span></span>
                    <span class="ticks"><span>"0"</span><span>{read(BarChart::axis_end)}</span></span>
                    <span></span>
                </div>
                <p class="value-axis-label">{read(|c| format!("{} (horizontal axis, 0 to {})", c.value_axis, c.axis_end()))}</p>
            </div>
            {table}
        </figure>
    }
}

#[component]
fn BarRow(chart: Memo<Option<BarChart>>, position: usize, grid_state: Memo<GridState>) -> impl IntoView {
    let view_url = use_view_url();
    let bar: Memo<Option<Bar>> =
        Memo::new(move |_| chart.with(|c| c.as_ref().and_then(|c| c.bars.get(position).cloned())));
    let label = move || bar.with(|bar| bar.as_ref().map(|bar| bar.label.clone()).unwrap_or_default());
    let applied = Memo::new(move |_| {
        bar.with(|bar| {
            bar.as_ref().and_then(|bar| bar.filter.as_ref()).is_some_and(|f| grid_state.with(|s| f.is_applied(s)))
        })
    });
    let text = move || {
        chart
            .with(|c| bar.with(|bar| c.as_ref().zip(bar.as_ref()).map(|(c, bar)| c.bar_text(bar, applied.get()))))
            .unwrap_or_default()
    };
    // One part a series, each with its own element for as long as the chart has that many series.
    let spans = Memo::new(move |_| {
        chart.with(|c| bar.with(|bar| c.as_ref().zip(bar.as_ref()).map(|(c, bar)| c.spans(bar)).unwrap_or_default()))
    });
    let series_count = Memo::new(move |_| spans.with(Vec::len));
    let drawing = move || {
        view! {
            <svg viewBox=format!("0 0 {SVG_WIDTH} 10") preserveAspectRatio="none" aria-hidden="true" focusable="false">
                <rect class="track" width=SVG_WIDTH height="10" />
                <For each=move || 0..series_count.get() key=|series| *series let:series>
                    <rect x=move || spans.with(|s| s.get(series).map_or(0.0, |span| span.0)) * SVG_WIDTH
                        width=move || spans.with(|s| s.get(series).map_or(0.0, |span| span.1)) * SVG_WIDTH
                        y="0" height="10" class=format!("series-{series}") />
                </For>
            </svg>
        }
    };
    // The bar at a position may change from one with a filter to one without (the editors' "Other").
    let clickable = Memo::new(move |_| bar.with(|bar| bar.as_ref().is_some_and(|bar| bar.filter.is_some())));
    let total = move || bar.with(|bar| bar.as_ref().map(|bar| count(bar.total())).unwrap_or_default());
    let body = move || {
        if clickable.get() {
            let toggle = move |_| {
                if let Some(filter) = bar.with_untracked(|bar| bar.as_ref().and_then(|bar| bar.filter.clone())) {
                    view_url.update(true, |state| filter.toggle(&mut state.grid));
                }
            };
            view! {
                <button type="button" class="bar" aria-pressed=move || applied.get().to_string() aria-label=text
                    title=text on:click=toggle>
                    {drawing}
                </button>
            }
            .into_any()
        } else {
            view! { <span class="bar" role="img" aria-label=text title=text>{drawing}</span> }.into_any()
        }
    };
    view! {
        <div class="bar-row">
            <span class="bar-label">{label}</span>
            {body}
            <span class="bar-value">{total}</span>
        </div>
    }
}

/// One row of a chart's table: its cells keep their elements while their numbers change.
#[component]
fn TableRow(rows: Memo<Vec<Vec<String>>>, position: usize) -> impl IntoView {
    let cell =
        move |column: usize| move || rows.with(|rows| rows.get(position).and_then(|row| row.get(column)).cloned());
    let cell_count = Memo::new(move |_| rows.with(|rows| rows.get(position).map_or(0, Vec::len)));
    view! {
        <tr>
            <th scope="row">{cell(0)}</th>
            <For each=move || 1..cell_count.get() key=|column| *column let:column>
                <td>{cell(column)}</td>
            </For>
        </tr>
    }
}
