//! The organization's billing summary in words: each figure and policy with its label, and "not
//! reported" for what GitHub did not send (the older shape of the answer has no policies or plan). These
//! are the API's own numbers, shown as GitHub gave them.

use crate::format::count;
use crate::models::{FeaturePolicy, OrganizationBilling};

/// What a figure or policy GitHub did not send shows.
pub const NOT_REPORTED: &str = "not reported";

/// One line of the summary: a key for tests and styling, the label, the value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BillingLine {
    pub key: &'static str,
    pub label: &'static str,
    pub value: String,
}

fn line(key: &'static str, label: &'static str, value: String) -> BillingLine {
    BillingLine { key, label, value }
}

/// The seat breakdown, in GitHub's order of importance: the total first.
pub fn breakdown_lines(billing: &OrganizationBilling) -> Vec<BillingLine> {
    let seats = |value: Option<u64>| value.map_or_else(|| NOT_REPORTED.to_owned(), count);
    let breakdown = &billing.seat_breakdown;
    vec![
        line("seats-total", "Total seats", seats(breakdown.total)),
        line("seats-added", "Added this cycle", seats(breakdown.added_this_cycle)),
        line("seats-pending-invitation", "Pending invitation", seats(breakdown.pending_invitation)),
        line("seats-pending-cancellation", "Pending cancellation", seats(breakdown.pending_cancellation)),
        line("seats-active", "Active this cycle", seats(breakdown.active_this_cycle)),
        line("seats-inactive", "Inactive this cycle", seats(breakdown.inactive_this_cycle)),
    ]
}

/// The policies and the plan.
pub fn policy_lines(billing: &OrganizationBilling) -> Vec<BillingLine> {
    let policy = |value: Option<FeaturePolicy>| value.map_or(NOT_REPORTED, FeaturePolicy::as_str).to_owned();
    let suggestions = billing.public_code_suggestions;
    vec![
        line("public-code", "Public code suggestions", format!("{} ({})", suggestions.as_str(), suggestions.meaning())),
        line("ide-chat", "IDE chat", policy(billing.ide_chat)),
        line("platform-chat", "Platform chat", policy(billing.platform_chat)),
        line("cli", "CLI", policy(billing.cli)),
        line("plan", "Plan", billing.plan_type.map_or(NOT_REPORTED, |plan| plan.as_str()).to_owned()),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn billing(json: &str) -> OrganizationBilling {
        serde_json::from_str(json).expect("a billing summary")
    }

    #[test]
    fn the_older_answer_shows_its_figures_and_says_what_it_did_not_report() {
        let old = billing(
            r#"{"seat_breakdown":{"total":12050,"added_this_cycle":3},"public_code_suggestions":"block",
                "seat_management_setting":"assign_selected"}"#,
        );
        let breakdown = breakdown_lines(&old);
        assert_eq!(breakdown[0], line("seats-total", "Total seats", "12,050".into()));
        assert_eq!(breakdown[2].value, NOT_REPORTED);
        let policies = policy_lines(&old);
        assert!(policies[0].value.starts_with("block ("), "{:?}", policies[0]);
        assert!(policies[1..].iter().all(|line| line.value == NOT_REPORTED), "{policies:?}");
    }

    #[test]
    fn every_line_has_its_own_key() {
        let any = billing(
            r#"{"seat_breakdown":{},"public_code_suggestions":"allow","seat_management_setting":"assign_all"}"#,
        );
        let mut keys: Vec<&str> =
            breakdown_lines(&any).iter().chain(&policy_lines(&any)).map(|line| line.key).collect();
        let all = keys.len();
        keys.sort_unstable();
        keys.dedup();
        assert_eq!(keys.len(), all);
    }
}
