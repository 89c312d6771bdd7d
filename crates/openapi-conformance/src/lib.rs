//! Test helper: holds what we send and receive to GitHub's official OpenAPI description of the eight
//! Copilot seat operations (`tests/fixtures/github-openapi/copilot-seats.openapi.json`).
//!
//! OpenAPI 3.0 schemas are not quite JSON Schema: `nullable: true` has no meaning there. The description is
//! converted once (`nullable` becomes an explicit `null` alternative) and each operation's schema is then
//! validated strictly, with formats (`date-time`, `date`, `uri`) asserted.
//!
//! [`response_strategy`] generates the documents an operation's schema allows, for property tests
//! (`schema_strategy`).

pub mod schema_strategy;

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, OnceLock};

use proptest::strategy::BoxedStrategy;
use serde_json::{json, Map, Value};

/// Where the fixtures live, from any crate of the workspace.
pub fn fixtures_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures")
}

/// The official description, as published (before conversion).
pub fn raw_description() -> &'static Value {
    static RAW: OnceLock<Value> = OnceLock::new();
    RAW.get_or_init(|| {
        let path = fixtures_dir().join("github-openapi/copilot-seats.openapi.json");
        let text = std::fs::read_to_string(&path).unwrap_or_else(|err| panic!("read {}: {err}", path.display()));
        serde_json::from_str(&text).expect("the OpenAPI fixture is JSON")
    })
}

fn converted_components() -> &'static Value {
    static CONVERTED: OnceLock<Value> = OnceLock::new();
    CONVERTED.get_or_init(|| nullable_to_json_schema(&raw_description()["components"]))
}

/// Rewrites OpenAPI 3.0's `nullable: true` as JSON Schema: `type: [T, "null"]`, or an `anyOf` with
/// `{type: null}` where the schema is a `$ref` or a composition.
pub fn nullable_to_json_schema(value: &Value) -> Value {
    match value {
        Value::Array(items) => Value::Array(items.iter().map(nullable_to_json_schema).collect()),
        Value::Object(object) => {
            let mut converted: Map<String, Value> =
                object.iter().map(|(key, value)| (key.clone(), nullable_to_json_schema(value))).collect();
            if converted.remove("nullable") == Some(Value::Bool(true)) {
                if let Some(Value::String(single)) = converted.get("type").cloned() {
                    converted.insert("type".into(), json!([single, "null"]));
                    if let Some(Value::Array(options)) = converted.get_mut("enum") {
                        options.push(Value::Null);
                    }
                } else {
                    return json!({ "anyOf": [Value::Object(converted), { "type": "null" }] });
                }
            }
            Value::Object(converted)
        }
        other => other.clone(),
    }
}

/// The operation with this `operationId`: its method, path and operation object.
pub fn operation(operation_id: &str) -> (&'static str, &'static str, &'static Value) {
    let paths = raw_description()["paths"].as_object().expect("paths");
    for (path, item) in paths {
        for (method, op) in item.as_object().expect("path item") {
            if op["operationId"] == operation_id {
                return (method.as_str(), path.as_str(), op);
            }
        }
    }
    panic!("no operation {operation_id} in the description");
}

fn resolve(value: &Value) -> &Value {
    match value.get("$ref").and_then(Value::as_str) {
        Some(pointer) => {
            raw_description().pointer(pointer.trim_start_matches('#')).unwrap_or_else(|| panic!("unresolved {pointer}"))
        }
        None => value,
    }
}

/// The JSON schema of a response body, if the description gives one for that status.
pub fn response_schema(operation_id: &str, status: u16) -> Option<&'static Value> {
    let (_, _, op) = operation(operation_id);
    let response = resolve(op["responses"].get(status.to_string())?);
    response.pointer("/content/application~1json/schema")
}

/// Whether the description lists this status for the operation at all.
pub fn documents_status(operation_id: &str, status: u16) -> bool {
    let (_, _, op) = operation(operation_id);
    op["responses"].get(status.to_string()).is_some()
}

/// The validator of a schema from the description, compiled once: property tests validate every document
/// they generate, and compiling the description's components takes longer than validating.
fn validator(schema: &Value) -> Result<Arc<jsonschema::Validator>, Vec<String>> {
    static COMPILED: OnceLock<Mutex<HashMap<String, Arc<jsonschema::Validator>>>> = OnceLock::new();
    let key = schema.to_string();
    let compiled = COMPILED.get_or_init(Default::default);
    if let Some(validator) = compiled.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).get(&key) {
        return Ok(Arc::clone(validator));
    }
    let root = json!({
        "$schema": "http://json-schema.org/draft-07/schema#",
        "allOf": [nullable_to_json_schema(schema)],
        "components": converted_components(),
    });
    let validator = jsonschema::options()
        .should_validate_formats(true)
        .build(&root)
        .map_err(|err| vec![format!("schema does not compile: {err}")])?;
    let validator = Arc::new(validator);
    compiled.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).insert(key, Arc::clone(&validator));
    Ok(validator)
}

/// Validates `instance` against `schema` (from the description), strictly, with formats asserted.
pub fn validate(schema: &Value, instance: &Value) -> Result<(), Vec<String>> {
    let validator = validator(schema)?;
    let errors: Vec<String> =
        validator.iter_errors(instance).map(|err| format!("{} at {}", err, err.instance_path())).collect();
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

/// Validates a response body against the schema the description gives for that operation and status.
/// Fails when the status is not documented or has a schema the body does not meet.
pub fn validate_response(operation_id: &str, status: u16, body: &Value) -> Result<(), Vec<String>> {
    if !documents_status(operation_id, status) {
        return Err(vec![format!("{operation_id} does not document status {status}")]);
    }
    match response_schema(operation_id, status) {
        Some(schema) => validate(schema, body),
        None => Ok(()),
    }
}

/// Documents valid under `schema` (a schema of the description, in its OpenAPI 3.0 form): its `$ref`s
/// resolve into the description's components, `nullable` allows `null`.
pub fn description_strategy(schema: &Value) -> BoxedStrategy<Value> {
    let root = json!({ "components": converted_components() });
    schema_strategy::SchemaStrategy::new(root).strategy(&nullable_to_json_schema(schema))
}

/// Documents valid under the schema the description gives for that operation's answer with `status`.
/// Panics if it gives none.
pub fn response_strategy(operation_id: &str, status: u16) -> BoxedStrategy<Value> {
    let schema = response_schema(operation_id, status)
        .unwrap_or_else(|| panic!("{operation_id} gives no schema for status {status}"));
    description_strategy(schema)
}

/// Validates a request body against the operation's request schema.
pub fn validate_request(operation_id: &str, body: &Value) -> Result<(), Vec<String>> {
    let (_, _, op) = operation(operation_id);
    let schema = op
        .pointer("/requestBody/content/application~1json/schema")
        .unwrap_or_else(|| panic!("{operation_id} takes no request body"));
    validate(schema, body)
}

/// Every example in the description, named: the shared ones under `components/examples` and those
/// written inline in responses.
pub fn examples() -> Vec<(String, Value)> {
    let mut found = Vec::new();
    if let Some(shared) = raw_description()["components"]["examples"].as_object() {
        for (name, example) in shared {
            found.push((format!("components/examples/{name}"), example["value"].clone()));
        }
    }
    for (path, item) in raw_description()["paths"].as_object().expect("paths") {
        for (method, op) in item.as_object().expect("path item") {
            for (status, response) in op["responses"].as_object().expect("responses") {
                let inline = resolve(response).pointer("/content/application~1json/examples");
                for (name, example) in inline.and_then(Value::as_object).into_iter().flatten() {
                    if example.get("$ref").is_none() {
                        found.push((format!("{method} {path} {status} {name}"), example["value"].clone()));
                    }
                }
            }
        }
    }
    found
}

/// The JSON examples in a saved documentation page (`tests/fixtures/seeds/*.txt`): each line after a
/// `Status: NNN` line that holds a JSON value, with its status.
pub fn seed_examples(file_name: &str) -> Vec<(u16, Value)> {
    let path = fixtures_dir().join("seeds").join(file_name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|err| panic!("read {}: {err}", path.display()));
    let lines: Vec<&str> = text.lines().collect();
    lines
        .windows(2)
        .filter_map(|pair| {
            let status = pair[0].strip_prefix("Status: ")?.trim().parse().ok()?;
            let value = serde_json::from_str(pair[1].trim()).ok()?;
            Some((status, value))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nullable_becomes_an_explicit_null() {
        let converted = nullable_to_json_schema(&json!({"type": "string", "nullable": true}));
        assert_eq!(converted, json!({"type": ["string", "null"]}));
        let reference = nullable_to_json_schema(&json!({"$ref": "#/x", "nullable": true}));
        assert_eq!(reference, json!({"anyOf": [{"$ref": "#/x"}, {"type": "null"}]}));
    }

    #[test]
    fn the_validator_rejects_what_the_schema_forbids() {
        let billing = response_schema("copilot/get-copilot-organization-details", 200).unwrap();
        assert!(validate(billing, &json!({"seat_breakdown": {}})).is_err(), "required fields missing");
        let ok = json!({"seat_breakdown": {"total": 1}, "public_code_suggestions": "block", "seat_management_setting": "assign_selected"});
        assert_eq!(validate(billing, &ok), Ok(()));
        let bad_enum = json!({"seat_breakdown": {}, "public_code_suggestions": "maybe", "seat_management_setting": "assign_selected"});
        assert!(validate(billing, &bad_enum).is_err());
    }

    #[test]
    fn formats_are_asserted() {
        let seat = &raw_description()["components"]["schemas"]["copilot-seat-details"];
        assert!(validate(seat, &json!({"created_at": "yesterday"})).is_err());
        assert_eq!(validate(seat, &json!({"created_at": "2021-08-03T18:00:00-06:00"})), Ok(()));
        assert!(validate(seat, &json!({"created_at": "2021-08-03T18:00:00-06:00", "surprise": 1})).is_err());
    }

    #[test]
    fn both_seed_documents_yield_their_examples() {
        assert_eq!(seed_examples("000_7feb70591ed5e132.txt").len(), 6);
        assert_eq!(seed_examples("002_31d0651d10934763.txt").len(), 7);
    }
}
