//! The seat index: the loaded seats prepared once for fast views, the rows as their cells show them, the
//! filter menus' choices, and the interner that shares and ranks what many seats have in common.

use std::cmp::Ordering;
use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::{DateTime, Datelike, Utc};
use rustc_hash::FxHashMap;

use super::state::{Column, TeamFilter};
use crate::insight::cost::effective_plan;
use crate::insight::editor::{compare_versions, EditorInfo};
use crate::insight::status::{idle_days_from, status_from_times, SeatStatus, SeatTimes, StatusRules};
use crate::models::{PlanType, Seat};

/// The team a seat was granted through.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GrantingTeam {
    pub slug: String,
    pub name: String,
    pub is_enterprise_team: bool,
}

/// GitHub shows deleted accounts as this user.
pub const GHOST_LOGIN: &str = "ghost";

/// One seat as its cells show it. What many seats share (a team, an editor string, an organization) is
/// parsed once and shared, not repeated 100,000 times.
#[derive(Debug, Clone, PartialEq)]
pub struct SeatRow {
    login: Option<String>,
    organization: Option<Arc<str>>,
    team: Option<Arc<GrantingTeam>>,
    editor: Option<Arc<EditorInfo>>,
    plan: PlanType,
    times: SeatTimes,
}

impl SeatRow {
    /// `None` for a seat whose account was deleted.
    pub fn login(&self) -> Option<&str> {
        self.login.as_deref()
    }

    pub fn login_or_ghost(&self) -> &str {
        self.login.as_deref().unwrap_or(GHOST_LOGIN)
    }

    pub fn organization(&self) -> Option<&str> {
        self.organization.as_deref()
    }

    /// `None` for a seat assigned directly.
    pub fn team(&self) -> Option<&GrantingTeam> {
        self.team.as_deref()
    }

    /// "Direct", or the team's name: the "Granted by" cell.
    pub fn granted_by_label(&self) -> &str {
        self.team.as_ref().map_or("Direct", |team| team.name.as_str())
    }

    pub fn editor(&self) -> Option<&EditorInfo> {
        self.editor.as_deref()
    }

    /// The plan the seat is billed on (see [`effective_plan`]).
    pub fn plan(&self) -> PlanType {
        self.plan
    }

    /// Whether the seat is already pending cancellation: its billing ends with the cycle.
    pub fn is_pending_cancellation(&self) -> bool {
        self.times.pending_cancellation
    }

    pub fn status(&self, now: DateTime<Utc>, rules: StatusRules) -> SeatStatus {
        status_from_times(&self.times, now.timestamp(), rules)
    }

    /// Whole days since the last activity, or since creation for a seat never used.
    pub fn idle_days(&self, now: DateTime<Utc>) -> i64 {
        idle_days_from(self.times.last_activity.unwrap_or(self.times.created), now.timestamp())
    }
}

/// What every view reads of every seat, as small integers kept apart from the display strings, so that a
/// pass over 100,000 seats reads a few megabytes rather than chasing pointers.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct HotRow {
    pub(super) last_activity: Option<i64>,
    pub(super) created: i64,
    pub(super) last_authenticated: Option<i64>,
    pub(super) pending_cancellation_day: Option<i32>,
    pub(super) user: Option<u32>,
    /// Position in login order (then organization, then load order): unique, so also the tie-break.
    pub(super) login_rank: u32,
    /// Rank of the lowercase login alone: equal logins (in several organizations) share it, so that
    /// sorting by login in either direction still breaks their tie by organization, ascending.
    pub(super) login_group: u32,
    /// Rank of the organization's name; equal names share it, so it is also the filter's id.
    pub(super) organization: Option<u32>,
    /// Id of the team's lowercase slug, for the filter; `None` for a direct grant.
    pub(super) team: Option<u32>,
    /// 0 for a direct grant, then teams by name.
    pub(super) team_rank: u32,
    /// Id of the editor key, for the filter.
    pub(super) editor: Option<u32>,
    pub(super) editor_rank: Option<u32>,
    pub(super) plan: PlanType,
    pub(super) has_login: bool,
}

impl HotRow {
    pub(super) fn times(&self) -> SeatTimes {
        SeatTimes {
            pending_cancellation: self.pending_cancellation_day.is_some(),
            created: self.created,
            last_activity: self.last_activity,
            last_authenticated: self.last_authenticated,
        }
    }

    pub(super) fn sort_key(&self, column: Column, status: SeatStatus) -> Option<i64> {
        match column {
            Column::Login => self.has_login.then_some(i64::from(self.login_group)),
            Column::Organization => self.organization.map(i64::from),
            Column::GrantedBy => Some(i64::from(self.team_rank)),
            Column::Created => Some(self.created),
            Column::LastActivity => self.last_activity,
            Column::Editor => self.editor_rank.map(i64::from),
            Column::LastAuthenticated => self.last_authenticated,
            Column::Plan => Some(plan_order(self.plan)),
            Column::PendingCancellation => self.pending_cancellation_day.map(i64::from),
            Column::Status => Some(status as i64),
        }
    }
}

fn plan_order(plan: PlanType) -> i64 {
    match plan {
        PlanType::Business => 0,
        PlanType::Enterprise => 1,
        PlanType::Unknown => 2,
    }
}

/// A choice in a filter menu, with how many of all loaded seats it covers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FilterOption<T> {
    pub value: T,
    pub label: String,
    pub count: usize,
}

/// The choices of the filter menus: they depend only on the loaded seats, so they are built with the index.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FilterOptions {
    /// "Direct" first, then teams by name.
    pub teams: Vec<FilterOption<TeamFilter>>,
    /// By display name; the value is the editor key.
    pub editors: Vec<FilterOption<String>>,
    pub plans: Vec<FilterOption<PlanType>>,
    /// By login; empty for an organization's seat list, which carries no organization.
    pub organizations: Vec<FilterOption<String>>,
}

/// The loaded seats, prepared once for fast views. Row `i` describes `seats[i]`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SeatIndex {
    rows: Vec<SeatRow>,
    pub(super) hot: Vec<HotRow>,
    /// Every login in lowercase, one a line (a deleted account is an empty line): a search is one scan.
    logins: String,
    /// Where each seat's line starts in `logins`, and where the last one ends.
    login_starts: Vec<usize>,
    /// Seat position by login rank.
    pub(super) by_login_rank: Vec<usize>,
    pub(super) team_ids: FxHashMap<String, u32>,
    pub(super) editor_ids: FxHashMap<String, u32>,
    pub(super) organization_ids: FxHashMap<String, u32>,
    pub(super) user_count: usize,
    options: FilterOptions,
}

impl SeatIndex {
    /// `organization_plan` is the plan of the organization's billing summary, for seats that carry none.
    pub fn new(seats: &[Seat], organization_plan: Option<PlanType>) -> Self {
        let mut interner = Interner::default();
        let mut users: FxHashMap<UserKey, u32> = FxHashMap::with_capacity_and_hasher(seats.len(), Default::default());
        let mut rows = Vec::with_capacity(seats.len());
        let mut hot = Vec::with_capacity(seats.len());
        let mut logins = String::new();
        let mut login_starts = Vec::with_capacity(seats.len() + 1);
        for seat in seats {
            login_starts.push(logins.len());
            if let Some(login) = seat.login() {
                push_lowercase(&mut logins, login);
            }
            logins.push('\n');
            let user = seat.assignee.as_ref().map(|assignee| {
                let key = if assignee.id != 0 {
                    UserKey::Id(assignee.id)
                } else {
                    UserKey::Login(assignee.login.to_lowercase())
                };
                let next = u32::try_from(users.len()).unwrap_or(u32::MAX);
                *users.entry(key).or_insert(next)
            });
            let (organization, organization_id) = interner.organization(seat).unzip();
            let (team, team_id, team_display_id) = match interner.team(seat) {
                Some((team, id, display_id)) => (Some(team), Some(id), display_id),
                None => (None, None, u32::MAX),
            };
            let (editor, editor_id, editor_display_id) = match interner.editor(seat) {
                Some((editor, id, display_id)) => (Some(editor), Some(id), Some(display_id)),
                None => (None, None, None),
            };
            let plan = effective_plan(seat.plan_type, organization_plan);
            let last_activity = seat.last_activity_at.map(|time| time.timestamp());
            let created = seat.created_at.timestamp();
            let last_authenticated = seat.last_authenticated_at.map(|time| time.timestamp());
            rows.push(SeatRow {
                login: seat.login().map(str::to_owned),
                organization,
                team,
                editor,
                plan,
                times: SeatTimes {
                    pending_cancellation: seat.pending_cancellation_date.is_some(),
                    created,
                    last_activity,
                    last_authenticated,
                },
            });
            hot.push(HotRow {
                last_activity,
                created,
                last_authenticated,
                pending_cancellation_day: seat.pending_cancellation_date.map(|date| date.num_days_from_ce()),
                user,
                login_rank: 0,
                login_group: 0,
                // Provisional ids of first sight, replaced by ranks below.
                organization: organization_id,
                team: team_id,
                team_rank: team_display_id,
                editor: editor_id,
                editor_rank: editor_display_id,
                plan,
                has_login: seat.assignee.is_some(),
            });
        }
        login_starts.push(logins.len());

        let ranks = interner.ranks();
        for row in &mut hot {
            row.organization = row.organization.and_then(|id| ranks.organization.get(id as usize).copied());
            row.team_rank = ranks.team.get(row.team_rank as usize).map_or(0, |rank| rank + 1);
            row.editor_rank = row.editor_rank.and_then(|id| ranks.editor.get(id as usize).copied());
        }
        let organization_ids = interner
            .organizations
            .into_iter()
            .filter_map(|(name, (id, _))| Some((name, *ranks.organization.get(id as usize)?)))
            .collect();

        let mut index = Self {
            rows,
            hot,
            logins,
            login_starts,
            by_login_rank: Vec::new(),
            team_ids: interner.team_slugs,
            editor_ids: interner.editor_keys,
            organization_ids,
            user_count: users.len(),
            options: FilterOptions::default(),
        };
        index.rank_logins();
        index.options = index.build_filter_options();
        index
    }

    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    pub fn row(&self, index: usize) -> Option<&SeatRow> {
        self.rows.get(index)
    }

    pub fn rows(&self) -> &[SeatRow] {
        &self.rows
    }

    pub fn filter_options(&self) -> &FilterOptions {
        &self.options
    }

    /// Distinct users (by account id), however many seats each holds; deleted accounts are not counted.
    pub fn unique_users(&self) -> usize {
        self.user_count
    }

    /// The user behind a seat, numbered densely from 0; `None` for a deleted account.
    pub(crate) fn user_of(&self, position: usize) -> Option<u32> {
        self.hot.get(position).and_then(|row| row.user)
    }

    /// The organization of a seat as a number (equal names, any case, share it; numbers follow name order).
    pub(crate) fn organization_id(&self, position: usize) -> Option<u32> {
        self.hot.get(position).and_then(|row| row.organization)
    }

    /// Every seat's login in lower case with its position, deleted accounts left out: one pass over one
    /// string, for what looks many logins up (an offboarding list) rather than searching.
    pub fn lowercase_logins(&self) -> impl Iterator<Item = (usize, &str)> + '_ {
        self.login_starts.windows(2).enumerate().filter_map(|(position, bounds)| {
            let line = self.logins.get(bounds[0]..bounds[1].saturating_sub(1))?;
            (!line.is_empty()).then_some((position, line))
        })
    }

    /// The seats of a login (already lowercase), found by halving the login order: no map to build.
    pub(crate) fn positions_of_login<'a>(&'a self, login: &'a str) -> impl Iterator<Item = usize> + 'a {
        let is_before = |position: usize| self.hot[position].has_login && self.login_line(position) < login;
        let start = self.by_login_rank.partition_point(|&position| is_before(position));
        self.by_login_rank[start..]
            .iter()
            .copied()
            .take_while(move |&position| self.hot[position].has_login && self.login_line(position) == login)
    }

    /// The seat's login in lower case; empty for a deleted account.
    pub(super) fn login_line(&self, position: usize) -> &str {
        let start = self.login_starts.get(position).copied().unwrap_or_default();
        let end = self.login_starts.get(position + 1).map_or(start, |next| next.saturating_sub(1));
        self.logins.get(start..end).unwrap_or_default()
    }

    /// Login order, then organization, then load order; deleted accounts last.
    fn rank_logins(&mut self) {
        let (order, groups) = {
            // One sort key a seat, held together: the sort compares about n log n pairs, and following
            // positions into `hot` and `login_starts` for each would cost more than the comparison.
            let mut keys: Vec<(bool, &str, u64, usize)> = (0..self.hot.len())
                .map(|position| {
                    let row = &self.hot[position];
                    let organization = row.organization.map_or(u64::MAX, u64::from);
                    (!row.has_login, self.login_line(position), organization, position)
                })
                .collect();
            keys.sort_unstable();
            let mut group = 0_u32;
            let groups: Vec<u32> = keys
                .iter()
                .enumerate()
                .map(|(rank, key)| {
                    if rank > 0 && keys[rank - 1].1 != key.1 {
                        group += 1;
                    }
                    group
                })
                .collect();
            (keys.into_iter().map(|key| key.3).collect::<Vec<usize>>(), groups)
        };
        for (rank, (&position, group)) in order.iter().zip(groups).enumerate() {
            self.hot[position].login_rank = u32::try_from(rank).unwrap_or(u32::MAX);
            self.hot[position].login_group = group;
        }
        self.by_login_rank = order;
    }

    /// Which seats' logins contain `needle` (already lowercase and not empty).
    pub(super) fn login_matches(&self, needle: &str) -> Vec<bool> {
        let mut hits = vec![false; self.hot.len()];
        // Logins are one a line, so a needle with a line break can match nothing (and must not match
        // across two logins).
        if needle.contains('\n') {
            return hits;
        }
        // Matches come in text order, so the line of each is found by walking on from the last one's (a
        // letter such as "a" matches about twice a login: a search per match cost more than the matching).
        let mut line = 0;
        for (at, _) in self.logins.match_indices(needle) {
            while self.login_starts.get(line + 1).is_some_and(|&next| next <= at) {
                line += 1;
            }
            if let Some(hit) = hits.get_mut(line) {
                *hit = true;
            }
        }
        hits
    }

    fn build_filter_options(&self) -> FilterOptions {
        fn counted<T>(value: T, label: &str) -> FilterOption<T> {
            FilterOption { value, label: label.to_owned(), count: 0 }
        }
        let mut direct = 0;
        let mut teams: BTreeMap<u32, FilterOption<TeamFilter>> = BTreeMap::new();
        let mut editors: BTreeMap<u32, FilterOption<String>> = BTreeMap::new();
        let mut plans: BTreeMap<i64, FilterOption<PlanType>> = BTreeMap::new();
        let mut organizations: BTreeMap<u32, FilterOption<String>> = BTreeMap::new();
        for (row, hot) in self.rows.iter().zip(&self.hot) {
            match (&row.team, hot.team) {
                (Some(team), Some(id)) => {
                    teams
                        .entry(id)
                        .or_insert_with(|| counted(TeamFilter::Team(team.slug.clone()), &team.name))
                        .count += 1;
                }
                _ => direct += 1,
            }
            if let (Some(editor), Some(id)) = (&row.editor, hot.editor) {
                editors.entry(id).or_insert_with(|| counted(editor.key(), &editor.display_name)).count += 1;
            }
            plans.entry(plan_order(hot.plan)).or_insert_with(|| counted(hot.plan, plan_label(hot.plan))).count += 1;
            if let (Some(org), Some(id)) = (&row.organization, hot.organization) {
                organizations.entry(id).or_insert_with(|| counted(org.to_string(), org)).count += 1;
            }
        }
        let mut team_options: Vec<_> = teams.into_values().collect();
        sort_by_label(&mut team_options);
        if direct > 0 {
            team_options
                .insert(0, FilterOption { value: TeamFilter::Direct, label: "Direct".to_owned(), count: direct });
        }
        let mut editor_options: Vec<_> = editors.into_values().collect();
        sort_by_label(&mut editor_options);
        FilterOptions {
            teams: team_options,
            editors: editor_options,
            plans: plans.into_values().collect(),
            // Keyed by rank, which is name order already.
            organizations: organizations.into_values().collect(),
        }
    }
}

/// What the dashboard's charts read of one seat (`insight::charts`): the hot row's numbers, copied.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct SeatFacts {
    pub last_activity: Option<i64>,
    pub created: i64,
    pub plan: PlanType,
    /// The team filter's id (`team_id`); `None` for a direct grant.
    pub team: Option<u32>,
    /// The editor filter's id (`editor_id`).
    pub editor: Option<u32>,
    /// The organization filter's id (`organization_filter_id`).
    pub organization: Option<u32>,
}

impl SeatIndex {
    pub(crate) fn facts(&self, position: usize) -> Option<SeatFacts> {
        self.hot.get(position).map(|row| SeatFacts {
            last_activity: row.last_activity,
            created: row.created,
            plan: row.plan,
            team: row.team,
            editor: row.editor,
            organization: row.organization,
        })
    }

    /// The ids the filters compare, of a team slug, an editor key and an organization login (any case).
    pub(crate) fn team_id(&self, slug: &str) -> Option<u32> {
        self.team_ids.get(&slug.to_lowercase()).copied()
    }

    pub(crate) fn editor_id(&self, key: &str) -> Option<u32> {
        self.editor_ids.get(&key.to_lowercase()).copied()
    }

    pub(crate) fn organization_filter_id(&self, login: &str) -> Option<u32> {
        self.organization_ids.get(&login.to_lowercase()).copied()
    }
}

/// Appends `text` in lowercase; logins are ASCII (GitHub allows only letters, digits and hyphens), which
/// needs no per-character case mapping.
fn push_lowercase(into: &mut String, text: &str) {
    if text.is_ascii() {
        let start = into.len();
        into.push_str(text);
        if let Some(added) = into.get_mut(start..) {
            added.make_ascii_lowercase();
        }
    } else {
        into.extend(text.chars().flat_map(char::to_lowercase));
    }
}

/// By label without regard to case, then by value, so equal labels keep one order whatever the load order.
fn sort_by_label<T: Ord>(options: &mut [FilterOption<T>]) {
    options.sort_by(|a, b| a.label.to_lowercase().cmp(&b.label.to_lowercase()).then_with(|| a.value.cmp(&b.value)));
}

/// Who a seat belongs to: GitHub's account id, or the login for the rare seat that carries no id.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum UserKey {
    Id(u64),
    Login(String),
}

/// Parses each distinct team, editor string and organization once, and numbers them in order of first sight.
#[derive(Default)]
struct Interner<'a> {
    /// Lowercase login → (id, the spelling first seen).
    organizations: FxHashMap<String, (u32, Arc<str>)>,
    /// Lowercase slug → id: what the team filter compares.
    team_slugs: FxHashMap<String, u32>,
    /// (slug, name, enterprise team?) → (shared team, display id): what the grid shows and sorts.
    teams: FxHashMap<(&'a str, &'a str, bool), (Arc<GrantingTeam>, u32)>,
    team_displays: Vec<Arc<GrantingTeam>>,
    /// Editor key → id: what the editor filter compares.
    editor_keys: FxHashMap<String, u32>,
    /// Raw `last_activity_editor` → (parsed, key id, display id).
    editors: FxHashMap<&'a str, (Arc<EditorInfo>, u32, u32)>,
    editor_displays: Vec<Arc<EditorInfo>>,
}

struct Ranks {
    /// By provisional id.
    organization: Vec<u32>,
    team: Vec<u32>,
    editor: Vec<u32>,
}

fn next_id(len: usize) -> u32 {
    u32::try_from(len).unwrap_or(u32::MAX)
}

impl<'a> Interner<'a> {
    fn organization(&mut self, seat: &Seat) -> Option<(Arc<str>, u32)> {
        let login = &seat.organization.as_ref()?.login;
        // Most names are already lowercase: found without making a lowercase copy.
        if let Some((id, shown)) = self.organizations.get(login.as_str()) {
            return Some((shown.clone(), *id));
        }
        let next = next_id(self.organizations.len());
        let (id, shown) =
            self.organizations.entry(login.to_lowercase()).or_insert_with(|| (next, Arc::from(login.as_str())));
        Some((shown.clone(), *id))
    }

    fn team(&mut self, seat: &'a Seat) -> Option<(Arc<GrantingTeam>, u32, u32)> {
        let team = seat.assigning_team.as_ref()?;
        let slug_id = match self.team_slugs.get(team.slug()) {
            Some(id) => *id,
            None => {
                let next = next_id(self.team_slugs.len());
                *self.team_slugs.entry(team.slug().to_lowercase()).or_insert(next)
            }
        };
        let key = (team.slug(), team.name(), team.is_enterprise_team());
        if let Some((shared, display_id)) = self.teams.get(&key) {
            return Some((shared.clone(), slug_id, *display_id));
        }
        let shared = Arc::new(GrantingTeam {
            slug: team.slug().to_owned(),
            name: team.name().to_owned(),
            is_enterprise_team: team.is_enterprise_team(),
        });
        let display_id = next_id(self.team_displays.len());
        self.team_displays.push(shared.clone());
        self.teams.insert(key, (shared.clone(), display_id));
        Some((shared, slug_id, display_id))
    }

    fn editor(&mut self, seat: &'a Seat) -> Option<(Arc<EditorInfo>, u32, u32)> {
        let raw = seat.last_activity_editor.as_deref()?;
        if let Some((shared, key_id, display_id)) = self.editors.get(raw) {
            return Some((shared.clone(), *key_id, *display_id));
        }
        let shared = Arc::new(EditorInfo::parse(raw)?);
        let next = next_id(self.editor_keys.len());
        let key_id = *self.editor_keys.entry(shared.key()).or_insert(next);
        let display_id = next_id(self.editor_displays.len());
        self.editor_displays.push(shared.clone());
        self.editors.insert(raw, (shared.clone(), key_id, display_id));
        Some((shared, key_id, display_id))
    }

    /// Ranks of the distinct values, so the grid sorts text columns by comparing integers.
    fn ranks(&self) -> Ranks {
        let mut organization = vec![0; self.organizations.len()];
        let mut names: Vec<(&String, u32)> = self.organizations.iter().map(|(name, (id, _))| (name, *id)).collect();
        names.sort_unstable();
        for (rank, (_, id)) in names.into_iter().enumerate() {
            if let Some(slot) = organization.get_mut(id as usize) {
                *slot = next_id(rank);
            }
        }
        let team = dense_ranks(&self.team_displays, |a, b| {
            a.name
                .to_lowercase()
                .cmp(&b.name.to_lowercase())
                .then_with(|| a.slug.to_lowercase().cmp(&b.slug.to_lowercase()))
        });
        let editor = dense_ranks(&self.editor_displays, |a, b| compare_editors(a, b));
        Ranks { organization, team, editor }
    }
}

/// Editors by name, then by version as people read versions, then plugin and plugin version; the raw id
/// last keeps two spellings of one name apart, so the order never depends on load order.
fn compare_editors(a: &EditorInfo, b: &EditorInfo) -> Ordering {
    let text = |value: &Option<String>| value.as_deref().unwrap_or_default().to_lowercase();
    let version = |value: &Option<String>| value.clone().unwrap_or_default();
    a.display_name
        .to_lowercase()
        .cmp(&b.display_name.to_lowercase())
        .then_with(|| compare_versions(&version(&a.editor_version), &version(&b.editor_version)))
        .then_with(|| text(&a.plugin).cmp(&text(&b.plugin)))
        .then_with(|| compare_versions(&version(&a.plugin_version), &version(&b.plugin_version)))
        .then_with(|| a.editor.cmp(&b.editor))
}

/// The rank of each value in `compare` order, by position; values that compare equal share a rank.
fn dense_ranks<T>(values: &[T], compare: impl Fn(&T, &T) -> Ordering) -> Vec<u32> {
    let mut order: Vec<usize> = (0..values.len()).collect();
    order.sort_by(|&a, &b| compare(&values[a], &values[b]));
    let mut ranks = vec![0; values.len()];
    let mut rank = 0_u32;
    for (step, &position) in order.iter().enumerate() {
        if step > 0 && compare(&values[order[step - 1]], &values[position]) != Ordering::Equal {
            rank += 1;
        }
        ranks[position] = rank;
    }
    ranks
}

/// How a plan is named on screen.
pub fn plan_label(plan: PlanType) -> &'static str {
    match plan {
        PlanType::Business => "Business",
        PlanType::Enterprise => "Enterprise",
        PlanType::Unknown => "Unknown plan",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::insight::grid::test_support::{fixture, NOW};
    use crate::test_seats::{at, seat};
    use proptest::prelude::*;

    proptest! {
        /// Small alphabets, so that needles match often, at the start, the end and across two logins.
        #[test]
        fn a_login_matches_exactly_when_it_contains_the_needle(
            logins in prop::collection::vec(prop::option::of("[aAb]{1,4}"), 0..30),
            needle in "[ab]{1,3}",
        ) {
            let seats: Vec<_> = logins
                .iter()
                .map(|login| match login {
                    Some(login) => seat(login).build(),
                    None => seat("a").ghost().build(),
                })
                .collect();
            let index = SeatIndex::new(&seats, None);
            let expected: Vec<bool> =
                logins.iter().map(|login| login.as_ref().is_some_and(|login| login.to_lowercase().contains(&needle))).collect();
            prop_assert_eq!(index.login_matches(&needle), expected);
        }
    }

    #[test]
    fn filter_menus_list_each_team_editor_plan_and_organization_with_counts() {
        let mut seats = fixture();
        seats.push(seat("eve").org("acme").team_named("zz", "Alpha squad").build());
        let index = SeatIndex::new(&seats, None);
        let options = index.filter_options();
        let teams: Vec<_> = options.teams.iter().map(|o| (o.value.clone(), o.label.as_str(), o.count)).collect();
        assert_eq!(
            teams,
            [
                (TeamFilter::Direct, "Direct", 2),
                (TeamFilter::Team("zz".into()), "Alpha squad", 1),
                (TeamFilter::Team("devs".into()), "Team devs", 2),
                (TeamFilter::Team("ops".into()), "Team ops", 1),
            ]
        );
        let editors: Vec<_> = options.editors.iter().map(|o| (o.value.as_str(), o.label.as_str(), o.count)).collect();
        assert_eq!(editors, [("jetbrains-ic", "JetBrains IntelliJ IDEA Community", 1), ("vscode", "VS Code", 3)]);
        let plans: Vec<_> = options.plans.iter().map(|o| (o.value, o.count)).collect();
        assert_eq!(plans, [(PlanType::Business, 5), (PlanType::Enterprise, 1)]);
        let orgs: Vec<_> = options.organizations.iter().map(|o| (o.value.as_str(), o.count)).collect();
        assert_eq!(orgs, [("acme", 1)]);
    }

    #[test]
    fn rows_expose_what_the_cells_show() {
        let seats = fixture();
        let index = SeatIndex::new(&seats, None);
        let mona = index.row(0).expect("a row");
        assert_eq!(mona.granted_by_label(), "Team devs");
        assert_eq!(mona.editor().map(|e| e.display_name.as_str()), Some("VS Code"));
        assert_eq!(mona.idle_days(at(NOW)), 0);
        assert_eq!(mona.status(at(NOW), StatusRules::with_threshold(30)), SeatStatus::Active);
        let octocat = index.row(2).expect("a row");
        assert_eq!((octocat.granted_by_label(), octocat.idle_days(at(NOW))), ("Direct", 181));
        assert!(index.row(99).is_none());
    }
}
