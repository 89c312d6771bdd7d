//! Where the API lives: GitHub.com, GitHub Enterprise Cloud with data residency (`api.SUBDOMAIN.ghe.com`),
//! a GitHub Enterprise Server (`https://HOST/api/v3`) or a local sandbox on the loopback interface.
//!
//! The token goes to this host and nowhere else, so the base is validated strictly: HTTPS, or plain HTTP
//! only to loopback; no credentials, query or fragment that could redirect or leak it.

use crate::names::is_valid_ghe_subdomain;

/// A validated API base URL, without a trailing slash.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ApiBase(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ApiBaseError {
    #[error("Enter the API address, for example https://api.github.com.")]
    Empty,
    #[error(
        "The API address must start with https:// (plain http:// is allowed only for 127.0.0.1, localhost or [::1])."
    )]
    InsecureOrMissingScheme,
    #[error("The API address has no host name.")]
    MissingHost,
    #[error("The API address must not contain a user name, password, query (?) or fragment (#).")]
    ForbiddenPart,
    #[error("The API address contains characters that are not allowed in a host name or path.")]
    InvalidCharacters,
    #[error(
        "A GHE.com subdomain has 1 to 63 lowercase letters, digits and hyphens, and no leading or trailing hyphen."
    )]
    InvalidSubdomain,
}

impl ApiBase {
    pub const GITHUB_COM: &'static str = "https://api.github.com";

    pub fn github_com() -> Self {
        Self(Self::GITHUB_COM.to_owned())
    }

    /// GitHub Enterprise Cloud with data residency: `https://api.SUBDOMAIN.ghe.com`.
    pub fn ghe_com(subdomain: &str) -> Result<Self, ApiBaseError> {
        let subdomain = subdomain.trim().to_ascii_lowercase();
        if !is_valid_ghe_subdomain(&subdomain) {
            return Err(ApiBaseError::InvalidSubdomain);
        }
        Ok(Self(format!("https://api.{subdomain}.ghe.com")))
    }

    /// A URL typed by a person: a GitHub Enterprise Server (`https://HOST/api/v3`) or a local sandbox.
    pub fn custom(raw: &str) -> Result<Self, ApiBaseError> {
        let raw = raw.trim();
        if raw.is_empty() {
            return Err(ApiBaseError::Empty);
        }
        let lower = raw.to_ascii_lowercase();
        let (secure, rest) = if let Some(rest) = lower.strip_prefix("https://") {
            (true, &raw[raw.len() - rest.len()..])
        } else if let Some(rest) = lower.strip_prefix("http://") {
            (false, &raw[raw.len() - rest.len()..])
        } else {
            return Err(ApiBaseError::InsecureOrMissingScheme);
        };
        if rest.contains(['@', '?', '#']) {
            return Err(ApiBaseError::ForbiddenPart);
        }
        let (authority, path) = match rest.find('/') {
            Some(slash) => (&rest[..slash], &rest[slash..]),
            None => (rest, ""),
        };
        if authority.is_empty() {
            return Err(ApiBaseError::MissingHost);
        }
        let host_chars_ok =
            authority.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b':' | b'[' | b']'));
        let path_chars_ok =
            path.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'/' | b'.' | b'-' | b'_' | b'~'));
        if !host_chars_ok || !path_chars_ok {
            return Err(ApiBaseError::InvalidCharacters);
        }
        if !secure && !is_loopback(authority) {
            return Err(ApiBaseError::InsecureOrMissingScheme);
        }
        let scheme = if secure { "https" } else { "http" };
        let path = path.trim_end_matches('/');
        Ok(Self(format!("{scheme}://{}{path}", authority.to_ascii_lowercase())))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The origin (scheme, host, port) the page will talk to: what a request log is checked against.
    pub fn origin(&self) -> &str {
        let after_scheme = self.0.find("://").map_or(0, |i| i + 3);
        match self.0[after_scheme..].find('/') {
            Some(slash) => &self.0[..after_scheme + slash],
            None => &self.0,
        }
    }
}

impl std::fmt::Display for ApiBase {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Plain HTTP is allowed only here, so the host is parsed, not prefix-matched: `127.0.0.1.nip.io` and
/// `localhost.attacker.example` are names anyone can point anywhere.
pub(crate) fn is_loopback(authority: &str) -> bool {
    let ip = if let Some(rest) = authority.strip_prefix('[') {
        let Some((host, after)) = rest.split_once(']') else { return false };
        if !(after.is_empty() || after.starts_with(':')) {
            return false;
        }
        host.parse::<std::net::Ipv6Addr>().map(std::net::IpAddr::V6)
    } else {
        let host = authority.split(':').next().unwrap_or_default();
        if host.eq_ignore_ascii_case("localhost") {
            return true;
        }
        host.parse::<std::net::Ipv4Addr>().map(std::net::IpAddr::V4)
    };
    ip.is_ok_and(|ip| ip.is_loopback())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn github_com_and_ghe_com_bases() {
        assert_eq!(ApiBase::github_com().as_str(), "https://api.github.com");
        assert_eq!(ApiBase::ghe_com("Octo-Corp").unwrap().as_str(), "https://api.octo-corp.ghe.com");
        assert_eq!(ApiBase::ghe_com("-bad"), Err(ApiBaseError::InvalidSubdomain));
        assert_eq!(ApiBase::ghe_com("a.b"), Err(ApiBaseError::InvalidSubdomain));
    }

    #[test]
    fn enterprise_server_and_sandbox_bases_are_accepted() {
        assert_eq!(
            ApiBase::custom("https://ghes.example.com/api/v3/").unwrap().as_str(),
            "https://ghes.example.com/api/v3"
        );
        assert_eq!(ApiBase::custom("http://127.0.0.1:8787").unwrap().as_str(), "http://127.0.0.1:8787");
        assert_eq!(ApiBase::custom("http://localhost:1/").unwrap().as_str(), "http://localhost:1");
        assert_eq!(ApiBase::custom("http://[::1]:9").unwrap().as_str(), "http://[::1]:9");
    }

    #[test]
    fn plain_http_is_allowed_for_every_loopback_address() {
        for base in ["http://127.0.0.2:8787", "http://[::1]:9", "http://localhost", "http://LOCALHOST:3"] {
            assert!(ApiBase::custom(base).is_ok(), "{base} is loopback");
        }
    }

    #[test]
    fn plain_http_to_a_name_that_only_starts_like_loopback_is_refused() {
        for base in [
            "http://127.0.0.1.nip.io",
            "http://127.attacker.example",
            "http://localhost.attacker.example",
            "http://[::1].attacker.example",
            "http://[::2]:9",
        ] {
            assert_eq!(ApiBase::custom(base), Err(ApiBaseError::InsecureOrMissingScheme), "{base}");
        }
    }

    #[test]
    fn plain_http_to_a_remote_host_is_refused() {
        assert_eq!(ApiBase::custom("http://api.github.com"), Err(ApiBaseError::InsecureOrMissingScheme));
        assert_eq!(ApiBase::custom("api.github.com"), Err(ApiBaseError::InsecureOrMissingScheme));
        assert_eq!(ApiBase::custom("ftp://x"), Err(ApiBaseError::InsecureOrMissingScheme));
    }

    #[test]
    fn parts_that_could_redirect_the_token_are_refused() {
        assert_eq!(ApiBase::custom("https://user:pw@evil.com"), Err(ApiBaseError::ForbiddenPart));
        assert_eq!(ApiBase::custom("https://api.github.com@evil.com"), Err(ApiBaseError::ForbiddenPart));
        assert_eq!(ApiBase::custom("https://a.com/?x=1"), Err(ApiBaseError::ForbiddenPart));
        assert_eq!(ApiBase::custom("https://a.com/#x"), Err(ApiBaseError::ForbiddenPart));
        assert_eq!(ApiBase::custom("https:///path"), Err(ApiBaseError::MissingHost));
        assert_eq!(ApiBase::custom("https://a b.com"), Err(ApiBaseError::InvalidCharacters));
        assert_eq!(ApiBase::custom(""), Err(ApiBaseError::Empty));
    }

    #[test]
    fn origin_drops_the_path() {
        assert_eq!(ApiBase::custom("https://ghes.example.com/api/v3").unwrap().origin(), "https://ghes.example.com");
        assert_eq!(ApiBase::github_com().origin(), "https://api.github.com");
    }
}
