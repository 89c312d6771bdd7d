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
