//! Readers for integers GitHub's schema types as plain `integer`, with no minimum and no maximum.
//!
//! A document with a negative count or id is valid under the description (Prism's dynamic mode sends
//! them), so such a value must not fail the seat, the page or the summary: it degrades that one field.

use serde::{Deserialize, Deserializer};

/// A count: `None` ("not reported") when it is negative or beyond `u64`.
pub fn count<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<u64>, D::Error> {
    let number = Option::<serde_json::Number>::deserialize(deserializer)?;
    Ok(number.and_then(|number| number.as_u64()))
}

/// A required count (a write's answer): 0 when it is negative or beyond `u64`, as no seat can be
/// counted from it.
pub fn required_count<'de, D: Deserializer<'de>>(deserializer: D) -> Result<u64, D::Error> {
    let number = serde_json::Number::deserialize(deserializer)?;
    Ok(number.as_u64().unwrap_or(0))
}

/// An id: 0 when it is negative or beyond `u64`. GitHub never gives 0, and the grid already treats an id
/// of 0 as "no id" and keys that user by login.
pub fn id<'de, D: Deserializer<'de>>(deserializer: D) -> Result<u64, D::Error> {
    required_count(deserializer)
}
