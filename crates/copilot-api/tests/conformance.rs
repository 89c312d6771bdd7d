//! Held to GitHub's own description: every example it publishes parses, and every request body we
//! build validates against the operation's request schema.

use copilot_api::request::{AddTeams, AddUsers, RemoveTeams, RemoveUsers};
use copilot_api::{
    ApiBase, ApiRequest, AssigningTeam, OrganizationBilling, PlanType, RequestOptions, Seat, SeatManagementSetting,
    SeatPage, SeatsCancelled, SeatsCreated,
};
use serde_json::Value;

/// Parses an example with the model its shape calls for, and says which one it was.
fn parse_example(value: &Value) -> Result<&'static str, String> {
    let text = value.to_string();
    let result = if value.get("seat_breakdown").is_some() {
        serde_json::from_str::<OrganizationBilling>(&text).map(|_| "billing")
    } else if value.get("seats").is_some() {
        serde_json::from_str::<SeatPage>(&text).map(|_| "seat page")
    } else if value.get("seats_created").is_some() {
        serde_json::from_str::<SeatsCreated>(&text).map(|_| "seats created")
    } else if value.get("seats_cancelled").is_some() {
        serde_json::from_str::<SeatsCancelled>(&text).map(|_| "seats cancelled")
    } else {
        serde_json::from_str::<Seat>(&text).map(|_| "seat")
    };
    result.map_err(|err| format!("{err}: {text}"))
}

#[test]
fn every_example_in_the_openapi_description_parses() {
    let examples = openapi_conformance::examples();
    assert!(examples.len() >= 7, "found only {} examples", examples.len());
    for (name, value) in examples {
        parse_example(&value).unwrap_or_else(|err| panic!("{name}: {err}"));
    }
}

#[test]
fn every_json_example_of_both_seed_documents_parses() {
    for file in ["000_7feb70591ed5e132.txt", "002_31d0651d10934763.txt"] {
        let examples = openapi_conformance::seed_examples(file);
        assert!(examples.len() >= 6, "{file}: found only {}", examples.len());
        for (status, value) in examples {
            parse_example(&value).unwrap_or_else(|err| panic!("{file} {status}: {err}"));
        }
    }
}

#[test]
fn the_newer_billing_example_has_every_policy_and_the_older_one_parses_without_them() {
    let newer = openapi_conformance::seed_examples("000_7feb70591ed5e132.txt");
    let billing: OrganizationBilling =
        newer.iter().find_map(|(_, v)| serde_json::from_value(v.clone()).ok()).expect("a billing example");
    assert_eq!(billing.plan_type, Some(PlanType::Business));
    assert!(billing.ide_chat.is_some() && billing.platform_chat.is_some() && billing.cli.is_some());
    assert_eq!(billing.seat_breakdown.inactive_this_cycle, Some(11));

    let older = openapi_conformance::seed_examples("002_31d0651d10934763.txt");
    let billing: OrganizationBilling =
        older.iter().find_map(|(_, v)| serde_json::from_value(v.clone()).ok()).expect("a billing example");
    assert_eq!(billing.seat_management_setting, SeatManagementSetting::AssignSelected);
    assert_eq!((billing.plan_type, billing.ide_chat), (None, None));
}

#[test]
fn seat_examples_keep_offsets_dates_and_the_assigning_team() {
    let page: SeatPage = serde_json::from_value(
        openapi_conformance::seed_examples("000_7feb70591ed5e132.txt")
            .into_iter()
            .find(|(_, v)| v.get("seats").is_some())
            .expect("a seat list")
            .1,
    )
    .expect("parses");
    assert_eq!(page.total_seats, Some(2));
    let first = &page.seats[0];
    assert_eq!(first.created_at.to_rfc3339(), "2021-08-03T18:00:00-06:00");
    assert_eq!(first.last_activity_editor.as_deref(), Some("vscode/1.77.3/copilot/1.86.82"));
    match &first.assigning_team {
        Some(AssigningTeam::Organization(team)) => assert_eq!(team.slug, "justice-league"),
        other => panic!("expected an organization team, got {other:?}"),
    }
    let second = &page.seats[1];
    assert_eq!(second.pending_cancellation_date.map(|d| d.to_string()).as_deref(), Some("2021-11-01"));
    assert_eq!(second.plan_type, None, "the second seat has no plan_type in the example");
}

#[test]
fn an_enterprise_team_is_told_apart_from_an_organization_team() {
    let seat: Seat = serde_json::from_str(
        r#"{"created_at":"2024-01-01T00:00:00Z","assigning_team":{"id":7,"name":"Platform","slug":"platform","url":"https://api.github.com/enterprises/e/teams/7","members_url":"x","html_url":"https://github.com/enterprises/e/teams/platform","created_at":"2024-01-01T00:00:00Z","updated_at":"2024-01-02T00:00:00Z","group_id":null}}"#,
    )
    .expect("parses");
    assert!(matches!(seat.assigning_team, Some(AssigningTeam::Enterprise(_))));
    assert!(seat.assigning_team.as_ref().is_some_and(AssigningTeam::is_enterprise_team));
}

#[test]
fn unknown_enum_values_from_a_future_github_still_parse() {
    let billing: OrganizationBilling = serde_json::from_str(
        r#"{"seat_breakdown":{},"seat_management_setting":"assign_by_magic","public_code_suggestions":"sometimes","ide_chat":"beta","plan_type":"galactic"}"#,
    )
    .expect("parses");
    assert_eq!(billing.seat_management_setting, SeatManagementSetting::Unknown);
    assert_eq!(billing.plan_type, Some(PlanType::Unknown));
}

#[test]
fn our_seat_serialization_validates_strictly_against_the_seat_schema() {
    let seat: Seat = serde_json::from_str(
        r#"{"created_at":"2021-08-03T18:00:00-06:00","pending_cancellation_date":"2021-11-01","last_activity_at":null,"last_activity_editor":null,"plan_type":"enterprise","assignee":{"login":"octocat","id":1}}"#,
    )
    .expect("parses");
    let schema = &openapi_conformance::raw_description()["components"]["schemas"]["copilot-seat-details"];
    let serialized = serde_json::to_value(&seat).expect("serializes");
    // The user object lacks most required fields on purpose, so only the seat's own fields are checked.
    let mut without_user = serialized.clone();
    without_user.as_object_mut().expect("object").remove("assignee");
    assert_eq!(openapi_conformance::validate(schema, &without_user), Ok(()));
}

#[test]
fn every_request_body_we_build_validates_against_its_request_schema() {
    let base = ApiBase::github_com();
    let users = vec!["octocat".to_owned(), "mona-lisa".to_owned()];
    let teams = vec!["eng_team".to_owned()];
    let bodies = [
        (
            AddUsers { org: "acme".into(), usernames: users.clone() }.build(&base, None, RequestOptions::default()),
            "copilot/add-copilot-seats-for-users",
        ),
        (
            RemoveUsers { org: "acme".into(), usernames: users }.build(&base, None, RequestOptions::default()),
            "copilot/cancel-copilot-seat-assignment-for-users",
        ),
        (
            AddTeams { org: "acme".into(), teams: teams.clone() }.build(&base, None, RequestOptions::default()),
            "copilot/add-copilot-seats-for-teams",
        ),
        (
            RemoveTeams { org: "acme".into(), teams }.build(&base, None, RequestOptions::default()),
            "copilot/cancel-copilot-seat-assignment-for-teams",
        ),
    ];
    for (request, operation_id) in bodies {
        let request = request.expect("builds");
        assert_eq!(request.operation.operation_id(), operation_id);
        let (method, path, _) = openapi_conformance::operation(operation_id);
        assert_eq!(request.method.as_str().to_lowercase(), method);
        assert_eq!(request.path, path.replace("{org}", "acme"));
        let body: Value = serde_json::from_str(request.body.as_deref().expect("a body")).expect("JSON");
        assert_eq!(openapi_conformance::validate_request(operation_id, &body), Ok(()), "{operation_id}");
    }
}

#[test]
fn the_validator_would_catch_a_wrong_request_body() {
    let wrong = serde_json::json!({"selected_usernames": []});
    assert!(openapi_conformance::validate_request("copilot/add-copilot-seats-for-users", &wrong).is_err());
    let wrong_key = serde_json::json!({"usernames": ["a"]});
    assert!(openapi_conformance::validate_request("copilot/add-copilot-seats-for-users", &wrong_key).is_err());
}

#[test]
fn every_operation_matches_the_descriptions_method_and_path() {
    for operation in copilot_api::Operation::ALL {
        let (method, path, _) = openapi_conformance::operation(operation.operation_id());
        assert_eq!(operation.endpoint(), format!("{} {path}", method.to_uppercase()));
    }
}

#[test]
fn dropping_unshown_fields_keeps_everything_the_grid_and_the_export_read() {
    use copilot_api::insight::export::ExportRow;
    use copilot_api::insight::grid::SeatIndex;
    use copilot_api::insight::StatusRules;
    let now = chrono::DateTime::parse_from_rfc3339("2024-06-01T00:00:00Z").unwrap().with_timezone(&chrono::Utc);
    let mut pages = 0;
    for (_, value) in openapi_conformance::examples() {
        let Ok(page) = serde_json::from_value::<SeatPage>(value) else { continue };
        pages += 1;
        let mut lean = page.seats.clone();
        lean.iter_mut().for_each(Seat::drop_unshown_fields);
        for (whole, lean) in page.seats.iter().zip(&lean) {
            let (whole_user, lean_user) = (whole.assignee.as_ref(), lean.assignee.as_ref());
            assert_eq!(
                whole_user.map(|u| (&u.login, u.id, &u.html_url)),
                lean_user.map(|u| (&u.login, u.id, &u.html_url))
            );
            assert!(lean_user.is_none_or(|u| u.avatar_url.is_none() && u.url.is_none() && u.node_id.is_none()));
            assert_eq!(whole.organization.as_ref().map(|o| &o.login), lean.organization.as_ref().map(|o| &o.login));
            assert_eq!(
                whole.assigning_team.as_ref().map(|t| (t.slug(), t.name(), t.is_enterprise_team())),
                lean.assigning_team.as_ref().map(|t| (t.slug(), t.name(), t.is_enterprise_team()))
            );
            assert_eq!(
                ExportRow::new(whole, now, StatusRules::with_threshold(30), None, None),
                ExportRow::new(lean, now, StatusRules::with_threshold(30), None, None)
            );
            assert!(serde_json::to_string(lean).unwrap().len() < serde_json::to_string(whole).unwrap().len());
        }
        assert_eq!(SeatIndex::new(&page.seats, None).rows(), SeatIndex::new(&lean, None).rows());
    }
    assert!(pages >= 2, "found {pages} seat pages among the examples");
}
