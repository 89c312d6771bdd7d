//! What the page says of grants: a person's grants and the removal that ends each, and a revoke's effect
//! on the bill (what stops billing, what stays and why), with the limit of what an organization's own
//! seat list can see.

use super::graph::Grant;
use super::removal::{BillingEffect, GrantRemoval, PersonGrants, Removal, StayReason, Tally};
use crate::format::{count, monthly, plural};

/// The heading of the grants panel.
pub const GRANTS_HEADING: &str = "A person's grants and what ends their bill";
/// The grants panel's field.
pub const GRANTS_LOGIN_LABEL: &str = "Login";

/// Under the grants panel's heading: what it reads and what it says.
pub fn grants_lookup_hint(spans_organizations: bool) -> String {
    let what = if spans_organizations {
        "every grant in the loaded seats (each organization, team and enterprise team)"
    } else {
        "the grant in this organization's loaded seats"
    };
    format!("Type a login to see {what}, and the removal that would end the billing.")
}

/// When no loaded seat is the login's.
pub fn no_grants_found(login: &str) -> String {
    format!("No loaded seat is {}'s.", login.trim().trim_start_matches('@'))
}

/// What an organization's own list cannot see, said wherever a figure depends on it.
fn organization_limit() -> &'static str {
    "Counted from this organization's seat list, which shows one grant per person: someone who also holds a seat in another organization of the enterprise, or who also belongs to another team selected for Copilot, stays billed, and this list cannot show it."
}

/// Where a grant is and what grants it: "acme, team Devs", "acme-2, direct assignment", "enterprise team
/// Champions". `scope` names the organization of a list that does not name it.
pub fn grant_source(grant: &Grant, scope: &str) -> String {
    let org = grant.organization.unwrap_or(scope);
    match grant.team {
        Some(team) if team.is_enterprise_team => match grant.organization {
            Some(org) => format!("{org}, enterprise team {}", team.name),
            None => format!("enterprise team {}", team.name),
        },
        Some(team) => format!("{org}, team {}", team.name),
        None => format!("{org}, direct assignment"),
    }
}

impl GrantRemoval<'_> {
    /// What would end this grant.
    pub fn removal_sentence(&self) -> String {
        match &self.removal {
            Removal::RevokeDirect => "Ends with: revoke the direct assignment.".to_owned(),
            Removal::UnselectTeam { slug, others, others_kept } => {
                let mut sentence = format!(
                    "Ends with: remove the team {slug} from Copilot (GitHub refuses to revoke a team's seat by name)"
                );
                if others.is_empty() {
                    sentence.push_str("; no other loaded seat comes through it.");
                } else {
                    const NAMED: usize = 5;
                    let mut named = others.iter().take(NAMED).cloned().collect::<Vec<_>>().join(", ");
                    if others.len() > NAMED {
                        named.push_str(&format!(" and {} more", count(others.len() - NAMED)));
                    }
                    sentence.push_str(&format!(
                        ", which also takes the {} it grants ({named})",
                        plural(others.len(), "other seat", "other seats"),
                    ));
                    sentence.push_str(&match others_kept {
                        0 => ".".to_owned(),
                        kept => format!("; another grant keeps {} of them billed.", count(*kept)),
                    });
                }
                sentence
            }
            Removal::EnterpriseTeam => "Granted by an enterprise team: not manageable from an organization.".to_owned(),
            Removal::AlreadyPending => "Already pending cancellation: it ends at the end of the cycle.".to_owned(),
        }
    }
}

impl PersonGrants<'_> {
    /// "mona: 3 grants, billed once ($19.00 a month)."
    pub fn summary(&self) -> String {
        format!(
            "{}: {}, billed once ({}).",
            self.login,
            plural(self.grants.len(), "grant", "grants"),
            monthly(u64::from(self.monthly_cents))
        )
    }

    /// Whether and how the billing can end.
    pub fn verdict(&self) -> String {
        let verdict = if self.already_ending() {
            "Every grant is already pending cancellation: the billing ends at the end of the cycle.".to_owned()
        } else if !self.can_end_from_organizations() {
            "An enterprise team grants this seat, so no removal made from an organization ends the billing.".to_owned()
        } else if self.grants.len() == 1 {
            "The billing ends at the end of the cycle once this grant is removed.".to_owned()
        } else {
            "The billing ends at the end of the cycle only once every grant above is removed.".to_owned()
        };
        if self.spans_organizations {
            verdict
        } else {
            format!("{verdict} {}", organization_limit())
        }
    }
}

/// A tally in words: "3 seats ($57.00 a month)".
fn seats_costing(tally: &Tally) -> String {
    format!("{} ({})", plural(tally.seats, "seat", "seats"), monthly(tally.monthly_cents))
}

impl StayReason {
    /// Why the seats stay billed, after their count: "granted through a team, which this revoke skips".
    pub fn label(self) -> &'static str {
        match self {
            Self::TeamGrantedSkipped => "granted through a team, which this revoke skips",
            Self::EnterpriseTeam => "granted by an enterprise team: not manageable from an organization",
            Self::AnotherOrganization => "still granted in another organization",
            Self::AnotherGrant => "still granted another way in this organization",
            Self::Exempt => "on the exemption list: skipped",
            Self::ProtectedTeam => "granted through a team that also grants an exempt seat: skipped",
        }
    }
}

impl BillingEffect {
    /// "2 seats stop billing at the end of the cycle ($38.00 a month); 3 seats stay billed because a grant
    /// this revoke does not remove keeps them ($57.00 a month)."
    pub fn headline(&self) -> String {
        let stay = self.stay_total();
        let stays = if stay.seats == 0 {
            "no selected seat stays billed".to_owned()
        } else {
            format!(
                "{} {} billed because a grant this revoke does not remove keeps {} ({})",
                plural(stay.seats, "seat", "seats"),
                if stay.seats == 1 { "stays" } else { "stay" },
                if stay.seats == 1 { "it" } else { "them" },
                monthly(stay.monthly_cents)
            )
        };
        format!(
            "{} {} billing at the end of the cycle ({}); {stays}.",
            plural(self.stop.seats, "seat", "seats"),
            if self.stop.seats == 1 { "stops" } else { "stop" },
            monthly(self.stop.monthly_cents),
        )
    }

    /// One line per reason a seat stays billed: "2 seats ($38.00 a month): granted through a team, …".
    pub fn stay_reasons(&self) -> Vec<String> {
        self.stay
            .iter()
            .filter(|(_, tally)| tally.seats > 0)
            .map(|(reason, tally)| format!("{}: {}.", seats_costing(tally), reason.label()))
            .collect()
    }

    /// The seats beyond the selection that stop with a removed team, if any.
    pub fn beyond_selection(&self) -> Option<String> {
        (self.stop_not_selected.seats > 0).then(|| {
            format!(
                "Of those that stop, {} {} not selected: removing the teams takes them too.",
                seats_costing(&self.stop_not_selected),
                if self.stop_not_selected.seats == 1 { "was" } else { "were" },
            )
        })
    }

    /// The selected seats already pending cancellation, if any.
    pub fn already_pending_sentence(&self) -> Option<String> {
        (self.already_pending.seats > 0).then(|| {
            format!(
                "{} already pending cancellation {} at the end of the cycle anyway, not counted above.",
                seats_costing(&self.already_pending),
                if self.already_pending.seats == 1 { "stops" } else { "stop" },
            )
        })
    }

    /// What the figures cannot see, for an organization's own list; `None` for an enterprise's.
    pub fn limit(&self) -> Option<&'static str> {
        (!self.spans_organizations).then(organization_limit)
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use crate::insight::cost::SeatPrices;
    use crate::insight::grants::{person_grants, GrantsGraph};
    use crate::insight::grid::SeatIndex;
    use crate::test_seats::seat;

    #[test]
    fn a_revokes_effect_says_what_stops_and_what_stays_with_the_money_and_reasons() {
        let effect = BillingEffect {
            stop: Tally { seats: 2, monthly_cents: 3_800 },
            stop_not_selected: Tally { seats: 1, monthly_cents: 1_900 },
            stay: BTreeMap::from([
                (StayReason::EnterpriseTeam, Tally { seats: 1, monthly_cents: 3_900 }),
                (StayReason::TeamGrantedSkipped, Tally { seats: 2, monthly_cents: 3_800 }),
            ]),
            already_pending: Tally { seats: 1, monthly_cents: 1_900 },
            spans_organizations: false,
        };
        assert_eq!(
            effect.headline(),
            "2 seats stop billing at the end of the cycle ($38.00 a month); 3 seats stay billed because a grant this revoke does not remove keeps them ($77.00 a month)."
        );
        assert_eq!(
            effect.stay_reasons(),
            [
                "2 seats ($38.00 a month): granted through a team, which this revoke skips.",
                "1 seat ($39.00 a month): granted by an enterprise team: not manageable from an organization.",
            ]
        );
        assert_eq!(
            effect.beyond_selection().as_deref(),
            Some("Of those that stop, 1 seat ($19.00 a month) was not selected: removing the teams takes them too.")
        );
        assert_eq!(
            effect.already_pending_sentence().as_deref(),
            Some("1 seat ($19.00 a month) already pending cancellation stops at the end of the cycle anyway, not counted above.")
        );
        assert!(effect.limit().is_some_and(|limit| limit.contains("another organization of the enterprise")));
        let one = BillingEffect {
            stop: Tally { seats: 1, monthly_cents: 1_900 },
            spans_organizations: true,
            ..BillingEffect::default()
        };
        assert_eq!(
            one.headline(),
            "1 seat stops billing at the end of the cycle ($19.00 a month); no selected seat stays billed."
        );
        assert!(one.limit().is_none() && one.beyond_selection().is_none() && one.already_pending_sentence().is_none());
    }

    #[test]
    fn a_persons_grants_read_as_where_what_and_the_removal_that_ends_each() {
        let seats = vec![
            seat("mona").org("acme").team_named("devs", "Devs").build(),
            seat("hubot").org("acme").team_named("devs", "Devs").build(),
            seat("mona").org("acme-2").build(),
            seat("mona").enterprise_team("champions").build(),
        ];
        let index = SeatIndex::new(&seats, None);
        let graph = GrantsGraph::new(&index);
        let mona = person_grants(&graph, &index, "mona", &SeatPrices::default()).expect("loaded");
        assert_eq!(mona.summary(), "mona: 3 grants, billed once ($19.00 a month).");
        let lines: Vec<(String, String)> =
            mona.grants.iter().map(|g| (grant_source(&g.grant, "acme"), g.removal_sentence())).collect();
        assert_eq!(lines[0].0, "acme, team Devs");
        assert_eq!(
            lines[0].1,
            "Ends with: remove the team devs from Copilot (GitHub refuses to revoke a team's seat by name), which also takes the 1 other seat it grants (hubot)."
        );
        assert_eq!(lines[1], ("acme-2, direct assignment".into(), "Ends with: revoke the direct assignment.".into()));
        assert_eq!(lines[2].0, "enterprise team Team champions");
        assert_eq!(lines[2].1, "Granted by an enterprise team: not manageable from an organization.");
        assert!(mona.verdict().starts_with("An enterprise team grants this seat"), "{}", mona.verdict());
        assert!(!mona.verdict().contains("this list cannot show it"), "an enterprise list sees every grant");
    }

    #[test]
    fn in_an_organizations_list_a_persons_verdict_says_what_the_list_cannot_see() {
        let seats = vec![seat("ann").build()];
        let index = SeatIndex::new(&seats, None);
        let graph = GrantsGraph::new(&index);
        let ann = person_grants(&graph, &index, "ann", &SeatPrices::default()).expect("loaded");
        assert_eq!(grant_source(&ann.grants[0].grant, "acme"), "acme, direct assignment");
        assert!(ann.verdict().starts_with("The billing ends at the end of the cycle once this grant is removed."));
        assert!(ann.verdict().ends_with("this list cannot show it."));
        assert_eq!(no_grants_found(" @bob"), "No loaded seat is bob's.");
        assert!(grants_lookup_hint(false).contains("this organization's"));
    }
}
