//! Every answer GitHub's OpenAPI description allows for the eight operations is read. The documents are
//! generated from the description itself (`openapi_conformance::response_strategy`), checked valid
//! against it, and read by each request's own `parse`, as the app reads GitHub's answers: every one
//! parses, with a seat for every item, and every field reads as the document gives it or, when the app
//! cannot hold it (a negative count, a count past `u64`), degrades alone. The seats of a page then reach
//! what a person sees: a row each in the unfiltered grid, counted, and a row each in both exports.

use copilot_api::format::utc_from_epoch_millis;
use copilot_api::insight::export::export_rows;
use copilot_api::insight::review::read_earlier_export;
use copilot_api::insight::{
    enterprise_summary, grid_view, ExportContext, ExportFormat, GridState, SeatCoverage, SeatIndex, SeatPrices,
    StatusRules,
};
use copilot_api::request::{
    AddTeams, AddUsers, GetMemberSeat, GetOrganizationBilling, ListEnterpriseSeats, ListOrganizationSeats, RemoveTeams,
    RemoveUsers,
};
use copilot_api::{ApiRequest, AssigningTeam, OrganizationBilling, PageRequest, ResponseParts, Scope, Seat, SeatPage};
use openapi_conformance::{raw_description, response_strategy, validate, validate_response};
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;
use serde_json::Value;

/// Cases per property: a short run in `make test`, many in `make fuzz` (`FUZZ_CASES`).
fn cases() -> u32 {
    std::env::var("FUZZ_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(96)
}

/// The document as GitHub sends it: JSON text with that status.
fn answer(status: u16, document: &Value) -> ResponseParts {
    ResponseParts::new(
        status,
        vec![("content-type".into(), "application/json; charset=utf-8".into())],
        document.to_string(),
    )
}

/// Fails the case (and shows the document) unless the description accepts it: the generator's promise.
fn assert_schema_valid(operation_id: &str, status: u16, document: &Value) -> Result<(), TestCaseError> {
    let verdict = validate_response(operation_id, status, document);
    prop_assert!(verdict.is_ok(), "the generator made an invalid document: {verdict:?}\n{document}");
    Ok(())
}

/// What a count or id in the document reads as: the whole number when it lies in `0..=u64::MAX` (written
/// `3` or `3.0`, both integers to JSON Schema), else nothing.
fn expected_count(value: &Value) -> Option<u64> {
    let number = value.as_number()?;
    number.as_u64().or_else(|| {
        let float = number.as_f64()?;
        (float.fract() == 0.0 && (0.0..18_446_744_073_709_551_616.0).contains(&float)).then_some(float as u64)
    })
}

fn text(value: &Value) -> Option<&str> {
    value.as_str()
}

fn check_team(team: &AssigningTeam, document: &Value) -> Result<(), TestCaseError> {
    let enterprise_team = &raw_description()["components"]["schemas"]["enterprise-team"];
    let is_enterprise_team = validate(enterprise_team, document).is_ok();
    match team {
        AssigningTeam::Enterprise(read) => {
            prop_assert!(is_enterprise_team, "an organization team read as an enterprise team: {document}");
            prop_assert_eq!(read.id, expected_count(&document["id"]).unwrap_or(0));
        }
        AssigningTeam::Organization(read) => {
            prop_assert!(!is_enterprise_team, "an enterprise team read as an organization team: {document}");
            prop_assert_eq!(read.id, expected_count(&document["id"]).unwrap_or(0));
            prop_assert_eq!(read.organization_id, expected_count(&document["organization_id"]));
        }
        AssigningTeam::Unknown(_) => {
            prop_assert!(false, "a team of one of the two shapes the description gives read as unknown: {document}")
        }
    }
    prop_assert_eq!(Some(team.name()), text(&document["name"]));
    prop_assert_eq!(Some(team.slug()), text(&document["slug"]));
    Ok(())
}

fn check_seat(seat: &Seat, document: &Value) -> Result<(), TestCaseError> {
    let assignee = &document["assignee"];
    prop_assert_eq!(seat.login(), text(&assignee["login"]));
    if let Some(user) = &seat.assignee {
        prop_assert_eq!(user.id, expected_count(&assignee["id"]).unwrap_or(0));
    }
    let organization = &document["organization"];
    prop_assert_eq!(seat.organization.as_ref().map(|org| org.login.as_str()), text(&organization["login"]));
    match (&seat.assigning_team, &document["assigning_team"]) {
        (None, team) => prop_assert!(team.is_null(), "a team was dropped: {team}"),
        (Some(read), team) => check_team(read, team)?,
    }
    // The day as written, in the offset it was written in: nothing shifted or lost on the way.
    let created = text(&document["created_at"]).unwrap_or_default();
    prop_assert_eq!(seat.created_at.naive_local().date().format("%Y-%m-%d").to_string(), &created[..10]);
    for (read, field) in [
        (seat.last_activity_at.is_some(), "last_activity_at"),
        (seat.last_authenticated_at.is_some(), "last_authenticated_at"),
        (seat.updated_at.is_some(), "updated_at"),
        (seat.pending_cancellation_date.is_some(), "pending_cancellation_date"),
        (seat.last_activity_editor.is_some(), "last_activity_editor"),
    ] {
        prop_assert_eq!(read, !document[field].is_null(), "{} was not read as given", field);
    }
    prop_assert_eq!(seat.plan_type.map(|plan| plan.as_str()), text(&document["plan_type"]));
    Ok(())
}

fn check_seat_page(page: &SeatPage, document: &Value) -> Result<(), TestCaseError> {
    prop_assert_eq!(page.total_seats, expected_count(&document["total_seats"]));
    let items = document["seats"].as_array().map(Vec::as_slice).unwrap_or_default();
    prop_assert_eq!(page.seats.len(), items.len(), "a seat per item, none dropped");
    for (seat, item) in page.seats.iter().zip(items) {
        check_seat(seat, item)?;
    }
    Ok(())
}

/// The page as the app shows it: every seat a row of the default grid and counted once, every seat a row
/// of each export, and the enterprise breakdown built without a panic.
fn check_what_a_person_sees(page: &SeatPage) -> Result<(), TestCaseError> {
    let now = utc_from_epoch_millis(1_767_225_600_000.0).expect("2026-01-01");
    let index = SeatIndex::new(&page.seats, None);
    let view = grid_view(&index, &GridState::default(), &SeatPrices::default(), now);
    prop_assert_eq!(view.rows.len(), page.seats.len(), "a row per seat in the unfiltered grid");
    prop_assert_eq!(view.total_counts.total(), page.seats.len(), "every seat counted once");
    enterprise_summary(&index, &view.statuses);
    let coverage = SeatCoverage { loaded: page.seats.len(), complete: true, ..SeatCoverage::default() };
    let scope = Scope::Organization("acme".into());
    let context = ExportContext {
        now,
        rules: StatusRules::default(),
        organization_plan: None,
        coverage: &coverage,
        scope: Some(&scope),
    };
    prop_assert_eq!(export_rows(&page.seats, &context, |_| None).len(), page.seats.len());
    let csv = ExportFormat::Csv.write(&page.seats, &context, |_| None);
    prop_assert!(csv.is_ok(), "{:?}", csv);
    let csv = csv.unwrap_or_default();
    let records = csv::Reader::from_reader(csv.as_bytes()).records().count();
    prop_assert_eq!(records, page.seats.len(), "a CSV record per seat");
    // Both formats read back for a comparison, each seat with a login once, the rest counted.
    let with_login =
        page.seats.iter().filter(|seat| seat.login().is_some_and(|login| !login.trim().is_empty())).count();
    let json = ExportFormat::Json.write(&page.seats, &context, |_| None).unwrap_or_default();
    for text in [csv, json] {
        if page.seats.is_empty() {
            continue;
        }
        let read = read_earlier_export(&text);
        prop_assert!(read.is_ok(), "{:?}\n{}", read, text);
        let read = read.unwrap_or_default();
        prop_assert_eq!(read.seats.len(), with_login);
        prop_assert_eq!(read.seats.len() + read.without_login, page.seats.len());
        prop_assert_eq!(read.meta.scope.as_ref(), Some(&scope));
    }
    Ok(())
}

/// Reads a generated seat list with its request's own `parse`, as the app reads GitHub, and checks every
/// item became a seat, a grid row and an export row.
fn read_seat_list<R: ApiRequest<Response = SeatPage>>(request: R, document: &Value) -> Result<(), TestCaseError> {
    let parsed = request.parse(&answer(200, document), None);
    prop_assert!(parsed.is_ok(), "{:?}\n{}", parsed, document);
    let page = parsed.unwrap();
    check_seat_page(&page, document)?;
    check_what_a_person_sees(&page)
}

fn check_billing(billing: &OrganizationBilling, document: &Value) -> Result<(), TestCaseError> {
    let counts = &document["seat_breakdown"];
    let breakdown = &billing.seat_breakdown;
    for (read, field) in [
        (breakdown.total, "total"),
        (breakdown.added_this_cycle, "added_this_cycle"),
        (breakdown.pending_cancellation, "pending_cancellation"),
        (breakdown.pending_invitation, "pending_invitation"),
        (breakdown.active_this_cycle, "active_this_cycle"),
        (breakdown.inactive_this_cycle, "inactive_this_cycle"),
    ] {
        prop_assert_eq!(read, expected_count(&counts[field]), "seat_breakdown.{}", field);
    }
    prop_assert_eq!(Some(billing.public_code_suggestions.as_str()), text(&document["public_code_suggestions"]));
    prop_assert_eq!(Some(billing.seat_management_setting.as_str()), text(&document["seat_management_setting"]));
    for (read, field) in
        [(billing.ide_chat, "ide_chat"), (billing.platform_chat, "platform_chat"), (billing.cli, "cli")]
    {
        prop_assert_eq!(read.map(|policy| policy.as_str()), text(&document[field]), "{}", field);
    }
    prop_assert_eq!(billing.plan_type.map(|plan| plan.as_str()), text(&document["plan_type"]));
    Ok(())
}

const BILLING: &str = "copilot/get-copilot-organization-details";
const SEATS_OF_ORG: &str = "copilot/list-copilot-seats";
const SEATS_OF_ENTERPRISE: &str = "copilot/list-copilot-seats-for-enterprise";
const MEMBER_SEAT: &str = "copilot/get-copilot-seat-details-for-user";
const ADD_USERS: &str = "copilot/add-copilot-seats-for-users";
const ADD_TEAMS: &str = "copilot/add-copilot-seats-for-teams";
const REMOVE_USERS: &str = "copilot/cancel-copilot-seat-assignment-for-users";
const REMOVE_TEAMS: &str = "copilot/cancel-copilot-seat-assignment-for-teams";

fn org() -> String {
    "acme".to_owned()
}

proptest! {
    // A failure is shown with its document, shrunk; no regression file (the documents are many and large).
    #![proptest_config(ProptestConfig { cases: cases(), failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn every_schema_valid_billing_summary_is_read(document in response_strategy(BILLING, 200)) {
        assert_schema_valid(BILLING, 200, &document)?;
        let parsed = GetOrganizationBilling { org: org() }.parse(&answer(200, &document), None);
        prop_assert!(parsed.is_ok(), "{:?}\n{}", parsed, document);
        check_billing(&parsed.unwrap(), &document)?;
    }

    #[test]
    fn every_schema_valid_seat_page_of_an_organization_is_read_with_a_seat_per_item(
        document in response_strategy(SEATS_OF_ORG, 200)
    ) {
        assert_schema_valid(SEATS_OF_ORG, 200, &document)?;
        read_seat_list(ListOrganizationSeats { org: org(), page: PageRequest::new(1, 100) }, &document)?;
    }

    #[test]
    fn every_schema_valid_seat_page_of_an_enterprise_is_read_with_a_seat_per_item(
        document in response_strategy(SEATS_OF_ENTERPRISE, 200)
    ) {
        assert_schema_valid(SEATS_OF_ENTERPRISE, 200, &document)?;
        let request = ListEnterpriseSeats { enterprise: "octo-enterprise".into(), page: PageRequest::new(1, 100) };
        read_seat_list(request, &document)?;
    }

    #[test]
    fn every_schema_valid_member_seat_is_read(document in response_strategy(MEMBER_SEAT, 200)) {
        assert_schema_valid(MEMBER_SEAT, 200, &document)?;
        let parsed = GetMemberSeat { org: org(), username: "octocat".into() }.parse(&answer(200, &document), None);
        prop_assert!(parsed.is_ok(), "{:?}\n{}", parsed, document);
        check_seat(&parsed.unwrap(), &document)?;
    }

    #[test]
    fn every_schema_valid_answer_to_a_write_is_read(
        created in response_strategy(ADD_USERS, 201),
        created_for_teams in response_strategy(ADD_TEAMS, 201),
        cancelled in response_strategy(REMOVE_USERS, 200),
        cancelled_for_teams in response_strategy(REMOVE_TEAMS, 200),
    ) {
        let users = vec!["octocat".to_owned()];
        let teams = vec!["justice-league".to_owned()];
        // A count the app cannot hold reads as no seats: it is only ever shown, never acted on.
        let count = |document: &Value, field: &str| expected_count(&document[field]).unwrap_or(0);

        assert_schema_valid(ADD_USERS, 201, &created)?;
        let parsed = AddUsers { org: org(), usernames: users.clone() }.parse(&answer(201, &created), None);
        prop_assert_eq!(parsed.map(|answer| answer.seats_created), Ok(count(&created, "seats_created")));

        assert_schema_valid(ADD_TEAMS, 201, &created_for_teams)?;
        let parsed = AddTeams { org: org(), teams: teams.clone() }.parse(&answer(201, &created_for_teams), None);
        prop_assert_eq!(parsed.map(|answer| answer.seats_created), Ok(count(&created_for_teams, "seats_created")));

        assert_schema_valid(REMOVE_USERS, 200, &cancelled)?;
        let parsed = RemoveUsers { org: org(), usernames: users }.parse(&answer(200, &cancelled), None);
        prop_assert_eq!(parsed.map(|answer| answer.seats_cancelled), Ok(count(&cancelled, "seats_cancelled")));

        assert_schema_valid(REMOVE_TEAMS, 200, &cancelled_for_teams)?;
        let parsed = RemoveTeams { org: org(), teams }.parse(&answer(200, &cancelled_for_teams), None);
        prop_assert_eq!(parsed.map(|answer| answer.seats_cancelled), Ok(count(&cancelled_for_teams, "seats_cancelled")));
    }
}
