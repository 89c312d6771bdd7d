//! Time, always passed in, and the billing cycle.
//!
//! The cycle is the calendar month in UTC. A cancelled seat keeps working to the end of it, and its
//! `pending_cancellation_date` is the first day of the next cycle, as GitHub's schema describes it ("this
//! corresponds to the start of the organization's next billing cycle") and as its example shows
//! (`"2021-11-01"`). On that date the seat is gone.

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, TimeZone, Utc};

/// Seconds since the Unix epoch: how the state stores instants.
pub type Epoch = i64;

pub const DAY: Epoch = 86_400;

/// The first day of the cycle `now` falls in.
pub fn cycle_start(now: DateTime<Utc>) -> NaiveDate {
    first_of_month(now.year(), now.month())
}

/// The first day of the next cycle: a cancelled seat's `pending_cancellation_date`.
pub fn next_cycle_start(now: DateTime<Utc>) -> NaiveDate {
    if now.month() == 12 {
        first_of_month(now.year().saturating_add(1), 1)
    } else {
        first_of_month(now.year(), now.month() + 1)
    }
}

/// Midnight UTC of a date, as an epoch.
pub fn midnight(date: NaiveDate) -> Epoch {
    date.and_hms_opt(0, 0, 0).map_or(0, |time| time.and_utc().timestamp())
}

fn first_of_month(year: i32, month: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, 1).unwrap_or_default()
}

/// An epoch as GitHub writes timestamps: RFC 3339 with an offset (here always UTC).
pub fn timestamp(epoch: Epoch) -> DateTime<FixedOffset> {
    Utc.timestamp_opt(epoch, 0).single().unwrap_or_default().fixed_offset()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn the_cycle_is_the_calendar_month() {
        let now = at("2024-06-17T10:00:00Z");
        assert_eq!(cycle_start(now), NaiveDate::from_ymd_opt(2024, 6, 1).unwrap());
        assert_eq!(next_cycle_start(now), NaiveDate::from_ymd_opt(2024, 7, 1).unwrap());
        let december = at("2024-12-31T23:59:59Z");
        assert_eq!(next_cycle_start(december), NaiveDate::from_ymd_opt(2025, 1, 1).unwrap());
    }

    #[test]
    fn midnight_and_timestamp_round_trip() {
        let date = NaiveDate::from_ymd_opt(2024, 2, 29).unwrap();
        assert_eq!(timestamp(midnight(date)).to_rfc3339(), "2024-02-29T00:00:00+00:00");
    }
}
