//! Documents GitHub's OpenAPI description allows but that look odd (negative counts, a null assignee, a
//! seat with only `created_at`, a team with only its required fields): each one validates against the
//! description and parses, and the odd field degrades alone.

use copilot_api::{
    AssigningTeam, OrganizationBilling, PlanType, Seat, SeatPage, SeatsCancelled, SeatsCreated, UNKNOWN_TEAM,
};
use serde_json::{json, Value};

const SEATS_OF_ORG: &str = "copilot/list-copilot-seats";
const SEATS_OF_ENTERPRISE: &str = "copilot/list-copilot-seats-for-enterprise";
const MEMBER_SEAT: &str = "copilot/get-copilot-seat-details-for-user";

fn assert_schema_valid(operation_id: &str, status: u16, body: &Value) {
    assert_eq!(openapi_conformance::validate_response(operation_id, status, body), Ok(()), "{body}");
}

fn enterprise_team_with_only_required_fields(id: i64) -> Value {
    json!({
        "id": id, "url": "https://api.github.com/enterprises/e/teams/1", "members_url": "m", "name": "Platform",
        "html_url": "https://github.com/enterprises/e/teams/platform", "slug": "platform",
        "created_at": "1910-01-01T00:00:00Z", "updated_at": "1910-01-02T00:00:00Z", "group_id": null
    })
}

fn organization_team_with_only_required_fields(id: i64) -> Value {
    json!({
        "id": id, "node_id": "n", "url": "https://api.github.com/teams/1", "members_url": "m", "name": "Justice League",
        "description": null, "permission": "pull", "html_url": "https://github.com/orgs/o/teams/justice-league",
        "repositories_url": "https://api.github.com/teams/1/repos", "slug": "justice-league", "parent": null,
        "type": "organization"
    })
}

#[test]
fn a_negative_count_in_the_billing_summary_reads_as_not_reported_and_keeps_the_others() {
    let body = json!({
        "seat_breakdown": {"total": -30246144, "active_this_cycle": 4, "inactive_this_cycle": -1},
        "public_code_suggestions": "block", "seat_management_setting": "assign_selected"
    });
    assert_schema_valid("copilot/get-copilot-organization-details", 200, &body);
    let billing: OrganizationBilling = serde_json::from_value(body).expect("parses");
    assert_eq!(billing.seat_breakdown.total, None);
    assert_eq!(billing.seat_breakdown.inactive_this_cycle, None);
    assert_eq!(billing.seat_breakdown.active_this_cycle, Some(4));
}

#[test]
fn a_negative_total_of_seats_reads_as_not_reported_and_keeps_the_seats() {
    let body = json!({"total_seats": -3, "seats": [{"created_at": "2024-01-01T00:00:00Z"}]});
    assert_schema_valid(SEATS_OF_ORG, 200, &body);
    assert_schema_valid(SEATS_OF_ENTERPRISE, 200, &body);
    let page: SeatPage = serde_json::from_value(body).expect("parses");
    assert_eq!((page.total_seats, page.seats.len()), (None, 1));
}

#[test]
fn a_seat_with_only_created_at_parses_as_a_ghost_seat() {
    let body = json!({"created_at": "1910-06-01T12:00:00-06:00"});
    assert_schema_valid(MEMBER_SEAT, 200, &body);
    let seat: Seat = serde_json::from_value(body).expect("parses");
    assert_eq!((seat.login(), seat.assigning_team.is_none(), seat.plan_type), (None, true, None));
}

#[test]
fn a_seat_whose_assignee_is_null_is_kept_without_a_login() {
    let body = json!({"seats": [{"created_at": "2024-01-01T00:00:00Z", "assignee": null, "organization": null,
        "assigning_team": null, "pending_cancellation_date": null, "last_activity_at": null}]});
    assert_schema_valid(SEATS_OF_ENTERPRISE, 200, &body);
    let page: SeatPage = serde_json::from_value(body).expect("parses");
    assert_eq!(page.seats.len(), 1);
    assert_eq!(page.seats[0].login(), None);
}

#[test]
fn an_unknown_plan_stays_unknown() {
    let body = json!({"created_at": "2024-01-01T00:00:00Z", "plan_type": "unknown"});
    assert_schema_valid(MEMBER_SEAT, 200, &body);
    let seat: Seat = serde_json::from_value(body).expect("parses");
    assert_eq!(seat.plan_type, Some(PlanType::Unknown));
}

#[test]
fn an_enterprise_team_with_only_its_required_fields_and_a_negative_id_keeps_its_name() {
    let body =
        json!({"created_at": "2024-01-01T00:00:00Z", "assigning_team": enterprise_team_with_only_required_fields(-7)});
    assert_schema_valid(MEMBER_SEAT, 200, &body);
    let seat: Seat = serde_json::from_value(body).expect("parses");
    let team = seat.assigning_team.expect("a team");
    assert!(matches!(team, AssigningTeam::Enterprise(_)), "{team:?}");
    assert_eq!((team.name(), team.slug()), ("Platform", "platform"));
}

#[test]
fn an_organization_team_with_only_its_required_fields_and_negative_ids_keeps_its_name() {
    let mut team = organization_team_with_only_required_fields(-30);
    team["organization_id"] = json!(-2);
    let body = json!({"seats": [{"created_at": "2024-01-01T00:00:00Z", "assigning_team": team}]});
    assert_schema_valid(SEATS_OF_ORG, 200, &body);
    let page: SeatPage = serde_json::from_value(body).expect("parses");
    match &page.seats[0].assigning_team {
        Some(AssigningTeam::Organization(team)) => {
            assert_eq!((team.slug.as_str(), team.organization_id), ("justice-league", None));
        }
        other => panic!("expected an organization team, got {other:?}"),
    }
}

/// Not valid under today's description (it matches neither team shape), but what a GitHub that adds a
/// third kind of team would send: the seat and the page must survive it.
#[test]
fn a_team_of_neither_shape_becomes_an_unknown_team_and_keeps_its_seat() {
    let body = json!({"seats": [
        {"created_at": "2024-01-01T00:00:00Z", "assignee": null, "assigning_team": {"kind": "cost-center"}},
        {"created_at": "2024-01-01T00:00:00Z", "assigning_team": {"id": "x", "name": "Half a team"}}
    ]});
    assert!(openapi_conformance::validate_response(SEATS_OF_ORG, 200, &body).is_err());
    let page: SeatPage = serde_json::from_value(body).expect("parses");
    let teams: Vec<&str> =
        page.seats.iter().filter_map(|seat| seat.assigning_team.as_ref()).map(AssigningTeam::name).collect();
    assert_eq!(teams, [UNKNOWN_TEAM, "Half a team"]);
    assert!(page.seats.iter().all(|seat| matches!(seat.assigning_team, Some(AssigningTeam::Unknown(_)))));
}

#[test]
fn write_answers_with_negative_counts_parse_as_no_seats() {
    for (operation_id, status, body) in [
        ("copilot/add-copilot-seats-for-users", 201, json!({"seats_created": -4})),
        ("copilot/add-copilot-seats-for-teams", 201, json!({"seats_created": -4})),
        ("copilot/cancel-copilot-seat-assignment-for-users", 200, json!({"seats_cancelled": -4})),
        ("copilot/cancel-copilot-seat-assignment-for-teams", 200, json!({"seats_cancelled": -4})),
    ] {
        assert_schema_valid(operation_id, status, &body);
        if status == 201 {
            assert_eq!(serde_json::from_value::<SeatsCreated>(body).expect("parses").seats_created, 0);
        } else {
            assert_eq!(serde_json::from_value::<SeatsCancelled>(body).expect("parses").seats_cancelled, 0);
        }
    }
}

/// Found by `schema_generated_answers.rs`: JSON Schema's `integer` includes `3.0` and `1e3`, which
/// serde_json reads as floats, so they read as "not reported" (a count) or no id.
#[test]
fn whole_numbers_written_with_a_fraction_or_an_exponent_read_as_the_number_they_are() {
    let billing = json!({
        "seat_breakdown": {"total": 3.0, "active_this_cycle": 1e3, "inactive_this_cycle": -0.0, "pending_invitation": 2.5e19},
        "public_code_suggestions": "block", "seat_management_setting": "assign_selected"
    });
    assert_schema_valid("copilot/get-copilot-organization-details", 200, &billing);
    let billing: OrganizationBilling = serde_json::from_str(&billing.to_string()).expect("parses");
    let breakdown = billing.seat_breakdown;
    assert_eq!(
        (breakdown.total, breakdown.active_this_cycle, breakdown.inactive_this_cycle),
        (Some(3), Some(1000), Some(0))
    );
    assert_eq!(breakdown.pending_invitation, None, "past u64 stays not reported");

    let page = json!({"total_seats": 2.0, "seats": [{"created_at": "2024-01-01T00:00:00Z",
        "assigning_team": enterprise_team_with_only_required_fields(7), "assignee": {"login": "octocat", "id": 42.0}}]});
    let page = page.to_string().replace("\"id\":7", "\"id\":7.0");
    let page: SeatPage = serde_json::from_str(&page).expect("parses");
    assert_eq!(page.total_seats, Some(2));
    assert_eq!(page.seats[0].assignee.as_ref().map(|user| user.id), Some(42));
    match &page.seats[0].assigning_team {
        Some(AssigningTeam::Enterprise(team)) => assert_eq!(team.id, 7),
        other => panic!("expected an enterprise team, got {other:?}"),
    }

    let created: SeatsCreated = serde_json::from_str(r#"{"seats_created": 4.0}"#).expect("parses");
    assert_eq!(created.seats_created, 4);
}
