//! The seats a grid shows, indexed once: what one load hands to the grid, told apart from the next load by
//! its generation. (The core's `plan::SeatsOfEveryPage` is what a load of every page hands over, before
//! indexing.)

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use copilot_api::insight::SeatIndex;
use copilot_api::{PlanType, Seat};

/// The seats loaded, with the grid's index of them and what the grid needs to know about where they came
/// from.
#[derive(Clone)]
pub struct IndexedSeats {
    pub seats: Arc<Vec<Seat>>,
    pub index: Arc<SeatIndex>,
    /// Tells one load from the next: row keys include it, so row 0 of page 2 is never mistaken for row 0
    /// of page 1.
    pub generation: u64,
    /// The organization's plan (its billing summary), for seats that do not say theirs.
    pub organization_plan: Option<PlanType>,
}

impl IndexedSeats {
    pub fn new(seats: Vec<Seat>, organization_plan: Option<PlanType>) -> Self {
        Self::indexed(Arc::new(seats), organization_plan)
    }

    /// The same seats for this organization plan: the index is rebuilt only when the plan differs (the
    /// billing summary may come after the seats).
    pub fn for_plan(&self, organization_plan: Option<PlanType>) -> Self {
        if organization_plan == self.organization_plan {
            self.clone()
        } else {
            Self::indexed(Arc::clone(&self.seats), organization_plan)
        }
    }

    fn indexed(seats: Arc<Vec<Seat>>, organization_plan: Option<PlanType>) -> Self {
        static GENERATION: AtomicU64 = AtomicU64::new(0);
        let index = SeatIndex::new(&seats, organization_plan);
        let generation = GENERATION.fetch_add(1, Ordering::Relaxed);
        Self { seats, index: Arc::new(index), generation, organization_plan }
    }

    /// The logins of these rows (seats of deleted accounts have none and cannot be selected).
    pub fn logins_of(&self, rows: impl IntoIterator<Item = usize>) -> Vec<String> {
        self.login_refs(rows).map(str::to_owned).collect()
    }

    /// The same logins, borrowed: for checks that run often and keep nothing.
    pub fn login_refs<'a>(&'a self, rows: impl IntoIterator<Item = usize> + 'a) -> impl Iterator<Item = &'a str> {
        rows.into_iter().filter_map(|index| self.seats.get(index).and_then(Seat::login))
    }
}

impl PartialEq for IndexedSeats {
    fn eq(&self, other: &Self) -> bool {
        self.generation == other.generation
    }
}
