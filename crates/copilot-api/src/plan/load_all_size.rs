//! How big "Load all seats" is before it starts. GitHub lets a personal token send 5,000 requests an hour,
//! shared by every tool that uses it. A load of more than half that many pages spends most of the hour's
//! budget, and past the whole budget it takes hours: the person is told, and asked, first. (A schema-valid
//! answer may claim any count: served from GitHub's description in dynamic mode, Prism's first page said
//! 23,790,100 seats, which would be 237,901 requests and two days.)

use crate::format::count;
use crate::pagination::page_count;

/// Requests a personal token may send in an hour (GitHub's primary rate limit).
pub const HOURLY_REQUESTS: u64 = 5_000;

/// Past this many pages, "Load all seats" asks first: half the hour's requests.
pub const ASK_BEYOND_PAGES: u64 = HOURLY_REQUESTS / 2;

/// The requests a load of every seat takes, from what page 1 said.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LoadAllSize {
    pub seats: u64,
    pub pages: u64,
}

impl LoadAllSize {
    pub fn of(total_seats: u64, per_page: u8) -> Self {
        Self { seats: total_seats, pages: u64::from(page_count(total_seats, per_page)) }
    }

    /// Whether the load is big enough to ask before it starts.
    pub fn asks_first(&self) -> bool {
        self.pages > ASK_BEYOND_PAGES
    }

    /// The question asked before a big load: its size in requests, against the hour's budget, and what
    /// that means for time.
    pub fn question(&self) -> String {
        let budget = count(HOURLY_REQUESTS);
        let time = if self.pages > HOURLY_REQUESTS {
            let hours = self.pages.div_ceil(HOURLY_REQUESTS);
            format!(
                "more than the {budget} GitHub allows a token in an hour, so it takes at least {} hours, waiting for the limit each hour, and holds up every other tool that uses this token meanwhile",
                count(hours)
            )
        } else {
            format!("more than half of the {budget} GitHub allows a token in an hour, so other tools that use this token may be held up until the hour is over")
        };
        format!(
            "GitHub says there are {seats} seats. Reading every one takes {pages} requests: {time}. Read them all?",
            seats = count(self.seats),
            pages = count(self.pages),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hundred_thousand_seats_load_without_asking() {
        let size = LoadAllSize::of(100_000, 100);
        assert_eq!(size.pages, 1_000);
        assert!(!size.asks_first());
        assert!(!LoadAllSize::of(250_000, 100).asks_first(), "2,500 pages: half the hour, not more");
    }

    #[test]
    fn more_than_half_the_hours_requests_asks_first_and_says_why() {
        let size = LoadAllSize::of(250_001, 100);
        assert_eq!(size.pages, 2_501);
        assert!(size.asks_first());
        assert_eq!(
            size.question(),
            "GitHub says there are 250,001 seats. Reading every one takes 2,501 requests: more than half of the 5,000 GitHub allows a token in an hour, so other tools that use this token may be held up until the hour is over. Read them all?"
        );
    }

    #[test]
    fn past_the_hours_requests_it_says_how_many_hours_at_least() {
        let size = LoadAllSize::of(23_790_100, 100);
        assert_eq!(size.pages, 237_901);
        let question = size.question();
        assert!(question.contains("takes 237,901 requests: more than the 5,000 GitHub allows a token in an hour, so it takes at least 48 hours"), "{question}");
        // Fewer seats a page, more pages.
        assert!(LoadAllSize::of(150_000, 50).asks_first());
    }
}
