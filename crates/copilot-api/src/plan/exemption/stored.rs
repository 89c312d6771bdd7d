//! Stored: the exemption list kept in this browser (`localStorage`), only after the person ticks the box,
//! one record per API host and organization. The record is the JSON file the person exports (one format
//! to read and to keep right), wrapped with the host and organization it belongs to, so that a value found
//! under the key but written for another place, by another version or by hand, is set aside with a notice
//! rather than trusted. The list holds no token; it is still stored only when asked.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::file::{read_exemptions, ExemptionFormat};
use super::list::ExemptionList;
use crate::format::plural;
use crate::ApiBase;

/// The box that keeps the list in this browser.
pub const KEEP_LABEL: &str = "Keep this list in this browser (localStorage)";
/// What the box means, beside it.
pub const KEEP_HINT: &str = "Off by default. Ticked, the list is saved in this browser for this API host and \
organization and read back on your next visit; unticked, the saved copy is deleted at once.";

/// When the browser refuses to store the list (full, or storage switched off).
pub const NOT_SAVED: &str =
    "This browser refused to store the list (its storage is full or switched off): it is kept in this tab only.";

/// The prefix of every key this part writes.
const KEY_PREFIX: &str = "copilot-seats.exemptions";

/// Where a list is kept: the API host and the organization (compared without case, as GitHub's names are).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExemptionPlace {
    pub base: ApiBase,
    pub org: String,
}

impl ExemptionPlace {
    pub fn new(base: ApiBase, org: &str) -> Self {
        Self { base, org: org.to_owned() }
    }

    /// The `localStorage` key of this place's list: one per host and organization.
    pub fn storage_key(&self) -> String {
        format!("{KEY_PREFIX} {} {}", self.base.as_str(), self.org.to_ascii_lowercase())
    }

    /// The record to store: the host, the organization and the list as its JSON file.
    pub fn to_stored(&self, list: &ExemptionList) -> String {
        let file = serde_json::from_str(&ExemptionFormat::Json.write(list)).unwrap_or(Value::Null);
        let record = Record { base: self.base.as_str().to_owned(), org: self.org.to_ascii_lowercase(), list: file };
        // Two strings and a JSON value always serialise.
        serde_json::to_string(&record).unwrap_or_default()
    }

    /// What is stored under this place's key (`None`: nothing is).
    pub fn read_stored(&self, raw: Option<&str>) -> StoredList {
        let Some(raw) = raw else { return StoredList::Nothing };
        let record: Option<Record> = serde_json::from_str(raw).ok();
        let Some(record) = record else { return StoredList::unreadable(&self.org, "it is not a list this app wrote") };
        if record.base != self.base.as_str() || !record.org.eq_ignore_ascii_case(&self.org) {
            return StoredList::unreadable(&self.org, "it was written for another host or organization");
        }
        match read_exemptions(&record.list.to_string()) {
            Ok(list) => StoredList::List(list),
            Err(error) => StoredList::unreadable(&self.org, &error.to_string()),
        }
    }
}

/// The stored form.
#[derive(Serialize, Deserialize)]
struct Record {
    base: String,
    org: String,
    list: Value,
}

/// What was found in this browser for a place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StoredList {
    /// Nothing is stored: the box is off.
    Nothing,
    List(ExemptionList),
    /// Something is stored that cannot be read: the list starts empty, with this notice; the box stays
    /// ticked, and the next change replaces the stored value.
    Unreadable {
        notice: String,
    },
}

impl StoredList {
    fn unreadable(org: &str, why: &str) -> Self {
        let why = why.trim_end_matches('.');
        Self::Unreadable {
            notice: format!(
                "The exemption list kept in this browser for {org} could not be read ({why}): the list starts empty, and the next change replaces what is stored."
            ),
        }
    }

    /// Whether something is stored, so the box shows ticked.
    pub fn is_kept(&self) -> bool {
        !matches!(self, Self::Nothing)
    }
}

/// After a list was read back from this browser: "Read 3 exemptions kept in this browser."
pub fn read_back_note(entries: usize) -> String {
    format!("Read {} kept in this browser.", plural(entries, "exemption", "exemptions"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::exemption::{ExemptKind, Exemption};

    fn place() -> ExemptionPlace {
        ExemptionPlace::new(ApiBase::github_com(), "Acme")
    }

    fn list() -> ExemptionList {
        let mut list = ExemptionList::default();
        list.insert(Exemption::new(ExemptKind::User, "@hubot", "service account", None).expect("valid"));
        list.insert(
            Exemption::new(ExemptKind::Team, "ops", "on call", chrono::NaiveDate::from_ymd_opt(2024, 7, 1))
                .expect("valid"),
        );
        list
    }

    #[test]
    fn a_kept_list_reads_back_as_it_was_written_for_its_own_host_and_organization() {
        let stored = place().to_stored(&list());
        assert_eq!(place().read_stored(Some(&stored)), StoredList::List(list()));
        let same_org_other_case = ExemptionPlace::new(ApiBase::github_com(), "ACME");
        assert_eq!(same_org_other_case.storage_key(), place().storage_key());
        assert_eq!(same_org_other_case.read_stored(Some(&stored)), StoredList::List(list()));
        assert!(!stored.contains("ghp_"), "no token is stored");
    }

    #[test]
    fn each_host_and_organization_has_its_own_key() {
        let keys = [
            place().storage_key(),
            ExemptionPlace::new(ApiBase::github_com(), "globex").storage_key(),
            ExemptionPlace::new(ApiBase::custom("http://127.0.0.1:8804").expect("loopback"), "acme").storage_key(),
        ];
        assert_eq!(keys[0], "copilot-seats.exemptions https://api.github.com acme");
        assert!(keys[1] != keys[0] && keys[2] != keys[0] && keys[1] != keys[2]);
    }

    #[test]
    fn nothing_stored_means_the_box_is_off() {
        assert_eq!(place().read_stored(None), StoredList::Nothing);
        assert!(!StoredList::Nothing.is_kept());
        assert!(StoredList::List(ExemptionList::default()).is_kept());
    }

    #[test]
    fn a_corrupt_or_foreign_value_degrades_to_an_empty_list_with_a_notice() {
        let other_org = ExemptionPlace::new(ApiBase::github_com(), "globex").to_stored(&list());
        let bad_entry = r#"{"base":"https://api.github.com","org":"acme","list":{"format":"copilot-seats-exemptions","version":1,"exemptions":[{"login":"-bad-","reason":"x"}]}}"#;
        let cases = [
            ("", "not a list this app wrote"),
            ("{", "not a list this app wrote"),
            ("null", "not a list this app wrote"),
            ("[1,2]", "not a list this app wrote"),
            (r#"{"base":"https://api.github.com","org":"acme"}"#, "not a list this app wrote"),
            (other_org.as_str(), "another host or organization"),
            (r#"{"base":"https://api.github.com","org":"acme","list":{"format":"other"}}"#, "is not an exemption list"),
            (bad_entry, "Entry 1"),
        ];
        for (raw, why) in cases {
            match place().read_stored(Some(raw)) {
                StoredList::Unreadable { notice } => {
                    assert!(notice.contains(why), "{raw}: {notice}");
                    assert!(notice.starts_with("The exemption list kept in this browser for Acme could not be read ("));
                    assert!(notice.ends_with("the list starts empty, and the next change replaces what is stored."));
                }
                other => panic!("{raw} was read as {other:?}"),
            }
        }
    }

    #[test]
    fn the_box_says_where_and_that_it_starts_off() {
        assert!(KEEP_LABEL.contains("localStorage"));
        assert!(KEEP_HINT.starts_with("Off by default"));
        assert_eq!(read_back_note(1), "Read 1 exemption kept in this browser.");
    }
}
