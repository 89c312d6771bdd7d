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

/// The grace period offered by default: a seat younger than two weeks is too new to judge.
pub const DEFAULT_GRACE_DAYS: u32 = 14;
/// A year: a seat older than that is not new by any measure. 0 turns the grace period off.
pub const MAX_GRACE_DAYS: u32 = 365;

/// The status of one seat at one moment, for one inactivity threshold and grace period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SeatStatus {
    Active,
    /// Created within the grace period and not used within the threshold: too new to call idle.
    New,
    /// Signed in within the threshold but no activity within it. GitHub records activity from IDE
    /// telemetry, so such a seat may well be in use (telemetry off, a proxy dropping it).
    SignedInNoActivity,
    Inactive,
    NeverUsed,
    PendingCancellation,
}

impl SeatStatus {
    /// In the order the counters above the grid show them.
    pub const ALL: [SeatStatus; 6] =
        [Self::Active, Self::New, Self::SignedInNoActivity, Self::Inactive, Self::NeverUsed, Self::PendingCancellation];

    /// What a person reads in the grid and on the counters.
    pub fn label(self) -> &'static str {
        match self {
            Self::Active => "Active",
            Self::New => "New",
            Self::SignedInNoActivity => "Signed in, no activity",
            Self::Inactive => "Inactive",
            Self::NeverUsed => "Never used",
            Self::PendingCancellation => "Pending cancellation",
        }
    }

    /// The stable spelling used in URLs and exports.
    pub fn key(self) -> &'static str {
        match self {
            Self::Active => "active",
            Self::New => "new",
            Self::SignedInNoActivity => "signed-in-no-activity",
            Self::Inactive => "inactive",
            Self::NeverUsed => "never-used",
            Self::PendingCancellation => "pending-cancellation",
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|status| status.key().eq_ignore_ascii_case(key.trim()))
    }

    /// Seats that cost money without being used: what the cost summary adds up and "select all inactive"
    /// selects. New seats and seats signed in without activity are not: either may be in use.
    pub fn is_idle(self) -> bool {
        matches!(self, Self::Inactive | Self::NeverUsed)
    }

    /// Seats that are, or may be, in use: a user holding one is not billed as idle anywhere.
    pub fn may_be_in_use(self) -> bool {
        matches!(self, Self::Active | Self::New | Self::SignedInNoActivity)
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

/// The two numbers a person chose that decide a status: days without activity before a seat is inactive,
/// and the age under which a seat is new (0: no grace period).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct StatusRules {
    pub threshold_days: u32,
    pub grace_days: u32,
}

impl Default for StatusRules {
    fn default() -> Self {
        Self { threshold_days: DEFAULT_THRESHOLD_DAYS, grace_days: DEFAULT_GRACE_DAYS }
    }
}

impl StatusRules {
    /// This threshold with the default grace period.
    pub fn with_threshold(threshold_days: u32) -> Self {
        Self { threshold_days, ..Self::default() }
    }

    /// The rules with each number brought into its range (1..=3650 days, 0..=365 days).
    pub fn clamped(self) -> Self {
        Self {
            threshold_days: self.threshold_days.clamp(MIN_THRESHOLD_DAYS, MAX_THRESHOLD_DAYS),
            grace_days: self.grace_days.min(MAX_GRACE_DAYS),
        }
    }
}

/// What a status is decided from, as epoch seconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct SeatTimes {
    pub pending_cancellation: bool,
    pub created: i64,
    pub last_activity: Option<i64>,
    /// `None` also when the answer came from the older document version, which lacks the field: such a
    /// seat is never "signed in, no activity", so it keeps the rules it always had.
    pub last_authenticated: Option<i64>,
}

/// The status of a seat, by the first rule that holds:
/// 1. pending cancellation (the seat is already being removed, whatever its use);
/// 2. active: used less than `threshold_days` ago;
/// 3. new: created less than `grace_days` ago;
/// 4. signed in, no activity: signed in less than `threshold_days` ago;
/// 5. never used: no activity ever;
/// 6. otherwise inactive.
pub fn seat_status(seat: &Seat, now: DateTime<Utc>, rules: StatusRules) -> SeatStatus {
    let times = SeatTimes {
        pending_cancellation: seat.pending_cancellation_date.is_some(),
        created: seat.created_at.timestamp(),
        last_activity: seat.last_activity_at.map(|time| time.timestamp()),
        last_authenticated: seat.last_authenticated_at.map(|time| time.timestamp()),
    };
    status_from_times(&times, now.timestamp(), rules)
}

/// The same rules on precomputed epoch seconds: what the grid runs 100,000 times a keystroke.
pub(crate) fn status_from_times(times: &SeatTimes, now_seconds: i64, rules: StatusRules) -> SeatStatus {
    let within = |since: i64, days: u32| now_seconds.saturating_sub(since) < i64::from(days) * SECONDS_PER_DAY;
    if times.pending_cancellation {
        SeatStatus::PendingCancellation
    } else if times.last_activity.is_some_and(|at| within(at, rules.threshold_days)) {
        SeatStatus::Active
    } else if within(times.created, rules.grace_days) {
        SeatStatus::New
    } else if times.last_authenticated.is_some_and(|at| within(at, rules.threshold_days)) {
        SeatStatus::SignedInNoActivity
    } else if times.last_activity.is_none() {
        SeatStatus::NeverUsed
    } else {
        SeatStatus::Inactive
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

/// What a person typed into a field of days: "45", " 45 ", "45 days", "45d".
enum TypedDays {
    Empty,
    NotANumber,
    /// `None`: all digits, but too many for a `u32` (out of any range).
    Days(Option<u32>),
}

fn typed_days(input: &str) -> TypedDays {
    let trimmed = input.trim();
    if trimmed.is_empty() {
        return TypedDays::Empty;
    }
    let lower = trimmed.to_ascii_lowercase();
    let number = ["days", "day", "d"].iter().find_map(|unit| lower.strip_suffix(unit)).unwrap_or(&lower).trim();
    if number.is_empty() || !number.bytes().all(|b| b.is_ascii_digit()) {
        return TypedDays::NotANumber;
    }
    TypedDays::Days(number.parse::<u32>().ok())
}

/// Reads a threshold typed by a person: "45", " 45 ", "45 days", "45d".
pub fn parse_threshold_days(input: &str) -> Result<u32, ThresholdError> {
    match typed_days(input) {
        TypedDays::Empty => Err(ThresholdError::Empty),
        TypedDays::NotANumber => Err(ThresholdError::NotANumber(input.trim().to_owned())),
        TypedDays::Days(Some(days)) if is_valid_threshold(days) => Ok(days),
        TypedDays::Days(_) => Err(ThresholdError::OutOfRange),
    }
}

pub fn is_valid_threshold(days: u32) -> bool {
    (MIN_THRESHOLD_DAYS..=MAX_THRESHOLD_DAYS).contains(&days)
}

/// Why a typed grace period was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum GraceError {
    #[error("Enter a number of days, for example 14, or 0 for no grace period.")]
    Empty,
    #[error("The grace period is a whole number of days, like 14; \u{201c}{0}\u{201d} is not.")]
    NotANumber(String),
    #[error("The grace period is between 0 and {MAX_GRACE_DAYS} days.")]
    OutOfRange,
}

/// Reads a grace period typed by a person, as [`parse_threshold_days`] reads a threshold; 0 is allowed.
pub fn parse_grace_days(input: &str) -> Result<u32, GraceError> {
    match typed_days(input) {
        TypedDays::Empty => Err(GraceError::Empty),
        TypedDays::NotANumber => Err(GraceError::NotANumber(input.trim().to_owned())),
        TypedDays::Days(Some(days)) if days <= MAX_GRACE_DAYS => Ok(days),
        TypedDays::Days(_) => Err(GraceError::OutOfRange),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_seats::{at, seat};

    const NOW: &str = "2024-06-30T12:00:00Z";

    #[test]
    fn a_seat_used_within_the_threshold_is_active() {
        let seat = seat("mona").last_activity("2024-06-25T12:00:00Z").build();
        assert_eq!(seat_status(&seat, at(NOW), StatusRules::with_threshold(30)), SeatStatus::Active);
    }

    #[test]
    fn a_seat_idle_for_exactly_the_threshold_is_inactive() {
        let idle_exactly = seat("mona").last_activity("2024-05-31T12:00:00Z").build();
        assert_eq!(seat_status(&idle_exactly, at(NOW), StatusRules::with_threshold(30)), SeatStatus::Inactive);
        let one_second_later = seat("mona").last_activity("2024-05-31T12:00:01Z").build();
        assert_eq!(seat_status(&one_second_later, at(NOW), StatusRules::with_threshold(30)), SeatStatus::Active);
    }

    #[test]
    fn the_threshold_decides_between_active_and_inactive() {
        let seat = seat("mona").last_activity("2024-06-10T12:00:00Z").build();
        assert_eq!(seat_status(&seat, at(NOW), StatusRules::with_threshold(7)), SeatStatus::Inactive);
        assert_eq!(seat_status(&seat, at(NOW), StatusRules::with_threshold(30)), SeatStatus::Active);
    }

    #[test]
    fn a_seat_without_any_activity_is_never_used_whatever_its_age() {
        let seat = seat("mona").created("2020-01-01T00:00:00Z").build();
        assert_eq!(seat_status(&seat, at(NOW), StatusRules::with_threshold(90)), SeatStatus::NeverUsed);
        assert_eq!(idle_days(&seat, at(NOW)), 1642);
    }

    #[test]
    fn pending_cancellation_wins_over_activity() {
        let active = seat("mona").last_activity("2024-06-30T11:00:00Z").pending("2024-07-01").build();
        let never = seat("hubot").pending("2024-07-01").build();
        assert_eq!(seat_status(&active, at(NOW), StatusRules::with_threshold(30)), SeatStatus::PendingCancellation);
        assert_eq!(seat_status(&never, at(NOW), StatusRules::with_threshold(30)), SeatStatus::PendingCancellation);
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
        assert_eq!(seat_status(&seat, at(NOW), StatusRules::with_threshold(1)), SeatStatus::Active);
    }

    #[test]
    fn offsets_are_respected_when_measuring_idle_time() {
        // 2024-06-23T06:00:00-06:00 is 12:00 UTC: exactly 7 days before NOW.
        let seat = seat("mona").last_activity("2024-06-23T06:00:00-06:00").build();
        assert_eq!(seat_status(&seat, at(NOW), StatusRules::with_threshold(7)), SeatStatus::Inactive);
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

    const GRACE_14: StatusRules = StatusRules { threshold_days: 30, grace_days: 14 };

    #[test]
    fn a_seat_younger_than_the_grace_period_is_new_until_the_period_ends() {
        // NOW is 2024-06-30T12:00Z: 14 days earlier is 2024-06-16T12:00Z.
        let inside = seat("mona").created("2024-06-16T12:00:01Z").build();
        assert_eq!(seat_status(&inside, at(NOW), GRACE_14), SeatStatus::New);
        let exactly = seat("mona").created("2024-06-16T12:00:00Z").build();
        assert_eq!(seat_status(&exactly, at(NOW), GRACE_14), SeatStatus::NeverUsed);
        let no_grace = StatusRules { grace_days: 0, ..GRACE_14 };
        assert_eq!(seat_status(&inside, at(NOW), no_grace), SeatStatus::NeverUsed);
    }

    #[test]
    fn a_new_seat_in_use_is_active_and_a_new_seat_being_removed_is_pending() {
        let used = seat("mona").created("2024-06-25T00:00:00Z").last_activity("2024-06-29T00:00:00Z").build();
        assert_eq!(seat_status(&used, at(NOW), GRACE_14), SeatStatus::Active);
        let leaving = seat("hubot").created("2024-06-25T00:00:00Z").pending("2024-07-01").build();
        assert_eq!(seat_status(&leaving, at(NOW), GRACE_14), SeatStatus::PendingCancellation);
    }

    #[test]
    fn a_recent_sign_in_without_recent_activity_is_its_own_status_within_the_threshold() {
        // 30 days before NOW is 2024-05-31T12:00Z.
        let old_use = seat("mona").last_activity("2024-03-01T00:00:00Z");
        let signed_in = old_use.last_authenticated("2024-05-31T12:00:01Z").build();
        assert_eq!(seat_status(&signed_in, at(NOW), GRACE_14), SeatStatus::SignedInNoActivity);
        let signed_in_long_ago =
            seat("mona").last_activity("2024-03-01T00:00:00Z").last_authenticated("2024-05-31T12:00:00Z").build();
        assert_eq!(seat_status(&signed_in_long_ago, at(NOW), GRACE_14), SeatStatus::Inactive);
        let never_used_but_signed_in = seat("hubot").last_authenticated("2024-06-29T00:00:00Z").build();
        assert_eq!(seat_status(&never_used_but_signed_in, at(NOW), GRACE_14), SeatStatus::SignedInNoActivity);
    }

    #[test]
    fn seats_without_a_sign_in_time_keep_the_rules_of_the_older_document_version() {
        let inactive = seat("mona").last_activity("2024-03-01T00:00:00Z").build();
        let never = seat("hubot").build();
        assert_eq!(seat_status(&inactive, at(NOW), GRACE_14), SeatStatus::Inactive);
        assert_eq!(seat_status(&never, at(NOW), GRACE_14), SeatStatus::NeverUsed);
    }

    #[test]
    fn new_and_signed_in_seats_may_be_in_use_and_are_never_idle() {
        for status in SeatStatus::ALL {
            assert!(!(status.is_idle() && status.may_be_in_use()), "{status}");
        }
        assert!(SeatStatus::New.may_be_in_use() && SeatStatus::SignedInNoActivity.may_be_in_use());
        assert_eq!(SeatStatus::SignedInNoActivity.key(), "signed-in-no-activity");
    }

    #[test]
    fn rules_out_of_range_are_brought_into_it() {
        let wild = StatusRules { threshold_days: 0, grace_days: 9_999 }.clamped();
        assert_eq!(wild, StatusRules { threshold_days: 1, grace_days: MAX_GRACE_DAYS });
    }

    #[test]
    fn typed_grace_periods_allow_zero_and_refuse_more_than_a_year() {
        assert_eq!(parse_grace_days("0"), Ok(0));
        assert_eq!(parse_grace_days(" 21 days"), Ok(21));
        assert_eq!(parse_grace_days("366"), Err(GraceError::OutOfRange));
        assert_eq!(parse_grace_days(""), Err(GraceError::Empty));
        assert_eq!(parse_grace_days("two weeks"), Err(GraceError::NotANumber("two weeks".into())));
    }
}
