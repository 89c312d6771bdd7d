//! The page's clock and its timer: every read of the time and every sleep in the app goes through here.
//!
//! The core never reads a clock (`SystemTime::now()` panics on wasm32, and tests pass fixed moments): the
//! app reads it here and passes it in. Its own module so that what needs the time (the client's retries,
//! the loader, the writer, the components) does not import it from one another.

use chrono::{DateTime, Utc};

/// Milliseconds since 1970, as `Date.now()` gives them (0 for a clock set before 1970).
pub fn now_ms() -> u64 {
    js_sys::Date::now().max(0.0) as u64
}

/// Now, as the core's time functions take it (the epoch itself for a clock no date can have).
pub fn now_utc() -> DateTime<Utc> {
    copilot_api::format::utc_from_epoch_millis(js_sys::Date::now()).unwrap_or_default()
}

/// Resolves after `ms` milliseconds (at once where there is no window, e.g. in a worker).
pub async fn sleep_ms(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _reject| {
        let scheduled =
            web_sys::window().map(|window| window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms));
        if !matches!(scheduled, Some(Ok(_))) {
            let _ = resolve.call0(&wasm_bindgen::JsValue::NULL);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}
