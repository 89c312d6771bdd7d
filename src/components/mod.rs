//! The page's components. Each reads signals and renders; the logic they show lives in `copilot-api`.

pub mod billing_summary;
pub mod connect;
pub mod dashboard;
pub mod error_message;
pub mod exemptions;
pub mod manage;
pub mod member_lookup;
pub mod offboarding;
pub mod seat_grid;
pub mod seats_panel;
pub mod workspace;
