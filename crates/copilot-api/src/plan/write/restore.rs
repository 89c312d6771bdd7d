//! Restore: which names of a revocation in the activity log may still get their seats back, and what the
//! log and the confirmation say about it. A revoked seat stays, pending cancellation, until the next
//! billing cycle; assigning it again (a POST of the same names, which GitHub documents as refreshing an
//! existing seat) withdraws the cancellation. Only names GitHub answered as revoked (the report's
//! per-name outcomes, kept in [`ActivityEntry::done`]) are offered, and only while the seats as last read
//! still show them pending: a seat that is active again was restored already, and one that is gone (after
//! the cycle ended) cannot be.

use super::activity::ActivityEntry;
use super::confirmation::cost_effect;
use super::WriteKind;
use crate::format::{exact_second_at_ms, monthly, plural};
use crate::models::Seat;

/// The button on a log line whose seats can still be restored.
pub const RESTORE_BUTTON: &str = "Restore these seats";
/// What the log says of a revocation made after the seats were last read.
pub const READ_TO_RESTORE: &str =
    "Whether these seats can still be restored is known once the seats are read again: the button below, or Refresh on the Seats tab.";

/// What the confirmation of a revocation says instead of "This cannot be undone from here.".
pub const UNDONE_FROM_THE_LOG: &str =
    "Until the end of the current billing cycle, \u{201c}Restore these seats\u{201d} in the activity log can undo this.";

/// The seats as last read, and when.
#[derive(Debug, Clone, Copy)]
pub struct SeatsRead<'a> {
    pub seats: &'a [Seat],
    /// When the read that brought them started, in ms since the epoch: they show every revocation sent
    /// before that moment; one sent later may or may not be in them, so they say nothing of it.
    pub read_at_ms: u64,
    /// Every seat of the organization was read (not one page of them).
    pub complete: bool,
}

/// A revocation's names, sorted by what the seats as read say of each.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Restoration {
    pub org: String,
    /// The write that restores: the assignment of the same kind of names.
    pub kind: WriteKind,
    /// The names whose seats are still pending cancellation: what a restore sends.
    pub names: Vec<String>,
    /// The seats those names bring back (for a team, its members' pending seats).
    pub seats: usize,
    /// Names whose seats are active again: restored (or assigned) since.
    pub active_again: Vec<String>,
    /// Names with no seat among the seats read.
    pub not_found: Vec<String>,
    /// Whether every seat was read, so that a name not found is gone rather than on a page not loaded.
    pub every_seat_read: bool,
    /// When the seats this is told from were read, in ms since the epoch.
    pub read_at_ms: u64,
}

/// What a log line's revocation can come to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Restorable {
    /// The seats were not read since the revocation was sent: nothing can be told yet.
    Unknown,
    /// Some names are still pending: they can be restored.
    Yes(Restoration),
    /// None is pending any more.
    NoLonger(Restoration),
}

/// What the seats read say of one revoked name.
enum NameNow {
    Pending(usize),
    Active,
    NotFound,
}

/// Whether the revocation of this log line can be restored, given the seats as last read (`None` when
/// none were read). `None` when the line is not a revocation or GitHub answered no name of it as revoked.
pub fn restorable(entry: &ActivityEntry, read: Option<SeatsRead>) -> Option<Restorable> {
    let kind = match entry.kind {
        WriteKind::RevokeUsers => WriteKind::AssignUsers,
        WriteKind::RevokeTeams => WriteKind::AssignTeams,
        WriteKind::AssignUsers | WriteKind::AssignTeams => return None,
    };
    if entry.done.is_empty() {
        return None;
    }
    let Some(read) = read.filter(|read| read.read_at_ms >= entry.at_ms) else { return Some(Restorable::Unknown) };
    let in_org = |seat: &&Seat| seat.organization.as_ref().is_none_or(|org| org.login.eq_ignore_ascii_case(&entry.org));
    let granted_to = |seat: &Seat, name: &str| match kind {
        WriteKind::AssignTeams => {
            seat.assigning_team.as_ref().is_some_and(|team| team.slug().eq_ignore_ascii_case(name))
        }
        _ => seat.login().is_some_and(|login| login.eq_ignore_ascii_case(name)),
    };
    let now = |name: &str| {
        let (mut pending, mut active) = (0, false);
        for seat in read.seats.iter().filter(in_org).filter(|seat| granted_to(seat, name)) {
            if seat.pending_cancellation_date.is_some() {
                pending += 1;
            } else {
                active = true;
            }
        }
        match (pending, active) {
            (0, true) => NameNow::Active,
            (0, false) => NameNow::NotFound,
            (pending, _) => NameNow::Pending(pending),
        }
    };
    let mut restoration = Restoration {
        org: entry.org.clone(),
        kind,
        names: Vec::new(),
        seats: 0,
        active_again: Vec::new(),
        not_found: Vec::new(),
        every_seat_read: read.complete,
        read_at_ms: read.read_at_ms,
    };
    for name in &entry.done {
        match now(name) {
            NameNow::Pending(seats) => {
                restoration.names.push(name.clone());
                restoration.seats += seats;
            }
            NameNow::Active => restoration.active_again.push(name.clone()),
            NameNow::NotFound => restoration.not_found.push(name.clone()),
        }
    }
    Some(if restoration.names.is_empty() { Restorable::NoLonger(restoration) } else { Restorable::Yes(restoration) })
}

impl Restorable {
    /// The line under a log entry: which seats it is told from, what can be restored, and what can no
    /// longer be and why.
    pub fn note(&self) -> String {
        match self {
            Self::Unknown => READ_TO_RESTORE.to_owned(),
            Self::Yes(restoration) => {
                let can = format!(
                    "{} {} still pending cancellation, can be restored.",
                    restoration.as_read(),
                    plural(restoration.seats, "seat", "seats")
                );
                match restoration.not_restorable() {
                    Some(rest) => format!("{can} {rest}"),
                    None => can,
                }
            }
            Self::NoLonger(restoration) => {
                format!("{} {}", restoration.as_read(), restoration.not_restorable().unwrap_or_default())
            }
        }
    }
}

impl Restoration {
    /// The names that cannot be restored, and why: "No longer restorable: mona (active again); hubot
    /// (gone from the seats read last: the billing cycle has ended)."
    pub fn not_restorable(&self) -> Option<String> {
        let mut parts = Vec::new();
        if !self.active_again.is_empty() {
            parts.push(format!("{} (active again)", self.active_again.join(", ")));
        }
        if !self.not_found.is_empty() {
            let why = if self.every_seat_read {
                "gone from the seats read last: the billing cycle has ended"
            } else {
                "not among the seats read last: load every seat to tell"
            };
            parts.push(format!("{} ({why})", self.not_found.join(", ")));
        }
        (!parts.is_empty()).then(|| format!("No longer restorable: {}.", parts.join("; ")))
    }

    /// Which seats the note is told from: "As the seats read at 2024-06-30 12:00:00 UTC show:".
    fn as_read(&self) -> String {
        let time = exact_second_at_ms(self.read_at_ms).unwrap_or_else(|| self.read_at_ms.to_string());
        format!("As the seats read at {time} show:")
    }

    /// The dialog's title.
    pub fn title(&self) -> String {
        format!("Restore seats in {}", self.org)
    }

    /// What restoring does to the bill, from the same rule as every write's cost ([`cost_effect`]): the
    /// seats stay billed after the current cycle. Re-adding a team gives a seat to every member who has
    /// none, too.
    pub fn cost_wording(&self, price_cents: u32) -> String {
        let effect = cost_effect(self.kind, self.seats, price_cents);
        let kept = monthly(effect.monthly_cents.unsigned_abs());
        let seats = plural(self.seats, "seat", "seats");
        let mut text = format!(
            "Restoring {seats} keeps {kept} on the bill: they are billed now until the end of the cycle either way, and after it only if restored."
        );
        if self.kind.names_teams() {
            text.push_str(&format!(
                " Re-adding a team also gives a seat to any member who has none, at {} each, billed from now.",
                monthly(u64::from(price_cents))
            ));
        }
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::test_support::{pending_seat, seat, team_seat, NOW};

    fn revocation(kind: WriteKind, names: &[&str], done: &[&str]) -> ActivityEntry {
        ActivityEntry {
            at_ms: NOW,
            kind,
            org: "acme".into(),
            names: names.iter().map(|name| (*name).to_owned()).collect(),
            outcome: "Done".into(),
            done: done.iter().map(|name| (*name).to_owned()).collect(),
        }
    }

    fn read(seats: &[Seat]) -> Option<SeatsRead<'_>> {
        Some(SeatsRead { seats, read_at_ms: NOW + 5_000, complete: true })
    }

    fn restoration(result: Option<Restorable>) -> Restoration {
        match result {
            Some(Restorable::Yes(restoration) | Restorable::NoLonger(restoration)) => restoration,
            other => panic!("expected a restoration, got {other:?}"),
        }
    }

    #[test]
    fn only_the_names_github_answered_as_revoked_and_still_pending_are_restored() {
        // A revocation of three, of which GitHub refused one batch (hubot): only mona and ann are done.
        let entry = revocation(WriteKind::RevokeUsers, &["mona", "ann", "hubot"], &["MONA", "ann"]);
        let seats = [pending_seat("mona", 1), pending_seat("ann", 2), pending_seat("hubot", 3)];
        let Some(Restorable::Yes(restoration)) = restorable(&entry, read(&seats)) else { panic!("restorable") };
        assert_eq!(restoration.kind, WriteKind::AssignUsers);
        assert_eq!(restoration.names, vec!["MONA", "ann"], "hubot failed: not restorable though pending");
        assert_eq!(restoration.seats, 2);
        assert_eq!(restoration.title(), "Restore seats in acme");
        assert_eq!(
            restorable(&entry, read(&seats)).map(|r| r.note()).as_deref(),
            Some("As the seats read at 2023-11-14 22:13:25 UTC show: 2 seats still pending cancellation, can be restored.")
        );
    }

    #[test]
    fn a_partly_failed_revocation_offers_only_the_batch_github_confirmed() {
        use crate::error::ApiError;
        use crate::plan::retry::RetryPolicy;
        use crate::plan::write::test_support::{send, users};
        use crate::plan::write::{WritePlan, WriteRun};
        let mut run =
            WriteRun::new(WritePlan::new(WriteKind::RevokeUsers, "acme", users(51)), RetryPolicy::default(), 0);
        let (first, _) = send(&mut run, NOW);
        run.on_result(first, Ok(50), NOW + 100);
        let (second, _) = send(&mut run, NOW + 1_100);
        run.on_result(second, Err(ApiError::UnexpectedStatus { status: 409, github_message: None }), NOW + 1_200);
        let log = run.activity();
        let seats: Vec<Seat> = (0..51).map(|n| pending_seat(&format!("user-{n}"), n)).collect();
        let Some(Restorable::Yes(restoration)) = restorable(&log[0], read(&seats)) else { panic!("restorable") };
        assert_eq!(restoration.names.len(), 50);
        assert!(!restoration.names.contains(&"user-50".to_owned()));
        assert_eq!(restorable(&log[1], read(&seats)), None, "GitHub refused this batch: nothing to restore");
    }

    #[test]
    fn a_name_active_again_or_gone_after_a_refresh_is_no_longer_restorable_and_says_why() {
        let entry = revocation(WriteKind::RevokeUsers, &["mona", "ann", "hubot"], &["mona", "ann", "hubot"]);
        // ann was restored since; hubot's seat is gone (the cycle ended).
        let seats = [pending_seat("mona", 1), seat("ann", 2)];
        let result = restorable(&entry, read(&seats));
        assert_eq!(
            result.as_ref().map(Restorable::note).as_deref(),
            Some(
                "As the seats read at 2023-11-14 22:13:25 UTC show: 1 seat still pending cancellation, can be restored. No longer restorable: ann (active again); hubot (gone from the seats read last: the billing cycle has ended)."
            )
        );
        let restoration = restoration(result);
        assert_eq!(restoration.names, vec!["mona"]);
        assert_eq!(restoration.active_again, vec!["ann"]);
        assert_eq!(restoration.not_found, vec!["hubot"]);

        // After a Refresh with none of them pending, nothing is offered.
        let gone = restorable(&entry, read(&[seat("ann", 2)]));
        assert!(matches!(gone, Some(Restorable::NoLonger(_))));
        assert!(gone
            .map(|r| r.note())
            .is_some_and(|note| note.starts_with("As the seats read at 2023-11-14 22:13:25 UTC show: No longer restorable: ann (active again); mona, hubot (gone")));
    }

    #[test]
    fn a_name_missing_from_one_page_of_seats_is_not_called_gone() {
        let entry = revocation(WriteKind::RevokeUsers, &["mona"], &["mona"]);
        let seats = [seat("ann", 2)];
        let one_page = Some(SeatsRead { seats: &seats, read_at_ms: NOW + 1, complete: false });
        assert_eq!(
            restorable(&entry, one_page).map(|r| r.note()).as_deref(),
            Some("As the seats read at 2023-11-14 22:13:20 UTC show: No longer restorable: mona (not among the seats read last: load every seat to tell).")
        );
    }

    #[test]
    fn seats_read_before_the_revocation_cannot_tell_and_assignments_are_never_restorable() {
        let entry = revocation(WriteKind::RevokeUsers, &["mona"], &["mona"]);
        let seats = [seat("mona", 1)];
        let before = Some(SeatsRead { seats: &seats, read_at_ms: NOW - 1, complete: true });
        assert_eq!(restorable(&entry, before), Some(Restorable::Unknown));
        assert_eq!(restorable(&entry, None), Some(Restorable::Unknown));
        assert_eq!(Restorable::Unknown.note(), READ_TO_RESTORE);
        assert_eq!(restorable(&revocation(WriteKind::AssignUsers, &["mona"], &["mona"]), read(&seats)), None);
        assert_eq!(
            restorable(&revocation(WriteKind::RevokeUsers, &["mona"], &[]), read(&seats)),
            None,
            "nothing was revoked"
        );
    }

    #[test]
    fn a_team_is_restored_by_re_adding_it_while_its_members_seats_are_pending() {
        let entry = revocation(WriteKind::RevokeTeams, &["devs", "ops"], &["devs", "ops"]);
        let pending = |login: &str, id: u64, team: &str| Seat {
            pending_cancellation_date: pending_seat(login, id).pending_cancellation_date,
            ..team_seat(login, id, team)
        };
        // devs: two members pending; ops: re-added since (active), another org's seat does not count.
        let mut elsewhere = pending("zed", 9, "ops");
        elsewhere.organization = crate::test_seats::seat("x").org("globex").build().organization;
        let seats = [pending("a", 1, "devs"), pending("b", 2, "DEVS"), team_seat("c", 3, "ops"), elsewhere];
        let restoration = restoration(restorable(&entry, read(&seats)));
        assert_eq!(restoration.kind, WriteKind::AssignTeams);
        assert_eq!(restoration.names, vec!["devs"]);
        assert_eq!(restoration.seats, 2);
        assert_eq!(restoration.active_again, vec!["ops"]);
        let cost = restoration.cost_wording(1_900);
        assert!(cost.starts_with("Restoring 2 seats keeps $38.00 a month on the bill"), "{cost}");
        assert!(cost.ends_with("any member who has none, at $19.00 a month each, billed from now."), "{cost}");
    }

    #[test]
    fn restoring_users_costs_what_assigning_them_would() {
        let restoration = Restoration {
            org: "acme".into(),
            kind: WriteKind::AssignUsers,
            names: vec!["mona".into()],
            seats: 1_000,
            active_again: Vec::new(),
            not_found: Vec::new(),
            every_seat_read: true,
            read_at_ms: NOW,
        };
        let assigned = cost_effect(WriteKind::AssignUsers, 1_000, 3_905).monthly_cents;
        assert_eq!(assigned, 3_905_000);
        assert_eq!(
            restoration.cost_wording(3_905),
            "Restoring 1,000 seats keeps $39,050.00 a month on the bill: they are billed now until the end of the cycle either way, and after it only if restored."
        );
        assert_eq!(restoration.not_restorable(), None);
    }
}
