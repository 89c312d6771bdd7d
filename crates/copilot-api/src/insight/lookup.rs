//! The answer to "does this member have a seat?" (`GET /orgs/{org}/members/{username}/copilot`), in words.
//!
//! GitHub's 404 and 422 here are answers, not failures: a 404 means no seat (or not a member: GitHub
//! does not tell the two apart, and the texts say so rather than guess), a 422 means a pending invitation
//! or Copilot not enabled for the organization.

use crate::error::ApiError;
use crate::models::Seat;

/// The username a person typed, as GitHub spells it: spaces around it and a leading `@` (as in a mention)
/// are dropped.
pub fn typed_username(text: &str) -> &str {
    text.trim().trim_start_matches('@')
}

#[derive(Debug, Clone, PartialEq)]
pub enum MemberLookup {
    HasSeat(Box<Seat>),
    /// 404: no seat, or not a member of the organization.
    NoSeat,
    /// 422: the user has a pending invitation to the organization, or Copilot is not enabled for it.
    PendingInvitationOrCopilotDisabled {
        github_message: Option<String>,
    },
    /// Anything else: the token, the network, a rate limit… as [`ApiError`] explains it.
    Failed(ApiError),
}

impl MemberLookup {
    pub fn from_result(result: Result<Seat, ApiError>) -> Self {
        match result {
            Ok(seat) => Self::HasSeat(Box::new(seat)),
            Err(ApiError::NotFound { .. }) => Self::NoSeat,
            Err(ApiError::Unprocessable { github_message, .. }) => {
                Self::PendingInvitationOrCopilotDisabled { github_message }
            }
            Err(error) => Self::Failed(error),
        }
    }

    /// One sentence for the result's heading.
    pub fn headline(&self, username: &str, organization: &str) -> String {
        match self {
            Self::HasSeat(_) => format!("{username} has a Copilot seat in {organization}."),
            Self::NoSeat => format!("{username} has no Copilot seat in {organization}."),
            Self::PendingInvitationOrCopilotDisabled { .. } => {
                format!("{username}'s seat in {organization} cannot be looked up yet.")
            }
            Self::Failed(_) => format!("{username}'s seat in {organization} could not be looked up."),
        }
    }

    /// What the person should know beyond the headline; empty when the headline says it all.
    pub fn explanation(&self, username: &str, organization: &str) -> String {
        match self {
            Self::HasSeat(_) => String::new(),
            Self::NoSeat => format!(
                "GitHub answers the same way (404) when {username} is not a member of {organization}, or when the \
                 organization does not exist or this token cannot see it: it does not tell these cases apart."
            ),
            Self::PendingInvitationOrCopilotDisabled { github_message } => {
                let mut text = format!(
                    "Either {username} was invited to {organization} and has not accepted yet, or Copilot Business or \
                     Enterprise is not enabled for {organization}; GitHub does not say which (422)."
                );
                if let Some(message) = github_message.as_deref().filter(|message| !message.trim().is_empty()) {
                    text.push_str(&format!(" GitHub said: \u{201c}{message}\u{201d}"));
                }
                text
            }
            Self::Failed(error) => error.to_string(),
        }
    }

    pub fn seat(&self) -> Option<&Seat> {
        match self {
            Self::HasSeat(seat) => Some(seat),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::operation::Operation;
    use crate::test_seats::seat;

    #[test]
    fn a_typed_mention_is_read_as_the_username() {
        assert_eq!(typed_username("  @mona "), "mona");
        assert_eq!(typed_username("mona"), "mona");
    }

    #[test]
    fn a_seat_is_a_seat() {
        let lookup = MemberLookup::from_result(Ok(seat("mona").build()));
        assert_eq!(lookup.seat().and_then(Seat::login), Some("mona"));
        assert_eq!(lookup.headline("mona", "octo-org"), "mona has a Copilot seat in octo-org.");
        assert_eq!(lookup.explanation("mona", "octo-org"), "");
    }

    #[test]
    fn not_found_means_no_seat_and_says_github_cannot_tell_membership_apart() {
        let lookup = MemberLookup::from_result(Err(ApiError::NotFound { operation: Operation::GetMemberSeat }));
        assert_eq!(lookup, MemberLookup::NoSeat);
        assert_eq!(lookup.headline("mona", "octo-org"), "mona has no Copilot seat in octo-org.");
        let explanation = lookup.explanation("mona", "octo-org");
        assert!(explanation.contains("not a member of octo-org"), "{explanation}");
        assert!(explanation.contains("does not tell these cases apart"), "{explanation}");
    }

    #[test]
    fn unprocessable_means_a_pending_invitation_or_copilot_disabled() {
        let lookup = MemberLookup::from_result(Err(ApiError::Unprocessable {
            operation: Operation::GetMemberSeat,
            github_message: Some("User has a pending invitation".into()),
        }));
        assert!(matches!(lookup, MemberLookup::PendingInvitationOrCopilotDisabled { .. }));
        assert!(lookup.seat().is_none());
        let explanation = lookup.explanation("mona", "octo-org");
        assert!(explanation.contains("invited to octo-org"), "{explanation}");
        assert!(explanation.contains("not enabled"), "{explanation}");
        assert!(explanation.ends_with("GitHub said: \u{201c}User has a pending invitation\u{201d}"), "{explanation}");
    }

    #[test]
    fn other_failures_keep_the_error_and_its_message() {
        let error = ApiError::Unauthorized { github_message: None };
        let lookup = MemberLookup::from_result(Err(error.clone()));
        assert_eq!(lookup, MemberLookup::Failed(error.clone()));
        assert_eq!(lookup.headline("mona", "octo-org"), "mona's seat in octo-org could not be looked up.");
        assert_eq!(lookup.explanation("mona", "octo-org"), error.to_string());
    }
}
