//! Whether the page's own Content-Security-Policy lets it send requests to an API address.
//!
//! The browser refuses a request its policy does not allow with the same bare "Failed to fetch" as a
//! dropped connection, so the app would retry it and sit on "Reading…" with no word about why. The page
//! reads its policy (the `<meta http-equiv>` it was built with) and this module answers the question
//! before anything is sent, so a refused address fails at once with what to do.
//!
//! Matching follows CSP Level 3's source lists as far as an API address needs: `'self'`, `'none'`, `*`,
//! scheme sources (`https:`), and host sources with an optional scheme, a `*.` wildcard, a port or `*`
//! port, and a path (a prefix when it ends in `/`, else exact).

use crate::api_base::ApiBase;

/// The sources of the policy's `connect-src` (or, without one, `default-src`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConnectSources {
    sources: Vec<String>,
}

/// A URL broken into what source expressions compare.
struct Target<'a> {
    scheme: &'a str,
    host: &'a str,
    port: u16,
    path: String,
}

fn default_port(scheme: &str) -> u16 {
    if scheme == "http" {
        80
    } else {
        443
    }
}

/// `scheme://host[:port][/path]`, as [`ApiBase`] and `location.origin` write it (lowercase scheme and host).
fn target<'a>(url: &'a str, path: &str) -> Option<Target<'a>> {
    let (scheme, rest) = url.split_once("://")?;
    let authority = rest.split('/').next().unwrap_or_default();
    let (host, port) = split_port(authority);
    let port = match port {
        Some(port) => port.parse().ok()?,
        None => default_port(scheme),
    };
    Some(Target { scheme, host, port, path: path.to_owned() })
}

/// `host:port` into its parts; an IPv6 literal keeps its brackets.
fn split_port(authority: &str) -> (&str, Option<&str>) {
    if authority.starts_with('[') {
        return match authority.split_once("]:") {
            Some((host, port)) => (&authority[..host.len() + 1], Some(port)),
            None => (authority, None),
        };
    }
    match authority.rsplit_once(':') {
        Some((host, port)) => (host, Some(port)),
        None => (authority, None),
    }
}

impl ConnectSources {
    /// The source list that governs `fetch` in `policy`: `connect-src`, else `default-src`. `None` when
    /// neither is there: the policy does not restrict requests.
    pub fn from_policy(policy: &str) -> Option<Self> {
        let directive = |name: &str| {
            policy.split(';').find_map(|directive| {
                let mut words = directive.split_ascii_whitespace();
                words
                    .next()
                    .filter(|word| word.eq_ignore_ascii_case(name))
                    .map(|_| Self { sources: words.map(str::to_owned).collect() })
            })
        };
        directive("connect-src").or_else(|| directive("default-src"))
    }

    /// Whether a request under `base` may be sent from a page served at `page_origin`
    /// (`location.origin`, such as `https://copilot.example`).
    pub fn allows(&self, base: &ApiBase, page_origin: &str) -> bool {
        let base_path = base.as_str().split_once("://").and_then(|(_, rest)| rest.find('/').map(|i| &rest[i..]));
        // Every request goes below the base (`BASE/orgs/…`), never to the base itself.
        let request_path = format!("{}/", base_path.unwrap_or_default());
        let Some(url) = target(base.origin(), &request_path) else { return false };
        let page = target(page_origin, "/");
        self.sources.iter().any(|source| matches(source, &url, page.as_ref(), base.origin(), page_origin))
    }
}

fn matches(source: &str, url: &Target, page: Option<&Target>, url_origin: &str, page_origin: &str) -> bool {
    let source = source.to_ascii_lowercase();
    match source.as_str() {
        "'none'" => false,
        "'self'" => url_origin.eq_ignore_ascii_case(page_origin),
        "*" => matches!(url.scheme, "http" | "https"),
        _ if source.starts_with('\'') => false,
        _ => {
            if let Some(scheme) = source.strip_suffix(':').filter(|s| !s.contains('/')) {
                return scheme_matches(scheme, url.scheme);
            }
            host_source_matches(&source, url, page)
        }
    }
}

/// A source's scheme allows its own, and `http` also allows `https` (CSP's upgrade rule).
fn scheme_matches(source_scheme: &str, url_scheme: &str) -> bool {
    source_scheme == url_scheme || (source_scheme == "http" && url_scheme == "https")
}

fn host_source_matches(source: &str, url: &Target, page: Option<&Target>) -> bool {
    let (scheme, rest) = match source.split_once("://") {
        Some((scheme, rest)) => (Some(scheme), rest),
        None => (None, source),
    };
    let scheme_ok = match scheme {
        Some(scheme) => scheme_matches(scheme, url.scheme),
        // No scheme: the page's own, or its upgrade.
        None => page.is_some_and(|page| scheme_matches(page.scheme, url.scheme)),
    };
    if !scheme_ok {
        return false;
    }
    let (authority, path) = match rest.find('/') {
        Some(slash) => (&rest[..slash], Some(&rest[slash..])),
        None => (rest, None),
    };
    let (host, port) = split_port(authority);
    let host_ok = match host.strip_prefix("*.") {
        Some(parent) => url.host.strip_suffix(parent).is_some_and(|sub| sub.len() > 1 && sub.ends_with('.')),
        None => host == "*" || host == url.host,
    };
    let port_ok = match port {
        Some("*") => true,
        Some(port) => port.parse::<u16>().is_ok_and(|port| port == url.port),
        None => url.port == default_port(url.scheme),
    };
    let path_ok = match path {
        None | Some("/") => true,
        Some(path) if path.ends_with('/') => url.path.starts_with(path),
        Some(path) => url.path == path,
    };
    host_ok && port_ok && path_ok
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The policy of the published build, as `scripts/csp-hashes.mjs` writes it into index.html.
    const PUBLISHED: &str = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval' 'sha256-abc'; worker-src 'self'; style-src 'self'; connect-src 'self' https://api.github.com https://*.ghe.com; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'none'";
    /// The sandbox build's: the published one plus the loopback sandbox.
    const SANDBOX: &str = "default-src 'none'; connect-src 'self' https://api.github.com https://*.ghe.com http://127.0.0.1:* http://localhost:* https://127.0.0.1:* https://localhost:*";
    const PAGE: &str = "https://copilot.example";

    fn allows(policy: &str, base: &str) -> bool {
        let base = ApiBase::custom(base).unwrap();
        ConnectSources::from_policy(policy).unwrap().allows(&base, PAGE)
    }

    #[test]
    fn the_published_policy_allows_github_com_and_every_ghe_com_host_only() {
        assert!(allows(PUBLISHED, "https://api.github.com"));
        assert!(allows(PUBLISHED, "https://api.octocorp.ghe.com"));
        for refused in [
            "https://api.attacker.example",
            "https://github.example.com/api/v3",
            "https://ghe.com",
            "https://api.github.com:8443",
            "http://127.0.0.1:8787",
            "https://localhost:9443",
            "https://evilghe.com",
        ] {
            assert!(!allows(PUBLISHED, refused), "{refused}");
        }
    }

    #[test]
    fn the_sandbox_policy_adds_loopback_on_any_port_and_nothing_else() {
        assert!(allows(SANDBOX, "http://127.0.0.1:8787"));
        assert!(allows(SANDBOX, "http://localhost:1"));
        assert!(allows(SANDBOX, "https://127.0.0.1:9443"));
        assert!(!allows(SANDBOX, "http://[::1]:9"));
        assert!(!allows(SANDBOX, "https://api.attacker.example"));
    }

    #[test]
    fn an_enterprise_server_origin_added_to_the_policy_is_allowed_with_any_path() {
        let policy = PUBLISHED.replace("https://*.ghe.com", "https://*.ghe.com https://github.example.com");
        assert!(allows(&policy, "https://github.example.com/api/v3"));
        assert!(!allows(&policy, "https://github.example.com:8443/api/v3"));
        assert!(!allows(&policy, "https://api.github.example.com/api/v3"));
    }

    #[test]
    fn paths_in_sources_are_prefixes_when_they_end_in_a_slash_and_exact_otherwise() {
        assert!(allows("connect-src https://h.example/api/", "https://h.example/api/v3"));
        assert!(allows("connect-src https://h.example/api/v3/", "https://h.example/api/v3"));
        assert!(!allows("connect-src https://h.example/other/", "https://h.example/api/v3"));
        // Requests go below the base, never to the base itself.
        assert!(!allows("connect-src https://h.example/api/v3", "https://h.example/api/v3"));
    }

    #[test]
    fn self_none_star_and_scheme_sources() {
        let base = ApiBase::custom("https://copilot.example/api/v3").unwrap();
        assert!(ConnectSources::from_policy("connect-src 'self'").unwrap().allows(&base, PAGE));
        assert!(!ConnectSources::from_policy("connect-src 'self'").unwrap().allows(&base, "https://other.example"));
        assert!(!allows("connect-src 'none'", "https://api.github.com"));
        assert!(allows("connect-src *", "https://api.attacker.example"));
        assert!(allows("connect-src https:", "https://api.attacker.example"));
        assert!(!allows("connect-src https:", "http://127.0.0.1:1"));
        // A source without a scheme takes the page's (https here), and http sources allow https.
        assert!(allows("connect-src api.github.com", "https://api.github.com"));
        assert!(allows("connect-src http://api.github.com", "https://api.github.com"));
        assert!(!allows("connect-src https://api.github.com", "http://127.0.0.1:1"));
    }

    #[test]
    fn without_connect_src_the_default_governs_and_without_either_nothing_is_restricted() {
        assert!(!allows("default-src 'none'", "https://api.github.com"));
        assert!(allows("default-src https://api.github.com; img-src 'self'", "https://api.github.com"));
        assert_eq!(ConnectSources::from_policy("img-src 'self'; style-src 'self'"), None);
        assert_eq!(ConnectSources::from_policy(""), None);
    }

    #[test]
    fn directive_names_match_in_any_case_and_odd_sources_match_nothing() {
        assert!(allows("CONNECT-SRC https://api.github.com", "https://api.github.com"));
        assert!(!allows("connect-src 'nonce-abc' https://h:notaport", "https://h"));
        assert!(!allows("connect-src https://*.example", "https://example"));
    }
}
