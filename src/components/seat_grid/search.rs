//! The login search box's pacing: typing fast recomputes the grid at most once per window. The first
//! keystroke applies at once (a single keystroke is never delayed); the ones that follow within the window
//! are folded into one update at its end.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use leptos::prelude::*;

use crate::view_url::ViewUrl;

const SEARCH_DEBOUNCE_MS: u64 = 120;

#[derive(Clone)]
pub(super) struct SearchDebounce {
    view_url: ViewUrl,
    /// The latest text not applied yet, when a trailing update is scheduled.
    waiting: Rc<RefCell<Option<String>>>,
    window_ends_ms: Rc<Cell<u64>>,
}

impl SearchDebounce {
    pub(super) fn new(view_url: ViewUrl) -> Self {
        Self { view_url, waiting: Default::default(), window_ends_ms: Default::default() }
    }

    pub(super) fn type_text(&self, text: String) {
        let now = crate::clock::now_ms();
        let scheduled = self.waiting.borrow().is_some();
        if !scheduled && now >= self.window_ends_ms.get() {
            self.apply(text, now);
            return;
        }
        *self.waiting.borrow_mut() = Some(text);
        if !scheduled {
            let this = self.clone();
            let delay = self.window_ends_ms.get().saturating_sub(now);
            set_timeout(
                move || {
                    let latest = this.waiting.borrow_mut().take();
                    if let Some(text) = latest {
                        this.apply(text, crate::clock::now_ms());
                    }
                },
                std::time::Duration::from_millis(delay),
            );
        }
    }

    fn apply(&self, text: String, now: u64) {
        self.window_ends_ms.set(now + SEARCH_DEBOUNCE_MS);
        // Replaces the history entry: the back button does not step through keystrokes.
        self.view_url.update(false, move |s| s.grid.search = text);
    }
}
