//! What is read when a person connects: every seat, when there are few enough to read in a few seconds,
//! or the first page with "Load all seats" offered. Figures from one page of thousands tell an admin
//! little; a thousand requests they did not ask for would spend a quarter of the hour's rate limit.

/// Up to this many seats (100 pages of 100), every seat is read on connect: a few seconds of requests
/// at the loader's concurrency, well inside GitHub's limits.
pub const AUTO_LOAD_MAX_SEATS: u64 = 10_000;

/// Whether to go on from page 1 to every seat. `total_seats` is page 1's count (for an enterprise, users
/// counted once); `more_pages` whether page 1 links to a next page; `first_page_only` whether the view
/// asked for the first page alone (`load=page` in the address).
pub fn loads_every_seat_on_connect(total_seats: Option<u64>, more_pages: bool, first_page_only: bool) -> bool {
    !first_page_only && more_pages && total_seats.is_some_and(|total| total <= AUTO_LOAD_MAX_SEATS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_organization_of_two_thousand_seats_is_read_whole() {
        assert!(loads_every_seat_on_connect(Some(2_000), true, false));
        assert!(loads_every_seat_on_connect(Some(AUTO_LOAD_MAX_SEATS), true, false));
    }

    #[test]
    fn beyond_ten_thousand_seats_only_the_first_page_is_read() {
        assert!(!loads_every_seat_on_connect(Some(AUTO_LOAD_MAX_SEATS + 1), true, false));
        assert!(!loads_every_seat_on_connect(Some(100_000), true, false));
    }

    #[test]
    fn a_single_page_needs_no_more_reads() {
        assert!(!loads_every_seat_on_connect(Some(40), false, false));
    }

    #[test]
    fn an_unknown_total_is_not_guessed_at() {
        assert!(!loads_every_seat_on_connect(None, true, false));
    }

    #[test]
    fn a_view_that_asks_for_the_first_page_gets_it_alone() {
        assert!(!loads_every_seat_on_connect(Some(2_000), true, true));
    }
}
