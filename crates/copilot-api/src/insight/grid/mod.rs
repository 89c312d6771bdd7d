//! The seat grid, headless: `grid_view(index, state, prices, now)` turns the loaded seats and what the person
//! chose (sort, filters, search, threshold) into the row order to render, the counters and the idle cost.
//! The component wraps it in one `Memo` and renders; it computes nothing itself.
//!
//! It runs on every keystroke over up to 100,000 seats in the browser, so everything that does not depend
//! on the state is computed once in [`SeatIndex`] (lowercase login, parsed editor, epoch seconds, the rank
//! of every text column), and a view is a pass of integer comparisons returning indices, never clones.
//!
//! One file a part: `state` (what the person chose), `index` (the seats prepared once, with the
//! interner), `view` (the pass that gives rows, counts and cost) and `paging` (one page of the rows).

mod index;
mod paging;
mod state;
mod view;

#[cfg(test)]
mod test_support;

pub use index::{plan_label, FilterOption, FilterOptions, GrantingTeam, SeatIndex, SeatRow, GHOST_LOGIN};
pub use paging::{page_of, GridPage, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, PAGE_SIZES};
pub use state::{sort_after_click, Column, GridState, SortDirection, StatusSet, TeamFilter};
pub use view::{grid_view, GridView, StatusCounts};
