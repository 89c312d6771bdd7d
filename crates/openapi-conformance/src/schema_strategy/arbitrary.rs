//! What a schema leaves open: any JSON value (`{}`, an undeclared property), free text, property names.

use proptest::prelude::*;
use serde_json::{Map, Value};

use super::numbers;

/// Free text of `min..=max` characters: any Unicode (controls, quotes, emoji) or plain lower case.
pub fn text(min: usize, max: usize) -> BoxedStrategy<String> {
    assert!(min <= max, "minLength {min} is above maxLength {max}");
    prop_oneof![
        proptest::collection::vec(any::<char>(), min..=max).prop_map(String::from_iter),
        proptest::collection::vec(proptest::char::range('a', 'z'), min..=max).prop_map(String::from_iter),
    ]
    .boxed()
}

/// Strings matching `regex`, compiled once (a `&str` used as a strategy compiles its regex again for
/// every value, which made a seat page take milliseconds).
pub fn pattern(regex: &str) -> BoxedStrategy<String> {
    proptest::string::string_regex(regex).unwrap_or_else(|err| panic!("the pattern {regex}: {err}")).boxed()
}

/// A property name: one that looks like GitHub's, or any text.
pub fn property_name() -> BoxedStrategy<String> {
    prop_oneof![2 => pattern("[a-z][a-z_]{0,15}"), 1 => text(0, 12)].boxed()
}

/// Any JSON value, nested up to three levels. Built level by level once, rather than with
/// `prop_recursive`, which builds its strategies again for every value (most of a seat page's time).
pub fn any_json() -> BoxedStrategy<Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        numbers::number(&numbers::Bounds::default()),
        text(0, 12).prop_map(Value::String),
    ]
    .boxed();
    let mut nested = leaf.clone();
    for _ in 0..3 {
        let inner = nested;
        nested = prop_oneof![
            3 => leaf.clone(),
            1 => proptest::collection::vec(inner.clone(), 0..=3).prop_map(Value::Array),
            1 => proptest::collection::vec((property_name(), inner), 0..=3)
                .prop_map(|pairs| Value::Object(pairs.into_iter().collect::<Map<String, Value>>())),
        ]
        .boxed();
    }
    nested
}
