//! The Copilot seat admin app: Leptos components over the pure `copilot-api` core.

pub mod app;
pub mod bench_probe;
pub mod client;
pub mod clock;
pub mod components;
pub mod crash;
pub mod demo;
pub mod download;
pub mod framing;
pub mod lazy_part;
pub mod loading;
pub mod paced;
pub mod page_origin;
pub mod page_policy;
pub mod parts;
pub mod read_file;
pub mod read_waits;
pub mod session;
pub mod transport;
pub mod view_url;
pub mod writing;
