//! Wording: the sentences the write dialog shows that are not the report's (the confirm button, the cost
//! of a plan, the typed confirmation, the selection's breakdown, the dry run, the running step), built
//! from the core's constants, so that they are tested here and a translation has one place to look.

use super::confirmation::{cost_effect, TYPED_CONFIRMATION_ABOVE};
use super::plan::{WritePlan, MAX_NAMES_PER_WRITE};
use super::selection::RevokeSelection;
use crate::format::{count, dollars, length_in_words, plural};
use crate::plan::write_budget::MIN_MS_BETWEEN_WRITES;

/// How the confirmation says a plan is sent: "Sent in 3 requests of at most 50 names, one a second."
pub fn pacing_hint(plan: &WritePlan) -> String {
    format!(
        "Sent in {} of at most {MAX_NAMES_PER_WRITE} names, {}.",
        plural(plan.batches().len(), "request", "requests"),
        one_write_per_interval()
    )
}

/// The confirm button with the dry run switched on.
pub const SHOW_THE_REQUESTS: &str = "Show the requests (send nothing)";
/// The dry-run switch.
pub const DRY_RUN_SWITCH: &str = "Dry run: show exactly the requests that would be sent, without sending them";
/// A grid selection of which nothing can be revoked by name.
pub const NOTHING_TO_DO: &str = "Nothing in this selection can be revoked by name.";
/// A plan's cost line when the selection's effect on the bill was worked out (the figures above it, at the
/// grid's prices and each seat's own plan): a second figure at another price would contradict them.
pub const BILLING_COUNTED_ABOVE: &str =
    "Access and billing end at the end of the current billing cycle, not now; what this stops billing, and what it costs a month, is counted above.";
/// The dry run's heading.
pub const DRY_RUN_HEADING: &str = "Dry run: nothing was sent";
/// The running step's heading.
pub const WRITING: &str = "Writing…";
/// The running step while the seats are read to settle unclear outcomes.
pub const READING_TO_SETTLE: &str = "Reading the seats again to confirm the outcome…";

/// The least time between two writes as the sentences say it: "a second".
fn time_between_writes() -> String {
    match MIN_MS_BETWEEN_WRITES {
        1_000 => "a second".to_owned(),
        ms => length_in_words(ms),
    }
}

/// How often writes go: `per_interval("one")` is "one a second".
fn per_interval(one: &str) -> String {
    match MIN_MS_BETWEEN_WRITES {
        1_000 => format!("{one} a second"),
        ms => format!("{one} every {}", length_in_words(ms)),
    }
}

/// How often writes go, in a plan's pacing hint: "one a second".
pub fn one_write_per_interval() -> String {
    per_interval("one")
}

/// What the "Manage seats" tab says of every write made there.
pub fn manage_hint() -> String {
    format!(
        "Type or paste names separated by commas, spaces or new lines (a leading @ is fine). Each write is confirmed first, sent in batches of at most {MAX_NAMES_PER_WRITE}, {}, and reported name by name.",
        per_interval("one batch")
    )
}

/// The choice for seats granted through a team: leave them.
pub const SKIP_TEAM_GRANTED: &str = "Skip them";
/// The choice for seats granted through a team: revoke the teams.
pub const REVOKE_TEAMS_INSTEAD: &str =
    "Revoke the teams instead: every seat granted through them goes, selected or not";

/// The names a form merged because they repeated an earlier one.
pub fn merged_duplicates(duplicates: &[String]) -> String {
    format!("Merged duplicates: {}", duplicates.join(", "))
}

/// Under a form's field: the names that will be sent.
pub fn names_to_send(valid: &[String]) -> String {
    format!("{} to send: {}", count(valid.len()), valid.join(", "))
}

/// Under a form's field: how many entries it leaves out (each listed with why).
pub fn left_out_of_form(rejected: usize) -> String {
    format!("Left out ({}):", count(rejected))
}

/// Above the names a form left out, with why.
pub fn left_out_heading(rejected: usize) -> String {
    format!("Left out, never sent ({}):", count(rejected))
}

/// The report's heading: "Result: Revoke users' seats in acme".
pub fn result_heading(title: &str) -> String {
    format!("Result: {title}")
}

/// The confirm button: what is sent, "Revoke 3 seats", "Assign the seats of 1 team", "Revoke 2 seats and
/// the seats of 1 team"; with the dry run, [`SHOW_THE_REQUESTS`].
pub fn confirm_button(plans: &[WritePlan], dry_run: bool) -> String {
    if dry_run {
        return SHOW_THE_REQUESTS.to_owned();
    }
    let assign = plans.first().is_some_and(|plan| plan.kind().is_assign());
    let verb = if assign { "Assign" } else { "Revoke" };
    let names = |teams: bool| -> usize {
        plans.iter().filter(|plan| plan.kind().names_teams() == teams).map(WritePlan::name_count).sum()
    };
    match (names(false), names(true)) {
        (users, 0) => format!("{verb} {}", plural(users, "seat", "seats")),
        (0, teams) => format!("{verb} the seats of {}", plural(teams, "team", "teams")),
        (users, teams) => {
            format!("{verb} {} and the seats of {}", plural(users, "seat", "seats"), plural(teams, "team", "teams"))
        }
    }
}

/// A plan's heading in the confirmation: "Revoke users' seats: 3 users".
pub fn plan_heading(plan: &WritePlan) -> String {
    let (one, many) = if plan.kind().names_teams() { ("team", "teams") } else { ("user", "users") };
    format!("{}: {}", plan.kind().title(), plural(plan.name_count(), one, many))
}

/// What the monthly bill does, in words, for one plan. Users: the core's wording for that many seats.
/// Teams: each member is a seat, and how many members the teams have is known only for a grid selection
/// (`known_seats`, the selected members granted through them).
pub fn cost_wording(plan: &WritePlan, known_seats: Option<usize>, price_cents: u32) -> String {
    if !plan.kind().names_teams() {
        return cost_effect(plan.kind(), plan.name_count(), price_cents).wording;
    }
    if let Some(seats) = known_seats {
        return format!(
            "{} At least these seats go; members of the teams who were not selected lose theirs too.",
            cost_effect(plan.kind(), seats, price_cents).wording
        );
    }
    let price = dollars(u64::from(price_cents));
    if plan.kind().is_assign() {
        format!("Every member of these teams gets a seat at {price} a month each, billed from now.")
    } else {
        format!(
            "Every seat granted only through these teams is revoked, lowering the bill by {price} a month each. Access and billing end at the end of the current billing cycle, not now."
        )
    }
}

/// The label of the typed confirmation, for a write of more than [`TYPED_CONFIRMATION_ABOVE`] seats.
pub fn typed_confirmation_prompt(org: &str) -> String {
    format!("This changes more than {TYPED_CONFIRMATION_ABOVE} seats. Type the organization's name, {org}, to confirm")
}

/// The breakdown of a grid selection: what can be revoked by name, what is granted through teams (with
/// the person's choice), and what is skipped whatever the choice.
impl RevokeSelection {
    /// "6 seats selected: 2 can be revoked by name."
    pub fn summary(&self, selected: usize) -> String {
        format!("{} selected: {} can be revoked by name.", plural(selected, "seat", "seats"), count(self.direct.len()))
    }

    /// Why team-granted seats need a choice: "3 of the selection are granted through a team (devs (3)).
    /// GitHub refuses…". `None` when there are none.
    pub fn team_granted_notice(&self) -> Option<String> {
        let granted = self.team_granted_count();
        if granted == 0 {
            return None;
        }
        let teams: Vec<String> =
            self.team_granted.iter().map(|(slug, logins)| format!("{slug} ({})", count(logins.len()))).collect();
        Some(format!(
            "{} of the selection {} granted through a team ({}). GitHub refuses to revoke those user by user (422).",
            count(granted),
            if granted == 1 { "is" } else { "are" },
            teams.join(", "),
        ))
    }

    /// The seats skipped whatever the choice, a sentence for each reason there is.
    pub fn skipped_notices(&self) -> SkippedNotices {
        let enterprise: usize = self.enterprise_team_granted.values().map(Vec::len).sum();
        let pending = self.already_pending.len();
        SkippedNotices {
            already_pending: (pending > 0)
                .then(|| format!("{} already pending cancellation: skipped.", plural(pending, "seat is", "seats are"))),
            enterprise_team: (enterprise > 0).then(|| {
                format!(
                    "{} granted through an enterprise team: managed by the enterprise, skipped.",
                    plural(enterprise, "seat is", "seats are")
                )
            }),
            exempt: (!self.exempt.is_empty()).then(|| {
                let named: Vec<String> =
                    self.exempt.iter().map(|(login, reason)| format!("{login} ({reason})")).collect();
                format!(
                    "{} on the exemption list: skipped. Remove a name from the list to revoke it: {}.",
                    plural(self.exempt.len(), "seat is", "seats are"),
                    named.join(", ")
                )
            }),
            protected_team: (!self.protected_team_granted.is_empty()).then(|| {
                let seats: usize = self.protected_team_granted.values().map(Vec::len).sum();
                let teams: Vec<&str> = self.protected_team_granted.keys().map(String::as_str).collect();
                format!(
                    "{} granted through a team that also grants an exempt seat ({}): skipped, and the team is not revoked as a whole.",
                    plural(seats, "seat is", "seats are"),
                    teams.join(", ")
                )
            }),
            no_assignee: (self.no_assignee > 0).then(|| {
                format!(
                    "{} of deleted accounts: no name to revoke by, skipped.",
                    plural(self.no_assignee, "seat", "seats")
                )
            }),
        }
    }
}

/// The sentences for the seats a selection skips whatever the choice, each `None` when it does not apply.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SkippedNotices {
    pub already_pending: Option<String>,
    pub enterprise_team: Option<String>,
    pub exempt: Option<String>,
    pub protected_team: Option<String>,
    pub no_assignee: Option<String>,
}

/// The dry run's count: "3 requests would be sent, one at a time, at least a second apart. …".
pub fn dry_run_count(requests: usize) -> String {
    format!(
        "{} would be sent, one at a time, at least {} apart. The token is added only when sending, so it is not shown.",
        plural(requests, "request", "requests"),
        time_between_writes(),
    )
}

/// The Stop button while a run goes, and once it was pressed.
pub fn stop_button(stop_requested: bool) -> &'static str {
    if stop_requested {
        "Stopping after this batch…"
    } else {
        "Stop"
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::write::WriteKind;

    fn plan(kind: WriteKind, names: usize) -> WritePlan {
        WritePlan::new(kind, "acme", (0..names).map(|n| format!("name-{n}")))
    }

    #[test]
    fn the_confirm_button_says_what_is_sent_and_what_a_dry_run_does() {
        let users = plan(WriteKind::RevokeUsers, 3);
        let teams = plan(WriteKind::RevokeTeams, 1);
        assert_eq!(confirm_button(std::slice::from_ref(&users), false), "Revoke 3 seats");
        assert_eq!(confirm_button(&[plan(WriteKind::AssignTeams, 1)], false), "Assign the seats of 1 team");
        assert_eq!(confirm_button(&[users.clone(), teams], false), "Revoke 3 seats and the seats of 1 team");
        assert_eq!(confirm_button(&[plan(WriteKind::AssignUsers, 1)], false), "Assign 1 seat");
        assert_eq!(confirm_button(&[users], true), "Show the requests (send nothing)");
    }

    #[test]
    fn a_plan_heading_counts_users_or_teams() {
        assert_eq!(plan_heading(&plan(WriteKind::RevokeUsers, 2)), "Revoke users' seats: 2 users");
        assert_eq!(plan_heading(&plan(WriteKind::AssignTeams, 1)), "Assign seats to teams: 1 team");
    }

    #[test]
    fn the_cost_of_teams_is_told_per_member_when_their_size_is_not_known() {
        let assign = plan(WriteKind::AssignTeams, 1);
        assert_eq!(
            cost_wording(&assign, None, 1_900),
            "Every member of these teams gets a seat at $19.00 a month each, billed from now."
        );
        let revoke = plan(WriteKind::RevokeTeams, 2);
        assert!(cost_wording(&revoke, None, 1_900).starts_with(
            "Every seat granted only through these teams is revoked, lowering the bill by $19.00 a month each."
        ));
        let known = cost_wording(&revoke, Some(3), 1_900);
        assert!(known.starts_with(&cost_effect(WriteKind::RevokeTeams, 3, 1_900).wording), "{known}");
        assert!(known.ends_with("members of the teams who were not selected lose theirs too."), "{known}");
    }

    #[test]
    fn the_cost_of_users_is_the_confirmation_rule_for_that_many_seats() {
        let users = plan(WriteKind::AssignUsers, 4);
        assert_eq!(cost_wording(&users, None, 1_900), cost_effect(WriteKind::AssignUsers, 4, 1_900).wording);
    }

    #[test]
    fn the_typed_confirmation_names_the_threshold_and_the_organization() {
        assert_eq!(
            typed_confirmation_prompt("acme"),
            "This changes more than 20 seats. Type the organization's name, acme, to confirm"
        );
    }

    #[test]
    fn a_selection_breakdown_says_what_is_revoked_and_why_the_rest_is_skipped() {
        let mut selection = RevokeSelection {
            direct: vec!["ann".into(), "bob".into()],
            already_pending: vec!["cy".into(), "di".into()],
            no_assignee: 1,
            ..RevokeSelection::default()
        };
        selection.team_granted.insert("devs".into(), vec!["ed".into()]);
        selection.enterprise_team_granted.insert("corp".into(), vec!["fi".into()]);
        selection.exempt.insert("gil".into(), "service account".into());
        selection.protected_team_granted.insert("ops".into(), vec!["hu".into(), "io".into()]);
        assert_eq!(selection.summary(7), "7 seats selected: 2 can be revoked by name.");
        assert_eq!(
            selection.team_granted_notice().as_deref(),
            Some("1 of the selection is granted through a team (devs (1)). GitHub refuses to revoke those user by user (422).")
        );
        assert_eq!(
            selection.skipped_notices(),
            SkippedNotices {
                already_pending: Some("2 seats are already pending cancellation: skipped.".into()),
                enterprise_team: Some(
                    "1 seat is granted through an enterprise team: managed by the enterprise, skipped.".into()
                ),
                exempt: Some(
                    "1 seat is on the exemption list: skipped. Remove a name from the list to revoke it: gil (service account)."
                        .into()
                ),
                protected_team: Some(
                    "2 seats are granted through a team that also grants an exempt seat (ops): skipped, and the team is not revoked as a whole."
                        .into()
                ),
                no_assignee: Some("1 seat of deleted accounts: no name to revoke by, skipped.".into()),
            }
        );
        assert_eq!(RevokeSelection::default().team_granted_notice(), None);
        assert_eq!(RevokeSelection::default().skipped_notices(), SkippedNotices::default());
    }

    #[test]
    fn the_dry_run_and_the_pacing_hint_say_the_time_between_writes_from_the_constant() {
        assert_eq!(
            dry_run_count(3),
            "3 requests would be sent, one at a time, at least a second apart. The token is added only when sending, so it is not shown."
        );
        assert_eq!(one_write_per_interval(), "one a second");
        assert_eq!(
            pacing_hint(&plan(WriteKind::RevokeUsers, 120)),
            "Sent in 3 requests of at most 50 names, one a second."
        );
    }

    #[test]
    fn the_manage_tab_says_the_batch_size_and_the_pace_from_the_constants() {
        assert_eq!(
            manage_hint(),
            "Type or paste names separated by commas, spaces or new lines (a leading @ is fine). Each write is confirmed first, sent in batches of at most 50, one batch a second, and reported name by name."
        );
    }

    #[test]
    fn a_form_says_what_it_merged_and_left_out_and_the_report_names_the_write() {
        assert_eq!(merged_duplicates(&["ann".into(), "BOB".into()]), "Merged duplicates: ann, BOB");
        assert_eq!(left_out_heading(1_200), "Left out, never sent (1,200):");
        assert_eq!(result_heading("Revoke users' seats in acme"), "Result: Revoke users' seats in acme");
    }

    #[test]
    fn the_stop_button_says_when_stop_was_pressed() {
        assert_eq!((stop_button(false), stop_button(true)), ("Stop", "Stopping after this batch…"));
    }
}
