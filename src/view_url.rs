//! The view lives in the URL (everything but the token and the prices), so a link can be shared and the
//! back button works. The core's `ViewState` says what the query means; this file only reads and writes it.

use copilot_api::insight::ViewState;
use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate};
use leptos_router::NavigateOptions;

/// The router's navigate function, kept where every copy of `ViewUrl` can reach it.
type Navigate = Box<dyn Fn(&str, NavigateOptions)>;

/// The view as the URL says, and a way to change it.
#[derive(Clone, Copy)]
pub struct ViewUrl {
    pub state: Memo<ViewState>,
    navigate: StoredValue<Navigate, LocalStorage>,
    path: Memo<String>,
}

impl ViewUrl {
    /// Changes the view. `remember` adds a history entry (a filter, a tab); typing in a search box
    /// replaces the current one instead, so the back button does not step through keystrokes.
    pub fn update(&self, remember: bool, change: impl FnOnce(&mut ViewState)) {
        let mut next = self.state.get_untracked();
        change(&mut next);
        if next == self.state.get_untracked() {
            return;
        }
        let query = next.to_query_string();
        let path = self.path.get_untracked();
        let target = if query.is_empty() { path } else { format!("{path}?{query}") };
        let options = NavigateOptions { replace: !remember, scroll: false, ..NavigateOptions::default() };
        self.navigate.with_value(|navigate| navigate(&target, options));
    }
}

pub fn provide_view_url() -> ViewUrl {
    let location = use_location();
    let state = Memo::new(move |_| ViewState::from_query_string(location.search.get().trim_start_matches('?')));
    let path = Memo::new(move |_| location.pathname.get());
    let navigate = use_navigate();
    let view_url = ViewUrl { state, navigate: StoredValue::new_local(Box::new(navigate)), path };
    provide_context(view_url);
    view_url
}

pub fn use_view_url() -> ViewUrl {
    use_context::<ViewUrl>().unwrap_or_else(provide_view_url)
}
