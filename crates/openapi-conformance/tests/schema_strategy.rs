//! The schema strategy yields only documents the project's validator accepts, and among them the odd ones
//! the description allows: a property built on it then says something about every schema-valid answer.

use openapi_conformance::schema_strategy::SchemaStrategy;
use openapi_conformance::{raw_description, response_strategy, validate_response};
use proptest::strategy::{Strategy, ValueTree};
use proptest::test_runner::{Config, TestRunner};
use serde_json::{json, Value};

/// Every success answer of the eight operations, with its status.
const SUCCESS_ANSWERS: [(&str, u16); 8] = [
    ("copilot/get-copilot-organization-details", 200),
    ("copilot/list-copilot-seats", 200),
    ("copilot/list-copilot-seats-for-enterprise", 200),
    ("copilot/get-copilot-seat-details-for-user", 200),
    ("copilot/add-copilot-seats-for-users", 201),
    ("copilot/add-copilot-seats-for-teams", 201),
    ("copilot/cancel-copilot-seat-assignment-for-users", 200),
    ("copilot/cancel-copilot-seat-assignment-for-teams", 200),
];

/// `count` documents from `strategy`, from a fixed seed: the same ones on every run.
fn sample(strategy: &impl Strategy<Value = Value>, count: usize) -> Vec<Value> {
    let mut runner = TestRunner::deterministic();
    (0..count).map(|_| strategy.new_tree(&mut runner).expect("a document").current()).collect()
}

/// A draft-07 validator for a small schema, with formats asserted, as the description's are validated.
fn validator(schema: &Value) -> jsonschema::Validator {
    let mut root = schema.clone();
    root["$schema"] = json!("http://json-schema.org/draft-07/schema#");
    jsonschema::options().should_validate_formats(true).build(&root).expect("the schema compiles")
}

fn assert_every_value_validates(schema: Value) -> Vec<Value> {
    let values = sample(&SchemaStrategy::new(json!({})).strategy(&schema), 300);
    let validator = validator(&schema);
    for value in &values {
        let errors: Vec<String> = validator.iter_errors(value).map(|err| err.to_string()).collect();
        assert!(errors.is_empty(), "{value} is not valid under {schema}: {errors:?}");
    }
    values
}

#[test]
fn every_generated_answer_validates_against_its_operations_schema() {
    for (operation_id, status) in SUCCESS_ANSWERS {
        let mut runner = TestRunner::new(Config { cases: 64, failure_persistence: None, ..Config::default() });
        runner
            .run(&response_strategy(operation_id, status), |document| {
                let verdict = validate_response(operation_id, status, &document);
                proptest::prop_assert!(verdict.is_ok(), "{operation_id}: {document}: {verdict:?}");
                Ok(())
            })
            .unwrap_or_else(|failure| panic!("{failure}"));
    }
}

/// What a seat page holds, in words, for the features below.
fn features_of_seat_pages(pages: &[Value]) -> Vec<&'static str> {
    let user_properties = raw_description()["components"]["schemas"]["nullable-simple-user"]["properties"]
        .as_object()
        .expect("the user's properties");
    let mut found = Vec::new();
    for page in pages {
        let seats = page["seats"].as_array().map(Vec::as_slice).unwrap_or_default();
        let total = &page["total_seats"];
        found.extend([
            (page.get("seats").is_none(), "no seats key"),
            (page.get("seats").is_some() && seats.is_empty(), "an empty page"),
            (seats.len() >= 5, "five seats or more"),
            (total.is_null(), "no total"),
            (total.as_i64().is_some_and(|n| n < 0), "a negative total"),
            (total.is_f64() && total.as_f64().is_some_and(|n| n > u64::MAX as f64), "a total past u64"),
            (total.is_f64() && total.as_f64().is_some_and(|n| n.abs() < 1e6), "a small total written as a float"),
        ]);
        for seat in seats {
            let team = &seat["assigning_team"];
            let user = &seat["assignee"];
            found.extend([
                (seat.as_object().is_some_and(|seat| seat.len() == 1), "a seat with only created_at"),
                (seat.get("assignee") == Some(&Value::Null), "a null assignee"),
                (user.is_object(), "an assignee"),
                (
                    user.as_object().is_some_and(|u| u.keys().any(|k| !user_properties.contains_key(k))),
                    "an undeclared field",
                ),
                (team.get("parent").is_some(), "an organization team"),
                (team.get("group_id").is_some(), "an enterprise team"),
                (seat.get("assigning_team") == Some(&Value::Null), "a null team"),
                (seat["plan_type"] == "unknown", "the unknown plan"),
                (seat["created_at"].as_str().is_some_and(|at| at.contains(":60")), "a leap second"),
                (seat["created_at"].as_str().is_some_and(|at| at.contains('t')), "a lower-case t"),
                (user["id"].as_i64().is_some_and(|id| id < 0), "a negative id"),
            ]);
        }
    }
    found.into_iter().filter_map(|(seen, feature)| seen.then_some(feature)).collect()
}

#[test]
fn generated_seat_pages_reach_the_odd_documents_the_description_allows() {
    let pages = sample(&response_strategy("copilot/list-copilot-seats-for-enterprise", 200), 200);
    let found = features_of_seat_pages(&pages);
    for feature in [
        "no seats key",
        "an empty page",
        "five seats or more",
        "no total",
        "a negative total",
        "a total past u64",
        "a small total written as a float",
        "a seat with only created_at",
        "a null assignee",
        "an assignee",
        "an undeclared field",
        "an organization team",
        "an enterprise team",
        "a null team",
        "the unknown plan",
        "a leap second",
        "a lower-case t",
        "a negative id",
    ] {
        assert!(found.contains(&feature), "no generated page has {feature}");
    }
}

#[test]
fn generated_billing_summaries_leave_out_optional_fields_and_add_undeclared_ones() {
    let summaries = sample(&response_strategy("copilot/get-copilot-organization-details", 200), 200);
    let declared = raw_description()["components"]["schemas"]["copilot-organization-details"]["properties"]
        .as_object()
        .expect("the summary's properties");
    assert!(summaries.iter().any(|summary| summary.get("ide_chat").is_none()), "ide_chat is always there");
    assert!(summaries.iter().any(|summary| summary.get("ide_chat").is_some()), "ide_chat is never there");
    assert!(
        summaries.iter().any(|summary| summary.as_object().unwrap().keys().any(|key| !declared.contains_key(key))),
        "additionalProperties: true, yet no summary has an undeclared field"
    );
    assert!(summaries.iter().all(|summary| summary.get("seat_breakdown").is_some()), "a required field is missing");
}

#[test]
fn enums_give_only_their_values_and_closed_objects_nothing_undeclared() {
    let values = assert_every_value_validates(json!({
        "type": "object",
        "properties": {"plan": {"type": ["string", "null"], "enum": ["business", "enterprise", null]}},
        "required": ["plan"],
        "additionalProperties": false,
    }));
    for value in &values {
        assert_eq!(value.as_object().unwrap().len(), 1, "{value}");
    }
    for plan in [json!("business"), json!("enterprise"), Value::Null] {
        assert!(values.iter().any(|value| value["plan"] == plan), "{plan} never generated");
    }
}

#[test]
fn integers_stay_within_their_bounds_and_reach_them() {
    let values = assert_every_value_validates(json!({"type": "integer", "minimum": -3, "exclusiveMaximum": 10}));
    assert!(values.contains(&json!(-3)) && values.contains(&json!(9)), "the bounds are never reached");
    let int32 = assert_every_value_validates(json!({"type": "integer", "format": "int32"}));
    let within = |n: f64| n.fract() == 0.0 && (f64::from(i32::MIN)..=f64::from(i32::MAX)).contains(&n);
    assert!(int32.iter().all(|value| value.as_f64().is_some_and(within)), "{int32:?}");
    assert!(int32.iter().any(|value| value.is_f64()), "no integer is ever written as a float (3.0)");
}

#[test]
fn formatted_strings_are_valid_for_their_format() {
    for format in ["date-time", "date", "uri", "email"] {
        let values = assert_every_value_validates(json!({"type": "string", "format": format}));
        assert!(values.iter().all(Value::is_string));
    }
}

#[test]
fn dates_reach_29_february_and_date_times_every_way_rfc_3339_writes_them() {
    let dates = assert_every_value_validates(json!({"type": "string", "format": "date"}));
    assert!(dates.iter().any(|date| date.as_str().unwrap().ends_with("-02-29")), "no 29 February");
    let times = assert_every_value_validates(json!({"type": "string", "format": "date-time"}));
    let spelt = |test: &dyn Fn(&str) -> bool| times.iter().any(|time| test(time.as_str().unwrap()));
    assert!(spelt(&|time| time.contains(":60")), "no leap second");
    assert!(spelt(&|time| time.ends_with('z')), "no lower-case z");
    assert!(spelt(&|time| time.contains('t')), "no lower-case t");
    assert!(spelt(&|time| time.split(['.']).nth(1).is_some_and(|fraction| fraction.len() > 10)), "no long fraction");
    assert!(spelt(&|time| time.len() > 6 && time[time.len() - 6..].starts_with('-')), "no offset west of UTC");
}

#[test]
fn arrays_respect_their_item_counts() {
    let values = assert_every_value_validates(
        json!({"type": "array", "items": {"type": "boolean"}, "minItems": 2, "maxItems": 3}),
    );
    assert!(values.iter().any(|value| value.as_array().unwrap().len() == 2));
    assert!(values.iter().any(|value| value.as_array().unwrap().len() == 3));
}

#[test]
fn one_of_never_yields_a_value_that_two_alternatives_accept() {
    // Non-negative integers satisfy both alternatives, so none may appear.
    let values =
        assert_every_value_validates(json!({"oneOf": [{"type": "integer"}, {"type": "number", "minimum": 0}]}));
    assert!(values.iter().any(|value| value.as_i64().is_some_and(|n| n < 0)));
    assert!(values.iter().any(|value| value.as_f64().is_some_and(|n| n > 0.0 && n.fract() != 0.0)));
}

#[test]
fn all_of_and_any_of_combine_their_members() {
    assert_every_value_validates(json!({
        "allOf": [
            {"type": "object", "properties": {"a": {"type": "integer", "minimum": 0}}, "required": ["a"]},
            {"properties": {"a": {"maximum": 5}, "b": {"anyOf": [{"type": "string", "format": "date"}, {"type": "null"}]}}},
        ]
    }));
}

#[test]
#[should_panic(expected = "does not support the keyword `pattern`")]
fn a_keyword_it_cannot_meet_stops_it_at_once() {
    let _ = SchemaStrategy::new(json!({})).strategy(&json!({"type": "string", "pattern": "^a+$"}));
}

#[test]
#[should_panic(expected = "cannot write strings of format `ipv6`")]
fn a_format_it_cannot_write_stops_it_at_once() {
    let _ = SchemaStrategy::new(json!({})).strategy(&json!({"type": "string", "format": "ipv6"}));
}
