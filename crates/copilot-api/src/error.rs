//! One error type for everything a person can see fail, each with a message they can act on:
//! "This token lacks the manage_billing:copilot scope" beats "403 Forbidden".

use crate::models::BasicError;
use crate::operation::Operation;
pub use crate::response::ResponseParts;
use crate::sso::SsoHeader;
use crate::token::TokenKind;

/// Everything that can go wrong between the page and GitHub.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ApiError {
    /// Refused before anything was sent.
    #[error("{0}")]
    InvalidInput(String),

    #[error("GitHub did not accept this token (401): it is missing, mistyped, expired or revoked. Create a new token and paste it again.{}", github_said(.github_message))]
    Unauthorized { github_message: Option<String> },

    #[error("{}", missing_permission_message(*.operation, *.token_kind, .granted_scopes.as_deref(), .github_message.as_deref()))]
    MissingPermission {
        operation: Operation,
        token_kind: Option<TokenKind>,
        /// From `X-OAuth-Scopes`, for classic tokens.
        granted_scopes: Option<Vec<String>>,
        github_message: Option<String>,
    },

    /// The organization's policy refuses this kind of token (set under the organization's "Personal access
    /// tokens" settings): no scope or permission would help, so it is told apart from `MissingPermission`.
    #[error("{}", token_policy_message(*.policy, .github_message))]
    TokenPolicy { policy: TokenPolicy, github_message: String },

    #[error("This organization requires SAML single sign-on, and the token is not authorized for it. {}", sso_advice(.authorize_url.as_deref()))]
    SsoRequired { authorize_url: Option<String> },

    #[error("GitHub's hourly rate limit for this token is used up (403/429).{}", reset_advice(*.reset_epoch_seconds))]
    PrimaryRateLimit { reset_epoch_seconds: Option<u64> },

    #[error("GitHub's secondary rate limit was hit: too many requests at once or in one minute. {}", retry_advice(*.retry_after_seconds))]
    SecondaryRateLimit { retry_after_seconds: Option<u64> },

    #[error("{}", not_found_message(*.operation))]
    NotFound { operation: Operation },

    #[error("{} (422){}", .operation.unprocessable_meaning(), github_said(.github_message))]
    Unprocessable { operation: Operation, github_message: Option<String> },

    #[error("GitHub had an internal problem ({status}). This is usually brief: try again in a minute.")]
    Server { status: u16 },

    #[error("GitHub answered with an unexpected status {status}.{}", github_said(.github_message))]
    UnexpectedStatus { status: u16, github_message: Option<String> },

    /// The host answered 3xx. No GitHub endpoint redirects, and a redirect followed by the browser could take
    /// the request (and on a same-origin hop, its token) to a host the person never chose, so the transport
    /// never follows one (`redirect: "manual"`) and the answer ends here.
    #[error("The API answered with a redirect, which this app never follows, so nothing was sent to where it pointed. Check the API address: GitHub.com's is https://api.github.com, a GitHub Enterprise Server's is https://HOSTNAME/api/v3.")]
    Redirected,

    /// The page's own Content-Security-Policy does not let it reach this origin, so nothing was sent: the
    /// browser would refuse the request as a bare network failure, retried for nothing.
    #[error("This copy of the app may not send requests to {origin}: its Content-Security-Policy allows only GitHub.com, GHE.com and the Enterprise Server origins its publisher added. Nothing was sent. For your own GitHub Enterprise Server, use a copy built for it with make dist GHES_ORIGINS=\"{origin}\" (see the README, \u{201c}Publishing and self-hosting\u{201d}).")]
    RefusedByPagePolicy { origin: String },

    #[error("The request did not reach GitHub or no answer came back ({0}). Check the network and the API address; a browser extension or a proxy may also block it.")]
    Network(String),

    #[error("No answer came within {0} seconds, so the request was abandoned.")]
    Timeout(u32),

    #[error("The request was cancelled.")]
    Cancelled,

    #[error("GitHub's answer (status {status}) was not the JSON this app expects: {detail}")]
    UnexpectedBody { status: u16, detail: String },
}

impl ApiError {
    /// Maps a non-success response to the error a person can act on.
    pub fn from_response(operation: Operation, token_kind: Option<TokenKind>, response: &ResponseParts) -> Self {
        let error: BasicError = serde_json::from_str(&response.body).unwrap_or_default();
        let message = error.message.filter(|message| !message.trim().is_empty());
        let status = response.status;
        match status {
            401 => Self::Unauthorized { github_message: message },
            // GitHub answers either limit with 403 or 429, and documents the order to read them in:
            // `retry-after` first, then `x-ratelimit-remaining: 0` (wait for `x-ratelimit-reset`), then
            // its words; a 429 that says nothing more is a secondary limit (wait a minute, then longer).
            403 | 429 => {
                let mentions =
                    |needle: &str| message.as_deref().is_some_and(|m| m.to_ascii_lowercase().contains(needle));
                if response.header("retry-after").is_some() {
                    Self::SecondaryRateLimit { retry_after_seconds: response.header_number("retry-after") }
                } else if response.header("x-ratelimit-remaining") == Some("0") {
                    Self::PrimaryRateLimit { reset_epoch_seconds: response.header_number("x-ratelimit-reset") }
                } else if mentions("secondary rate limit") || mentions("abuse detection") {
                    Self::SecondaryRateLimit { retry_after_seconds: None }
                } else if let Some(SsoHeader::Required { authorize_url }) = SsoHeader::of(response) {
                    Self::SsoRequired { authorize_url }
                } else if let Some(policy) = message.as_deref().and_then(TokenPolicy::from_github_message) {
                    Self::TokenPolicy { policy, github_message: message.unwrap_or_default() }
                } else if status == 429 {
                    Self::SecondaryRateLimit { retry_after_seconds: None }
                } else {
                    let granted_scopes = response.header("x-oauth-scopes").map(|scopes| {
                        scopes.split(',').map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned).collect()
                    });
                    Self::MissingPermission { operation, token_kind, granted_scopes, github_message: message }
                }
            }
            // 304 is a cache answer, not a redirect; every other 3xx asks the client to go elsewhere.
            300..=399 if status != 304 => Self::Redirected,
            404 => Self::NotFound { operation },
            422 => Self::Unprocessable { operation, github_message: message },
            500..=599 => Self::Server { status },
            _ => Self::UnexpectedStatus { status, github_message: message },
        }
    }

    /// A link that resolves the failure, for the page to show as one: the SAML single sign-on
    /// authorization page GitHub names in `X-GitHub-SSO`. Only an `https` address without credentials is
    /// offered, so a hostile header cannot make the page link to `javascript:` or another scheme.
    pub fn action_link(&self) -> Option<ActionLink> {
        match self {
            Self::SsoRequired { authorize_url: Some(url) } if is_plain_https_url(url) => {
                Some(ActionLink { label: "Authorize this token for SSO", url: url.clone() })
            }
            _ => None,
        }
    }

    pub fn unexpected_body(status: u16, err: &serde_json::Error) -> Self {
        Self::UnexpectedBody { status, detail: err.to_string() }
    }

    /// Worth trying again as is (for reads): GitHub's or the network's passing trouble.
    pub fn is_transient(&self) -> bool {
        matches!(self, Self::Server { .. } | Self::Network(_) | Self::Timeout(_) | Self::UnexpectedBody { .. })
    }

    pub fn is_rate_limit(&self) -> bool {
        matches!(self, Self::PrimaryRateLimit { .. } | Self::SecondaryRateLimit { .. })
    }
}

/// A link the page shows under an error: what it does, and where it goes (opened in a new tab).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActionLink {
    pub label: &'static str,
    pub url: String,
}

fn is_plain_https_url(url: &str) -> bool {
    url.strip_prefix("https://").is_some_and(|rest| {
        let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
        !authority.is_empty() && !authority.contains('@') && !url.chars().any(|c| c.is_whitespace() || c.is_control())
    })
}

/// Which of an organization's token policies refused the request, read from GitHub's message (GitHub
/// sends no header or code for it: "`ORG` forbids access via a personal access token (classic)…", or
/// "… via a fine-grained personal access tokens if the token's lifetime is greater than 366 days…").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenPolicy {
    /// The organization accepts no personal access token (classic).
    ClassicForbidden,
    /// The organization accepts fine-grained tokens only up to this lifetime, in days (when GitHub says it).
    LifetimeTooLong { max_days: Option<u32> },
    /// Another "forbids access via …" policy this app does not know by name.
    Other,
}

impl TokenPolicy {
    pub fn from_github_message(message: &str) -> Option<Self> {
        let lower = message.to_ascii_lowercase();
        if !lower.contains("forbids access via") {
            return None;
        }
        if lower.contains("lifetime") {
            let max_days = lower
                .split("greater than")
                .nth(1)
                .and_then(|rest| rest.split_whitespace().next())
                .and_then(|days| days.parse().ok());
            Some(Self::LifetimeTooLong { max_days })
        } else if lower.contains("(classic)") {
            Some(Self::ClassicForbidden)
        } else {
            Some(Self::Other)
        }
    }
}

fn token_policy_message(policy: TokenPolicy, github_message: &str) -> String {
    let advice = match policy {
        TokenPolicy::ClassicForbidden => "This organization does not accept personal access tokens (classic): its owners allow only other kinds. Create a fine-grained personal access token for this organization, with the \u{201c}GitHub Copilot Business\u{201d} permission (read to look, write to change seats), and paste it instead. (The enterprise seat list is the one place that still needs a classic token.)".to_owned(),
        TokenPolicy::LifetimeTooLong { max_days } => {
            let limit = max_days.map_or_else(|| "the organization's maximum".to_owned(), |days| format!("{days} days"));
            format!("This organization does not accept fine-grained tokens that live longer than {limit}, and this one does (or never expires). Give the token an expiration date within {limit} in GitHub's token settings (or create a new one that expires sooner), then paste it again.")
        }
        TokenPolicy::Other => "This organization's token policy refuses this kind of token; no scope or permission changes that. Use the kind of token its owners allow.".to_owned(),
    };
    format!("{advice} GitHub said: \u{201c}{}\u{201d}", truncate(github_message, 300))
}

fn github_said(message: &Option<String>) -> String {
    match message {
        Some(message) => format!(" GitHub said: \u{201c}{}\u{201d}", truncate(message, 300)),
        None => String::new(),
    }
}

fn truncate(text: &str, max_chars: usize) -> String {
    if text.chars().count() <= max_chars {
        text.to_owned()
    } else {
        let cut: String = text.chars().take(max_chars).collect();
        format!("{cut}…")
    }
}

fn missing_permission_message(
    operation: Operation,
    token_kind: Option<TokenKind>,
    granted_scopes: Option<&[String]>,
    github_message: Option<&str>,
) -> String {
    let what = operation.title().to_lowercase();
    let role = operation.required_role();
    let scopes = operation.classic_scopes().join(" or ");
    let mut message = format!("This token may not {what} (403). Only {role} can do this");
    match (token_kind, operation.fine_grained_permissions()) {
        (Some(TokenKind::FineGrained | TokenKind::GitHubAppUser | TokenKind::GitHubAppInstallation), None) => {
            message.push_str(&format!(
                ", and this list does not accept fine-grained or GitHub App tokens: use a personal access token (classic) with the {scopes} scope."
            ));
        }
        (
            Some(TokenKind::FineGrained | TokenKind::GitHubAppUser | TokenKind::GitHubAppInstallation),
            Some(permission),
        ) => {
            message.push_str(&format!(", and a fine-grained token needs the {permission} for this organization."));
        }
        _ => {
            message.push_str(&format!(", and a classic token needs the {scopes} scope"));
            match granted_scopes {
                Some([]) => message.push_str("; this token has no scopes at all."),
                Some(granted) => message.push_str(&format!("; this token has: {}.", granted.join(", "))),
                None => message.push('.'),
            }
            if let Some(permission) = operation.fine_grained_permissions() {
                message.push_str(&format!(" A fine-grained token needs the {permission}."));
            }
        }
    }
    if let Some(github_message) = github_message {
        message.push_str(&format!(" GitHub said: \u{201c}{}\u{201d}", truncate(github_message, 300)));
    }
    message
}

fn not_found_message(operation: Operation) -> String {
    let subject = match operation {
        Operation::ListEnterpriseSeats => "The enterprise was not found",
        Operation::GetMemberSeat => {
            "This user has no Copilot seat in the organization, is not a member, or the organization was not found"
        }
        _ => "The organization was not found",
    };
    format!(
        "{subject} (404), or this token cannot see it. Check the spelling, and that the token belongs to an owner who can see it. If the organization uses SAML single sign-on, GitHub may also answer 404 to a token not authorized for it: authorize the token under Configure SSO in GitHub's token settings."
    )
}

fn sso_advice(url: Option<&str>) -> String {
    match url {
        Some(_) => "Authorize the token for this organization with the link below (GitHub's authorization request expires after an hour; connect again for a new one if it has), then try again.".to_owned(),
        None => "Authorize the token for this organization in GitHub's token settings (Configure SSO), then try again."
            .to_owned(),
    }
}

fn reset_advice(reset: Option<u64>) -> String {
    match reset {
        Some(epoch) => format!(" It resets at {}.", format_epoch(epoch)),
        None => " Wait for it to reset (within the hour).".to_owned(),
    }
}

fn retry_advice(retry_after: Option<u64>) -> String {
    match retry_after {
        Some(seconds) => format!("GitHub asks to wait {seconds} seconds before trying again."),
        None => "Wait a minute before trying again.".to_owned(),
    }
}

fn format_epoch(epoch: u64) -> String {
    i64::try_from(epoch)
        .ok()
        .and_then(|seconds| chrono::DateTime::from_timestamp(seconds, 0))
        .map_or_else(|| format!("{epoch} seconds after 1970 began"), |time| crate::format::exact_second(&time))
}
