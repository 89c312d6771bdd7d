//! Integers and numbers within a schema's bounds.
//!
//! GitHub's schemas type counts and ids as plain `integer`, with no bounds: JSON Schema then allows a
//! negative count, a value past `u64`, and one written with a zero fraction (`3.0`, `1e20`), so all of
//! them are generated, not only what a Rust integer holds. OpenAPI's `int32`/`int64` formats bound them.

use proptest::prelude::*;
use serde_json::{Map, Number, Value};

/// Past this, an integer is written as a float (serde_json holds integers up to `u64`, as GitHub's
/// answers are parsed).
const EXACT_IN_A_FLOAT: i128 = 1 << 53;
/// How far a one-sided range reaches.
const FAR: i128 = 1 << 100;

/// A lower or upper bound: the number, and whether it is excluded.
#[derive(Debug, Clone, PartialEq)]
struct Bound {
    at: Number,
    exclusive: bool,
}

/// What `minimum`, `maximum` and draft 07's numeric `exclusiveMinimum`/`exclusiveMaximum` allow.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Bounds {
    lower: Option<Bound>,
    upper: Option<Bound>,
}

impl Bounds {
    pub fn from_schema(map: &Map<String, Value>) -> Self {
        let read = |keyword: &str, exclusive: bool| -> Option<Bound> {
            match map.get(keyword)? {
                Value::Number(at) => Some(Bound { at: at.clone(), exclusive }),
                Value::Bool(_) => panic!("`{keyword}` is OpenAPI 3.0's boolean form; draft 07 wants the bound itself"),
                other => panic!("`{keyword}` must be a number, not {other}"),
            }
        };
        // Of two bounds on a side, the tighter one holds; at the same place, the exclusive one.
        let lower = match (read("minimum", false), read("exclusiveMinimum", true)) {
            (Some(inclusive), Some(exclusive)) => {
                Some(if as_f64(&exclusive.at) >= as_f64(&inclusive.at) { exclusive } else { inclusive })
            }
            (one, other) => one.or(other),
        };
        let upper = match (read("maximum", false), read("exclusiveMaximum", true)) {
            (Some(inclusive), Some(exclusive)) => {
                Some(if as_f64(&exclusive.at) <= as_f64(&inclusive.at) { exclusive } else { inclusive })
            }
            (one, other) => one.or(other),
        };
        Self { lower, upper }
    }

    /// The lowest and highest integers within, when bounded on that side.
    fn integers(&self) -> (Option<i128>, Option<i128>) {
        let lowest = self.lower.as_ref().map(|bound| match exact(&bound.at) {
            Some(at) if bound.exclusive => at + 1,
            Some(at) => at,
            None if bound.exclusive && as_f64(&bound.at).fract() == 0.0 => as_f64(&bound.at) as i128 + 1,
            None => as_f64(&bound.at).ceil() as i128,
        });
        let highest = self.upper.as_ref().map(|bound| match exact(&bound.at) {
            Some(at) if bound.exclusive => at - 1,
            Some(at) => at,
            None if bound.exclusive && as_f64(&bound.at).fract() == 0.0 => as_f64(&bound.at) as i128 - 1,
            None => as_f64(&bound.at).floor() as i128,
        });
        (lowest, highest)
    }

    fn contains(&self, value: &Number) -> bool {
        let above = self.lower.as_ref().is_none_or(|bound| match compare(value, &bound.at) {
            std::cmp::Ordering::Greater => true,
            std::cmp::Ordering::Equal => !bound.exclusive,
            std::cmp::Ordering::Less => false,
        });
        let below = self.upper.as_ref().is_none_or(|bound| match compare(value, &bound.at) {
            std::cmp::Ordering::Less => true,
            std::cmp::Ordering::Equal => !bound.exclusive,
            std::cmp::Ordering::Greater => false,
        });
        above && below
    }
}

fn exact(number: &Number) -> Option<i128> {
    number.as_i64().map(i128::from).or_else(|| number.as_u64().map(i128::from))
}

fn as_f64(number: &Number) -> f64 {
    number.as_f64().unwrap_or(f64::NAN)
}

fn compare(a: &Number, b: &Number) -> std::cmp::Ordering {
    match (exact(a), exact(b)) {
        (Some(a), Some(b)) => a.cmp(&b),
        _ => as_f64(a).total_cmp(&as_f64(b)),
    }
}

/// `number` as JSON: an integer where serde_json holds one, else a float; small ones written as a float
/// (`3.0`) when `as_float`.
fn integer_json(number: i128, as_float: bool) -> Value {
    if as_float && number.abs() <= EXACT_IN_A_FLOAT {
        return float_json(number as f64);
    }
    if let Ok(small) = i64::try_from(number) {
        return Value::from(small);
    }
    if let Ok(large) = u64::try_from(number) {
        return Value::from(large);
    }
    float_json(number as f64)
}

fn float_json(float: f64) -> Value {
    Number::from_f64(float).map(Value::Number).expect("a finite float")
}

/// Integers of any size: small ones, any `i64`, those only a `u64` holds, and those past it (as floats
/// with no fraction, up to 1.8e308), some small ones written as floats.
fn unbounded_integer() -> BoxedStrategy<Value> {
    let as_float = proptest::bool::weighted(0.1);
    prop_oneof![
        3 => ((-100i128..=100), as_float).prop_map(|(n, f)| integer_json(n, f)),
        2 => (any::<i64>(), as_float).prop_map(|(n, f)| integer_json(i128::from(n), f)),
        1 => ((i64::MAX as u64 + 1)..=u64::MAX).prop_map(Value::from),
        1 => (64i32..=1023, 1.0f64..2.0, any::<bool>()).prop_map(|(exponent, mantissa, negative)| {
            let magnitude = (mantissa * 2f64.powi(exponent)).trunc();
            float_json(if negative { -magnitude } else { magnitude })
        }),
    ]
    .boxed()
}

/// Integers within `bounds` and the range of an OpenAPI `int32`/`int64` format.
pub fn integer(bounds: &Bounds, format: Option<&str>) -> BoxedStrategy<Value> {
    let (mut lowest, mut highest) = bounds.integers();
    let width = match format {
        None => None,
        Some("int32") => Some((i128::from(i32::MIN), i128::from(i32::MAX))),
        Some("int64") => Some((i128::from(i64::MIN), i128::from(i64::MAX))),
        Some(other) => panic!("the schema strategy cannot write integers of format `{other}`"),
    };
    if let Some((min, max)) = width {
        lowest = Some(lowest.map_or(min, |lowest| lowest.max(min)));
        highest = Some(highest.map_or(max, |highest| highest.min(max)));
    }
    if lowest.is_none() && highest.is_none() {
        return unbounded_integer();
    }
    let low = lowest.unwrap_or(-FAR);
    let high = highest.unwrap_or(FAR);
    assert!(low <= high, "no integer lies within {bounds:?} and format {format:?}");
    let near_zero = (low.max(-100), high.min(100));
    let mut options: Vec<BoxedStrategy<i128>> = vec![(low..=high).boxed()];
    options.extend(lowest.map(|lowest| (lowest..=lowest.saturating_add(3).min(high)).boxed()));
    options.extend(highest.map(|highest| (highest.saturating_sub(3).max(low)..=highest).boxed()));
    if near_zero.0 <= near_zero.1 {
        options.push((near_zero.0..=near_zero.1).boxed());
    }
    let bounds = bounds.clone();
    (proptest::strategy::Union::new(options), proptest::bool::weighted(0.1))
        .prop_map(|(number, as_float)| integer_json(number, as_float))
        // A float past 2^53 rounds, possibly just outside a bound.
        .prop_filter("within the bounds", move |value| value.as_number().is_some_and(|n| bounds.contains(n)))
        .boxed()
}

/// Numbers within `bounds`: the integers among them, and finite floats.
pub fn number(bounds: &Bounds) -> BoxedStrategy<Value> {
    if *bounds == Bounds::default() {
        return prop_oneof![
            unbounded_integer(),
            any::<f64>().prop_filter("finite", |float| float.is_finite()).prop_map(float_json),
        ]
        .boxed();
    }
    let low = bounds.lower.as_ref().map_or(-1e12, |bound| as_f64(&bound.at));
    let high = bounds.upper.as_ref().map_or(1e12, |bound| as_f64(&bound.at));
    assert!(low <= high, "no number lies within {bounds:?}");
    let within = bounds.clone();
    let floats = (low..=high)
        .prop_map(float_json)
        .prop_filter("within the bounds", move |value| value.as_number().is_some_and(|n| within.contains(n)))
        .boxed();
    match bounds.integers() {
        (Some(lowest), Some(highest)) if lowest > highest => floats,
        _ => prop_oneof![floats, integer(bounds, None)].boxed(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn bounds(schema: Value) -> Bounds {
        Bounds::from_schema(schema.as_object().unwrap())
    }

    #[test]
    fn exclusive_bounds_step_inside() {
        assert_eq!(bounds(json!({"exclusiveMinimum": 3, "maximum": 7})).integers(), (Some(4), Some(7)));
        assert_eq!(bounds(json!({"minimum": 2.5, "exclusiveMaximum": 7.0})).integers(), (Some(3), Some(6)));
        assert_eq!(bounds(json!({"minimum": 3, "exclusiveMinimum": 3})).integers(), (Some(4), None));
    }

    #[test]
    fn integers_past_u64_are_written_as_floats_and_small_ones_may_be() {
        assert_eq!(integer_json(-5, false), json!(-5));
        assert_eq!(integer_json(i128::from(u64::MAX), false), json!(u64::MAX));
        assert!(integer_json(i128::from(u64::MAX) + 1, false).is_f64());
        assert_eq!(integer_json(3, true).to_string(), "3.0");
    }
}
