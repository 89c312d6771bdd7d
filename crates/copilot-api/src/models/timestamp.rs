//! Readers for GitHub's timestamps (`date-time`) and dates (`date`), without chrono's general parser.
//!
//! chrono's `FromStr` walks a table of format items through a parser built for every format it knows;
//! linked into the page that machinery cost about 6 KiB gzip (see README, "Benchmarks"), and GitHub sends
//! one format only. These readers take what chrono took for that format, but for spaces inside the date
//! or the time (which chrono let through and GitHub never sends): RFC 3339 with `T`, `t` or a space
//! between date and time, any number of fraction digits (nanoseconds kept, the rest ignored), a leap
//! second as `:60`, and `Z`, `z`, `UTC`, `+hh:mm` or `+hhmm` as the offset. A value they cannot read
//! fails the field as chrono's did, with a message that says what was expected.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime};
use serde::de::{Deserializer, Error, Visitor};
use std::fmt;

use super::Timestamp;

/// Reads `text` as RFC 3339, or `None` when it is not a valid date and time with an offset.
pub fn parse_timestamp(text: &str) -> Option<Timestamp> {
    let bytes = text.as_bytes();
    let date = parse_date_prefix(bytes)?;
    let rest = match bytes.get(10)? {
        b'T' | b't' | b' ' => &bytes[11..],
        _ => return None,
    };
    let (hour, rest) = two_digits(rest)?;
    let rest = rest.strip_prefix(b":")?;
    let (minute, rest) = two_digits(rest)?;
    let rest = rest.strip_prefix(b":")?;
    let (second, mut rest) = two_digits(rest)?;
    let mut nanos = 0u32;
    if let Some(fraction) = rest.strip_prefix(b".") {
        let digits = fraction.iter().take_while(|byte| byte.is_ascii_digit()).count();
        if digits == 0 {
            return None;
        }
        // Nanoseconds from the first nine digits; further digits are below what a timestamp holds.
        for position in 0..9 {
            let digit = fraction.get(position).filter(|byte| position < digits && byte.is_ascii_digit());
            nanos = nanos * 10 + digit.map_or(0, |byte| u32::from(byte - b'0'));
        }
        rest = &fraction[digits..];
    }
    // A leap second (`:60`) is how chrono keeps one: the 59th second, a full second of nanoseconds over.
    let time = if second == 60 {
        NaiveTime::from_hms_nano_opt(hour, minute, 59, 1_000_000_000 + nanos)?
    } else {
        NaiveTime::from_hms_nano_opt(hour, minute, second, nanos)?
    };
    let offset = FixedOffset::east_opt(parse_offset(rest.trim_ascii_start())?)?;
    let utc = NaiveDateTime::new(date, time).checked_sub_offset(offset)?;
    Some(DateTime::from_naive_utc_and_offset(utc, offset))
}

/// Reads `text` as a `date` (`YYYY-MM-DD`, surrounding spaces allowed as chrono allowed them), or `None`.
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    let bytes = text.trim_ascii().as_bytes();
    (bytes.len() == 10).then_some(())?;
    parse_date_prefix(bytes)
}

/// The date in the first ten bytes, `YYYY-MM-DD`.
fn parse_date_prefix(bytes: &[u8]) -> Option<NaiveDate> {
    let (century, rest) = two_digits(bytes)?;
    let (year, rest) = two_digits(rest)?;
    let rest = rest.strip_prefix(b"-")?;
    let (month, rest) = two_digits(rest)?;
    let rest = rest.strip_prefix(b"-")?;
    let (day, _) = two_digits(rest)?;
    NaiveDate::from_ymd_opt((century * 100 + year) as i32, month, day)
}

/// The offset east of UTC in seconds: `Z`, `z`, `UTC` (any case), `+hh:mm` or `+hhmm`, and nothing after.
fn parse_offset(bytes: &[u8]) -> Option<i32> {
    match bytes {
        [b'Z' | b'z'] => return Some(0),
        [u, t, c] if [*u, *t, *c].eq_ignore_ascii_case(b"UTC") => return Some(0),
        _ => {}
    }
    let (sign, rest) = match bytes.split_first()? {
        (b'+', rest) => (1, rest),
        (b'-', rest) => (-1, rest),
        _ => return None,
    };
    let (hours, rest) = two_digits(rest)?;
    let rest = rest.strip_prefix(b":").unwrap_or(rest);
    let minutes = match two_digits(rest)? {
        (minutes, []) if minutes < 60 => minutes,
        _ => return None,
    };
    Some(sign * (hours * 3600 + minutes * 60) as i32)
}

/// Two ASCII digits at the start of `bytes`, as a number, and what follows them.
fn two_digits(bytes: &[u8]) -> Option<(u32, &[u8])> {
    match bytes {
        [tens @ b'0'..=b'9', ones @ b'0'..=b'9', rest @ ..] => {
            Some((u32::from(tens - b'0') * 10 + u32::from(ones - b'0'), rest))
        }
        _ => None,
    }
}

/// One visitor for both shapes: the string is read by `parse`, and `what` names the format in an error.
struct Text<T> {
    parse: fn(&str) -> Option<T>,
    what: &'static str,
}

impl<T> Visitor<'_> for Text<T> {
    type Value = T;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(self.what)
    }

    fn visit_str<E: Error>(self, text: &str) -> Result<T, E> {
        (self.parse)(text).ok_or_else(|| E::custom(format_args!("not {}: {text:?}", self.what)))
    }
}

const TIMESTAMP: &str = "an RFC 3339 timestamp";
const DATE: &str = "a date (YYYY-MM-DD)";

/// A required `date-time` field.
pub fn timestamp<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Timestamp, D::Error> {
    deserializer.deserialize_str(Text { parse: parse_timestamp, what: TIMESTAMP })
}

/// A `date-time` field that may be absent or `null`.
pub fn optional_timestamp<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<Timestamp>, D::Error> {
    optional(deserializer, Text { parse: parse_timestamp, what: TIMESTAMP })
}

/// A `date` field that may be absent or `null`.
pub fn optional_date<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<NaiveDate>, D::Error> {
    optional(deserializer, Text { parse: parse_date, what: DATE })
}

/// `null` as `None`, else the string read by `text`.
fn optional<'de, D: Deserializer<'de>, T>(deserializer: D, text: Text<T>) -> Result<Option<T>, D::Error> {
    struct Optional<T>(Text<T>);

    impl<'de, T> Visitor<'de> for Optional<T> {
        type Value = Option<T>;

        fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
            write!(formatter, "null or {}", self.0.what)
        }

        fn visit_none<E: Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }

        fn visit_unit<E: Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }

        fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
            deserializer.deserialize_str(self.0).map(Some)
        }
    }

    deserializer.deserialize_option(Optional(text))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What chrono's own parser makes of `text`: the reference these readers must agree with.
    fn chrono_reads(text: &str) -> Option<Timestamp> {
        text.parse::<Timestamp>().ok()
    }

    #[test]
    fn timestamps_read_as_chrono_read_them() {
        for text in [
            "2021-08-03T18:00:00-06:00",
            "2021-08-03T18:00:00Z",
            "2021-08-03t18:00:00z",
            "2021-08-03 18:00:00+05:30",
            "2021-08-03T18:00:00.123Z",
            "2021-08-03T18:00:00.123456789123+01:00",
            "2021-08-03T18:00:00+0130",
            "2021-08-03T18:00:00UTC",
            "2021-08-03T18:00:00 Z",
            "2016-12-31T23:59:60Z",
            "0001-01-01T00:00:00+23:59",
            "9999-12-31T23:59:59-23:59",
            "2024-02-29T00:00:00Z",
        ] {
            assert_eq!(parse_timestamp(text), chrono_reads(text), "{text}");
            assert!(parse_timestamp(text).is_some(), "{text}");
        }
    }

    #[test]
    fn malformed_timestamps_are_refused_as_chrono_refused_them() {
        for text in [
            "",
            "2021",
            "2021-08-03",
            "2021-08-03T",
            "2021-08-03T18:00Z",
            "2021-08-03T18:00:00",
            "2021-08-03T18:00:00.Z",
            "2021-08-03X18:00:00Z",
            "2023-02-29T00:00:00Z",
            "2021-13-03T18:00:00Z",
            "2021-08-03T24:00:00Z",
            "2021-08-03T18:60:00Z",
            "2021-08-03T18:00:00+24:00",
            "2021-08-03T18:00:00+01:60",
            "2021-08-03T18:00:00Zjunk",
            "2021-08-03T18:00:00+01:00:00",
            "2021-08-03T18:00:00-01",
            "２０２１-08-03T18:00:00Z",
            "2021-08-03T18:00:00\u{e9}",
        ] {
            assert_eq!(parse_timestamp(text), None, "{text}");
            assert_eq!(chrono_reads(text), None, "{text}");
        }
    }

    #[test]
    fn dates_read_as_chrono_read_them() {
        for text in ["2021-08-03", " 2021-08-03 ", "2024-02-29"] {
            assert_eq!(parse_date(text), text.parse::<NaiveDate>().ok(), "{text}");
            assert!(parse_date(text).is_some(), "{text}");
        }
        for text in ["", "2021-8-03", "2023-02-29", "2021-08-03T00:00:00Z", "20210803"] {
            assert_eq!(parse_date(text), None, "{text}");
        }
    }

    #[test]
    fn a_field_reads_null_as_none_and_refuses_other_types() {
        #[derive(serde::Deserialize, Debug)]
        struct Row {
            #[serde(default, deserialize_with = "optional_timestamp")]
            at: Option<Timestamp>,
            #[serde(default, deserialize_with = "optional_date")]
            on: Option<NaiveDate>,
        }
        let row: Row = serde_json::from_str(r#"{"at": null, "on": null}"#).unwrap();
        assert!(row.at.is_none() && row.on.is_none());
        let row: Row = serde_json::from_str("{}").unwrap();
        assert!(row.at.is_none() && row.on.is_none());
        let row: Row = serde_json::from_str(r#"{"at": "2021-08-03T18:00:00\u002B01:00", "on": "2021-08-03"}"#).unwrap();
        assert_eq!(row.at, chrono_reads("2021-08-03T18:00:00+01:00"));
        assert!(serde_json::from_str::<Row>(r#"{"at": 5}"#).is_err());
        assert!(serde_json::from_str::<Row>(r#"{"at": "yesterday"}"#).is_err());
    }
}
