//! CORS as api.github.com does it today: any origin, a fixed list of request headers and methods, and the
//! response headers a page may read. A request with another custom header fails its preflight in the
//! browser, as it would against GitHub.
//!
//! The lists are api.github.com's as of late 2026: its preflight used to refuse `X-GitHub-Api-Version`
//! (github/docs#24706) and now allows it, with `Accept-Encoding`, `X-GitHub-OTP`, `User-Agent`,
//! `GraphQL-Features`, `X-Github-Next-Global-ID` and `X-Fetch-Nonce`; `Warning` is exposed as well.

use crate::http::{Request, Response};

/// The request headers a preflight allows (besides the CORS-safelisted ones every browser sends freely).
pub const ALLOWED_HEADERS: &[&str] = &[
    "Authorization",
    "Accept-Encoding",
    "Content-Type",
    "If-Match",
    "If-Modified-Since",
    "If-None-Match",
    "If-Unmodified-Since",
    "X-GitHub-OTP",
    "X-Requested-With",
    "User-Agent",
    "GraphQL-Features",
    "X-Github-Next-Global-ID",
    "X-GitHub-Api-Version",
    "X-Fetch-Nonce",
];

pub const ALLOWED_METHODS: &[&str] = &["GET", "POST", "PATCH", "PUT", "DELETE"];

/// The response headers a page may read.
pub const EXPOSED_HEADERS: &[&str] = &[
    "ETag",
    "Link",
    "Location",
    "Retry-After",
    "X-GitHub-OTP",
    "X-RateLimit-Limit",
    "X-RateLimit-Remaining",
    "X-RateLimit-Used",
    "X-RateLimit-Resource",
    "X-RateLimit-Reset",
    "X-OAuth-Scopes",
    "X-Accepted-OAuth-Scopes",
    "X-Poll-Interval",
    "X-GitHub-Media-Type",
    "X-GitHub-SSO",
    "X-GitHub-Request-Id",
    "Deprecation",
    "Sunset",
    "Warning",
];

/// The answer to `OPTIONS`: the same fixed lists whatever was asked, as GitHub answers; the browser then
/// refuses the real request when it wants a header or method the lists lack.
pub fn preflight(_request: &Request) -> Response {
    Response::new(204, "")
        .with_header("Access-Control-Allow-Headers", &ALLOWED_HEADERS.join(", "))
        .with_header("Access-Control-Allow-Methods", &ALLOWED_METHODS.join(", "))
        .with_header("Access-Control-Max-Age", "86400")
        .with_header("Vary", "Accept-Encoding, Accept, X-Requested-With")
}

/// Adds what every response carries.
pub fn decorate(response: &mut Response) {
    response.set_header("Access-Control-Allow-Origin", "*");
    response.set_header("Access-Control-Expose-Headers", &EXPOSED_HEADERS.join(", "));
}

/// What a browser concludes from a preflight answer: may it send `method` with these non-safelisted
/// headers (the value of `Access-Control-Request-Headers`)?
pub fn browser_would_allow(preflight: &Response, method: &str, request_headers: &str) -> bool {
    if !(200..300).contains(&preflight.status) {
        return false;
    }
    let listed = |header: &str, value: &str| {
        preflight.header(header).is_some_and(|list| {
            list.split(',').any(|item| item.trim().eq_ignore_ascii_case(value) || item.trim() == "*")
        })
    };
    let origin_ok = listed("Access-Control-Allow-Origin", "*");
    let simple_method = ["GET", "HEAD", "POST"].iter().any(|simple| simple.eq_ignore_ascii_case(method));
    let method_ok = simple_method || listed("Access-Control-Allow-Methods", method);
    let headers_ok = request_headers
        .split(',')
        .map(str::trim)
        .filter(|header| !header.is_empty())
        .all(|header| listed("Access-Control-Allow-Headers", header));
    origin_ok && method_ok && headers_ok
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answered() -> Response {
        let mut response = preflight(&Request::new("OPTIONS", "/orgs/acme/copilot/billing/seats"));
        decorate(&mut response);
        response
    }

    #[test]
    fn the_headers_the_app_sends_pass_and_a_custom_one_does_not() {
        let response = answered();
        assert_eq!(response.status, 204);
        assert!(browser_would_allow(&response, "GET", "authorization"));
        assert!(browser_would_allow(&response, "DELETE", "authorization, content-type, if-none-match"));
        assert!(!browser_would_allow(&response, "GET", "authorization, x-custom"));
        assert!(browser_would_allow(&response, "GET", "authorization, x-github-api-version"));
        assert!(!browser_would_allow(&response, "OPTIONS", ""), "OPTIONS is not an allowed method");
    }

    #[test]
    fn the_warning_header_and_the_rate_limit_headers_are_readable_by_the_page() {
        let exposed = answered().header("Access-Control-Expose-Headers").unwrap_or_default().to_owned();
        for header in ["Warning", "X-GitHub-SSO", "Retry-After", "X-RateLimit-Reset", "Link"] {
            assert!(exposed.split(", ").any(|item| item == header), "{header} is not exposed: {exposed}");
        }
    }
}
