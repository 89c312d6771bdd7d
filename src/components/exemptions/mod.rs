//! Exemptions: the logins and teams never proposed for revocation, kept for the tab (the person exports
//! the list to keep it), and in this browser's `localStorage` only once the person ticks the box, per API
//! host and organization (the key and the record are the core's `ExemptionPlace`). The panel adds and removes entries; the grid reads the list through context to
//! badge exempt seats, leave them out of its selection helpers and skip them in a revoke. Every rule and
//! word is the core's `copilot_api::plan::exemption`.

mod panel;

use std::collections::HashMap;

use chrono::NaiveDate;
use copilot_api::plan::exemption::stored::NOT_SAVED;
use copilot_api::plan::exemption::{read_back_note, ActiveExemptions, ExemptionList, ExemptionPlace, StoredList};
use leptos::prelude::*;

pub use panel::ExemptionsPanel;

/// The tab's exemption list, shared through context: it outlives connections, like the activity log.
#[derive(Clone, Copy)]
pub struct Exemptions {
    pub list: RwSignal<ExemptionList>,
    /// The host and organization connected to, whose stored list this is.
    pub place: RwSignal<Option<ExemptionPlace>>,
    /// The person ticked "Keep this list in this browser": every change is saved.
    pub kept: RwSignal<bool>,
    /// What reading the stored list found: how many entries, or why it could not be read.
    pub notice: RwSignal<Option<String>>,
    /// The lists of the other places connected to in this tab (by storage key), set aside when the person
    /// connects elsewhere: one organization's entries never apply to, nor are saved under, another's.
    set_aside: StoredValue<HashMap<String, (ExemptionList, bool)>>,
}

impl Exemptions {
    pub fn provide() -> Self {
        let exemptions = Self {
            list: RwSignal::new(ExemptionList::default()),
            place: RwSignal::new(None),
            kept: RwSignal::new(false),
            notice: RwSignal::new(None),
            set_aside: StoredValue::new(HashMap::new()),
        };
        provide_context(exemptions);
        exemptions
    }

    /// On connecting to an organization: the list is that organization's. Reconnecting to the same one keeps
    /// the tab's list (with what is kept in this browser joined to it); another one sets the current list
    /// aside for the tab and takes that organization's: the one set aside earlier in this tab, else the one
    /// kept in this browser, if the person chose to keep one. The box shows whether it is kept.
    pub fn attach(&self, place: ExemptionPlace) {
        let same_place = self.place.with_untracked(|current| current.as_ref() == Some(&place));
        if !same_place {
            self.set_current_aside();
            let earlier = self.set_aside.try_update_value(|lists| lists.remove(&place.storage_key())).flatten();
            if let Some((list, kept)) = earlier {
                self.list.set(list);
                self.kept.set(kept);
                self.notice.set(None);
                self.place.set(Some(place));
                return;
            }
            self.list.set(ExemptionList::default());
        }
        let stored = local_storage().and_then(|storage| storage.get_item(&place.storage_key()).ok().flatten());
        let found = place.read_stored(stored.as_deref());
        self.kept.set(found.is_kept());
        self.notice.set(match found {
            StoredList::Nothing => None,
            StoredList::List(list) => {
                let entries = list.entries().len();
                self.list.update(|current| {
                    current.merge(list);
                });
                Some(read_back_note(entries))
            }
            StoredList::Unreadable { notice } => Some(notice),
        });
        self.place.set(Some(place));
    }

    /// On connecting to an enterprise: no organization's list applies (its panel is an organization's), so
    /// the current one is set aside for the tab until that organization is connected to again.
    pub fn detach(&self) {
        self.set_current_aside();
        self.list.set(ExemptionList::default());
        self.kept.set(false);
        self.notice.set(None);
        self.place.set(None);
    }

    fn set_current_aside(&self) {
        let Some(current) = self.place.get_untracked() else { return };
        let list = self.list.get_untracked();
        let kept = self.kept.get_untracked();
        self.set_aside.update_value(|lists| {
            lists.insert(current.storage_key(), (list, kept));
        });
    }

    /// Changes the list, and saves it when the person chose to keep it. `None` when the list is gone
    /// (the page is being torn down).
    pub fn update<T>(&self, change: impl FnOnce(&mut ExemptionList) -> T) -> Option<T> {
        let changed = self.list.try_update(change);
        if self.kept.get_untracked() {
            self.save();
        }
        changed
    }

    /// The box: ticked, the list is saved now and on every change; unticked, the stored copy is deleted
    /// at once.
    pub fn keep(&self, keep: bool) {
        self.kept.set(keep);
        self.notice.set(None);
        if keep {
            self.save();
        } else if let (Some(storage), Some(place)) = (local_storage(), self.place.get_untracked()) {
            let _ = storage.remove_item(&place.storage_key());
        }
    }

    fn save(&self) {
        let Some(place) = self.place.get_untracked() else { return };
        if let Some(storage) = local_storage() {
            let record = self.list.with_untracked(|list| place.to_stored(list));
            // A full or refused storage only means the list is not kept; it is still in the tab.
            if storage.set_item(&place.storage_key(), &record).is_err() {
                self.notice.set(Some(NOT_SAVED.to_owned()));
            }
        }
    }

    /// The entries that apply today, tracked: a change to the list recomputes what reads it.
    pub fn active_today(&self) -> ActiveExemptions {
        self.list.with(|list| list.active_on(today()))
    }
}

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window().and_then(|window| window.local_storage().ok().flatten())
}

pub fn use_exemptions() -> Exemptions {
    use_context::<Exemptions>().unwrap_or_else(Exemptions::provide)
}

/// Today in UTC: the day an expiry is compared with (GitHub's dates are UTC days too).
pub fn today() -> NaiveDate {
    crate::clock::now_utc().date_naive()
}
