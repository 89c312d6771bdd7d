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
    // The positions in sight. A row is keyed by its position alone: scrolling makes the rows that come
    // into sight and drops those that leave, and a change of the rows (a filter, a sort) keeps every
    // row's element and changes what it shows.
    let positions = move || {
        let (first, last) = range.get();
        first..last
    };
    // The rows shown, in order, for a shift-click range (all of them, not only those in the DOM).
    let shown =
        move || loaded.with_untracked(|loaded| view.with_untracked(|v| loaded.logins_of(v.rows.iter().copied())));
    // The same, handed to every row once rather than made for each row as it scrolls into sight.
    let shown_to_rows = Callback::new(move |()| shown());
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
                    <For each=positions key=|position| *position let:position>
                        <SeatRow position loaded view columns now selection exempt shown=shown_to_rows />
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

/// One row of the table: it shows whichever seat is at its position now, keeping its element and its
/// cells' elements while the rows change (a cell is made again only when its kind changes: a login with a
/// profile link after one without, say).
#[component]
fn SeatRow(
    position: usize,
    loaded: Signal<IndexedSeats>,
    view: Memo<Arc<GridView>>,
    columns: StoredValue<Vec<Column>>,
    now: RwSignal<DateTime<Utc>>,
    selection: Option<Selection>,
    exempt: Memo<Arc<ExemptSeats>>,
    /// Every login shown, in order, for a shift-click range.
    shown: Callback<(), Vec<String>>,
) -> impl IntoView {
    let shown = move || shown.run(());
    // The seat at this position, its status, and which load it is of (a new load draws every row again).
    let seat_here = Memo::new(move |_| {
        let generation = loaded.with(|loaded| loaded.generation);
        view.with(|v| {
            v.rows.get(position).map(|&seat| (generation, seat, v.status(seat).unwrap_or(SeatStatus::Active)))
        })
    });
    let login = move || {
        seat_here.with(|here| {
            here.and_then(|(_, seat_index, _)| {
                loaded.with_untracked(|loaded| {
                    loaded.seats.get(seat_index).map(|seat| seat.login().unwrap_or("ghost").to_owned())
                })
            })
        })
    };
    let select = selection.map(|selection| {
        move || {
            seat_here.get().map(|(_, seat_index, _)| {
                let login = loaded.with_untracked(|loaded| {
                    loaded.seats.get(seat_index).and_then(|seat| seat.login().map(str::to_owned))
                });
                select_cell(selection, login.as_deref(), shown)
            })
        }
    });
    let cells = columns.with_value(|columns| {
        columns
            .iter()
            .map(|&column| {
                move || {
                    let (_, seat_index, status) = seat_here.get()?;
                    let exempt = exempt.get();
                    loaded.with_untracked(|loaded| {
                        let seat = loaded.seats.get(seat_index)?;
                        let reason =
                            seat.login().and_then(|login| exempt.get(login)).map(|entry| entry.reason.as_str());
                        Some(cell(column, seat, loaded, seat_index, status, now.get_untracked(), reason))
                    })
                }
            })
            .collect::<Vec<_>>()
    });
    view! {
        // Row 1 is the header: the first seat is row 2 of `aria-rowcount`.
        <tr style:height=format!("{ROW_HEIGHT}px") aria-rowindex=position + 2 data-login=login>
            {select}
            {cells}
        </tr>
    }
}
