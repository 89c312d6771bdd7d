//! One seat's cells in the table: its checkbox, and a cell per column, each with the exact time or the
//! full editor string as a tooltip.

use chrono::{DateTime, Utc};
use copilot_api::format::{exact_date, exact_time, relative_date, relative_time};
use copilot_api::insight::grid::plan_label;
use copilot_api::insight::{Column, SeatStatus};
use copilot_api::plan::exemption::wording::EXEMPT_BADGE;
use copilot_api::Seat;
use leptos::prelude::*;

use super::loaded::IndexedSeats;
use super::selection::Selection;

/// The row's checkbox; a seat of a deleted account has no login to select by.
pub(super) fn select_cell(
    selection: Selection,
    login: Option<&str>,
    shown: impl Fn() -> Vec<String> + Copy + 'static,
) -> AnyView {
    let Some(login) = login.map(str::to_owned) else { return view! { <td class="select"></td> }.into_any() };
    let checked_login = login.clone();
    view! {
        <td class="select">
            <input type="checkbox" aria-label=format!("Select {login}")
                prop:checked=move || selection.logins.with(|logins| logins.contains(&checked_login))
                on:click=move |ev: leptos::ev::MouseEvent| selection.click(login.clone(), ev.shift_key(), shown) />
        </td>
    }
    .into_any()
}

pub(super) fn cell(
    column: Column,
    seat: &Seat,
    loaded: &IndexedSeats,
    seat_index: usize,
    status: SeatStatus,
    now: DateTime<Utc>,
    // The reason, when the seat is on the exemption list.
    exempt: Option<&str>,
) -> AnyView {
    let row = loaded.index.row(seat_index);
    match column {
        Column::Login => {
            let login = seat.login().unwrap_or("ghost").to_owned();
            let profile =
                seat.assignee.as_ref().and_then(|user| user.html_url.clone()).filter(|url| url.starts_with("https://"));
            match profile {
                Some(href) => {
                    view! { <td><a href=href rel="noreferrer noopener" target="_blank">{login}</a></td> }.into_any()
                }
                None => view! { <td>{login}</td> }.into_any(),
            }
        }
        Column::Organization => {
            view! { <td>{seat.organization.as_ref().map(|org| org.login.clone()).unwrap_or_default()}</td> }.into_any()
        }
        Column::GrantedBy => {
            view! { <td>{row.map(|r| r.granted_by_label().to_owned()).unwrap_or_default()}</td> }.into_any()
        }
        Column::Created => {
            view! { <td title=exact_time(&seat.created_at)>{relative_time(&seat.created_at, now)}</td> }.into_any()
        }
        Column::LastActivity => time_cell(seat.last_activity_at.as_ref(), now, "never"),
        Column::LastAuthenticated => time_cell(seat.last_authenticated_at.as_ref(), now, "—"),
        Column::Editor => {
            let editor = row.and_then(|r| r.editor()).map(|e| e.summary()).unwrap_or_else(|| "—".to_owned());
            view! { <td title=seat.last_activity_editor.clone().unwrap_or_default()>{editor}</td> }.into_any()
        }
        Column::Plan => view! { <td>{row.map(|r| plan_label(r.plan())).unwrap_or("—")}</td> }.into_any(),
        Column::PendingCancellation => match seat.pending_cancellation_date {
            Some(date) => view! { <td title=relative_date(date, now)>{exact_date(date)}</td> }.into_any(),
            None => view! { <td>"—"</td> }.into_any(),
        },
        Column::Status => {
            let badge = exempt.map(|reason| {
                view! { <span class="status status-exempt" title=format!("Exempt: {reason}")>{EXEMPT_BADGE}</span> }
            });
            view! { <td><span class=format!("status status-{}", status.key())>{status.label()}</span>" "{badge}</td> }
                .into_any()
        }
    }
}

fn time_cell(time: Option<&copilot_api::Timestamp>, now: DateTime<Utc>, missing: &'static str) -> AnyView {
    match time {
        Some(time) => view! { <td title=exact_time(time)>{relative_time(time, now)}</td> }.into_any(),
        None => view! { <td>{missing}</td> }.into_any(),
    }
}
