//! Plain request and response values: what the server reads off the wire and what the in-page demo builds
//! from the app's `HttpRequest`. Nothing here does IO.

use copilot_api::{HttpRequest, ResponseParts};

/// An HTTP request as the handler sees it. Header names are compared without case.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Request {
    /// `GET`, `POST`, … (compared without case).
    pub method: String,
    /// The percent-encoded path, without the query: `/orgs/acme/copilot/billing/seats`.
    pub path: String,
    /// The query's pairs, percent-decoded.
    pub query: Vec<(String, String)>,
    pub headers: Vec<(String, String)>,
    pub body: Option<String>,
}

impl std::fmt::Debug for Request {
    /// The `Authorization` header is redacted, as in `copilot_api::HttpRequest`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let headers = copilot_api::request::redacted_headers(&self.headers);
        f.debug_struct("Request")
            .field("method", &self.method)
            .field("path", &self.path)
            .field("query", &self.query)
            .field("headers", &headers)
            .field("body", &self.body)
            .finish()
    }
}

impl Request {
    /// A request for `target`, a path with an optional query (`/orgs/acme/copilot/billing/seats?page=2`).
    pub fn new(method: &str, target: &str) -> Self {
        let (path, query) = match target.split_once('?') {
            Some((path, query)) => (path, parse_query(query)),
            None => (target, Vec::new()),
        };
        Self { method: method.to_ascii_uppercase(), path: path.to_owned(), query, headers: Vec::new(), body: None }
    }

    pub fn get(target: &str) -> Self {
        Self::new("GET", target)
    }

    pub fn post(target: &str, body: impl Into<String>) -> Self {
        Self::new("POST", target).with_body(body)
    }

    pub fn delete(target: &str, body: impl Into<String>) -> Self {
        Self::new("DELETE", target).with_body(body)
    }

    pub fn with_header(mut self, name: &str, value: &str) -> Self {
        self.headers.push((name.to_owned(), value.to_owned()));
        self
    }

    /// Adds `Authorization: Bearer TOKEN`.
    pub fn with_token(self, token: &str) -> Self {
        self.with_header("Authorization", &format!("Bearer {token}"))
    }

    pub fn with_body(mut self, body: impl Into<String>) -> Self {
        self.body = Some(body.into());
        if self.header("content-type").is_none() {
            self.headers.push(("Content-Type".to_owned(), "application/json".to_owned()));
        }
        self
    }

    /// The first header of that name, any case.
    pub fn header(&self, name: &str) -> Option<&str> {
        header(&self.headers, name)
    }

    /// The first query parameter of that name.
    pub fn query_param(&self, name: &str) -> Option<&str> {
        self.query.iter().find(|(key, _)| key == name).map(|(_, value)| value.as_str())
    }

    pub fn is_method(&self, method: &str) -> bool {
        self.method.eq_ignore_ascii_case(method)
    }

    /// The path's segments, percent-decoded (`None` when a segment is not valid UTF-8 once decoded).
    pub fn segments(&self) -> Option<Vec<String>> {
        let trimmed = self.path.strip_prefix('/').unwrap_or(&self.path);
        trimmed.split('/').map(percent_decode).collect()
    }
}

impl From<&HttpRequest> for Request {
    /// The app's request, for the in-page demo: same method, path, query, headers and body.
    fn from(request: &HttpRequest) -> Self {
        Self {
            method: request.method.as_str().to_owned(),
            path: request.path.clone(),
            query: request.query.clone(),
            headers: request.headers.clone(),
            body: request.body.clone(),
        }
    }
}

/// An HTTP response. The body is text: every answer here is JSON, HTML (a fault) or empty.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Response {
    pub fn new(status: u16, body: impl Into<String>) -> Self {
        Self { status, headers: Vec::new(), body: body.into() }
    }

    /// A JSON response with GitHub's content type.
    pub fn json(status: u16, value: &serde_json::Value) -> Self {
        Self::new(status, value.to_string()).with_header("Content-Type", "application/json; charset=utf-8")
    }

    /// A JSON response of any serializable value (the API's models; `null` should one not serialize).
    pub fn serialized(status: u16, value: &impl serde::Serialize) -> Self {
        Self::json(status, &serde_json::to_value(value).unwrap_or(serde_json::Value::Null))
    }

    pub fn with_header(mut self, name: &str, value: &str) -> Self {
        self.set_header(name, value);
        self
    }

    /// Sets a header, replacing any of the same name.
    pub fn set_header(&mut self, name: &str, value: &str) {
        self.headers.retain(|(key, _)| !key.eq_ignore_ascii_case(name));
        self.headers.push((name.to_owned(), value.to_owned()));
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        header(&self.headers, name)
    }

    /// The body as JSON (`Value::Null` when it is empty or not JSON).
    pub fn json_body(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or(serde_json::Value::Null)
    }
}

impl From<Response> for ResponseParts {
    fn from(response: Response) -> Self {
        ResponseParts { status: response.status, headers: response.headers, body: response.body }
    }
}

fn header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers.iter().find(|(key, _)| key.eq_ignore_ascii_case(name)).map(|(_, value)| value.trim())
}

/// `a=1&b=x%20y` into decoded pairs; pairs that do not decode are dropped.
pub fn parse_query(query: &str) -> Vec<(String, String)> {
    query
        .split('&')
        .filter(|pair| !pair.is_empty())
        .filter_map(|pair| {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            let plus = |text: &str| text.replace('+', " ");
            Some((percent_decode(&plus(key))?, percent_decode(&plus(value))?))
        })
        .collect()
}

/// `%2F` and friends back into bytes; `None` for a broken escape or bytes that are not UTF-8.
pub fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' => {
                let hex = text.get(i + 1..i + 3)?;
                out.push(u8::from_str_radix(hex, 16).ok()?);
                i += 3;
            }
            byte => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8(out).ok()
}

/// Encodes everything but unreserved characters, for the URLs in `Link` headers.
pub fn percent_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_split_into_path_and_decoded_query() {
        let request = Request::get("/orgs/acme/copilot/billing/seats?page=2&per_page=10&q=a%20b+c");
        assert_eq!(request.path, "/orgs/acme/copilot/billing/seats");
        assert_eq!(request.query_param("page"), Some("2"));
        assert_eq!(request.query_param("per_page"), Some("10"));
        assert_eq!(request.query_param("q"), Some("a b c"));
        assert_eq!(request.segments().unwrap(), ["orgs", "acme", "copilot", "billing", "seats"]);
    }

    #[test]
    fn broken_escapes_never_panic() {
        for text in ["%", "%4", "%zz", "%FF", "abc%"] {
            assert_eq!(percent_decode(text), None, "{text}");
        }
        assert_eq!(percent_decode("a%2Fb").as_deref(), Some("a/b"));
        assert_eq!(Request::get("/orgs/%FF/copilot").segments(), None);
        assert_eq!(percent_encode("a b/é"), "a%20b%2F%C3%A9");
    }

    #[test]
    fn debug_output_redacts_the_token() {
        let request = Request::get("/x").with_token("ghp_secret");
        assert_eq!(request.header("AUTHORIZATION"), Some("Bearer ghp_secret"));
        assert!(!format!("{request:?}").contains("ghp_secret"));
    }

    #[test]
    fn headers_are_replaced_not_duplicated() {
        let mut response = Response::new(200, "").with_header("ETag", "a");
        response.set_header("etag", "b");
        assert_eq!(response.headers.len(), 1);
        assert_eq!(response.header("ETAG"), Some("b"));
    }
}
