//! What the page's own Content-Security-Policy lets it reach, read from the `<meta http-equiv>` the build
//! wrote into index.html, for the core to judge an API address by before anything is sent (see
//! `copilot_api::content_policy`).

use copilot_api::content_policy::ConnectSources;
use copilot_api::{ApiBase, ApiError};

/// `Err` with what to do when the page's policy would refuse requests under `base`. A policy the page
/// cannot read (one sent only as a header by the host) is not judged here: the browser still enforces it.
pub fn check_reachable(base: &ApiBase) -> Result<(), ApiError> {
    let Some(window) = web_sys::window() else { return Ok(()) };
    let policy = window
        .document()
        .and_then(|document| document.query_selector("meta[http-equiv='Content-Security-Policy']").ok().flatten())
        .and_then(|meta| meta.get_attribute("content"));
    let (Some(sources), Ok(page_origin)) =
        (policy.as_deref().and_then(ConnectSources::from_policy), window.location().origin())
    else {
        return Ok(());
    };
    if sources.allows(base, &page_origin) {
        Ok(())
    } else {
        Err(ApiError::RefusedByPagePolicy { origin: base.origin().to_owned() })
    }
}
