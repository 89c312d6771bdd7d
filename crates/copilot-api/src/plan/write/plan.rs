//! Plan: the names of one write, cut into batches of at most [`MAX_NAMES_PER_WRITE`], with the names
//! GitHub could never accept set aside, and the exact requests for a dry run.

use std::collections::HashSet;

use super::kind::{WriteKind, WriteRequest};
use crate::api_base::ApiBase;
use crate::error::ApiError;
use crate::names::{name_problem, RejectedName};
use crate::request::{HttpRequest, RequestOptions};

/// GitHub takes lists of names; we send at most this many per request so one refused name (a 422 fails
/// the whole request) costs a small batch, not the whole selection.
pub const MAX_NAMES_PER_WRITE: usize = 50;

/// The names of one write, cut into batches of at most [`MAX_NAMES_PER_WRITE`], in the order given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WritePlan {
    pub(super) kind: WriteKind,
    pub(super) org: String,
    pub(super) batches: Vec<Vec<String>>,
    pub(super) rejected: Vec<RejectedName>,
}

impl WritePlan {
    /// Repeated names (in any case) are kept once, since the report has one line per name; names GitHub
    /// could never accept are set aside with the reason, and never sent.
    pub fn new<S: Into<String>>(kind: WriteKind, org: &str, names: impl IntoIterator<Item = S>) -> Self {
        let mut seen = HashSet::new();
        let mut accepted = Vec::new();
        let mut rejected = Vec::new();
        for name in names {
            let name: String = name.into();
            if let Some(reason) = name_problem(&name, kind.name_kind()) {
                rejected.push(RejectedName { entry: name, reason });
            } else if seen.insert(name.to_ascii_lowercase()) {
                accepted.push(name);
            }
        }
        let batches = accepted.chunks(MAX_NAMES_PER_WRITE).map(<[String]>::to_vec).collect();
        Self { kind, org: org.to_owned(), batches, rejected }
    }

    pub fn kind(&self) -> WriteKind {
        self.kind
    }

    pub fn org(&self) -> &str {
        &self.org
    }

    pub fn batches(&self) -> &[Vec<String>] {
        &self.batches
    }

    /// Every name to be sent, in order.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.batches.iter().flatten().map(String::as_str)
    }

    pub fn name_count(&self) -> usize {
        self.batches.iter().map(Vec::len).sum()
    }

    /// Names left out because GitHub could not accept them, with why.
    pub fn rejected(&self) -> &[RejectedName] {
        &self.rejected
    }

    pub fn request(&self, batch_index: usize) -> Option<WriteRequest> {
        self.batches.get(batch_index).map(|names| WriteRequest::new(self.kind, &self.org, names.clone()))
    }

    /// The requests a run would send, exactly, for the dry run. Built without a token, so a dry-run
    /// listing can never show it.
    pub fn dry_run_requests(&self, base: &ApiBase, options: RequestOptions) -> Result<Vec<HttpRequest>, ApiError> {
        (0..self.batches.len()).filter_map(|index| self.request(index)).map(|r| r.build(base, None, options)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::operation::Operation;
    use crate::plan::retry::RetryPolicy;
    use crate::plan::write::test_support::users;
    use crate::plan::write::{NameOutcome, WriteRun};

    #[test]
    fn batches_hold_at_most_fifty_names_in_the_order_given() {
        let plan = WritePlan::new(WriteKind::AssignUsers, "acme", users(120));
        let sizes: Vec<usize> = plan.batches().iter().map(Vec::len).collect();
        assert_eq!(sizes, vec![50, 50, 20]);
        assert_eq!(plan.names().map(str::to_owned).collect::<Vec<_>>(), users(120));
        assert_eq!(plan.name_count(), 120);
        assert!(WritePlan::new(WriteKind::AssignUsers, "acme", Vec::<String>::new()).batches().is_empty());
    }

    #[test]
    fn a_name_given_twice_is_sent_once_and_an_impossible_name_is_set_aside_with_why() {
        let plan = WritePlan::new(WriteKind::RevokeUsers, "acme", ["mona", "octocat", "Mona", "bad_name", ""]);
        assert_eq!(plan.batches(), &[vec!["mona".to_owned(), "octocat".to_owned()]]);
        let rejected: Vec<&str> = plan.rejected().iter().map(|r| r.entry.as_str()).collect();
        assert_eq!(rejected, vec!["bad_name", ""]);
        let report = WriteRun::new(plan, RetryPolicy::default(), 0).report();
        assert!(
            matches!(&report.per_name[2].outcome, NameOutcome::Failed { reason } if reason.contains("letters, digits"))
        );
        let teams = WritePlan::new(WriteKind::AssignTeams, "acme", ["eng_team"]);
        assert!(teams.rejected().is_empty(), "underscores are fine in team slugs");
    }

    #[test]
    fn a_dry_run_lists_exactly_the_requests_without_the_token() {
        let plan = WritePlan::new(WriteKind::RevokeUsers, "acme", users(60));
        let requests = plan.dry_run_requests(&ApiBase::github_com(), RequestOptions::default()).unwrap();
        assert_eq!(requests.len(), 2);
        for (request, names) in requests.iter().zip(plan.batches()) {
            assert_eq!(request.operation, Operation::RemoveUsers);
            assert_eq!(
                request.describe().lines().next(),
                Some("DELETE https://api.github.com/orgs/acme/copilot/billing/selected_users")
            );
            let body: serde_json::Value = serde_json::from_str(request.body.as_deref().unwrap()).unwrap();
            assert_eq!(body, serde_json::json!({ "selected_usernames": names }));
            assert!(!request.headers.iter().any(|(name, _)| name.eq_ignore_ascii_case("authorization")));
        }
        let teams = WritePlan::new(WriteKind::AssignTeams, "acme", ["eng"]);
        let request = &teams.dry_run_requests(&ApiBase::github_com(), RequestOptions::default()).unwrap()[0];
        assert_eq!(
            request.describe(),
            "POST https://api.github.com/orgs/acme/copilot/billing/selected_teams\n{\"selected_teams\":[\"eng\"]}"
        );
        let bad_org = WritePlan::new(WriteKind::AssignUsers, "a/../b", ["mona"]);
        assert!(matches!(
            bad_org.dry_run_requests(&ApiBase::github_com(), RequestOptions::default()),
            Err(ApiError::InvalidInput(_))
        ));
    }
}
