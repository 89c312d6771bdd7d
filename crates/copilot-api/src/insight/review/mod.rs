//! Review: what changed since an earlier export of this app. The export is read back (`read`), both it and
//! the seats loaded now become per-user snapshots compared user by user (`diff`: every user in exactly one
//! group), the comparison is told in sentences (`wording`) and written as a CSV (`export`), and the grid
//! can be narrowed to one group (`filter`).

pub mod diff;
pub mod export;
pub mod filter;
pub mod read;
pub mod wording;

pub use diff::{diff, ChangeGroup, Comparison, Grant, Snapshot, UseState, UserSeats};
pub use export::{comparison_csv, comparison_file_name};
pub use filter::{ChangedFilter, LoginSet};
pub use read::{read_earlier_export, EarlierExport, EarlierMeta, EarlierSeat, ExportReadError};
