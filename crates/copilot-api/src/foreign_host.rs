//! An API address that is neither GitHub's own nor this machine: the token will be sent to whoever runs
//! it. The connect form says so while that address is on it, and when the address came from a link (which
//! anyone can write: `?host=custom&api=https://api.attacker.example`) rather than from the person's own
//! typing, it connects only after an explicit yes.

use crate::api_base::{is_loopback, ApiBase};

/// The host part (`host[:port]`) of an API address that is not GitHub's and not loopback.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ForeignHost {
    host: String,
}

/// Where the API address on the connect form came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AddressSource {
    /// The person typed it (or changed what a link had put there).
    Typed,
    /// A link put it there, and the field was not touched since.
    Link,
}

/// GitHub's own hosts: GitHub.com and every name under it, and every name under GHE.com (data
/// residency). GitHub runs them all, so a token sent there goes to GitHub.
fn is_githubs(host: &str) -> bool {
    host == "github.com" || host.ends_with(".github.com") || host.ends_with(".ghe.com")
}

impl ForeignHost {
    /// The foreign host `base` names, if it is one.
    pub fn of(base: &ApiBase) -> Option<Self> {
        let origin = base.origin();
        let authority = origin.split_once("://").map_or(origin, |(_, rest)| rest);
        let host_name = match authority.strip_prefix('[') {
            Some(_) => authority,
            None => authority.split(':').next().unwrap_or_default(),
        };
        if is_githubs(host_name) || is_loopback(authority) {
            return None;
        }
        Some(Self { host: authority.to_owned() })
    }

    pub fn host(&self) -> &str {
        &self.host
    }

    /// Whether connecting needs the person's explicit yes first: only for an address a link put there.
    pub fn needs_confirmation(&self, source: AddressSource) -> bool {
        source == AddressSource::Link
    }

    /// What the form says under the address while it names this host.
    pub fn warning(&self) -> String {
        format!(
            "Your token will be sent to {host}, which is not GitHub.com or GHE.com. Connect only if {host} is your own organization's GitHub Enterprise Server: whoever runs it can act as you with this token.",
            host = self.host
        )
    }

    /// The checkbox that gives the explicit yes, when a link put the address there.
    pub fn confirmation_label(&self) -> String {
        format!(
            "This address came from a link. I know {host}: it is my own GitHub Enterprise Server, and I want to send my token there.",
            host = self.host
        )
    }

    /// What Connect says when pressed before that yes; nothing has been sent.
    pub fn unconfirmed_problem(&self) -> String {
        format!(
            "Nothing was sent. The API address {host} came from a link, not from you: tick the box under it if {host} is your own GitHub Enterprise Server, or choose GitHub.com or GHE.com.",
            host = self.host
        )
    }
}

/// Whether Connect may send anything to `base`: `Err` with what it says instead when a link put a foreign
/// address on the form and the person has not said yes to that host (`confirmed_host`) yet.
pub fn connect_permission(base: &ApiBase, source: AddressSource, confirmed_host: Option<&str>) -> Result<(), String> {
    match ForeignHost::of(base) {
        Some(foreign) if foreign.needs_confirmation(source) && confirmed_host != Some(foreign.host()) => {
            Err(foreign.unconfirmed_problem())
        }
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn foreign(raw: &str) -> Option<ForeignHost> {
        ForeignHost::of(&ApiBase::custom(raw).unwrap())
    }

    #[test]
    fn githubs_own_hosts_and_loopback_are_not_foreign() {
        assert_eq!(ForeignHost::of(&ApiBase::github_com()), None);
        assert_eq!(ForeignHost::of(&ApiBase::ghe_com("octocorp").unwrap()), None);
        for raw in [
            "https://api.github.com",
            "https://github.com",
            "https://API.octocorp.GHE.com",
            "http://127.0.0.1:8787",
            "https://localhost:9443",
            "http://[::1]:9",
        ] {
            assert_eq!(foreign(raw), None, "{raw}");
        }
    }

    #[test]
    fn an_enterprise_server_and_look_alikes_of_githubs_hosts_are_foreign() {
        for (raw, host) in [
            ("https://github.example.com/api/v3", "github.example.com"),
            ("https://api.attacker.example", "api.attacker.example"),
            ("https://ghes.example:8443/api/v3", "ghes.example:8443"),
            ("https://api.github.com.attacker.example", "api.github.com.attacker.example"),
            ("https://ghe.com.attacker.example", "ghe.com.attacker.example"),
            ("https://localhost.attacker.example", "localhost.attacker.example"),
        ] {
            assert_eq!(foreign(raw).map(|f| f.host().to_owned()), Some(host.to_owned()), "{raw}");
        }
    }

    #[test]
    fn only_an_address_from_a_link_needs_the_explicit_yes() {
        let host = foreign("https://ghes.example/api/v3").unwrap();
        assert!(host.needs_confirmation(AddressSource::Link));
        assert!(!host.needs_confirmation(AddressSource::Typed));
    }

    #[test]
    fn connect_waits_for_a_yes_to_that_very_host_only_when_a_link_named_it() {
        let ghes = ApiBase::custom("https://ghes.example/api/v3").unwrap();
        assert!(connect_permission(&ghes, AddressSource::Link, None).is_err());
        assert!(connect_permission(&ghes, AddressSource::Link, Some("other.example")).is_err());
        assert_eq!(connect_permission(&ghes, AddressSource::Link, Some("ghes.example")), Ok(()));
        assert_eq!(connect_permission(&ghes, AddressSource::Typed, None), Ok(()));
        let sandbox = ApiBase::custom("http://127.0.0.1:8787").unwrap();
        assert_eq!(connect_permission(&sandbox, AddressSource::Link, None), Ok(()));
        assert_eq!(connect_permission(&ApiBase::github_com(), AddressSource::Link, None), Ok(()));
    }

    #[test]
    fn every_sentence_names_the_host() {
        let host = foreign("https://api.attacker.example").unwrap();
        for sentence in [host.warning(), host.confirmation_label(), host.unconfirmed_problem()] {
            assert!(sentence.contains("api.attacker.example"), "{sentence}");
        }
        assert!(host.warning().contains("token will be sent to"));
        assert!(host.unconfirmed_problem().starts_with("Nothing was sent."));
    }
}
