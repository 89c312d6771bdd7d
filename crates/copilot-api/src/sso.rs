//! GitHub's `X-GitHub-SSO` header, the one way GitHub says SAML single sign-on is in the way:
//!
//! - `required; url=https://github.com/orgs/ORG/sso?authorization_request=…` on a 403: the token is not
//!   authorized for the organization's SSO, and the address authorizes it.
//! - `partial-results; organizations=21955855,20582480` on a 200: a list that spans organizations (the
//!   enterprise's seats) left out the organizations, by numeric id, whose SSO the token is not authorized
//!   for. Nothing in the body says so: without this header a shorter list reads as the whole one.

use crate::format::count;
use crate::response::ResponseParts;

/// The most organization ids kept from `partial-results`: a real enterprise has far fewer, and a hostile
/// header (repeated on a thousand pages) cannot make the page hold more.
pub const MAX_ORGANIZATIONS_KEPT: usize = 1_000;
/// The words the warning about left-out organizations starts with, in bold.
pub const LEFT_OUT_HEADING: &str = "Not every seat is listed.";
/// The ids a warning names before it says "and N more".
const IDS_IN_A_SENTENCE: usize = 10;

/// What an `X-GitHub-SSO` header says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SsoHeader {
    /// The token must be authorized for the organization's SSO, at this address when GitHub gives one.
    Required { authorize_url: Option<String> },
    /// The answer is partial: these organizations were left out.
    PartialResults(SsoLeftOut),
}

impl SsoHeader {
    /// Reads the header's value; `None` for a kind GitHub does not document. Never fails otherwise: a
    /// `partial-results` whose list cannot be read is still partial, with organizations not named.
    pub fn parse(value: &str) -> Option<Self> {
        let mut parts = value.split(';').map(str::trim);
        let kind = parts.next()?;
        if kind.eq_ignore_ascii_case("required") {
            let authorize_url = parts.find_map(|part| part.strip_prefix("url=")).map(str::to_owned);
            Some(Self::Required { authorize_url })
        } else if kind.eq_ignore_ascii_case("partial-results") {
            let mut left_out = SsoLeftOut::default();
            match parts.find_map(|part| part.strip_prefix("organizations=")) {
                Some(list) => {
                    for item in list.split(',').map(str::trim).filter(|item| !item.is_empty()) {
                        match item.parse::<u64>() {
                            Ok(id) => left_out.add(id),
                            Err(_) => left_out.unnamed = true,
                        }
                    }
                    left_out.unnamed |= left_out.organization_ids.is_empty();
                }
                None => left_out.unnamed = true,
            }
            Some(Self::PartialResults(left_out))
        } else {
            None
        }
    }

    /// The header of a response, if it has one GitHub documents.
    pub fn of(response: &ResponseParts) -> Option<Self> {
        response.header("x-github-sso").and_then(Self::parse)
    }
}

/// The organizations GitHub left out of a list because the token is not authorized for their SAML single
/// sign-on. Empty when nothing was left out. Pages of one list may each say it: [`SsoLeftOut::merge`]
/// joins them, each organization once, in the order GitHub first named them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SsoLeftOut {
    organization_ids: Vec<u64>,
    /// GitHub left out organizations this value does not name: its list was missing or unreadable, or
    /// longer than [`MAX_ORGANIZATIONS_KEPT`].
    unnamed: bool,
}

impl SsoLeftOut {
    /// What a successful list answer says was left out (nothing, without a `partial-results` header).
    pub fn of(response: &ResponseParts) -> Self {
        match SsoHeader::of(response) {
            Some(SsoHeader::PartialResults(left_out)) => left_out,
            _ => Self::default(),
        }
    }

    /// Left out by these ids (for tests and the sandbox's own checks).
    pub fn organizations(ids: impl IntoIterator<Item = u64>) -> Self {
        let mut left_out = Self::default();
        ids.into_iter().for_each(|id| left_out.add(id));
        left_out
    }

    pub fn is_empty(&self) -> bool {
        self.organization_ids.is_empty() && !self.unnamed
    }

    /// The ids GitHub gave, each once, in the order it first gave them.
    pub fn organization_ids(&self) -> &[u64] {
        &self.organization_ids
    }

    /// Whether organizations were left out that GitHub did not name (or named past what is kept).
    pub fn has_unnamed(&self) -> bool {
        self.unnamed
    }

    /// Adds what another page of the same list left out.
    pub fn merge(&mut self, other: &Self) {
        other.organization_ids.iter().for_each(|id| self.add(*id));
        self.unnamed |= other.unnamed;
    }

    fn add(&mut self, id: u64) {
        if self.organization_ids.contains(&id) {
            return;
        }
        if self.organization_ids.len() < MAX_ORGANIZATIONS_KEPT {
            self.organization_ids.push(id);
        } else {
            self.unnamed = true;
        }
    }

    /// The warning shown above the grid and in the enterprise breakdown: what was left out, what that
    /// means for the figures, and how to authorize the token. `None` when nothing was left out.
    pub fn warning(&self) -> Option<String> {
        if self.is_empty() {
            return None;
        }
        let one = self.organization_ids.len() == 1 && !self.unnamed;
        let (their, for_each) = if one { ("its", "its") } else { ("their", "each organization's") };
        Some(format!(
            "GitHub left out {} whose SAML single sign-on this token is not authorized for: these figures do not include {their} seats. Authorize the token for {for_each} SSO (on GitHub: Settings \u{2192} Developer settings \u{2192} Personal access tokens \u{2192} Tokens (classic) \u{2192} Configure SSO beside this token \u{2192} Authorize) and load again.",
            self.organizations_phrase(IDS_IN_A_SENTENCE)
        ))
    }

    /// The same fact in a few words for an export's `coverage_note`, every kept id listed. `None` when
    /// nothing was left out.
    pub fn export_note(&self) -> Option<String> {
        (!self.is_empty()).then(|| {
            format!(
                "GitHub left out {}: SAML single sign-on not authorized for this token",
                self.organizations_phrase(MAX_ORGANIZATIONS_KEPT)
            )
        })
    }

    /// "1 organization (id 7)", "2 organizations (ids 7, 9)", "12 or more organizations (ids 1, …, 10 and 2
    /// more, and others)", "one or more organizations".
    fn organizations_phrase(&self, at_most: usize) -> String {
        let ids = &self.organization_ids;
        if ids.is_empty() {
            return "one or more organizations".to_owned();
        }
        let how_many = if self.unnamed { format!("{} or more", count(ids.len())) } else { count(ids.len()) };
        let noun = if ids.len() == 1 && !self.unnamed { "organization" } else { "organizations" };
        let label = if ids.len() == 1 { "id" } else { "ids" };
        let shown: Vec<String> = ids.iter().take(at_most).map(u64::to_string).collect();
        let mut list = shown.join(", ");
        if ids.len() > at_most {
            list.push_str(&format!(" and {} more", count(ids.len() - at_most)));
        }
        if self.unnamed {
            list.push_str(", and others GitHub did not name");
        }
        format!("{how_many} {noun} ({label} {list})")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn left_out(value: &str) -> SsoLeftOut {
        match SsoHeader::parse(value) {
            Some(SsoHeader::PartialResults(left_out)) => left_out,
            other => panic!("{value:?} read as {other:?}"),
        }
    }

    #[test]
    fn githubs_partial_results_header_names_the_organizations_by_id() {
        let parsed = left_out("partial-results; organizations=21955855,20582480");
        assert_eq!(parsed.organization_ids(), [21955855, 20582480]);
        assert!(!parsed.has_unnamed());
        assert!(!parsed.is_empty());
    }

    #[test]
    fn spaces_case_repeats_and_empty_items_do_not_change_the_list() {
        let parsed = left_out("Partial-Results ;organizations= 7, 9,,7 ");
        assert_eq!(parsed.organization_ids(), [7, 9]);
        assert!(!parsed.has_unnamed());
    }

    #[test]
    fn a_list_that_cannot_be_read_is_still_partial() {
        for value in ["partial-results", "partial-results; organizations=", "partial-results; organizations=acme"] {
            let parsed = left_out(value);
            assert!(parsed.organization_ids().is_empty() && parsed.has_unnamed(), "{value}");
            assert!(!parsed.is_empty(), "{value}");
        }
        let mixed = left_out("partial-results; organizations=5,acme");
        assert_eq!((mixed.organization_ids(), mixed.has_unnamed()), (&[5][..], true));
    }

    #[test]
    fn the_required_kind_keeps_its_authorization_address() {
        assert_eq!(
            SsoHeader::parse("required; url=https://github.com/orgs/acme/sso?authorization_request=A1"),
            Some(SsoHeader::Required {
                authorize_url: Some("https://github.com/orgs/acme/sso?authorization_request=A1".to_owned())
            })
        );
        assert_eq!(SsoHeader::parse("required"), Some(SsoHeader::Required { authorize_url: None }));
        assert_eq!(SsoHeader::parse("something-else; organizations=1"), None);
        assert_eq!(SsoHeader::parse(""), None);
    }

    #[test]
    fn a_response_without_the_header_left_nothing_out() {
        let plain = ResponseParts::new(200, vec![], "{}");
        assert!(SsoLeftOut::of(&plain).is_empty());
        let required = ResponseParts::new(200, vec![("X-GitHub-SSO".into(), "required; url=https://x".into())], "");
        assert!(SsoLeftOut::of(&required).is_empty(), "only partial-results leaves organizations out");
        let partial =
            ResponseParts::new(200, vec![("x-github-sso".into(), "partial-results; organizations=3".into())], "");
        assert_eq!(SsoLeftOut::of(&partial).organization_ids(), [3]);
    }

    #[test]
    fn pages_of_one_list_are_joined_each_organization_once_in_first_seen_order() {
        let mut all = SsoLeftOut::default();
        all.merge(&left_out("partial-results; organizations=21955855,20582480"));
        all.merge(&SsoLeftOut::default());
        all.merge(&left_out("partial-results; organizations=20582480,4"));
        assert_eq!(all.organization_ids(), [21955855, 20582480, 4]);
        assert!(!all.has_unnamed());
        all.merge(&left_out("partial-results"));
        assert!(all.has_unnamed());
    }

    #[test]
    fn a_hostile_list_keeps_at_most_the_cap_and_says_there_were_more() {
        let ids: Vec<String> = (0..5_000).map(|id| id.to_string()).collect();
        let parsed = left_out(&format!("partial-results; organizations={}", ids.join(",")));
        assert_eq!(parsed.organization_ids().len(), MAX_ORGANIZATIONS_KEPT);
        assert!(parsed.has_unnamed());
        // Counts read with separators; the ids stay as GitHub gave them.
        let warning = parsed.warning().expect("a warning");
        assert!(warning.starts_with("GitHub left out 1,000 or more organizations (ids 0, 1,"), "{warning}");
        assert!(warning.contains(", 9 and 990 more, and others GitHub did not name)"), "{warning}");
        assert!(parsed.export_note().is_some_and(|note| note.contains(", 999, and others")));
    }

    #[test]
    fn the_warning_names_the_organizations_and_how_to_authorize() {
        let warning = SsoLeftOut::organizations([21955855, 20582480]).warning().expect("a warning");
        assert_eq!(
            warning,
            "GitHub left out 2 organizations (ids 21955855, 20582480) whose SAML single sign-on this token is not authorized for: these figures do not include their seats. Authorize the token for each organization's SSO (on GitHub: Settings \u{2192} Developer settings \u{2192} Personal access tokens \u{2192} Tokens (classic) \u{2192} Configure SSO beside this token \u{2192} Authorize) and load again."
        );
        let one = SsoLeftOut::organizations([7]).warning().expect("a warning");
        assert!(one.starts_with("GitHub left out 1 organization (id 7) whose"), "{one}");
        assert!(one.contains("do not include its seats. Authorize the token for its SSO"), "{one}");
        assert_eq!(SsoLeftOut::default().warning(), None);
    }

    #[test]
    fn a_long_or_unreadable_list_is_worded_without_pretending_to_be_exact() {
        let many = SsoLeftOut::organizations(1..=12).warning().expect("a warning");
        assert!(
            many.starts_with("GitHub left out 12 organizations (ids 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 and 2 more) whose"),
            "{many}"
        );
        let unnamed = left_out("partial-results").warning().expect("a warning");
        assert!(unnamed.starts_with("GitHub left out one or more organizations whose"), "{unnamed}");
        let some = left_out("partial-results; organizations=5,x").warning().expect("a warning");
        assert!(
            some.starts_with("GitHub left out 1 or more organizations (id 5, and others GitHub did not name) whose"),
            "{some}"
        );
    }

    #[test]
    fn the_export_note_lists_every_kept_id() {
        let note = SsoLeftOut::organizations(1..=12).export_note().expect("a note");
        assert!(note.contains("(ids 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12)"), "{note}");
        assert!(
            note.ends_with(
                "(ids 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12): SAML single sign-on not authorized for this token"
            ),
            "{note}"
        );
        assert_eq!(SsoLeftOut::default().export_note(), None);
    }
}
