//! The seat table, virtualized: the DOM holds only the rows in sight plus a small overscan (the core's
//! `visible_range`), between two spacers that keep the scroll height of every row. Sorting is a click on a
//! column header; an organization's table has a checkbox per row.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use copilot_api::insight::grid::{aria_sort, visible_range, ROW_HEIGHT, VIEWPORT_HEIGHT};
use copilot_api::insight::{sort_after_click, Column, GridView, SeatStatus};
use copilot_api::plan::exemption::ExemptSeats;
use leptos::prelude::*;

use super::cells::{cell, select_cell};
use super::loaded::IndexedSeats;
use super::selection::Selection;
use crate::view_url::use_view_url;

#[component]
pub(super) fn Table(
    loaded: Signal<IndexedSeats>,
    view: Memo<Arc<GridView>>,
    columns: Vec<Column>,
    column_count: usize,
    now: RwSignal<DateTime<Utc>>,
    selection: Option<Selection>,
    exempt: Memo<Arc<ExemptSeats>>,
) -> impl IntoView {
    let view_url = use_view_url();
    let scroll_top = RwSignal::new(0_i32);
    let sort = Memo::new(move |_| view_url.state.with(|s| s.grid.sort));
    let range = Memo::new(move |_| view.with(|v| visible_range(scroll_top.get(), v.rows.len())));
    let visible = move || {
        let (first, last) = range.get();
        let generation = loaded.with(|l| l.generation);
        view.with(|v| {
            v.rows
                .get(first..last)
                .unwrap_or_default()
                .iter()
                .enumerate()
                .map(|(offset, &seat)| (generation, first + offset, seat, v.status(seat).unwrap_or(SeatStatus::Active)))
                .collect::<Vec<_>>()
        })
    };
    // The rows shown, in order, for a shift-click range (all of them, not only those in the DOM).
    let shown =
        move || loaded.with_untracked(|loaded| view.with_untracked(|v| loaded.logins_of(v.rows.iter().copied())));
    let select_header = selection.map(|selection| {
        // Runs at every change of the view: no copy of the shown logins, and nothing at all while nothing is
        // selected (100,000 logins copied at each keystroke would be felt).
        let all_selected = move || {
            selection.logins.with(|selected| {
                !selected.is_empty()
                    && loaded.with_untracked(|loaded| {
                        view.with_untracked(|v| {
                            let mut logins = loaded.login_refs(v.rows.iter().copied()).peekable();
                            logins.peek().is_some() && logins.all(|login| selected.contains(login))
                        })
                    })
            })
        };
        view! {
            <th scope="col" class="select">
                <input type="checkbox" aria-label="Select all matching the filter"
                    prop:checked=move || { view.track(); all_selected() }
                    on:change=move |ev| {
                        if event_target_checked(&ev) {
                            selection.logins.set(shown().into_iter().collect());
                        } else {
                            selection.clear();
                        }
                    } />
            </th>
        }
    });
    let header_cells = columns
        .iter()
        .map(|&column| {
            let aria_sort = move || aria_sort(sort.get(), column);
            view! {
                <th scope="col" aria-sort=aria_sort>
                    <button type="button" class="sort"
                        on:click=move |_| view_url.update(true, |s| s.grid.sort = sort_after_click(s.grid.sort, column))>
                        {column.label()}
                    </button>
                </th>
            }
        })
        .collect_view();
    let columns = StoredValue::new(columns);

    view! {
        // Sizes are set as `style:` properties (the CSSOM, which the Content-Security-Policy does not govern),
        // never as `style="…"` attributes, which would need `style-src-attr 'unsafe-inline'`.
        // No scroll anchoring: the browser would move the scroll position whenever the top spacer grows,
        // which moves the rendered range, which grows the spacer again.
        <div class="table-viewport" style:height=format!("{VIEWPORT_HEIGHT}px") style:overflow-anchor="none"
            on:scroll=move |ev| scroll_top.set(event_target::<web_sys::Element>(&ev).scroll_top())>
            <table role="grid" aria-rowcount=move || view.with(|v| v.rows.len() + 1)>
                <thead><tr>{select_header}{header_cells}</tr></thead>
                <tbody>
                    <tr class="spacer" aria-hidden="true" style:height=move || format!("{}px", range.get().0 * ROW_HEIGHT)>
                        <td colspan=column_count></td>
                    </tr>
                    <For each=visible key=|row| *row let((_generation, position, seat_index, status))>
                        {move || {
                            let loaded = loaded.get_untracked();
                            let seat = loaded.seats.get(seat_index).cloned();
                            let at = now.get_untracked();
                            seat.map(|seat| {
                                let exempt_reason = seat.login()
                                    .and_then(|login| exempt.with(|exempt| exempt.get(login).map(|entry| entry.reason.clone())));
                                let select = selection.map(|selection| select_cell(selection, seat.login(), shown));
                                view! {
                                    // Row 1 is the header: the first seat is row 2 of `aria-rowcount`.
                                    <tr style:height=format!("{ROW_HEIGHT}px") aria-rowindex=position + 2
                                        data-login=seat.login().unwrap_or("ghost").to_owned()>
                                        {select}
                                        {columns.with_value(|columns| columns.iter().map(|&column| cell(column, &seat, &loaded, seat_index, status, at, exempt_reason.as_deref())).collect_view())}
                                    </tr>
                                }
                            })
                        }}
                    </For>
                    <tr class="spacer" aria-hidden="true"
                        style:height=move || format!("{}px", view.with(|v| v.rows.len().saturating_sub(range.get().1)) * ROW_HEIGHT)>
                        <td colspan=column_count></td>
                    </tr>
                </tbody>
            </table>
            <Show when=move || view.with(|v| v.rows.is_empty())>
                <p class="empty">"No seat matches these filters."</p>
            </Show>
        </div>
    }
}
