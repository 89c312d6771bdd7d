//! An enterprise's seats across its organizations. GitHub lists one seat per organization (or enterprise
//! team) that grants a user Copilot, but bills and counts the user once: so grants and unique users are
//! shown side by side, overall and per organization.

use std::collections::BTreeMap;

use super::grid::{SeatIndex, StatusCounts};
use super::status::SeatStatus;

/// One organization's part of an enterprise's seats.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrganizationShare {
    /// `None` gathers the seats that name no organization (granted by an enterprise team).
    pub organization: Option<String>,
    /// Seats listed for this organization.
    pub grants: usize,
    /// Distinct users among them.
    pub unique_users: usize,
    /// Of those users, how many also hold a seat through another organization.
    pub shared_users: usize,
    /// The grants by status.
    pub counts: StatusCounts,
}

/// The headline numbers of an enterprise's seat list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EnterpriseSummary {
    /// Seat entries listed by GitHub, one per organization granting a user.
    pub grants: usize,
    /// Distinct users, which is what GitHub bills.
    pub unique_users: usize,
    /// Users granted a seat by more than one organization.
    pub users_in_several_organizations: usize,
    /// Seats whose account was deleted: they count as grants but cannot be matched to a user.
    pub grants_without_user: usize,
    /// By organization name, seats without an organization last.
    pub per_organization: Vec<OrganizationShare>,
}

impl EnterpriseSummary {
    /// Grants beyond the first of each user: what a sum of organization seat counts would overstate.
    pub fn duplicate_grants(&self) -> usize {
        self.grants.saturating_sub(self.unique_users + self.grants_without_user)
    }
}

/// What the breakdown calls the seats that name no organization: granted by an enterprise team.
pub const NO_ORGANIZATION: &str = "(enterprise team)";

/// Summarises the index; `statuses` is [`statuses_at`](super::grid::statuses_at) (one per seat, as
/// [`GridView::statuses`](super::GridView::statuses)), so the per-organization counts follow the
/// threshold on screen.
pub fn enterprise_summary(index: &SeatIndex, statuses: &[SeatStatus]) -> EnterpriseSummary {
    #[derive(Default)]
    struct Tally {
        name: Option<String>,
        grants: usize,
        counts: StatusCounts,
        unique_users: usize,
        shared_users: usize,
    }

    // Keyed by the organization's number, which follows name order; `None` (no organization) sorts first.
    let mut by_organization: BTreeMap<Option<u32>, Tally> = BTreeMap::new();
    let mut memberships: Vec<(u32, Option<u32>)> = Vec::with_capacity(index.len());
    let mut grants_without_user = 0;
    for (position, row) in index.rows().iter().enumerate() {
        let organization = index.organization_id(position);
        let tally = by_organization.entry(organization).or_default();
        if tally.name.is_none() {
            tally.name = row.organization().map(str::to_owned);
        }
        tally.grants += 1;
        if let Some(status) = statuses.get(position) {
            tally.counts.add(*status);
        }
        match index.user_of(position) {
            Some(user) => memberships.push((user, organization)),
            None => grants_without_user += 1,
        }
    }

    // One entry per (user, organization), however many seats repeat it; then organizations per user.
    memberships.sort_unstable();
    memberships.dedup();
    let mut organizations_of_user = vec![0_usize; index.unique_users()];
    for (user, _) in &memberships {
        if let Some(count) = organizations_of_user.get_mut(*user as usize) {
            *count += 1;
        }
    }
    for (user, organization) in &memberships {
        if let Some(tally) = by_organization.get_mut(organization) {
            tally.unique_users += 1;
            if organizations_of_user.get(*user as usize).is_some_and(|count| *count > 1) {
                tally.shared_users += 1;
            }
        }
    }

    let mut per_organization: Vec<OrganizationShare> = by_organization
        .into_values()
        .map(|tally| OrganizationShare {
            organization: tally.name,
            grants: tally.grants,
            unique_users: tally.unique_users,
            shared_users: tally.shared_users,
            counts: tally.counts,
        })
        .collect();
    // People expect the seats without an organization after the named ones.
    per_organization.sort_by_key(|share| share.organization.is_none());

    EnterpriseSummary {
        grants: index.len(),
        unique_users: organizations_of_user.iter().filter(|count| **count > 0).count(),
        users_in_several_organizations: organizations_of_user.iter().filter(|count| **count > 1).count(),
        grants_without_user,
        per_organization,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::insight::cost::SeatPrices;
    use crate::insight::grid::{grid_view, GridState};
    use crate::models::Seat;
    use crate::test_seats::{at, seat};

    fn summary_of(seats: &[Seat]) -> EnterpriseSummary {
        let index = SeatIndex::new(seats, None);
        let view = grid_view(&index, &GridState::default(), &SeatPrices::default(), at("2024-06-30T12:00:00Z"));
        enterprise_summary(&index, &view.statuses)
    }

    fn enterprise_seats() -> Vec<Seat> {
        vec![
            seat("mona").org("beta").last_activity("2024-06-29T00:00:00Z").build(),
            seat("mona").org("Alpha").last_activity("2024-06-29T00:00:00Z").build(),
            seat("hubot").org("alpha").build(),
            seat("octocat").org("alpha").last_activity("2024-01-01T00:00:00Z").build(),
            seat("x").ghost().org("beta").build(),
            seat("loner").build(),
        ]
    }

    #[test]
    fn a_user_granted_by_two_organizations_is_one_user_and_two_grants() {
        let summary = summary_of(&enterprise_seats());
        assert_eq!(summary.grants, 6);
        assert_eq!(summary.unique_users, 4);
        assert_eq!(summary.users_in_several_organizations, 1);
        assert_eq!(summary.grants_without_user, 1);
        assert_eq!(summary.duplicate_grants(), 1);
    }

    #[test]
    fn organizations_are_broken_down_by_name_without_regard_to_case() {
        let summary = summary_of(&enterprise_seats());
        let shares: Vec<_> = summary
            .per_organization
            .iter()
            .map(|share| (share.organization.as_deref(), share.grants, share.unique_users, share.shared_users))
            .collect();
        assert_eq!(shares, [(Some("Alpha"), 3, 3, 1), (Some("beta"), 2, 1, 1), (None, 1, 1, 0)]);
    }

    #[test]
    fn each_organization_counts_its_grants_by_status() {
        let summary = summary_of(&enterprise_seats());
        let alpha = &summary.per_organization[0];
        assert_eq!(
            alpha.counts,
            StatusCounts { active: 1, inactive: 1, never_used: 1, pending_cancellation: 0, ..StatusCounts::default() }
        );
    }

    #[test]
    fn users_are_told_apart_by_account_id_not_login() {
        // A renamed account keeps its id: the same user under two logins.
        let seats = vec![seat("old-name").id(42).org("a").build(), seat("new-name").id(42).org("b").build()];
        let summary = summary_of(&seats);
        assert_eq!((summary.grants, summary.unique_users, summary.users_in_several_organizations), (2, 1, 1));
    }

    #[test]
    fn an_empty_list_summarises_to_zeroes() {
        assert_eq!(summary_of(&[]), EnterpriseSummary::default());
    }
}
