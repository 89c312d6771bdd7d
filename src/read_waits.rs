//! The rate-limit waits of single reads (the billing summary, one page of seats, a member's seat), which
//! `Client::call` waits out on its own. The page loader and the write run show their own waits; these
//! would otherwise leave "Reading…" on the screen for up to an hour with no word about why.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use copilot_api::plan::LimitWait;
use leptos::prelude::*;

/// The waits reads of one connection are holding now (every clone of its client shares them).
#[derive(Clone)]
pub struct ReadWaits {
    waits: ArcRwSignal<Vec<(u64, LimitWait)>>,
    next_id: Arc<AtomicU64>,
}

impl Default for ReadWaits {
    fn default() -> Self {
        Self { waits: ArcRwSignal::new(Vec::new()), next_id: Arc::default() }
    }
}

impl ReadWaits {
    /// Shows `wait` until the returned guard is dropped: when the wait is over, or when the read is
    /// abandoned (its future dropped, as when the person disconnects).
    pub fn hold(&self, wait: LimitWait) -> HeldWait {
        let id = self.next_id.fetch_add(1, Ordering::Relaxed);
        self.waits.try_update(|waits| waits.push((id, wait)));
        HeldWait { waits: self.waits.clone(), id }
    }

    /// The wait that ends last, if any read is waiting: what the page shows.
    pub fn longest(&self) -> Option<LimitWait> {
        self.waits.try_with(|waits| waits.iter().map(|(_, wait)| *wait).max_by_key(|wait| wait.until_ms)).flatten()
    }
}

/// One read's wait, shown while this lives.
pub struct HeldWait {
    waits: ArcRwSignal<Vec<(u64, LimitWait)>>,
    id: u64,
}

impl Drop for HeldWait {
    fn drop(&mut self) {
        let id = self.id;
        self.waits.try_update(|waits| waits.retain(|(held, _)| *held != id));
    }
}
