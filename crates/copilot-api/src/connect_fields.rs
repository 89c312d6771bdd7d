//! The fields of the connect form, as typed, and what they ask for once read: which API host, whose
//! seats, with which token. Nothing is sent before every field has passed.
//!
//! They hold the raw token before it becomes a [`crate::Token`], so their `Debug` output redacts it the
//! same way: a panic message or a log line that prints the form never shows the token.

use crate::api_base::{ApiBase, ApiBaseError};
use crate::insight::view_state::HostChoice;
use crate::names::{name_problem, NameKind};
use crate::scope::Scope;
use crate::token::Token;

/// Which API host a person picked in the form's first menu.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HostKind {
    GitHubCom,
    GheCom,
    Custom,
    Demo,
}

impl HostKind {
    /// In the order the menu offers them.
    pub const ALL: [HostKind; 4] = [Self::GitHubCom, Self::GheCom, Self::Custom, Self::Demo];

    /// The menu's value, and the URL's `host=`.
    pub fn key(self) -> &'static str {
        match self {
            Self::GitHubCom => "github",
            Self::GheCom => "ghe",
            Self::Custom => "custom",
            Self::Demo => "demo",
        }
    }

    /// Anything else is GitHub.com.
    pub fn from_key(key: &str) -> Self {
        Self::ALL.into_iter().find(|host| host.key() == key).unwrap_or(Self::GitHubCom)
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::GitHubCom => "GitHub.com",
            Self::GheCom => "GHE.com (data residency)",
            Self::Custom => "Custom URL (Enterprise Server or sandbox)",
            Self::Demo => "Demo (in this page, no token)",
        }
    }

    /// The API base the host fields name (the demo has none of its own: it answers in the page).
    pub fn api_base(self, subdomain: &str, custom_url: &str) -> Result<ApiBase, ApiBaseError> {
        match self {
            Self::GheCom => ApiBase::ghe_com(subdomain),
            Self::Custom => ApiBase::custom(custom_url),
            Self::GitHubCom | Self::Demo => Ok(ApiBase::github_com()),
        }
    }
}

/// Where a connection goes: the in-page demo, or an API host with a token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConnectTarget {
    Demo,
    Api { base: ApiBase, token: Token },
}

/// What a filled-in form asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConnectRequest {
    pub scope: Scope,
    pub target: ConnectTarget,
}

/// The sentence for a token field that does not hold a token.
pub const NOT_A_TOKEN: &str = "Paste a GitHub token: it has letters, digits and underscores, and no spaces.";

/// The fields of the connect form, as typed.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct ConnectFields {
    pub subdomain: String,
    pub custom_url: String,
    pub enterprise_scope: bool,
    pub name: String,
    pub token: String,
}

impl std::fmt::Debug for ConnectFields {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let token = if self.token.is_empty() { "empty" } else { "redacted" };
        f.debug_struct("ConnectFields")
            .field("subdomain", &self.subdomain)
            .field("custom_url", &self.custom_url)
            .field("enterprise_scope", &self.enterprise_scope)
            .field("name", &self.name)
            .field("token", &format_args!("{token}"))
            .finish()
    }
}

impl ConnectFields {
    /// The form read: the organization or enterprise name, then the host's address, then the token; the
    /// first problem found is the sentence to show.
    pub fn read(&self, host: HostKind) -> Result<ConnectRequest, String> {
        let name = self.name.trim().to_owned();
        let kind = if self.enterprise_scope { NameKind::Enterprise } else { NameKind::Organization };
        if let Some(problem) = name_problem(&name, kind) {
            return Err(problem);
        }
        let scope = if self.enterprise_scope { Scope::Enterprise(name) } else { Scope::Organization(name) };
        if host == HostKind::Demo {
            return Ok(ConnectRequest { scope, target: ConnectTarget::Demo });
        }
        let base = host.api_base(&self.subdomain, &self.custom_url).map_err(|problem| problem.to_string())?;
        let token = Token::new(&self.token).ok_or_else(|| NOT_A_TOKEN.to_owned())?;
        Ok(ConnectRequest { scope, target: ConnectTarget::Api { base, token } })
    }

    /// What goes into the URL once connected (never the token), so the view can be shared.
    pub fn host_choice(&self, host: HostKind, base: &ApiBase) -> HostChoice {
        match host {
            HostKind::Demo => HostChoice::Demo,
            HostKind::GheCom => HostChoice::GheCom { subdomain: self.subdomain.trim().to_ascii_lowercase() },
            HostKind::Custom => HostChoice::Custom(base.clone()),
            HostKind::GitHubCom => HostChoice::GitHub,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(name: &str, token: &str) -> ConnectFields {
        ConnectFields { name: name.to_owned(), token: token.to_owned(), ..ConnectFields::default() }
    }

    #[test]
    fn every_host_key_reads_back_and_anything_else_is_github() {
        for host in HostKind::ALL {
            assert_eq!(HostKind::from_key(host.key()), host);
        }
        assert_eq!(HostKind::from_key("elsewhere"), HostKind::GitHubCom);
    }

    #[test]
    fn the_name_is_checked_first_then_the_address_then_the_token() {
        let bad_name = fields("../admin", "not a token").read(HostKind::Custom).expect_err("a bad name");
        assert!(!bad_name.contains("token"), "{bad_name}");
        let bad_address = fields("acme", "not a token").read(HostKind::Custom).expect_err("no address");
        assert_ne!(bad_address, NOT_A_TOKEN);
        assert_eq!(fields("acme", "not a token").read(HostKind::GitHubCom), Err(NOT_A_TOKEN.to_owned()));
    }

    #[test]
    fn the_demo_needs_no_token_and_an_enterprise_is_its_scope() {
        let demo = fields(" acme ", "").read(HostKind::Demo).expect("the demo");
        assert_eq!(demo, ConnectRequest { scope: Scope::Organization("acme".into()), target: ConnectTarget::Demo });
        let enterprise = ConnectFields { enterprise_scope: true, ..fields("acme-corp", "ghp_abc123") };
        let request = enterprise.read(HostKind::GitHubCom).expect("a connection");
        assert_eq!(request.scope, Scope::Enterprise("acme-corp".into()));
        assert!(matches!(request.target, ConnectTarget::Api { ref base, .. } if *base == ApiBase::github_com()));
    }

    #[test]
    fn the_url_keeps_the_host_but_never_the_token() {
        let ghe = ConnectFields { subdomain: " Octo ".into(), ..fields("acme", "ghp_abc123") };
        let base = ApiBase::ghe_com("octo").expect("a subdomain");
        assert_eq!(ghe.host_choice(HostKind::GheCom, &base), HostChoice::GheCom { subdomain: "octo".into() });
        assert_eq!(ghe.host_choice(HostKind::Demo, &base), HostChoice::Demo);
    }

    #[test]
    fn debug_output_shows_the_fields_but_never_the_token() {
        let fields = ConnectFields {
            subdomain: "octo".to_owned(),
            custom_url: "http://127.0.0.1:8787".to_owned(),
            enterprise_scope: false,
            name: "acme".to_owned(),
            token: "ghp_SecretValue123".to_owned(),
        };
        for shown in [format!("{fields:?}"), format!("{fields:#?}")] {
            assert!(!shown.contains("SecretValue123"), "{shown}");
            assert!(!shown.contains("ghp_"), "{shown}");
            assert!(shown.contains("acme") && shown.contains("redacted"), "{shown}");
        }
    }
}
