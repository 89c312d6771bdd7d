//! Components mounted in headless Chromium: what a person would see, given data.

#![cfg(target_arch = "wasm32")]

use copilot_api::OrganizationBilling;
use copilot_seats::components::billing_summary::BillingSummary;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// A fresh container in the document, so each test sees only what it mounted.
fn container() -> web_sys::HtmlElement {
    let document = web_sys::window().and_then(|w| w.document()).expect("a document");
    let element = document.create_element("div").expect("a div").unchecked_into::<web_sys::HtmlElement>();
    document.body().expect("a body").append_child(&element).expect("appended");
    element
}

const NEWER_SHAPE: &str = r#"{ "seat_breakdown": { "total": 12, "added_this_cycle": 9, "pending_invitation": 0, "pending_cancellation": 0, "active_this_cycle": 12, "inactive_this_cycle": 11 }, "seat_management_setting": "assign_selected", "ide_chat": "enabled", "platform_chat": "enabled", "cli": "enabled", "public_code_suggestions": "block", "plan_type": "business" }"#;
const OLDER_SHAPE: &str = r#"{ "seat_breakdown": { "total": 3, "added_this_cycle": 1, "pending_invitation": 0, "pending_cancellation": 0, "active_this_cycle": 2, "inactive_this_cycle": 1 }, "seat_management_setting": "assign_all", "public_code_suggestions": "allow" }"#;

#[wasm_bindgen_test]
fn billing_summary_shows_every_field_of_the_newer_shape() {
    let billing: OrganizationBilling = serde_json::from_str(NEWER_SHAPE).expect("the seed example parses");
    let parent = container();
    let _mounted =
        leptos::mount::mount_to(parent.clone(), move || view! { <BillingSummary org="octo-org".to_owned() billing /> });
    let text = parent.text_content().unwrap_or_default();
    assert!(text.contains("Copilot billing for octo-org"), "{text}");
    assert!(text.contains("Total seats12"), "{text}");
    assert!(text.contains("Inactive this cycle11"), "{text}");
    assert!(text.contains("assign_selected"), "{text}");
    assert!(text.contains("PlanBusiness") || text.contains("Planbusiness"), "{text}");
    assert!(!text.contains("not reported"), "{text}");
}

#[wasm_bindgen_test]
fn billing_summary_explains_assign_all_and_missing_fields_of_the_older_shape() {
    let billing: OrganizationBilling = serde_json::from_str(OLDER_SHAPE).expect("the older shape parses");
    let parent = container();
    let _mounted =
        leptos::mount::mount_to(parent.clone(), move || view! { <BillingSummary org="legacy".to_owned() billing /> });
    let text = parent.text_content().unwrap_or_default();
    assert!(text.contains("refuses per-user or per-team assignment"), "{text}");
    assert!(text.contains("IDE chatnot reported"), "{text}");
    assert!(text.contains("Plannot reported"), "{text}");
}

fn seat(login: &str, last_activity: Option<&str>, pending: Option<&str>) -> copilot_api::Seat {
    serde_json::from_value(serde_json::json!({
        "created_at": "2024-01-01T00:00:00Z",
        "last_activity_at": last_activity,
        "pending_cancellation_date": pending,
        "last_activity_editor": last_activity.map(|_| "vscode/1.96.2/copilot/1.254.0"),
        "plan_type": "business",
        "assignee": { "login": login, "id": login.len(), "html_url": format!("https://github.com/{login}") },
    }))
    .expect("a seat")
}

/// Lets effects settle: the executor's next tick, as Leptos's own component tests wait, not a guessed
/// length of time.
async fn settle() {
    leptos::task::tick().await;
}

#[wasm_bindgen_test]
async fn the_seat_grid_renders_rows_counts_and_parsed_editors_given_seats() {
    use copilot_seats::components::seat_grid::{IndexedSeats, SeatGrid};
    let now = js_sys::Date::new_0().to_iso_string().as_string().unwrap_or_default();
    let seats = vec![
        seat("active-user", Some(&now), None),
        seat("never-user", None, None),
        seat("leaving-user", Some(&now), Some("2099-01-01")),
    ];
    let loaded = IndexedSeats::new(seats, None);
    let parent = container();
    let _mounted = leptos::mount::mount_to(parent.clone(), move || {
        let loaded = Signal::stored(loaded.clone());
        view! { <SeatGrid loaded scope_name="acme".to_owned() /> }
    });
    settle().await;
    let rows = parent.inner_html().matches("data-login=").count();
    assert_eq!(rows, 3);
    let text = parent.text_content().unwrap_or_default();
    assert!(text.contains("VS Code 1.96.2"), "{text}");
    let count = |id: &str| {
        parent
            .query_selector(&format!("[data-testid={id}]"))
            .ok()
            .flatten()
            .and_then(|e| e.text_content())
            .unwrap_or_default()
    };
    assert_eq!(count("count-active"), "1");
    assert_eq!(count("count-never-used"), "1");
    assert_eq!(count("count-pending-cancellation"), "1");
    // One never-used Business seat at the list price.
    assert_eq!(count("idle-cost"), "$19.00");
}

#[wasm_bindgen_test]
fn the_organization_plan_arriving_after_the_seats_reindexes_them_once() {
    use copilot_api::PlanType;
    use copilot_seats::components::seat_grid::IndexedSeats;
    let loaded = IndexedSeats::new(vec![seat("planless-user", None, None)], None);
    let same = loaded.for_plan(None);
    assert_eq!(same.generation, loaded.generation, "no new plan, no new index");
    let business = loaded.for_plan(Some(PlanType::Business));
    assert_ne!(business.generation, loaded.generation);
    assert_eq!(business.organization_plan, Some(PlanType::Business));
    assert!(std::sync::Arc::ptr_eq(&business.seats, &loaded.seats), "the seats are shared, not copied");
    assert_eq!(business.for_plan(Some(PlanType::Business)).generation, business.generation);
}

/// A workspace's write desk that logs one write each time it is built, with the log's view.
#[component]
fn DeskThatLogsOnce() -> impl IntoView {
    use copilot_api::plan::{ActivityEntry, WriteKind};
    use copilot_seats::components::manage::activity::ActivityLogView;
    use copilot_seats::components::manage::WriteDesk;
    let desk = WriteDesk::provide();
    desk.record(vec![ActivityEntry {
        at_ms: 1_700_000_000_000,
        kind: WriteKind::AssignUsers,
        org: "acme".to_owned(),
        names: vec!["ann".to_owned()],
        outcome: "Done".to_owned(),
        done: vec!["ann".to_owned()],
    }]);
    view! { <ActivityLogView /> }
}

/// The log's lines on the page: each names its operation once.
fn logged_rows(parent: &web_sys::HtmlElement) -> usize {
    parent.text_content().unwrap_or_default().matches("Assign seats to users").count()
}

#[wasm_bindgen_test]
async fn the_activity_log_outlives_a_reconnect_and_a_desk_without_the_app_still_logs() {
    use copilot_seats::components::manage::activity::TabActivity;
    let parent = container();
    let connected = RwSignal::new(true);
    let _mounted = leptos::mount::mount_to(parent.clone(), move || {
        TabActivity::provide();
        view! { <Show when=move || connected.get()><DeskThatLogsOnce /></Show> }
    });
    settle().await;
    assert_eq!(logged_rows(&parent), 1);
    // A reconnect rebuilds the workspace and its desk; the tab's log stays.
    connected.set(false);
    settle().await;
    connected.set(true);
    settle().await;
    assert_eq!(logged_rows(&parent), 2);

    let alone = container();
    let _alone = leptos::mount::mount_to(alone.clone(), || view! { <DeskThatLogsOnce /> });
    settle().await;
    assert_eq!(logged_rows(&alone), 1, "without the app's log, the desk keeps one of its own");
}

/// A desk whose log holds one revocation of `mona`, and whose seats read are what `seats` gives.
#[component]
fn DeskWithARevocation(seats: RwSignal<Option<Vec<copilot_api::Seat>>>) -> impl IntoView {
    use copilot_api::plan::{ActivityEntry, WriteKind};
    use copilot_seats::components::manage::activity::ActivityLogView;
    use copilot_seats::components::manage::WriteDesk;
    let desk = WriteDesk::provide();
    desk.record(vec![ActivityEntry {
        at_ms: 1_700_000_000_000,
        kind: WriteKind::RevokeUsers,
        org: "acme".to_owned(),
        names: vec!["mona".to_owned()],
        outcome: "Done".to_owned(),
        done: vec!["mona".to_owned()],
    }]);
    Effect::new(move |_| {
        if let Some(read) = seats.get() {
            desk.seats_were_read(std::sync::Arc::new(read), true, copilot_seats::clock::now_ms());
        }
    });
    view! { <ActivityLogView /> }
}

fn seat_of_mona(pending: bool) -> copilot_api::Seat {
    let pending = if pending { r#""2024-07-01""# } else { "null" };
    serde_json::from_str(&format!(
        r#"{{ "created_at": "2024-01-01T00:00:00Z", "pending_cancellation_date": {pending}, "assignee": {{ "login": "mona", "id": 1 }} }}"#
    ))
    .expect("a seat")
}

#[wasm_bindgen_test]
async fn a_revocation_offers_its_restore_only_while_the_seats_read_show_it_pending() {
    let parent = container();
    let seats = RwSignal::new(None::<Vec<copilot_api::Seat>>);
    let _mounted = leptos::mount::mount_to(parent.clone(), move || view! { <DeskWithARevocation seats /> });
    settle().await;
    let text = || parent.text_content().unwrap_or_default();
    assert!(text().contains("Read the seats again"), "{}", text());
    assert!(!text().contains("Restore these seats"), "{}", text());
    seats.set(Some(vec![seat_of_mona(true)]));
    settle().await;
    assert!(text().contains("1 seat still pending cancellation, can be restored."), "{}", text());
    assert!(text().contains("Restore these seats"), "{}", text());
    seats.set(Some(vec![seat_of_mona(false)]));
    settle().await;
    assert!(text().contains("No longer restorable: mona (active again)."), "{}", text());
    assert!(!text().contains("Restore these seats"), "{}", text());
}
