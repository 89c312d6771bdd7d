//! The seat grid, headless: `grid_view(index, state, prices, now)` turns the loaded seats and what the person
//! chose (sort, filters, search, threshold) into the row order to render, the counters and the idle cost.
//! The component wraps it in one `Memo` and renders; it computes nothing itself.
//!
//! It runs on every keystroke over up to 100,000 seats in the browser, so everything that does not depend
//! on the state is computed once in [`SeatIndex`] (lowercase login, parsed editor, epoch seconds, the rank
//! of every text column), and a view is a pass of integer comparisons returning indices, never clones.
//!
//! One file a part: `state` (what the person chose), `filter` (the four menus and their keys), `index`
//! (the seats prepared once, with the interner), `view` (the pass that gives rows, counts and cost),
//! `order` (the sort, and every seat sorted once per sort so that a filter's change does not sort again),
//! `sentences` (what the grid says in words), `paging` (one page of the rows) and `viewport` (the rows of
//! the virtualized table in the DOM).

mod filter;
mod index;
mod order;
mod paging;
mod sentences;
mod state;
mod view;
mod viewport;

#[cfg(test)]
pub(crate) mod test_support;

pub use filter::{editor_from_key, organization_from_key, plan_from_key, FilterMenu, MenuItem, ANY_CHOICE};
pub use index::{plan_label, FilterOption, FilterOptions, GrantingTeam, SeatIndex, SeatRow, GHOST_LOGIN};
pub use order::SortedSeats;
pub use paging::{page_of, GridPage, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, PAGE_SIZES};
pub use sentences::{include_signed_in_label, select_idle_label, select_matching_label, selected_label};
pub use state::{aria_sort, sort_after_click, Column, GridState, SortDirection, StatusSet, TeamFilter};
pub use view::{grid_view, grid_view_in_order, statuses_at, GridView, StatusCounts};
pub use viewport::{visible_range, OVERSCAN, ROW_HEIGHT, VIEWPORT_HEIGHT};
