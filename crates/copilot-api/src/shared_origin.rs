//! Whether the page is served from an origin other sites share, and what it then says and refrains from.
//!
//! At `OWNER.github.io/REPO/` every GitHub Pages project site of that owner has the same origin: any of
//! them can read this page's `sessionStorage` (a remembered token), or register a service worker at `/`
//! that serves a changed copy of this page from then on. The page cannot prevent either, so there it warns
//! and never offers to remember the token. (A custom domain gives the app an origin of its own.)

/// A shared origin the page runs on: the host name, and who shares it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SharedOrigin {
    host: String,
    owner: String,
}

/// The suffix of GitHub Pages' shared hosts (`OWNER.github.io`).
const GITHUB_PAGES_SUFFIX: &str = ".github.io";

impl SharedOrigin {
    /// The shared origin `hostname` (as `location.hostname` gives it) is, if it is one: any name under
    /// `github.io`, in any case and with or without the trailing dot of a fully qualified name.
    pub fn of(hostname: &str) -> Option<Self> {
        let host = hostname.trim().trim_end_matches('.').to_ascii_lowercase();
        let owner = host.strip_suffix(GITHUB_PAGES_SUFFIX)?;
        // `octo.github.io` is octo's; a deeper name (`a.octo.github.io`) is not served by Pages, but
        // shares nothing less, so it counts too, named by its last label.
        let owner = owner.rsplit('.').next().filter(|label| !label.is_empty())?.to_owned();
        Some(Self { host, owner })
    }

    pub fn host(&self) -> &str {
        &self.host
    }

    /// What the connect form says in place of the "remember" checkbox, which a shared origin never shows.
    pub fn warning(&self) -> String {
        format!(
            "This copy of the app runs at {host}, an address shared by every GitHub Pages site of {owner}: any of them can read what this page keeps in the browser, or make the browser load a changed copy of this page. So the token is not remembered here; paste it each time. Whoever publishes this app should give it a domain of its own (see the README, \u{201c}Publishing and self-hosting\u{201d}).",
            host = self.host,
            owner = self.owner,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_github_pages_host_is_shared_in_any_case_and_with_a_trailing_dot() {
        for hostname in ["octo.github.io", "Octo.GitHub.IO", "octo.github.io.", " octo.github.io "] {
            let shared = SharedOrigin::of(hostname).unwrap_or_else(|| panic!("{hostname:?}"));
            assert_eq!(shared.host(), "octo.github.io");
        }
        assert_eq!(SharedOrigin::of("a.octo.github.io").map(|s| s.owner), Some("octo".to_owned()));
    }

    #[test]
    fn own_domains_loopback_and_look_alikes_are_not_shared() {
        for hostname in [
            "seats.example.com",
            "127.0.0.1",
            "localhost",
            "github.io",
            ".github.io",
            "github.io.evil",
            "octogithub.io",
            "github.com",
            "",
        ] {
            assert_eq!(SharedOrigin::of(hostname), None, "{hostname:?}");
        }
    }

    #[test]
    fn the_warning_names_the_host_the_owner_and_the_remedy() {
        let warning = SharedOrigin::of("octo.github.io").unwrap().warning();
        assert!(warning.contains("runs at octo.github.io"), "{warning}");
        assert!(warning.contains("every GitHub Pages site of octo"), "{warning}");
        assert!(warning.contains("not remembered here"), "{warning}");
        assert!(warning.contains("domain of its own"), "{warning}");
    }
}
