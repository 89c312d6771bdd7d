//! A part of a whole as people read it: "62%", "<1%" for a part too small to round to 1, and 100% only
//! when the part is the whole (so "100%" never hides a seat that is not).

/// `part` of `whole` in whole percent; "0%" of nothing.
pub fn percent(part: usize, whole: usize) -> String {
    if whole == 0 || part == 0 {
        return "0%".to_owned();
    }
    if part >= whole {
        return "100%".to_owned();
    }
    // Rounded half up, in integers: no float can make 1 of 3 read 33.333…%.
    let rounded = (part as u128 * 200 + whole as u128) / (whole as u128 * 2);
    match rounded {
        0 => "<1%".to_owned(),
        100.. => "99%".to_owned(),
        rounded => format!("{rounded}%"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_round_half_up_to_whole_percent() {
        assert_eq!(percent(1, 3), "33%");
        assert_eq!(percent(2, 3), "67%");
        assert_eq!(percent(1, 8), "13%");
        assert_eq!(percent(62, 100), "62%");
    }

    #[test]
    fn the_ends_are_exact_nothing_and_everything_and_tiny_parts_are_not_zero() {
        assert_eq!(percent(0, 5), "0%");
        assert_eq!(percent(0, 0), "0%");
        assert_eq!(percent(5, 5), "100%");
        assert_eq!(percent(1, 1000), "<1%");
        assert_eq!(percent(999, 1000), "99%");
    }
}
