//! Reconcile: each name of an offboarding list against the loaded seats, and what can become of it.
//!
//! A name is checked as a GitHub login (a leading `@` dropped, compared without regard to case, as GitHub
//! does); a name listed again is told as such, once. The names that hold a seat are sorted by the same rule
//! the grid's selection uses (`plan_revocation_with`, exemptions included), so the list proposes exactly
//! what selecting those seats in the grid would: its [`RevokeSelection`] goes to the one confirmation dialog.

use std::collections::hash_map::Entry;

use rustc_hash::FxHashMap;

use super::read::ListedNames;
use crate::insight::grid::TeamFilter;
use crate::insight::SeatIndex;
use crate::models::Seat;
use crate::names::{name_problem, NameKind};
use crate::plan::exemption::ExemptSeats;
use crate::plan::write::{plan_revocation_with, RevokeSelection};

/// Why a team-granted seat cannot go from here at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TeamBlock {
    /// An enterprise team: the enterprise manages it.
    EnterpriseTeam,
    /// The team also grants an exempt seat, which revoking the team would take.
    GrantsExemptSeat,
}

/// What a listed name comes to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ListedOutcome {
    /// A seat assigned directly: revoked by name.
    Direct,
    /// A seat granted through an organization team (its slug): GitHub refuses to revoke it by name, so it goes
    /// only with the whole team, which takes `others` seats more (loaded seats through it that the list
    /// does not name).
    ThroughTeam { team: String, others: usize },
    /// A seat granted through a team that cannot be revoked from here.
    TeamNotRevocable { team: String, block: TeamBlock },
    /// Already pending cancellation: nothing to do.
    Pending,
    /// On the exemption list, with its reason: never proposed.
    Exempt { reason: String },
    /// None of the loaded seats is this login's.
    NoSeat,
    /// Not a GitHub login, and why.
    Invalid { problem: String },
    /// The same login as an earlier line's (any case, with or without `@`).
    Duplicate { first_line: usize },
}

/// The outcomes without their details: the rows of the counts table, in the order shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum OutcomeKind {
    Direct,
    ThroughTeam,
    TeamNotRevocable,
    Pending,
    Exempt,
    NoSeat,
    Invalid,
    Duplicate,
}

impl OutcomeKind {
    pub const ALL: [Self; 8] = [
        Self::Direct,
        Self::ThroughTeam,
        Self::TeamNotRevocable,
        Self::Pending,
        Self::Exempt,
        Self::NoSeat,
        Self::Invalid,
        Self::Duplicate,
    ];
}

impl ListedOutcome {
    pub fn kind(&self) -> OutcomeKind {
        match self {
            Self::Direct => OutcomeKind::Direct,
            Self::ThroughTeam { .. } => OutcomeKind::ThroughTeam,
            Self::TeamNotRevocable { .. } => OutcomeKind::TeamNotRevocable,
            Self::Pending => OutcomeKind::Pending,
            Self::Exempt { .. } => OutcomeKind::Exempt,
            Self::NoSeat => OutcomeKind::NoSeat,
            Self::Invalid { .. } => OutcomeKind::Invalid,
            Self::Duplicate { .. } => OutcomeKind::Duplicate,
        }
    }
}

/// One line of the table: the name as the list has it, the login as loaded when a seat matched, and what
/// it comes to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListedRow {
    pub line: usize,
    pub entry: String,
    pub login: Option<String>,
    pub outcome: ListedOutcome,
}

/// How many names came to each outcome.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ListedCounts([usize; OutcomeKind::ALL.len()]);

impl ListedCounts {
    pub fn of(&self, kind: OutcomeKind) -> usize {
        self.0[kind as usize]
    }

    fn add(&mut self, kind: OutcomeKind) {
        self.0[kind as usize] += 1;
    }

    /// Every name read, duplicates and invalid ones included.
    pub fn total(&self) -> usize {
        self.0.iter().sum()
    }
}

/// A list reconciled against one load.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Reconciliation {
    pub rows: Vec<ListedRow>,
    pub counts: ListedCounts,
    /// The seats the list names, sorted as a grid selection of them is: what "Revoke" proposes.
    pub selection: RevokeSelection,
    /// How many loaded seats the list names.
    pub matched: usize,
}

impl Reconciliation {
    /// Whether the dialog has anything to offer: seats revocable by name, or teams to revoke instead.
    pub fn has_revocable(&self) -> bool {
        !self.selection.direct.is_empty() || !self.selection.team_granted.is_empty()
    }
}

/// Reconciles every listed name with `seats` (one organization's load), their `index` (row `i` is
/// `seats[i]`) and the exempt seats of that load.
pub fn reconcile_list(listed: &ListedNames, seats: &[Seat], index: &SeatIndex, exempt: &ExemptSeats) -> Reconciliation {
    let mut rows = Vec::with_capacity(listed.entries.len());
    // Lower-case login → the first row naming it.
    let mut wanted: FxHashMap<String, usize> = FxHashMap::default();
    wanted.reserve(listed.entries.len());
    for entry in &listed.entries {
        let text = entry.text.trim_matches(|c: char| c == '"' || c == '\'' || c.is_whitespace());
        let name = text.strip_prefix('@').unwrap_or(text);
        // A valid first mention waits for the seats; `NoSeat` until one matches.
        let outcome = match name_problem(name, NameKind::User) {
            Some(problem) => ListedOutcome::Invalid { problem },
            None => match wanted.entry(name.to_ascii_lowercase()) {
                Entry::Occupied(first) => ListedOutcome::Duplicate { first_line: rows_line(&rows, *first.get()) },
                Entry::Vacant(slot) => {
                    slot.insert(rows.len());
                    ListedOutcome::NoSeat
                }
            },
        };
        rows.push(ListedRow { line: entry.line, entry: entry.text.clone(), login: None, outcome });
    }

    // One pass over the index's lower-case logins, one string: the seats themselves (large, scattered in
    // memory) are read only where a name matched, and no map of every seat is built. An organization's
    // list holds a login once; should it hold one twice, the first seat counts.
    let mut matched: Vec<&Seat> = Vec::new();
    // The login as loaded → the row that named it.
    let mut row_of: FxHashMap<&str, usize> = FxHashMap::default();
    for (position, lowercase) in index.lowercase_logins() {
        let Some(&row) = wanted.get(lowercase) else { continue };
        let Some(seat) = seats.get(position) else { continue };
        let Some(login) = seat.login() else { continue };
        if rows[row].login.is_none() {
            rows[row].login = Some(login.to_owned());
            row_of.insert(login, row);
            matched.push(seat);
        }
    }
    let selection = plan_revocation_with(&matched, exempt);

    // Each matched row's outcome, read back from where the selection put its login.
    let mut tell = |login: &str, outcome: ListedOutcome| {
        if let Some(row) = row_of.get(login).and_then(|&row| rows.get_mut(row)) {
            row.outcome = outcome;
        }
    };
    for login in &selection.direct {
        tell(login, ListedOutcome::Direct);
    }
    for login in &selection.already_pending {
        tell(login, ListedOutcome::Pending);
    }
    for (login, reason) in &selection.exempt {
        tell(login, ListedOutcome::Exempt { reason: reason.clone() });
    }
    for (team, logins) in &selection.team_granted {
        let others = team_size(index, team).saturating_sub(logins.len());
        for login in logins {
            tell(login, ListedOutcome::ThroughTeam { team: team.clone(), others });
        }
    }
    for (teams, block) in [
        (&selection.enterprise_team_granted, TeamBlock::EnterpriseTeam),
        (&selection.protected_team_granted, TeamBlock::GrantsExemptSeat),
    ] {
        for (team, logins) in teams {
            for login in logins {
                tell(login, ListedOutcome::TeamNotRevocable { team: team.clone(), block });
            }
        }
    }

    let mut counts = ListedCounts::default();
    for row in &rows {
        counts.add(row.outcome.kind());
    }
    Reconciliation { rows, counts, selection, matched: matched.len() }
}

fn rows_line(rows: &[ListedRow], row: usize) -> usize {
    rows.get(row).map_or(0, |row| row.line)
}

/// How many loaded seats the team with this slug grants: the team filter's count.
fn team_size(index: &SeatIndex, slug: &str) -> usize {
    let teams = &index.filter_options().teams;
    let found =
        teams.iter().find(|option| matches!(&option.value, TeamFilter::Team(team) if team.eq_ignore_ascii_case(slug)));
    found.map_or(0, |option| option.count)
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::insight::SeatIndex;
    use crate::plan::exemption::{ExemptKind, Exemption, ExemptionList};
    use crate::plan::offboarding::read::read_listed_names;
    use crate::plan::test_support::{enterprise_team_seat, ghost_seat, pending_seat, seat, team_seat};
    use crate::plan::write::TeamGrantedChoice;
    use crate::plan::WriteKind;

    fn loaded() -> Vec<Seat> {
        vec![
            seat("Ada", 1),
            team_seat("bob", 2, "eng"),
            team_seat("cy", 3, "eng"),
            team_seat("dee", 4, "eng"),
            enterprise_team_seat("eve", 5, "all-staff"),
            pending_seat("fay", 6),
            seat("gus", 7),
            team_seat("hal", 8, "ops"),
            team_seat("ivy", 9, "ops"),
            ghost_seat(),
        ]
    }

    fn exempt_gus_and_ivy(seats: &[Seat]) -> ExemptSeats {
        let today = NaiveDate::from_ymd_opt(2024, 6, 30).expect("a date");
        let mut list = ExemptionList::default();
        list.insert(Exemption::new(ExemptKind::User, "gus", "service account", None).expect("valid"));
        list.insert(Exemption::new(ExemptKind::User, "ivy", "on leave", None).expect("valid"));
        ExemptSeats::new(&SeatIndex::new(seats, None), &list.active_on(today))
    }

    fn reconciled(text: &str) -> Reconciliation {
        let seats = loaded();
        let listed = read_listed_names(text).expect("a list");
        reconcile_list(&listed, &seats, &SeatIndex::new(&seats, None), &exempt_gus_and_ivy(&seats))
    }

    fn outcome_of(reconciliation: &Reconciliation, entry: &str) -> ListedOutcome {
        let row = reconciliation.rows.iter().find(|row| row.entry == entry).expect("a row for the entry");
        row.outcome.clone()
    }

    #[test]
    fn every_outcome_is_told_for_its_name() {
        let list = "ada\nbob\neve\nfay\ngus\nhal\nzed\nnot_a_login\n@ADA\n";
        let reconciliation = reconciled(list);
        assert_eq!(outcome_of(&reconciliation, "ada"), ListedOutcome::Direct);
        assert_eq!(outcome_of(&reconciliation, "bob"), ListedOutcome::ThroughTeam { team: "eng".into(), others: 2 });
        assert_eq!(
            outcome_of(&reconciliation, "eve"),
            ListedOutcome::TeamNotRevocable { team: "all-staff".into(), block: TeamBlock::EnterpriseTeam }
        );
        assert_eq!(outcome_of(&reconciliation, "fay"), ListedOutcome::Pending);
        assert_eq!(outcome_of(&reconciliation, "gus"), ListedOutcome::Exempt { reason: "service account".into() });
        assert_eq!(
            outcome_of(&reconciliation, "hal"),
            ListedOutcome::TeamNotRevocable { team: "ops".into(), block: TeamBlock::GrantsExemptSeat },
            "ivy is exempt and granted through ops, so ops cannot go as a whole"
        );
        assert_eq!(outcome_of(&reconciliation, "zed"), ListedOutcome::NoSeat);
        assert!(matches!(outcome_of(&reconciliation, "not_a_login"), ListedOutcome::Invalid { problem }
            if problem.contains("only letters, digits and hyphens")));
        assert_eq!(outcome_of(&reconciliation, "@ADA"), ListedOutcome::Duplicate { first_line: 1 });
        let counts: Vec<usize> = OutcomeKind::ALL.iter().map(|kind| reconciliation.counts.of(*kind)).collect();
        assert_eq!(counts, [1, 1, 2, 1, 1, 1, 1, 1]);
        assert_eq!(reconciliation.counts.total(), 9);
        assert_eq!(reconciliation.matched, 6);
    }

    #[test]
    fn names_match_without_regard_to_case_or_a_leading_at_and_keep_the_login_as_loaded() {
        let reconciliation = reconciled("@aDA\n");
        let row = &reconciliation.rows[0];
        assert_eq!((row.entry.as_str(), row.login.as_deref()), ("@aDA", Some("Ada")));
        assert_eq!(row.outcome, ListedOutcome::Direct);
        assert_eq!(reconciliation.selection.direct, ["Ada"], "the write names the login as GitHub spells it");
    }

    #[test]
    fn a_name_listed_again_in_any_case_counts_once_and_points_at_its_first_line() {
        let reconciliation = reconciled("login\nbob\nzed\nBOB\n@bob\nZed\n");
        let outcomes: Vec<ListedOutcome> = reconciliation.rows.iter().map(|row| row.outcome.clone()).collect();
        assert_eq!(
            outcomes,
            [
                ListedOutcome::ThroughTeam { team: "eng".into(), others: 2 },
                ListedOutcome::NoSeat,
                ListedOutcome::Duplicate { first_line: 2 },
                ListedOutcome::Duplicate { first_line: 2 },
                ListedOutcome::Duplicate { first_line: 3 },
            ]
        );
        assert_eq!(reconciliation.selection.team_granted_count(), 1);
        assert_eq!(reconciliation.counts.of(OutcomeKind::Duplicate), 3);
    }

    #[test]
    fn invalid_names_say_why_and_are_never_matched() {
        let reconciliation = reconciled("ada@example.com\n-bob\nc--y\nghost\n@\n");
        for row in &reconciliation.rows[..3] {
            assert!(matches!(row.outcome, ListedOutcome::Invalid { .. }), "{row:?}");
        }
        assert_eq!(reconciliation.rows[3].outcome, ListedOutcome::NoSeat, "a deleted account has no login to match");
        assert!(
            matches!(&reconciliation.rows[4].outcome, ListedOutcome::Invalid { problem } if problem == "The username is empty.")
        );
        assert_eq!(reconciliation.matched, 0);
        assert!(!reconciliation.has_revocable());
    }

    #[test]
    fn a_team_counts_the_loaded_seats_it_grants_that_the_list_does_not_name() {
        let reconciliation = reconciled("bob,leaving\ncy,leaving\n");
        for entry in ["bob", "cy"] {
            assert_eq!(
                outcome_of(&reconciliation, entry),
                ListedOutcome::ThroughTeam { team: "eng".into(), others: 1 }
            );
        }
    }

    #[test]
    fn the_revocable_ones_make_the_plans_a_grid_selection_of_the_same_seats_makes() {
        let seats = loaded();
        let exempt = exempt_gus_and_ivy(&seats);
        let listed = read_listed_names("ada bob eve fay gus hal zed").expect("a list");
        let reconciliation = reconcile_list(&listed, &seats, &SeatIndex::new(&seats, None), &exempt);
        let named = ["Ada", "bob", "eve", "fay", "gus", "hal"];
        let selected: Vec<&Seat> =
            seats.iter().filter(|seat| seat.login().is_some_and(|l| named.contains(&l))).collect();
        assert_eq!(reconciliation.selection, plan_revocation_with(&selected, &exempt));
        assert!(reconciliation.has_revocable());
        let plans = reconciliation.selection.plans("acme", TeamGrantedChoice::Skip);
        assert_eq!(plans.len(), 1);
        assert_eq!((plans[0].kind(), plans[0].names().collect::<Vec<_>>()), (WriteKind::RevokeUsers, vec!["Ada"]));
        let with_teams = reconciliation.selection.plans("acme", TeamGrantedChoice::RevokeTeams);
        assert_eq!(with_teams[1].names().collect::<Vec<_>>(), vec!["eng"], "ops grants an exempt seat");
    }
}
