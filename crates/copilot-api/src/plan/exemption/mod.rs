//! Exemptions: logins and teams that must never be proposed for revocation (service accounts, people on
//! leave, new hires), each with a reason and an optional last day.
//!
//! One file a part: `list` (the entries, what applies on a day, the exempt seats of a load and the
//! selection helpers' rule) and `file` (the list exported and imported as JSON or CSV, all or nothing, an
//! error naming its line or entry), `stored` (the list kept in this browser once the person ticks the box,
//! one record per API host and organization), and `wording` (what the panel, the grid and the selection
//! bar say).

pub mod file;
pub mod list;
pub mod stored;
pub mod wording;

pub use file::{read_exemptions, ExemptionFileError, ExemptionFormat};
pub use list::{
    parse_expiry, ActiveExemptions, ExemptKind, ExemptSeats, Exemption, ExemptionKey, ExemptionList, MergeCounts,
    RuleSelection,
};
pub use stored::{read_back_note, ExemptionPlace, StoredList, KEEP_HINT, KEEP_LABEL};
