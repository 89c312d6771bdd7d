//! Which set of seats a figure covers. Every count, cost and breakdown above the grid is computed from the
//! seats loaded, which may be one server page of thousands: a figure that does not say so reads as the
//! organization's. The billing summary's own numbers are GitHub's and need no such note.
//!
//! An enterprise's list can also be short by GitHub's choice: it leaves out the organizations whose SAML
//! single sign-on the token is not authorized for (`X-GitHub-SSO: partial-results`). Every page of such a
//! list read is then still not every seat.

use crate::format::count;
use crate::sso::SsoLeftOut;

/// The seats loaded, against how many there are.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SeatCoverage {
    /// Seats (enterprise: grants) the figures are computed from.
    pub loaded: usize,
    /// GitHub's `total_seats` (for an enterprise it counts users once, however many grants), when known.
    pub total: Option<u64>,
    /// Every seat there is has been read: all pages, or a single page that was the only one.
    pub complete: bool,
    /// Enterprise lists count grants per organization, and GitHub's total counts users.
    pub enterprise: bool,
    /// The organizations GitHub left out of the list for SAML single sign-on (empty when none).
    pub sso_left_out: SsoLeftOut,
    /// "Load all seats" is still reading pages: the figures grow as they arrive.
    pub loading: bool,
}

impl SeatCoverage {
    /// Every seat there is: every page read, and nothing left out by GitHub.
    pub fn holds_every_seat(&self) -> bool {
        self.complete && self.sso_left_out.is_empty()
    }

    /// The note beside a figure: which set it covers, and how to get the whole set when it is partial.
    pub fn figure_note(&self) -> String {
        let note = self.pages_note();
        match (self.sso_left_out.is_empty(), self.complete) {
            (true, _) => note,
            (false, true) => format!(
                "These figures cover all {} {} GitHub listed, not every seat of {}: GitHub left out organizations whose SAML single sign-on this token is not authorized for.",
                count(self.loaded),
                self.seats_noun(),
                self.whole()
            ),
            (false, false) => format!(
                "{note} Even then they will not be every seat: GitHub leaves out organizations whose SAML single sign-on this token is not authorized for."
            ),
        }
    }

    /// The warning about organizations GitHub left out, shown above the grid and in the enterprise
    /// breakdown; `None` when GitHub left nothing out.
    pub fn sso_warning(&self) -> Option<String> {
        self.sso_left_out.warning()
    }

    /// The `coverage_note` of an export's rows: which set the file was taken from, in a few words
    /// ("50 of 2,000 seats loaded", "all 2,000 seats of the organization", and what GitHub left out). A
    /// note a person reads, so its counts have separators like every other; the export's numeric fields
    /// stay plain.
    pub fn export_note(&self) -> String {
        let (seats, whole) = (self.seats_noun(), self.whole());
        let loaded = count(self.loaded);
        let pages = match (self.complete, self.total, self.sso_left_out.is_empty()) {
            (true, _, true) => format!("all {loaded} {seats} of {whole}"),
            (true, _, false) => format!("all {loaded} {seats} GitHub listed"),
            (false, Some(total), _) if self.enterprise => format!("{loaded} {seats} loaded, of {} users", count(total)),
            (false, Some(total), _) => format!("{loaded} of {} seats loaded", count(total)),
            (false, None, _) => format!("{loaded} {seats} loaded, not all"),
        };
        match self.sso_left_out.export_note() {
            Some(left_out) => format!("{pages}; {left_out}"),
            None => pages,
        }
    }

    fn whole(&self) -> &'static str {
        if self.enterprise {
            "the enterprise"
        } else {
            "the organization"
        }
    }

    /// Which pages the figures cover, as if GitHub had left nothing out.
    fn pages_note(&self) -> String {
        let (seats, whole, loaded) = (self.seats_noun(), self.whole(), count(self.loaded));
        let of_total = |total: u64| format!("{} {}", count(total), if self.enterprise { "users" } else { "seats" });
        if self.loading && !self.complete {
            let of_total = self.total.map(|total| format!(", of {}", of_total(total)));
            return format!(
                "These figures cover the {loaded} {seats} loaded so far{}: the rest are loading.",
                of_total.unwrap_or_default()
            );
        }
        match (self.complete, self.total) {
            (true, _) => format!("These figures cover every seat of {whole}: all {loaded} {seats} loaded."),
            (false, Some(total)) => format!(
                "These figures cover only the {loaded} {seats} loaded, of {}: press \u{201c}Load all seats\u{201d} for {whole}'s.",
                of_total(total),
            ),
            (false, None) => format!(
                "These figures cover only the {loaded} {seats} loaded, not all of {whole}: press \u{201c}Load all seats\u{201d} for {whole}'s."
            ),
        }
    }

    /// What an export's file name and its `coverage` column say of its contents: every seat, or part of
    /// them.
    pub fn file_name_part(&self) -> &'static str {
        if self.holds_every_seat() {
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

    fn organization(loaded: usize, total: Option<u64>, complete: bool) -> SeatCoverage {
        SeatCoverage { loaded, total, complete, ..SeatCoverage::default() }
    }

    fn enterprise(loaded: usize, total: Option<u64>, complete: bool) -> SeatCoverage {
        SeatCoverage { enterprise: true, ..organization(loaded, total, complete) }
    }

    /// An enterprise list GitHub shortened: two organizations left out for SAML single sign-on.
    fn shortened(loaded: usize, total: Option<u64>, complete: bool) -> SeatCoverage {
        SeatCoverage {
            sso_left_out: SsoLeftOut::organizations([21955855, 20582480]),
            ..enterprise(loaded, total, complete)
        }
    }

    #[test]
    fn one_page_of_many_says_how_many_of_how_many() {
        let page = organization(50, Some(2000), false);
        assert_eq!(
            page.figure_note(),
            "These figures cover only the 50 seats loaded, of 2,000 seats: press \u{201c}Load all seats\u{201d} for the organization's."
        );
        assert_eq!(page.file_name_part(), "partial");
    }

    #[test]
    fn every_seat_loaded_says_so() {
        let all = organization(2000, Some(2000), true);
        assert_eq!(all.figure_note(), "These figures cover every seat of the organization: all 2,000 seats loaded.");
        assert_eq!(all.file_name_part(), "all");
    }

    #[test]
    fn an_enterprise_counts_grants_against_githubs_users() {
        let page = enterprise(50, Some(2505), false);
        let note = page.figure_note();
        assert!(note.contains("the 50 seat grants loaded, of 2,505 users"), "{note}");
        assert!(note.contains("the enterprise's"), "{note}");
    }

    #[test]
    fn every_page_of_a_list_github_shortened_for_sso_is_not_every_seat() {
        let listed = shortened(1998, Some(1500), true);
        assert!(!listed.holds_every_seat());
        let note = listed.figure_note();
        assert_eq!(
            note,
            "These figures cover all 1,998 seat grants GitHub listed, not every seat of the enterprise: GitHub left out organizations whose SAML single sign-on this token is not authorized for."
        );
        assert_eq!(listed.file_name_part(), "partial");
        assert!(listed.sso_warning().is_some_and(|w| w.contains("(ids 21955855, 20582480)")));
    }

    #[test]
    fn one_page_of_a_shortened_list_says_both_what_is_loaded_and_what_github_left_out() {
        let page = shortened(50, Some(1500), false);
        let note = page.figure_note();
        assert!(note.starts_with("These figures cover only the 50 seat grants loaded, of 1,500 users"), "{note}");
        assert!(note.ends_with("Even then they will not be every seat: GitHub leaves out organizations whose SAML single sign-on this token is not authorized for."), "{note}");
        assert_eq!(page.file_name_part(), "partial");
    }

    #[test]
    fn nothing_left_out_means_no_warning() {
        let all = organization(3, Some(3), true);
        assert!(all.holds_every_seat());
        assert_eq!(all.sso_warning(), None);
    }

    #[test]
    fn the_export_note_says_in_a_few_words_which_set_the_file_holds() {
        assert_eq!(organization(2000, Some(2000), true).export_note(), "all 2,000 seats of the organization");
        assert_eq!(organization(50, Some(2000), false).export_note(), "50 of 2,000 seats loaded");
        assert_eq!(organization(50, None, false).export_note(), "50 seats loaded, not all");
        assert_eq!(enterprise(50, Some(2505), false).export_note(), "50 seat grants loaded, of 2,505 users");
        assert_eq!(
            shortened(1998, Some(1500), true).export_note(),
            "all 1,998 seat grants GitHub listed; GitHub left out 2 organizations (ids 21955855, 20582480): SAML single sign-on not authorized for this token"
        );
    }

    #[test]
    fn while_every_seat_loads_the_figures_say_so_far() {
        let loading = SeatCoverage { loaded: 1234, total: Some(2000), loading: true, ..SeatCoverage::default() };
        assert_eq!(
            loading.figure_note(),
            "These figures cover the 1,234 seats loaded so far, of 2,000 seats: the rest are loading."
        );
        assert_eq!(loading.file_name_part(), "partial");
        let grants = SeatCoverage { enterprise: true, total: None, ..loading.clone() };
        assert_eq!(
            grants.figure_note(),
            "These figures cover the 1,234 seat grants loaded so far: the rest are loading."
        );
    }

    #[test]
    fn every_count_in_the_notes_reads_with_thousands_separators_and_organization_ids_stay_as_github_gave_them() {
        let loading = SeatCoverage { loaded: 1234, total: Some(100_000), loading: true, ..SeatCoverage::default() };
        assert_eq!(
            loading.figure_note(),
            "These figures cover the 1,234 seats loaded so far, of 100,000 seats: the rest are loading."
        );
        assert_eq!(loading.export_note(), "1,234 of 100,000 seats loaded");
        let page = shortened(50, Some(2505), false);
        assert!(page.figure_note().contains("the 50 seat grants loaded, of 2,505 users"), "{}", page.figure_note());
        assert_eq!(
            page.export_note(),
            "50 seat grants loaded, of 2,505 users; GitHub left out 2 organizations (ids 21955855, 20582480): SAML single sign-on not authorized for this token"
        );
    }

    #[test]
    fn an_unknown_total_is_still_called_partial() {
        let page = organization(1, None, false);
        assert!(page.figure_note().starts_with("These figures cover only the 1 seat loaded, not all of"));
    }
}
