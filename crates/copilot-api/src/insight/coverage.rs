//! Which set of seats a figure covers. Every count, cost and breakdown above the grid is computed from the
//! seats loaded, which may be one server page of thousands: a figure that does not say so reads as the
//! organization's. The billing summary's own numbers are GitHub's and need no such note.

/// The seats loaded, against how many there are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct SeatCoverage {
    /// Seats (enterprise: grants) the figures are computed from.
    pub loaded: usize,
    /// GitHub's `total_seats` (for an enterprise it counts users once, however many grants), when known.
    pub total: Option<u64>,
    /// Every seat there is has been read: all pages, or a single page that was the only one.
    pub complete: bool,
    /// Enterprise lists count grants per organization, and GitHub's total counts users.
    pub enterprise: bool,
    /// "Load all seats" is still reading pages: the figures grow as they arrive.
    pub loading: bool,
}

impl SeatCoverage {
    /// The note beside a figure: which set it covers, and how to get the whole set when it is partial.
    pub fn figure_note(&self) -> String {
        let seats = self.seats_noun();
        let whole = if self.enterprise { "the enterprise" } else { "the organization" };
        if self.loading && !self.complete {
            let of_total =
                self.total.map(|total| format!(", of {total} {}", if self.enterprise { "users" } else { "seats" }));
            return format!(
                "These figures cover the {} {seats} loaded so far{}: the rest are loading.",
                self.loaded,
                of_total.unwrap_or_default()
            );
        }
        match (self.complete, self.total) {
            (true, _) => format!("These figures cover every seat of {whole}: all {} {seats} loaded.", self.loaded),
            (false, Some(total)) => format!(
                "These figures cover only the {} {seats} loaded, of {total} {}: press \u{201c}Load all seats\u{201d} for {whole}'s.",
                self.loaded,
                if self.enterprise { "users" } else { "seats" },
            ),
            (false, None) => format!(
                "These figures cover only the {} {seats} loaded, not all of {whole}: press \u{201c}Load all seats\u{201d} for {whole}'s.",
                self.loaded
            ),
        }
    }

    /// What an export's file name says of its contents: every seat, or part of them.
    pub fn file_name_part(&self) -> &'static str {
        if self.complete {
            "all"
        } else {
            "partial"
        }
    }

    fn seats_noun(&self) -> &'static str {
        match (self.enterprise, self.loaded) {
            (true, 1) => "seat grant",
            (true, _) => "seat grants",
            (false, 1) => "seat",
            (false, _) => "seats",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_page_of_many_says_how_many_of_how_many() {
        let page = SeatCoverage { loaded: 50, total: Some(2000), complete: false, enterprise: false, loading: false };
        assert_eq!(
            page.figure_note(),
            "These figures cover only the 50 seats loaded, of 2000 seats: press \u{201c}Load all seats\u{201d} for the organization's."
        );
        assert_eq!(page.file_name_part(), "partial");
    }

    #[test]
    fn every_seat_loaded_says_so() {
        let all = SeatCoverage { loaded: 2000, total: Some(2000), complete: true, enterprise: false, loading: false };
        assert_eq!(all.figure_note(), "These figures cover every seat of the organization: all 2000 seats loaded.");
        assert_eq!(all.file_name_part(), "all");
    }

    #[test]
    fn an_enterprise_counts_grants_against_githubs_users() {
        let page = SeatCoverage { loaded: 50, total: Some(2505), complete: false, enterprise: true, loading: false };
        let note = page.figure_note();
        assert!(note.contains("the 50 seat grants loaded, of 2505 users"), "{note}");
        assert!(note.contains("the enterprise's"), "{note}");
    }

    #[test]
    fn while_every_seat_loads_the_figures_say_so_far() {
        let loading =
            SeatCoverage { loaded: 1234, total: Some(2000), complete: false, enterprise: false, loading: true };
        assert_eq!(
            loading.figure_note(),
            "These figures cover the 1234 seats loaded so far, of 2000 seats: the rest are loading."
        );
        assert_eq!(loading.file_name_part(), "partial");
        let grants = SeatCoverage { enterprise: true, total: None, ..loading };
        assert_eq!(
            grants.figure_note(),
            "These figures cover the 1234 seat grants loaded so far: the rest are loading."
        );
    }

    #[test]
    fn an_unknown_total_is_still_called_partial() {
        let page = SeatCoverage { loaded: 1, total: None, complete: false, enterprise: false, loading: false };
        assert!(page.figure_note().starts_with("These figures cover only the 1 seat loaded, not all of"));
    }
}
