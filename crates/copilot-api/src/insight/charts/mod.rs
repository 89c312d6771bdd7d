//! The dashboard above the seat grid: tiles and bar charts of the seats the grid shows (its filters,
//! threshold and grace period apply, and the figures grow as "Load all seats" brings pages in), computed
//! from the grid's [`SeatIndex`](crate::insight::SeatIndex) and [`GridView`](crate::insight::GridView). The
//! component draws them as SVG and renders; every word and number is here.
//!
//! The set each figure covers: the view's rows, the seats the grid lists ([`set_sentence`] says so beside
//! the coverage note, which says which seats are loaded). Every chart but adoption has bars that add up
//! to that set; adoption shows the ten highest and ten lowest groups of it and says so in its caption, and
//! status counts the set with the status filter lifted (so that another status can be picked), and says so.
//!
//! One file a part:
//! - `chart`: a bar chart as data ([`BarChart`], [`Bar`]), its hover text, its table, and what a click on
//!   a bar does to the grid ([`BarFilter`]);
//! - `tiles`: seats, active share, idle users (people, billed once) and their monthly cost, never used,
//!   pending cancellation, new this calendar month (since the first of the month, UTC: the billing cycle
//!   is not known), and [`set_sentence`];
//! - `activity`: days since last activity (0–7, 8–30, 31–60, 61–90, over 90, never), stacked by plan;
//!   axis "Days since last activity" against "Seats";
//! - `status`: seats by status, the status filter aside, with the idle ones' monthly cost; "Status"
//!   against "Seats";
//! - `editors`: the editors last used (parsed from `last_activity_editor`) and their share, the eight
//!   most used a bar each; "Editor" against "Seats";
//! - `months`: seats added per month (`created_at`, UTC), split into active now and not; "Month added
//!   (UTC)" against "Seats";
//! - `adoption`: active share per granting team, and per organization for an enterprise; "Granted by" or
//!   "Organization" against "Seats";
//! - `tally`: the one pass over the rows that every tile and chart reads;
//! - `pace`: while "Load all seats" runs, how often the dashboard takes the grid's new seats
//!   ([`DashboardPace`]), and the sentence that says it lags ([`counting_sentence`]);
//! - `dashboard`: all of them for one view, in page order.

mod activity;
mod adoption;
mod chart;
mod dashboard;
mod editors;
mod months;
mod pace;
mod status;
mod tally;
mod tiles;

pub use activity::activity_chart;
pub use adoption::{adoption_chart, Grouping, ADOPTION_ENDS};
pub use chart::{Bar, BarChart, BarFilter};
pub use dashboard::{dashboard, Dashboard};
pub use editors::{editor_chart, EDITOR_BARS};
pub use months::{months_chart, MONTH_BARS};
pub use pace::{counting_sentence, Catch, DashboardPace, DASHBOARD_EVERY_MS_WHILE_LOADING};
pub use status::status_chart;
pub use tally::Tally;
pub use tiles::{set_sentence, tiles, Tile};
