//! Readers for integers GitHub's schema types as plain `integer`, with no minimum and no maximum.
//!
//! A document with a negative count or id is valid under the description (Prism's dynamic mode sends
//! them), so such a value must not fail the seat, the page or the summary: it degrades that one field.
//! JSON Schema also counts a number with a zero fraction as an integer (`3.0`, `1e3`), and serde_json
//! reads those as floats: they are read as the whole number they are.

use serde::{Deserialize, Deserializer};

/// 2^64, the first whole number past `u64::MAX`, exactly as a float.
const PAST_U64: f64 = 18_446_744_073_709_551_616.0;

/// The whole number in `0..=u64::MAX` that `number` is, however it was written.
fn whole(number: &serde_json::Number) -> Option<u64> {
    number.as_u64().or_else(|| {
        let float = number.as_f64()?;
        // Within the range and without a fraction, the conversion is exact.
        (float.fract() == 0.0 && (0.0..PAST_U64).contains(&float)).then_some(float as u64)
    })
}

/// A count: `None` ("not reported") when it is negative or beyond `u64`.
pub fn count<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<u64>, D::Error> {
    let number = Option::<serde_json::Number>::deserialize(deserializer)?;
    Ok(number.as_ref().and_then(whole))
}

/// A required count (a write's answer): 0 when it is negative or beyond `u64`, as no seat can be
/// counted from it.
pub fn required_count<'de, D: Deserializer<'de>>(deserializer: D) -> Result<u64, D::Error> {
    let number = serde_json::Number::deserialize(deserializer)?;
    Ok(whole(&number).unwrap_or(0))
}

/// An id: 0 when it is negative or beyond `u64`. GitHub never gives 0, and the grid already treats an id
/// of 0 as "no id" and keys that user by login.
pub fn id<'de, D: Deserializer<'de>>(deserializer: D) -> Result<u64, D::Error> {
    required_count(deserializer)
}
