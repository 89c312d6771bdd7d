//! One typed value per operation, turned into method, URL and JSON body. Every name in a path is
//! validated and percent-encoded, so an organization named `a/../b` can never reach another path.

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use serde::de::DeserializeOwned;

use crate::api_base::ApiBase;
use crate::error::{ApiError, ResponseParts};
use crate::models::{OrganizationBilling, Seat, SeatPage, SeatsCancelled, SeatsCreated, SelectedTeams, SelectedUsers};
use crate::names::{name_problem, NameKind};
use crate::operation::Operation;
use crate::pagination::PageRequest;
use crate::token::{Token, TokenKind};

/// The REST API version these documents describe; sent only when asked for (see `RequestOptions`).
pub const API_VERSION: &str = "2022-11-28";

/// Everything but `-`, `.`, `_` and `~` is encoded in a path segment.
const PATH_SEGMENT: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum HttpMethod {
    Get,
    Post,
    Delete,
}

impl HttpMethod {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Get => "GET",
            Self::Post => "POST",
            Self::Delete => "DELETE",
        }
    }
}

/// Choices that change what is sent, not what is asked.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RequestOptions {
    /// Send `X-GitHub-Api-Version`. Off by default: GitHub's CORS preflight has refused that header in
    /// the past, and without it the API answers as 2022-11-28 anyway.
    pub send_api_version: bool,
}

/// A request ready for any transport: the browser's `fetch`, the sandbox handler, a test.
#[derive(Clone, PartialEq, Eq)]
pub struct HttpRequest {
    pub operation: Operation,
    pub method: HttpMethod,
    /// The full URL: base, encoded path and query.
    pub url: String,
    /// The encoded path (without the base's own path prefix) and the query, as the sandbox sees them.
    pub path: String,
    pub query: Vec<(String, String)>,
    pub headers: Vec<(String, String)>,
    pub body: Option<String>,
}

/// Headers as they may be printed: the `Authorization` header's value is replaced, so a request may be
/// logged and the token never is. Every request type with headers prints them through this.
pub fn redacted_headers(headers: &[(String, String)]) -> Vec<(&str, &str)> {
    headers
        .iter()
        .map(|(name, value)| {
            let shown = if name.eq_ignore_ascii_case("authorization") { "[redacted]" } else { value.as_str() };
            (name.as_str(), shown)
        })
        .collect()
}

impl std::fmt::Debug for HttpRequest {
    /// The `Authorization` header is redacted: a request may be logged, the token never.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let headers = redacted_headers(&self.headers);
        f.debug_struct("HttpRequest")
            .field("operation", &self.operation)
            .field("method", &self.method)
            .field("url", &self.url)
            .field("headers", &headers)
            .field("body", &self.body)
            .finish()
    }
}

impl HttpRequest {
    /// The request as a person reads it in a dry run: method, URL and body, never the token.
    pub fn describe(&self) -> String {
        match &self.body {
            Some(body) => format!("{} {}\n{body}", self.method.as_str(), self.url),
            None => format!("{} {}", self.method.as_str(), self.url),
        }
    }
}

/// An operation's typed request. `build` makes the HTTP request; `parse` reads the answer.
pub trait ApiRequest {
    type Response: DeserializeOwned;

    fn operation(&self) -> Operation;

    /// The path, from validated and encoded segments.
    fn path(&self) -> Result<String, ApiError>;

    fn query(&self) -> Vec<(String, String)> {
        Vec::new()
    }

    fn body(&self) -> Option<String> {
        None
    }

    fn method(&self) -> HttpMethod {
        match self.operation().endpoint().split(' ').next() {
            Some("POST") => HttpMethod::Post,
            Some("DELETE") => HttpMethod::Delete,
            _ => HttpMethod::Get,
        }
    }

    fn build(&self, base: &ApiBase, token: Option<&Token>, options: RequestOptions) -> Result<HttpRequest, ApiError> {
        let path = self.path()?;
        let query = self.query();
        let mut url = format!("{base}{path}");
        if !query.is_empty() {
            let pairs: Vec<String> = query.iter().map(|(key, value)| format!("{key}={value}")).collect();
            url.push('?');
            url.push_str(&pairs.join("&"));
        }
        let mut headers = vec![("Accept".to_owned(), "application/vnd.github+json".to_owned())];
        if let Some(token) = token {
            headers.push(("Authorization".to_owned(), format!("Bearer {}", token.expose())));
        }
        let body = self.body();
        if body.is_some() {
            headers.push(("Content-Type".to_owned(), "application/json".to_owned()));
        }
        if options.send_api_version {
            headers.push(("X-GitHub-Api-Version".to_owned(), API_VERSION.to_owned()));
        }
        Ok(HttpRequest { operation: self.operation(), method: self.method(), url, path, query, headers, body })
    }

    /// Reads a response: the typed body on success, otherwise the error a person can act on.
    fn parse(&self, response: &ResponseParts, token_kind: Option<TokenKind>) -> Result<Self::Response, ApiError> {
        if !(200..300).contains(&response.status) {
            return Err(ApiError::from_response(self.operation(), token_kind, response));
        }
        serde_json::from_str(&response.body).map_err(|err| ApiError::unexpected_body(response.status, &err))
    }
}

/// A validated, percent-encoded path segment.
pub fn path_segment(name: &str, kind: NameKind) -> Result<String, ApiError> {
    if let Some(problem) = name_problem(name, kind) {
        return Err(ApiError::InvalidInput(problem));
    }
    Ok(utf8_percent_encode(name, PATH_SEGMENT).to_string())
}

fn page_query(page: PageRequest) -> Vec<(String, String)> {
    vec![("page".to_owned(), page.page().to_string()), ("per_page".to_owned(), page.per_page().to_string())]
}

fn names_problem(names: &[String], kind: NameKind) -> Result<(), ApiError> {
    if names.is_empty() {
        return Err(ApiError::InvalidInput("Give at least one name.".to_owned()));
    }
    for name in names {
        if let Some(problem) = name_problem(name, kind) {
            return Err(ApiError::InvalidInput(format!("{name:?}: {problem}")));
        }
    }
    Ok(())
}

/// `GET /orgs/{org}/copilot/billing`
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GetOrganizationBilling {
    pub org: String,
}

impl ApiRequest for GetOrganizationBilling {
    type Response = OrganizationBilling;
    fn operation(&self) -> Operation {
        Operation::GetOrganizationBilling
    }
    fn path(&self) -> Result<String, ApiError> {
        Ok(format!("/orgs/{}/copilot/billing", path_segment(&self.org, NameKind::Organization)?))
    }
}

/// `GET /orgs/{org}/copilot/billing/seats`
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListOrganizationSeats {
    pub org: String,
    pub page: PageRequest,
}

impl ApiRequest for ListOrganizationSeats {
    type Response = SeatPage;
    fn operation(&self) -> Operation {
        Operation::ListOrganizationSeats
    }
    fn path(&self) -> Result<String, ApiError> {
        Ok(format!("/orgs/{}/copilot/billing/seats", path_segment(&self.org, NameKind::Organization)?))
    }
    fn query(&self) -> Vec<(String, String)> {
        page_query(self.page)
    }
}

/// `GET /enterprises/{enterprise}/copilot/billing/seats`
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListEnterpriseSeats {
    pub enterprise: String,
    pub page: PageRequest,
}

impl ApiRequest for ListEnterpriseSeats {
    type Response = SeatPage;
    fn operation(&self) -> Operation {
        Operation::ListEnterpriseSeats
    }
    fn path(&self) -> Result<String, ApiError> {
        Ok(format!("/enterprises/{}/copilot/billing/seats", path_segment(&self.enterprise, NameKind::Enterprise)?))
    }
    fn query(&self) -> Vec<(String, String)> {
        page_query(self.page)
    }
}

/// `GET /orgs/{org}/members/{username}/copilot`
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GetMemberSeat {
    pub org: String,
    pub username: String,
}

impl ApiRequest for GetMemberSeat {
    type Response = Seat;
    fn operation(&self) -> Operation {
        Operation::GetMemberSeat
    }
    fn path(&self) -> Result<String, ApiError> {
        Ok(format!(
            "/orgs/{}/members/{}/copilot",
            path_segment(&self.org, NameKind::Organization)?,
            path_segment(&self.username, NameKind::User)?
        ))
    }
}

macro_rules! seat_write {
    ($(#[$meta:meta])* $name:ident, $field:ident, $kind:expr, $body:ident, $body_field:ident, $operation:expr, $response:ty, $segment:literal) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq)]
        pub struct $name {
            pub org: String,
            pub $field: Vec<String>,
        }

        impl ApiRequest for $name {
            type Response = $response;
            fn operation(&self) -> Operation {
                $operation
            }
            fn path(&self) -> Result<String, ApiError> {
                names_problem(&self.$field, $kind)?;
                Ok(format!(concat!("/orgs/{}/copilot/billing/", $segment), path_segment(&self.org, NameKind::Organization)?))
            }
            fn body(&self) -> Option<String> {
                serde_json::to_string(&$body { $body_field: self.$field.clone() }).ok()
            }
        }
    };
}

seat_write!(
    /// `POST /orgs/{org}/copilot/billing/selected_users`
    AddUsers, usernames, NameKind::User, SelectedUsers, selected_usernames, Operation::AddUsers, SeatsCreated, "selected_users"
);
seat_write!(
    /// `DELETE /orgs/{org}/copilot/billing/selected_users`
    RemoveUsers, usernames, NameKind::User, SelectedUsers, selected_usernames, Operation::RemoveUsers, SeatsCancelled, "selected_users"
);
seat_write!(
    /// `POST /orgs/{org}/copilot/billing/selected_teams`
    AddTeams, teams, NameKind::Team, SelectedTeams, selected_teams, Operation::AddTeams, SeatsCreated, "selected_teams"
);
seat_write!(
    /// `DELETE /orgs/{org}/copilot/billing/selected_teams`
    RemoveTeams, teams, NameKind::Team, SelectedTeams, selected_teams, Operation::RemoveTeams, SeatsCancelled, "selected_teams"
);

#[cfg(test)]
mod tests {
    use super::*;

    fn token() -> Token {
        Token::new("ghp_secret").unwrap()
    }

    #[test]
    fn list_seats_builds_githubs_url_with_page_query() {
        let request = ListOrganizationSeats { org: "acme".into(), page: PageRequest::new(3, 100) }
            .build(&ApiBase::github_com(), Some(&token()), RequestOptions::default())
            .unwrap();
        assert_eq!(request.method, HttpMethod::Get);
        assert_eq!(request.url, "https://api.github.com/orgs/acme/copilot/billing/seats?page=3&per_page=100");
        assert_eq!(request.path, "/orgs/acme/copilot/billing/seats");
        assert!(request.headers.contains(&("Accept".into(), "application/vnd.github+json".into())));
        assert!(request.headers.contains(&("Authorization".into(), "Bearer ghp_secret".into())));
        assert!(!request.headers.iter().any(|(name, _)| name == "X-GitHub-Api-Version"));
        assert_eq!(request.body, None);
    }

    #[test]
    fn api_version_header_is_opt_in() {
        let request = GetOrganizationBilling { org: "acme".into() }
            .build(&ApiBase::github_com(), None, RequestOptions { send_api_version: true })
            .unwrap();
        assert!(request.headers.contains(&("X-GitHub-Api-Version".into(), "2022-11-28".into())));
        assert!(!request.headers.iter().any(|(name, _)| name == "Authorization"));
    }

    #[test]
    fn writes_carry_a_json_body_and_the_right_method() {
        let base = ApiBase::custom("https://ghes.example.com/api/v3").unwrap();
        let request = RemoveUsers { org: "acme".into(), usernames: vec!["octocat".into(), "mona".into()] }
            .build(&base, Some(&token()), RequestOptions::default())
            .unwrap();
        assert_eq!(request.method, HttpMethod::Delete);
        assert_eq!(request.url, "https://ghes.example.com/api/v3/orgs/acme/copilot/billing/selected_users");
        assert_eq!(request.body.as_deref(), Some(r#"{"selected_usernames":["octocat","mona"]}"#));
        let teams = AddTeams { org: "acme".into(), teams: vec!["eng_1".into()] }
            .build(&base, None, RequestOptions::default())
            .unwrap();
        assert_eq!(teams.method, HttpMethod::Post);
        assert_eq!(teams.body.as_deref(), Some(r#"{"selected_teams":["eng_1"]}"#));
    }

    #[test]
    fn names_that_would_escape_the_path_never_reach_a_url() {
        let base = ApiBase::github_com();
        let escaping = GetOrganizationBilling { org: "a/../b".into() }.build(&base, None, RequestOptions::default());
        assert!(matches!(escaping, Err(ApiError::InvalidInput(_))));
        let member = GetMemberSeat { org: "acme".into(), username: "../../user".into() }.build(
            &base,
            None,
            RequestOptions::default(),
        );
        assert!(matches!(member, Err(ApiError::InvalidInput(_))));
        let empty = AddUsers { org: "acme".into(), usernames: vec![] }.build(&base, None, RequestOptions::default());
        assert!(matches!(empty, Err(ApiError::InvalidInput(_))));
    }

    #[test]
    fn debug_output_redacts_the_token() {
        let request = GetOrganizationBilling { org: "acme".into() }
            .build(&ApiBase::github_com(), Some(&token()), RequestOptions::default())
            .unwrap();
        let printed = format!("{request:?}");
        assert!(!printed.contains("ghp_secret"), "{printed}");
        assert!(!request.describe().contains("ghp_secret"));
    }

    #[test]
    fn enterprise_and_member_paths() {
        let base = ApiBase::github_com();
        let enterprise = ListEnterpriseSeats { enterprise: "acme-corp".into(), page: PageRequest::default() }
            .build(&base, None, RequestOptions::default())
            .unwrap();
        assert_eq!(
            enterprise.url,
            "https://api.github.com/enterprises/acme-corp/copilot/billing/seats?page=1&per_page=50"
        );
        let member = GetMemberSeat { org: "acme".into(), username: "octocat".into() }
            .build(&base, None, RequestOptions::default())
            .unwrap();
        assert_eq!(member.url, "https://api.github.com/orgs/acme/members/octocat/copilot");
    }
}
