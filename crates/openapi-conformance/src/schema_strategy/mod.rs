//! A proptest [`Strategy`] that generates JSON documents valid under a JSON Schema, read from the schema
//! itself: every document it yields validates, and together they reach what the schema allows and a
//! hand-written fixture would not think of (a null where `nullable` says so, a required field alone, a
//! negative or huge integer, a property nobody declared, a leap second).
//!
//! No crate does this for proptest: `json_schema_fuzz` draws from a `rand` generator (a failing document
//! cannot be shrunk) and brings its own validator, `fake` and `rand` 0.10. Written here, it shrinks like any
//! proptest strategy, and it is checked against the validator the project already trusts
//! (`tests/schema_strategy.rs`).
//!
//! The parts: [`SchemaStrategy`] walks the schema (`$ref`, compositions, types, objects, arrays);
//! `merge` folds an `allOf` into one schema; `numbers`, `formats` and `arbitrary` make the leaves.
//!
//! It reads draft-07 JSON Schema, which is what [`crate::nullable_to_json_schema`] makes of OpenAPI 3.0.
//! A keyword it does not know (`pattern`, `not`, `uniqueItems`, …) or a format it cannot write makes it
//! panic when the strategy is built, naming the keyword: a generator that skipped a constraint would
//! yield invalid documents and make every property built on it meaningless.

mod arbitrary;
mod formats;
mod merge;
mod numbers;

use std::collections::BTreeSet;
use std::sync::Arc;

use proptest::prelude::*;
use proptest::strategy::Union;
use serde_json::{json, Map, Value};

pub use arbitrary::any_json;
use numbers::Bounds;

/// How deep the walk may nest before it stops, which only a recursive `$ref` reaches.
const MAX_DEPTH: usize = 64;
/// Items in an array without `maxItems`.
const MAX_ITEMS: usize = 8;
/// Undeclared properties added to an object that allows them.
const MAX_EXTRA_PROPERTIES: usize = 2;

/// Keywords that describe a schema without constraining its values.
const ANNOTATIONS: &[&str] = &[
    "$comment",
    "$id",
    "$schema",
    "default",
    "deprecated",
    "description",
    "discriminator",
    "example",
    "examples",
    "externalDocs",
    "readOnly",
    "title",
    "writeOnly",
    "xml",
];

/// Keywords whose constraints the generator meets.
const SUPPORTED: &[&str] = &[
    "$ref",
    "additionalProperties",
    "allOf",
    "anyOf",
    "const",
    "enum",
    "exclusiveMaximum",
    "exclusiveMinimum",
    "format",
    "items",
    "maxItems",
    "maxLength",
    "maximum",
    "minItems",
    "minLength",
    "minimum",
    "oneOf",
    "properties",
    "required",
    "type",
];

const ALL_TYPES: &[&str] = &["null", "boolean", "integer", "number", "string", "array", "object"];

/// Whether a keyword only describes (an annotation, or an `x-` extension of OpenAPI).
fn is_annotation(keyword: &str) -> bool {
    ANNOTATIONS.contains(&keyword) || keyword.starts_with("x-")
}

/// Builds strategies for schemas whose `$ref`s point into `root` (`#/components/schemas/…`).
pub struct SchemaStrategy {
    root: Value,
}

impl SchemaStrategy {
    /// `root` is the document local references resolve against; it may be `{}` for a schema without any.
    pub fn new(root: Value) -> Self {
        Self { root }
    }

    /// Documents valid under `schema`. Panics, naming the keyword, if the schema asks for something the
    /// generator does not meet.
    pub fn strategy(&self, schema: &Value) -> BoxedStrategy<Value> {
        self.build(schema, 0)
    }

    fn build(&self, schema: &Value, depth: usize) -> BoxedStrategy<Value> {
        assert!(depth < MAX_DEPTH, "the schema nests more than {MAX_DEPTH} levels deep (a recursive $ref?)");
        let map = match schema {
            Value::Bool(true) => return any_json(),
            Value::Bool(false) => panic!("no value is valid under the schema `false`"),
            Value::Object(map) => map,
            other => panic!("not a schema: {other}"),
        };
        // Draft 07 ignores the siblings of `$ref`, and so does the validator.
        if let Some(reference) = map.get("$ref") {
            return self.build(self.resolve(reference), depth + 1);
        }
        if let Some(keyword) = map.keys().find(|key| !is_annotation(key) && !SUPPORTED.contains(&key.as_str())) {
            panic!("the schema strategy does not support the keyword `{keyword}` (in {schema})");
        }
        if map.contains_key("allOf") {
            return self.build(&Value::Object(merge::all_of(map, |reference| self.resolve(reference))), depth + 1);
        }
        if map.contains_key("anyOf") {
            let branches = self.branches(map, "anyOf");
            return Union::new(branches.iter().map(|branch| self.build(branch, depth + 1))).boxed();
        }
        if map.contains_key("oneOf") {
            return self.one_of(map, depth);
        }
        self.plain(map, depth)
    }

    fn resolve(&self, reference: &Value) -> &Value {
        let pointer = reference.as_str().unwrap_or_else(|| panic!("a $ref that is not a string: {reference}"));
        let local = pointer.strip_prefix('#').unwrap_or_else(|| panic!("only local $refs are followed: {pointer}"));
        self.root.pointer(local).unwrap_or_else(|| panic!("unresolved $ref {pointer}"))
    }

    /// The alternatives of an `anyOf` or `oneOf`, each with the keywords beside it folded in.
    fn branches(&self, map: &Map<String, Value>, keyword: &str) -> Vec<Value> {
        let alternatives = map[keyword].as_array().filter(|list| !list.is_empty());
        let alternatives = alternatives.unwrap_or_else(|| panic!("`{keyword}` must be a non-empty list"));
        let mut siblings = map.clone();
        siblings.remove(keyword);
        let constrained = siblings.keys().any(|key| !is_annotation(key));
        alternatives
            .iter()
            .map(|alternative| {
                if constrained {
                    Value::Object(merge::all_of(
                        &Map::from_iter([("allOf".to_owned(), json!([Value::Object(siblings.clone()), alternative]))]),
                        |reference| self.resolve(reference),
                    ))
                } else {
                    alternative.clone()
                }
            })
            .collect()
    }

    /// A `oneOf`: each alternative's documents, less the rare one that another alternative also accepts.
    fn one_of(&self, map: &Map<String, Value>, depth: usize) -> BoxedStrategy<Value> {
        let branches = self.branches(map, "oneOf");
        let validators: Vec<Arc<jsonschema::Validator>> =
            branches.iter().map(|branch| Arc::new(self.validator(branch))).collect();
        Union::new(branches.iter().enumerate().map(|(index, branch)| {
            let others: Vec<Arc<jsonschema::Validator>> = validators
                .iter()
                .enumerate()
                .filter(|(other, _)| *other != index)
                .map(|(_, validator)| Arc::clone(validator))
                .collect();
            self.build(branch, depth + 1)
                .prop_filter("oneOf: valid under exactly one alternative", move |value| {
                    !others.iter().any(|validator| validator.is_valid(value))
                })
                .boxed()
        }))
        .boxed()
    }

    /// A validator for `schema` whose `$ref`s resolve against the root, as [`crate::validate`] builds it.
    fn validator(&self, schema: &Value) -> jsonschema::Validator {
        let mut root = match &self.root {
            Value::Object(root) => root.clone(),
            _ => Map::new(),
        };
        root.insert("$schema".into(), json!("http://json-schema.org/draft-07/schema#"));
        root.insert("allOf".into(), json!([schema]));
        jsonschema::options()
            .should_validate_formats(true)
            .build(&Value::Object(root))
            .unwrap_or_else(|err| panic!("schema does not compile: {err}"))
    }

    /// A schema without compositions: its `const` or `enum`, or a union over the types it allows.
    fn plain(&self, map: &Map<String, Value>, depth: usize) -> BoxedStrategy<Value> {
        let types = allowed_types(map);
        if let Some(constant) = map.get("const") {
            assert!(has_type(constant, &types), "`const` {constant} is not of the allowed types {types:?}");
            return Just(constant.clone()).boxed();
        }
        if let Some(options) = map.get("enum") {
            let options = options.as_array().unwrap_or_else(|| panic!("`enum` must be a list"));
            let fitting: Vec<Value> = options.iter().filter(|option| has_type(option, &types)).cloned().collect();
            assert!(!fitting.is_empty(), "no value of `enum` {options:?} is of the allowed types {types:?}");
            return proptest::sample::select(fitting).boxed();
        }
        let bounds = Bounds::from_schema(map);
        Union::new(types.iter().map(|kind| match *kind {
            "null" => Just(Value::Null).boxed(),
            "boolean" => any::<bool>().prop_map(Value::Bool).boxed(),
            "integer" => numbers::integer(&bounds, format(map)),
            "number" => numbers::number(&bounds),
            "string" => self.string(map),
            "array" => self.array(map, depth),
            "object" => self.object(map, depth),
            other => panic!("unknown type `{other}`"),
        }))
        .boxed()
    }

    fn string(&self, map: &Map<String, Value>) -> BoxedStrategy<Value> {
        let min = length(map, "minLength").unwrap_or(0);
        let max = length(map, "maxLength");
        let text = match format(map) {
            None => arbitrary::text(min, max.unwrap_or(min + 24)),
            Some(name) => {
                let formatted = formats::of_format(name).unwrap_or_else(|| {
                    panic!(
                        "the schema strategy cannot write strings of format `{name}` (it knows {:?})",
                        formats::KNOWN
                    )
                });
                if min == 0 && max.is_none() {
                    formatted
                } else {
                    formatted
                        .prop_filter("a formatted string within minLength and maxLength", move |text| {
                            let count = text.chars().count();
                            count >= min && max.is_none_or(|max| count <= max)
                        })
                        .boxed()
                }
            }
        };
        text.prop_map(Value::String).boxed()
    }

    fn array(&self, map: &Map<String, Value>, depth: usize) -> BoxedStrategy<Value> {
        let items = match map.get("items") {
            None => any_json(),
            Some(Value::Array(_)) => panic!("the schema strategy does not support tuple `items` (a list of schemas)"),
            Some(schema) => self.build(schema, depth + 1),
        };
        let min = length(map, "minItems").unwrap_or(0);
        let max = length(map, "maxItems").unwrap_or(min + MAX_ITEMS);
        assert!(min <= max, "minItems {min} is above maxItems {max}");
        proptest::collection::vec(items, min..=max).prop_map(Value::Array).boxed()
    }

    /// Every required property, the optional ones (none, all, or each by a coin), and when the schema
    /// allows them, up to [`MAX_EXTRA_PROPERTIES`] that it does not declare.
    fn object(&self, map: &Map<String, Value>, depth: usize) -> BoxedStrategy<Value> {
        let empty = Map::new();
        let properties = match map.get("properties") {
            None => &empty,
            Some(Value::Object(properties)) => properties,
            Some(other) => panic!("`properties` must be an object, not {other}"),
        };
        let required: BTreeSet<String> = match map.get("required") {
            None => BTreeSet::new(),
            Some(Value::Array(names)) => names
                .iter()
                .map(|name| name.as_str().unwrap_or_else(|| panic!("a required name that is not a string")).to_owned())
                .collect(),
            Some(other) => panic!("`required` must be a list, not {other}"),
        };
        let undeclared_values: Option<BoxedStrategy<Value>> = match map.get("additionalProperties") {
            None | Some(Value::Bool(true)) => Some(any_json()),
            Some(Value::Bool(false)) => None,
            Some(schema) => Some(self.build(schema, depth + 1)),
        };

        let mut required_fields: Vec<BoxedStrategy<(String, Value)>> = Vec::new();
        let mut optional_fields: Vec<BoxedStrategy<(String, Value)>> = Vec::new();
        for (name, schema) in properties {
            let name = name.clone();
            let is_required = required.contains(&name);
            let field = self.build(schema, depth + 1).prop_map(move |value| (name.clone(), value)).boxed();
            if is_required {
                required_fields.push(field);
            } else {
                optional_fields.push(field);
            }
        }
        // Required without a schema of its own: whatever `additionalProperties` allows.
        for name in required.iter().filter(|name| !properties.contains_key(*name)) {
            let values = undeclared_values.clone().unwrap_or_else(|| {
                panic!("`{name}` is required, not declared, and `additionalProperties` is false: nothing is valid")
            });
            let name = name.clone();
            required_fields.push(values.prop_map(move |value| (name.clone(), value)).boxed());
        }

        let declared: BTreeSet<String> = properties.keys().cloned().chain(required).collect();
        let extras = match undeclared_values {
            None => Just(Vec::new()).boxed(),
            Some(values) => proptest::collection::vec(
                (
                    arbitrary::property_name().prop_filter("an undeclared name", move |name| !declared.contains(name)),
                    values,
                ),
                0..=MAX_EXTRA_PROPERTIES,
            )
            .boxed(),
        };

        // Which optional properties an object gets: none (the required ones alone, which a coin per field
        // gives a seat 1 time in 512), all of them, or each by a coin. Three strategies rather than one
        // flag, so that no value is generated for a property that is then left out.
        let required_only = required_fields.clone().prop_map(|fields| object_of(fields, Vec::new(), Vec::new()));
        let every = (required_fields.clone(), optional_fields.clone(), extras.clone())
            .prop_map(|(fields, optional, extras)| object_of(fields, optional, extras));
        let by_coin =
            (required_fields, optional_fields.into_iter().map(proptest::option::of).collect::<Vec<_>>(), extras)
                .prop_map(|(fields, optional, extras)| {
                    object_of(fields, optional.into_iter().flatten().collect(), extras)
                });
        prop_oneof![1 => required_only, 1 => every, 4 => by_coin].boxed()
    }
}

/// An object of these fields, then the undeclared ones whose names are not already taken.
fn object_of(required: Vec<(String, Value)>, optional: Vec<(String, Value)>, extras: Vec<(String, Value)>) -> Value {
    let mut object: Map<String, Value> = required.into_iter().chain(optional).collect();
    for (name, value) in extras {
        object.entry(name).or_insert(value);
    }
    Value::Object(object)
}

/// The types a schema allows: its `type` (one name or a list), or every type when it has none.
fn allowed_types(map: &Map<String, Value>) -> Vec<&'static str> {
    let named: Vec<&str> = match map.get("type") {
        None => return ALL_TYPES.to_vec(),
        Some(Value::String(name)) => vec![name.as_str()],
        Some(Value::Array(names)) => names.iter().filter_map(Value::as_str).collect(),
        Some(other) => panic!("`type` must be a name or a list, not {other}"),
    };
    let types: Vec<&'static str> = ALL_TYPES.iter().copied().filter(|kind| named.contains(kind)).collect();
    assert!(!types.is_empty() && types.len() == named.len(), "unknown or no types in {named:?}");
    types
}

/// Whether `value` is of one of `types` (an integer is a number; a number with no fraction is an integer).
fn has_type(value: &Value, types: &[&str]) -> bool {
    types.iter().any(|kind| match (*kind, value) {
        ("null", Value::Null) | ("boolean", Value::Bool(_)) | ("string", Value::String(_)) => true,
        ("array", Value::Array(_)) | ("object", Value::Object(_)) | ("number", Value::Number(_)) => true,
        ("integer", Value::Number(number)) => {
            number.is_i64() || number.is_u64() || number.as_f64().is_some_and(|float| float.fract() == 0.0)
        }
        _ => false,
    })
}

fn format(map: &Map<String, Value>) -> Option<&str> {
    map.get("format").and_then(Value::as_str)
}

fn length(map: &Map<String, Value>, keyword: &str) -> Option<usize> {
    map.get(keyword).map(|value| {
        value
            .as_u64()
            .and_then(|count| usize::try_from(count).ok())
            .unwrap_or_else(|| panic!("`{keyword}` must be a non-negative integer, not {value}"))
    })
}
