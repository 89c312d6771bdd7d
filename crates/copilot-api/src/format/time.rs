//! Times as people read them: "43 days ago" in a cell, the exact minute on hover.
//!
//! The current time is always a parameter: the browser passes `Date.now()` in (`SystemTime::now()` panics
//! on wasm32), and tests pass a fixed moment.

use chrono::{DateTime, Datelike, NaiveDate, TimeZone, Timelike, Utc};

use super::count::plural;

const MINUTE: i64 = 60;
const HOUR: i64 = 60 * MINUTE;
const DAY: i64 = 24 * HOUR;

/// The moment `Date.now()` names (milliseconds since 1970), or `None` for a value no date can have.
pub fn utc_from_epoch_millis(millis: f64) -> Option<DateTime<Utc>> {
    if !millis.is_finite() {
        return None;
    }
    // Out-of-range floats saturate in `as`; chrono then refuses what it cannot represent.
    DateTime::from_timestamp_millis(millis as i64)
}

/// How long ago (or how far ahead) `then` is, in words: "just now", "5 minutes ago", "yesterday",
/// "43 days ago", "3 months ago", "2 years ago", "in 2 days".
///
/// Days are kept up to 89 because the inactivity thresholds are counted in days: "75 days ago" can be
/// compared with a 60-day threshold, "2 months ago" cannot.
pub fn relative_time<Tz: TimeZone>(then: &DateTime<Tz>, now: DateTime<Utc>) -> String {
    relative_seconds(now.timestamp().saturating_sub(then.timestamp()))
}

/// The same for a calendar date (a pending cancellation): "today", "tomorrow", "in 12 days", "3 days ago".
pub fn relative_date(date: NaiveDate, now: DateTime<Utc>) -> String {
    let days = (date - now.date_naive()).num_days();
    match days {
        0 => "today".to_owned(),
        1 => "tomorrow".to_owned(),
        -1 => "yesterday".to_owned(),
        _ if days > 0 => format!("in {}", amount_of_days(days)),
        _ => format!("{} ago", amount_of_days(days.saturating_neg())),
    }
}

fn relative_seconds(elapsed: i64) -> String {
    let future = elapsed < 0;
    let span = elapsed.saturating_abs();
    if span < 45 {
        return "just now".to_owned();
    }
    if (DAY..2 * DAY).contains(&span) {
        return if future { "tomorrow" } else { "yesterday" }.to_owned();
    }
    let amount = if span < HOUR {
        plural((span / MINUTE).max(1), "minute", "minutes")
    } else if span < DAY {
        plural(span / HOUR, "hour", "hours")
    } else {
        amount_of_days(span / DAY)
    };
    if future {
        format!("in {amount}")
    } else {
        format!("{amount} ago")
    }
}

fn amount_of_days(days: i64) -> String {
    if days < 90 {
        plural(days, "day", "days")
    } else if days < 365 {
        plural(days / 30, "month", "months")
    } else {
        plural(days / 365, "year", "years")
    }
}

/// A length of time to wait, as a countdown reads it: "45 s" and "90 s" below two minutes, then "2 min",
/// "14 min 30 s", and "1 h 15 min" from an hour (seconds no longer matter there). Part-seconds round up:
/// a wait shown as "0 s" would already be over.
pub fn length_in_words(millis: u64) -> String {
    let seconds = millis.div_ceil(1_000);
    let (hours, minutes, rest) = (seconds / 3_600, seconds % 3_600 / 60, seconds % 60);
    if seconds < 120 {
        format!("{seconds} s")
    } else if hours == 0 && rest == 0 {
        format!("{minutes} min")
    } else if hours == 0 {
        format!("{minutes} min {rest} s")
    } else if minutes == 0 {
        format!("{hours} h")
    } else {
        format!("{hours} h {minutes} min")
    }
}

/// The exact moment for a tooltip, in UTC so that every admin reading a shared link sees the same text:
/// `2021-10-14 06:53 UTC`.
pub fn exact_time<Tz: TimeZone>(time: &DateTime<Tz>) -> String {
    let time = time.with_timezone(&Utc);
    format!("{} {:02}:{:02} UTC", exact_date(time.date_naive()), time.hour(), time.minute())
}

/// The exact second, in UTC: `2021-10-14 06:53:32 UTC`.
pub fn exact_second(time: &DateTime<Utc>) -> String {
    format!("{} {:02}:{:02}:{:02} UTC", exact_date(time.date_naive()), time.hour(), time.minute(), time.second())
}

/// The exact second of a moment in milliseconds since 1970 (a write's send time, a wait's end), or `None`
/// for a value no date can have.
pub fn exact_second_at_ms(at_ms: u64) -> Option<String> {
    i64::try_from(at_ms).ok().and_then(DateTime::from_timestamp_millis).map(|time| exact_second(&time))
}

/// A calendar date as GitHub sends it: `2021-10-14`.
///
/// These are written by hand, not with chrono's `format`: its pattern interpreter costs the page's
/// WebAssembly more than every use of it here together.
pub fn exact_date(date: NaiveDate) -> String {
    let year = date.year();
    // ISO 8601's expanded years, as chrono's `%Y` writes them: `-0001`, `+10000`.
    let year = if (0..=9999).contains(&year) { format!("{year:04}") } else { format!("{year:+05}") };
    format!("{year}-{:02}-{:02}", date.month(), date.day())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_seats::{at, timestamp};

    const NOW: &str = "2024-06-30T12:00:00Z";

    fn ago(then: &str) -> String {
        relative_time(&timestamp(then), at(NOW))
    }

    #[test]
    fn moments_within_a_minute_are_just_now() {
        assert_eq!(ago("2024-06-30T12:00:00Z"), "just now");
        assert_eq!(ago("2024-06-30T11:59:20Z"), "just now");
        assert_eq!(ago("2024-06-30T12:00:30Z"), "just now");
    }

    #[test]
    fn minutes_and_hours_are_counted_as_such() {
        assert_eq!(ago("2024-06-30T11:59:10Z"), "1 minute ago");
        assert_eq!(ago("2024-06-30T11:59:00Z"), "1 minute ago");
        assert_eq!(ago("2024-06-30T11:55:00Z"), "5 minutes ago");
        assert_eq!(ago("2024-06-30T11:00:00Z"), "1 hour ago");
        assert_eq!(ago("2024-06-30T00:00:01Z"), "11 hours ago");
    }

    #[test]
    fn one_to_two_days_back_is_yesterday() {
        assert_eq!(ago("2024-06-29T12:00:00Z"), "yesterday");
        assert_eq!(ago("2024-06-28T12:00:01Z"), "yesterday");
        assert_eq!(ago("2024-06-28T12:00:00Z"), "2 days ago");
    }

    #[test]
    fn days_are_kept_up_to_three_months_then_months_then_years() {
        assert_eq!(ago("2024-05-18T12:00:00Z"), "43 days ago");
        assert_eq!(ago("2024-04-01T12:00:00Z"), "3 months ago");
        assert_eq!(ago("2024-04-02T12:00:00Z"), "89 days ago");
        assert_eq!(ago("2023-07-01T12:00:00Z"), "1 year ago");
        assert_eq!(ago("2021-06-30T12:00:00Z"), "3 years ago");
    }

    #[test]
    fn future_moments_read_forward() {
        assert_eq!(ago("2024-07-02T12:00:00Z"), "in 2 days");
        assert_eq!(ago("2024-07-01T12:00:00Z"), "tomorrow");
        assert_eq!(ago("2024-06-30T12:05:00Z"), "in 5 minutes");
    }

    #[test]
    fn the_offset_of_the_timestamp_does_not_change_the_distance() {
        assert_eq!(ago("2024-06-30T05:00:00-06:00"), "1 hour ago");
    }

    #[test]
    fn exact_times_are_shown_in_utc_to_the_minute() {
        assert_eq!(exact_time(&timestamp("2021-10-14T00:53:32-06:00")), "2021-10-14 06:53 UTC");
        assert_eq!(exact_date(NaiveDate::from_ymd_opt(2021, 10, 14).expect("a date")), "2021-10-14");
        assert_eq!(exact_date(NaiveDate::from_ymd_opt(812, 1, 2).expect("a date")), "0812-01-02");
        assert_eq!(exact_date(NaiveDate::from_ymd_opt(-1, 1, 2).expect("a date")), "-0001-01-02");
        assert_eq!(exact_date(NaiveDate::from_ymd_opt(10_000, 1, 2).expect("a date")), "+10000-01-02");
        assert_eq!(
            exact_second(&timestamp("2021-10-14T00:53:02.9-06:00").with_timezone(&Utc)),
            "2021-10-14 06:53:02 UTC"
        );
    }

    #[test]
    fn a_moment_in_milliseconds_reads_to_the_second_and_one_no_date_has_reads_as_none() {
        assert_eq!(exact_second_at_ms(1_700_000_000_999).as_deref(), Some("2023-11-14 22:13:20 UTC"));
        assert_eq!(exact_second_at_ms(0).as_deref(), Some("1970-01-01 00:00:00 UTC"));
        assert_eq!(exact_second_at_ms(u64::MAX), None);
        assert_eq!(exact_second_at_ms(i64::MAX as u64), None);
    }

    #[test]
    fn counts_of_days_and_years_get_thousands_separators() {
        assert_eq!(ago("2021-06-30T12:00:00Z"), "3 years ago");
        assert_eq!(relative_time(&timestamp("0900-01-01T00:00:00Z"), at(NOW)), "1,125 years ago");
    }

    #[test]
    fn calendar_dates_read_relative_to_today() {
        let date = |text: &str| text.parse::<NaiveDate>().expect("a date");
        assert_eq!(relative_date(date("2024-06-30"), at(NOW)), "today");
        assert_eq!(relative_date(date("2024-07-01"), at(NOW)), "tomorrow");
        assert_eq!(relative_date(date("2024-07-12"), at(NOW)), "in 12 days");
        assert_eq!(relative_date(date("2024-06-27"), at(NOW)), "3 days ago");
    }

    #[test]
    fn waits_read_in_seconds_then_minutes_then_hours() {
        assert_eq!(length_in_words(0), "0 s");
        assert_eq!(length_in_words(1), "1 s", "a part-second still to wait is a second");
        assert_eq!(length_in_words(60_000), "60 s");
        assert_eq!(length_in_words(119_000), "119 s");
        assert_eq!(length_in_words(119_001), "2 min", "rounded up to the whole second");
        assert_eq!(length_in_words(120_000), "2 min");
        assert_eq!(length_in_words(870_000), "14 min 30 s");
        assert_eq!(length_in_words(3_600_000), "1 h");
        assert_eq!(length_in_words(4_530_000), "1 h 15 min");
        assert_eq!(length_in_words(u64::MAX), "5124095576030 h 25 min");
    }

    #[test]
    fn the_browser_clock_converts_and_nonsense_is_refused() {
        assert_eq!(utc_from_epoch_millis(1_719_748_800_000.0), Some(at(NOW)));
        assert_eq!(utc_from_epoch_millis(f64::NAN), None);
        assert_eq!(utc_from_epoch_millis(f64::INFINITY), None);
        assert_eq!(utc_from_epoch_millis(1e300), None);
    }
}
