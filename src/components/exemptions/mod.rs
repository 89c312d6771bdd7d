//! Exemptions: the logins and teams never proposed for revocation, kept for the tab (the person exports
//! the list to keep it). The panel adds and removes entries; the grid reads the list through context to
//! badge exempt seats, leave them out of its selection helpers and skip them in a revoke. Every rule and
//! word is the core's `copilot_api::plan::exemption`.

mod panel;

use chrono::NaiveDate;
use copilot_api::plan::exemption::{ActiveExemptions, ExemptionList};
use leptos::prelude::*;

pub use panel::ExemptionsPanel;

/// The tab's exemption list, shared through context: it outlives connections, like the activity log.
#[derive(Clone, Copy)]
pub struct Exemptions {
    pub list: RwSignal<ExemptionList>,
}

impl Exemptions {
    pub fn provide() -> Self {
        let exemptions = Self { list: RwSignal::new(ExemptionList::default()) };
        provide_context(exemptions);
        exemptions
    }

    /// The entries that apply today, tracked: a change to the list recomputes what reads it.
    pub fn active_today(&self) -> ActiveExemptions {
        self.list.with(|list| list.active_on(today()))
    }
}

pub fn use_exemptions() -> Exemptions {
    use_context::<Exemptions>().unwrap_or_else(Exemptions::provide)
}

/// Today in UTC: the day an expiry is compared with (GitHub's dates are UTC days too).
pub fn today() -> NaiveDate {
    crate::clock::now_utc().date_naive()
}
