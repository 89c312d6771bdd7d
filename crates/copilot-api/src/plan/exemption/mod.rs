//! Exemptions: logins and teams that must never be proposed for revocation (service accounts, people on
//! leave, new hires), each with a reason and an optional last day.
//!
//! One file a part: `list` (the entries, what applies on a day, the exempt seats of a load and the
//! selection helpers' rule). Still to come (#15): `file` (JSON and CSV import and export), `wording`.

pub mod list;

pub use list::{
    parse_expiry, ActiveExemptions, ExemptKind, ExemptSeats, Exemption, ExemptionKey, ExemptionList, MergeCounts,
    RuleSelection,
};
