//! Where the page is served from, read once from `location.hostname` for the core to judge (see
//! `copilot_api::shared_origin`).

use copilot_api::shared_origin::SharedOrigin;

/// The shared origin this page runs on, if it does (a GitHub Pages `OWNER.github.io` address).
pub fn shared_origin() -> Option<SharedOrigin> {
    let hostname = web_sys::window().and_then(|window| window.location().hostname().ok())?;
    SharedOrigin::of(&hostname)
}
