//! Selection: what a selection of seats can revoke user by user and what it cannot (exempt seats
//! included), and the rows a shift-click selects.

use std::collections::{BTreeMap, HashSet};
use std::sync::Arc;

use super::kind::WriteKind;
use super::plan::WritePlan;
use crate::insight::grants::SelectionBilling;
use crate::models::Seat;
use crate::plan::exemption::ExemptSeats;

/// What a selection of seats can revoke user by user, and what it cannot.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RevokeSelection {
    /// Seats assigned directly: revocable by name.
    pub direct: Vec<String>,
    /// Seats granted through an organization team (slug → logins): GitHub refuses to revoke these by
    /// name (422). Skip them, or revoke the whole team.
    pub team_granted: BTreeMap<String, Vec<String>>,
    /// Seats granted through an enterprise team: managed by the enterprise, not revocable from here.
    pub enterprise_team_granted: BTreeMap<String, Vec<String>>,
    /// Seats already pending cancellation: nothing to do, counted.
    pub already_pending: Vec<String>,
    /// Seats of deleted accounts: no name to revoke by.
    pub no_assignee: usize,
    /// Seats on the exemption list (login → its reason): never proposed, skipped whatever the choice.
    pub exempt: BTreeMap<String, String>,
    /// Seats granted through a team that also grants an exempt seat (slug → logins): revoking the team
    /// would take the exempt seat too, so it is not offered, and these are skipped.
    pub protected_team_granted: BTreeMap<String, Vec<String>>,
    /// What the revoke does to the bill, when the grants of what is loaded were at hand (see
    /// `billing.rs`, `RevokeSelection::with_billing`).
    pub billing: Option<Arc<SelectionBilling>>,
}

/// What to do with team-granted seats in a selection.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum TeamGrantedChoice {
    /// What a dialog starts with: nothing beyond the selection goes.
    #[default]
    Skip,
    /// Revoke each team as a whole: every member's seat goes, selected or not (the dialog must say so).
    RevokeTeams,
}

/// Sorts selected seats by how they can be revoked. A login selected twice counts once.
pub fn plan_revocation(selected: &[&Seat]) -> RevokeSelection {
    plan_revocation_with(selected, &ExemptSeats::default())
}

/// [`plan_revocation`] with the exempt seats of the load: an exempt seat is set aside with its reason, and
/// a seat granted through a team that grants an exempt seat cannot go by team (that would take it too).
pub fn plan_revocation_with(selected: &[&Seat], exempt: &ExemptSeats) -> RevokeSelection {
    let mut selection = RevokeSelection::default();
    let mut seen = HashSet::new();
    for seat in selected {
        let Some(login) = seat.login() else {
            selection.no_assignee += 1;
            continue;
        };
        if !seen.insert(login.to_ascii_lowercase()) {
            continue;
        }
        let login = login.to_owned();
        if let Some(entry) = exempt.get(&login) {
            selection.exempt.insert(login, entry.reason.clone());
            continue;
        }
        // Pending first: a pending seat needs nothing, however it was granted.
        if seat.pending_cancellation_date.is_some() {
            selection.already_pending.push(login);
        } else if let Some(team) = &seat.assigning_team {
            let bucket = if team.is_enterprise_team() {
                &mut selection.enterprise_team_granted
            } else if exempt.protects_team(team.slug()) {
                &mut selection.protected_team_granted
            } else {
                &mut selection.team_granted
            };
            bucket.entry(team.slug().to_owned()).or_default().push(login);
        } else {
            selection.direct.push(login);
        }
    }
    selection
}

impl RevokeSelection {
    /// Selected seats granted through an organization team.
    pub fn team_granted_count(&self) -> usize {
        self.team_granted.values().map(Vec::len).sum()
    }

    /// Selected seats that will not be revoked whatever the choice: pending, enterprise-team, deleted.
    pub fn always_skipped_count(&self) -> usize {
        self.already_pending.len()
            + self.enterprise_team_granted.values().map(Vec::len).sum::<usize>()
            + self.no_assignee
            + self.exempt.len()
            + self.protected_team_granted.values().map(Vec::len).sum::<usize>()
    }

    /// The writes to run: users by name, then (if chosen) the teams. Empty plans are left out.
    pub fn plans(&self, org: &str, choice: TeamGrantedChoice) -> Vec<WritePlan> {
        let mut plans = Vec::new();
        if !self.direct.is_empty() {
            plans.push(WritePlan::new(WriteKind::RevokeUsers, org, self.direct.iter().cloned()));
        }
        if choice == TeamGrantedChoice::RevokeTeams && !self.team_granted.is_empty() {
            plans.push(WritePlan::new(WriteKind::RevokeTeams, org, self.team_granted.keys().cloned()));
        }
        plans
    }
}

/// Shift-click: the rows from the anchor (the last plain click) to the clicked row, both included, in the
/// order shown. Without a visible anchor, just the clicked row; a row not shown selects nothing.
pub fn select_range<K: PartialEq + Clone>(anchor: Option<&K>, clicked: &K, visible: &[K]) -> Vec<K> {
    let Some(end) = visible.iter().position(|row| row == clicked) else { return Vec::new() };
    let start = anchor.and_then(|anchor| visible.iter().position(|row| row == anchor)).unwrap_or(end);
    visible[start.min(end)..=start.max(end)].to_vec()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::test_support::{enterprise_team_seat, ghost_seat, pending_seat, seat, team_seat};

    #[test]
    fn a_selection_is_sorted_into_direct_team_granted_pending_and_deleted_seats() {
        let seats = [
            seat("ada", 1),
            team_seat("bob", 2, "eng"),
            team_seat("cy", 3, "eng"),
            team_seat("dee", 4, "ops"),
            enterprise_team_seat("eve", 5, "all-staff"),
            pending_seat("fay", 6),
            Seat {
                pending_cancellation_date: pending_seat("x", 0).pending_cancellation_date,
                ..team_seat("gus", 7, "eng")
            },
            ghost_seat(),
            seat("ADA", 1),
            seat("hal", 8),
        ];
        let selected: Vec<&Seat> = seats.iter().collect();
        let selection = plan_revocation(&selected);
        assert_eq!(selection.direct, vec!["ada", "hal"]);
        assert_eq!(selection.team_granted.get("eng"), Some(&vec!["bob".to_owned(), "cy".to_owned()]));
        assert_eq!(selection.team_granted.get("ops"), Some(&vec!["dee".to_owned()]));
        assert_eq!(selection.enterprise_team_granted.get("all-staff"), Some(&vec!["eve".to_owned()]));
        assert_eq!(selection.already_pending, vec!["fay", "gus"]);
        assert_eq!(selection.no_assignee, 1);
        assert_eq!(selection.team_granted_count(), 3);
        assert_eq!(selection.always_skipped_count(), 4);
    }

    #[test]
    fn team_granted_seats_are_skipped_or_revoked_as_whole_teams() {
        let seats = [seat("ada", 1), team_seat("bob", 2, "eng"), team_seat("dee", 4, "ops")];
        let selection = plan_revocation(&seats.iter().collect::<Vec<_>>());
        let skipped = selection.plans("acme", TeamGrantedChoice::Skip);
        assert_eq!(skipped.len(), 1);
        assert_eq!((skipped[0].kind(), skipped[0].batches()), (WriteKind::RevokeUsers, &[vec!["ada".to_owned()]][..]));
        let with_teams = selection.plans("acme", TeamGrantedChoice::RevokeTeams);
        assert_eq!(with_teams.len(), 2);
        assert_eq!(with_teams[1].kind(), WriteKind::RevokeTeams);
        assert_eq!(with_teams[1].names().collect::<Vec<_>>(), vec!["eng", "ops"]);
        let only_teams = plan_revocation(&[&seats[1]]).plans("acme", TeamGrantedChoice::Skip);
        assert!(only_teams.is_empty(), "nothing is left to send");
    }

    #[test]
    fn exempt_seats_are_set_aside_and_a_team_granting_one_is_not_revoked_as_a_whole() {
        use crate::insight::SeatIndex;
        use crate::plan::exemption::{ExemptKind, Exemption, ExemptionList};
        let loaded =
            [seat("ada", 1), team_seat("bob", 2, "eng"), team_seat("cy", 3, "eng"), team_seat("dee", 4, "ops")];
        let index = SeatIndex::new(&loaded, None);
        let today = chrono::NaiveDate::from_ymd_opt(2024, 6, 30).expect("a date");
        let mut list = ExemptionList::default();
        list.insert(Exemption::new(ExemptKind::User, "@ADA", "service account", Some(today)).expect("valid"));
        // cy is exempt but not selected: the team eng still cannot go as a whole.
        list.insert(Exemption::new(ExemptKind::User, "cy", "on leave", None).expect("valid"));
        let exempt = ExemptSeats::new(&index, &list.active_on(today));
        assert!(exempt.protects_team("eng") && !exempt.protects_team("ops"));
        let selected = [&loaded[0], &loaded[1], &loaded[3]];
        let selection = plan_revocation_with(&selected, &exempt);
        assert_eq!(selection.exempt.get("ada").map(String::as_str), Some("service account"));
        assert!(selection.direct.is_empty());
        assert_eq!(selection.protected_team_granted.get("eng"), Some(&vec!["bob".to_owned()]));
        assert_eq!(selection.team_granted.keys().collect::<Vec<_>>(), vec!["ops"]);
        let plans = selection.plans("acme", TeamGrantedChoice::RevokeTeams);
        assert_eq!(plans.len(), 1);
        assert_eq!(plans[0].names().collect::<Vec<_>>(), vec!["ops"]);
        assert_eq!(selection.always_skipped_count(), 2);
        // The day after ada's last exempt day, ada is revocable again.
        let later = ExemptSeats::new(&index, &list.active_on(today + chrono::Days::new(1)));
        let selection = plan_revocation_with(&selected, &later);
        assert_eq!(selection.direct, vec!["ada"]);
    }

    #[test]
    fn shift_click_selects_the_range_between_anchor_and_click_in_either_direction() {
        let rows = ["a", "b", "c", "d", "e"];
        assert_eq!(select_range(Some(&"b"), &"d", &rows), vec!["b", "c", "d"]);
        assert_eq!(select_range(Some(&"d"), &"b", &rows), vec!["b", "c", "d"]);
        assert_eq!(select_range(None, &"c", &rows), vec!["c"]);
        assert_eq!(select_range(Some(&"gone"), &"c", &rows), vec!["c"], "an anchor filtered away");
        assert!(select_range(Some(&"a"), &"gone", &rows).is_empty());
    }
}
