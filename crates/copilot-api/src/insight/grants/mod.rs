//! A seat's grants and what stops its bill. GitHub bills a user once per enterprise however many grants
//! they hold (a direct assignment, an organization team, an enterprise team, in each organization), so a
//! seat stops billing only when every grant it has is gone.
//!
//! One part a file: `graph` (per billed user, their grants across what is loaded), `removal` (the removal
//! that would end each grant, who else a team's removal touches, and what a revoke does to the bill:
//! seats that stop billing and seats another grant keeps), `wording` (what the page says of them).

mod graph;
mod removal;
mod wording;

pub use graph::{grant_at, Grant, GrantsGraph};
pub use removal::{
    person_grants, BillingEffect, GrantRemoval, PersonGrants, Removal, Revocation, SelectionBilling, StayReason, Tally,
};
pub use wording::{grant_source, grants_lookup_hint, no_grants_found, GRANTS_HEADING, GRANTS_LOGIN_LABEL};
