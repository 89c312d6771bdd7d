//! Revoke from a list: the GitHub logins of people leaving (pasted, or a CSV file chosen or dropped) checked
//! against the loaded seats of an organization, a table of what each name comes to with counts per outcome
//! and its export, and "Revoke the revocable ones", which opens the one confirmation dialog through the
//! write desk exactly as the grid's selection does. Every rule and word is the core's
//! `copilot_api::plan::offboarding`.
//!
//! One file a part: `panel` (the folded panel: the list, the buttons, the notes) and `tables` (the counts
//! per outcome and the names).

mod panel;
mod tables;

pub use panel::OffboardingPanel;
