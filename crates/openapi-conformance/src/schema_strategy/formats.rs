//! Strings of the formats the description uses, across all that the format allows rather than the one
//! spelling a server usually writes: RFC 3339 date-times with `t` and `z` in lower case, any offset up to
//! ±23:59, `-00:00`, fractions of any length and leap seconds; dates from year 0000 to 9999, 29 February
//! only in leap years; RFC 3986 URIs with and without an authority; addresses with any atext.

use proptest::prelude::*;

use super::arbitrary::pattern;

/// The formats [`of_format`] writes.
pub const KNOWN: &[&str] = &["date", "date-time", "email", "uri"];

/// Strings of that format, or `None` for a format it does not know.
pub fn of_format(name: &str) -> Option<BoxedStrategy<String>> {
    Some(match name {
        "date" => date().prop_map(|(year, month, day)| format!("{year:04}-{month:02}-{day:02}")).boxed(),
        "date-time" => date_time(),
        "email" => email(),
        "uri" => uri(),
        _ => return None,
    })
}

fn is_leap_year(year: u32) -> bool {
    (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400)
}

fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        2 if is_leap_year(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// A calendar date: mostly around today (GitHub's seats are from 2023 on; Prism sends 1910), any year
/// RFC 3339 can write; a third of them the last day of their month (29 February in a leap year).
fn date() -> impl Strategy<Value = (u32, u32, u32)> {
    let year = prop_oneof![3 => 1900u32..=2100, 1 => 0u32..=9999];
    let day = prop_oneof![2 => (1u32..=28).prop_map(Some), 1 => Just(None)];
    (year, 1u32..=12, day).prop_map(|(year, month, day)| (year, month, day.unwrap_or(days_in_month(year, month))))
}

/// An offset in minutes east of UTC, and how it is written.
fn offset() -> impl Strategy<Value = (i32, String)> {
    prop_oneof![
        prop_oneof![Just("Z"), Just("z")].prop_map(|zulu| (0, zulu.to_owned())),
        (any::<bool>(), 0i32..=23, 0i32..=59).prop_map(|(west, hours, minutes)| {
            let sign = if west { '-' } else { '+' };
            let east = (hours * 60 + minutes) * if west { -1 } else { 1 };
            (east, format!("{sign}{hours:02}:{minutes:02}"))
        }),
    ]
}

fn date_time() -> BoxedStrategy<String> {
    let separator = prop_oneof![4 => Just('T'), 1 => Just('t')];
    let fraction = proptest::option::of(pattern("[0-9]{1,12}"));
    let leap_second = proptest::bool::weighted(0.05);
    (date(), separator, 0u32..24, 0u32..60, 0u32..60, fraction, offset(), leap_second)
        .prop_map(|((year, month, day), separator, hour, minute, second, fraction, (east, offset), leap)| {
            // A leap second is inserted at 23:59:60 UTC only: the local time is 23:59 shifted by the offset.
            let (hour, minute, second) = if leap {
                let local = (23 * 60 + 59 + east).rem_euclid(24 * 60) as u32;
                (local / 60, local % 60, 60)
            } else {
                (hour, minute, second)
            };
            let fraction = fraction.map(|digits| format!(".{digits}")).unwrap_or_default();
            format!("{year:04}-{month:02}-{day:02}{separator}{hour:02}:{minute:02}:{second:02}{fraction}{offset}")
        })
        .boxed()
}

/// A host name label; one hyphen at most, as labels with `--` in their third and fourth places are
/// reserved (`xn--`) and refused.
const LABEL: &str = "[a-z0-9]{1,8}(-[a-z0-9]{1,8})?";

fn host() -> BoxedStrategy<String> {
    prop_oneof![
        3 => pattern(&format!("{LABEL}(\\.{LABEL}){{0,3}}")),
        1 => (any::<u8>(), any::<u8>(), any::<u8>(), any::<u8>()).prop_map(|(a, b, c, d)| format!("{a}.{b}.{c}.{d}")),
        1 => Just("[::1]".to_owned()),
    ]
    .boxed()
}

/// An absolute URI (RFC 3986): `scheme://host[:port]/path[?query][#fragment]`, or one without an
/// authority (`urn:…`, `mailto:…`).
fn uri() -> BoxedStrategy<String> {
    let scheme = prop_oneof![3 => Just("https".to_owned()), 1 => pattern("[a-z][a-z0-9+.-]{0,6}")];
    let port = proptest::option::of(0u32..=65535).prop_map(|port| port.map(|p| format!(":{p}")).unwrap_or_default());
    let segment = pattern(r"([A-Za-z0-9._~!$&'()*+,;=:@-]|%[0-9A-Fa-f]{2}){0,10}");
    let path = proptest::collection::vec(segment, 0..4)
        .prop_map(|segments| segments.iter().map(|segment| format!("/{segment}")).collect::<String>());
    let tail = pattern(r"([A-Za-z0-9._~!$&'()*+,;=:@/?-]|%[0-9A-Fa-f]{2}){0,16}");
    let query = proptest::option::of(tail.clone()).prop_map(|query| query.map(|q| format!("?{q}")).unwrap_or_default());
    let fragment = proptest::option::of(tail).prop_map(|part| part.map(|f| format!("#{f}")).unwrap_or_default());
    prop_oneof![
        4 => (scheme, host(), port, path, query, fragment)
            .prop_map(|(scheme, host, port, path, query, fragment)| format!("{scheme}://{host}{port}{path}{query}{fragment}")),
        1 => pattern("urn:[a-z][a-z0-9-]{0,8}:[A-Za-z0-9()+,.:=@;$_!*'-]{1,16}"),
        // Not every address: atext such as `{` or `%` is not allowed in a URI.
        1 => pattern(r"mailto:[A-Za-z0-9_~!$&'*+=-]{1,10}(\.[A-Za-z0-9_~!$&'*+=-]{1,10})?@[a-z0-9]{1,8}\.[a-z]{2,6}"),
    ]
    .boxed()
}

/// An address: a dot-atom local part of any atext (RFC 5322) at a host name.
fn email() -> BoxedStrategy<String> {
    let atom = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]{1,10}";
    let local = pattern(&format!(r"{atom}(\.{atom}){{0,2}}"));
    let domain = pattern(&format!(r"{LABEL}(\.[a-z]{{2,6}}){{1,2}}"));
    (local, domain).prop_map(|(local, domain)| format!("{local}@{domain}")).boxed()
}
