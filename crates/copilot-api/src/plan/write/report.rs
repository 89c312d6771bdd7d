//! Report: how each name of a run ended, and [`reconcile`], which settles the names GitHub's answers
//! left open from the seats as read again.

use super::kind::WriteKind;
use crate::format::count;
use crate::models::Seat;

/// How one name ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NameOutcome {
    /// GitHub answered this name's batch with a success (`count_reported` is the batch's count).
    Confirmed {
        batch: usize,
        count_reported: u64,
    },
    /// No clear answer came, but the seats as read again show the change in effect.
    ConfirmedByReading,
    Failed {
        reason: String,
    },
    /// The write may or may not have taken effect: read the seats again ([`reconcile`]).
    Unconfirmed {
        reason: String,
    },
    /// The run stopped before this name's batch.
    NotAttempted,
    /// The run is still going.
    Pending,
}

impl NameOutcome {
    /// Whether the change is known to be in effect.
    pub fn is_done(&self) -> bool {
        matches!(self, Self::Confirmed { .. } | Self::ConfirmedByReading)
    }

    fn was_attempted(&self) -> bool {
        matches!(
            self,
            Self::Confirmed { .. } | Self::ConfirmedByReading | Self::Failed { .. } | Self::Unconfirmed { .. }
        )
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameReport {
    pub name: String,
    pub outcome: NameOutcome,
    /// The verdict changed when the seats were read again.
    pub changed_by_verification: bool,
}

impl NameReport {
    pub(super) fn new(name: &str, outcome: NameOutcome) -> Self {
        Self { name: name.to_owned(), outcome, changed_by_verification: false }
    }
}

/// How a name's outcome reads in the report: a stable key (for styling and tests), the word, and why.
impl NameOutcome {
    pub fn describe(&self) -> (&'static str, &'static str, String) {
        match self {
            Self::Confirmed { batch, count_reported } => (
                "done",
                "Done",
                format!("GitHub confirmed batch {} (it counted {}).", count(batch + 1), count(*count_reported)),
            ),
            Self::ConfirmedByReading => ("done", "Done", "The seats read again show the change.".to_owned()),
            Self::Failed { reason } => ("failed", "Failed", reason.clone()),
            Self::Unconfirmed { reason } => ("unconfirmed", "Unconfirmed", reason.clone()),
            Self::NotAttempted => ("not-attempted", "Not attempted", "The run stopped before this batch.".to_owned()),
            Self::Pending => ("pending", "In progress", String::new()),
        }
    }
}

impl NameReport {
    /// The outcome's word, saying when reading the seats again changed it.
    pub fn outcome_label(&self) -> String {
        let (_, label, _) = self.outcome.describe();
        if self.changed_by_verification {
            format!("{label} (after reading the seats again)")
        } else {
            label.to_owned()
        }
    }
}

/// The outcome of a write run, name by name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WriteReport {
    pub kind: WriteKind,
    pub org: String,
    pub per_name: Vec<NameReport>,
    /// The sum of GitHub's `seats_created` answers (assignments only).
    pub seats_created: Option<u64>,
    /// The sum of GitHub's `seats_cancelled` answers (revocations only).
    pub seats_cancelled: Option<u64>,
    /// GitHub's answers do not settle every name (a retry, an unclear failure, a count that differs
    /// from the names sent): read the seats again and [`reconcile`].
    pub needs_verification: bool,
    /// The outcomes were checked against the seats as read again.
    pub verified: bool,
    pub stopped_by_user: bool,
    /// The error that ended the run early, in words a person can act on.
    pub stopped_because: Option<String>,
}

/// How many names ended which way.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct OutcomeCounts {
    pub done: usize,
    pub failed: usize,
    pub unconfirmed: usize,
    pub not_attempted: usize,
    pub pending: usize,
}

impl WriteReport {
    pub fn counts(&self) -> OutcomeCounts {
        let mut counts = OutcomeCounts::default();
        for report in &self.per_name {
            match report.outcome {
                NameOutcome::Confirmed { .. } | NameOutcome::ConfirmedByReading => counts.done += 1,
                NameOutcome::Failed { .. } => counts.failed += 1,
                NameOutcome::Unconfirmed { .. } => counts.unconfirmed += 1,
                NameOutcome::NotAttempted => counts.not_attempted += 1,
                NameOutcome::Pending => counts.pending += 1,
            }
        }
        counts
    }

    /// One line: "48 done, 2 failed; GitHub reported seats_cancelled: 48".
    pub fn summary(&self) -> String {
        let counts = self.counts();
        let mut parts = vec![format!("{} done", count(counts.done))];
        for (names, label) in [
            (counts.failed, "failed"),
            (counts.unconfirmed, "unconfirmed"),
            (counts.not_attempted, "not attempted"),
            (counts.pending, "in progress"),
        ] {
            if names > 0 {
                parts.push(format!("{} {label}", count(names)));
            }
        }
        let mut line = parts.join(", ");
        if let Some(created) = self.seats_created {
            line.push_str(&format!("; GitHub reported seats_created: {}", count(created)));
        }
        if let Some(cancelled) = self.seats_cancelled {
            line.push_str(&format!("; GitHub reported seats_cancelled: {}", count(cancelled)));
        }
        if self.verified {
            line.push_str("; checked against the seats read again");
        } else if self.needs_verification {
            line.push_str("; to be checked against the seats read again");
        }
        line
    }
}

/// Settles every attempted name from the seats as read after the run: an assignment is in effect when
/// the user has a seat not pending cancellation; a revocation when the user's seat is pending
/// cancellation or gone. For teams, a revocation is in effect when no seat granted through the team is
/// still active; an assignment when one is (an empty team cannot be told, and keeps its verdict). This is
/// what makes the report equal to GitHub's state after faults. Names not attempted keep their verdict.
pub fn reconcile(report: &WriteReport, seats_after: &[Seat]) -> WriteReport {
    let in_org =
        |seat: &&Seat| seat.organization.as_ref().is_none_or(|org| org.login.eq_ignore_ascii_case(&report.org));
    let active = |seat: &&Seat| seat.pending_cancellation_date.is_none();
    let in_effect = |name: &str| -> Option<bool> {
        let seats = seats_after.iter().filter(in_org);
        match report.kind {
            WriteKind::AssignUsers | WriteKind::RevokeUsers => {
                let has_active =
                    seats.filter(active).any(|seat| seat.login().is_some_and(|l| l.eq_ignore_ascii_case(name)));
                Some(has_active == report.kind.is_assign())
            }
            WriteKind::AssignTeams | WriteKind::RevokeTeams => {
                let through_team =
                    |seat: &&Seat| seat.assigning_team.as_ref().is_some_and(|t| t.slug().eq_ignore_ascii_case(name));
                let has_active = seats.filter(active).any(|seat| through_team(&seat));
                match report.kind {
                    WriteKind::RevokeTeams => Some(!has_active),
                    _ => has_active.then_some(true),
                }
            }
        }
    };
    let mut reconciled = report.clone();
    for line in &mut reconciled.per_name {
        if !line.outcome.was_attempted() {
            continue;
        }
        let Some(effective) = in_effect(&line.name) else { continue };
        let settled = match (&line.outcome, effective) {
            (outcome, true) if outcome.is_done() => continue,
            (_, true) => NameOutcome::ConfirmedByReading,
            (NameOutcome::Failed { .. }, false) => continue,
            (NameOutcome::Unconfirmed { reason }, false) => NameOutcome::Failed {
                reason: format!("{reason} Reading the seats again shows the change did not happen."),
            },
            (_, false) => NameOutcome::Failed {
                reason: "GitHub accepted the request, but reading the seats again shows the change is not in effect."
                    .to_owned(),
            },
        };
        line.outcome = settled;
        line.changed_by_verification = true;
    }
    reconciled.needs_verification = false;
    reconciled.verified = true;
    reconciled
}

#[cfg(test)]
mod tests {
    #[test]
    fn each_outcome_reads_with_its_key_and_a_reading_that_changed_it_says_so() {
        let confirmed = NameOutcome::Confirmed { batch: 0, count_reported: 1_200 };
        assert_eq!(confirmed.describe(), ("done", "Done", "GitHub confirmed batch 1 (it counted 1,200).".to_owned()));
        assert_eq!(NameOutcome::NotAttempted.describe().0, "not-attempted");
        let mut line = NameReport::new("mona", NameOutcome::ConfirmedByReading);
        assert_eq!(line.outcome_label(), "Done");
        line.changed_by_verification = true;
        assert_eq!(line.outcome_label(), "Done (after reading the seats again)");
    }

    use super::*;
    use crate::error::ApiError;
    use crate::operation::Operation;
    use crate::plan::retry::RetryPolicy;
    use crate::plan::test_support::{pending_seat, seat, team_seat, NOW};
    use crate::plan::write::test_support::{revoke_run, send, users};
    use crate::plan::write::{ActivityEntry, WritePlan, WriteRun, WriteStep, MIN_MS_BETWEEN_WRITES};
    use proptest::prelude::*;
    use std::collections::{BTreeMap, HashSet};

    #[test]
    fn reading_the_seats_again_settles_every_attempted_name() {
        let mut report = revoke_run(users(5)).report();
        report.per_name[0].outcome = NameOutcome::Confirmed { batch: 0, count_reported: 2 };
        report.per_name[1].outcome = NameOutcome::Confirmed { batch: 0, count_reported: 2 };
        report.per_name[2].outcome = NameOutcome::Unconfirmed { reason: "No answer came.".into() };
        report.per_name[3].outcome = NameOutcome::Unconfirmed { reason: "No answer came.".into() };
        report.per_name[4].outcome = NameOutcome::NotAttempted;
        report.needs_verification = true;
        // user-0 is pending, user-1 still active, user-2 gone, user-3 still active, user-4 active.
        let after = [pending_seat("user-0", 1), seat("USER-1", 2), seat("user-3", 4), seat("user-4", 5)];
        let reconciled = reconcile(&report, &after);
        let verdicts: Vec<(&NameOutcome, bool)> =
            reconciled.per_name.iter().map(|line| (&line.outcome, line.changed_by_verification)).collect();
        assert_eq!(verdicts[0], (&NameOutcome::Confirmed { batch: 0, count_reported: 2 }, false));
        assert!(matches!(verdicts[1], (NameOutcome::Failed { reason }, true) if reason.contains("not in effect")));
        assert_eq!(verdicts[2], (&NameOutcome::ConfirmedByReading, true));
        assert!(
            matches!(verdicts[3], (NameOutcome::Failed { reason }, true) if reason.starts_with("No answer came. Reading"))
        );
        assert_eq!(verdicts[4], (&NameOutcome::NotAttempted, false));
        assert!(reconciled.verified && !reconciled.needs_verification);
        let entry = ActivityEntry::verification(NOW, &reconciled);
        assert_eq!(entry.names, vec!["user-1", "user-2", "user-3"]);
        assert_eq!(entry.done, vec!["user-2"], "only the name the reading settled as revoked is done");
    }

    #[test]
    fn team_writes_are_settled_from_the_seats_granted_through_each_team() {
        let mut run =
            WriteRun::new(WritePlan::new(WriteKind::RevokeTeams, "acme", ["eng", "ops"]), RetryPolicy::default(), 0);
        let (first, _) = send(&mut run, NOW);
        run.on_result(first, Err(ApiError::Timeout(30)), NOW + 30_000);
        let after = [
            Seat {
                pending_cancellation_date: pending_seat("a", 1).pending_cancellation_date,
                ..team_seat("a", 1, "eng")
            },
            team_seat("b", 2, "ops"),
        ];
        let reconciled = reconcile(&run.report(), &after);
        assert_eq!(reconciled.per_name[0].outcome, NameOutcome::ConfirmedByReading);
        assert!(matches!(reconciled.per_name[1].outcome, NameOutcome::Failed { .. }));

        let mut assign =
            WriteRun::new(WritePlan::new(WriteKind::AssignTeams, "acme", ["eng", "empty"]), RetryPolicy::default(), 0);
        let (first, _) = send(&mut assign, NOW);
        assign.on_result(first, Err(ApiError::Server { status: 502 }), NOW + 100);
        let reconciled = reconcile(&assign.report(), &[team_seat("a", 1, "eng")]);
        assert_eq!(reconciled.per_name[0].outcome, NameOutcome::ConfirmedByReading);
        assert!(
            matches!(reconciled.per_name[1].outcome, NameOutcome::Unconfirmed { .. }),
            "an empty team cannot be told"
        );
    }

    /// The organization as the sandbox would hold it: login → (granted through a team, pending).
    #[derive(Debug, Clone)]
    struct Org(BTreeMap<String, (bool, bool)>);

    impl Org {
        /// GitHub refuses the whole request if one name is team-granted; otherwise sets each active
        /// seat pending and counts them.
        fn revoke(&mut self, names: &[String]) -> Result<u64, ApiError> {
            if names.iter().any(|name| self.0.get(name).is_some_and(|(team, _)| *team)) {
                return Err(ApiError::Unprocessable { operation: Operation::RemoveUsers, github_message: None });
            }
            let mut count = 0;
            for name in names {
                if let Some((_, pending)) = self.0.get_mut(name) {
                    count += u64::from(!*pending);
                    *pending = true;
                }
            }
            Ok(count)
        }

        fn seats(&self) -> Vec<Seat> {
            self.0
                .iter()
                .enumerate()
                .map(|(id, (login, (team, pending)))| {
                    let mut seat = if *team { team_seat(login, id as u64, "eng") } else { seat(login, id as u64) };
                    if *pending {
                        seat.pending_cancellation_date = pending_seat("x", 0).pending_cancellation_date;
                    }
                    seat
                })
                .collect()
        }

        fn revoked(&self, name: &str) -> bool {
            self.0.get(name).is_none_or(|(_, pending)| *pending)
        }
    }

    #[derive(Debug, Clone, Copy)]
    enum WriteFault {
        Clean,
        RateLimited(u64),
        DroppedBeforeGitHub,
        DroppedAfterGitHub,
        Stalled { applied: bool },
        Server { applied: bool },
    }

    fn write_fault() -> impl Strategy<Value = WriteFault> {
        prop_oneof![
            4 => Just(WriteFault::Clean),
            1 => (0u64..120).prop_map(WriteFault::RateLimited),
            1 => Just(WriteFault::DroppedBeforeGitHub),
            1 => Just(WriteFault::DroppedAfterGitHub),
            1 => any::<bool>().prop_map(|applied| WriteFault::Stalled { applied }),
            1 => any::<bool>().prop_map(|applied| WriteFault::Server { applied }),
        ]
    }

    proptest! {
        // Failures are not saved to a regressions file: it would land outside this module's folder.
        #![proptest_config(ProptestConfig { cases: 128, failure_persistence: None, ..ProptestConfig::default() })]

        #[test]
        fn a_bulk_revoke_under_faults_ends_with_the_report_equal_to_the_state(
            seats in prop::collection::vec((any::<bool>(), any::<bool>()), 1..160),
            team_granted_weight in 0u8..4,
            picks in prop::collection::vec(any::<prop::sample::Index>(), 0..160),
            faults in prop::collection::vec(write_fault(), 0..40),
            latency in 1u64..5_000,
            stop_after_sends in prop::option::of(0usize..6),
        ) {
            // Few team-granted seats in most cases, so that most batches can succeed.
            let mut org = Org(seats.iter().enumerate()
                .map(|(n, (team, pending))| (format!("user-{n}"), (*team && team_granted_weight == 0, *pending)))
                .collect());
            let before = org.clone();
            let names: Vec<String> = picks.iter().map(|pick| format!("user-{}", pick.index(seats.len()))).collect();
            let mut run = WriteRun::new(WritePlan::new(WriteKind::RevokeUsers, "acme", names), RetryPolicy::default(), 9);
            let mut faults = faults.into_iter();
            let mut now = NOW;
            let mut answer: Option<(u64, usize, Result<u64, ApiError>)> = None;
            let mut in_flight = false;
            let mut last_end: Option<u64> = None;
            let mut sent_names = HashSet::new();
            let mut sends = 0;
            for _ in 0..10_000 {
                match run.poll(now) {
                    WriteStep::Send { batch_index, request } => {
                        prop_assert!(!in_flight, "two writes in flight");
                        prop_assert!(last_end.is_none_or(|end| now >= end + MIN_MS_BETWEEN_WRITES));
                        in_flight = true;
                        sends += 1;
                        let names = request.names().to_vec();
                        sent_names.extend(names.iter().cloned());
                        let result = match faults.next().unwrap_or(WriteFault::Clean) {
                            WriteFault::Clean => Some(org.revoke(&names)),
                            WriteFault::RateLimited(seconds) => Some(Err(ApiError::SecondaryRateLimit { retry_after_seconds: Some(seconds) })),
                            WriteFault::DroppedBeforeGitHub => Some(Err(ApiError::Network("refused".into()))),
                            WriteFault::DroppedAfterGitHub => {
                                let _ = org.revoke(&names);
                                Some(Err(ApiError::Network("reset".into())))
                            }
                            WriteFault::Stalled { applied } => {
                                if applied { let _ = org.revoke(&names); }
                                None
                            }
                            WriteFault::Server { applied } => {
                                if applied { let _ = org.revoke(&names); }
                                Some(Err(ApiError::Server { status: 502 }))
                            }
                        };
                        answer = result.map(|result| (now + latency, batch_index, result));
                        if stop_after_sends == Some(sends) {
                            run.stop();
                        }
                    }
                    WriteStep::Abort { .. } => {
                        in_flight = false;
                        last_end = Some(now);
                    }
                    WriteStep::WaitUntil(at) => {
                        prop_assert!(at > now);
                        match answer.take() {
                            Some((arrives, index, result)) if arrives <= at => {
                                now = arrives;
                                in_flight = false;
                                last_end = Some(now);
                                run.on_result(index, result, now);
                            }
                            pending => {
                                answer = pending;
                                now = at;
                            }
                        }
                    }
                    WriteStep::Finished => break,
                }
            }
            prop_assert!(run.is_finished());
            let report = run.report();
            for line in &report.per_name {
                match &line.outcome {
                    NameOutcome::Confirmed { .. } => prop_assert!(org.revoked(&line.name), "{} confirmed but active", line.name),
                    NameOutcome::NotAttempted => {
                        prop_assert!(!sent_names.contains(&line.name));
                        prop_assert_eq!(org.revoked(&line.name), before.revoked(&line.name));
                    }
                    NameOutcome::Pending => prop_assert!(false, "{} still pending after the run", line.name),
                    _ => {}
                }
            }
            let reconciled = reconcile(&report, &org.seats());
            for line in &reconciled.per_name {
                if !matches!(line.outcome, NameOutcome::NotAttempted) {
                    prop_assert_eq!(line.outcome.is_done(), org.revoked(&line.name), "{}: {:?}", line.name, line.outcome);
                }
            }
            // Before any verification, a name reported failed was not changed by the run.
            for line in &report.per_name {
                if matches!(line.outcome, NameOutcome::Failed { .. }) {
                    prop_assert_eq!(org.revoked(&line.name), before.revoked(&line.name), "{} failed but changed", line.name);
                }
            }
        }
    }
}
