//! Which rows of the virtualized table are in the DOM: the rows in sight for a scroll position, plus a
//! small overscan on each side, whatever the number of seats. Rows have one fixed height, so the range
//! follows from the scroll position alone.

/// Height of one row in pixels.
pub const ROW_HEIGHT: usize = 36;
/// Rows rendered above and below the visible ones, so a fast scroll does not show blank space.
pub const OVERSCAN: usize = 10;
/// Height of the scrolling area in pixels.
pub const VIEWPORT_HEIGHT: usize = 540;

/// The rows in sight for a scroll position: `(first, last)` positions into the view's rows, `last`
/// excluded. A negative scroll position (an overscrolled top) is the top.
pub fn visible_range(scroll_top: i32, row_count: usize) -> (usize, usize) {
    let first_visible = usize::try_from(scroll_top).unwrap_or(0) / ROW_HEIGHT;
    let in_sight = VIEWPORT_HEIGHT.div_ceil(ROW_HEIGHT);
    let first = first_visible.saturating_sub(OVERSCAN).min(row_count);
    let last = (first_visible + in_sight + OVERSCAN).min(row_count);
    (first, last)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_visible_range_is_the_rows_in_sight_plus_the_overscan_and_stays_in_bounds() {
        let at_row = |row: usize| i32::try_from(row * ROW_HEIGHT).expect("a small offset");
        // 540 px show 15 rows of 36 px; 10 more are drawn on each side.
        assert_eq!(visible_range(0, 100_000), (0, 25));
        assert_eq!(visible_range(-120, 100_000), (0, 25), "an overscrolled top is the top");
        assert_eq!(visible_range(at_row(1000), 100_000), (990, 1025));
        assert_eq!(visible_range(at_row(1000) + 35, 100_000), (990, 1025), "a partly scrolled row still counts");
        assert_eq!(visible_range(at_row(99_995), 100_000), (99_985, 100_000));
        assert_eq!(visible_range(at_row(500), 20), (20, 20), "past the end, nothing to draw");
    }
}
