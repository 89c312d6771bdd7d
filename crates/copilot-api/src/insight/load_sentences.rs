//! What the loading bar says of the seats it holds: where a page sits among GitHub's pages, how many seats
//! GitHub announced, and, once every page is in, how many seats that made and what did not add up.

use crate::format::count;
use crate::pagination::LinkHeader;

/// The page sizes offered for reading GitHub's seat list page by page (GitHub's largest is 100).
pub const SEATS_PER_PAGE_CHOICES: [usize; 4] = [10, 25, 50, 100];

/// The number of the last page: GitHub's `last` link; on the last page itself (which has none) the page
/// after `prev`; else this page.
pub fn last_page(links: &LinkHeader, page: u32) -> u32 {
    links.last.or(links.prev.map(|prev| prev.saturating_add(1))).unwrap_or(page)
}

/// "Page 2 of 40".
pub fn page_position(page: u32, last: u32) -> String {
    format!("Page {} of {}", count(page), count(last))
}

/// "2,000 seats in all": GitHub's `total_seats`.
pub fn seats_in_all(total_seats: u64) -> String {
    format!("{} seats in all", count(total_seats))
}

/// "All 2,000 seats loaded", with what GitHub's total means for an enterprise (users, counted once however
/// many organizations grant them a seat), or that the list changed while it was read, and how many
/// duplicates (seats read twice as the list moved) were removed.
pub fn all_loaded(loaded: usize, total_seats: Option<u64>, enterprise: bool, duplicates_removed: usize) -> String {
    let mut sentence = format!("All {} seats loaded", count(loaded));
    match total_seats {
        Some(users) if enterprise => {
            sentence.push_str(&format!(" ({} unique users, as GitHub counts them)", count(users)));
        }
        Some(total) if total != loaded as u64 => sentence.push_str(&format!(
            " (GitHub announced {}: the list changed while it was read; load again for a consistent list)",
            count(total)
        )),
        _ => {}
    }
    if duplicates_removed > 0 {
        sentence.push_str(&format!("; {} duplicates removed", count(duplicates_removed)));
    }
    sentence
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_last_page_is_githubs_last_link_or_the_one_after_prev_on_the_last_page() {
        let links = |prev, last| LinkHeader { prev, last, ..LinkHeader::default() };
        assert_eq!(last_page(&links(Some(1), Some(40)), 2), 40);
        assert_eq!(last_page(&links(Some(39), None), 40), 40);
        assert_eq!(last_page(&links(None, None), 1), 1);
        assert_eq!(page_position(2, 1_000), "Page 2 of 1,000");
        assert_eq!(seats_in_all(2_000), "2,000 seats in all");
    }

    #[test]
    fn all_loaded_says_what_a_total_that_does_not_match_means() {
        assert_eq!(all_loaded(2_000, Some(2_000), false, 0), "All 2,000 seats loaded");
        assert_eq!(
            all_loaded(1_999, Some(2_000), false, 1),
            "All 1,999 seats loaded (GitHub announced 2,000: the list changed while it was read; load again for a \
             consistent list); 1 duplicates removed"
        );
        assert_eq!(
            all_loaded(2_505, Some(2_300), true, 0),
            "All 2,505 seats loaded (2,300 unique users, as GitHub counts them)"
        );
        assert_eq!(all_loaded(5, None, true, 0), "All 5 seats loaded");
    }
}
