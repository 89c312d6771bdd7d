//! The write flows: the four forms, the one confirmation dialog every write goes through (from the forms
//! and from the grid's selection), the run and its report, and the activity log. What is decided
//! (batches, selection rules, thresholds, cost, outcomes) is the core's `copilot_api::plan::write`; the
//! run is driven by `crate::writing`.

pub mod activity;
mod billing_effect;
pub mod confirm;
pub mod forms;
pub mod report;
pub mod restore;

use std::sync::Arc;

use copilot_api::insight::{effective_plan, SeatPrices};
// Re-exported: the grid and the forms propose writes through the desk.
pub use copilot_api::plan::write::Proposal;
use copilot_api::plan::write::SeatsRead;
use copilot_api::plan::ActivityEntry;
use copilot_api::{ApiError, OrganizationBilling, Seat, SeatManagementSetting};
use leptos::prelude::*;

use self::activity::TabActivity;

/// What is known of the organization's billing settings, which decide whether GitHub accepts writes.
#[derive(Debug, Clone, PartialEq)]
pub enum BillingKnowledge {
    Reading,
    Read(OrganizationBilling),
    /// The summary could not be read (Copilot not enabled, a payment problem, no permission…).
    Unreadable(ApiError),
}

/// The write flows' shared state, provided by the workspace of an organization.
#[derive(Clone, Copy)]
pub struct WriteDesk {
    /// The write awaiting confirmation, running or reported: the dialog is open while this is set.
    pub proposal: RwSignal<Option<Proposal>>,
    pub billing: RwSignal<BillingKnowledge>,
    /// The tab's activity log, which outlives the desk: a reconnect rebuilds the workspace, not the app.
    pub log: TabActivity,
    /// The seats as last read (by the grid, or by the activity log): what the log may still restore.
    pub seats_read: RwSignal<Option<SeatsReadAt>>,
}

/// Seats as read, when, and whether they are every seat of the organization.
#[derive(Clone)]
pub struct SeatsReadAt {
    pub seats: Arc<Vec<Seat>>,
    pub read_at_ms: u64,
    pub complete: bool,
}

impl SeatsReadAt {
    pub fn as_read(&self) -> SeatsRead<'_> {
        SeatsRead { seats: &self.seats, read_at_ms: self.read_at_ms, complete: self.complete }
    }
}

impl WriteDesk {
    pub fn provide() -> Self {
        let desk = Self {
            proposal: RwSignal::new(None),
            billing: RwSignal::new(BillingKnowledge::Reading),
            log: TabActivity::use_or_provide(),
            seats_read: RwSignal::new(None),
        };
        provide_context(desk);
        // Refresh: the seats read before it no longer say what is pending; the next read (the grid's
        // re-read, or the log's own) does.
        let session = crate::session::use_session();
        let seats_read = desk.seats_read;
        Effect::new(move |before: Option<u32>| {
            // `try_`: a desk mounted without the app (a test) has a session of its own, gone with it.
            let refreshes = session.refresh.try_get().unwrap_or_default();
            if before.is_some_and(|before| before != refreshes) {
                let _ = seats_read.try_set(None);
            }
            refreshes
        });
        desk
    }

    /// Adds lines to the log of this tab.
    /// The seats read before these writes no longer say what is pending: the next read does.
    pub fn record(&self, entries: Vec<ActivityEntry>) {
        self.log.record(entries);
        self.seats_read.set(None);
    }

    /// The seats just read (the grid's load, or the log's own read), stamped with the moment that read
    /// started: a revocation sent while it ran may not be in them, so they say nothing of it.
    pub fn seats_were_read(&self, seats: Arc<Vec<Seat>>, complete: bool, read_started_ms: u64) {
        // `try_`: a read may come back after the workspace (and its desk) is gone.
        let _ = self.seats_read.try_set(Some(SeatsReadAt { seats, read_at_ms: read_started_ms, complete }));
    }

    /// The seat-management setting, when it makes GitHub refuse every write (tracked).
    pub fn refusing_setting(&self) -> Option<SeatManagementSetting> {
        self.billing.with(|billing| match billing {
            BillingKnowledge::Read(billing) if !billing.seat_management_setting.allows_assignment_through_api() => {
                Some(billing.seat_management_setting)
            }
            _ => None,
        })
    }

    /// The monthly price of one seat on the organization's plan (list prices).
    pub fn seat_price_cents(&self) -> u32 {
        let plan = self.billing.with(|billing| match billing {
            BillingKnowledge::Read(billing) => billing.plan_type,
            _ => None,
        });
        SeatPrices::default().monthly_cents(effective_plan(None, plan))
    }
}

/// The desk, where the workspace provided one (organizations only).
pub fn use_write_desk() -> Option<WriteDesk> {
    use_context::<WriteDesk>()
}

/// Why GitHub will refuse writes under this setting, and what to do: shown instead of failing after a click.
#[component]
pub fn SettingRefusal(setting: SeatManagementSetting) -> impl IntoView {
    view! {
        <div class="notice refusal" role="note" data-testid="write-refusal">
            <strong>"GitHub will refuse to assign or revoke seats here. "</strong>
            "The organization's seat management setting is "
            <code>{setting.as_str()}</code>
            ", and GitHub accepts these changes only when it is "
            <code>"assign_selected"</code>
            " (\"selected members\"). "
            {setting.meaning()}
        </div>
    }
}
