//! List: who must never be proposed for revocation (logins, and teams by slug), why, and until when; what
//! of it applies on a given day; and the seats of a load it protects.
//!
//! Names compare without regard to case, as GitHub's do, and a leading `@` is dropped. An entry with an
//! expiry date applies through that date, inclusive, and no longer after it: it stays in the list, shown
//! as expired, until the person removes it.

use std::collections::{BTreeSet, HashMap};

use chrono::NaiveDate;

use crate::insight::SeatIndex;
use crate::models::Seat;
use crate::names::{name_problem, NameKind};

/// What an entry names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ExemptKind {
    /// A GitHub login: that person's seat.
    User,
    /// A team, by slug: every seat granted through it.
    Team,
}

impl ExemptKind {
    /// The column (CSV) or field (JSON) that holds the name.
    pub fn key(self) -> &'static str {
        match self {
            Self::User => "login",
            Self::Team => "team",
        }
    }

    fn name_kind(self) -> NameKind {
        match self {
            Self::User => NameKind::User,
            Self::Team => NameKind::Team,
        }
    }
}

/// One entry: a name, why it is exempt, and the last day it is (none: for good).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exemption {
    pub kind: ExemptKind,
    /// As the person wrote it, without the `@`.
    pub name: String,
    pub reason: String,
    /// Exempt through this day, inclusive.
    pub expires: Option<NaiveDate>,
}

/// What tells two entries for the same name apart from two names: the kind and the name in lower case.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ExemptionKey {
    pub kind: ExemptKind,
    pub name: String,
}

impl Exemption {
    /// An entry from what a person typed or a file held: the name trimmed, its `@` dropped and validated
    /// as a GitHub login or team slug; a reason is required. The error is a sentence to show.
    pub fn new(kind: ExemptKind, name: &str, reason: &str, expires: Option<NaiveDate>) -> Result<Self, String> {
        let name = name.trim();
        let name = name.strip_prefix('@').unwrap_or(name);
        if let Some(problem) = name_problem(name, kind.name_kind()) {
            return Err(if name.is_empty() { problem } else { format!("{name:?}: {problem}") });
        }
        let reason = reason.trim();
        if reason.is_empty() {
            return Err(format!("{name}: a reason is needed (a service account, on leave, a new hire…)."));
        }
        Ok(Self { kind, name: name.to_owned(), reason: reason.to_owned(), expires })
    }

    pub fn key(&self) -> ExemptionKey {
        ExemptionKey { kind: self.kind, name: self.name.to_ascii_lowercase() }
    }

    /// Whether the entry holds on `today`: no expiry, or `today` is on or before it.
    pub fn applies_on(&self, today: NaiveDate) -> bool {
        self.expires.is_none_or(|last_day| today <= last_day)
    }
}

/// An expiry date as written in a form or a file: empty for none, else `YYYY-MM-DD`.
pub fn parse_expiry(text: &str) -> Result<Option<NaiveDate>, String> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .ok()
        .filter(|_| text.len() == 10)
        .map(Some)
        .ok_or_else(|| format!("the expiry date {text:?} is not a date written YYYY-MM-DD."))
}

/// The list, each name once (its latest entry), in the order first added.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ExemptionList {
    entries: Vec<Exemption>,
}

/// What a merge did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct MergeCounts {
    pub added: usize,
    pub replaced: usize,
}

impl ExemptionList {
    pub fn entries(&self) -> &[Exemption] {
        &self.entries
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Adds an entry, or replaces the one for the same name. True when it replaced one.
    pub fn insert(&mut self, entry: Exemption) -> bool {
        let key = entry.key();
        match self.entries.iter_mut().find(|existing| existing.key() == key) {
            Some(existing) => {
                *existing = entry;
                true
            }
            None => {
                self.entries.push(entry);
                false
            }
        }
    }

    /// Removes the entry for that name. True when there was one.
    pub fn remove(&mut self, key: &ExemptionKey) -> bool {
        let before = self.entries.len();
        self.entries.retain(|entry| &entry.key() != key);
        self.entries.len() != before
    }

    /// Adds every entry of `other`; an entry for a name already listed replaces it.
    pub fn merge(&mut self, other: ExemptionList) -> MergeCounts {
        let mut counts = MergeCounts::default();
        for entry in other.entries {
            if self.insert(entry) {
                counts.replaced += 1;
            } else {
                counts.added += 1;
            }
        }
        counts
    }

    /// The entries that apply on `today`, ready to look seats up in.
    pub fn active_on(&self, today: NaiveDate) -> ActiveExemptions {
        let mut active = ActiveExemptions::default();
        for entry in self.entries.iter().filter(|entry| entry.applies_on(today)) {
            let map = match entry.kind {
                ExemptKind::User => &mut active.logins,
                ExemptKind::Team => &mut active.teams,
            };
            map.insert(entry.name.to_ascii_lowercase(), entry.clone());
        }
        active
    }
}

/// The entries that apply today, by name in lower case.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ActiveExemptions {
    logins: HashMap<String, Exemption>,
    teams: HashMap<String, Exemption>,
}

impl ActiveExemptions {
    pub fn is_empty(&self) -> bool {
        self.logins.is_empty() && self.teams.is_empty()
    }

    /// The entry that exempts a seat held by `login` and granted through `team` (a slug): the login's own
    /// entry first, then the team's.
    pub fn of(&self, login: Option<&str>, team: Option<&str>) -> Option<&Exemption> {
        find_lowercase(&self.logins, login).or_else(|| find_lowercase(&self.teams, team))
    }

    /// The entry that exempts this seat, if any.
    pub fn of_seat(&self, seat: &Seat) -> Option<&Exemption> {
        self.of(seat.login(), seat.assigning_team.as_ref().map(|team| team.slug()))
    }
}

/// The entry under `name` in lower case; no allocation when the map is empty (no entry of that kind).
fn find_lowercase<'a>(map: &'a HashMap<String, Exemption>, name: Option<&str>) -> Option<&'a Exemption> {
    name.filter(|_| !map.is_empty()).and_then(|name| map.get(&name.to_ascii_lowercase()))
}

/// The exempt seats of one load, by the login they were loaded with: what the grid's badges, its
/// selection helpers and its shift-click look up, once per load and list rather than once per row shown.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ExemptSeats {
    by_login: HashMap<String, Exemption>,
    /// The teams (by slug) granting an exempt seat: revoking one as a whole would take that seat.
    teams: BTreeSet<String>,
}

/// What a selection helper selects once exemptions are applied.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RuleSelection {
    pub logins: Vec<String>,
    /// Seats the rule matched that are exempt, left out.
    pub left_out: usize,
}

impl ExemptSeats {
    pub fn new(index: &SeatIndex, active: &ActiveExemptions) -> Self {
        if active.is_empty() {
            return Self::default();
        }
        let mut exempt = Self::default();
        for row in index.rows() {
            let Some(login) = row.login() else { continue };
            let team = row.team().map(|team| team.slug.as_str());
            let Some(entry) = active.of(Some(login), team) else { continue };
            exempt.by_login.insert(login.to_owned(), entry.clone());
            exempt.teams.extend(team.map(str::to_owned));
        }
        exempt
    }

    pub fn is_empty(&self) -> bool {
        self.by_login.is_empty()
    }

    pub fn len(&self) -> usize {
        self.by_login.len()
    }

    /// The entry exempting the seat loaded with this login.
    pub fn get(&self, login: &str) -> Option<&Exemption> {
        self.by_login.get(login)
    }

    /// Whether the team with this slug grants one of the exempt seats.
    pub fn protects_team(&self, slug: &str) -> bool {
        self.teams.contains(slug)
    }

    /// Every login a rule matched, less the exempt ones, counted.
    pub fn select<'a>(&self, logins: impl IntoIterator<Item = &'a str>) -> RuleSelection {
        let mut selection = RuleSelection::default();
        for login in logins {
            if self.by_login.contains_key(login) {
                selection.left_out += 1;
            } else {
                selection.logins.push(login.to_owned());
            }
        }
        selection
    }

    /// A shift-click's range, less the exempt seats in it; the row clicked stays, exempt or not (a
    /// person who clicks an exempt row means it, and the confirmation still skips it).
    pub fn select_range(&self, range: Vec<String>, clicked: &str) -> RuleSelection {
        let mut selection = self.select(range.iter().map(String::as_str).filter(|login| *login != clicked));
        if range.iter().any(|login| login == clicked) {
            selection.logins.push(clicked.to_owned());
        }
        selection
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_seats::seat;

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("a test date")
    }

    fn entry(kind: ExemptKind, name: &str, expires: Option<&str>) -> Exemption {
        Exemption::new(kind, name, "because", expires.map(day)).expect("a valid entry")
    }

    #[test]
    fn an_entry_drops_its_at_sign_and_is_checked_as_a_github_login_or_team_slug() {
        assert_eq!(entry(ExemptKind::User, " @Ada-L ", None).name, "Ada-L");
        let problem = Exemption::new(ExemptKind::User, "bad_name", "x", None).expect_err("an underscore");
        assert!(problem.starts_with("\"bad_name\": A username may contain only"), "{problem}");
        assert!(Exemption::new(ExemptKind::Team, "bots_ci", "x", None).is_ok(), "slugs allow underscores");
        assert_eq!(Exemption::new(ExemptKind::User, "@", "x", None), Err("The username is empty.".to_owned()));
        let problem = Exemption::new(ExemptKind::User, "ada", "  ", None).expect_err("no reason");
        assert!(problem.contains("a reason is needed"), "{problem}");
    }

    #[test]
    fn an_entry_applies_through_its_expiry_date_and_not_the_day_after() {
        let entry = entry(ExemptKind::User, "ada", Some("2026-12-31"));
        assert!(entry.applies_on(day("2026-12-30")));
        assert!(entry.applies_on(day("2026-12-31")), "inclusive");
        assert!(!entry.applies_on(day("2027-01-01")));
        let list = ExemptionList { entries: vec![entry] };
        assert!(list.active_on(day("2026-12-31")).of(Some("ada"), None).is_some());
        assert!(list.active_on(day("2027-01-01")).is_empty(), "expired entries no longer apply");
        assert_eq!(list.len(), 1, "an expired entry stays listed");
    }

    #[test]
    fn expiry_dates_are_written_year_month_day() {
        assert_eq!(parse_expiry(" "), Ok(None));
        assert_eq!(parse_expiry("2026-02-28"), Ok(Some(day("2026-02-28"))));
        for bad in ["2026-02-30", "31/12/2026", "2026-1-5", "tomorrow", "2026-12-31T00:00"] {
            let problem = parse_expiry(bad).expect_err(bad);
            assert!(problem.contains("YYYY-MM-DD"), "{problem}");
        }
    }

    #[test]
    fn logins_and_teams_match_without_regard_to_case_and_the_login_entry_wins() {
        let mut list = ExemptionList::default();
        list.insert(entry(ExemptKind::User, "Ada", None));
        list.insert(Exemption::new(ExemptKind::Team, "Bots", "service accounts", None).expect("valid"));
        let active = list.active_on(day("2026-01-01"));
        assert_eq!(active.of(Some("ADA"), None).map(|e| e.name.as_str()), Some("Ada"));
        assert_eq!(active.of(Some("ci"), Some("bots")).map(|e| e.reason.as_str()), Some("service accounts"));
        assert_eq!(active.of(Some("ada"), Some("bots")).map(|e| e.kind), Some(ExemptKind::User));
        assert_eq!(active.of(Some("bots"), None), None, "a team's slug is not a login");
        assert_eq!(active.of_seat(&seat("cy").team("BOTS").build()).map(|e| e.kind), Some(ExemptKind::Team));
        assert_eq!(active.of_seat(&seat("cy").ghost().build()), None);
    }

    #[test]
    fn one_entry_a_name_inserting_again_replaces_it_and_merging_counts_both() {
        let mut list = ExemptionList::default();
        assert!(!list.insert(entry(ExemptKind::User, "ada", None)));
        assert!(list.insert(Exemption::new(ExemptKind::User, "ADA", "on leave", None).expect("valid")));
        assert!(!list.insert(entry(ExemptKind::Team, "ada", None)), "a team of the same name is another entry");
        assert_eq!(list.len(), 2);
        assert_eq!(list.entries()[0].reason, "on leave");
        let other =
            ExemptionList { entries: vec![entry(ExemptKind::User, "Ada", None), entry(ExemptKind::User, "bo", None)] };
        assert_eq!(list.merge(other), MergeCounts { added: 1, replaced: 1 });
        assert_eq!(list.len(), 3);
        assert!(list.remove(&ExemptionKey { kind: ExemptKind::User, name: "ada".into() }));
        assert!(!list.remove(&ExemptionKey { kind: ExemptKind::User, name: "ada".into() }));
        assert_eq!(list.len(), 2);
    }

    #[test]
    fn selection_helpers_leave_exempt_seats_out_and_count_them() {
        let seats =
            [seat("ada").build(), seat("bob").team("bots").build(), seat("cy").build(), seat("x").ghost().build()];
        let index = SeatIndex::new(&seats, None);
        let mut list = ExemptionList::default();
        list.insert(entry(ExemptKind::User, "ADA", None));
        list.insert(entry(ExemptKind::Team, "bots", None));
        let exempt = ExemptSeats::new(&index, &list.active_on(day("2026-01-01")));
        assert_eq!(exempt.len(), 2);
        let selected = exempt.select(["ada", "bob", "cy"]);
        assert_eq!(selected, RuleSelection { logins: vec!["cy".into()], left_out: 2 });
        let range = exempt.select_range(vec!["ada".into(), "bob".into(), "cy".into()], "ada");
        assert_eq!(range, RuleSelection { logins: vec!["cy".into(), "ada".into()], left_out: 1 });
        assert!(exempt.protects_team("bots") && !exempt.protects_team("devs"));
        assert!(ExemptSeats::new(&index, &ActiveExemptions::default()).is_empty());
    }
}
