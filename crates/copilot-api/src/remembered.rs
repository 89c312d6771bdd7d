//! The token a person asked this tab to remember: stored with the API base it was used for and the time
//! it was remembered, so it is offered again only to that same host and only for a few hours.
//!
//! `sessionStorage` is not "gone when the tab closes": Reopen Closed Tab, session restore and Duplicate Tab
//! bring it back, and browsers write it to the profile on disk. The expiry and the host binding are what
//! keep a remembered token from outliving what the label promises or being steered to another host.

use serde::{Deserialize, Serialize};

use crate::{ApiBase, Token};

/// How long a remembered token is offered again.
pub const REMEMBER_HOURS: i64 = 8;
const REMEMBER_FOR_MS: i64 = REMEMBER_HOURS * 60 * 60 * 1000;

/// The remember checkbox's label: the promise the expiry keeps.
pub const REMEMBER_LABEL: &str = "Remember the token in this tab for 8 hours (sessionStorage)";
/// The workspace's Disconnect button: disconnecting also forgets the remembered token.
pub const DISCONNECT_LABEL: &str = "Disconnect and forget the token";

/// A remembered token, its API base and when it was remembered (milliseconds since the Unix epoch, as
/// `Date.now()` gives them).
#[derive(Clone, PartialEq, Eq)]
pub struct RememberedToken {
    token: Token,
    base: ApiBase,
    remembered_at_ms: i64,
}

/// The stored form: a small JSON record.
#[derive(Serialize, Deserialize)]
struct Record {
    token: String,
    base: String,
    remembered_at_ms: i64,
}

impl RememberedToken {
    pub fn new(token: Token, base: ApiBase, remembered_at_ms: i64) -> Self {
        Self { token, base, remembered_at_ms }
    }

    /// The record to store.
    pub fn to_json(&self) -> String {
        let record = Record {
            token: self.token.expose().to_owned(),
            base: self.base.as_str().to_owned(),
            remembered_at_ms: self.remembered_at_ms,
        };
        // A struct of two strings and an integer always serialises.
        serde_json::to_string(&record).unwrap_or_default()
    }

    /// A stored record, or `None` for anything malformed (an old bare token, a hand-edited value): a
    /// record that cannot be read means nothing is remembered.
    pub fn from_json(raw: &str) -> Option<Self> {
        let record: Record = serde_json::from_str(raw).ok()?;
        let token = Token::new(&record.token)?;
        let base = ApiBase::custom(&record.base).ok().filter(|base| base.as_str() == record.base)?;
        Some(Self { token, base, remembered_at_ms: record.remembered_at_ms })
    }

    /// Whether this token may be offered for `base` at `now_ms`: the same base, and remembered less than
    /// eight hours ago (a time in the future, from a clock moved back, is not trusted either).
    pub fn is_valid_for(&self, base: &ApiBase, now_ms: i64) -> bool {
        let age = now_ms.saturating_sub(self.remembered_at_ms);
        self.base == *base && (0..REMEMBER_FOR_MS).contains(&age)
    }

    /// The token to pre-fill for `base` at `now_ms`, from a stored record, if it is still valid.
    pub fn token_for(raw: &str, base: &ApiBase, now_ms: i64) -> Option<Token> {
        Self::from_json(raw).filter(|record| record.is_valid_for(base, now_ms)).map(|record| record.token)
    }
}

impl std::fmt::Debug for RememberedToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RememberedToken")
            .field("token", &self.token)
            .field("base", &self.base)
            .field("remembered_at_ms", &self.remembered_at_ms)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECRET: &str = "ghp_rememberedSecret123";
    const AT: i64 = 1_800_000_000_000;

    fn github() -> ApiBase {
        ApiBase::github_com()
    }

    fn stored() -> String {
        RememberedToken::new(Token::new(SECRET).unwrap(), github(), AT).to_json()
    }

    #[test]
    fn a_fresh_record_gives_its_token_back_for_its_own_base() {
        let token = RememberedToken::token_for(&stored(), &github(), AT + 1);
        assert_eq!(token.as_ref().map(Token::expose), Some(SECRET));
    }

    #[test]
    fn the_token_expires_exactly_eight_hours_after_it_was_remembered() {
        let eight_hours = 8 * 60 * 60 * 1000;
        assert!(RememberedToken::token_for(&stored(), &github(), AT + eight_hours - 1).is_some());
        assert!(RememberedToken::token_for(&stored(), &github(), AT + eight_hours).is_none());
    }

    #[test]
    fn a_record_from_the_future_is_not_trusted() {
        assert!(RememberedToken::token_for(&stored(), &github(), AT - 1).is_none());
    }

    #[test]
    fn another_base_gets_nothing() {
        let loopback = ApiBase::custom("http://127.0.0.1:4444").unwrap();
        assert!(RememberedToken::token_for(&stored(), &loopback, AT + 1).is_none());
        let ghe = ApiBase::ghe_com("octocorp").unwrap();
        assert!(RememberedToken::token_for(&stored(), &ghe, AT + 1).is_none());
    }

    #[test]
    fn malformed_records_mean_nothing_is_remembered() {
        let malformed = [
            "",
            SECRET,
            "{}",
            "null",
            r#"{"token":"ghp_x","base":"https://api.github.com"}"#,
            r#"{"token":"has space","base":"https://api.github.com","remembered_at_ms":1800000000000}"#,
            r#"{"token":"ghp_x","base":"ftp://api.github.com","remembered_at_ms":1800000000000}"#,
            r#"{"token":"ghp_x","base":"https://API.github.com/","remembered_at_ms":1800000000000}"#,
            r#"{"token":"ghp_x","base":"https://api.github.com","remembered_at_ms":"soon"}"#,
            r#"{"token":"ghp_x","base":"https://api.github.com","remembered_at_ms":1e400}"#,
        ];
        for raw in malformed {
            assert!(RememberedToken::from_json(raw).is_none(), "{raw} was accepted");
        }
    }

    #[test]
    fn the_stored_record_reads_back_as_it_was_written() {
        let record = RememberedToken::new(Token::new(SECRET).unwrap(), github(), AT);
        assert_eq!(RememberedToken::from_json(&record.to_json()), Some(record));
    }

    #[test]
    fn debug_never_shows_the_token() {
        let record = RememberedToken::new(Token::new(SECRET).unwrap(), github(), AT);
        let shown = format!("{record:?}");
        assert!(!shown.contains(SECRET), "{shown}");
        assert!(shown.contains("api.github.com"), "{shown}");
    }

    #[test]
    fn the_label_states_the_expiry_it_enforces() {
        assert!(REMEMBER_LABEL.contains(&format!("{REMEMBER_HOURS} hours")));
    }
}
