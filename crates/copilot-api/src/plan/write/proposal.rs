//! Proposal: a write a person asked for, before they confirm it (names from a form, or seats selected in
//! the grid), and what it comes to: the plans to run, the seats it touches, the dialog's title.

use super::confirmation::CANNOT_BE_UNDONE;
use super::plan::WritePlan;
use super::restore::{Restoration, UNDONE_FROM_THE_LOG};
use super::selection::{RevokeSelection, TeamGrantedChoice};
use super::wording::{cost_wording, BILLING_COUNTED_ABOVE};
use super::WriteKind;
use crate::names::NameList;

/// A write a person asked for, before they confirm it.
#[derive(Debug, Clone, PartialEq)]
pub enum Proposal {
    /// From one of the four forms: the names as the core cleaned them.
    Names { kind: WriteKind, org: String, names: NameList },
    /// From the grid: the selected seats, sorted by how they can be revoked.
    Selection { org: String, selected: usize, selection: RevokeSelection },
    /// From the activity log: a revocation's names still pending cancellation, assigned again.
    Restore(Restoration),
}

impl Proposal {
    pub fn org(&self) -> &str {
        match self {
            Self::Names { org, .. } | Self::Selection { org, .. } => org,
            Self::Restore(restoration) => &restoration.org,
        }
    }

    /// The dialog's title: "Revoke users' seats in acme", "Revoke the selected seats in acme".
    pub fn title(&self) -> String {
        match self {
            Self::Names { kind, org, .. } => format!("{} in {org}", kind.title()),
            Self::Selection { org, .. } => format!("Revoke the selected seats in {org}"),
            Self::Restore(restoration) => restoration.title(),
        }
    }

    /// The writes to run, given the person's choice about team-granted seats (grid selections only).
    pub fn plans(&self, choice: TeamGrantedChoice) -> Vec<WritePlan> {
        match self {
            Self::Names { kind, org, names } => {
                if names.valid.is_empty() {
                    Vec::new()
                } else {
                    vec![WritePlan::new(*kind, org, names.valid.iter().cloned())]
                }
            }
            Self::Selection { org, selection, .. } => selection.plans(org, choice),
            Self::Restore(restoration) => {
                vec![WritePlan::new(restoration.kind, &restoration.org, restoration.names.iter().cloned())]
            }
        }
    }

    /// How many seats the write touches, as far as is known here: a user is one seat; a team revoked from
    /// the grid counts its selected members; a team typed in a form counts one (its size is not known).
    pub fn seat_count(&self, choice: TeamGrantedChoice) -> usize {
        match self {
            Self::Names { names, .. } => names.valid.len(),
            Self::Selection { selection, .. } => {
                selection.direct.len()
                    + if choice == TeamGrantedChoice::RevokeTeams { selection.team_granted_count() } else { 0 }
            }
            Self::Restore(restoration) => restoration.seats,
        }
    }

    /// The seats known to go with a plan of teams: the selected members granted through them (grid
    /// selections); `None` for users, and for teams typed in a form, whose size is not known here. `None`
    /// too when the selection's effect on the bill was worked out: that counts every member the teams'
    /// removal takes, and a second, smaller figure for the same plan would contradict it.
    pub fn known_team_seats(&self, plan: &WritePlan) -> Option<usize> {
        match self {
            Self::Selection { selection, .. } if plan.kind().names_teams() && selection.billing.is_none() => {
                Some(selection.team_granted_count())
            }
            Self::Restore(restoration) if plan.kind().names_teams() => Some(restoration.seats),
            _ => None,
        }
    }

    /// Under the cost: a revocation can be restored from the activity log while pending; nothing else
    /// can be undone from here.
    pub fn undo_note(&self) -> &'static str {
        match self {
            Self::Selection { .. } => UNDONE_FROM_THE_LOG,
            Self::Names { kind, .. } if !kind.is_assign() => UNDONE_FROM_THE_LOG,
            Self::Names { .. } | Self::Restore(_) => CANNOT_BE_UNDONE,
        }
    }

    /// What a plan of this proposal does to the monthly bill: a restore keeps seats billed; a selection
    /// whose effect on the bill was worked out leaves the money to those figures (they price each seat at
    /// the grid's prices and its own plan; `price_cents` is the organization's list price); any other
    /// write, the dialog's cost wording.
    pub fn cost_wording(&self, plan: &WritePlan, price_cents: u32) -> String {
        match self {
            Self::Restore(restoration) => restoration.cost_wording(price_cents),
            Self::Selection { selection, .. } if selection.billing.is_some() => BILLING_COUNTED_ABOVE.to_owned(),
            _ => cost_wording(plan, self.known_team_seats(plan), price_cents),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::names::{parse_name_list, NameKind};

    fn selection() -> Proposal {
        let mut selection = RevokeSelection { direct: vec!["ann".into(), "bob".into()], ..Default::default() };
        selection.team_granted.insert("devs".into(), vec!["cy".into(), "di".into(), "ed".into()]);
        Proposal::Selection { org: "acme".into(), selected: 6, selection }
    }

    #[test]
    fn names_from_a_form_make_one_plan_of_their_valid_names_and_count_one_seat_each() {
        let names = parse_name_list("ann, bob, ann, -bad-", NameKind::User);
        let proposal = Proposal::Names { kind: WriteKind::AssignUsers, org: "acme".into(), names };
        let plans = proposal.plans(TeamGrantedChoice::Skip);
        assert_eq!(plans.len(), 1);
        assert_eq!(plans[0].names().collect::<Vec<_>>(), vec!["ann", "bob"]);
        assert_eq!(proposal.seat_count(TeamGrantedChoice::Skip), 2);
        assert_eq!(proposal.known_team_seats(&plans[0]), None);
        assert_eq!(proposal.title(), "Assign seats to users in acme");
    }

    #[test]
    fn a_form_with_no_valid_name_proposes_nothing_to_run() {
        let names = parse_name_list("-bad-", NameKind::User);
        let proposal = Proposal::Names { kind: WriteKind::RevokeUsers, org: "acme".into(), names };
        assert!(proposal.plans(TeamGrantedChoice::Skip).is_empty());
        assert_eq!(proposal.seat_count(TeamGrantedChoice::Skip), 0);
    }

    #[test]
    fn a_selection_counts_the_team_granted_seats_only_when_the_teams_are_revoked() {
        let proposal = selection();
        assert_eq!(proposal.org(), "acme");
        assert_eq!(proposal.title(), "Revoke the selected seats in acme");
        assert_eq!(proposal.seat_count(TeamGrantedChoice::Skip), 2);
        assert_eq!(proposal.seat_count(TeamGrantedChoice::RevokeTeams), 5);
        let plans = proposal.plans(TeamGrantedChoice::RevokeTeams);
        assert_eq!(
            plans.iter().map(WritePlan::kind).collect::<Vec<_>>(),
            vec![WriteKind::RevokeUsers, WriteKind::RevokeTeams]
        );
        assert_eq!(proposal.known_team_seats(&plans[0]), None, "users are counted by name");
        assert_eq!(proposal.known_team_seats(&plans[1]), Some(3));
    }

    #[test]
    fn a_selection_with_its_billing_worked_out_leaves_the_team_count_to_those_figures() {
        let Proposal::Selection { org, selected, selection: chosen } = selection() else { unreachable!("a selection") };
        let chosen = RevokeSelection { billing: Some(Default::default()), ..chosen };
        let proposal = Proposal::Selection { org, selected, selection: chosen };
        let plans = proposal.plans(TeamGrantedChoice::RevokeTeams);
        assert_eq!(proposal.known_team_seats(&plans[1]), None);
        // Nor does any plan's cost line name a second price: the figures above are the only money.
        for plan in &plans {
            assert_eq!(proposal.cost_wording(plan, 1_900), BILLING_COUNTED_ABOVE);
        }
        assert!(selection().cost_wording(&plans[0], 1_900).starts_with("Revoking 2 seats lowers the bill by $38.00"));
    }

    #[test]
    fn a_restore_assigns_the_pending_names_again_and_says_what_keeping_them_costs() {
        let restoration = Restoration {
            org: "acme".into(),
            kind: WriteKind::AssignTeams,
            names: vec!["devs".into()],
            seats: 4,
            active_again: vec!["ops".into()],
            not_found: Vec::new(),
            every_seat_read: true,
            read_at_ms: 0,
        };
        let proposal = Proposal::Restore(restoration);
        assert_eq!(proposal.title(), "Restore seats in acme");
        let plans = proposal.plans(TeamGrantedChoice::Skip);
        assert_eq!(plans.len(), 1);
        assert_eq!(plans[0].kind(), WriteKind::AssignTeams);
        assert_eq!(plans[0].names().collect::<Vec<_>>(), vec!["devs"], "only what is still pending");
        assert_eq!(proposal.seat_count(TeamGrantedChoice::Skip), 4);
        assert_eq!(proposal.known_team_seats(&plans[0]), Some(4));
        assert!(proposal.cost_wording(&plans[0], 1_900).starts_with("Restoring 4 seats keeps $76.00 a month"));
        assert_eq!(proposal.undo_note(), CANNOT_BE_UNDONE);
        assert_eq!(selection().undo_note(), UNDONE_FROM_THE_LOG, "a revocation can be restored while pending");
        // Any other proposal keeps the dialog's wording.
        let names = parse_name_list("ann", NameKind::User);
        let assign = Proposal::Names { kind: WriteKind::AssignUsers, org: "acme".into(), names };
        let plan = &assign.plans(TeamGrantedChoice::Skip)[0];
        assert_eq!(assign.cost_wording(plan, 1_900), cost_wording(plan, None, 1_900));
        assert_eq!(assign.undo_note(), CANNOT_BE_UNDONE);
    }
}
