//! How the app writes numbers, money, times and CSV for people: one home for each rule, so that a count,
//! a price or a moment reads the same wherever it shows, and a later translation has one place to look.
//!
//! - [`count`]: counts with thousands separators, plurals, ordinals ("1,234 seats", "3rd");
//! - [`money`]: dollars and cents ("$1,234.00", "$19.00 a month");
//! - [`share`]: a part of a whole in percent ("62%", "<1%");
//! - [`time`]: moments and lengths of time ("43 days ago", "2021-10-14 06:53 UTC", "2 min");
//! - [`csv`]: the one CSV writer, with RFC 4180 quoting and formula neutralising;
//! - [`csv_read`]: the one CSV reader, each record with the line it begins on.

pub mod count;
pub mod csv;
pub mod csv_read;
mod csv_record;
pub mod money;
pub mod share;
pub mod time;

pub use count::{count, ordinal, plural, Integer};
pub use csv::{csv_text, CsvError};
pub use csv_read::{read_csv_records, CsvReadError, CsvRecord};
pub use money::{dollars, monthly};
pub use share::percent;
pub use time::{
    exact_date, exact_second, exact_second_at_ms, exact_time, length_in_words, relative_date, relative_time,
    utc_from_epoch_millis,
};
