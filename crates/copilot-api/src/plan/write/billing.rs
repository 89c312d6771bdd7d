//! Billing: what a grid selection's revoke does to the bill, both ways of the team-granted choice, from
//! the grants graph of what is loaded (`insight::grants`): the seats that really stop billing at the end
//! of the cycle, and those another grant keeps billed, with the money each way.

use std::sync::Arc;

use super::selection::{RevokeSelection, TeamGrantedChoice};
use crate::insight::grants::{BillingEffect, GrantsGraph, Revocation, SelectionBilling, StayReason};
use crate::insight::{SeatIndex, SeatPrices};

fn logins(list: &[String]) -> Vec<&str> {
    list.iter().map(String::as_str).collect()
}

impl RevokeSelection {
    /// The revoke's effect on the bill in `org`, for either choice; keep it with [`Self::with_billing`].
    pub fn billing(&self, org: &str, graph: &GrantsGraph, index: &SeatIndex, prices: &SeatPrices) -> SelectionBilling {
        let team_granted: Vec<&str> = self.team_granted.values().flat_map(|list| logins(list)).collect();
        let mut left: Vec<(&str, StayReason)> = Vec::new();
        for list in self.enterprise_team_granted.values() {
            left.extend(list.iter().map(|login| (login.as_str(), StayReason::EnterpriseTeam)));
        }
        left.extend(self.exempt.keys().map(|login| (login.as_str(), StayReason::Exempt)));
        for list in self.protected_team_granted.values() {
            left.extend(list.iter().map(|login| (login.as_str(), StayReason::ProtectedTeam)));
        }
        let skipping = Revocation {
            organization: org,
            users: logins(&self.direct),
            left: team_granted
                .iter()
                .map(|login| (*login, StayReason::TeamGrantedSkipped))
                .chain(left.iter().copied())
                .collect(),
            pending: logins(&self.already_pending),
            ..Revocation::default()
        };
        let removing = Revocation {
            teams: self.team_granted.keys().map(String::as_str).collect(),
            selected_through_teams: team_granted.clone(),
            left,
            ..skipping.clone()
        };
        SelectionBilling {
            skip_teams: skipping.billing(graph, index, prices),
            revoke_teams: removing.billing(graph, index, prices),
        }
    }

    /// The selection with its effect on the bill kept, for the confirmation to show.
    pub fn with_billing(mut self, org: &str, graph: &GrantsGraph, index: &SeatIndex, prices: &SeatPrices) -> Self {
        self.billing = Some(Arc::new(self.billing(org, graph, index, prices)));
        self
    }

    /// The effect on the bill for the person's choice, when it was worked out.
    pub fn billing_effect(&self, choice: TeamGrantedChoice) -> Option<&BillingEffect> {
        self.billing.as_ref().map(|billing| match choice {
            TeamGrantedChoice::Skip => &billing.skip_teams,
            TeamGrantedChoice::RevokeTeams => &billing.revoke_teams,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::insight::grants::Tally;
    use crate::models::Seat;
    use crate::plan::exemption::{ExemptKind, ExemptSeats, Exemption, ExemptionList};
    use crate::plan::test_support::{enterprise_team_seat, pending_seat, seat, team_seat};
    use crate::plan::write::plan_revocation_with;

    const PRICE: u64 = 1_900;

    #[test]
    fn a_selection_mixing_direct_and_team_granted_seats_counts_what_stops_and_what_stays_each_way() {
        let loaded = [
            seat("ann", 1),
            seat("bob", 2),
            team_seat("cy", 3, "devs"),
            team_seat("dee", 4, "devs"),
            team_seat("eli", 5, "devs"),
            enterprise_team_seat("eve", 6, "champions"),
            pending_seat("fay", 7),
            seat("gil", 8),
        ];
        let index = SeatIndex::new(&loaded, None);
        let graph = GrantsGraph::new(&index);
        let mut list = ExemptionList::default();
        list.insert(Exemption::new(ExemptKind::User, "gil", "service account", None).expect("valid"));
        let today = chrono::NaiveDate::from_ymd_opt(2024, 6, 30).expect("a date");
        let exempt = ExemptSeats::new(&index, &list.active_on(today));
        // Everyone but eli is selected.
        let selected: Vec<&Seat> = loaded.iter().filter(|seat| seat.login() != Some("eli")).collect();
        let selection =
            plan_revocation_with(&selected, &exempt).with_billing("acme", &graph, &index, &SeatPrices::default());

        let skip = selection.billing_effect(TeamGrantedChoice::Skip).expect("worked out");
        assert_eq!(skip.stop, Tally { seats: 2, monthly_cents: 2 * PRICE }, "ann and bob");
        assert_eq!(skip.stay.get(&StayReason::TeamGrantedSkipped).map(|t| t.seats), Some(2));
        assert_eq!(skip.stay.get(&StayReason::EnterpriseTeam).map(|t| t.seats), Some(1));
        assert_eq!(skip.stay.get(&StayReason::Exempt).map(|t| t.seats), Some(1));
        assert_eq!(skip.stay_total(), Tally { seats: 4, monthly_cents: 4 * PRICE });
        assert_eq!(skip.already_pending.seats, 1);

        let teams = selection.billing_effect(TeamGrantedChoice::RevokeTeams).expect("worked out");
        assert_eq!(teams.stop, Tally { seats: 5, monthly_cents: 5 * PRICE }, "ann, bob and devs: cy, dee, eli");
        assert_eq!(teams.stop_not_selected, Tally { seats: 1, monthly_cents: PRICE }, "eli");
        assert_eq!(teams.stay.get(&StayReason::TeamGrantedSkipped), None);
        assert_eq!(teams.stay_total().seats, 2, "eve and gil");
        assert!(plan_revocation_with(&selected, &exempt).billing_effect(TeamGrantedChoice::Skip).is_none());
    }
}
