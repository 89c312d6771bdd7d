//! Shared by the test files: a sandbox driven at a moving clock, with every answer held to GitHub's
//! official description.

#![allow(dead_code)]

use chrono::{DateTime, Duration, Utc};
use copilot_api::Operation;
use copilot_sandbox::{GenerateOptions, Request, Response, Sandbox};
use openapi_conformance::{raw_description, validate, validate_request, validate_response};
use serde_json::Value;

/// A Monday in the middle of a billing cycle (June 2024).
pub fn start() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2024-06-17T10:00:00Z").unwrap().with_timezone(&Utc)
}

pub fn small_options() -> GenerateOptions {
    GenerateOptions { seats: 120, orgs: 2, teams: 5, seed: 7, ..GenerateOptions::default() }
}

/// Fails the test with every schema violation when `response` does not match what GitHub's description
/// says `operation` answers with that status. A 400 (GitHub's "Problems parsing JSON", which the
/// description does not list) is held to `basic-error`.
pub fn assert_conforms(operation: Operation, response: &Response) {
    let id = operation.operation_id();
    if response.status == 304 {
        assert!(response.body.is_empty(), "a 304 has no body");
        return;
    }
    let body: Value = serde_json::from_str(&response.body)
        .unwrap_or_else(|err| panic!("{id} {}: body is not JSON ({err}): {}", response.status, response.body));
    // GitHub's description lists neither 400 nor 429 for these operations, though GitHub sends both (429
    // for rate limits, as its rate-limit guide says): both carry the `basic-error` every error has.
    let verdict = if matches!(response.status, 400 | 429) {
        validate(&raw_description()["components"]["schemas"]["basic-error"], &body)
    } else {
        validate_response(id, response.status, &body)
    };
    if let Err(errors) = verdict {
        panic!("{id} {} does not conform:\n{}\nbody: {body:#}", response.status, errors.join("\n"));
    }
    if response.status >= 400 {
        assert_eq!(body["status"], Value::String(response.status.to_string()), "GitHub sends the status as text");
        assert!(body["message"].as_str().is_some_and(|m| !m.is_empty()), "an error has a message: {body}");
        assert!(body["documentation_url"].as_str().is_some_and(|u| u.starts_with("https://docs.github.com/")));
    }
}

/// The method of an operation, from GitHub's `METHOD /path`.
pub fn method_of(operation: Operation) -> &'static str {
    operation.endpoint().split(' ').next().unwrap_or("GET")
}

pub struct Api {
    pub sandbox: Sandbox,
    pub now: DateTime<Utc>,
}

impl Api {
    pub fn new(options: &GenerateOptions) -> Self {
        Self { sandbox: Sandbox::new(options, start()), now: start() }
    }

    pub fn small() -> Self {
        Self::new(&small_options())
    }

    /// Sends a request one second after the previous one (so the per-minute budget is never the point).
    pub fn send(&mut self, request: Request) -> Response {
        self.now += Duration::seconds(1);
        self.sandbox.handle(request, self.now)
    }

    /// Calls an operation; a body, when given, must itself match the request schema. The answer must
    /// match the response schema for its status.
    pub fn call(&mut self, operation: Operation, target: &str, token: Option<&str>, body: Option<Value>) -> Response {
        if let Some(body) = &body {
            if let Err(errors) = validate_request(operation.operation_id(), body) {
                panic!("the test sends a request body the schema refuses: {errors:?}");
            }
        }
        self.call_raw(operation, target, token, body.map(|body| body.to_string()))
    }

    /// Calls an operation with any body text; the answer must still conform.
    pub fn call_raw(
        &mut self,
        operation: Operation,
        target: &str,
        token: Option<&str>,
        body: Option<String>,
    ) -> Response {
        let mut request = Request::new(method_of(operation), target);
        if let Some(token) = token {
            request = request.with_token(token);
        }
        if let Some(body) = body {
            request = request.with_body(body);
        }
        let response = self.send(request);
        assert_conforms(operation, &response);
        response
    }

    pub fn dump(&mut self) -> Value {
        let response = self.send(Request::get("/_sandbox/state"));
        assert_eq!(response.status, 200);
        response.json_body()
    }

    pub fn settings(&mut self, org: &str, settings: Value) {
        let response = self.send(Request::post(&format!("/_sandbox/orgs/{org}/settings"), settings.to_string()));
        assert_eq!(response.status, 200, "{}", response.body);
    }

    pub fn org<'a>(dump: &'a Value, login: &str) -> &'a Value {
        dump["orgs"].as_array().unwrap().iter().find(|org| org["login"] == login).unwrap()
    }

    pub fn seat<'a>(dump: &'a Value, org: &str, login: &str) -> Option<&'a Value> {
        Self::org(dump, org)["seats"].as_array().unwrap().iter().find(|seat| seat["login"] == login)
    }
}

pub fn strings(value: &Value) -> Vec<String> {
    value
        .as_array()
        .map(|items| items.iter().filter_map(|item| item.as_str().map(str::to_owned)).collect())
        .unwrap_or_default()
}
