//! What the sandbox generates: how many seats, organizations and teams, the seed, the rate limit. Its own
//! module because both the generator (`generate`) and the state it builds (`state`, which keeps the
//! options for `POST /_sandbox/reset`) read it: in either, the other would import from it in a circle.

use crate::limits::DEFAULT_PRIMARY_LIMIT;

/// What to generate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GenerateOptions {
    /// Seats in `acme` (exactly).
    pub seats: usize,
    /// Organizations: `acme`, then `acme-2` … `acme-K`.
    pub orgs: usize,
    /// Teams in `acme`; the other organizations get at most 4.
    pub teams: usize,
    pub seed: u64,
    /// The primary rate limit per token and hour.
    pub rate_limit: u32,
}

impl Default for GenerateOptions {
    fn default() -> Self {
        Self { seats: 250, orgs: 1, teams: 8, seed: 1, rate_limit: DEFAULT_PRIMARY_LIMIT }
    }
}
