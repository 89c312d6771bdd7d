//! The in-page demo runs the sandbox in a Web Worker (`crates/demo-worker`), so that the page's first load
//! carries none of its code or data and generating the demo's organization never blocks the page. These
//! are the messages between the two, as JSON text: the page needs only [`DemoCall`] and [`DemoAnswer`],
//! the worker only [`DemoHost`].

use copilot_api::{HttpRequest, ResponseParts};
use serde::{Deserialize, Serialize};

use crate::{now_from_millis, Request, Sandbox};

/// One request from the page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DemoCall {
    /// Chosen by the page, to match the answer with its request.
    pub id: u32,
    /// The page's clock (`Date.now()`), which the demo's dates are relative to.
    pub now_ms: f64,
    pub method: String,
    pub path: String,
    pub query: Vec<(String, String)>,
    pub headers: Vec<(String, String)>,
    pub body: Option<String>,
}

impl DemoCall {
    pub fn new(id: u32, now_ms: f64, request: &HttpRequest) -> Self {
        let Request { method, path, query, headers, body } = Request::from(request);
        Self { id, now_ms, method, path, query, headers, body }
    }
}

/// The answer to the call with the same `id`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DemoAnswer {
    pub id: u32,
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl From<DemoAnswer> for ResponseParts {
    fn from(answer: DemoAnswer) -> Self {
        ResponseParts::new(answer.status, answer.headers, answer.body)
    }
}

/// What the worker runs: the demo's sandbox, generated at the time of the first call.
#[derive(Default)]
pub struct DemoHost {
    sandbox: Option<Sandbox>,
}

impl DemoHost {
    /// The answer to one message, as JSON text; `None` for a message that is not a call (the page sends
    /// none, and its own timeout would report the silence).
    pub fn answer(&mut self, message: &str) -> Option<String> {
        let DemoCall { id, now_ms, method, path, query, headers, body } = serde_json::from_str(message).ok()?;
        let now = now_from_millis(now_ms);
        let sandbox = self.sandbox.get_or_insert_with(|| Sandbox::demo(now));
        let response = sandbox.handle(Request { method, path, query, headers, body }, now);
        let answer = DemoAnswer { id, status: response.status, headers: response.headers, body: response.body };
        serde_json::to_string(&answer).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use copilot_api::request::ListOrganizationSeats;
    use copilot_api::{ApiBase, ApiRequest, PageRequest, RequestOptions, Token};

    const NOW_MS: f64 = 1_718_618_400_000.0;

    fn call(id: u32, request: &HttpRequest) -> String {
        serde_json::to_string(&DemoCall::new(id, NOW_MS, request)).unwrap()
    }

    fn seats_request(token: &str) -> HttpRequest {
        ListOrganizationSeats { org: crate::FIRST_ORG.to_owned(), page: PageRequest::new(1, 10) }
            .build(&ApiBase::github_com(), Token::new(token).as_ref(), RequestOptions::default())
            .unwrap()
    }

    #[test]
    fn a_call_gets_the_same_answer_as_the_sandbox_itself_with_its_id() {
        let request = seats_request(crate::DEMO_TOKEN);
        let mut host = DemoHost::default();
        let answer: DemoAnswer = serde_json::from_str(&host.answer(&call(7, &request)).unwrap()).unwrap();
        let direct = Sandbox::demo(now_from_millis(NOW_MS)).handle_http(&request, now_from_millis(NOW_MS));
        assert_eq!(answer.id, 7);
        assert_eq!(answer.status, 200);
        assert_eq!(ResponseParts::from(answer), direct);
    }

    #[test]
    fn the_sandbox_keeps_its_state_between_calls_and_refuses_a_wrong_token() {
        let mut host = DemoHost::default();
        let first: DemoAnswer =
            serde_json::from_str(&host.answer(&call(1, &seats_request(crate::DEMO_TOKEN))).unwrap()).unwrap();
        let refused: DemoAnswer =
            serde_json::from_str(&host.answer(&call(2, &seats_request("ghp_wrong"))).unwrap()).unwrap();
        assert_eq!((first.id, refused.id, refused.status), (1, 2, 401));
        let remaining = |answer: &DemoAnswer| {
            ResponseParts::from(answer.clone()).header("x-ratelimit-remaining").map(str::to_owned)
        };
        let again: DemoAnswer =
            serde_json::from_str(&host.answer(&call(3, &seats_request(crate::DEMO_TOKEN))).unwrap()).unwrap();
        assert_ne!(remaining(&first), remaining(&again), "the second call counts against the same rate limit");
    }

    #[test]
    fn anything_but_a_call_gets_no_answer() {
        let mut host = DemoHost::default();
        for message in ["", "null", "{}", "[1]", r#"{"id": 1}"#, "not json"] {
            assert_eq!(host.answer(message), None, "{message}");
        }
    }
}
