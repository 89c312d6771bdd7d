//! Offboarding: revoke the seats of a list of people leaving (an offboarding ticket, an HR export).
//!
//! One file a part: `read` (the names of pasted text or a CSV file, the login column found by its header),
//! `reconcile` (each name against the loaded seats: revocable, through a team and who else that takes,
//! pending, exempt, no seat, not a login, listed again; counts; the selection the confirmation dialog
//! receives), `wording` (what the panel says) and `export` (the table as CSV).

mod export;
mod read;
mod reconcile;
pub mod wording;

pub use export::offboarding_file_name;
pub use read::{read_listed_names, ListReadError, ListShape, ListedEntry, ListedNames};
pub use reconcile::{reconcile_list, ListedCounts, ListedOutcome, ListedRow, OutcomeKind, Reconciliation, TeamBlock};
