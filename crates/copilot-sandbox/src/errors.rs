//! Error answers as GitHub sends them: `{"message": …, "documentation_url": …, "status": "…"}`.

use serde_json::{json, Value};

use crate::http::Response;

pub const DOCS_REST: &str = "https://docs.github.com/rest";
pub const DOCS_RATE_LIMITS: &str = "https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api";
pub const DOCS_SECONDARY_RATE_LIMITS: &str =
    "https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api#about-secondary-rate-limits";
pub const DOCS_SAML: &str =
    "https://docs.github.com/articles/authenticating-to-a-github-organization-with-saml-single-sign-on/";

/// `basic-error`, with the status as a string as GitHub writes it.
pub fn error_body(message: &str, documentation_url: &str, status: u16) -> Value {
    json!({ "message": message, "documentation_url": documentation_url, "status": status.to_string() })
}

pub fn error_response(status: u16, message: &str, documentation_url: &str) -> Response {
    Response::json(status, &error_body(message, documentation_url, status))
}

pub fn not_found() -> Response {
    error_response(404, "Not Found", DOCS_REST)
}
