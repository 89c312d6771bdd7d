//! What ends a seat's bill: for one person, the removal that would end each of their grants (and who else
//! a team's removal touches); for a revoke, which seats really stop billing at the end of the cycle and
//! which stay billed because a grant the revoke does not remove keeps them, with the money each way.

use std::collections::BTreeMap;

use rustc_hash::FxHashSet;

use super::graph::{grant_at, Grant, GrantsGraph};
use crate::insight::cost::SeatPrices;
use crate::insight::grid::SeatIndex;

/// What would end one grant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Removal {
    /// Revoke the direct assignment, by name.
    RevokeDirect,
    /// Remove the team from Copilot: GitHub refuses to revoke a team's seat by name (422), and removing the
    /// team takes the seat of every member it grants. `others` are the other loaded seats it grants (by
    /// login), `others_kept` how many of them another grant keeps billed.
    UnselectTeam { slug: String, others: Vec<String>, others_kept: usize },
    /// Granted by an enterprise team: not manageable from an organization.
    EnterpriseTeam,
    /// Already pending cancellation: it ends with the cycle.
    AlreadyPending,
}

/// One grant and the removal that would end it.
#[derive(Debug, Clone, PartialEq)]
pub struct GrantRemoval<'a> {
    pub grant: Grant<'a>,
    pub removal: Removal,
}

/// One person's grants across what is loaded, each with what would end it.
#[derive(Debug, Clone, PartialEq)]
pub struct PersonGrants<'a> {
    pub login: String,
    pub grants: Vec<GrantRemoval<'a>>,
    /// What the person costs a month, once.
    pub monthly_cents: u32,
    /// The list names organizations (an enterprise's): it shows every grant in the enterprise. An
    /// organization's own list shows only that organization's.
    pub spans_organizations: bool,
}

impl PersonGrants<'_> {
    /// Whether removals made from organizations can end the billing: no enterprise team grants the seat.
    pub fn can_end_from_organizations(&self) -> bool {
        !self.grants.iter().any(|grant| grant.removal == Removal::EnterpriseTeam)
    }

    /// Whether every grant already ends with the cycle.
    pub fn already_ending(&self) -> bool {
        self.grants.iter().all(|grant| grant.removal == Removal::AlreadyPending)
    }
}

/// Whether two grants are in the same organization (an organization's own list names none).
fn same_organization(a: &Grant, b: &Grant) -> bool {
    match (a.organization, b.organization) {
        (Some(a), Some(b)) => a.eq_ignore_ascii_case(b),
        (a, b) => a.is_none() && b.is_none(),
    }
}

/// `login`'s grants in what is loaded, each with the removal that would end it; `None` when no loaded seat
/// is theirs.
pub fn person_grants<'a>(
    graph: &GrantsGraph,
    index: &'a SeatIndex,
    login: &str,
    prices: &SeatPrices,
) -> Option<PersonGrants<'a>> {
    let user = graph.user_of_login(index, login)?;
    let grants: Vec<Grant<'a>> = graph.positions(user).iter().filter_map(|&p| grant_at(index, p as usize)).collect();
    let shown = grants.first().and_then(|grant| index.row(grant.position)).map(|row| row.login_or_ghost().to_owned());
    let removals = grants
        .iter()
        .map(|grant| {
            let removal = if grant.pending {
                Removal::AlreadyPending
            } else if grant.is_enterprise_team() {
                Removal::EnterpriseTeam
            } else if let Some(team) = grant.team {
                team_removal(graph, index, grant, &team.slug, user)
            } else {
                Removal::RevokeDirect
            };
            GrantRemoval { grant: *grant, removal }
        })
        .collect();
    Some(PersonGrants {
        login: shown.unwrap_or_else(|| login.to_owned()),
        grants: removals,
        monthly_cents: graph.billed_cents(index, user, prices),
        spans_organizations: !index.filter_options().organizations.is_empty(),
    })
}

/// Whether `kept` is a grant of the team `slug` in `grant`'s organization.
fn removed_with_the_team(kept: &Grant, slug: &str, grant: &Grant) -> bool {
    kept.through_team(slug) && same_organization(kept, grant)
}

/// Removing `slug` where `grant` is: every other loaded seat it grants there, and how many of those
/// people another grant keeps billed.
fn team_removal(graph: &GrantsGraph, index: &SeatIndex, grant: &Grant, slug: &str, user: u32) -> Removal {
    let mut others = Vec::new();
    let mut others_kept = 0;
    for position in 0..index.len() {
        let Some(other) = grant_at(index, position) else { continue };
        if other.pending || !other.through_team(slug) || !same_organization(&other, grant) {
            continue;
        }
        let other_user = index.user_of(position);
        if other_user == Some(user) {
            continue;
        }
        others.push(index.row(position).map(|row| row.login_or_ghost().to_owned()).unwrap_or_default());
        let kept = other_user.is_some_and(|other_user| {
            graph.grants(index, other_user).any(|kept| !kept.pending && !removed_with_the_team(&kept, slug, grant))
        });
        others_kept += usize::from(kept);
    }
    Removal::UnselectTeam { slug: slug.to_owned(), others, others_kept }
}

/// Why a seat a revoke touches, or leaves, stays billed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum StayReason {
    /// Granted through an organization team, and the revoke skips team-granted seats.
    TeamGrantedSkipped,
    /// Granted by an enterprise team: not manageable from an organization.
    EnterpriseTeam,
    /// The person still holds a grant in another organization.
    AnotherOrganization,
    /// The person still holds another grant in the same organization.
    AnotherGrant,
    /// On the exemption list: skipped.
    Exempt,
    /// Granted through a team that also grants an exempt seat: skipped.
    ProtectedTeam,
}

/// Seats (billed people) and what they cost a month.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    pub seats: usize,
    pub monthly_cents: u64,
}

impl Tally {
    fn add(&mut self, cents: u32) {
        self.seats += 1;
        self.monthly_cents += u64::from(cents);
    }
}

/// What a revoke does to the bill.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BillingEffect {
    /// Seats whose every grant goes: they stop billing at the end of the cycle.
    pub stop: Tally,
    /// Of `stop`, the seats that were not selected (members of a removed team).
    pub stop_not_selected: Tally,
    /// Seats that stay billed, by why.
    pub stay: BTreeMap<StayReason, Tally>,
    /// Selected seats already pending cancellation: they stop with the cycle anyway, not counted above.
    pub already_pending: Tally,
    /// Counted from a list that spans organizations (an enterprise's); otherwise from one organization's,
    /// which cannot see a grant elsewhere.
    pub spans_organizations: bool,
}

impl BillingEffect {
    /// Every seat that stays billed, whatever the reason.
    pub fn stay_total(&self) -> Tally {
        self.stay.values().fold(Tally::default(), |total, tally| Tally {
            seats: total.seats + tally.seats,
            monthly_cents: total.monthly_cents + tally.monthly_cents,
        })
    }
}

/// The revoke's effect both ways of the team-granted choice: skipping those seats, or removing their teams.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SelectionBilling {
    pub skip_teams: BillingEffect,
    pub revoke_teams: BillingEffect,
}

/// A revoke in one organization, as the bill sees it.
#[derive(Debug, Clone, Default)]
pub struct Revocation<'a> {
    pub organization: &'a str,
    /// Logins whose direct assignment is revoked by name.
    pub users: Vec<&'a str>,
    /// Organization teams removed from Copilot.
    pub teams: Vec<&'a str>,
    /// Selected logins granted through the removed teams (so not "beyond the selection").
    pub selected_through_teams: Vec<&'a str>,
    /// Selected logins the revoke leaves, and why.
    pub left: Vec<(&'a str, StayReason)>,
    /// Selected logins already pending cancellation.
    pub pending: Vec<&'a str>,
}

impl Revocation<'_> {
    /// Which seats stop billing and which stay, from the grants graph of what is loaded.
    pub fn billing(&self, graph: &GrantsGraph, index: &SeatIndex, prices: &SeatPrices) -> BillingEffect {
        let org = self.organization;
        let mut effect = BillingEffect {
            spans_organizations: !index.filter_options().organizations.is_empty(),
            ..Default::default()
        };
        let mut removed: FxHashSet<usize> = FxHashSet::default();
        let mut touched: Vec<u32> = Vec::new();
        let mut counted = vec![false; graph.users()];
        let mut selected: FxHashSet<u32> = FxHashSet::default();
        let all_selected = self.users.iter().chain(&self.selected_through_teams);
        selected.extend(all_selected.filter_map(|login| graph.user_of_login(index, login)));

        for login in &self.users {
            let Some(user) = graph.user_of_login(index, login) else { continue };
            for grant in graph.grants(index, user) {
                if grant.is_direct() && !grant.pending && grant.in_organization(org) {
                    removed.insert(grant.position);
                }
            }
            touched.push(user);
        }
        if !self.teams.is_empty() {
            for position in 0..index.len() {
                let Some(grant) = grant_at(index, position) else { continue };
                if grant.pending || !grant.in_organization(org) || !self.teams.iter().any(|t| grant.through_team(t)) {
                    continue;
                }
                removed.insert(position);
                match index.user_of(position) {
                    Some(user) => touched.push(user),
                    // A deleted account's seat is billed on its own, and goes with its team.
                    None => {
                        let cents = prices.monthly_cents(grant.plan);
                        effect.stop.add(cents);
                        effect.stop_not_selected.add(cents);
                    }
                }
            }
        }

        for user in touched {
            let Some(seen) = counted.get_mut(user as usize) else { continue };
            if std::mem::replace(seen, true) {
                continue;
            }
            let cents = graph.billed_cents(index, user, prices);
            if let Some(kept) =
                graph.grants(index, user).find(|grant| !grant.pending && !removed.contains(&grant.position))
            {
                let reason = if kept.is_enterprise_team() {
                    StayReason::EnterpriseTeam
                } else if !kept.in_organization(org) {
                    StayReason::AnotherOrganization
                } else {
                    StayReason::AnotherGrant
                };
                effect.stay.entry(reason).or_default().add(cents);
            } else if graph.positions(user).iter().any(|&position| removed.contains(&(position as usize))) {
                effect.stop.add(cents);
                if !selected.contains(&user) {
                    effect.stop_not_selected.add(cents);
                }
            } else {
                effect.already_pending.add(cents);
            }
        }
        for (login, reason) in &self.left {
            let Some(user) = graph.user_of_login(index, login) else { continue };
            if counted.get_mut(user as usize).is_some_and(|seen| !std::mem::replace(seen, true)) {
                effect.stay.entry(*reason).or_default().add(graph.billed_cents(index, user, prices));
            }
        }
        for login in &self.pending {
            let Some(user) = graph.user_of_login(index, login) else { continue };
            if counted.get_mut(user as usize).is_some_and(|seen| !std::mem::replace(seen, true)) {
                effect.already_pending.add(graph.billed_cents(index, user, prices));
            }
        }
        effect
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::models::{PlanType, Seat};
    use crate::test_seats::seat;

    fn loaded(seats: &[Seat]) -> (SeatIndex, GrantsGraph) {
        let index = SeatIndex::new(seats, None);
        let graph = GrantsGraph::new(&index);
        (index, graph)
    }

    const PRICE: u64 = 1_900;

    #[test]
    fn each_grant_names_the_removal_that_ends_it_and_who_else_a_team_removal_touches() {
        // mona: a team in acme, directly in acme-2, an enterprise team, and a pending seat in acme-3.
        let seats = vec![
            seat("mona").org("acme").team("devs").build(),
            seat("hubot").org("acme").team("devs").build(),
            seat("hubot").org("acme-2").build(),
            seat("octocat").org("acme").team("devs").build(),
            seat("alice").org("acme-2").team("devs").build(),
            seat("mona").org("acme-2").build(),
            seat("mona").enterprise_team("champions").build(),
            seat("mona").org("acme-3").pending("2024-07-01").build(),
        ];
        let (index, graph) = loaded(&seats);
        let mona = person_grants(&graph, &index, "Mona", &SeatPrices::default()).expect("mona is loaded");
        assert_eq!(mona.login, "mona");
        assert!(mona.spans_organizations);
        let removals: Vec<&Removal> = mona.grants.iter().map(|grant| &grant.removal).collect();
        assert_eq!(
            removals,
            [
                &Removal::UnselectTeam {
                    slug: "devs".into(),
                    // alice's devs is acme-2's team: untouched.
                    others: vec!["hubot".into(), "octocat".into()],
                    others_kept: 1,
                },
                &Removal::RevokeDirect,
                &Removal::EnterpriseTeam,
                &Removal::AlreadyPending,
            ]
        );
        assert!(!mona.can_end_from_organizations() && !mona.already_ending());
        assert!(mona.grants[0].removal_sentence().ends_with("(hubot, octocat); another grant keeps 1 of them billed."));
        assert_eq!(u64::from(mona.monthly_cents), PRICE, "billed once");
        assert!(person_grants(&graph, &index, "nobody", &SeatPrices::default()).is_none());
    }

    #[test]
    fn a_person_with_only_pending_grants_is_already_ending() {
        let seats = vec![seat("mona").pending("2024-07-01").build()];
        let (index, graph) = loaded(&seats);
        let mona = person_grants(&graph, &index, "mona", &SeatPrices::default()).expect("loaded");
        assert!(mona.already_ending() && mona.can_end_from_organizations() && !mona.spans_organizations);
    }

    #[test]
    fn in_an_organization_a_revoked_direct_seat_stops_and_skipped_ones_stay_with_their_reason() {
        let seats = vec![
            seat("ann").build(),
            seat("bob").plan(PlanType::Enterprise).build(),
            seat("cy").team("devs").build(),
            seat("dee").team("devs").build(),
            seat("eve").enterprise_team("champions").build(),
            seat("fay").pending("2024-07-01").build(),
            seat("gus").build(),
        ];
        let (index, graph) = loaded(&seats);
        let prices = SeatPrices::default();
        let revocation = Revocation {
            organization: "acme",
            users: vec!["ann", "bob"],
            left: vec![("cy", StayReason::TeamGrantedSkipped), ("eve", StayReason::EnterpriseTeam)],
            pending: vec!["fay"],
            ..Revocation::default()
        };
        let effect = revocation.billing(&graph, &index, &prices);
        let enterprise = u64::from(prices.monthly_cents(PlanType::Enterprise));
        assert_eq!(effect.stop, Tally { seats: 2, monthly_cents: PRICE + enterprise });
        assert_eq!(effect.stop_not_selected, Tally::default());
        assert_eq!(effect.stay.get(&StayReason::TeamGrantedSkipped), Some(&Tally { seats: 1, monthly_cents: PRICE }));
        assert_eq!(effect.stay.get(&StayReason::EnterpriseTeam), Some(&Tally { seats: 1, monthly_cents: PRICE }));
        assert_eq!(effect.stay_total(), Tally { seats: 2, monthly_cents: 2 * PRICE });
        assert_eq!(effect.already_pending, Tally { seats: 1, monthly_cents: PRICE });
        assert!(!effect.spans_organizations);
    }

    #[test]
    fn removing_a_team_stops_its_members_not_selected_too_unless_another_grant_keeps_them() {
        // An enterprise list: dee also holds a seat in acme-2, so removing devs in acme keeps her billed.
        let seats = vec![
            seat("cy").org("acme").team("devs").build(),
            seat("dee").org("acme").team("devs").build(),
            seat("dee").org("acme-2").team("ops").build(),
            seat("hal").org("acme").team("devs").build(),
            seat("ivy").org("acme-2").team("devs").build(),
            seat("old").org("acme").team("devs").pending("2024-07-01").build(),
            seat("gone").org("acme").team("devs").ghost().build(),
        ];
        let (index, graph) = loaded(&seats);
        let revocation = Revocation {
            organization: "acme",
            teams: vec!["DEVS"],
            selected_through_teams: vec!["cy"],
            ..Revocation::default()
        };
        let effect = revocation.billing(&graph, &index, &SeatPrices::default());
        // cy (selected), hal (not selected) and the deleted account's seat stop; ivy's devs is acme-2's.
        assert_eq!(effect.stop, Tally { seats: 3, monthly_cents: 3 * PRICE });
        assert_eq!(effect.stop_not_selected, Tally { seats: 2, monthly_cents: 2 * PRICE });
        assert_eq!(effect.stay.get(&StayReason::AnotherOrganization), Some(&Tally { seats: 1, monthly_cents: PRICE }));
        assert_eq!(effect.already_pending, Tally::default(), "a pending member is not touched");
        assert!(effect.spans_organizations);
    }

    #[test]
    fn a_user_granted_by_two_teams_and_directly_stays_billed_until_every_grant_goes() {
        // The same person through devs in acme, ops in acme-2 and directly in acme-3 (an enterprise list).
        let seats = vec![
            seat("mona").org("acme").team("devs").build(),
            seat("mona").org("acme-2").team("ops").build(),
            seat("mona").org("acme-3").build(),
        ];
        let (index, graph) = loaded(&seats);
        let prices = SeatPrices::default();
        let direct_only = Revocation { organization: "acme-3", users: vec!["mona"], ..Revocation::default() };
        let effect = direct_only.billing(&graph, &index, &prices);
        assert_eq!(effect.stop.seats, 0);
        assert_eq!(effect.stay.get(&StayReason::AnotherOrganization).map(|t| t.seats), Some(1));
        // Within one organization, a direct revoke that leaves a team grant there keeps the seat.
        let same_org = vec![seat("mona").org("acme").team("devs").build(), seat("mona").org("acme").build()];
        let (index, graph) = loaded(&same_org);
        let direct = Revocation { organization: "acme", users: vec!["mona"], ..Revocation::default() };
        let effect = direct.billing(&graph, &index, &prices);
        assert_eq!(effect.stay.get(&StayReason::AnotherGrant).map(|t| t.seats), Some(1));
        let both = Revocation { teams: vec!["devs"], ..direct };
        assert_eq!(both.billing(&graph, &index, &prices).stop, Tally { seats: 1, monthly_cents: PRICE });
    }

    #[test]
    fn an_enterprise_team_grant_keeps_a_seat_whose_organization_grants_are_all_removed() {
        let seats = vec![seat("mona").org("acme").build(), seat("mona").enterprise_team("champions").build()];
        let (index, graph) = loaded(&seats);
        let revocation = Revocation { organization: "acme", users: vec!["mona", "mona"], ..Revocation::default() };
        let effect = revocation.billing(&graph, &index, &SeatPrices::default());
        assert_eq!(effect.stop.seats, 0);
        assert_eq!(effect.stay.get(&StayReason::EnterpriseTeam), Some(&Tally { seats: 1, monthly_cents: PRICE }));
        assert_eq!(effect.stay_total().seats, 1, "a login named twice counts once");
    }
}
