//! Counts as people read them: "1,234", "1 seat", "2,505 users", "3rd".
//!
//! Every count in a sentence, a tile or a table goes through [`count`] (or [`plural`], which uses it), so
//! "1234 of 100000" never shows beside "$1,234.00". Exports are the exception, by design: their numeric
//! fields (`idle_days`, JSON numbers) stay plain, since a script or a spreadsheet reads them as numbers.

/// The whole numbers the app counts with; sealed, so only integers are grouped.
pub trait Integer: Copy + sealed::Sealed {
    #[doc(hidden)]
    fn widened(self) -> i128;
}

mod sealed {
    pub trait Sealed {}
}

macro_rules! integers {
    ($($type:ty),*) => {$(
        impl sealed::Sealed for $type {}
        impl Integer for $type {
            fn widened(self) -> i128 {
                // Every integer type up to 64 bits fits in an i128.
                self as i128
            }
        }
    )*};
}

integers!(u8, u16, u32, u64, usize, i8, i16, i32, i64, isize);

/// A count with thousands separators: `1,234`, `100,000`, `-2,000`.
pub fn count(n: impl Integer) -> String {
    let n = n.widened();
    let grouped = group_thousands(&n.unsigned_abs().to_string());
    if n < 0 {
        format!("-{grouped}")
    } else {
        grouped
    }
}

/// The count and the noun it takes: `plural(1, "seat", "seats")` is "1 seat", `plural(1234, …)` is
/// "1,234 seats". The plural form is given whole, so irregular ones read right ("seat is", "seats are").
pub fn plural(n: impl Integer, one: &str, many: &str) -> String {
    let noun = if n.widened() == 1 { one } else { many };
    format!("{} {noun}", count(n))
}

/// "1st", "2nd", "3rd", "4th", "11th", "22nd", "1,001st".
pub fn ordinal(n: impl Integer) -> String {
    let last_two = n.widened().unsigned_abs() % 100;
    let suffix = match (last_two % 10, last_two) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{}{suffix}", count(n))
}

/// Digits with a comma before every group of three from the right: "1234567" is "1,234,567". Money uses
/// it for its dollars.
pub(crate) fn group_thousands(digits: &str) -> String {
    let mut grouped = String::with_capacity(digits.len() + digits.len() / 3);
    for (position, digit) in digits.chars().enumerate() {
        if position > 0 && (digits.len() - position).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    grouped
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_get_a_comma_before_every_group_of_three_digits() {
        assert_eq!(count(0_u8), "0");
        assert_eq!(count(999_u32), "999");
        assert_eq!(count(1_000_usize), "1,000");
        assert_eq!(count(1_234_u64), "1,234");
        assert_eq!(count(100_000_usize), "100,000");
        assert_eq!(count(1_234_567_i64), "1,234,567");
        assert_eq!(count(u64::MAX), "18,446,744,073,709,551,615");
    }

    #[test]
    fn negative_counts_keep_their_sign_before_the_digits() {
        assert_eq!(count(-1_i32), "-1");
        assert_eq!(count(-2_000_i64), "-2,000");
        assert_eq!(count(i64::MIN), "-9,223,372,036,854,775,808");
    }

    #[test]
    fn a_plural_takes_the_form_for_one_only_for_one() {
        assert_eq!(plural(1_usize, "seat", "seats"), "1 seat");
        assert_eq!(plural(0_usize, "seat", "seats"), "0 seats");
        assert_eq!(plural(2_usize, "seat is", "seats are"), "2 seats are");
        assert_eq!(plural(2_505_u64, "user", "users"), "2,505 users");
        assert_eq!(plural(-1_i64, "day", "days"), "-1 days");
    }

    #[test]
    fn ordinals_read_as_english() {
        let words: Vec<String> = [1_u32, 2, 3, 4, 11, 12, 13, 21, 22, 23, 101, 111, 1_001].map(ordinal).to_vec();
        assert_eq!(
            words,
            ["1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "23rd", "101st", "111th", "1,001st"]
        );
    }
}
