//! What a seat is doing for the money: in use, idle past the threshold a person chose, never used at all,
//! or already on its way out.

use chrono::{DateTime, Utc};

use crate::models::Seat;

pub const SECONDS_PER_DAY: i64 = 86_400;

/// The thresholds offered as one click; any other number of days can be typed.
pub const THRESHOLD_PRESETS: [u32; 4] = [7, 30, 60, 90];
pub const DEFAULT_THRESHOLD_DAYS: u32 = 30;
pub const MIN_THRESHOLD_DAYS: u32 = 1;
/// Ten years: beyond that every seat GitHub has ever sold is "active", which is never what was meant.
pub const MAX_THRESHOLD_DAYS: u32 = 3650;

/// The status of one seat at one moment, for one inactivity threshold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SeatStatus {
    Active,
    Inactive,
    NeverUsed,
    PendingCancellation,
}

impl SeatStatus {
    /// In the order the counters above the grid show them.
    pub const ALL: [SeatStatus; 4] = [Self::Active, Self::Inactive, Self::NeverUsed, Self::PendingCancellation];

    /// What a person reads in the grid and on the counters.
    pub fn label(self) -> &'static str {
        match self {
            Self::Active => "Active",
            Self::Inactive => "Inactive",
            Self::NeverUsed => "Never used",
            Self::PendingCancellation => "Pending cancellation",
        }
    }

    /// The stable spelling used in URLs and exports.
    pub fn key(self) -> &'static str {
        match self {
            Self::Active => "active",
            Self::Inactive => "inactive",
            Self::NeverUsed => "never-used",
            Self::PendingCancellation => "pending-cancellation",
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|status| status.key().eq_ignore_ascii_case(key.trim()))
    }

    /// Seats that cost money without being used: what the cost summary adds up.
    pub fn is_idle(self) -> bool {
        matches!(self, Self::Inactive | Self::NeverUsed)
    }

    pub(crate) fn bit(self) -> u8 {
        1 << (self as u8)
    }
}

impl std::fmt::Display for SeatStatus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.label())
    }
}

/// The status of a seat: pending cancellation wins (the seat is already being removed, whatever its use);
/// no activity ever means never used; otherwise inactive once idle for `threshold_days` or more.
pub fn seat_status(seat: &Seat, now: DateTime<Utc>, threshold_days: u32) -> SeatStatus {
    status_from_parts(
        seat.pending_cancellation_date.is_some(),
        seat.last_activity_at.map(|time| time.timestamp()),
        now.timestamp(),
        threshold_days,
    )
}

/// The same rule on precomputed epoch seconds: what the grid runs 100,000 times a keystroke.
pub(crate) fn status_from_parts(
    pending_cancellation: bool,
    last_activity_seconds: Option<i64>,
    now_seconds: i64,
    threshold_days: u32,
) -> SeatStatus {
    if pending_cancellation {
        return SeatStatus::PendingCancellation;
    }
    let Some(last_activity) = last_activity_seconds else { return SeatStatus::NeverUsed };
    let idle_seconds = now_seconds.saturating_sub(last_activity);
    if idle_seconds >= i64::from(threshold_days) * SECONDS_PER_DAY {
        SeatStatus::Inactive
    } else {
        SeatStatus::Active
    }
}

/// Whole days without use: since the last activity, or since the seat was created for a seat never used.
/// A timestamp in the future (a clock that runs ahead) counts as 0 days, never as a negative number.
pub fn idle_days(seat: &Seat, now: DateTime<Utc>) -> i64 {
    idle_days_from(seat.last_activity_at.unwrap_or(seat.created_at).timestamp(), now.timestamp())
}

pub(crate) fn idle_days_from(since_seconds: i64, now_seconds: i64) -> i64 {
    (now_seconds.saturating_sub(since_seconds) / SECONDS_PER_DAY).max(0)
}

/// Why a typed threshold was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ThresholdError {
    #[error("Enter a number of days, for example 30.")]
    Empty,
    #[error("The inactivity threshold is a whole number of days, like 30; \u{201c}{0}\u{201d} is not.")]
    NotANumber(String),
    #[error("The inactivity threshold is between {MIN_THRESHOLD_DAYS} and {MAX_THRESHOLD_DAYS} days.")]
    OutOfRange,
}

/// Reads a threshold typed by a person: "45", " 45 ", "45 days", "45d".
pub fn parse_threshold_days(input: &str) -> Result<u32, ThresholdError> {
    let trimmed = input.trim();
    if trimmed.is_empty() {
        return Err(ThresholdError::Empty);
    }
    let lower = trimmed.to_ascii_lowercase();
    let number = ["days", "day", "d"].iter().find_map(|unit| lower.strip_suffix(unit)).unwrap_or(&lower).trim();
    if number.is_empty() || !number.bytes().all(|b| b.is_ascii_digit()) {
        return Err(ThresholdError::NotANumber(trimmed.to_owned()));
    }
    // All digits: the only way parsing fails is a number too large for u32, which is out of range anyway.
    match number.parse::<u32>() {
        Ok(days) if is_valid_threshold(days) => Ok(days),
        _ => Err(ThresholdError::OutOfRange),
    }
}

pub fn is_valid_threshold(days: u32) -> bool {
    (MIN_THRESHOLD_DAYS..=MAX_THRESHOLD_DAYS).contains(&days)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_seats::{at, seat};

    const NOW: &str = "2024-06-30T12:00:00Z";

    #[test]
    fn a_seat_used_within_the_threshold_is_active() {
        let seat = seat("mona").last_activity("2024-06-25T12:00:00Z").build();
        assert_eq!(seat_status(&seat, at(NOW), 30), SeatStatus::Active);
    }

    #[test]
    fn a_seat_idle_for_exactly_the_threshold_is_inactive() {
        let idle_exactly = seat("mona").last_activity("2024-05-31T12:00:00Z").build();
        assert_eq!(seat_status(&idle_exactly, at(NOW), 30), SeatStatus::Inactive);
        let one_second_later = seat("mona").last_activity("2024-05-31T12:00:01Z").build();
        assert_eq!(seat_status(&one_second_later, at(NOW), 30), SeatStatus::Active);
    }

    #[test]
    fn the_threshold_decides_between_active_and_inactive() {
        let seat = seat("mona").last_activity("2024-06-10T12:00:00Z").build();
        assert_eq!(seat_status(&seat, at(NOW), 7), SeatStatus::Inactive);
        assert_eq!(seat_status(&seat, at(NOW), 30), SeatStatus::Active);
    }

    #[test]
    fn a_seat_without_any_activity_is_never_used_whatever_its_age() {
        let seat = seat("mona").created("2020-01-01T00:00:00Z").build();
        assert_eq!(seat_status(&seat, at(NOW), 90), SeatStatus::NeverUsed);
        assert_eq!(idle_days(&seat, at(NOW)), 1642);
    }

    #[test]
    fn pending_cancellation_wins_over_activity() {
        let active = seat("mona").last_activity("2024-06-30T11:00:00Z").pending("2024-07-01").build();
        let never = seat("hubot").pending("2024-07-01").build();
        assert_eq!(seat_status(&active, at(NOW), 30), SeatStatus::PendingCancellation);
        assert_eq!(seat_status(&never, at(NOW), 30), SeatStatus::PendingCancellation);
    }

    #[test]
    fn idle_days_count_from_the_last_activity_in_whole_days() {
        let seat = seat("mona").created("2020-01-01T00:00:00Z").last_activity("2024-05-18T13:00:00Z").build();
        assert_eq!(idle_days(&seat, at(NOW)), 42);
    }

    #[test]
    fn activity_in_the_future_counts_as_zero_idle_days_and_active() {
        let seat = seat("mona").last_activity("2030-01-01T00:00:00Z").build();
        assert_eq!(idle_days(&seat, at(NOW)), 0);
        assert_eq!(seat_status(&seat, at(NOW), 1), SeatStatus::Active);
    }

    #[test]
    fn offsets_are_respected_when_measuring_idle_time() {
        // 2024-06-23T06:00:00-06:00 is 12:00 UTC: exactly 7 days before NOW.
        let seat = seat("mona").last_activity("2024-06-23T06:00:00-06:00").build();
        assert_eq!(seat_status(&seat, at(NOW), 7), SeatStatus::Inactive);
        assert_eq!(idle_days(&seat, at(NOW)), 7);
    }

    #[test]
    fn status_keys_round_trip_and_labels_read_as_words() {
        for status in SeatStatus::ALL {
            assert_eq!(SeatStatus::from_key(status.key()), Some(status));
        }
        assert_eq!(SeatStatus::from_key("NEVER-USED"), Some(SeatStatus::NeverUsed));
        assert_eq!(SeatStatus::from_key("sleeping"), None);
        assert_eq!(SeatStatus::NeverUsed.label(), "Never used");
        assert!(SeatStatus::Inactive.is_idle() && SeatStatus::NeverUsed.is_idle());
        assert!(!SeatStatus::Active.is_idle() && !SeatStatus::PendingCancellation.is_idle());
    }

    #[test]
    fn typed_thresholds_accept_plain_numbers_and_units() {
        assert_eq!(parse_threshold_days("45"), Ok(45));
        assert_eq!(parse_threshold_days(" 45 days "), Ok(45));
        assert_eq!(parse_threshold_days("1 day"), Ok(1));
        assert_eq!(parse_threshold_days("90d"), Ok(90));
        assert_eq!(parse_threshold_days("3650"), Ok(3650));
    }

    #[test]
    fn typed_thresholds_outside_the_range_or_not_numbers_are_refused_with_a_reason() {
        assert_eq!(parse_threshold_days(""), Err(ThresholdError::Empty));
        assert_eq!(parse_threshold_days("0"), Err(ThresholdError::OutOfRange));
        assert_eq!(parse_threshold_days("3651"), Err(ThresholdError::OutOfRange));
        assert_eq!(parse_threshold_days("99999999999999999999"), Err(ThresholdError::OutOfRange));
        assert_eq!(parse_threshold_days("-5"), Err(ThresholdError::NotANumber("-5".into())));
        assert_eq!(parse_threshold_days("1.5"), Err(ThresholdError::NotANumber("1.5".into())));
        assert_eq!(parse_threshold_days("days"), Err(ThresholdError::NotANumber("days".into())));
        assert!(ThresholdError::OutOfRange.to_string().contains("between 1 and 3650 days"));
    }

    #[test]
    fn every_preset_is_a_valid_threshold() {
        assert!(THRESHOLD_PRESETS.iter().all(|days| is_valid_threshold(*days)));
        assert!(is_valid_threshold(DEFAULT_THRESHOLD_DAYS));
    }
}
