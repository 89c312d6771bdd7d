//! When the dashboard catches up with the grid while "Load all seats" brings pages in.
//!
//! The grid shows the seats so far every half second; re-drawing the tiles and six charts each time made
//! about 4,200 DOM changes in a 10,000-seat load, and the dashboard cost that load about a fifth of its
//! main thread's CPU time (README, "Benchmarks"). So while seats are still arriving the dashboard takes
//! the grid's new seats at most every [`DASHBOARD_EVERY_MS_WHILE_LOADING`], and says that it lags and by
//! how much; anything else (a filter, the threshold, the load ending or stopping) it follows at once.

use crate::format::{count, plural};

/// While a load runs, the dashboard takes the grid's new seats at most this often.
pub const DASHBOARD_EVERY_MS_WHILE_LOADING: u64 = 2_000;

/// When the dashboard last took the grid's view, to decide when it takes the next.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DashboardPace {
    last_taken_ms: Option<u64>,
}

/// What the dashboard does with a change of the grid's view.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Catch {
    /// Take the grid's view now.
    Now,
    /// Keep what it shows, and take the grid's latest view at this time (milliseconds, the caller's clock).
    At(u64),
}

impl DashboardPace {
    /// The grid's view changed. `loading`: a load of every seat is still running; `only_more_seats`: the
    /// change is seats that arrived, under the same filters and threshold the dashboard shows.
    pub fn on_grid_change(&self, loading: bool, only_more_seats: bool, now_ms: u64) -> Catch {
        match self.last_taken_ms {
            Some(last) if loading && only_more_seats => {
                let due = last.saturating_add(DASHBOARD_EVERY_MS_WHILE_LOADING);
                if now_ms >= due {
                    Catch::Now
                } else {
                    Catch::At(due)
                }
            }
            _ => Catch::Now,
        }
    }

    /// The dashboard took the grid's view at `now_ms`.
    pub fn taken(&mut self, now_ms: u64) {
        self.last_taken_ms = Some(now_ms);
    }
}

/// The dashboard's set sentence while it lags the grid: which seats its figures are of, and how many the
/// grid has by now. `None` when it shows the seats the grid does (then the dashboard's own set sentence
/// says which set it covers).
pub fn counting_sentence(shown_rows: usize, shown_loaded: usize, filtered: bool, grid_loaded: usize) -> Option<String> {
    if grid_loaded <= shown_loaded {
        return None;
    }
    let set = if filtered {
        format!(
            "the {} the grid's filters leave of the first {} loaded",
            plural(shown_rows, "seat", "seats"),
            count(shown_loaded)
        )
    } else {
        format!("the first {} loaded", plural(shown_loaded, "seat", "seats"))
    };
    Some(format!(
        "Still counting: the tiles and charts cover {set}; the grid has {} so far. They catch up every {} s while seats arrive, and once the load ends.",
        count(grid_loaded),
        DASHBOARD_EVERY_MS_WHILE_LOADING / 1000
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    const EVERY: u64 = DASHBOARD_EVERY_MS_WHILE_LOADING;

    #[test]
    fn the_first_view_is_taken_at_once_even_while_loading() {
        assert_eq!(DashboardPace::default().on_grid_change(true, true, 5), Catch::Now);
    }

    #[test]
    fn while_loading_new_seats_wait_until_the_interval_since_the_last_take_is_over() {
        let mut pace = DashboardPace::default();
        pace.taken(1_000);
        assert_eq!(pace.on_grid_change(true, true, 1_500), Catch::At(1_000 + EVERY));
        assert_eq!(pace.on_grid_change(true, true, 1_000 + EVERY - 1), Catch::At(1_000 + EVERY));
        assert_eq!(pace.on_grid_change(true, true, 1_000 + EVERY), Catch::Now);
        pace.taken(1_000 + EVERY);
        assert_eq!(pace.on_grid_change(true, true, 1_001 + EVERY), Catch::At(1_000 + 2 * EVERY));
    }

    #[test]
    fn the_end_of_the_load_a_filter_or_the_threshold_are_followed_at_once() {
        let mut pace = DashboardPace::default();
        pace.taken(1_000);
        // The load ended (or was stopped): every seat so far, now.
        assert_eq!(pace.on_grid_change(false, true, 1_001), Catch::Now);
        // A filter or the threshold changed while seats are still arriving.
        assert_eq!(pace.on_grid_change(true, false, 1_001), Catch::Now);
    }

    #[test]
    fn a_dashboard_that_lags_says_of_which_seats_and_how_many_the_grid_has() {
        assert_eq!(
            counting_sentence(3_400, 3_400, false, 6_200).as_deref(),
            Some("Still counting: the tiles and charts cover the first 3,400 seats loaded; the grid has 6,200 so far. They catch up every 2 s while seats arrive, and once the load ends.")
        );
        assert_eq!(
            counting_sentence(1, 1_100, true, 2_000).as_deref(),
            Some("Still counting: the tiles and charts cover the 1 seat the grid's filters leave of the first 1,100 loaded; the grid has 2,000 so far. They catch up every 2 s while seats arrive, and once the load ends.")
        );
    }

    #[test]
    fn a_dashboard_level_with_the_grid_has_no_counting_sentence() {
        assert_eq!(counting_sentence(10_000, 10_000, false, 10_000), None);
        assert_eq!(counting_sentence(5, 10_000, true, 10_000), None);
    }
}
