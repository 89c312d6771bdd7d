//! The fields of the connect form, as typed: plain data the form fills and the app validates.
//!
//! They hold the raw token before it becomes a [`crate::Token`], so their `Debug` output redacts it the
//! same way: a panic message or a log line that prints the form never shows the token.

/// The fields of the connect form, as typed.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct ConnectFields {
    pub subdomain: String,
    pub custom_url: String,
    pub enterprise_scope: bool,
    pub name: String,
    pub token: String,
}

impl std::fmt::Debug for ConnectFields {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let token = if self.token.is_empty() { "empty" } else { "redacted" };
        f.debug_struct("ConnectFields")
            .field("subdomain", &self.subdomain)
            .field("custom_url", &self.custom_url)
            .field("enterprise_scope", &self.enterprise_scope)
            .field("name", &self.name)
            .field("token", &format_args!("{token}"))
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_output_shows_the_fields_but_never_the_token() {
        let fields = ConnectFields {
            subdomain: "octo".to_owned(),
            custom_url: "http://127.0.0.1:8787".to_owned(),
            enterprise_scope: false,
            name: "acme".to_owned(),
            token: "ghp_SecretValue123".to_owned(),
        };
        for shown in [format!("{fields:?}"), format!("{fields:#?}")] {
            assert!(!shown.contains("SecretValue123"), "{shown}");
            assert!(!shown.contains("ghp_"), "{shown}");
            assert!(shown.contains("acme") && shown.contains("redacted"), "{shown}");
        }
    }
}
