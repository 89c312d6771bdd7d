//! The Copilot seat admin app: Leptos components over the pure `copilot-api` core.

pub mod app;
