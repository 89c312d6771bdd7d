//! Read-side analytics of a seat list: status, editors, costs, the grid view, exports and URL view state.
//!
//! Everything here is a pure function of the loaded seats, what the person chose, and `now` (passed in:
//! the browser's clock, or a fixed moment in tests). The seat grid wraps [`grid_view`] in one `Memo`.
//!
//! ## Usage
//!
//! ```
//! use copilot_api::format::utc_from_epoch_millis;
//! use copilot_api::insight::{grid_view, GridState, SeatIndex, SeatPrices, SeatStatus};
//!
//! let page = r#"[{"created_at": "2024-01-01T00:00:00Z", "assignee": {"login": "mona", "id": 1}}]"#;
//! let seats: Vec<copilot_api::Seat> = serde_json::from_str(page).expect("seats");
//! let now = utc_from_epoch_millis(1_719_748_800_000.0).expect("a moment"); // js_sys::Date::now()
//!
//! let index = SeatIndex::new(&seats, None); // once, when the seats are loaded
//! let view = grid_view(&index, &GridState::default(), &SeatPrices::default(), now); // on every change
//! assert_eq!(view.rows, [0]);
//! assert_eq!(view.total_counts.get(SeatStatus::NeverUsed), 1);
//! assert_eq!(view.idle_cost.total_cents(), 1900);
//! ```

pub mod activity_age;
pub mod billing;
pub mod chargeback;
pub mod charts;
pub mod cost;
pub mod coverage;
pub mod editor;
pub mod enterprise;
pub mod export;
pub mod grants;
pub mod grid;
pub mod history_writes;
pub mod load_sentences;
pub mod lookup;
pub mod review;
pub mod seat_card;
pub mod status;
pub mod view_state;

pub use activity_age::ActivityAge;
pub use cost::{effective_plan, parse_price_cents, IdleSeatCost, PriceError, SeatPrices};
pub use coverage::SeatCoverage;
pub use editor::EditorInfo;
pub use enterprise::{enterprise_summary, EnterpriseSummary, OrganizationShare};
pub use export::{
    export_file_name, Coverage, ExportChoice, ExportContext, ExportError, ExportFormat, ExportMeta, ExportRow,
};
pub use grid::{
    grid_view, page_of, sort_after_click, Column, FilterMenu, FilterOption, FilterOptions, GridPage, GridState,
    GridView, MenuItem, SeatIndex, SeatRow, SortDirection, StatusCounts, StatusSet, TeamFilter, ANY_CHOICE,
};
pub use lookup::MemberLookup;
pub use seat_card::{seat_card, CardLine};
pub use status::{
    idle_days, parse_grace_days, parse_threshold_days, seat_status, GraceError, SeatStatus, StatusRules,
    ThresholdError, THRESHOLD_PRESETS,
};
pub use view_state::{query_value, HostChoice, ViewState, ViewTab};
