//! Every way GitHub says no, mapped to a message a person can act on: one case per status and cause.

use copilot_api::request::{GetOrganizationBilling, ListOrganizationSeats};
use copilot_api::{ApiError, ApiRequest, Operation, PageRequest, ResponseParts, TokenKind};

fn response(status: u16, headers: &[(&str, &str)], body: &str) -> ResponseParts {
    ResponseParts::new(status, headers.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect(), body)
}

fn error_for(operation: Operation, kind: Option<TokenKind>, parts: &ResponseParts) -> (ApiError, String) {
    let error = ApiError::from_response(operation, kind, parts);
    let message = error.to_string();
    (error, message)
}

const BODY_403: &str = r#"{"message":"Resource not accessible by personal access token","documentation_url":"https://docs.github.com/rest","status":"403"}"#;

#[test]
fn a_401_says_the_token_is_wrong_or_expired() {
    let (error, message) = error_for(
        Operation::GetOrganizationBilling,
        Some(TokenKind::Classic),
        &response(
            401,
            &[],
            r#"{"message":"Bad credentials","documentation_url":"https://docs.github.com/rest","status":"401"}"#,
        ),
    );
    assert!(matches!(error, ApiError::Unauthorized { .. }));
    assert!(message.contains("expired"), "{message}");
    assert!(message.contains("Bad credentials"), "{message}");
}

#[test]
fn a_403_for_a_classic_token_names_the_scopes_needed_and_those_it_has() {
    let parts = response(403, &[("X-OAuth-Scopes", "repo, read:user")], BODY_403);
    let (error, message) = error_for(Operation::ListOrganizationSeats, Some(TokenKind::Classic), &parts);
    assert!(matches!(error, ApiError::MissingPermission { .. }));
    assert!(message.contains("manage_billing:copilot or read:org"), "{message}");
    assert!(message.contains("this token has: repo, read:user"), "{message}");
    assert!(message.contains("organization owner"), "{message}");
}

#[test]
fn a_403_for_a_classic_token_without_scopes_says_so() {
    let parts = response(403, &[("X-OAuth-Scopes", "")], BODY_403);
    let (_, message) = error_for(Operation::AddUsers, Some(TokenKind::Classic), &parts);
    assert!(message.contains("manage_billing:copilot or admin:org"), "{message}");
    assert!(message.contains("no scopes at all"), "{message}");
}

#[test]
fn a_403_for_a_fine_grained_token_names_the_organization_permission() {
    let (_, message) = error_for(Operation::RemoveUsers, Some(TokenKind::FineGrained), &response(403, &[], BODY_403));
    assert!(message.contains("\"GitHub Copilot Business\" organization permission (write)"), "{message}");
    assert!(!message.contains("scope"), "{message}");
}

#[test]
fn the_enterprise_list_explains_that_fine_grained_tokens_are_refused() {
    let (_, message) =
        error_for(Operation::ListEnterpriseSeats, Some(TokenKind::FineGrained), &response(403, &[], BODY_403));
    assert!(message.contains("does not accept fine-grained"), "{message}");
    assert!(message.contains("manage_billing:copilot or read:enterprise"), "{message}");
}

#[test]
fn a_403_with_sso_required_gives_the_authorization_link() {
    let parts = response(
        403,
        &[("X-GitHub-SSO", "required; url=https://github.com/orgs/acme/sso?authorization_request=abc")],
        r#"{"message":"Resource protected by organization SAML enforcement."}"#,
    );
    let (error, message) = error_for(Operation::GetOrganizationBilling, Some(TokenKind::Classic), &parts);
    assert!(matches!(error, ApiError::SsoRequired { .. }));
    assert!(message.contains("expires after an hour"), "{message}");
    let link = error.action_link().expect("a link to authorize the token");
    assert_eq!(link.url, "https://github.com/orgs/acme/sso?authorization_request=abc");
    assert_eq!(link.label, "Authorize this token for SSO");
}

#[test]
fn an_sso_header_with_a_hostile_address_gives_no_link() {
    for url in ["javascript:alert(1)", "http://github.com/orgs/acme/sso", "https://user@evil.example/x", "https:///x"] {
        let parts = response(403, &[("X-GitHub-SSO", &format!("required; url={url}"))], "{}");
        let (error, message) = error_for(Operation::GetOrganizationBilling, Some(TokenKind::Classic), &parts);
        assert!(matches!(error, ApiError::SsoRequired { .. }), "{url}");
        assert_eq!(error.action_link(), None, "{url}");
        assert!(!message.contains(url), "the address is not shown as text either: {message}");
    }
}

#[test]
fn a_404_mentions_sso_as_a_possible_cause() {
    let (_, message) = error_for(
        Operation::ListOrganizationSeats,
        Some(TokenKind::Classic),
        &response(404, &[], r#"{"message":"Not Found"}"#),
    );
    assert!(message.contains("SAML single sign-on"), "{message}");
}

#[test]
fn the_primary_rate_limit_gives_the_reset_time() {
    let parts = response(
        403,
        &[("x-ratelimit-remaining", "0"), ("x-ratelimit-reset", "1700000000")],
        r#"{"message":"API rate limit exceeded for user ID 1."}"#,
    );
    let (error, message) = error_for(Operation::ListOrganizationSeats, None, &parts);
    assert_eq!(error, ApiError::PrimaryRateLimit { reset_epoch_seconds: Some(1_700_000_000) });
    assert!(message.contains("2023-11-14 22:13:20 UTC"), "{message}");
    assert!(error.is_rate_limit());

    // A reset no calendar can hold is still said, as a number.
    let parts = response(403, &[("x-ratelimit-remaining", "0"), ("x-ratelimit-reset", "99999999999999")], "{}");
    let (_, message) = error_for(Operation::ListOrganizationSeats, None, &parts);
    assert!(message.contains("It resets at 99999999999999 seconds after 1970 began."), "{message}");
}

#[test]
fn the_secondary_rate_limit_gives_retry_after() {
    let parts = response(
        403,
        &[("retry-after", "42")],
        r#"{"message":"You have exceeded a secondary rate limit. Please wait a few minutes before you try again."}"#,
    );
    let (error, message) = error_for(Operation::ListOrganizationSeats, None, &parts);
    assert_eq!(error, ApiError::SecondaryRateLimit { retry_after_seconds: Some(42) });
    assert!(message.contains("wait 42 seconds"), "{message}");
    let without_header = response(429, &[], r#"{"message":"You have exceeded a secondary rate limit"}"#);
    assert_eq!(
        error_for(Operation::AddUsers, None, &without_header).0,
        ApiError::SecondaryRateLimit { retry_after_seconds: None }
    );
}

#[test]
fn either_limit_is_told_apart_whether_it_comes_as_403_or_429() {
    let secondary_words =
        r#"{"message":"You have exceeded a secondary rate limit. Please wait a few minutes before you try again."}"#;
    let primary_words = r#"{"message":"API rate limit exceeded for user ID 1."}"#;
    let exhausted = [("x-ratelimit-remaining", "0"), ("x-ratelimit-reset", "1700000000")];
    let primary = ApiError::PrimaryRateLimit { reset_epoch_seconds: Some(1_700_000_000) };
    let untold = ApiError::SecondaryRateLimit { retry_after_seconds: None };
    for status in [403, 429] {
        let error = |headers: &[(&str, &str)], body: &str| {
            ApiError::from_response(Operation::ListOrganizationSeats, None, &response(status, headers, body))
        };
        assert_eq!(error(&exhausted, primary_words), primary, "{status}: primary");
        assert_eq!(
            error(&[("retry-after", "30"), ("x-ratelimit-remaining", "4000")], secondary_words),
            ApiError::SecondaryRateLimit { retry_after_seconds: Some(30) },
            "{status}: secondary with retry-after"
        );
        // GitHub reads `retry-after` first, then `x-ratelimit-remaining: 0`.
        assert_eq!(
            error(&[("retry-after", "30"), exhausted[0], exhausted[1]], secondary_words),
            ApiError::SecondaryRateLimit { retry_after_seconds: Some(30) },
            "{status}: retry-after before the reset"
        );
        assert_eq!(error(&exhausted, secondary_words), primary, "{status}: no retry-after, the reset then");
        assert_eq!(
            error(&[("x-ratelimit-remaining", "4000")], secondary_words),
            untold,
            "{status}: secondary without retry-after"
        );
        let abuse = r#"{"message":"You have triggered an abuse detection mechanism."}"#;
        assert_eq!(error(&[], abuse), untold, "{status}: GitHub's older words");
        // A retry-after that is no number of seconds (an HTTP date) is waited as if untold.
        assert_eq!(error(&[("retry-after", "Wed, 21 Oct 2015 07:28:00 GMT")], "{}"), untold, "{status}: a date");
    }
    // A 429 that says nothing more is a secondary limit; a 403 that says nothing more is a permission.
    assert_eq!(ApiError::from_response(Operation::ListOrganizationSeats, None, &response(429, &[], "{}")), untold);
    assert!(matches!(
        ApiError::from_response(Operation::ListOrganizationSeats, None, &response(403, &[], "{}")),
        ApiError::MissingPermission { .. }
    ));
}

#[test]
fn a_404_names_what_was_not_found() {
    let not_found = response(404, &[], r#"{"message":"Not Found"}"#);
    let (_, org) = error_for(Operation::GetOrganizationBilling, None, &not_found);
    assert!(org.contains("organization was not found"), "{org}");
    let (_, enterprise) = error_for(Operation::ListEnterpriseSeats, None, &not_found);
    assert!(enterprise.contains("enterprise was not found"), "{enterprise}");
    let (_, member) = error_for(Operation::GetMemberSeat, None, &not_found);
    assert!(member.contains("no Copilot seat"), "{member}");
}

#[test]
fn a_422_carries_the_documented_meaning_of_that_operation() {
    let unprocessable = response(422, &[], r#"{"message":"Validation Failed"}"#);
    let (_, billing) = error_for(Operation::GetOrganizationBilling, None, &unprocessable);
    assert!(billing.contains("payment method"), "{billing}");
    let (_, member) = error_for(Operation::GetMemberSeat, None, &unprocessable);
    assert!(member.contains("pending organization invitation"), "{member}");
    let (_, remove) = error_for(Operation::RemoveUsers, None, &unprocessable);
    assert!(remove.contains("assigned through a team"), "{remove}");
    let (_, add) = error_for(Operation::AddTeams, None, &unprocessable);
    assert!(add.contains("public code suggestions policy") && add.contains("assign_all"), "{add}");
    assert!(add.contains("Validation Failed"), "{add}");
}

#[test]
fn a_5xx_is_transient_and_says_so() {
    for status in [500, 502, 503] {
        let (error, message) =
            error_for(Operation::ListOrganizationSeats, None, &response(status, &[], "<html>oops</html>"));
        assert_eq!(error, ApiError::Server { status });
        assert!(error.is_transient());
        assert!(message.contains("try again"), "{message}");
    }
}

#[test]
fn a_redirect_is_refused_with_a_word_on_the_api_address_and_never_retried() {
    use copilot_api::plan::{Attempts, RequestKind, RetryDecision, RetryPolicy};
    for status in [301, 302, 303, 307, 308] {
        let parts = response(status, &[("location", "https://elsewhere.example/collect")], "");
        let (error, message) = error_for(Operation::ListOrganizationSeats, None, &parts);
        assert_eq!(error, ApiError::Redirected, "{status}");
        assert!(message.contains("answered with a redirect, which this app never follows"), "{message}");
        assert!(message.contains("Check the API address"), "{message}");
        assert!(!message.contains("elsewhere.example"), "the Location is not repeated: {message}");
        for kind in [RequestKind::Read, RequestKind::Write] {
            let decision = RetryPolicy::default().decide(kind, &error, Attempts::default(), None, 0, 0);
            assert_eq!(decision, RetryDecision::GiveUp, "{status} {kind:?}");
        }
    }
    // A cache's 304 is not a redirect.
    let (not_modified, _) = error_for(Operation::ListOrganizationSeats, None, &response(304, &[], ""));
    assert_eq!(not_modified, ApiError::UnexpectedStatus { status: 304, github_message: None });
}

#[test]
fn a_success_with_a_body_that_is_not_the_expected_json_is_a_clear_error() {
    let request = GetOrganizationBilling { org: "acme".into() };
    for body in ["<html>", "{\"seat_breakdown\": ", "[]", "{\"seat_breakdown\":{},\"seat_management_setting\":5}"] {
        let error = request.parse(&response(200, &[], body), None).expect_err(body);
        assert!(matches!(error, ApiError::UnexpectedBody { status: 200, .. }), "{body}: {error:?}");
        assert!(error.to_string().contains("not the JSON this app expects"));
    }
}

#[test]
fn a_seat_page_parses_through_the_typed_request() {
    let request = ListOrganizationSeats { org: "acme".into(), page: PageRequest::default() };
    let page =
        request.parse(&response(200, &[], r#"{"total_seats":0,"seats":[]}"#), None).expect("an empty page is fine");
    assert_eq!(page.total_seats, Some(0));
}

#[test]
fn an_unexpected_status_is_reported_with_githubs_message() {
    let (error, message) = error_for(Operation::AddUsers, None, &response(410, &[], r#"{"message":"Gone"}"#));
    assert!(matches!(error, ApiError::UnexpectedStatus { status: 410, .. }));
    assert!(message.contains("Gone"));
}

#[test]
fn a_seat_page_missing_required_fields_or_of_the_wrong_types_is_a_clear_error() {
    let request = ListOrganizationSeats { org: "acme".into(), page: PageRequest::default() };
    for body in [
        r#"{"total_seats": 1, "seats": [{"assignee": {"login": "octocat", "id": 1}}]}"#,
        r#"{"total_seats": "one", "seats": []}"#,
        r#"{"total_seats": 1, "seats": [{"created_at": 5}]}"#,
        r#"{"total_seats": 1, "seats": {}}"#,
        "null",
    ] {
        let error = request.parse(&response(200, &[], body), None).expect_err(body);
        assert!(matches!(error, ApiError::UnexpectedBody { status: 200, .. }), "{body}: {error:?}");
    }
}

#[test]
fn a_huge_answer_is_read_or_refused_without_trouble() {
    // Ten thousand seats in one answer: far more than GitHub ever sends on a page.
    let seat = r#"{"created_at":"2024-01-01T00:00:00Z","assignee":{"login":"octocat","id":1}}"#;
    let seats = vec![seat; 10_000].join(",");
    let request = ListOrganizationSeats { org: "acme".into(), page: PageRequest::default() };
    let page = request
        .parse(&response(200, &[], &format!(r#"{{"total_seats":10000,"seats":[{seats}]}}"#)), None)
        .expect("a large but well-formed page parses");
    assert_eq!(page.seats.len(), 10_000);
    // And a huge body that is not JSON gives the usual clear error.
    let junk = "x".repeat(5_000_000);
    let error = request.parse(&response(200, &[], &junk), None).expect_err("junk");
    assert!(matches!(error, ApiError::UnexpectedBody { .. }));
    assert!(error.to_string().len() < 500, "the message stays short");
}

const CLASSIC_FORBIDDEN: &str = r#"{"message":"`acme` forbids access via a personal access token (classic). Please use a GitHub App, OAuth App, or a personal access token with fine-grained permissions.","documentation_url":"https://docs.github.com/rest","status":"403"}"#;
const LIFETIME_TOO_LONG: &str = r#"{"message":"`acme` forbids access via a fine-grained personal access tokens if the token's lifetime is greater than 366 days. Please adjust your token's lifetime at the following URL: https://github.com/settings/personal-access-tokens/123","documentation_url":"https://docs.github.com/rest","status":"403"}"#;

#[test]
fn an_organization_that_forbids_classic_tokens_is_told_apart_from_a_missing_scope() {
    // GitHub sends the scopes too: they are all there, so "needs scope X; this token has: X" would be wrong.
    let parts = response(403, &[("X-OAuth-Scopes", "manage_billing:copilot, read:org")], CLASSIC_FORBIDDEN);
    let (error, message) = error_for(Operation::ListOrganizationSeats, Some(TokenKind::Classic), &parts);
    assert_eq!(
        error,
        ApiError::TokenPolicy {
            policy: copilot_api::TokenPolicy::ClassicForbidden,
            github_message: serde_json::from_str::<serde_json::Value>(CLASSIC_FORBIDDEN).unwrap()["message"]
                .as_str()
                .unwrap()
                .to_owned(),
        }
    );
    assert!(message.starts_with("This organization does not accept personal access tokens (classic)"), "{message}");
    assert!(message.contains("fine-grained personal access token"), "{message}");
    assert!(!message.contains("this token has"), "{message}");
    assert!(message.contains("forbids access via a personal access token (classic)"), "{message}");
}

#[test]
fn a_fine_grained_token_that_lives_too_long_is_told_the_organizations_limit() {
    let parts = response(403, &[], LIFETIME_TOO_LONG);
    let (error, message) = error_for(Operation::AddUsers, Some(TokenKind::FineGrained), &parts);
    assert!(
        matches!(
            error,
            ApiError::TokenPolicy { policy: copilot_api::TokenPolicy::LifetimeTooLong { max_days: Some(366) }, .. }
        ),
        "{error:?}"
    );
    assert!(message.contains("live longer than 366 days"), "{message}");
    assert!(message.contains("expiration date within 366 days"), "{message}");
    assert!(!message.contains("needs the"), "not a permission problem: {message}");
}

#[test]
fn a_policy_message_without_a_number_still_reads_as_a_policy() {
    let policy = copilot_api::TokenPolicy::from_github_message(
        "`acme` forbids access via a fine-grained personal access tokens if the token's lifetime is too long.",
    );
    assert_eq!(policy, Some(copilot_api::TokenPolicy::LifetimeTooLong { max_days: None }));
    assert_eq!(
        copilot_api::TokenPolicy::from_github_message("`acme` forbids access via an OAuth app."),
        Some(copilot_api::TokenPolicy::Other)
    );
    assert_eq!(copilot_api::TokenPolicy::from_github_message("Resource not accessible by personal access token"), None);
}

#[test]
fn an_address_the_page_policy_refuses_says_nothing_was_sent_and_how_to_build_for_it_and_is_never_retried() {
    use copilot_api::plan::{Attempts, RequestKind, RetryDecision, RetryPolicy};
    let error = ApiError::RefusedByPagePolicy { origin: "https://github.example.com".to_owned() };
    let message = error.to_string();
    assert!(message.contains("may not send requests to https://github.example.com"), "{message}");
    assert!(message.contains("Nothing was sent"), "{message}");
    assert!(message.contains("GHES_ORIGINS=\"https://github.example.com\""), "{message}");
    assert!(!error.is_transient());
    for kind in [RequestKind::Read, RequestKind::Write] {
        let decision = RetryPolicy::default().decide(kind, &error, Attempts::default(), None, 0, 0);
        assert_eq!(decision, RetryDecision::GiveUp, "{kind:?}");
    }
}
