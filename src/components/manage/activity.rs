//! The activity log of this tab: every write sent (time, operation, names, outcome), exportable as CSV;
//! one store for it, provided by the app, and its view.

use copilot_api::plan::{ActivityEntry, ActivityLog};
use leptos::prelude::*;

use super::restore::RestoreNote;
use super::use_write_desk;
use crate::download::download;

/// The activity log of this tab: one signal, provided at the top of the app so that it outlives every
/// workspace (a reconnect rebuilds the workspace and its context, not the app).
#[derive(Clone, Copy)]
pub struct TabActivity(RwSignal<ActivityLog>);

impl TabActivity {
    /// Provides an empty log for everything below.
    pub fn provide() -> Self {
        let log = Self(RwSignal::new(ActivityLog::default()));
        provide_context(log);
        log
    }

    /// The app's log; where none was provided above (a workspace mounted on its own, as in a test), one
    /// for this part of the page, so that writes are still logged.
    pub fn use_or_provide() -> Self {
        use_context::<Self>().unwrap_or_else(Self::provide)
    }

    /// Adds lines to the log.
    pub fn record(&self, entries: Vec<ActivityEntry>) {
        self.0.update(|log| log.record(entries));
    }

    /// Reads the log (tracked).
    pub fn with<T>(&self, read: impl FnOnce(&ActivityLog) -> T) -> T {
        self.0.with(read)
    }

    /// Reads the log (untracked).
    pub fn with_untracked<T>(&self, read: impl FnOnce(&ActivityLog) -> T) -> T {
        self.0.with_untracked(read)
    }
}

#[component]
pub fn ActivityLogView() -> impl IntoView {
    let Some(desk) = use_write_desk() else { return ().into_any() };
    let problem = RwSignal::new(None::<String>);
    let export = move |_| {
        let written = desk.log.with_untracked(|log| log.to_csv());
        let outcome = written
            .map_err(|error| format!("The activity log could not be written: {error}"))
            .and_then(|csv| download("copilot-seat-activity.csv", "text/csv", &csv));
        problem.set(outcome.err());
    };
    view! {
        <section class="card activity" aria-labelledby="activity-heading">
            <h2 id="activity-heading">"Activity log"</h2>
            <p class="hint">"Every write sent from this tab, oldest first. It is kept until the tab is closed."</p>
            <Show when=move || desk.log.with(|log| !log.entries().is_empty())
                fallback=|| view! { <p class="empty" data-testid="activity-empty">"No write yet."</p> }>
                <div class="activity-scroll">
                    <table class="activity-log">
                        <thead><tr>
                            <th scope="col">"Time"</th>
                            <th scope="col">"Operation"</th>
                            <th scope="col">"Organization"</th>
                            <th scope="col">"Names"</th>
                            <th scope="col">"Outcome"</th>
                        </tr></thead>
                        // One body per entry: its line, and under it what of it can still be restored.
                        {move || desk.log.with(|log| log.entries().iter().map(|entry| view! {
                            <tbody>
                                <tr>
                                    <td class="time">{entry.time()}</td>
                                    <td>{entry.kind.title()}</td>
                                    <td>{entry.org.clone()}</td>
                                    <td class="names">{entry.names.join(", ")}</td>
                                    <td>{entry.outcome.clone()}</td>
                                </tr>
                                <RestoreNote entry=entry.clone() desk />
                            </tbody>
                        }).collect_view())}
                    </table>
                </div>
            </Show>
            <div class="row">
                <button type="button" class="secondary" on:click=export
                    disabled=move || desk.log.with(|log| log.entries().is_empty())>"Export activity log"</button>
                {move || problem.get().map(|problem| view! { <span class="error" role="alert">{problem}</span> })}
            </div>
        </section>
    }
    .into_any()
}
