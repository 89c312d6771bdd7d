//! The grants graph: for each billed user, every seat that grants them Copilot in what is loaded (one per
//! organization in an enterprise's list; a direct assignment, an organization team or an enterprise team
//! each), built once per load from the seat index.

use crate::insight::chargeback::billed_cents;
use crate::insight::cost::SeatPrices;
use crate::insight::grid::{GrantingTeam, SeatIndex};
use crate::models::PlanType;

/// One grant of a seat, as the loaded seat list shows it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Grant<'a> {
    /// The seat's position in the loaded list.
    pub position: usize,
    /// `None` in an organization's own seat list, which does not name it; for an enterprise team's grant
    /// in an enterprise list, `None` too.
    pub organization: Option<&'a str>,
    /// `None` for a direct assignment.
    pub team: Option<&'a GrantingTeam>,
    /// Already pending cancellation: it ends with the cycle whatever is done.
    pub pending: bool,
    pub plan: PlanType,
}

impl Grant<'_> {
    pub fn is_direct(&self) -> bool {
        self.team.is_none()
    }

    pub fn is_enterprise_team(&self) -> bool {
        self.team.is_some_and(|team| team.is_enterprise_team)
    }

    /// Whether the grant belongs to organization `org` (an organization's own list names none: all its
    /// seats are its own).
    pub fn in_organization(&self, org: &str) -> bool {
        self.organization.is_none_or(|own| own.eq_ignore_ascii_case(org))
    }

    /// Whether the grant comes through the organization team `slug` (not an enterprise team).
    pub fn through_team(&self, slug: &str) -> bool {
        self.team.is_some_and(|team| !team.is_enterprise_team && team.slug.eq_ignore_ascii_case(slug))
    }
}

/// Per billed user, the positions of their grants, grouped: user `u`'s are `grants[starts[u]..starts[u + 1]]`,
/// in load order. Seats of deleted accounts belong to no user and are not in it. A login is found through
/// the index's login order, so building the graph allocates two arrays and nothing per seat.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GrantsGraph {
    starts: Vec<u32>,
    grants: Vec<u32>,
}

impl GrantsGraph {
    /// Built in two passes over the index (count, then place), so 100,000 seats take a few milliseconds.
    pub fn new(index: &SeatIndex) -> Self {
        let users = index.unique_users();
        let mut starts = vec![0_u32; users + 1];
        for position in 0..index.len() {
            if let Some(user) = index.user_of(position).filter(|&user| (user as usize) < users) {
                starts[user as usize + 1] += 1;
            }
        }
        for user in 0..users {
            starts[user + 1] += starts[user];
        }
        let mut next: Vec<u32> = starts[..users].to_vec();
        let mut grants = vec![0_u32; starts[users] as usize];
        for position in 0..index.len() {
            let Some(user) = index.user_of(position).filter(|&user| (user as usize) < users) else { continue };
            let slot = &mut next[user as usize];
            if let Some(place) = grants.get_mut(*slot as usize) {
                *place = u32::try_from(position).unwrap_or(u32::MAX);
            }
            *slot += 1;
        }
        Self { starts, grants }
    }

    /// Billed users (deleted accounts are not counted).
    pub fn users(&self) -> usize {
        self.starts.len().saturating_sub(1)
    }

    /// The user holding `login` (any case, a leading @ allowed), if any loaded seat is theirs.
    pub fn user_of_login(&self, index: &SeatIndex, login: &str) -> Option<u32> {
        let login = login.trim().trim_start_matches('@').to_lowercase();
        let position = index.positions_of_login(&login).next()?;
        index.user_of(position)
    }

    /// The positions of a user's seats, in load order.
    pub fn positions(&self, user: u32) -> &[u32] {
        let start = self.starts.get(user as usize).copied().unwrap_or(0) as usize;
        let end = self.starts.get(user as usize + 1).copied().unwrap_or(0) as usize;
        self.grants.get(start..end).unwrap_or_default()
    }

    /// A user's grants, in load order.
    pub fn grants<'a>(&'a self, index: &'a SeatIndex, user: u32) -> impl Iterator<Item = Grant<'a>> + 'a {
        self.positions(user).iter().filter_map(move |&position| grant_at(index, position as usize))
    }

    /// What the user costs a month, once whatever their grants (the chargeback's rule: their dearest).
    pub fn billed_cents(&self, index: &SeatIndex, user: u32, prices: &SeatPrices) -> u32 {
        billed_cents(self.grants(index, user).map(|grant| prices.monthly_cents(grant.plan))).unwrap_or(0)
    }
}

/// The grant of the seat at `position`.
pub fn grant_at(index: &SeatIndex, position: usize) -> Option<Grant<'_>> {
    let row = index.row(position)?;
    Some(Grant {
        position,
        organization: row.organization(),
        team: row.team(),
        pending: row.is_pending_cancellation(),
        plan: row.plan(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_seats::seat;

    #[test]
    fn each_user_holds_every_grant_of_theirs_across_organizations_in_load_order() {
        let seats = vec![
            seat("mona").org("acme").team("devs").build(),
            seat("hubot").org("acme").build(),
            seat("mona").org("acme-2").build(),
            seat("ghost").ghost().build(),
            seat("mona").org("acme-3").enterprise_team("champions").build(),
        ];
        let index = SeatIndex::new(&seats, None);
        let graph = GrantsGraph::new(&index);
        assert_eq!(graph.users(), 2, "a deleted account is nobody's grant");
        let mona = graph.user_of_login(&index, "@MONA").expect("mona is loaded");
        assert_eq!(graph.positions(mona), [0, 2, 4]);
        let grants: Vec<Grant> = graph.grants(&index, mona).collect();
        assert_eq!(grants[0].organization, Some("acme"));
        assert!(grants[0].through_team("DEVS") && !grants[0].is_direct());
        assert!(grants[1].is_direct() && grants[1].in_organization("ACME-2") && !grants[1].in_organization("acme"));
        assert!(grants[2].is_enterprise_team() && !grants[2].through_team("champions"));
        let hubot = graph.user_of_login(&index, "hubot").expect("hubot is loaded");
        assert_eq!(graph.positions(hubot), [1]);
        assert_eq!(graph.user_of_login(&index, "nobody"), None);
        assert!(graph.positions(99).is_empty());
    }

    #[test]
    fn a_user_is_billed_once_at_their_dearest_grant() {
        let seats = vec![
            seat("mona").org("acme").build(),
            seat("mona").org("acme-2").plan(PlanType::Enterprise).build(),
            seat("hubot").org("acme").pending("2024-07-01").build(),
        ];
        let index = SeatIndex::new(&seats, None);
        let graph = GrantsGraph::new(&index);
        let prices = SeatPrices::default();
        let mona = graph.user_of_login(&index, "mona").expect("loaded");
        assert_eq!(graph.billed_cents(&index, mona, &prices), prices.monthly_cents(PlanType::Enterprise));
        let hubot = graph.user_of_login(&index, "hubot").expect("loaded");
        assert!(graph.grants(&index, hubot).all(|grant| grant.pending));
        assert_eq!(graph.billed_cents(&index, hubot, &prices), prices.monthly_cents(PlanType::Business));
    }

    #[test]
    fn an_organizations_own_list_puts_every_grant_in_that_organization() {
        let seats = vec![seat("mona").team("devs").build()];
        let index = SeatIndex::new(&seats, None);
        let graph = GrantsGraph::new(&index);
        let grant = graph.grants(&index, 0).next().expect("a grant");
        assert!(grant.in_organization("acme") && grant.in_organization("globex"));
    }
}
