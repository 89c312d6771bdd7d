//! The four bulk writes ([`WriteKind`]) and the typed request each one sends ([`WriteRequest`]).

use crate::api_base::ApiBase;
use crate::error::{ApiError, ResponseParts};
use crate::names::NameKind;
use crate::operation::Operation;
use crate::request::{AddTeams, AddUsers, ApiRequest, HttpRequest, RemoveTeams, RemoveUsers, RequestOptions};
use crate::token::{Token, TokenKind};

/// The four bulk writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum WriteKind {
    AssignUsers,
    RevokeUsers,
    AssignTeams,
    RevokeTeams,
}

impl WriteKind {
    pub fn operation(self) -> Operation {
        match self {
            Self::AssignUsers => Operation::AddUsers,
            Self::RevokeUsers => Operation::RemoveUsers,
            Self::AssignTeams => Operation::AddTeams,
            Self::RevokeTeams => Operation::RemoveTeams,
        }
    }

    pub fn is_assign(self) -> bool {
        matches!(self, Self::AssignUsers | Self::AssignTeams)
    }

    pub fn names_teams(self) -> bool {
        matches!(self, Self::AssignTeams | Self::RevokeTeams)
    }

    pub fn name_kind(self) -> NameKind {
        if self.names_teams() {
            NameKind::Team
        } else {
            NameKind::User
        }
    }

    /// What a person would call it ("Revoke users' seats").
    /// The form's list field: "Usernames to revoke".
    pub fn field_label(self) -> &'static str {
        match (self.names_teams(), self.is_assign()) {
            (false, true) => "Usernames to assign",
            (false, false) => "Usernames to revoke",
            (true, true) => "Team slugs to assign",
            (true, false) => "Team slugs to revoke",
        }
    }

    /// An example of what the field takes.
    pub fn placeholder(self) -> &'static str {
        if self.names_teams() {
            "engineering, design"
        } else {
            "@octocat, mona\nhubot"
        }
    }

    /// The form's button, which opens the confirmation: "Revoke users' seats…".
    pub fn form_button(self) -> String {
        format!("{}…", self.title())
    }

    pub fn title(self) -> &'static str {
        self.operation().title()
    }
}

/// A write's typed request, ready to build with the token and send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WriteRequest {
    AddUsers(AddUsers),
    RemoveUsers(RemoveUsers),
    AddTeams(AddTeams),
    RemoveTeams(RemoveTeams),
}

impl WriteRequest {
    pub fn new(kind: WriteKind, org: &str, names: Vec<String>) -> Self {
        let org = org.to_owned();
        match kind {
            WriteKind::AssignUsers => Self::AddUsers(AddUsers { org, usernames: names }),
            WriteKind::RevokeUsers => Self::RemoveUsers(RemoveUsers { org, usernames: names }),
            WriteKind::AssignTeams => Self::AddTeams(AddTeams { org, teams: names }),
            WriteKind::RevokeTeams => Self::RemoveTeams(RemoveTeams { org, teams: names }),
        }
    }

    pub fn names(&self) -> &[String] {
        match self {
            Self::AddUsers(request) => &request.usernames,
            Self::RemoveUsers(request) => &request.usernames,
            Self::AddTeams(request) => &request.teams,
            Self::RemoveTeams(request) => &request.teams,
        }
    }

    pub fn build(
        &self,
        base: &ApiBase,
        token: Option<&Token>,
        options: RequestOptions,
    ) -> Result<HttpRequest, ApiError> {
        match self {
            Self::AddUsers(request) => request.build(base, token, options),
            Self::RemoveUsers(request) => request.build(base, token, options),
            Self::AddTeams(request) => request.build(base, token, options),
            Self::RemoveTeams(request) => request.build(base, token, options),
        }
    }

    /// GitHub's answer as the count it reports: `seats_created` or `seats_cancelled`.
    pub fn parse_count(&self, response: &ResponseParts, token_kind: Option<TokenKind>) -> Result<u64, ApiError> {
        match self {
            Self::AddUsers(request) => request.parse(response, token_kind).map(|answer| answer.seats_created),
            Self::RemoveUsers(request) => request.parse(response, token_kind).map(|answer| answer.seats_cancelled),
            Self::AddTeams(request) => request.parse(response, token_kind).map(|answer| answer.seats_created),
            Self::RemoveTeams(request) => request.parse(response, token_kind).map(|answer| answer.seats_cancelled),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_form_names_what_its_field_takes_and_its_button_opens_the_confirmation() {
        assert_eq!(WriteKind::RevokeUsers.field_label(), "Usernames to revoke");
        assert_eq!(WriteKind::AssignTeams.field_label(), "Team slugs to assign");
        assert_eq!(WriteKind::RevokeUsers.form_button(), format!("{}…", WriteKind::RevokeUsers.title()));
        assert!(WriteKind::AssignUsers.placeholder().contains('\n'));
    }

    #[test]
    fn the_count_is_read_from_githubs_answer() {
        let revoke = WriteRequest::new(WriteKind::RevokeUsers, "acme", vec!["mona".into()]);
        let answer = ResponseParts::new(200, vec![], r#"{"seats_cancelled": 1}"#);
        assert_eq!(revoke.parse_count(&answer, None), Ok(1));
        let assign = WriteRequest::new(WriteKind::AssignTeams, "acme", vec!["eng".into()]);
        assert_eq!(assign.parse_count(&ResponseParts::new(201, vec![], r#"{"seats_created": 7}"#), None), Ok(7));
        let refused = ResponseParts::new(422, vec![], r#"{"message":"team-granted"}"#);
        assert!(matches!(revoke.parse_count(&refused, None), Err(ApiError::Unprocessable { .. })));
    }
}
