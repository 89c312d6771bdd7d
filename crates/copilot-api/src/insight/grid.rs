//! The seat grid, headless: `grid_view(index, state, prices, now)` turns the loaded seats and what the person
//! chose (sort, filters, search, threshold) into the row order to render, the counters and the idle cost.
//! The component wraps it in one `Memo` and renders; it computes nothing itself.
//!
//! It runs on every keystroke over up to 100,000 seats in the browser, so everything that does not depend
//! on the state is computed once in [`SeatIndex`] (lowercase login, parsed editor, epoch seconds, the rank
//! of every text column), and a view is a pass of integer comparisons returning indices, never clones.

use std::cmp::Ordering;
use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::{DateTime, Datelike, Utc};
use rustc_hash::FxHashMap;

use crate::models::{PlanType, Seat};

use super::cost::{effective_plan, idle_cost_of, BilledGrant, IdleSeatCost, SeatPrices};
use super::editor::{compare_versions, EditorInfo};
use super::status::{
    idle_days_from, status_from_parts, SeatStatus, DEFAULT_THRESHOLD_DAYS, MAX_THRESHOLD_DAYS, MIN_THRESHOLD_DAYS,
};

/// A column of the grid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Column {
    Login,
    Organization,
    GrantedBy,
    Created,
    LastActivity,
    Editor,
    LastAuthenticated,
    Plan,
    PendingCancellation,
    Status,
}

impl Column {
    /// Every column, in display order: what an enterprise's grid shows.
    pub const ALL: [Column; 10] = [
        Self::Login,
        Self::Organization,
        Self::GrantedBy,
        Self::Created,
        Self::LastActivity,
        Self::Editor,
        Self::LastAuthenticated,
        Self::Plan,
        Self::PendingCancellation,
        Self::Status,
    ];

    /// An organization's grid: the organization column would repeat one name on every row.
    pub fn for_organization() -> impl Iterator<Item = Column> {
        Self::ALL.into_iter().filter(|column| *column != Self::Organization)
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Login => "Login",
            Self::Organization => "Organization",
            Self::GrantedBy => "Granted by",
            Self::Created => "Created",
            Self::LastActivity => "Last activity",
            Self::Editor => "Editor",
            Self::LastAuthenticated => "Last authenticated",
            Self::Plan => "Plan",
            Self::PendingCancellation => "Pending cancellation",
            Self::Status => "Status",
        }
    }

    /// The stable spelling used in URLs.
    pub fn key(self) -> &'static str {
        match self {
            Self::Login => "login",
            Self::Organization => "organization",
            Self::GrantedBy => "granted_by",
            Self::Created => "created",
            Self::LastActivity => "last_activity",
            Self::Editor => "editor",
            Self::LastAuthenticated => "last_authenticated",
            Self::Plan => "plan",
            Self::PendingCancellation => "pending_cancellation",
            Self::Status => "status",
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|column| column.key() == key)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum SortDirection {
    #[default]
    Ascending,
    Descending,
}

impl SortDirection {
    pub fn key(self) -> &'static str {
        match self {
            Self::Ascending => "asc",
            Self::Descending => "desc",
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        match key {
            "asc" => Some(Self::Ascending),
            "desc" => Some(Self::Descending),
            _ => None,
        }
    }
}

/// What a click on a column header does: a new column sorts ascending, the same column flips to
/// descending, a third click goes back to GitHub's order.
pub fn sort_after_click(current: Option<(Column, SortDirection)>, clicked: Column) -> Option<(Column, SortDirection)> {
    match current {
        Some((column, SortDirection::Ascending)) if column == clicked => Some((clicked, SortDirection::Descending)),
        Some((column, SortDirection::Descending)) if column == clicked => None,
        _ => Some((clicked, SortDirection::Ascending)),
    }
}

/// A set of statuses to show; empty shows every status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct StatusSet(u8);

impl StatusSet {
    pub fn new() -> Self {
        Self(0)
    }

    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    pub fn contains(self, status: SeatStatus) -> bool {
        self.0 & status.bit() != 0
    }

    /// Whether a seat of this status passes the filter (an empty set passes everything).
    pub fn admits(self, status: SeatStatus) -> bool {
        self.is_empty() || self.contains(status)
    }

    pub fn insert(&mut self, status: SeatStatus) {
        self.0 |= status.bit();
    }

    pub fn remove(&mut self, status: SeatStatus) {
        self.0 &= !status.bit();
    }

    /// What a click on a status chip does.
    pub fn toggle(&mut self, status: SeatStatus) {
        self.0 ^= status.bit();
    }

    pub fn iter(self) -> impl Iterator<Item = SeatStatus> {
        SeatStatus::ALL.into_iter().filter(move |status| self.contains(*status))
    }
}

impl FromIterator<SeatStatus> for StatusSet {
    fn from_iter<I: IntoIterator<Item = SeatStatus>>(statuses: I) -> Self {
        let mut set = Self::new();
        statuses.into_iter().for_each(|status| set.insert(status));
        set
    }
}

/// How a seat was granted, as the team filter chooses it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum TeamFilter {
    /// Assigned to the user directly, through no team.
    Direct,
    /// Through the team with this slug (compared without regard to case).
    Team(String),
}

/// Everything a person chose about the grid; all of it lives in the URL (see `view_state`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct GridState {
    /// `None` keeps GitHub's order.
    pub sort: Option<(Column, SortDirection)>,
    pub statuses: StatusSet,
    pub team: Option<TeamFilter>,
    /// An editor id as [`EditorInfo::key`] gives it (`vscode`, `jetbrains-ic`).
    pub editor: Option<String>,
    pub plan: Option<PlanType>,
    /// An organization login (enterprise seat lists only).
    pub organization: Option<String>,
    /// Part of a login, any case; a leading `@` is ignored.
    pub search: String,
    pub threshold_days: u32,
}

impl Default for GridState {
    fn default() -> Self {
        Self {
            sort: None,
            statuses: StatusSet::new(),
            team: None,
            editor: None,
            plan: None,
            organization: None,
            search: String::new(),
            threshold_days: DEFAULT_THRESHOLD_DAYS,
        }
    }
}

impl GridState {
    /// Whether anything narrows the rows (the threshold and the sort do not).
    pub fn is_filtered(&self) -> bool {
        !self.statuses.is_empty()
            || self.team.is_some()
            || self.editor.is_some()
            || self.plan.is_some()
            || self.organization.is_some()
            || !search_needle(&self.search).is_empty()
    }
}

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
    created_seconds: i64,
    last_activity_seconds: Option<i64>,
    pending_cancellation: bool,
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

    pub fn status(&self, now: DateTime<Utc>, threshold_days: u32) -> SeatStatus {
        status_from_parts(self.pending_cancellation, self.last_activity_seconds, now.timestamp(), threshold_days)
    }

    /// Whole days since the last activity, or since creation for a seat never used.
    pub fn idle_days(&self, now: DateTime<Utc>) -> i64 {
        idle_days_from(self.last_activity_seconds.unwrap_or(self.created_seconds), now.timestamp())
    }
}

/// What every view reads of every seat, as small integers kept apart from the display strings, so that a
/// pass over 100,000 seats reads a few megabytes rather than chasing pointers.
#[derive(Debug, Clone, Copy, PartialEq)]
struct HotRow {
    last_activity: Option<i64>,
    created: i64,
    last_authenticated: Option<i64>,
    pending_cancellation_day: Option<i32>,
    user: Option<u32>,
    /// Position in login order (then organization, then load order): unique, so also the tie-break.
    login_rank: u32,
    /// Rank of the lowercase login alone: equal logins (in several organizations) share it, so that
    /// sorting by login in either direction still breaks their tie by organization, ascending.
    login_group: u32,
    /// Rank of the organization's name; equal names share it, so it is also the filter's id.
    organization: Option<u32>,
    /// Id of the team's lowercase slug, for the filter; `None` for a direct grant.
    team: Option<u32>,
    /// 0 for a direct grant, then teams by name.
    team_rank: u32,
    /// Id of the editor key, for the filter.
    editor: Option<u32>,
    editor_rank: Option<u32>,
    plan: PlanType,
    has_login: bool,
}

impl HotRow {
    fn sort_key(&self, column: Column, status: SeatStatus) -> Option<i64> {
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
    hot: Vec<HotRow>,
    /// Every login in lowercase, one a line (a deleted account is an empty line): a search is one scan.
    logins: String,
    /// Where each seat's line starts in `logins`, and where the last one ends.
    login_starts: Vec<usize>,
    /// Seat position by login rank.
    by_login_rank: Vec<usize>,
    team_ids: FxHashMap<String, u32>,
    editor_ids: FxHashMap<String, u32>,
    organization_ids: FxHashMap<String, u32>,
    user_count: usize,
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
            rows.push(SeatRow {
                login: seat.login().map(str::to_owned),
                organization,
                team,
                editor,
                plan,
                created_seconds: created,
                last_activity_seconds: last_activity,
                pending_cancellation: seat.pending_cancellation_date.is_some(),
            });
            hot.push(HotRow {
                last_activity,
                created,
                last_authenticated: seat.last_authenticated_at.map(|time| time.timestamp()),
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

    fn login_line(&self, position: usize) -> &str {
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
    fn login_matches(&self, needle: &str) -> Vec<bool> {
        let mut hits = vec![false; self.hot.len()];
        // Logins are one a line, so a needle with a line break can match nothing (and must not match
        // across two logins).
        if needle.contains('\n') {
            return hits;
        }
        for (at, _) in self.logins.match_indices(needle) {
            let line = self.login_starts.partition_point(|&start| start <= at).saturating_sub(1);
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

/// How many seats have each status.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct StatusCounts {
    pub active: usize,
    pub inactive: usize,
    pub never_used: usize,
    pub pending_cancellation: usize,
}

impl StatusCounts {
    pub fn get(&self, status: SeatStatus) -> usize {
        match status {
            SeatStatus::Active => self.active,
            SeatStatus::Inactive => self.inactive,
            SeatStatus::NeverUsed => self.never_used,
            SeatStatus::PendingCancellation => self.pending_cancellation,
        }
    }

    pub fn total(&self) -> usize {
        self.active + self.inactive + self.never_used + self.pending_cancellation
    }

    pub(crate) fn add(&mut self, status: SeatStatus) {
        match status {
            SeatStatus::Active => self.active += 1,
            SeatStatus::Inactive => self.inactive += 1,
            SeatStatus::NeverUsed => self.never_used += 1,
            SeatStatus::PendingCancellation => self.pending_cancellation += 1,
        }
    }
}

/// What the grid shows for one state at one moment.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GridView {
    /// Indices into the seat list (and the index), filtered and in display order.
    pub rows: Vec<usize>,
    /// The status of every loaded seat, by seat index (not only of the rows shown).
    pub statuses: Vec<SeatStatus>,
    /// Over all loaded seats.
    pub total_counts: StatusCounts,
    /// Over the seats that pass every filter except the status filter: what each status chip would show
    /// if clicked, given the other filters.
    pub filtered_counts: StatusCounts,
    /// What inactive and never-used seats cost a month, over all loaded seats.
    pub idle_cost: IdleSeatCost,
    /// The same over the rows shown.
    pub filtered_idle_cost: IdleSeatCost,
}

impl GridView {
    pub fn status(&self, seat_index: usize) -> Option<SeatStatus> {
        self.statuses.get(seat_index).copied()
    }
}

/// The grid for `state` at `now`. A threshold outside 1..=3650 days is brought into that range.
pub fn grid_view(index: &SeatIndex, state: &GridState, prices: &SeatPrices, now: DateTime<Utc>) -> GridView {
    let now_seconds = now.timestamp();
    let threshold_days = state.threshold_days.clamp(MIN_THRESHOLD_DAYS, MAX_THRESHOLD_DAYS);
    let filter = RowFilter::new(index, state);
    let needle = search_needle(&state.search);
    let search_hits = (!needle.is_empty()).then(|| index.login_matches(&needle));

    let mut statuses = Vec::with_capacity(index.hot.len());
    let mut total_counts = StatusCounts::default();
    let mut filtered_counts = StatusCounts::default();
    let mut rows = Vec::new();
    for (position, row) in index.hot.iter().enumerate() {
        let status =
            status_from_parts(row.pending_cancellation_day.is_some(), row.last_activity, now_seconds, threshold_days);
        statuses.push(status);
        total_counts.add(status);
        let found = search_hits.as_ref().is_none_or(|hits| hits.get(position).copied().unwrap_or(false));
        if found && filter.admits(row) {
            filtered_counts.add(status);
            if state.statuses.admits(status) {
                rows.push(position);
            }
        }
    }

    if let Some((column, direction)) = state.sort {
        sort_rows(&mut rows, index, &statuses, column, direction);
    }

    let grant = |position: usize| {
        let row = &index.hot[position];
        BilledGrant { user: row.user, status: statuses[position], plan: row.plan }
    };
    let idle_cost = idle_cost_of((0..index.hot.len()).map(grant), index.user_count, prices);
    let filtered_idle_cost = idle_cost_of(rows.iter().map(|&position| grant(position)), index.user_count, prices);

    GridView { rows, statuses, total_counts, filtered_counts, idle_cost, filtered_idle_cost }
}

/// A filter on one of the index's numbered values.
enum IdFilter {
    Any,
    Is(Option<u32>),
    /// The value asked for is on no loaded seat (a stale link, say): nothing matches.
    Nothing,
}

impl IdFilter {
    fn lookup(wanted: Option<&str>, ids: &FxHashMap<String, u32>) -> Self {
        match wanted {
            None => Self::Any,
            Some(wanted) => ids.get(&wanted.to_lowercase()).map_or(Self::Nothing, |id| Self::Is(Some(*id))),
        }
    }

    fn admits(&self, id: Option<u32>) -> bool {
        match self {
            Self::Any => true,
            Self::Is(wanted) => *wanted == id,
            Self::Nothing => false,
        }
    }
}

/// The non-status filters, resolved to the index's numbers once per view rather than once per row.
struct RowFilter {
    team: IdFilter,
    editor: IdFilter,
    organization: IdFilter,
    plan: Option<PlanType>,
}

impl RowFilter {
    fn new(index: &SeatIndex, state: &GridState) -> Self {
        Self {
            team: match &state.team {
                Some(TeamFilter::Direct) => IdFilter::Is(None),
                Some(TeamFilter::Team(slug)) => IdFilter::lookup(Some(slug), &index.team_ids),
                None => IdFilter::Any,
            },
            editor: IdFilter::lookup(state.editor.as_deref(), &index.editor_ids),
            organization: IdFilter::lookup(state.organization.as_deref(), &index.organization_ids),
            plan: state.plan,
        }
    }

    fn admits(&self, row: &HotRow) -> bool {
        self.team.admits(row.team)
            && self.editor.admits(row.editor)
            && self.organization.admits(row.organization)
            && self.plan.is_none_or(|plan| plan == row.plan)
    }
}

fn search_needle(search: &str) -> String {
    let trimmed = search.trim();
    trimmed.strip_prefix('@').unwrap_or(trimmed).to_lowercase()
}

/// Sorts by the column; missing values last in either direction; ties by login, then organization.
///
/// Each row becomes one `u128` whose natural order is the display order (missing flag, then the column's
/// value flipped for descending, then the unique login rank), so the sort compares plain integers.
fn sort_rows(
    rows: &mut Vec<usize>,
    index: &SeatIndex,
    statuses: &[SeatStatus],
    column: Column,
    direction: SortDirection,
) {
    let mut keys: Vec<u128> = rows
        .iter()
        .map(|&position| {
            let row = &index.hot[position];
            packed_sort_key(row.sort_key(column, statuses[position]), direction, row.login_rank)
        })
        .collect();
    keys.sort_unstable();
    rows.clear();
    rows.extend(keys.into_iter().filter_map(|key| index.by_login_rank.get((key as u32) as usize).copied()));
}

fn packed_sort_key(value: Option<i64>, direction: SortDirection, login_rank: u32) -> u128 {
    let (missing, ordered) = match value {
        // Flipping the sign bit maps i64 order onto u64 order.
        Some(value) => (0_u128, (value as u64) ^ (1 << 63)),
        None => (1, 0),
    };
    let ordered = match direction {
        SortDirection::Ascending => ordered,
        SortDirection::Descending => !ordered,
    };
    (missing << 96) | (u128::from(ordered) << 32) | u128::from(login_rank)
}

pub const PAGE_SIZES: [usize; 5] = [25, 50, 100, 250, 500];
pub const DEFAULT_PAGE_SIZE: usize = 50;
pub const MAX_PAGE_SIZE: usize = 1000;

/// One page of the view's rows, for client-side paging.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GridPage<'a> {
    pub rows: &'a [usize],
    /// 1-based, brought into 1..=page_count.
    pub page: usize,
    /// At least 1: an empty grid still has its first page.
    pub page_count: usize,
    /// 1-based position of the first row shown, 0 when there is none ("1–50 of 1,234").
    pub first_item: usize,
    pub last_item: usize,
    pub total: usize,
}

/// The rows of page `page` (1-based) at `per_page` rows a page (brought into 1..=1000). A page past the end
/// shows the last page: after a filter shrinks the list, the person still sees rows.
pub fn page_of(rows: &[usize], page: usize, per_page: usize) -> GridPage<'_> {
    let per_page = per_page.clamp(1, MAX_PAGE_SIZE);
    let total = rows.len();
    let page_count = total.div_ceil(per_page).max(1);
    let page = page.clamp(1, page_count);
    let start = ((page - 1) * per_page).min(total);
    let end = (start + per_page).min(total);
    GridPage {
        rows: &rows[start..end],
        page,
        page_count,
        first_item: if start < end { start + 1 } else { 0 },
        last_item: end,
        total,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_seats::{at, seat};

    const NOW: &str = "2024-06-30T12:00:00Z";

    fn fixture() -> Vec<Seat> {
        vec![
            // 0: active, VS Code, team devs
            seat("mona")
                .team("devs")
                .editor("vscode/1.90.0/copilot/1.200.0")
                .last_activity("2024-06-30T06:00:00Z")
                .build(),
            // 1: inactive (45 days), JetBrains, direct, enterprise plan
            seat("Hubot")
                .editor("JetBrains-IC/233.1/copilot-intellij/1.4")
                .last_activity("2024-05-16T12:00:00Z")
                .plan(PlanType::Enterprise)
                .build(),
            // 2: never used, direct
            seat("octocat").created("2024-01-01T00:00:00Z").build(),
            // 3: pending cancellation, team ops
            seat("bob")
                .team("ops")
                .editor("vscode/1.80.0/copilot/1.100.0")
                .last_activity("2024-06-01T12:00:00Z")
                .pending("2024-07-31")
                .build(),
            // 4: inactive (100 days), VS Code, team devs
            seat("alice").team("devs").editor("vscode/1.9.0/copilot/1.0").last_activity("2024-03-22T12:00:00Z").build(),
        ]
    }

    fn view_with(seats: &[Seat], state: &GridState) -> GridView {
        grid_view(&SeatIndex::new(seats, None), state, &SeatPrices::default(), at(NOW))
    }

    fn logins(seats: &[Seat], view: &GridView) -> Vec<String> {
        view.rows.iter().map(|&i| seats[i].login().unwrap_or(GHOST_LOGIN).to_owned()).collect()
    }

    fn sorted_by(column: Column, direction: SortDirection) -> GridState {
        GridState { sort: Some((column, direction)), ..GridState::default() }
    }

    #[test]
    fn without_sort_or_filter_every_seat_shows_in_github_order() {
        let seats = fixture();
        let view = view_with(&seats, &GridState::default());
        assert_eq!(view.rows, vec![0, 1, 2, 3, 4]);
        assert_eq!(view.statuses[2], SeatStatus::NeverUsed);
    }

    #[test]
    fn counts_cover_all_seats_by_status() {
        let seats = fixture();
        let view = view_with(&seats, &GridState::default());
        assert_eq!(view.total_counts, StatusCounts { active: 1, inactive: 2, never_used: 1, pending_cancellation: 1 });
        assert_eq!(view.total_counts.total(), 5);
        assert_eq!(view.total_counts.get(SeatStatus::Inactive), 2);
    }

    #[test]
    fn the_threshold_moves_seats_between_active_and_inactive() {
        let seats = fixture();
        let week = view_with(&seats, &GridState { threshold_days: 7, ..GridState::default() });
        assert_eq!(week.total_counts.active, 1);
        let season = view_with(&seats, &GridState { threshold_days: 90, ..GridState::default() });
        assert_eq!((season.total_counts.active, season.total_counts.inactive), (2, 1));
        let silly = view_with(&seats, &GridState { threshold_days: 0, ..GridState::default() });
        assert_eq!(silly.total_counts.active, 1, "a threshold of 0 is read as 1 day");
    }

    #[test]
    fn idle_cost_prices_inactive_and_never_used_seats_by_plan() {
        let seats = fixture();
        let view = view_with(&seats, &GridState::default());
        // hubot (Enterprise, $39) and alice (Business, $19) inactive; octocat never used ($19).
        assert_eq!(view.idle_cost.inactive_cents, 5800);
        assert_eq!(view.idle_cost.never_used_cents, 1900);
        assert_eq!(view.idle_cost.total_seats(), 3);
    }

    #[test]
    fn the_organization_plan_prices_seats_that_carry_no_plan() {
        let seats = fixture();
        let index = SeatIndex::new(&seats, Some(PlanType::Enterprise));
        let view = grid_view(&index, &GridState::default(), &SeatPrices::default(), at(NOW));
        assert_eq!(view.idle_cost.total_cents(), 3 * 3900);
    }

    #[test]
    fn filtering_by_status_keeps_only_those_statuses_and_counts_stay_whole() {
        let seats = fixture();
        let state = GridState {
            statuses: [SeatStatus::Inactive, SeatStatus::NeverUsed].into_iter().collect(),
            ..GridState::default()
        };
        let view = view_with(&seats, &state);
        assert_eq!(view.rows, vec![1, 2, 4]);
        assert_eq!(view.total_counts.total(), 5);
        assert_eq!(view.filtered_idle_cost, view.idle_cost);
    }

    #[test]
    fn filtered_counts_ignore_the_status_filter_but_honour_the_others() {
        let seats = fixture();
        let state = GridState {
            team: Some(TeamFilter::Team("devs".into())),
            statuses: [SeatStatus::Active].into_iter().collect(),
            ..GridState::default()
        };
        let view = view_with(&seats, &state);
        assert_eq!(logins(&seats, &view), ["mona"]);
        assert_eq!(
            view.filtered_counts,
            StatusCounts { active: 1, inactive: 1, never_used: 0, pending_cancellation: 0 }
        );
        assert_eq!(view.filtered_idle_cost, IdleSeatCost::default());
    }

    #[test]
    fn filtering_by_team_or_direct_grant() {
        let seats = fixture();
        let devs =
            view_with(&seats, &GridState { team: Some(TeamFilter::Team("DEVS".into())), ..GridState::default() });
        assert_eq!(logins(&seats, &devs), ["mona", "alice"]);
        let direct = view_with(&seats, &GridState { team: Some(TeamFilter::Direct), ..GridState::default() });
        assert_eq!(logins(&seats, &direct), ["Hubot", "octocat"]);
    }

    #[test]
    fn filtering_by_editor_and_plan() {
        let seats = fixture();
        let vscode = view_with(&seats, &GridState { editor: Some("VSCode".into()), ..GridState::default() });
        assert_eq!(logins(&seats, &vscode), ["mona", "bob", "alice"]);
        let enterprise = view_with(&seats, &GridState { plan: Some(PlanType::Enterprise), ..GridState::default() });
        assert_eq!(logins(&seats, &enterprise), ["Hubot"]);
        let nothing = view_with(&seats, &GridState { editor: Some("emacs".into()), ..GridState::default() });
        assert!(nothing.rows.is_empty());
    }

    #[test]
    fn search_matches_part_of_a_login_in_any_case() {
        let seats = fixture();
        let search =
            |text: &str| logins(&seats, &view_with(&seats, &GridState { search: text.into(), ..GridState::default() }));
        assert_eq!(search("HU"), ["Hubot"]);
        assert_eq!(search("  @oct "), ["octocat"]);
        assert_eq!(search("o"), ["mona", "Hubot", "octocat", "bob"]);
        assert!(search("zzz").is_empty());
        assert_eq!(search("   ").len(), 5);
    }

    #[test]
    fn filters_combine_with_and() {
        let seats = fixture();
        let state =
            GridState { team: Some(TeamFilter::Team("devs".into())), search: "ali".into(), ..GridState::default() };
        assert_eq!(logins(&seats, &view_with(&seats, &state)), ["alice"]);
    }

    #[test]
    fn sorting_by_login_ignores_case() {
        let seats = fixture();
        let view = view_with(&seats, &sorted_by(Column::Login, SortDirection::Ascending));
        assert_eq!(logins(&seats, &view), ["alice", "bob", "Hubot", "mona", "octocat"]);
        let view = view_with(&seats, &sorted_by(Column::Login, SortDirection::Descending));
        assert_eq!(logins(&seats, &view), ["octocat", "mona", "Hubot", "bob", "alice"]);
    }

    #[test]
    fn sorting_by_last_activity_puts_never_used_seats_last_in_both_directions() {
        let seats = fixture();
        let up = view_with(&seats, &sorted_by(Column::LastActivity, SortDirection::Ascending));
        assert_eq!(logins(&seats, &up), ["alice", "Hubot", "bob", "mona", "octocat"]);
        let down = view_with(&seats, &sorted_by(Column::LastActivity, SortDirection::Descending));
        assert_eq!(logins(&seats, &down), ["mona", "bob", "Hubot", "alice", "octocat"]);
    }

    #[test]
    fn sorting_by_editor_orders_names_then_versions_numerically() {
        let seats = fixture();
        let view = view_with(&seats, &sorted_by(Column::Editor, SortDirection::Ascending));
        // JetBrains…, then VS Code 1.9.0 < 1.80.0 < 1.90.0, then no editor.
        assert_eq!(logins(&seats, &view), ["Hubot", "alice", "bob", "mona", "octocat"]);
    }

    #[test]
    fn ties_are_broken_by_login_then_organization() {
        let seats = vec![
            seat("zed").org("b-org").build(),
            seat("amy").org("z-org").build(),
            seat("zed").org("a-org").build(),
            seat("Amy").org("a-org").build(),
        ];
        let view = view_with(&seats, &sorted_by(Column::Plan, SortDirection::Descending));
        let pairs: Vec<_> = view
            .rows
            .iter()
            .map(|&i| (seats[i].login().unwrap_or_default(), seats[i].organization.as_ref().map(|o| o.login.as_str())))
            .collect();
        assert_eq!(
            pairs,
            [("Amy", Some("a-org")), ("amy", Some("z-org")), ("zed", Some("a-org")), ("zed", Some("b-org"))]
        );
    }

    #[test]
    fn the_same_login_in_two_organizations_keeps_organization_order_in_both_directions() {
        let seats = vec![seat("b").org("zz").build(), seat("B").org("aa").build(), seat("a").build()];
        let down = view_with(&seats, &sorted_by(Column::Login, SortDirection::Descending));
        assert_eq!(down.rows, vec![1, 0, 2]);
        let up = view_with(&seats, &sorted_by(Column::Login, SortDirection::Ascending));
        assert_eq!(up.rows, vec![2, 1, 0]);
    }

    #[test]
    fn sorting_by_granted_by_puts_direct_grants_first_then_teams_by_name() {
        let seats = fixture();
        let view = view_with(&seats, &sorted_by(Column::GrantedBy, SortDirection::Ascending));
        assert_eq!(logins(&seats, &view), ["Hubot", "octocat", "alice", "mona", "bob"]);
    }

    #[test]
    fn sorting_by_status_and_pending_cancellation() {
        let seats = fixture();
        let by_status = view_with(&seats, &sorted_by(Column::Status, SortDirection::Ascending));
        assert_eq!(logins(&seats, &by_status), ["mona", "alice", "Hubot", "octocat", "bob"]);
        let by_pending = view_with(&seats, &sorted_by(Column::PendingCancellation, SortDirection::Descending));
        assert_eq!(logins(&seats, &by_pending)[0], "bob");
    }

    #[test]
    fn sorting_by_created_and_last_authenticated() {
        let seats = vec![
            seat("a").created("2024-03-01T00:00:00Z").build(),
            seat("b").created("2024-01-01T00:00:00Z").last_authenticated("2024-06-01T00:00:00Z").build(),
            seat("c").created("2024-02-01T00:00:00Z").last_authenticated("2024-05-01T00:00:00Z").build(),
        ];
        assert_eq!(
            logins(&seats, &view_with(&seats, &sorted_by(Column::Created, SortDirection::Ascending))),
            ["b", "c", "a"]
        );
        let auth = view_with(&seats, &sorted_by(Column::LastAuthenticated, SortDirection::Descending));
        assert_eq!(logins(&seats, &auth), ["b", "c", "a"]);
    }

    #[test]
    fn deleted_accounts_sort_last_by_login_and_never_match_a_search() {
        let seats = vec![seat("x").ghost().build(), seat("bea").build()];
        let view = view_with(&seats, &sorted_by(Column::Login, SortDirection::Descending));
        assert_eq!(view.rows, vec![1, 0]);
        let search = view_with(&seats, &GridState { search: "g".into(), ..GridState::default() });
        assert!(search.rows.is_empty());
        let index = SeatIndex::new(&seats, None);
        assert_eq!(index.row(0).map(SeatRow::login_or_ghost), Some(GHOST_LOGIN));
    }

    #[test]
    fn enterprise_grids_filter_and_sort_by_organization() {
        let seats = vec![seat("a").org("Zeta").build(), seat("b").org("alpha").build(), seat("c").build()];
        let by_org = view_with(&seats, &sorted_by(Column::Organization, SortDirection::Descending));
        assert_eq!(logins(&seats, &by_org), ["a", "b", "c"]);
        let alpha = view_with(&seats, &GridState { organization: Some("ALPHA".into()), ..GridState::default() });
        assert_eq!(logins(&seats, &alpha), ["b"]);
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
        assert_eq!(mona.status(at(NOW), 30), SeatStatus::Active);
        let octocat = index.row(2).expect("a row");
        assert_eq!((octocat.granted_by_label(), octocat.idle_days(at(NOW))), ("Direct", 181));
        assert!(index.row(99).is_none());
    }

    #[test]
    fn an_empty_seat_list_gives_an_empty_view() {
        let view = view_with(&[], &sorted_by(Column::Login, SortDirection::Ascending));
        assert!(view.rows.is_empty());
        assert_eq!(view.total_counts.total(), 0);
        assert_eq!(view.idle_cost.total_cents(), 0);
    }

    #[test]
    fn header_clicks_cycle_ascending_descending_and_off() {
        let first = sort_after_click(None, Column::Login);
        assert_eq!(first, Some((Column::Login, SortDirection::Ascending)));
        let second = sort_after_click(first, Column::Login);
        assert_eq!(second, Some((Column::Login, SortDirection::Descending)));
        assert_eq!(sort_after_click(second, Column::Login), None);
        assert_eq!(sort_after_click(second, Column::Plan), Some((Column::Plan, SortDirection::Ascending)));
    }

    #[test]
    fn status_sets_toggle_and_an_empty_set_admits_everything() {
        let mut set = StatusSet::new();
        assert!(SeatStatus::ALL.iter().all(|status| set.admits(*status)));
        set.toggle(SeatStatus::Inactive);
        assert!(set.admits(SeatStatus::Inactive) && !set.admits(SeatStatus::Active));
        set.insert(SeatStatus::NeverUsed);
        assert_eq!(set.iter().collect::<Vec<_>>(), [SeatStatus::Inactive, SeatStatus::NeverUsed]);
        set.toggle(SeatStatus::Inactive);
        set.remove(SeatStatus::NeverUsed);
        assert!(set.is_empty());
    }

    #[test]
    fn column_keys_round_trip_and_organization_grids_hide_the_organization_column() {
        for column in Column::ALL {
            assert_eq!(Column::from_key(column.key()), Some(column));
        }
        assert_eq!(Column::from_key("nope"), None);
        assert!(!Column::for_organization().any(|column| column == Column::Organization));
        assert_eq!(Column::for_organization().count(), 9);
    }

    #[test]
    fn is_filtered_ignores_sort_threshold_and_blank_search() {
        assert!(!GridState {
            search: "  ".into(),
            threshold_days: 7,
            ..sorted_by(Column::Login, SortDirection::Ascending)
        }
        .is_filtered());
        assert!(GridState { plan: Some(PlanType::Business), ..GridState::default() }.is_filtered());
    }

    #[test]
    fn pages_slice_the_rows_and_clamp_out_of_range_requests() {
        let rows: Vec<usize> = (0..120).collect();
        let second = page_of(&rows, 2, 50);
        assert_eq!((second.rows.first(), second.rows.len(), second.page_count), (Some(&50), 50, 3));
        assert_eq!((second.first_item, second.last_item, second.total), (51, 100, 120));
        let past_the_end = page_of(&rows, 99, 50);
        assert_eq!((past_the_end.page, past_the_end.rows.len()), (3, 20));
        let zero = page_of(&rows, 0, 0);
        assert_eq!((zero.page, zero.rows.len(), zero.page_count), (1, 1, 120));
        let empty = page_of(&[], 1, 50);
        assert_eq!((empty.page, empty.page_count, empty.first_item, empty.last_item), (1, 1, 0, 0));
        assert_eq!(page_of(&rows, 1, usize::MAX).rows.len(), 120);
    }

    #[test]
    fn a_search_never_matches_across_two_logins() {
        let seats = vec![seat("ab").build(), seat("cd").build()];
        for needle in ["bc", "b\nc", "ab\ncd"] {
            let view = view_with(&seats, &GridState { search: needle.into(), ..GridState::default() });
            assert!(view.rows.is_empty(), "{needle:?}");
        }
        let view = view_with(&seats, &GridState { search: "d".into(), ..GridState::default() });
        assert_eq!(view.rows, vec![1]);
    }

    #[test]
    fn a_filter_value_no_seat_has_matches_nothing() {
        let seats = fixture();
        for state in [
            GridState { team: Some(TeamFilter::Team("gone".into())), ..GridState::default() },
            GridState { editor: Some("emacs".into()), ..GridState::default() },
            GridState { organization: Some("elsewhere".into()), ..GridState::default() },
        ] {
            let view = view_with(&seats, &state);
            assert!(view.rows.is_empty(), "{state:?}");
            assert_eq!(view.filtered_counts.total(), 0);
            assert_eq!(view.total_counts.total(), 5);
        }
    }

    #[test]
    fn the_idle_cost_of_an_enterprise_counts_a_user_once() {
        let seats = vec![
            seat("mona").org("a").build(),
            seat("mona").org("b").build(),
            seat("hubot").org("a").last_activity("2024-01-01T00:00:00Z").build(),
        ];
        let view = view_with(&seats, &GridState::default());
        assert_eq!(view.total_counts.never_used, 2, "the grid still lists every grant");
        assert_eq!(view.idle_cost.never_used_seats, 1);
        assert_eq!(view.idle_cost.total_cents(), 2 * 1900);
    }

    mod sorting_matches_a_plain_comparison {
        use super::*;
        use proptest::prelude::*;

        /// Small alphabets force ties, so the tie-breaks are exercised.
        fn arbitrary_seat() -> impl Strategy<Value = Seat> {
            let day = |base: &'static str| {
                prop::option::of(0..5_i64)
                    .prop_map(move |days| days.map(|days| (at(base) - chrono::Duration::days(days * 20)).to_rfc3339()))
            };
            (
                prop::option::of("[aAbB]{1,2}"),
                prop::option::of("[xXy]"),
                day("2024-06-30T00:00:00Z"),
                day("2024-06-01T00:00:00Z"),
                0..3_i64,
                prop::option::of(0..3_i64),
                any::<bool>(),
            )
                .prop_map(|(login, org, activity, authenticated, created, pending, enterprise)| {
                    let mut builder = match login {
                        Some(login) => seat(&login),
                        None => seat("x").ghost(),
                    };
                    if let Some(org) = org {
                        builder = builder.org(&org);
                    }
                    if let Some(time) = activity {
                        builder = builder.last_activity(&time);
                    }
                    if let Some(time) = authenticated {
                        builder = builder.last_authenticated(&time);
                    }
                    if let Some(days) = pending {
                        builder = builder.pending(&format!("2024-07-0{}", days + 1));
                    }
                    if enterprise {
                        builder = builder.plan(PlanType::Enterprise);
                    }
                    builder.created(&format!("2023-0{}-01T00:00:00Z", created + 1)).build()
                })
        }

        fn reference_order(seats: &[Seat], column: Column, direction: SortDirection) -> Vec<usize> {
            let now = at(NOW);
            let key = |seat: &Seat| -> Option<String> {
                let time =
                    |t: Option<crate::models::Timestamp>| t.map(|t| format!("{:020}", t.timestamp() + 10_000_000_000));
                match column {
                    Column::Login => seat.login().map(str::to_lowercase),
                    Column::Organization => seat.organization.as_ref().map(|org| org.login.to_lowercase()),
                    Column::Created => time(Some(seat.created_at)),
                    Column::LastActivity => time(seat.last_activity_at),
                    Column::LastAuthenticated => time(seat.last_authenticated_at),
                    Column::PendingCancellation => seat.pending_cancellation_date.map(|date| date.to_string()),
                    Column::Plan => Some(effective_plan(seat.plan_type, None).as_str().to_owned()),
                    Column::Status => Some(format!("{}", crate::insight::status::seat_status(seat, now, 30) as u8)),
                    Column::GrantedBy | Column::Editor => None,
                }
            };
            let tie = |seat: &Seat| {
                (
                    seat.login().is_none(),
                    seat.login().map(str::to_lowercase),
                    seat.organization.is_none(),
                    seat.organization.as_ref().map(|org| org.login.to_lowercase()),
                )
            };
            let mut order: Vec<usize> = (0..seats.len()).collect();
            order.sort_by(|&a, &b| {
                let primary = match (key(&seats[a]), key(&seats[b])) {
                    (Some(x), Some(y)) if direction == SortDirection::Ascending => x.cmp(&y),
                    (Some(x), Some(y)) => y.cmp(&x),
                    (Some(_), None) => Ordering::Less,
                    (None, Some(_)) => Ordering::Greater,
                    (None, None) => Ordering::Equal,
                };
                primary.then_with(|| tie(&seats[a]).cmp(&tie(&seats[b]))).then(a.cmp(&b))
            });
            order
        }

        proptest! {
            #[test]
            fn for_every_column_direction_and_seat_list(
                seats in prop::collection::vec(arbitrary_seat(), 0..40),
                column in prop::sample::select(vec![
                    Column::Login, Column::Organization, Column::Created, Column::LastActivity,
                    Column::LastAuthenticated, Column::PendingCancellation, Column::Plan, Column::Status,
                ]),
                descending in any::<bool>(),
            ) {
                let direction = if descending { SortDirection::Descending } else { SortDirection::Ascending };
                let view = view_with(&seats, &sorted_by(column, direction));
                prop_assert_eq!(view.rows, reference_order(&seats, column, direction));
            }
        }
    }
}
