//! Planning of long work: write batches and selection rules, the paced page loader, retries and rate-limit
//! waits, and the shape (`paced`) the app's one driver sees of each.
//!
//! Each is a state machine without a clock or a network: the browser app drives it with timers and
//! `fetch`, passing the time in; tests drive the same machines with a simulated clock and server. That is
//! what lets the pacing, the retry rules and the per-name reports be proven natively.

pub mod exemption;
pub mod load_all_size;
pub mod loader;
pub mod offboarding;
pub mod on_connect;
pub mod paced;
pub mod rate_limit;
pub mod retry;
pub mod write;
pub mod write_budget;

#[cfg(test)]
mod test_support;

pub use load_all_size::{LoadAllSize, ASK_BEYOND_PAGES, HOURLY_REQUESTS};
pub use loader::{lower_bound_ms, LoadProgress, LoaderConfig, LoaderStep, PageLoader, SeatsOfEveryPage};
pub use on_connect::{loads_every_seat_on_connect, AUTO_LOAD_MAX_SEATS};
pub use paced::{wait_ms, CurrentTries, Paced, PacedStep, LONGEST_WAIT_MS};
pub use rate_limit::{LimitPolicy, LimitReason, LimitTracker, LimitWait, WaitBasis};
pub use retry::{Attempts, RequestKind, RetryDecision, RetryPolicy, REQUEST_TIMEOUT_MS};
pub use write::{
    confirmation_matches, cost_effect, needs_typed_confirmation, plan_revocation, plan_revocation_with, reconcile,
    select_range, ActivityEntry, ActivityLog, CostEffect, JobPace, NameOutcome, NameReport, RevokeSelection,
    TeamGrantedChoice, WriteKind, WriteOutcome, WritePlan, WriteProgress, WriteReport, WriteRequest, WriteRun,
    WriteSession, WriteStep,
};
pub use write_budget::{BudgetHold, BudgetWindow, WriteBudget, CONTENT_CREATING_PER_HOUR, CONTENT_CREATING_PER_MINUTE};
