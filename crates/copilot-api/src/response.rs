//! What a transport hands back for one request: status, headers and body text. Read by the error mapping,
//! the SAML single sign-on header reader and every answer's parser, and so a module of its own that
//! depends on none of them.

/// What a transport hands back: status, headers and body text. Header names are compared without case.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ResponseParts {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl ResponseParts {
    pub fn new(status: u16, headers: Vec<(String, String)>, body: impl Into<String>) -> Self {
        Self { status, headers, body: body.into() }
    }

    /// The first header of that name, any case.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(key, _)| key.eq_ignore_ascii_case(name)).map(|(_, value)| value.trim())
    }

    pub(crate) fn header_number(&self, name: &str) -> Option<u64> {
        self.header(name).and_then(|value| value.parse().ok())
    }
}
