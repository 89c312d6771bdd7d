//! Filter: the grid narrowed to the users of one group of a comparison. The URL carries the group alone
//! (`changed=newly-idle`): the earlier export is a file the page read, not something a link can hold, so
//! the logins come from the comparison loaded in the page, and without one the filter shows no seat (the
//! comparison panel then says so, and offers to show every seat).

use std::hash::{Hash, Hasher};
use std::sync::Arc;

use rustc_hash::FxHashSet;

use super::diff::ChangeGroup;

/// Logins in lower case.
pub type LoginSet = FxHashSet<String>;

/// One group of a comparison, and its users' logins in lower case when a comparison is loaded.
#[derive(Debug, Clone)]
pub struct ChangedFilter {
    pub group: ChangeGroup,
    pub logins: Option<Arc<LoginSet>>,
}

impl ChangedFilter {
    /// The group as the URL names it, before a comparison gives its logins.
    pub fn group(group: ChangeGroup) -> Self {
        Self { group, logins: None }
    }

    /// Whether a seat with this login (lower case) passes.
    pub fn admits(&self, login: &str) -> bool {
        self.logins.as_ref().is_some_and(|logins| logins.contains(login))
    }
}

impl PartialEq for ChangedFilter {
    fn eq(&self, other: &Self) -> bool {
        self.group == other.group
            && match (&self.logins, &other.logins) {
                (None, None) => true,
                (Some(a), Some(b)) => Arc::ptr_eq(a, b) || a == b,
                _ => false,
            }
    }
}

impl Eq for ChangedFilter {}

impl Hash for ChangedFilter {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.group.hash(state);
        self.logins.as_ref().map(|logins| logins.len()).hash(state);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_group_without_a_comparison_admits_no_seat_and_with_one_admits_its_users() {
        assert!(!ChangedFilter::group(ChangeGroup::NewlyIdle).admits("mona"));
        let logins = Arc::new(FxHashSet::from_iter(["mona".to_owned()]));
        let filter = ChangedFilter { group: ChangeGroup::NewlyIdle, logins: Some(logins.clone()) };
        assert!(filter.admits("mona") && !filter.admits("hubot"));
        assert_eq!(filter, ChangedFilter { group: ChangeGroup::NewlyIdle, logins: Some(Arc::new((*logins).clone())) });
        assert_ne!(filter, ChangedFilter::group(ChangeGroup::NewlyIdle));
    }

    #[test]
    fn the_grid_narrowed_to_a_group_shows_its_users_seats_whatever_their_case() {
        use crate::insight::{grid_view, GridState, SeatIndex, SeatPrices};
        use crate::test_seats::{at, seat};
        let seats = [seat("Mona").build(), seat("hubot").build(), seat("x").ghost().build()];
        let index = SeatIndex::new(&seats, None);
        let logins = Arc::new(FxHashSet::from_iter(["mona".to_owned()]));
        let state = GridState {
            changed: Some(ChangedFilter { group: ChangeGroup::New, logins: Some(logins) }),
            ..GridState::default()
        };
        assert!(state.is_filtered());
        let view = grid_view(&index, &state, &SeatPrices::default(), at("2026-12-06T00:00:00Z"));
        assert_eq!(view.rows, [0]);
        assert_eq!(view.total_counts.total(), 3, "the counts of every seat stay whole");
        let stale = GridState { changed: Some(ChangedFilter::group(ChangeGroup::New)), ..GridState::default() };
        assert!(grid_view(&index, &stale, &SeatPrices::default(), at("2026-12-06T00:00:00Z")).rows.is_empty());
    }
}
