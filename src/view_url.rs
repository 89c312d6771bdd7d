//! The view lives in the URL (everything but the token and the prices), so a link can be shared and the
//! back button works. The core's `ViewState` says what the query means; this file only reads and writes it,
//! through the browser's History API (a router would bring URL parsing and matching the app does not need:
//! every path shows the same app).

use copilot_api::insight::history_writes::UnwrittenHistory;
use copilot_api::insight::ViewState;
use leptos::prelude::*;
use wasm_bindgen::JsValue;

/// The view as the URL says, and a way to change it.
#[derive(Clone, Copy)]
pub struct ViewUrl {
    pub state: Memo<ViewState>,
    /// The query string without its `?`: set by `update`, and by the back and forward buttons.
    search: RwSignal<String>,
    /// The address bar's writes waiting for the frame (the core's `history_writes`).
    unwritten: StoredValue<UnwrittenHistory>,
}

impl ViewUrl {
    /// Changes the view. `remember` adds a history entry (a filter, a tab); typing in a search box
    /// replaces the current one instead, so the back button does not step through keystrokes.
    ///
    /// The view follows at once; the address bar after the frame that shows it: a History API call takes
    /// a few milliseconds in Chromium, a tenth of an interaction's budget at 100,000 seats. The writes are
    /// made in order, so the history is the same. (Only a back or forward press within that frame, tens
    /// of milliseconds after a change, finds the change's entry not written yet.)
    pub fn update(&self, remember: bool, change: impl FnOnce(&mut ViewState)) {
        let mut next = self.state.get_untracked();
        change(&mut next);
        if next == self.state.get_untracked() {
            return;
        }
        let query = next.to_query_string();
        let first =
            self.unwritten.try_update_value(|unwritten| unwritten.add(query.clone(), remember)).unwrap_or(false);
        if first {
            let unwritten = self.unwritten;
            // The frame's callbacks run before it is laid out and painted; the timeout's task after.
            request_animation_frame(move || {
                set_timeout(
                    move || {
                        // `try_`: the page may have been left meanwhile.
                        for write in unwritten.try_update_value(UnwrittenHistory::take).unwrap_or_default() {
                            write_history(&write.query, write.new_entry);
                        }
                    },
                    std::time::Duration::ZERO,
                )
            });
        }
        self.search.set(query);
    }
}

/// The page's query string, without its `?`.
pub fn current_query() -> String {
    let search = web_sys::window().and_then(|window| window.location().search().ok()).unwrap_or_default();
    search.trim_start_matches('?').to_owned()
}

/// Puts the query in the address bar, on a new history entry or in place of the current one. The view
/// follows the signal, so a browser that refuses (a sandboxed frame) only loses the shareable link.
fn write_history(query: &str, remember: bool) {
    let Some(window) = web_sys::window() else { return };
    let Ok(path) = window.location().pathname() else { return };
    let target = if query.is_empty() { path } else { format!("{path}?{query}") };
    if let Ok(history) = window.history() {
        let _ = if remember {
            history.push_state_with_url(&JsValue::NULL, "", Some(&target))
        } else {
            history.replace_state_with_url(&JsValue::NULL, "", Some(&target))
        };
    }
}

pub fn provide_view_url() -> ViewUrl {
    let search = RwSignal::new(current_query());
    let unwritten = StoredValue::new(UnwrittenHistory::default());
    // Back and forward change the address without telling anyone else; a change not written yet is
    // dropped, as the person has moved elsewhere in the history.
    let listener = window_event_listener(leptos::ev::popstate, move |_| {
        unwritten.update_value(UnwrittenHistory::clear);
        search.set(current_query());
    });
    on_cleanup(move || listener.remove());
    let state = Memo::new(move |_| search.with(|query| ViewState::from_query_string(query)));
    let view_url = ViewUrl { state, search, unwritten };
    provide_context(view_url);
    view_url
}

pub fn use_view_url() -> ViewUrl {
    use_context::<ViewUrl>().unwrap_or_else(provide_view_url)
}
