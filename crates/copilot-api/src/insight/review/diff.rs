//! Diff: two sets of seats as per-user snapshots, and each user's change between them.
//!
//! A user is a login, compared without regard to case; an enterprise's user may hold several grants (one
//! per organization), so a snapshot gathers a user's grants and says of them together whether the user
//! is in use, idle or on the way out ([`UseState`]): on the way out when any grant is pending cancellation,
//! else in use when any grant may be ([`SeatStatus::may_be_in_use`]), else idle.
//!
//! Every user of either snapshot lands in exactly one [`ChangeGroup`], the first that applies, in this
//! order: a new seat (only now), a seat gone (only then), newly idle (idle now, not then), active again (in
//! use now, idle or pending cancellation then), newly pending cancellation (pending now, not then), granted
//! differently (the same state, but not the same organization, team or plan), and unchanged: the same
//! state and the same grants. A status that moves within one state (active to "signed in, no activity",
//! inactive to never used) is unchanged: what a person acts on is whether the seat is used.
//!
//! A snapshot is sorted by login once, so a comparison of two is one merge of two sorted lists.

use chrono::{DateTime, Utc};
use rustc_hash::FxHashSet;

use crate::insight::cost::effective_plan;
use crate::insight::status::{seat_status, SeatStatus, StatusRules};
use crate::models::{PlanType, Seat};

use super::read::EarlierExport;

/// One grant of a user's seat: where it comes from and what it costs, as the export writes them.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Grant {
    /// Lower case; empty when none is named (an organization's own list).
    pub organization: String,
    /// A team's slug in lower case, or `direct`.
    pub granted_by: String,
    pub plan: String,
}

/// Whether a user's seats are used, as a person reclaiming seats sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum UseState {
    InUse,
    Idle,
    PendingCancellation,
}

impl UseState {
    fn of(statuses: impl IntoIterator<Item = SeatStatus>) -> Self {
        let (mut pending, mut in_use) = (false, false);
        for status in statuses {
            pending |= status == SeatStatus::PendingCancellation;
            in_use |= status.may_be_in_use();
        }
        match (pending, in_use) {
            (true, _) => Self::PendingCancellation,
            (false, true) => Self::InUse,
            (false, false) => Self::Idle,
        }
    }
}

/// One user in a snapshot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserSeats {
    /// The login in lower case: what users are matched by.
    pub key: String,
    /// The login as written.
    pub login: String,
    /// Sorted.
    pub grants: Vec<Grant>,
    pub state: UseState,
    /// The most used of the grants' statuses (in [`SeatStatus::ALL`]'s order), for the export.
    pub status: SeatStatus,
}

/// A set of seats, one entry a user, sorted by key.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Snapshot {
    users: Vec<UserSeats>,
}

impl Snapshot {
    /// A snapshot of grants given one by one as (login, grant, status), in any order.
    pub fn from_grants<'a>(grants: impl IntoIterator<Item = (&'a str, Grant, SeatStatus)>) -> Self {
        let mut rows: Vec<(String, &'a str, Grant, SeatStatus)> = grants
            .into_iter()
            .map(|(login, grant, status)| (login.to_ascii_lowercase(), login, grant, status))
            .collect();
        rows.sort_unstable_by(|a, b| (&a.0, &a.2).cmp(&(&b.0, &b.2)));
        let mut users: Vec<UserSeats> = Vec::new();
        let mut statuses: Vec<SeatStatus> = Vec::new();
        for (key, login, grant, status) in rows {
            match users.last_mut() {
                Some(user) if user.key == key => {
                    user.grants.push(grant);
                    user.status = user.status.min(status);
                }
                _ => {
                    if let Some(user) = users.last_mut() {
                        user.state = UseState::of(statuses.drain(..));
                    }
                    users.push(UserSeats {
                        key,
                        login: login.to_owned(),
                        grants: vec![grant],
                        state: UseState::InUse,
                        status,
                    });
                }
            }
            statuses.push(status);
        }
        if let Some(user) = users.last_mut() {
            user.state = UseState::of(statuses.drain(..));
        }
        Self { users }
    }

    /// The earlier export's seats, with the statuses it wrote.
    pub fn of_export(export: &EarlierExport) -> Self {
        Self::from_grants(export.seats.iter().map(|seat| {
            let grant = Grant {
                organization: seat.organization.to_ascii_lowercase(),
                granted_by: seat.granted_by.to_ascii_lowercase(),
                plan: seat.plan.to_ascii_lowercase(),
            };
            (seat.login.as_str(), grant, seat.status)
        }))
    }

    /// The seats loaded now, their statuses at `now` by `rules`, their plans as the export writes them.
    /// Seats without a login (deleted accounts) are left out, as the reader leaves them out.
    pub fn of_seats(
        seats: &[Seat],
        now: DateTime<Utc>,
        rules: StatusRules,
        organization_plan: Option<PlanType>,
    ) -> Self {
        let rules = rules.clamped();
        Self::from_grants(seats.iter().filter_map(|seat| {
            let login = seat.login()?;
            let grant = Grant {
                organization: seat.organization.as_ref().map(|org| org.login.to_ascii_lowercase()).unwrap_or_default(),
                granted_by: seat
                    .assigning_team
                    .as_ref()
                    .map_or_else(|| "direct".to_owned(), |team| team.slug().to_ascii_lowercase()),
                plan: effective_plan(seat.plan_type, organization_plan).as_str().to_owned(),
            };
            Some((login, grant, seat_status(seat, now, rules)))
        }))
    }

    pub fn users(&self) -> &[UserSeats] {
        &self.users
    }

    pub fn len(&self) -> usize {
        self.users.len()
    }

    pub fn is_empty(&self) -> bool {
        self.users.is_empty()
    }
}

/// What happened to a user between the two snapshots (see the module documentation for the order).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ChangeGroup {
    New,
    Gone,
    NewlyIdle,
    ActiveAgain,
    NewlyPending,
    GrantedDifferently,
    Unchanged,
}

impl ChangeGroup {
    pub const ALL: [ChangeGroup; 7] = [
        Self::New,
        Self::Gone,
        Self::NewlyIdle,
        Self::ActiveAgain,
        Self::NewlyPending,
        Self::GrantedDifferently,
        Self::Unchanged,
    ];

    /// The stable spelling used in the URL and the comparison's CSV.
    pub fn key(self) -> &'static str {
        match self {
            Self::New => "new",
            Self::Gone => "gone",
            Self::NewlyIdle => "newly-idle",
            Self::ActiveAgain => "active-again",
            Self::NewlyPending => "newly-pending-cancellation",
            Self::GrantedDifferently => "granted-differently",
            Self::Unchanged => "unchanged",
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|group| group.key() == key)
    }

    /// The group of one user, from what the two snapshots hold of them (at least one does).
    pub fn of(earlier: Option<&UserSeats>, now: Option<&UserSeats>) -> Self {
        let (Some(earlier), Some(now)) = (earlier, now) else {
            return if now.is_some() { Self::New } else { Self::Gone };
        };
        match (earlier.state, now.state) {
            (then, UseState::Idle) if then != UseState::Idle => Self::NewlyIdle,
            (then, UseState::InUse) if then != UseState::InUse => Self::ActiveAgain,
            (then, UseState::PendingCancellation) if then != UseState::PendingCancellation => Self::NewlyPending,
            _ if earlier.grants != now.grants => Self::GrantedDifferently,
            _ => Self::Unchanged,
        }
    }

    fn position(self) -> usize {
        self as usize
    }
}

/// One user's change: where they are in either snapshot.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Change {
    pub group: ChangeGroup,
    /// Index into the earlier snapshot's users.
    pub earlier: Option<usize>,
    /// Index into the snapshot of now.
    pub now: Option<usize>,
}

/// Every user of either snapshot with their change, in login order: one merge of two sorted lists.
pub fn diff(earlier: &Snapshot, now: &Snapshot) -> Vec<Change> {
    let (then_users, now_users) = (&earlier.users, &now.users);
    let mut changes = Vec::with_capacity(then_users.len().max(now_users.len()));
    let (mut i, mut j) = (0, 0);
    while i < then_users.len() || j < now_users.len() {
        let order = match (then_users.get(i), now_users.get(j)) {
            (Some(then), Some(current)) => then.key.cmp(&current.key),
            (Some(_), None) => std::cmp::Ordering::Less,
            _ => std::cmp::Ordering::Greater,
        };
        let (then_at, now_at) = match order {
            std::cmp::Ordering::Less => (Some(i), None),
            std::cmp::Ordering::Greater => (None, Some(j)),
            std::cmp::Ordering::Equal => (Some(i), Some(j)),
        };
        i += usize::from(then_at.is_some());
        j += usize::from(now_at.is_some());
        let group = ChangeGroup::of(then_at.map(|at| &then_users[at]), now_at.map(|at| &now_users[at]));
        changes.push(Change { group, earlier: then_at, now: now_at });
    }
    changes
}

/// An earlier set of seats against the seats of now: the two snapshots, each user's change, the counts.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Comparison {
    pub earlier: Snapshot,
    pub now: Snapshot,
    pub changes: Vec<Change>,
    counts: [usize; 7],
}

impl Comparison {
    pub fn new(earlier: Snapshot, now: Snapshot) -> Self {
        let changes = diff(&earlier, &now);
        let mut counts = [0; 7];
        for change in &changes {
            counts[change.group.position()] += 1;
        }
        Self { earlier, now, changes, counts }
    }

    /// How many users are in the group.
    pub fn count(&self, group: ChangeGroup) -> usize {
        self.counts[group.position()]
    }

    /// How many users changed at all.
    pub fn changed(&self) -> usize {
        self.changes.len() - self.count(ChangeGroup::Unchanged)
    }

    /// The logins (lower case) of the group's users as they are now: what the grid is narrowed to. Users
    /// gone have no seat loaded, so that group narrows the grid to nothing.
    pub fn logins(&self, group: ChangeGroup) -> FxHashSet<String> {
        self.changes
            .iter()
            .filter(|change| change.group == group)
            .filter_map(|change| change.now.and_then(|at| self.now.users.get(at)))
            .map(|user| user.key.clone())
            .collect()
    }

    /// Each change with the user's entries in either snapshot.
    pub fn entries(&self) -> impl Iterator<Item = (ChangeGroup, Option<&UserSeats>, Option<&UserSeats>)> + '_ {
        self.changes.iter().map(|change| {
            let (earlier, now) = (&self.earlier.users, &self.now.users);
            (change.group, change.earlier.and_then(|at| earlier.get(at)), change.now.and_then(|at| now.get(at)))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_seats::{at, seat};
    use proptest::prelude::*;

    const NOW: &str = "2026-12-06T12:00:00Z";

    fn grant(team: &str) -> Grant {
        Grant { organization: String::new(), granted_by: team.into(), plan: "business".into() }
    }

    fn snapshot(users: &[(&str, &str, SeatStatus)]) -> Snapshot {
        Snapshot::from_grants(users.iter().map(|(login, team, status)| (*login, grant(team), *status)))
    }

    fn group_of(comparison: &Comparison, login: &str) -> Option<ChangeGroup> {
        comparison
            .entries()
            .find(|(_, then, now)| then.or(*now).is_some_and(|user| user.login.eq_ignore_ascii_case(login)))
            .map(|(group, _, _)| group)
    }

    #[test]
    fn each_kind_of_change_lands_in_its_group() {
        use SeatStatus::*;
        let earlier = snapshot(&[
            ("gone", "direct", Active),
            ("idler", "direct", Active),
            ("back", "direct", Inactive),
            ("leaving", "direct", SignedInNoActivity),
            ("mover", "devs", Active),
            ("same", "direct", Active),
            ("drift", "direct", Active),
            ("withdrawn", "direct", PendingCancellation),
        ]);
        let now = snapshot(&[
            ("NEWBIE", "direct", New),
            ("idler", "direct", NeverUsed),
            ("back", "direct", Active),
            ("leaving", "direct", PendingCancellation),
            ("mover", "ops", Active),
            ("Same", "direct", Active),
            ("drift", "direct", SignedInNoActivity),
            ("withdrawn", "direct", Active),
        ]);
        let comparison = Comparison::new(earlier, now);
        let expected = [
            ("newbie", ChangeGroup::New),
            ("gone", ChangeGroup::Gone),
            ("idler", ChangeGroup::NewlyIdle),
            ("back", ChangeGroup::ActiveAgain),
            ("withdrawn", ChangeGroup::ActiveAgain),
            ("leaving", ChangeGroup::NewlyPending),
            ("mover", ChangeGroup::GrantedDifferently),
            ("same", ChangeGroup::Unchanged),
            ("drift", ChangeGroup::Unchanged),
        ];
        for (login, group) in expected {
            assert_eq!(group_of(&comparison, login), Some(group), "{login}");
        }
        assert_eq!(comparison.count(ChangeGroup::ActiveAgain), 2);
        assert_eq!(comparison.changed(), 7);
        assert_eq!(comparison.logins(ChangeGroup::New), FxHashSet::from_iter(["newbie".to_owned()]));
        assert!(comparison.logins(ChangeGroup::Gone).is_empty(), "a seat gone is not loaded");
    }

    #[test]
    fn a_change_of_state_comes_before_a_change_of_grant() {
        let comparison = Comparison::new(
            snapshot(&[("mona", "devs", SeatStatus::Active)]),
            snapshot(&[("mona", "ops", SeatStatus::Inactive)]),
        );
        assert_eq!(group_of(&comparison, "mona"), Some(ChangeGroup::NewlyIdle));
    }

    #[test]
    fn an_enterprise_user_is_one_user_whatever_their_grants() {
        let org =
            |name: &str| Grant { organization: name.into(), granted_by: "direct".into(), plan: "business".into() };
        let earlier = Snapshot::from_grants([
            ("ada", org("acme"), SeatStatus::Inactive),
            ("ada", org("acme-2"), SeatStatus::Active),
        ]);
        assert_eq!(earlier.len(), 1);
        assert_eq!(earlier.users()[0].state, UseState::InUse, "in use in one organization is in use");
        let now = Snapshot::from_grants([("ada", org("acme-2"), SeatStatus::Active)]);
        let comparison = Comparison::new(earlier, now);
        assert_eq!(group_of(&comparison, "ada"), Some(ChangeGroup::GrantedDifferently));
        let pending = Snapshot::from_grants([
            ("ada", org("acme"), SeatStatus::PendingCancellation),
            ("ada", org("acme-2"), SeatStatus::Active),
        ]);
        assert_eq!(pending.users()[0].state, UseState::PendingCancellation);
    }

    #[test]
    fn loaded_seats_are_read_as_the_export_writes_them() {
        let seats =
            [seat("Mona").team("Devs").last_activity("2026-12-01T00:00:00Z").build(), seat("x").ghost().build()];
        let snapshot = Snapshot::of_seats(&seats, at(NOW), StatusRules::with_threshold(30), None);
        assert_eq!(snapshot.len(), 1, "a deleted account is left out");
        let user = &snapshot.users()[0];
        assert_eq!((user.key.as_str(), user.login.as_str()), ("mona", "Mona"));
        assert_eq!(user.grants, [grant("devs")]);
        assert_eq!(user.status, SeatStatus::Active);
        let strict = Snapshot::of_seats(&seats, at(NOW), StatusRules::with_threshold(1), None);
        assert_eq!(strict.users()[0].state, UseState::Idle, "the rules given decide");
    }

    #[test]
    fn group_keys_round_trip() {
        for group in ChangeGroup::ALL {
            assert_eq!(ChangeGroup::from_key(group.key()), Some(group));
        }
        assert_eq!(ChangeGroup::from_key("nope"), None);
    }

    fn arbitrary_snapshot() -> impl Strategy<Value = Snapshot> {
        let status = prop::sample::select(SeatStatus::ALL.to_vec());
        let team = prop::sample::select(vec!["direct", "devs", "ops"]);
        let org = prop::sample::select(vec!["", "acme", "acme-2"]);
        // Few logins, so that the two snapshots share many users and some hold several grants.
        prop::collection::vec(("[a-fA-F]{1,2}", org, team, status), 0..40).prop_map(|rows| {
            Snapshot::from_grants(rows.iter().map(|(login, org, team, status)| {
                let grant = Grant { organization: (*org).into(), granted_by: (*team).into(), plan: "business".into() };
                (login.as_str(), grant, *status)
            }))
        })
    }

    proptest! {
        #[test]
        fn a_snapshot_against_itself_has_no_change(snapshot in arbitrary_snapshot()) {
            let comparison = Comparison::new(snapshot.clone(), snapshot.clone());
            prop_assert_eq!(comparison.changed(), 0);
            prop_assert_eq!(comparison.count(ChangeGroup::Unchanged), snapshot.len());
        }

        #[test]
        fn every_user_of_either_snapshot_is_in_exactly_one_group(earlier in arbitrary_snapshot(), now in arbitrary_snapshot()) {
            let comparison = Comparison::new(earlier.clone(), now.clone());
            let mut seen: Vec<&str> = comparison
                .entries()
                .map(|(_, then, current)| then.or(current).map(|user| user.key.as_str()).unwrap_or_default())
                .collect();
            let total = seen.len();
            seen.sort_unstable();
            seen.dedup();
            prop_assert_eq!(seen.len(), total, "no user twice");
            let mut everyone: Vec<&str> = earlier.users().iter().chain(now.users()).map(|user| user.key.as_str()).collect();
            everyone.sort_unstable();
            everyone.dedup();
            prop_assert_eq!(seen, everyone, "every user once");
            let counted: usize = ChangeGroup::ALL.into_iter().map(|group| comparison.count(group)).sum();
            prop_assert_eq!(counted, total);
            for (group, then, current) in comparison.entries() {
                prop_assert_eq!(group, ChangeGroup::of(then, current));
                if let (Some(then), Some(current)) = (then, current) {
                    prop_assert_eq!(then.key.as_str(), current.key.as_str());
                }
            }
        }
    }
}
