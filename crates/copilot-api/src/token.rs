//! The token a person pastes. It is never printed: `Debug` and `Display` are redacted, so a token cannot
//! reach a log line or an error message by accident.

/// What kind of token it is, told by its prefix.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// `ghp_`: a personal access token (classic), with OAuth scopes.
    Classic,
    /// `github_pat_`: a fine-grained personal access token, with per-organization permissions.
    FineGrained,
    /// `gho_`: an OAuth app user token, with OAuth scopes.
    OAuthApp,
    /// `ghu_`: a GitHub App user-to-server token, with the app's permissions.
    GitHubAppUser,
    /// `ghs_`: a GitHub App installation token, with the app's permissions.
    GitHubAppInstallation,
    /// No known prefix (an older 40-hex classic token, or something else).
    Unrecognised,
}

impl TokenKind {
    pub fn of(token: &str) -> Self {
        let token = token.trim();
        if token.starts_with("ghp_") {
            Self::Classic
        } else if token.starts_with("github_pat_") {
            Self::FineGrained
        } else if token.starts_with("gho_") {
            Self::OAuthApp
        } else if token.starts_with("ghu_") {
            Self::GitHubAppUser
        } else if token.starts_with("ghs_") {
            Self::GitHubAppInstallation
        } else {
            Self::Unrecognised
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Classic => "Personal access token (classic)",
            Self::FineGrained => "Fine-grained personal access token",
            Self::OAuthApp => "OAuth app token",
            Self::GitHubAppUser => "GitHub App user token",
            Self::GitHubAppInstallation => "GitHub App installation token",
            Self::Unrecognised => "Unrecognised token format",
        }
    }

    /// Whether the token carries OAuth scopes (as opposed to fine-grained or app permissions).
    pub fn uses_scopes(self) -> bool {
        matches!(self, Self::Classic | Self::OAuthApp | Self::Unrecognised)
    }
}

/// A GitHub token, trimmed of the white space a paste brings along.
#[derive(Clone, PartialEq, Eq)]
pub struct Token(String);

impl Token {
    /// `None` for an empty paste, or one with characters no token has (they could smuggle headers).
    pub fn new(raw: &str) -> Option<Self> {
        let trimmed = raw.trim();
        let plausible = !trimmed.is_empty()
            && trimmed.len() <= 512
            && trimmed.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-' || b == b'.');
        plausible.then(|| Self(trimmed.to_owned()))
    }

    pub fn kind(&self) -> TokenKind {
        TokenKind::of(&self.0)
    }

    /// The secret itself, for the one place that needs it: the `Authorization` header.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Token {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Token({:?}, redacted)", self.kind())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_are_told_by_prefix() {
        assert_eq!(TokenKind::of("ghp_abc"), TokenKind::Classic);
        assert_eq!(TokenKind::of("github_pat_11AB_cd"), TokenKind::FineGrained);
        assert_eq!(TokenKind::of("gho_x"), TokenKind::OAuthApp);
        assert_eq!(TokenKind::of("ghu_x"), TokenKind::GitHubAppUser);
        assert_eq!(TokenKind::of("ghs_x"), TokenKind::GitHubAppInstallation);
        assert_eq!(TokenKind::of("0123456789abcdef"), TokenKind::Unrecognised);
    }

    #[test]
    fn debug_output_never_contains_the_secret() {
        let token = Token::new("  ghp_SuperSecret123  \n").unwrap();
        assert_eq!(token.expose(), "ghp_SuperSecret123");
        let printed = format!("{token:?}");
        assert!(!printed.contains("SuperSecret"), "{printed}");
    }

    #[test]
    fn header_smuggling_characters_are_refused() {
        assert!(Token::new("ghp_abc\r\nX-Evil: 1").is_none());
        assert!(Token::new("ghp abc").is_none());
        assert!(Token::new("   ").is_none());
    }
}
