//! Folds an `allOf` into one schema, so that one walk can generate what every member accepts.
//!
//! Members are intersected keyword by keyword (properties joined, `required` united, `type` and `enum`
//! intersected, the tighter bound kept). Where two members constrain the same thing in a way this cannot
//! intersect, it panics naming the keyword rather than generate what one member forbids.

use serde_json::{json, Map, Value};

use super::is_annotation;

/// `map` with its `allOf` members (their `$ref`s resolved, nested `allOf`s flattened) folded in.
pub fn all_of<'a>(map: &Map<String, Value>, resolve: impl Fn(&Value) -> &'a Value + Copy) -> Map<String, Value> {
    let mut merged = map.clone();
    let members = match merged.remove("allOf") {
        None => Vec::new(),
        Some(Value::Array(members)) => members,
        Some(other) => panic!("`allOf` must be a list, not {other}"),
    };
    for member in &members {
        merged = merge(merged, flatten(member, resolve));
    }
    merged
}

fn flatten<'a>(schema: &Value, resolve: impl Fn(&Value) -> &'a Value + Copy) -> Map<String, Value> {
    match schema {
        Value::Bool(true) => Map::new(),
        Value::Bool(false) => panic!("an `allOf` member is `false`: nothing is valid"),
        Value::Object(map) => match map.get("$ref") {
            Some(reference) => flatten(resolve(reference), resolve),
            None if map.contains_key("allOf") => all_of(map, resolve),
            None => map.clone(),
        },
        other => panic!("not a schema: {other}"),
    }
}

fn merge(mut into: Map<String, Value>, member: Map<String, Value>) -> Map<String, Value> {
    refuse_what_a_closed_object_forbids(&into, &member);
    refuse_what_a_closed_object_forbids(&member, &into);
    for (keyword, value) in member {
        let combined = match into.get(&keyword) {
            None => value,
            Some(existing) if *existing == value => continue,
            Some(existing) => combine(&keyword, existing, value),
        };
        into.insert(keyword, combined);
    }
    into
}

/// In an `allOf`, `additionalProperties` of one member judges the properties the other declares.
fn refuse_what_a_closed_object_forbids(closed: &Map<String, Value>, other: &Map<String, Value>) {
    match closed.get("additionalProperties") {
        None | Some(Value::Bool(true)) => return,
        Some(_) => {}
    }
    let declared = |map: &Map<String, Value>| -> Vec<String> {
        let properties = map.get("properties").and_then(Value::as_object).into_iter().flat_map(|p| p.keys().cloned());
        let required = map.get("required").and_then(Value::as_array).into_iter().flatten().filter_map(Value::as_str);
        properties.chain(required.map(str::to_owned)).collect()
    };
    let allowed = declared(closed);
    if let Some(name) = declared(other).into_iter().find(|name| !allowed.contains(name)) {
        panic!("allOf: `{name}` is declared beside a member whose additionalProperties judges it; not supported");
    }
}

fn combine(keyword: &str, existing: &Value, value: Value) -> Value {
    match keyword {
        _ if is_annotation(keyword) => existing.clone(),
        "properties" => {
            let mut properties = existing.as_object().cloned().unwrap_or_default();
            for (name, schema) in value.as_object().cloned().unwrap_or_default() {
                let joined = match properties.remove(&name) {
                    Some(mine) if mine != schema => json!({ "allOf": [mine, schema] }),
                    _ => schema,
                };
                properties.insert(name, joined);
            }
            Value::Object(properties)
        }
        "required" => {
            let mut names = existing.as_array().cloned().unwrap_or_default();
            for name in value.as_array().cloned().unwrap_or_default() {
                if !names.contains(&name) {
                    names.push(name);
                }
            }
            Value::Array(names)
        }
        "type" => {
            let mine = type_names(existing);
            let theirs = type_names(&value);
            let both: Vec<Value> = mine
                .iter()
                .filter_map(|kind| match *kind {
                    _ if theirs.contains(kind) => Some(*kind),
                    "integer" if theirs.contains(&"number") => Some("integer"),
                    "number" if theirs.contains(&"integer") => Some("integer"),
                    _ => None,
                })
                .map(Value::from)
                .collect();
            assert!(!both.is_empty(), "allOf: the types {mine:?} and {theirs:?} have no value in common");
            Value::Array(both)
        }
        "enum" => {
            let theirs = value.as_array().cloned().unwrap_or_default();
            let both: Vec<Value> =
                existing.as_array().into_iter().flatten().filter(|option| theirs.contains(option)).cloned().collect();
            assert!(!both.is_empty(), "allOf: the enums {existing} and {value} have no value in common");
            Value::Array(both)
        }
        "minimum" | "exclusiveMinimum" | "minLength" | "minItems" => tighter(existing, value, |a, b| a >= b),
        "maximum" | "exclusiveMaximum" | "maxLength" | "maxItems" => tighter(existing, value, |a, b| a <= b),
        "items" => json!({ "allOf": [existing, value] }),
        "additionalProperties" => match (existing, value) {
            (Value::Bool(false), _) | (_, Value::Bool(false)) => Value::Bool(false),
            (Value::Bool(true), other) => other,
            (mine, Value::Bool(true)) => mine.clone(),
            (mine, theirs) => json!({ "allOf": [mine, theirs] }),
        },
        _ => panic!("allOf: two members set `{keyword}` differently ({existing} and {value}); not supported"),
    }
}

fn type_names(value: &Value) -> Vec<&str> {
    match value {
        Value::String(name) => vec![name.as_str()],
        Value::Array(names) => names.iter().filter_map(Value::as_str).collect(),
        other => panic!("`type` must be a name or a list, not {other}"),
    }
}

fn tighter(existing: &Value, value: Value, keeps_existing: impl Fn(f64, f64) -> bool) -> Value {
    let number = |bound: &Value| bound.as_f64().unwrap_or_else(|| panic!("a bound that is not a number: {bound}"));
    if keeps_existing(number(existing), number(&value)) {
        existing.clone()
    } else {
        value
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn no_refs(reference: &Value) -> &'static Value {
        panic!("no $ref expected, got {reference}")
    }

    #[test]
    fn members_are_intersected_keyword_by_keyword() {
        let map = json!({"allOf": [
            {"type": ["integer", "null"], "minimum": 3, "properties": {"a": {"type": "string"}}, "required": ["a"]},
            {"type": "number", "minimum": 5, "properties": {"a": {"minLength": 2}, "b": {}}, "required": ["b", "a"]},
        ]});
        let merged = all_of(map.as_object().unwrap(), no_refs);
        assert_eq!(merged["type"], json!(["integer"]));
        assert_eq!(merged["minimum"], json!(5));
        assert_eq!(merged["required"], json!(["a", "b"]));
        assert_eq!(merged["properties"]["a"], json!({"allOf": [{"type": "string"}, {"minLength": 2}]}));
        assert!(merged.get("allOf").is_none());
    }

    #[test]
    #[should_panic(expected = "additionalProperties judges it")]
    fn a_property_beside_a_closed_member_is_refused() {
        let map = json!({"allOf": [{"additionalProperties": false}, {"properties": {"x": {}}}]});
        all_of(map.as_object().unwrap(), no_refs);
    }

    #[test]
    #[should_panic(expected = "have no value in common")]
    fn types_without_a_common_value_are_refused() {
        let map = json!({"allOf": [{"type": "string"}, {"type": "integer"}]});
        all_of(map.as_object().unwrap(), no_refs);
    }
}
