//! Validation of every name a person types: user logins, organization logins, enterprise slugs, team
//! slugs, and lists of them pasted from a spreadsheet or a chat.
//!
//! A name reaches a URL only after it passed here, and even then it is percent-encoded (see `request`).

use crate::format::count;

/// What kind of name a list holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameKind {
    User,
    Organization,
    Enterprise,
    Team,
}

impl NameKind {
    fn noun(self) -> &'static str {
        match self {
            Self::User => "username",
            Self::Organization => "organization name",
            Self::Enterprise => "enterprise slug",
            Self::Team => "team slug",
        }
    }
}

/// Longest GitHub login (users and organizations).
pub const MAX_LOGIN_LEN: usize = 39;
/// Longest team slug we accept; GitHub's own limit on team names is 255.
pub const MAX_TEAM_SLUG_LEN: usize = 255;

/// Why a name was refused, in words a person can act on.
pub fn name_problem(name: &str, kind: NameKind) -> Option<String> {
    let noun = kind.noun();
    if name.is_empty() {
        return Some(format!("The {noun} is empty."));
    }
    match kind {
        NameKind::User | NameKind::Organization => login_problem(name, noun),
        NameKind::Enterprise => slug_problem(name, noun, MAX_LOGIN_LEN * 2, false),
        NameKind::Team => slug_problem(name, noun, MAX_TEAM_SLUG_LEN, true),
    }
}

pub fn is_valid_name(name: &str, kind: NameKind) -> bool {
    name_problem(name, kind).is_none()
}

/// GitHub's login rules: 1 to 39 letters, digits and single hyphens, no hyphen at either end.
fn login_problem(name: &str, noun: &str) -> Option<String> {
    let length = name.chars().count();
    if length > MAX_LOGIN_LEN {
        return Some(format!("A {noun} has at most {MAX_LOGIN_LEN} characters; this one has {}.", count(length)));
    }
    if let Some(bad) = name.chars().find(|c| !(c.is_ascii_alphanumeric() || *c == '-')) {
        return Some(format!("A {noun} may contain only letters, digits and hyphens, not {bad:?}."));
    }
    if name.starts_with('-') || name.ends_with('-') {
        return Some(format!("A {noun} cannot begin or end with a hyphen."));
    }
    if name.contains("--") {
        return Some(format!("A {noun} cannot contain two hyphens in a row."));
    }
    None
}

/// Slugs: letters, digits, hyphens (and underscores for teams), no hyphen at either end.
fn slug_problem(name: &str, noun: &str, max: usize, allow_underscore: bool) -> Option<String> {
    let length = name.chars().count();
    if length > max {
        return Some(format!("A {noun} has at most {max} characters; this one has {}.", count(length)));
    }
    let allowed = |c: char| c.is_ascii_alphanumeric() || c == '-' || (allow_underscore && c == '_');
    if let Some(bad) = name.chars().find(|c| !allowed(*c)) {
        let what =
            if allow_underscore { "letters, digits, hyphens and underscores" } else { "letters, digits and hyphens" };
        return Some(format!("A {noun} may contain only {what}, not {bad:?}."));
    }
    if name.starts_with('-') || name.ends_with('-') {
        return Some(format!("A {noun} cannot begin or end with a hyphen."));
    }
    None
}

/// A GHE.com subdomain: a DNS label of lowercase letters, digits and hyphens.
pub fn is_valid_ghe_subdomain(subdomain: &str) -> bool {
    (1..=63).contains(&subdomain.len())
        && subdomain.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !subdomain.starts_with('-')
        && !subdomain.ends_with('-')
}

/// An entry of a pasted list that was left out, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RejectedName {
    pub entry: String,
    pub reason: String,
}

/// A pasted list, cleaned: the valid names in the order first seen, and what was left out.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NameList {
    pub valid: Vec<String>,
    pub rejected: Vec<RejectedName>,
    /// Entries that repeated an earlier one (compared without regard to case, as GitHub does).
    pub duplicates: Vec<String>,
}

/// Parses a list typed or pasted by a person: separated by commas, semicolons, white space or new lines;
/// a leading `@` is dropped; blank entries are ignored; duplicates (any case) are merged.
pub fn parse_name_list(input: &str, kind: NameKind) -> NameList {
    let mut list = NameList::default();
    let mut seen = std::collections::HashSet::new();
    let entries = input
        .split(|c: char| c == ',' || c == ';' || c.is_whitespace())
        .map(|entry| entry.trim_matches(|c: char| c == '"' || c == '\''))
        .filter(|entry| !entry.is_empty());
    for entry in entries {
        let name = entry.strip_prefix('@').unwrap_or(entry);
        if let Some(reason) = name_problem(name, kind) {
            list.rejected.push(RejectedName { entry: entry.to_owned(), reason });
        } else if seen.insert(name.to_ascii_lowercase()) {
            list.valid.push(name.to_owned());
        } else {
            list.duplicates.push(name.to_owned());
        }
    }
    list
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn logins_follow_github_rules() {
        for good in ["a", "octocat", "Octo-Cat", "a1-b2-c3", &"x".repeat(39)] {
            assert!(is_valid_name(good, NameKind::User), "{good}");
        }
        for bad in ["", "-a", "a-", "a--b", "a_b", "a.b", "a/b", &"x".repeat(40), "é", "a b"] {
            assert!(!is_valid_name(bad, NameKind::User), "{bad}");
        }
    }

    #[test]
    fn a_name_too_long_says_how_long_it_is_in_words_a_person_reads() {
        assert_eq!(
            name_problem(&"x".repeat(40), NameKind::User).as_deref(),
            Some("A username has at most 39 characters; this one has 40.")
        );
        assert_eq!(
            name_problem(&"x".repeat(5_000), NameKind::Team).as_deref(),
            Some("A team slug has at most 255 characters; this one has 5,000.")
        );
    }

    #[test]
    fn organization_names_cannot_escape_the_path() {
        assert!(name_problem("a/../b", NameKind::Organization).is_some());
        assert!(name_problem("..", NameKind::Organization).is_some());
        assert!(name_problem("a%2fb", NameKind::Organization).is_some());
    }

    #[test]
    fn team_slugs_allow_underscores_but_not_spaces() {
        assert!(is_valid_name("eng_team-1", NameKind::Team));
        assert!(!is_valid_name("eng team", NameKind::Team));
        assert!(!is_valid_name("-eng", NameKind::Team));
    }

    #[test]
    fn pasted_lists_are_split_cleaned_and_merged() {
        let list = parse_name_list("@octocat, hubot\n\n  Octocat;mona  @bad_name ,, -x", NameKind::User);
        assert_eq!(list.valid, vec!["octocat", "hubot", "mona"]);
        assert_eq!(list.duplicates, vec!["Octocat"]);
        let rejected: Vec<_> = list.rejected.iter().map(|r| r.entry.as_str()).collect();
        assert_eq!(rejected, vec!["@bad_name", "-x"]);
        assert!(list.rejected[0].reason.contains("only letters, digits and hyphens"));
        assert!(list.rejected[1].reason.contains("hyphen"));
    }

    #[test]
    fn an_empty_paste_gives_an_empty_list() {
        assert_eq!(parse_name_list(" \n\t,, ", NameKind::Team), NameList::default());
    }

    #[test]
    fn a_lone_at_sign_is_rejected_with_a_reason() {
        let list = parse_name_list("@", NameKind::User);
        assert!(list.valid.is_empty());
        assert_eq!(list.rejected[0].reason, "The username is empty.");
    }
}
