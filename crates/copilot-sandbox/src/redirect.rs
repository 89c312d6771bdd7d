//! A host that answers with a redirect, on demand. No GitHub endpoint redirects, and the app must never
//! follow one (a followed redirect takes the request to a host the person never chose), so tests need a
//! server that does, and a place that counts the requests of a client that followed.
//!
//! - `POST /_sandbox/redirect` `{"location": "http://localhost:PORT/_sandbox/landed"}`: every API request
//!   (not a preflight, not `/_sandbox/*`) is answered `302 Found` with that `Location`; `{"location": null}`
//!   stops it. A reset stops it too.
//! - `/_sandbox/landed`, any method (a preflight included): counts a request that arrived there.
//! - Both answer `{"location": …, "landed": N}`; so does `GET /_sandbox/redirect`.

use serde::Deserialize;
use serde_json::json;

use crate::http::Response;

/// Where a client that followed the redirect arrives, if the test points the `Location` here.
pub const LANDED_PATH: &str = "/_sandbox/landed";

/// The switch and the count.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Redirect {
    /// Answer every API request with a redirect to this address.
    pub location: Option<String>,
    /// Requests that arrived at [`LANDED_PATH`].
    pub landed: u64,
}

/// The body of `POST /_sandbox/redirect`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RedirectUpdate {
    pub location: Option<String>,
}

impl Redirect {
    /// Sets or clears the location. Only an absolute `http(s)` address that fits in a header is taken,
    /// with the reason otherwise.
    pub fn apply(&mut self, update: RedirectUpdate) -> Result<(), String> {
        if let Some(location) = &update.location {
            let absolute = location.starts_with("http://") || location.starts_with("https://");
            if !absolute || location.len() > 2_000 || location.chars().any(|c| c.is_whitespace() || c.is_control()) {
                return Err(format!("location must be an absolute http(s) address without spaces, not {location:?}"));
            }
        }
        self.location = update.location;
        Ok(())
    }

    /// The answer to an API request while the switch is on: GitHub-style headers come from the handler's
    /// CORS decoration, as for every other answer (a browser reads a cross-origin redirect only with them).
    pub fn response(location: &str) -> Response {
        Response { status: 302, headers: Vec::new(), body: String::new() }.with_header("Location", location)
    }

    pub fn to_json(&self) -> serde_json::Value {
        json!({ "location": self.location, "landed": self.landed })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_absolute_http_addresses_are_taken() {
        let mut redirect = Redirect::default();
        for bad in ["", "/relative", "javascript:alert(1)", "http://a b", "http://a\r\nSet-Cookie: x"] {
            assert!(redirect.apply(RedirectUpdate { location: Some(bad.to_owned()) }).is_err(), "{bad:?}");
        }
        assert_eq!(redirect.location, None);
        redirect.apply(RedirectUpdate { location: Some("http://localhost:1/_sandbox/landed".to_owned()) }).unwrap();
        assert_eq!(redirect.location.as_deref(), Some("http://localhost:1/_sandbox/landed"));
        redirect.apply(RedirectUpdate { location: None }).unwrap();
        assert_eq!(redirect.location, None);
    }

    #[test]
    fn the_answer_is_a_302_with_the_location() {
        let response = Redirect::response("https://elsewhere.example/x");
        assert_eq!(response.status, 302);
        assert_eq!(response.header("location"), Some("https://elsewhere.example/x"));
    }
}
