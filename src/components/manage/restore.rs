//! Under a revocation in the activity log (a row of its own): what of it can still be restored (the core's `restorable`,
//! from the seats as last read), "Restore these seats", which opens the one confirmation dialog with a
//! restore proposal, and, when the seats were not read since, a button that reads them.

use std::cell::Cell;
use std::rc::Rc;

use copilot_api::plan::write::{read_to_settle_config, restorable, Proposal, Restorable, RESTORE_BUTTON};
use copilot_api::plan::ActivityEntry;
use leptos::prelude::*;

use super::WriteDesk;
use crate::loading::load_all;
use crate::session::use_session;

/// The button that reads every seat, for the log to tell what is still pending.
const READ_SEATS_BUTTON: &str = "Read the seats again";

#[component]
pub fn RestoreNote(entry: ActivityEntry, desk: WriteDesk) -> impl IntoView {
    let session = use_session();
    let reading = RwSignal::new(false);
    let problem = RwSignal::new(None::<String>);
    let state =
        Memo::new(move |_| desk.seats_read.with(|read| restorable(&entry, read.as_ref().map(|read| read.as_read()))));
    let read_seats = move |_| {
        let Some(connection) = session.connection.get_untracked() else { return };
        reading.set(true);
        problem.set(None);
        let started_ms = crate::clock::now_ms();
        leptos::task::spawn_local(async move {
            let stop = Rc::new(Cell::new(false));
            let read = load_all(connection.client, connection.scope, read_to_settle_config(), stop, |_, _| {}).await;
            // `try_`: the log may be gone (another tab, a disconnect) before the seats come back.
            match read {
                Ok(loaded) => desk.seats_were_read(std::sync::Arc::new(loaded.seats), true, started_ms),
                Err(error) => {
                    let _ = problem.try_set(Some(error.to_string()));
                }
            }
            let _ = reading.try_set(false);
        });
    };
    move || {
        let state = state.get()?;
        let button = match &state {
            Restorable::Unknown => view! {
                <button type="button" class="secondary" disabled=move || reading.get() on:click=read_seats>
                    {READ_SEATS_BUTTON}
                </button>
            }
            .into_any(),
            Restorable::Yes(restoration) => {
                let restoration = restoration.clone();
                view! {
                    <button type="button" on:click=move |_| desk.proposal.set(Some(Proposal::Restore(restoration.clone())))>
                        {RESTORE_BUTTON}
                    </button>
                }
                .into_any()
            }
            Restorable::NoLonger(_) => ().into_any(),
        };
        // A row of its own across the table, so that it starts at the left edge on a narrow screen.
        Some(view! {
            <tr class="restore-row">
                <td colspan="5">
                    <div class="restore">
                        <p data-testid="restore-note">{state.note()}</p>
                        {button}
                        {move || problem.get().map(|problem| view! { <p class="error" role="alert">{problem}</p> })}
                    </div>
                </td>
            </tr>
        })
    }
}
