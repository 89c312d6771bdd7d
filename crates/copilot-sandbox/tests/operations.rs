//! Every operation through `handle`: the success paths, each documented refusal, and the semantics, with
//! every answer validated against GitHub's official description for its operation and status.

mod support;

use std::collections::{BTreeSet, HashSet};

use chrono::Duration;
use copilot_api::plan::loader::AnsweredPage;
use copilot_api::request::{self as api_request, ApiRequest};
use copilot_api::{ApiBase, ApiError, LinkHeader, Operation, PageRequest, RequestOptions, SeatPage, SsoLeftOut, Token};
use copilot_sandbox::*;
use serde_json::{json, Value};
use support::{assert_conforms, method_of, strings, Api};

const SEATS: &str = "/orgs/acme/copilot/billing/seats";
const BILLING: &str = "/orgs/acme/copilot/billing";
const USERS: &str = "/orgs/acme/copilot/billing/selected_users";
const TEAMS: &str = "/orgs/acme/copilot/billing/selected_teams";
const ENTERPRISE: &str = "/enterprises/acme-corp/copilot/billing/seats";

fn member_path(login: &str) -> String {
    format!("/orgs/acme/members/{login}/copilot")
}

/// Every operation with a target and a valid body, for the checks that apply to all of them.
fn every_operation(org: &str) -> Vec<(Operation, String, Option<Value>)> {
    vec![
        (Operation::GetOrganizationBilling, format!("/orgs/{org}/copilot/billing"), None),
        (Operation::ListOrganizationSeats, format!("/orgs/{org}/copilot/billing/seats"), None),
        (Operation::ListEnterpriseSeats, ENTERPRISE.to_owned(), None),
        (
            Operation::AddUsers,
            format!("/orgs/{org}/copilot/billing/selected_users"),
            Some(json!({"selected_usernames": [MEMBER_LOGIN]})),
        ),
        (
            Operation::RemoveUsers,
            format!("/orgs/{org}/copilot/billing/selected_users"),
            Some(json!({"selected_usernames": [MEMBER_LOGIN]})),
        ),
        (
            Operation::AddTeams,
            format!("/orgs/{org}/copilot/billing/selected_teams"),
            Some(json!({"selected_teams": ["nobody-here"]})),
        ),
        (
            Operation::RemoveTeams,
            format!("/orgs/{org}/copilot/billing/selected_teams"),
            Some(json!({"selected_teams": ["nobody-here"]})),
        ),
        (Operation::GetMemberSeat, format!("/orgs/{org}/members/{OWNER_LOGIN}/copilot"), None),
    ]
}

fn error_of(operation: Operation, token: &str, response: &Response) -> ApiError {
    let kind = Token::new(token).map(|token| token.kind());
    ApiError::from_response(operation, kind, &response.clone().into())
}

/// Walks every page of a seat list through its `Link` headers; returns the seats, the page sizes seen and
/// the last page's `total_seats`.
fn walk(api: &mut Api, operation: Operation, first: &str) -> (Vec<Value>, Vec<u32>, u64) {
    let mut seats = Vec::new();
    let mut pages = Vec::new();
    let mut target = first.to_owned();
    loop {
        let response = api.call(operation, &target, Some(OWNER_CLASSIC), None);
        assert_eq!(response.status, 200, "{}", response.body);
        let body = response.json_body();
        let page = body["seats"].as_array().unwrap();
        pages.push(page.len() as u32);
        seats.extend(page.iter().cloned());
        assert!(pages.len() < 1_000, "the Link header must end");
        match response.header("link").and_then(next_url) {
            Some(next) => target = next,
            None => return (seats, pages, body["total_seats"].as_u64().unwrap()),
        }
    }
}

/// The path and query of the `rel="next"` link.
fn next_url(header: &str) -> Option<String> {
    header.split(',').find(|part| part.contains("rel=\"next\"")).and_then(|part| {
        let url = part.trim().strip_prefix('<')?.split('>').next()?;
        Some(url.strip_prefix("https://api.github.com").unwrap_or(url).to_owned())
    })
}

#[test]
fn the_billing_summary_is_counted_from_the_state() {
    let mut api = Api::small();
    let response = api.call(Operation::GetOrganizationBilling, BILLING, Some(OWNER_CLASSIC), None);
    assert_eq!(response.status, 200);
    let body = response.json_body();
    let dump = api.dump();
    let org = Api::org(&dump, "acme");
    let seats = org["seats"].as_array().unwrap();
    let cycle = "2024-06-01T00:00:00+00:00";
    let since_cycle =
        |field: &str| seats.iter().filter(|seat| seat[field].as_str().is_some_and(|at| at >= cycle)).count();
    let active = since_cycle("last_activity_at");
    let expected = json!({
        "total": seats.len(),
        "added_this_cycle": since_cycle("created_at"),
        "pending_cancellation": seats.iter().filter(|seat| !seat["pending_cancellation_date"].is_null()).count(),
        "pending_invitation": org["pending_invitations"].as_array().unwrap().iter().filter(|i| i["seat_requested"] == true).count(),
        "active_this_cycle": active,
        "inactive_this_cycle": seats.len() - active,
    });
    assert_eq!(body["seat_breakdown"], expected);
    assert_eq!(seats.len(), 120);
    for field in
        ["pending_cancellation", "pending_invitation", "active_this_cycle", "inactive_this_cycle", "added_this_cycle"]
    {
        assert!(expected[field].as_u64().unwrap() > 0, "the generated data exercises {field}");
    }
    assert_eq!(body["seat_management_setting"], "assign_selected");
    assert_eq!(body["public_code_suggestions"], "block");
    assert_eq!(body["plan_type"], "business");
    for field in ["ide_chat", "platform_chat", "cli"] {
        assert_eq!(body[field], "enabled");
    }
    // The second organization is on the other plan.
    let second = api.call(Operation::GetOrganizationBilling, "/orgs/acme-2/copilot/billing", Some(OWNER_CLASSIC), None);
    assert_eq!(second.json_body()["plan_type"], "enterprise");
}

#[test]
fn walking_the_link_headers_yields_exactly_the_states_seats() {
    let mut api = Api::small();
    let (seats, pages, total) = walk(&mut api, Operation::ListOrganizationSeats, &format!("{SEATS}?per_page=25"));
    assert_eq!(pages.len(), 5, "120 seats at 25 a page");
    let dump = api.dump();
    let expected: Vec<&str> = Api::org(&dump, "acme")["seats"]
        .as_array()
        .unwrap()
        .iter()
        .map(|seat| seat["login"].as_str().unwrap())
        .collect();
    let listed: Vec<&str> = seats.iter().map(|seat| seat["assignee"]["login"].as_str().unwrap()).collect();
    assert_eq!(listed, expected);
    assert_eq!(total, 120);
    // The list shows the state's details, not just the logins.
    let first = Api::seat(&dump, "acme", listed[0]).unwrap();
    assert_eq!(seats[0]["created_at"], first["created_at"]);
    assert_eq!(seats[0]["last_activity_at"], first["last_activity_at"]);
    assert_eq!(seats[0]["pending_cancellation_date"], first["pending_cancellation_date"]);
    assert_eq!(seats[0]["assigning_team"]["slug"].as_str(), first["assigning_team"].as_str());
}

#[test]
fn pages_default_to_50_clamp_to_100_and_are_empty_past_the_end() {
    let mut api = Api::small();
    let default = api.call(Operation::ListOrganizationSeats, SEATS, Some(OWNER_CLASSIC), None);
    assert_eq!(default.json_body()["seats"].as_array().unwrap().len(), 50);
    assert_eq!(
        default.header("link"),
        Some(
            r#"<https://api.github.com/orgs/acme/copilot/billing/seats?page=2>; rel="next", <https://api.github.com/orgs/acme/copilot/billing/seats?page=3>; rel="last""#
        )
    );
    let big = api.call(Operation::ListOrganizationSeats, &format!("{SEATS}?per_page=500"), Some(OWNER_CLASSIC), None);
    assert_eq!(big.json_body()["seats"].as_array().unwrap().len(), 100);
    let middle = api.send(
        Request::get(&format!("{SEATS}?per_page=10&page=3"))
            .with_token(OWNER_CLASSIC)
            .with_header("Host", "127.0.0.1:9"),
    );
    assert_conforms(Operation::ListOrganizationSeats, &middle);
    let base = "http://127.0.0.1:9/orgs/acme/copilot/billing/seats?per_page=10";
    assert_eq!(
        middle.header("link").unwrap(),
        format!(
            r#"<{base}&page=2>; rel="prev", <{base}&page=4>; rel="next", <{base}&page=12>; rel="last", <{base}&page=1>; rel="first""#
        )
    );
    // Behind TLS (`--tls`) the server says so, and the links keep the scheme the client used.
    let secure = api.send(
        Request::get(&format!("{SEATS}?per_page=10&page=3"))
            .with_token(OWNER_CLASSIC)
            .with_header("Host", "127.0.0.1:9")
            .with_header("X-Forwarded-Proto", "https"),
    );
    assert_eq!(secure.header("link").unwrap(), middle.header("link").unwrap().replace("<http://", "<https://"));
    let past =
        api.call(Operation::ListOrganizationSeats, &format!("{SEATS}?per_page=10&page=13"), Some(OWNER_CLASSIC), None);
    assert_eq!(past.status, 200);
    assert_eq!(past.json_body()["seats"], json!([]));
    assert_eq!(past.json_body()["total_seats"], 120);
    let links = LinkHeader::parse(past.header("link").unwrap());
    assert_eq!((links.first, links.prev, links.next, links.last), (Some(1), Some(12), None, None));
    for odd in ["page=0", "page=abc", "per_page=0", "per_page=-5"] {
        let response = api.call(Operation::ListOrganizationSeats, &format!("{SEATS}?{odd}"), Some(OWNER_CLASSIC), None);
        assert_eq!(response.status, 200, "{odd}");
    }
}

#[test]
fn the_enterprise_list_has_one_entry_per_grant_and_counts_each_user_once() {
    let mut api = Api::small();
    let (seats, _, total) = walk(&mut api, Operation::ListEnterpriseSeats, &format!("{ENTERPRISE}?per_page=100"));
    let dump = api.dump();
    let mut grants: Vec<(String, String)> = Vec::new();
    for org in dump["orgs"].as_array().unwrap() {
        for seat in org["seats"].as_array().unwrap() {
            grants.push((org["login"].as_str().unwrap().to_owned(), seat["login"].as_str().unwrap().to_owned()));
        }
    }
    for team in dump["enterprise"]["teams"].as_array().unwrap() {
        for seat in team["seats"].as_array().unwrap() {
            grants
                .push((format!("team:{}", team["slug"].as_str().unwrap()), seat["login"].as_str().unwrap().to_owned()));
        }
    }
    let unique: HashSet<&str> = grants.iter().map(|(_, login)| login.as_str()).collect();
    assert_eq!(seats.len(), grants.len());
    assert_eq!(total, unique.len() as u64);
    assert!(total < grants.len() as u64, "some users hold seats in several organizations");
    let listed: Vec<(String, String)> = seats
        .iter()
        .map(|seat| {
            let source = match seat["organization"]["login"].as_str() {
                Some(org) => org.to_owned(),
                None => format!("team:{}", seat["assigning_team"]["slug"].as_str().unwrap()),
            };
            (source, seat["assignee"]["login"].as_str().unwrap().to_owned())
        })
        .collect();
    assert_eq!(listed, grants);
    let enterprise_team_seat = seats.iter().find(|seat| seat["organization"].is_null()).unwrap();
    assert!(enterprise_team_seat["assigning_team"]["group_id"].is_null());
    assert!(enterprise_team_seat["assigning_team"]["created_at"].is_string());
    // The enterprise may also be named by its id.
    let id = dump["enterprise"]["id"].as_u64().unwrap();
    let by_id = api.call(
        Operation::ListEnterpriseSeats,
        &format!("/enterprises/{id}/copilot/billing/seats"),
        Some(OWNER_CLASSIC),
        None,
    );
    assert_eq!(by_id.json_body()["total_seats"], total);
    let manager = api.call(Operation::ListEnterpriseSeats, ENTERPRISE, Some(BILLING_MANAGER_CLASSIC), None);
    assert_eq!(manager.status, 200, "billing managers may list the enterprise's seats");
}

#[test]
fn member_lookup_finds_seats_and_refuses_as_documented() {
    let mut api = Api::small();
    let dump = api.dump();
    let org = Api::org(&dump, "acme");
    let holder = org["seats"][0]["login"].as_str().unwrap().to_owned();
    let found = api.call(Operation::GetMemberSeat, &member_path(&holder.to_uppercase()), Some(OWNER_CLASSIC), None);
    assert_eq!(found.status, 200, "logins are matched without case");
    assert_eq!(found.json_body()["assignee"]["login"], holder);
    assert_eq!(found.json_body()["created_at"], org["seats"][0]["created_at"]);

    let seated: HashSet<String> =
        org["seats"].as_array().unwrap().iter().map(|s| s["login"].as_str().unwrap().to_owned()).collect();
    let seatless = strings(&org["members"]).into_iter().find(|login| !seated.contains(login)).unwrap();
    let missing = api.call(Operation::GetMemberSeat, &member_path(&seatless), Some(OWNER_CLASSIC), None);
    assert_eq!(missing.status, 404);
    let stranger = api.call(Operation::GetMemberSeat, &member_path("no-such-user"), Some(OWNER_CLASSIC), None);
    assert_eq!(stranger.status, 404);
    let invitee = org["pending_invitations"][0]["login"].as_str().unwrap().to_owned();
    let invited = api.call(Operation::GetMemberSeat, &member_path(&invitee), Some(OWNER_CLASSIC), None);
    assert_eq!(invited.status, 422);
    assert!(invited.json_body()["message"].as_str().unwrap().contains("pending organization invitation"));
    let other_org =
        api.call(Operation::GetMemberSeat, "/orgs/nowhere/members/octocat/copilot", Some(OWNER_CLASSIC), None);
    assert_eq!(other_org.status, 404);
    api.settings("acme", json!({"copilot_enabled": false}));
    let disabled = api.call(Operation::GetMemberSeat, &member_path(&holder), Some(OWNER_CLASSIC), None);
    assert_eq!(disabled.status, 422);
    assert!(matches!(error_of(Operation::GetMemberSeat, OWNER_CLASSIC, &disabled), ApiError::Unprocessable { .. }));
}

#[test]
fn adding_users_creates_seats_and_refreshed_seats_count_too() {
    let mut api = Api::small();
    let dump = api.dump();
    let org = Api::org(&dump, "acme");
    let seated: HashSet<String> =
        org["seats"].as_array().unwrap().iter().map(|s| s["login"].as_str().unwrap().to_owned()).collect();
    let seatless: Vec<String> =
        strings(&org["members"]).into_iter().filter(|login| !seated.contains(login)).take(2).collect();
    let pending = org["seats"].as_array().unwrap().iter().find(|s| !s["pending_cancellation_date"].is_null()).unwrap();
    let pending_login = pending["login"].as_str().unwrap().to_owned();
    let active = org["seats"].as_array().unwrap().iter().find(|s| s["pending_cancellation_date"].is_null()).unwrap();
    let active_login = active["login"].as_str().unwrap().to_owned();
    let invitee = org["pending_invitations"].as_array().unwrap().iter().find(|i| i["seat_requested"] == false).unwrap();
    let invitee_login = invitee["login"].as_str().unwrap().to_owned();

    let names = json!({"selected_usernames": [seatless[0], seatless[1], pending_login, active_login, invitee_login, seatless[0].to_uppercase()]});
    let response = api.call(Operation::AddUsers, USERS, Some(OWNER_FINE_GRAINED), Some(names));
    assert_eq!(response.status, 201);
    assert_eq!(response.json_body(), json!({"seats_created": 5}), "2 new, 2 refreshed, 1 invitee; the duplicate once");

    let after = api.dump();
    let org_after = Api::org(&after, "acme");
    assert_eq!(org_after["seats"].as_array().unwrap().len(), 122);
    let new_seat = Api::seat(&after, "acme", &seatless[0]).unwrap();
    assert_eq!(new_seat["assigning_team"], Value::Null);
    assert_eq!(new_seat["last_activity_at"], Value::Null);
    assert!(new_seat["created_at"].as_str().unwrap().starts_with("2024-06-17T10:00"));
    let listed_last = org_after["seats"].as_array().unwrap().last().unwrap();
    assert_eq!(listed_last["login"], seatless[1], "new seats are listed last");
    let refreshed = Api::seat(&after, "acme", &pending_login).unwrap();
    assert_eq!(refreshed["pending_cancellation_date"], Value::Null, "re-adding undoes a cancellation");
    assert_eq!(refreshed["created_at"], pending["created_at"]);
    assert_ne!(Api::seat(&after, "acme", &active_login).unwrap()["updated_at"], active["updated_at"]);
    let invitation =
        org_after["pending_invitations"].as_array().unwrap().iter().find(|i| i["login"] == invitee_login).unwrap();
    assert_eq!(invitation["seat_requested"], true);

    let billing = api.call(Operation::GetOrganizationBilling, BILLING, Some(OWNER_CLASSIC), None).json_body();
    assert_eq!(billing["seat_breakdown"]["total"], 122);

    let unknown = api.call(
        Operation::AddUsers,
        USERS,
        Some(OWNER_CLASSIC),
        Some(json!({"selected_usernames": ["ghost-user-404", seatless[0]]})),
    );
    assert_eq!(unknown.status, 422);
    assert!(unknown.json_body()["message"].as_str().unwrap().contains("ghost-user-404"));
    assert_eq!(
        Api::org(&api.dump(), "acme")["seats"].as_array().unwrap().len(),
        122,
        "a refused change changes nothing"
    );
}

/// A direct seat holder who is in no team selected for Copilot.
fn direct_only(dump: &Value) -> String {
    let org = Api::org(dump, "acme");
    let covered: HashSet<String> = org["teams"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|t| t["copilot"] == true)
        .flat_map(|t| strings(&t["members"]))
        .collect();
    org["seats"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| {
            s["assigning_team"].is_null()
                && s["pending_cancellation_date"].is_null()
                && !covered.contains(s["login"].as_str().unwrap())
        })
        .map(|s| s["login"].as_str().unwrap().to_owned())
        .unwrap()
}

#[test]
fn removing_users_sets_pending_cancellation_to_the_next_cycle() {
    let mut api = Api::small();
    let dump = api.dump();
    let direct = direct_only(&dump);
    let response =
        api.call(Operation::RemoveUsers, USERS, Some(OWNER_CLASSIC), Some(json!({"selected_usernames": [direct]})));
    assert_eq!(response.status, 200);
    assert_eq!(response.json_body(), json!({"seats_cancelled": 1}));
    let after = api.dump();
    assert_eq!(Api::seat(&after, "acme", &direct).unwrap()["pending_cancellation_date"], "2024-07-01");
    assert_eq!(after["billing_cycle"]["next_start"], "2024-07-01");
    let again =
        api.call(Operation::RemoveUsers, USERS, Some(OWNER_CLASSIC), Some(json!({"selected_usernames": [direct]})));
    assert_eq!(again.json_body(), json!({"seats_cancelled": 0}), "already pending");
    let listed = api.call(Operation::GetMemberSeat, &member_path(&direct), Some(OWNER_CLASSIC), None);
    assert_eq!(listed.json_body()["pending_cancellation_date"], "2024-07-01", "still billed until the cycle ends");

    // On the first day of the next cycle the seat is gone.
    api.now = chrono::DateTime::parse_from_rfc3339("2024-07-01T00:00:05Z").unwrap().with_timezone(&chrono::Utc);
    let gone = api.call(Operation::GetMemberSeat, &member_path(&direct), Some(OWNER_CLASSIC), None);
    assert_eq!(gone.status, 404);
    let after_cycle = api.dump();
    assert!(Api::seat(&after_cycle, "acme", &direct).is_none());
    assert!(Api::org(&after_cycle, "acme")["seats"]
        .as_array()
        .unwrap()
        .iter()
        .all(|s| s["pending_cancellation_date"].is_null()));
}

#[test]
fn removing_a_user_whose_seat_came_through_a_team_is_refused() {
    let mut api = Api::small();
    let dump = api.dump();
    let org = Api::org(&dump, "acme");
    let through_team = org["seats"].as_array().unwrap().iter().find(|s| s["assigning_team"].is_string()).unwrap();
    let login = through_team["login"].as_str().unwrap().to_owned();
    let direct = direct_only(&dump);
    let response = api.call(
        Operation::RemoveUsers,
        USERS,
        Some(OWNER_CLASSIC),
        Some(json!({"selected_usernames": [direct, login]})),
    );
    assert_eq!(response.status, 422);
    assert!(response.json_body()["message"].as_str().unwrap().contains(&login));
    let error = error_of(Operation::RemoveUsers, OWNER_CLASSIC, &response);
    assert!(error.to_string().contains("assigned through a team"), "{error}");
    let after = api.dump();
    assert!(Api::seat(&after, "acme", &direct).unwrap()["pending_cancellation_date"].is_null(), "nothing changed");
}

#[test]
fn a_direct_user_who_is_also_in_a_selected_team_keeps_the_seat() {
    let mut api = Api::small();
    let dump = api.dump();
    let direct = direct_only(&dump);
    let org = Api::org(&dump, "acme");
    let selected = org["teams"].as_array().unwrap().iter().find(|t| t["copilot"] == true).unwrap()["slug"]
        .as_str()
        .unwrap()
        .to_owned();
    // Put the user in a selected team (GitHub's team API is not emulated).
    {
        let state = api.sandbox.state_mut();
        let user = state.user_named(&direct).unwrap();
        let acme = state.orgs.iter_mut().find(|o| o.login == "acme").unwrap();
        let team = acme.teams.iter_mut().find(|t| t.slug == selected).unwrap();
        team.members.push(user);
    }
    let response =
        api.call(Operation::RemoveUsers, USERS, Some(OWNER_CLASSIC), Some(json!({"selected_usernames": [direct]})));
    assert_eq!(response.json_body(), json!({"seats_cancelled": 0}));
    let seat = Api::seat(&api.dump(), "acme", &direct).unwrap().clone();
    assert!(seat["pending_cancellation_date"].is_null());
    assert_eq!(seat["assigning_team"], selected.as_str());
}

#[test]
fn adding_a_team_gives_every_member_a_seat() {
    let mut api = Api::small();
    let dump = api.dump();
    let org = Api::org(&dump, "acme");
    let team = org["teams"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["copilot"] == false && !strings(&t["members"]).is_empty())
        .unwrap();
    let slug = team["slug"].as_str().unwrap().to_owned();
    let members = strings(&team["members"]);
    let had_seat: HashSet<String> = members.iter().filter(|m| Api::seat(&dump, "acme", m).is_some()).cloned().collect();
    assert!(!had_seat.is_empty() && had_seat.len() < members.len(), "the team mixes seated and seatless members");

    let response =
        api.call(Operation::AddTeams, TEAMS, Some(OWNER_CLASSIC), Some(json!({"selected_teams": [team["name"]]})));
    assert_eq!(response.status, 201);
    assert_eq!(response.json_body(), json!({"seats_created": members.len()}), "new and refreshed seats both count");
    let after = api.dump();
    for member in &members {
        let seat = Api::seat(&after, "acme", member).unwrap();
        if !had_seat.contains(member) {
            assert_eq!(seat["assigning_team"], slug.as_str(), "{member}");
        }
    }
    let total = Api::org(&after, "acme")["seats"].as_array().unwrap().len();
    assert_eq!(total, 120 + members.len() - had_seat.len());
    let unknown =
        api.call(Operation::AddTeams, TEAMS, Some(OWNER_CLASSIC), Some(json!({"selected_teams": ["no-such-team"]})));
    assert_eq!(unknown.status, 422);
}

#[test]
fn re_adding_a_revoked_team_restores_its_members_pending_seats_as_they_were() {
    let mut api = Api::small();
    let dump = api.dump();
    let org = Api::org(&dump, "acme");
    let team = org["teams"].as_array().unwrap().iter().find(|t| t["copilot"] == true).unwrap();
    let slug = team["slug"].as_str().unwrap().to_owned();
    let revoke = api.call(Operation::RemoveTeams, TEAMS, Some(OWNER_CLASSIC), Some(json!({"selected_teams": [slug]})));
    assert_eq!(revoke.status, 200);
    let revoked = api.dump();
    let pending: Vec<Value> = Api::org(&revoked, "acme")["seats"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["assigning_team"] == slug.as_str() && !s["pending_cancellation_date"].is_null())
        .cloned()
        .collect();
    assert!(!pending.is_empty(), "the revoked team's seats go pending, still credited to it");

    // The undo: the same team, POSTed again, refreshes each pending seat (GitHub documents that a POST
    // counts "existing seats that were refreshed").
    let restore = api.call(Operation::AddTeams, TEAMS, Some(OWNER_CLASSIC), Some(json!({"selected_teams": [slug]})));
    assert_eq!(restore.status, 201);
    let after = api.dump();
    for seat in &pending {
        let login = seat["login"].as_str().unwrap();
        let now = Api::seat(&after, "acme", login).unwrap();
        assert!(now["pending_cancellation_date"].is_null(), "{login} is active again");
        assert_eq!(now["assigning_team"], slug.as_str(), "{login} is credited to the team again");
        assert_eq!(now["created_at"], seat["created_at"], "{login}: the same seat, not a new one");
    }
}

#[test]
fn revoking_a_team_keeps_seats_covered_by_another_team_or_a_direct_assignment() {
    let mut api = Api::small();
    let dump = api.dump();
    let org = Api::org(&dump, "acme");
    let teams: Vec<&Value> = org["teams"].as_array().unwrap().iter().filter(|t| t["copilot"] == true).collect();
    // The selected team with the most members who are also in another selected team.
    let memberships = |login: &str| teams.iter().filter(|t| strings(&t["members"]).iter().any(|m| m == login)).count();
    let team =
        teams.iter().max_by_key(|t| strings(&t["members"]).iter().filter(|m| memberships(m) > 1).count()).unwrap();
    let slug = team["slug"].as_str().unwrap().to_owned();
    let members = strings(&team["members"]);
    let in_two: Vec<&String> = members.iter().filter(|m| memberships(m) > 1).collect();
    assert!(!in_two.is_empty(), "the generated data has users in two selected teams");
    // Give one single-team member a direct assignment too.
    let single: Vec<&String> = members.iter().filter(|m| memberships(m) == 1).collect();
    let made_direct = single[0].clone();
    let add =
        api.call(Operation::AddUsers, USERS, Some(OWNER_CLASSIC), Some(json!({"selected_usernames": [made_direct]})));
    assert_eq!(add.json_body(), json!({"seats_created": 1}));

    let response =
        api.call(Operation::RemoveTeams, TEAMS, Some(OWNER_CLASSIC), Some(json!({"selected_teams": [slug]})));
    assert_eq!(response.status, 200);
    let after = api.dump();
    let mut expected_cancelled = 0;
    for member in &members {
        let seat = Api::seat(&after, "acme", member).unwrap();
        let before = Api::seat(&dump, "acme", member).unwrap();
        let keeps = memberships(member) > 1 || *member == made_direct || before["direct"] == true;
        if keeps {
            assert!(seat["pending_cancellation_date"].is_null(), "{member} keeps access");
            assert_ne!(seat["assigning_team"], slug.as_str(), "{member} is no longer credited to the revoked team");
        } else {
            assert_eq!(seat["pending_cancellation_date"], "2024-07-01", "{member} loses access at the cycle's end");
            expected_cancelled += 1;
        }
    }
    assert!(expected_cancelled > 0);
    assert_eq!(response.json_body(), json!({"seats_cancelled": expected_cancelled}));
    let team_after = Api::org(&after, "acme")["teams"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["slug"] == slug.as_str())
        .unwrap()
        .clone();
    assert_eq!(team_after["copilot"], false);
}

#[test]
fn every_documented_422_of_the_changes() {
    let causes = [
        (json!({"copilot_enabled": false}), "not enabled"),
        (json!({"seat_management_setting": "disabled"}), "not enabled"),
        (json!({"billing_set_up": false}), "Billing has not been set up"),
        (json!({"public_code_suggestions": "unconfigured"}), "public code suggestions"),
        (json!({"seat_management_setting": "assign_all"}), "assign_all"),
        (json!({"seat_management_setting": "unconfigured"}), "unconfigured"),
    ];
    for (settings, expected) in causes {
        let mut api = Api::small();
        api.settings("acme", settings.clone());
        let before = api.dump();
        for (operation, target, body) in every_operation("acme").into_iter().filter(|(op, ..)| op.is_write()) {
            let response = api.call(operation, &target, Some(OWNER_CLASSIC), body);
            assert_eq!(response.status, 422, "{settings} {operation:?}");
            let message = response.json_body()["message"].as_str().unwrap().to_owned();
            assert!(message.contains(expected), "{settings}: {message}");
            assert!(matches!(error_of(operation, OWNER_CLASSIC, &response), ApiError::Unprocessable { .. }));
        }
        assert_eq!(api.dump()["orgs"], before["orgs"], "{settings}: nothing changed");
    }
}

#[test]
fn a_payment_problem_is_the_billing_summarys_422_and_a_disabled_copilot_its_404() {
    let mut api = Api::small();
    api.settings("acme", json!({"payment_problem": true}));
    let response = api.call(Operation::GetOrganizationBilling, BILLING, Some(OWNER_CLASSIC), None);
    assert_eq!(response.status, 422);
    assert!(response.json_body()["message"].as_str().unwrap().contains("payment method"));
    api.settings("acme", json!({"payment_problem": false, "copilot_enabled": false}));
    assert_eq!(api.call(Operation::GetOrganizationBilling, BILLING, Some(OWNER_CLASSIC), None).status, 404);
    assert_eq!(api.call(Operation::ListOrganizationSeats, SEATS, Some(OWNER_CLASSIC), None).status, 404);
}

#[test]
fn settings_reach_the_billing_summary_and_the_seats_plan() {
    let mut api = Api::small();
    api.settings("acme", json!({"ide_chat": "disabled", "cli": "unconfigured", "plan_type": "enterprise", "public_code_suggestions": "allow"}));
    let body = api.call(Operation::GetOrganizationBilling, BILLING, Some(OWNER_CLASSIC), None).json_body();
    assert_eq!((body["ide_chat"].as_str(), body["cli"].as_str()), (Some("disabled"), Some("unconfigured")));
    assert_eq!(body["plan_type"], "enterprise");
    assert_eq!(body["public_code_suggestions"], "allow");
    let seats = api.call(Operation::ListOrganizationSeats, SEATS, Some(OWNER_CLASSIC), None).json_body();
    assert!(seats["seats"].as_array().unwrap().iter().all(|seat| seat["plan_type"] == "enterprise"));
    let bad = api.send(Request::post("/_sandbox/orgs/acme/settings", r#"{"cli": "sometimes"}"#));
    assert_eq!(bad.status, 422);
    let unknown_field = api.send(Request::post("/_sandbox/orgs/acme/settings", r#"{"colour": "blue"}"#));
    assert_eq!(unknown_field.status, 400);
    let unknown_org = api.send(Request::post("/_sandbox/orgs/nowhere/settings", "{}"));
    assert_eq!(unknown_org.status, 404);
}

#[test]
fn no_token_or_a_bad_token_is_401_for_every_operation() {
    let mut api = Api::small();
    for (operation, target, body) in every_operation("acme") {
        let missing = api.call(operation, &target, None, body.clone());
        assert_eq!(missing.status, 401, "{operation:?}");
        assert_eq!(missing.json_body()["message"], "Requires authentication");
        let wrong = api.call(operation, &target, Some("ghp_notARealToken000000000000000000000000"), body);
        assert_eq!(wrong.status, 401, "{operation:?}");
        assert_eq!(wrong.json_body()["message"], "Bad credentials");
        assert!(matches!(error_of(operation, "ghp_x", &wrong), ApiError::Unauthorized { .. }));
        assert_eq!(wrong.header("x-ratelimit-limit"), Some("60"), "unauthenticated requests have their own limit");
    }
}

#[test]
fn each_kind_of_403_for_role_scope_and_permission() {
    let mut api = Api::small();
    let reads = [Operation::GetOrganizationBilling, Operation::ListOrganizationSeats, Operation::GetMemberSeat];
    for (operation, target, body) in every_operation("acme") {
        let expect = |api: &mut Api, token: &str, status: u16| {
            let response = api.call(operation, &target, Some(token), body.clone());
            assert_eq!(response.status, status, "{operation:?} with {token}: {}", response.body);
            if status == 403 {
                let error = error_of(operation, token, &response);
                assert!(matches!(error, ApiError::MissingPermission { .. }), "{operation:?} {token}: {error:?}");
            }
            response
        };
        if operation == Operation::ListEnterpriseSeats {
            // Fine-grained tokens are refused outright, as documented.
            for token in [OWNER_FINE_GRAINED, READONLY_FINE_GRAINED] {
                let refused = expect(&mut api, token, 403);
                assert_eq!(refused.json_body()["message"], "Resource not accessible by personal access token");
            }
            expect(&mut api, MEMBER_CLASSIC, 403);
            expect(&mut api, NO_SCOPE_CLASSIC, 403);
            expect(&mut api, READ_ORG_CLASSIC, 403);
            continue;
        }
        // A plain member has every scope but not the role.
        let member = expect(&mut api, MEMBER_CLASSIC, 403);
        assert!(member.json_body()["message"].as_str().unwrap().contains("organization owner"));
        expect(&mut api, BILLING_MANAGER_CLASSIC, 403);
        let no_scope = expect(&mut api, NO_SCOPE_CLASSIC, 403);
        assert_eq!(no_scope.header("x-oauth-scopes"), Some(""));
        let accepted = operation.classic_scopes().join(", ");
        assert_eq!(no_scope.header("x-accepted-oauth-scopes"), Some(accepted.as_str()));
        expect(&mut api, NO_PERMISSION_FINE_GRAINED, 403);
        if reads.contains(&operation) {
            let ok = if operation == Operation::GetMemberSeat { 404 } else { 200 };
            expect(&mut api, READONLY_FINE_GRAINED, ok);
            expect(&mut api, READ_ORG_CLASSIC, ok);
        } else {
            expect(&mut api, READONLY_FINE_GRAINED, 403);
            expect(&mut api, READ_ORG_CLASSIC, 403);
        }
    }
}

#[test]
fn an_unknown_organization_or_enterprise_is_404() {
    let mut api = Api::small();
    for (operation, target, body) in every_operation("no-such-org") {
        let target = target.replace("acme-corp", "no-such-enterprise");
        let response = api.call(operation, &target, Some(OWNER_CLASSIC), body);
        assert_eq!(response.status, 404, "{operation:?}");
        assert!(matches!(error_of(operation, OWNER_CLASSIC, &response), ApiError::NotFound { .. }));
    }
    let unknown_path = api.send(Request::get("/orgs/acme/copilot/usage").with_token(OWNER_CLASSIC));
    assert_eq!(unknown_path.status, 404);
    let wrong_method = api.send(Request::new("PUT", SEATS).with_token(OWNER_CLASSIC));
    assert_eq!(wrong_method.status, 404);
}

#[test]
fn organizations_that_enforce_saml_refuse_unauthorized_tokens_with_x_github_sso() {
    let mut api = Api::small();
    let before = api.call(Operation::ListOrganizationSeats, SEATS, Some(SSO_UNAUTHORIZED_CLASSIC), None);
    assert_eq!(before.status, 200, "no SAML yet");
    api.settings("acme", json!({"saml_enforced": true}));
    for (operation, target, body) in
        every_operation("acme").into_iter().filter(|(op, ..)| *op != Operation::ListEnterpriseSeats)
    {
        let response = api.call(operation, &target, Some(SSO_UNAUTHORIZED_CLASSIC), body);
        assert_eq!(response.status, 403, "{operation:?}");
        let header = response.header("x-github-sso").unwrap();
        assert!(
            header.starts_with("required; url=https://github.com/orgs/acme/sso?authorization_request="),
            "{header}"
        );
        match error_of(operation, SSO_UNAUTHORIZED_CLASSIC, &response) {
            ApiError::SsoRequired { authorize_url: Some(url) } => {
                assert!(url.starts_with("https://github.com/orgs/acme/sso"))
            }
            other => panic!("{other:?}"),
        }
    }
    assert_eq!(api.call(Operation::ListOrganizationSeats, SEATS, Some(OWNER_CLASSIC), None).status, 200);
    let elsewhere = api.call(
        Operation::ListOrganizationSeats,
        "/orgs/acme-2/copilot/billing/seats",
        Some(SSO_UNAUTHORIZED_CLASSIC),
        None,
    );
    assert_eq!(elsewhere.status, 200, "only the organization that enforces SAML refuses");
}

/// Every page of the enterprise list for `token`: the seats, each page's `X-GitHub-SSO` header, and what
/// the core joins from them over the load.
fn walk_enterprise_as(api: &mut Api, token: &str) -> (Vec<Value>, Vec<Option<String>>, SsoLeftOut, u64) {
    let (mut seats, mut headers, mut left_out) = (Vec::new(), Vec::new(), SsoLeftOut::default());
    let mut target = format!("{ENTERPRISE}?per_page=100");
    loop {
        let response = api.call(Operation::ListEnterpriseSeats, &target, Some(token), None);
        assert_eq!(response.status, 200, "{}", response.body);
        let parts: copilot_api::ResponseParts = response.clone().into();
        let page: SeatPage = serde_json::from_str(&parts.body).unwrap();
        left_out.merge(&AnsweredPage::new(page, &parts).sso_left_out);
        headers.push(response.header("x-github-sso").map(str::to_owned));
        let body = response.json_body();
        seats.extend(body["seats"].as_array().unwrap().iter().cloned());
        match response.header("link").and_then(next_url) {
            Some(next) => target = next,
            None => return (seats, headers, left_out, body["total_seats"].as_u64().unwrap()),
        }
    }
}

#[test]
fn the_enterprise_list_leaves_out_organizations_whose_saml_the_token_is_not_authorized_for() {
    let mut api = Api::small();
    let (whole, headers, left_out, whole_total) = walk_enterprise_as(&mut api, SSO_UNAUTHORIZED_CLASSIC);
    assert!(headers.iter().all(Option::is_none), "no SAML yet: nothing left out");
    assert!(left_out.is_empty());
    api.settings("acme-2", json!({"saml_enforced": true}));
    let dump = api.dump();
    let acme_2_id = Api::org(&dump, "acme-2")["id"].as_u64().unwrap();
    let (seats, headers, left_out, total) = walk_enterprise_as(&mut api, SSO_UNAUTHORIZED_CLASSIC);
    let expected = format!("partial-results; organizations={acme_2_id}");
    assert!(headers.len() > 1, "a list of several pages");
    assert!(
        headers.iter().all(|header| header.as_deref() == Some(expected.as_str())),
        "every page says it: {headers:?}"
    );
    assert_eq!(left_out.organization_ids(), [acme_2_id]);
    assert!(!seats.iter().any(|seat| seat["organization"]["login"] == "acme-2"), "acme-2's seats are left out");
    let acme_2_seats = Api::org(&dump, "acme-2")["seats"].as_array().unwrap().len();
    assert_eq!(seats.len(), whole.len() - acme_2_seats);
    // GitHub counts what it lists: the users of acme-2 who hold no other seat are not counted.
    let listed_users: HashSet<&str> = seats.iter().filter_map(|seat| seat["assignee"]["login"].as_str()).collect();
    assert_eq!(total, listed_users.len() as u64);
    assert!(total < whole_total);
    // A page past the end says it too.
    let past = api.call(
        Operation::ListEnterpriseSeats,
        &format!("{ENTERPRISE}?page=99"),
        Some(SSO_UNAUTHORIZED_CLASSIC),
        None,
    );
    assert_eq!(past.header("x-github-sso"), Some(expected.as_str()));

    // An authorized token sees everything, without the header.
    let (all, headers, _, _) = walk_enterprise_as(&mut api, OWNER_CLASSIC);
    assert_eq!(all.len(), whole.len());
    assert!(headers.iter().all(Option::is_none));

    // Both organizations enforcing SAML: both ids, in the enterprise's order; the enterprise team's seats stay.
    api.settings("acme", json!({"saml_enforced": true}));
    let acme_id = Api::org(&dump, "acme")["id"].as_u64().unwrap();
    let (seats, _, left_out, _) = walk_enterprise_as(&mut api, SSO_UNAUTHORIZED_CLASSIC);
    assert_eq!(left_out.organization_ids(), [acme_id, acme_2_id]);
    assert!(
        !seats.is_empty() && seats.iter().all(|seat| seat["organization"].is_null()),
        "enterprise-team seats remain"
    );
}

#[test]
fn the_primary_limit_counts_down_refuses_at_zero_and_resets_after_the_hour() {
    let mut api = Api::small();
    let update = api.send(Request::post("/_sandbox/faults", r#"{"rate_limit": 3}"#));
    assert_eq!(update.json_body()["rate_limit"], 3);
    let mut remaining = Vec::new();
    for _ in 0..3 {
        let response = api.call(Operation::ListOrganizationSeats, SEATS, Some(OWNER_CLASSIC), None);
        assert_eq!(response.status, 200);
        assert_eq!(response.header("x-ratelimit-resource"), Some("core"));
        remaining.push(response.header("x-ratelimit-remaining").unwrap().to_owned());
    }
    assert_eq!(remaining, ["2", "1", "0"]);
    let refused = api.call(Operation::ListOrganizationSeats, SEATS, Some(OWNER_CLASSIC), None);
    assert_eq!(refused.status, 403);
    assert_eq!(refused.header("x-ratelimit-remaining"), Some("0"));
    assert!(refused.json_body()["message"].as_str().unwrap().starts_with("API rate limit exceeded"));
    let reset: i64 = refused.header("x-ratelimit-reset").unwrap().parse().unwrap();
    assert!(
        matches!(error_of(Operation::ListOrganizationSeats, OWNER_CLASSIC, &refused), ApiError::PrimaryRateLimit { reset_epoch_seconds: Some(r) } if r as i64 == reset)
    );
    let other_token = api.call(Operation::ListOrganizationSeats, SEATS, Some(OWNER_FINE_GRAINED), None);
    assert_eq!(other_token.status, 200, "the limit is per token");
    api.now = chrono::DateTime::from_timestamp(reset, 0).unwrap();
    let later = api.call(Operation::ListOrganizationSeats, SEATS, Some(OWNER_CLASSIC), None);
    assert_eq!(later.status, 200);
    assert_eq!(later.header("x-ratelimit-used"), Some("1"));
}

#[test]
fn secondary_limits_refuse_too_many_in_flight_and_too_many_points_a_minute() {
    let mut api = Api::small();
    let now = api.now;
    let crowded = api.sandbox.handle_in_flight(Request::get(SEATS).with_token(OWNER_CLASSIC), now, 101);
    assert_conforms(Operation::ListOrganizationSeats, &crowded);
    assert_eq!(crowded.status, 403);
    assert!(crowded.header("retry-after").is_some());
    assert!(crowded.json_body()["message"].as_str().unwrap().starts_with("You have exceeded a secondary rate limit"));
    assert!(matches!(
        error_of(Operation::ListOrganizationSeats, OWNER_CLASSIC, &crowded),
        ApiError::SecondaryRateLimit { .. }
    ));
    let hundred = api.sandbox.handle_in_flight(Request::get(SEATS).with_token(OWNER_CLASSIC), now, 100);
    assert_conforms(Operation::ListOrganizationSeats, &hundred);
    assert_eq!(hundred.status, 200);

    // 900 points in one minute: 80 writes at 5 points each and 500 reads, then nothing more.
    let now = now + Duration::seconds(120);
    let body = json!({"selected_usernames": [OWNER_LOGIN]}).to_string();
    for i in 0..80 {
        let at = now + Duration::milliseconds(i * 100);
        let response = api.sandbox.handle(Request::post(USERS, body.clone()).with_token(OWNER_CLASSIC), at);
        assert_conforms(Operation::AddUsers, &response);
        assert_eq!(response.status, 201, "write {i}");
    }
    for i in 0..500 {
        let at = now + Duration::milliseconds(8_000 + i * 10);
        let response = api.sandbox.handle(Request::get(SEATS).with_token(OWNER_CLASSIC), at);
        assert_eq!(response.status, 200, "read {i}");
    }
    let at = now + Duration::seconds(20);
    let refused = api.sandbox.handle(Request::get(SEATS).with_token(OWNER_CLASSIC), at);
    assert_conforms(Operation::ListOrganizationSeats, &refused);
    assert_eq!(refused.status, 403);
    let retry: i64 = refused.header("retry-after").unwrap().parse().unwrap();
    assert_eq!(retry, 40, "the first write ages out a minute after it was made");
    let after_wait = api.sandbox.handle(Request::get(SEATS).with_token(OWNER_CLASSIC), at + Duration::seconds(retry));
    assert_conforms(Operation::ListOrganizationSeats, &after_wait);
    assert_eq!(after_wait.status, 200, "waiting retry-after seconds is enough");
}

#[test]
fn writes_past_80_a_minute_or_500_an_hour_meet_the_secondary_limit() {
    let mut api = Api::small();
    let start = api.now;
    let body = json!({"selected_usernames": [OWNER_LOGIN]}).to_string();
    let mut write = |at| api.sandbox.handle(Request::post(USERS, body.clone()).with_token(OWNER_CLASSIC), at);
    for i in 0..80 {
        assert_eq!(write(start + Duration::milliseconds(i * 500)).status, 201, "write {i}");
    }
    let refused = write(start + Duration::seconds(45));
    assert_conforms(Operation::AddUsers, &refused);
    assert_eq!(refused.status, 403);
    assert_eq!(refused.header("retry-after"), Some("15"), "the first write ages out a minute after it was made");
    assert_eq!(
        error_of(Operation::AddUsers, OWNER_CLASSIC, &refused),
        ApiError::SecondaryRateLimit { retry_after_seconds: Some(15) }
    );
    assert_eq!(write(start + Duration::seconds(60)).status, 201, "a minute later there is room again");

    // One write a second stays under 80 a minute; the hour allows 500 (81 were made above).
    let mut made = 81;
    let mut at = start + Duration::seconds(61);
    while made < 500 {
        assert_eq!(write(at).status, 201, "write {made}");
        made += 1;
        at += Duration::seconds(1);
    }
    let over_the_hour = write(at);
    assert_eq!(over_the_hour.status, 403);
    let wait: i64 = over_the_hour.header("retry-after").unwrap().parse().unwrap();
    assert_eq!(start + Duration::seconds(3_600), at + Duration::seconds(wait), "until the hour's first write ages out");
    // Reads are not content-creating: they go on.
    assert_eq!(api.sandbox.handle(Request::get(SEATS).with_token(OWNER_CLASSIC), at).status, 200);
}

#[test]
fn limits_are_answered_as_429_and_secondary_limits_without_retry_after_when_switched() {
    let mut api = Api::small();
    let switched =
        api.send(Request::post("/_sandbox/faults", r#"{"limit_status": 429, "secondary_retry_after": false}"#));
    assert_eq!(
        (switched.json_body()["limit_status"].clone(), switched.json_body()["secondary_retry_after"].clone()),
        (json!(429), json!(false))
    );
    let now = api.now;
    let crowded = api.sandbox.handle_in_flight(Request::get(SEATS).with_token(OWNER_CLASSIC), now, 101);
    assert_conforms(Operation::ListOrganizationSeats, &crowded);
    assert_eq!((crowded.status, crowded.header("retry-after")), (429, None));
    assert_ne!(crowded.header("x-ratelimit-remaining"), Some("0"), "a secondary limit, not the primary");
    assert_eq!(
        error_of(Operation::ListOrganizationSeats, OWNER_CLASSIC, &crowded),
        ApiError::SecondaryRateLimit { retry_after_seconds: None }
    );

    // The primary limit as 429: `x-ratelimit-remaining: 0` and the reset.
    let used_up = api.send(Request::post("/_sandbox/faults", r#"{"rate_limit": 1}"#));
    assert_eq!(used_up.status, 200);
    assert_eq!(api.call(Operation::ListOrganizationSeats, SEATS, Some(OWNER_CLASSIC), None).status, 200);
    let refused = api.call(Operation::ListOrganizationSeats, SEATS, Some(OWNER_CLASSIC), None);
    assert_eq!((refused.status, refused.header("x-ratelimit-remaining")), (429, Some("0")));
    let reset: u64 = refused.header("x-ratelimit-reset").unwrap().parse().unwrap();
    assert_eq!(
        error_of(Operation::ListOrganizationSeats, OWNER_CLASSIC, &refused),
        ApiError::PrimaryRateLimit { reset_epoch_seconds: Some(reset) }
    );

    let refused = api.send(Request::post("/_sandbox/faults", r#"{"limit_status": 418}"#));
    assert_eq!(refused.status, 422, "GitHub answers limits with 403 or 429 only");
    api.send(Request::post("/_sandbox/reset", ""));
    let reset_faults = api.send(Request::get("/_sandbox/faults")).json_body();
    assert_eq!(
        (reset_faults["limit_status"].clone(), reset_faults["secondary_retry_after"].clone()),
        (json!(403), json!(true))
    );
}

#[test]
fn a_matching_if_none_match_is_304_until_the_data_changes() {
    let mut api = Api::small();
    let first = api.call(Operation::ListOrganizationSeats, SEATS, Some(OWNER_CLASSIC), None);
    let etag = first.header("etag").unwrap().to_owned();
    assert!(etag.starts_with("W/\""));
    assert_eq!(first.header("cache-control"), Some("private, max-age=60, s-maxage=60"));
    let used = first.header("x-ratelimit-used").unwrap().to_owned();
    let revalidated = api.send(Request::get(SEATS).with_token(OWNER_CLASSIC).with_header("If-None-Match", &etag));
    assert_conforms(Operation::ListOrganizationSeats, &revalidated);
    assert_eq!(revalidated.status, 304);
    assert_eq!(revalidated.header("etag"), Some(etag.as_str()));
    assert_eq!(revalidated.header("x-ratelimit-used"), Some(used.as_str()), "a 304 is free");
    let other_page = api
        .send(Request::get(&format!("{SEATS}?page=2")).with_token(OWNER_CLASSIC).with_header("If-None-Match", &etag));
    assert_eq!(other_page.status, 200);

    let dump = api.dump();
    let direct = direct_only(&dump);
    let change =
        api.call(Operation::RemoveUsers, USERS, Some(OWNER_CLASSIC), Some(json!({"selected_usernames": [direct]})));
    assert_eq!(change.status, 200);
    assert_eq!(change.header("etag"), None, "writes carry no validator");
    // The seat might be on any page; the billing summary changes for sure.
    let billing = api.call(Operation::GetOrganizationBilling, BILLING, Some(OWNER_CLASSIC), None);
    let billing_etag = billing.header("etag").unwrap().to_owned();
    let cached = api.send(Request::get(BILLING).with_token(OWNER_CLASSIC).with_header("If-None-Match", &billing_etag));
    assert_eq!(cached.status, 304);
    api.call(Operation::AddUsers, USERS, Some(OWNER_CLASSIC), Some(json!({"selected_usernames": [direct]})));
    let stale = api.send(Request::get(BILLING).with_token(OWNER_CLASSIC).with_header("If-None-Match", &billing_etag));
    assert_eq!(stale.status, 200, "the change gives a new representation");
    assert_ne!(stale.header("etag"), Some(billing_etag.as_str()));
}

#[test]
fn every_answer_carries_cors_and_rate_limit_headers_and_preflights_list_githubs_headers() {
    let mut api = Api::small();
    for (operation, target, body) in every_operation("acme") {
        for token in [Some(OWNER_CLASSIC), None] {
            let response = api.call(operation, &target, token, body.clone());
            assert_eq!(response.header("access-control-allow-origin"), Some("*"));
            assert!(response.header("access-control-expose-headers").unwrap().contains("X-RateLimit-Remaining"));
            for header in [
                "x-ratelimit-limit",
                "x-ratelimit-remaining",
                "x-ratelimit-used",
                "x-ratelimit-reset",
                "x-ratelimit-resource",
                "x-github-request-id",
            ] {
                assert!(response.header(header).is_some(), "{operation:?}: {header}");
            }
        }
    }
    let preflight = api.send(
        Request::new("OPTIONS", SEATS)
            .with_header("Origin", "http://localhost:8080")
            .with_header("Access-Control-Request-Method", "DELETE")
            .with_header("Access-Control-Request-Headers", "authorization, content-type"),
    );
    assert_eq!(preflight.status, 204);
    assert_eq!(
        preflight.header("access-control-allow-headers"),
        Some("Authorization, Accept-Encoding, Content-Type, If-Match, If-Modified-Since, If-None-Match, If-Unmodified-Since, X-GitHub-OTP, X-Requested-With, User-Agent, GraphQL-Features, X-Github-Next-Global-ID, X-GitHub-Api-Version, X-Fetch-Nonce")
    );
    assert_eq!(preflight.header("access-control-allow-methods"), Some("GET, POST, PATCH, PUT, DELETE"));
    assert!(browser_would_allow(&preflight, "DELETE", "authorization, content-type"));
    assert!(!browser_would_allow(&preflight, "GET", "authorization, x-custom"));
    // Request ids differ.
    let a = api.call(Operation::ListOrganizationSeats, SEATS, Some(OWNER_CLASSIC), None);
    let b = api.call(Operation::ListOrganizationSeats, SEATS, Some(OWNER_CLASSIC), None);
    assert_ne!(a.header("x-github-request-id"), b.header("x-github-request-id"));
}

#[test]
fn request_bodies_are_held_to_the_request_schema() {
    let mut api = Api::small();
    let cases = [
        (r#"{"selected_usernames": []}"#, 422),
        (r#"{"selected_usernames": "octocat"}"#, 422),
        (r#"{"selected_usernames": [1, 2]}"#, 422),
        (r#"{"users": ["octocat"]}"#, 422),
        ("", 422),
        ("not json", 400),
        (r#"{"selected_usernames": ["#, 400),
    ];
    for (body, status) in cases {
        if let Ok(value) = serde_json::from_str::<Value>(body) {
            assert!(
                openapi_conformance::validate_request(Operation::AddUsers.operation_id(), &value).is_err(),
                "{body}"
            );
        }
        for operation in [Operation::AddUsers, Operation::RemoveUsers] {
            let response = api.call_raw(operation, USERS, Some(OWNER_CLASSIC), Some(body.to_owned()));
            assert_eq!(response.status, status, "{operation:?} {body}");
        }
    }
    let teams =
        api.call_raw(Operation::AddTeams, TEAMS, Some(OWNER_CLASSIC), Some(r#"{"selected_teams": []}"#.to_owned()));
    assert_eq!(teams.status, 422);
}

#[test]
fn the_apps_own_requests_work_against_the_in_page_demo() {
    let now = support::start();
    let mut sandbox = Sandbox::demo(now);
    let base = ApiBase::custom("http://127.0.0.1:8787").unwrap();
    let token = Token::new(DEMO_TOKEN).unwrap();
    let options = RequestOptions::default();

    let billing = api_request::GetOrganizationBilling { org: "acme".into() };
    let built = billing.build(&base, Some(&token), options).unwrap();
    let summary = billing.parse(&sandbox.handle_http(&built, now), Some(token.kind())).unwrap();
    assert_eq!(summary.seat_breakdown.total, Some(320));

    let mut page = PageRequest::new(1, 100);
    let mut seen = Vec::new();
    loop {
        let list = api_request::ListOrganizationSeats { org: "acme".into(), page };
        let parts = sandbox.handle_http(&list.build(&base, Some(&token), options).unwrap(), now);
        let parsed: SeatPage = list.parse(&parts, Some(token.kind())).unwrap();
        seen.extend(parsed.seats.iter().filter_map(|seat| seat.login().map(str::to_owned)));
        let links = LinkHeader::parse(parts.header("link").unwrap_or(""));
        match links.next {
            Some(next) => page = PageRequest::new(next, 100),
            None => break,
        }
    }
    assert_eq!(seen.len(), 320);
    assert_eq!(seen.iter().collect::<BTreeSet<_>>().len(), 320);
    let with_team = sandbox.state().org("acme").unwrap().seats.iter().filter(|s| s.assigning_team.is_some()).count();
    assert!(with_team > 0);

    let target = seen[0].clone();
    let remove = api_request::RemoveUsers { org: "acme".into(), usernames: vec![target.clone()] };
    let request = remove.build(&base, Some(&token), options).unwrap();
    let body: Value = serde_json::from_str(request.body.as_deref().unwrap()).unwrap();
    openapi_conformance::validate_request(Operation::RemoveUsers.operation_id(), &body).unwrap();
    let parts = sandbox.handle_http(&request, now);
    assert!(parts.status == 200 || parts.status == 422, "{parts:?}");
    let add = api_request::AddUsers { org: "acme".into(), usernames: vec![target] };
    let request = add.build(&base, Some(&token), options).unwrap();
    let body: Value = serde_json::from_str(request.body.as_deref().unwrap()).unwrap();
    openapi_conformance::validate_request(Operation::AddUsers.operation_id(), &body).unwrap();
    assert_eq!(add.parse(&sandbox.handle_http(&request, now), Some(token.kind())).unwrap().seats_created, 1);

    let first_team = sandbox.state().org("acme").unwrap().teams[0].slug.clone();
    for request in [
        api_request::AddTeams { org: "acme".into(), teams: vec![first_team.clone()] }.build(
            &base,
            Some(&token),
            options,
        ),
        api_request::RemoveTeams { org: "acme".into(), teams: vec![first_team] }.build(&base, Some(&token), options),
    ] {
        let request = request.unwrap();
        let body: Value = serde_json::from_str(request.body.as_deref().unwrap()).unwrap();
        openapi_conformance::validate_request(request.operation.operation_id(), &body).unwrap();
        let parts = sandbox.handle_http(&request, now);
        let response = Response { status: parts.status, headers: parts.headers, body: parts.body };
        assert_conforms(request.operation, &response);
        assert!(response.status == 200 || response.status == 201, "{response:?}");
    }

    let enterprise = api_request::ListEnterpriseSeats { enterprise: "acme-corp".into(), page: PageRequest::default() };
    let parts = sandbox.handle_http(&enterprise.build(&base, Some(&token), options).unwrap(), now);
    let parsed = enterprise.parse(&parts, Some(token.kind())).unwrap();
    assert!(parsed.seats.iter().all(
        |seat| seat.organization.is_some() || seat.assigning_team.as_ref().is_some_and(|t| t.is_enterprise_team())
    ));
    assert_eq!(now_from_millis(now.timestamp_millis() as f64), now);
    assert_eq!(now_from_millis(f64::NAN).timestamp(), 0);
}

#[test]
fn the_same_seed_gives_the_same_data_and_another_seed_other_data() {
    let options = support::small_options();
    let a = Sandbox::new(&options, support::start()).dump(support::start());
    let b = Sandbox::new(&options, support::start()).dump(support::start());
    assert_eq!(a, b);
    let other = GenerateOptions { seed: 8, ..options };
    let c = Sandbox::new(&other, support::start()).dump(support::start());
    assert_ne!(a["orgs"], c["orgs"]);
    let logins = |dump: &Value| -> Vec<Value> {
        Api::org(dump, "acme")["seats"].as_array().unwrap().iter().map(|s| s["login"].clone()).collect()
    };
    assert_ne!(logins(&a), logins(&c), "different people, not just different dates");
}

#[test]
fn the_generated_data_looks_like_a_real_organization() {
    let sandbox =
        Sandbox::new(&GenerateOptions { seats: 2_000, orgs: 3, ..GenerateOptions::default() }, support::start());
    let acme = sandbox.state().org("acme").unwrap();
    assert_eq!(acme.seats.len(), 2_000);
    let now = support::start().timestamp();
    let day = 86_400;
    let share = |count: usize| count as f64 / 2_000.0;
    let never = acme.seats.iter().filter(|s| s.last_activity_at.is_none()).count();
    let last_week = acme.seats.iter().filter(|s| s.last_activity_at.is_some_and(|at| now - at <= 7 * day)).count();
    let months = acme.seats.iter().filter(|s| s.last_activity_at.is_some_and(|at| now - at > 30 * day)).count();
    let pending = acme.seats.iter().filter(|s| s.pending_cancellation_date.is_some()).count();
    let through_team = acme.seats.iter().filter(|s| s.assigning_team.is_some()).count();
    assert!((0.05..0.2).contains(&share(never)), "never used: {never}");
    assert!((0.35..0.65).contains(&share(last_week)), "active last week: {last_week}");
    assert!((0.1..0.4).contains(&share(months)), "inactive for over a month: {months}");
    assert!((0.01..0.08).contains(&share(pending)), "pending cancellation: {pending}");
    assert!((0.3..0.5).contains(&share(through_team)), "through teams: {through_team}");
    let editors: HashSet<&str> =
        acme.seats.iter().filter_map(|s| s.last_activity_editor).map(|e| EDITORS[e as usize]).collect();
    for family in ["vscode/", "JetBrains", "VisualStudio/", "Neovim/", "Xcode/"] {
        assert!(editors.iter().any(|e| e.starts_with(family)), "{family}");
    }
    assert!(acme.members.len() > acme.seats.len(), "members without seats");
    assert!(!acme.invitations.is_empty());
    assert_eq!(sandbox.state().org("acme-3").unwrap().seats.len(), 500);
}

#[test]
fn control_endpoints_dump_reset_and_change_faults() {
    let mut api = Api::small();
    let before = api.dump();
    assert_eq!(before["enterprise"]["slug"], "acme-corp");
    let tokens: Vec<&str> = before["tokens"].as_array().unwrap().iter().map(|t| t["name"].as_str().unwrap()).collect();
    for name in ["owner_classic", "owner_fine_grained", "readonly_fine_grained", "member_classic", "no_scope_classic"] {
        assert!(tokens.contains(&name), "{name}");
    }
    assert!(!before.to_string().contains(OWNER_CLASSIC), "the dump names tokens, not their values");
    let direct = direct_only(&before);
    api.call(Operation::RemoveUsers, USERS, Some(OWNER_CLASSIC), Some(json!({"selected_usernames": [direct]})));
    api.settings("acme", json!({"saml_enforced": true}));
    let faults = api.send(Request::post("/_sandbox/faults", r#"{"fail_rate": 0.5, "latency_ms": 20}"#));
    assert_eq!(faults.status, 200);
    assert_eq!(faults.json_body()["fail_rate"], 0.5);
    assert_eq!(api.sandbox.state().faults().latency_ms, 20);
    let refused = api.send(Request::post("/_sandbox/faults", r#"{"fail_rate": 2}"#));
    assert_eq!(refused.status, 422);
    let changed = api.dump();
    assert_ne!(changed["orgs"], before["orgs"]);

    let reset = api.send(Request::post("/_sandbox/reset", ""));
    assert_eq!(reset.status, 200);
    let after = api.dump();
    assert_eq!(after["orgs"], before["orgs"]);
    assert_eq!(after["faults"], before["faults"]);
    assert_eq!(api.send(Request::get("/_sandbox/nothing")).status, 404);
    assert_eq!(api.send(Request::get("/_sandbox/faults")).json_body()["fail_rate"], 0.0);
}

#[test]
fn the_redirect_switch_answers_every_api_request_302_and_counts_who_followed() {
    let mut api = Api::small();
    let target = "http://localhost:9/_sandbox/landed";
    let on = api.send(Request::post("/_sandbox/redirect", json!({ "location": target }).to_string()));
    assert_eq!(on.status, 200);
    assert_eq!(on.json_body()["location"], target);
    for (operation, path, body) in every_operation("acme") {
        let mut request = Request::new(method_of(operation), &path).with_token(OWNER_CLASSIC);
        if let Some(body) = body {
            request = request.with_body(body.to_string());
        }
        let answer = api.send(request);
        assert_eq!(answer.status, 302, "{operation:?}");
        assert_eq!(answer.header("location"), Some(target), "{operation:?}");
        assert!(answer.header("access-control-allow-origin").is_some(), "a browser reads it only with CORS");
    }
    // Nothing changed, preflights and control endpoints still answer, and no request has landed yet.
    let preflight = api.send(Request::new("OPTIONS", SEATS).with_header("Origin", "http://127.0.0.1:4173"));
    assert!(preflight.status < 300, "{}", preflight.status);
    assert_eq!(api.dump()["redirect"]["landed"], 0);
    // A client that followed arrives at the landing path, preflight and request alike.
    api.send(Request::new("OPTIONS", LANDED_PATH));
    let landed = api.send(Request::get(LANDED_PATH));
    assert_eq!(landed.json_body()["landed"], 2);

    assert_eq!(api.send(Request::post("/_sandbox/redirect", r#"{"location": "/relative"}"#)).status, 422);
    assert_eq!(api.send(Request::post("/_sandbox/redirect", r#"{"location": null}"#)).status, 200);
    assert_eq!(api.call(Operation::GetOrganizationBilling, BILLING, Some(OWNER_CLASSIC), None).status, 200);
    api.send(Request::post("/_sandbox/redirect", json!({ "location": target }).to_string()));
    api.send(Request::post("/_sandbox/reset", ""));
    assert_eq!(api.send(Request::get("/_sandbox/redirect")).json_body(), json!({ "location": null, "landed": 0 }));
    assert_eq!(api.call(Operation::GetOrganizationBilling, BILLING, Some(OWNER_CLASSIC), None).status, 200);
}

#[test]
fn no_input_makes_the_handler_panic() {
    let mut api = Api::small();
    let mut rng = Rng::new(42);
    let pieces = [
        "",
        "/",
        "orgs",
        "acme",
        "%",
        "%FF",
        "%2F",
        "copilot",
        "billing",
        "seats",
        "selected_users",
        "selected_teams",
        "members",
        "enterprises",
        "acme-corp",
        "_sandbox",
        "state",
        "..",
        "é",
        "\u{0}",
    ];
    let methods = ["GET", "POST", "DELETE", "PUT", "OPTIONS", "HEAD", "get", ""];
    let bodies =
        ["", "{", "null", "[]", "{\"selected_usernames\": [null]}", "{\"selected_teams\": [\"\"]}", "\u{FFFF}"];
    let headers = ["Bearer ", "Bearer", "token ghp_x", OWNER_CLASSIC, "Bearer \u{7f}"];
    // A short run in `make test`; `make fuzz` sets FUZZ_CASES for minutes of it.
    let iterations: usize = std::env::var("FUZZ_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(3_000);
    for _ in 0..iterations {
        let segments = 1 + rng.below(7) as usize;
        let path: String = (0..segments).map(|_| format!("/{}", rng.pick(&pieces).unwrap())).collect();
        let query =
            ["", "?page=-1", "?per_page=18446744073709551616", "?page=99999999999", "?%=%"][rng.below(5) as usize];
        let mut request = Request::new(rng.pick(&methods).unwrap(), &format!("{path}{query}"));
        request.headers.push(("Authorization".into(), rng.pick(&headers).unwrap().to_string()));
        if rng.chance(0.5) {
            request.headers.push(("Authorization".into(), format!("Bearer {OWNER_CLASSIC}")));
        }
        request.body = Some(rng.pick(&bodies).unwrap().to_string());
        let response = api.send(request);
        assert!((200..600).contains(&response.status));
    }
    // The real routes with the owner's token, odd inputs included.
    for target in [
        "/orgs/acme/members/%E2%9C%93/copilot",
        "/orgs/ACME/copilot/billing/seats?page=18446744073709551615&per_page=100",
    ] {
        let response = api.send(Request::get(target).with_token(OWNER_CLASSIC));
        assert!(response.status == 404 || response.status == 200, "{target}: {}", response.status);
    }
}

#[test]
fn an_organizations_token_policy_refuses_classic_or_long_lived_tokens_in_githubs_words() {
    let mut api = Api::small();
    api.settings("acme", json!({"forbid_classic_tokens": true}));
    let refused = api.call(Operation::ListOrganizationSeats, SEATS, Some(OWNER_CLASSIC), None);
    assert_eq!(refused.status, 403);
    assert!(matches!(
        error_of(Operation::ListOrganizationSeats, OWNER_CLASSIC, &refused),
        ApiError::TokenPolicy { policy: copilot_api::TokenPolicy::ClassicForbidden, .. }
    ));
    let fine = api.call(Operation::ListOrganizationSeats, SEATS, Some(OWNER_FINE_GRAINED), None);
    assert_eq!(fine.status, 200, "fine-grained tokens are still allowed");
    let other_org =
        api.call(Operation::ListOrganizationSeats, "/orgs/acme-2/copilot/billing/seats", Some(OWNER_CLASSIC), None);
    assert_eq!(other_org.status, 200, "only the organization with the policy refuses");

    api.settings("acme", json!({"forbid_classic_tokens": false, "fine_grained_max_lifetime_days": 366}));
    assert_eq!(api.call(Operation::ListOrganizationSeats, SEATS, Some(OWNER_CLASSIC), None).status, 200);
    let long_lived = api.call(Operation::ListOrganizationSeats, SEATS, Some(OWNER_FINE_GRAINED), None);
    assert_eq!(long_lived.status, 403);
    assert!(matches!(
        error_of(Operation::ListOrganizationSeats, OWNER_FINE_GRAINED, &long_lived),
        ApiError::TokenPolicy { policy: copilot_api::TokenPolicy::LifetimeTooLong { max_days: Some(366) }, .. }
    ));
    api.settings("acme", json!({"fine_grained_max_lifetime_days": 0}));
    assert_eq!(api.call(Operation::ListOrganizationSeats, SEATS, Some(OWNER_FINE_GRAINED), None).status, 200);
}
