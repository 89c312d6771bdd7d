//! Everything that defines a view, except the token, as URL query parameters: so a link can be shared
//! and the back button works.
//!
//! Reading never fails: a parameter that is unknown, misspelt or invalid falls back to its default, because
//! a URL is typed, pasted and truncated by people. Names are validated as in the rest of the crate, so a
//! URL cannot smuggle a path into a request. Defaults are left out when writing, to keep links short.

use percent_encoding::{percent_decode_str, utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

use crate::api_base::ApiBase;
use crate::names::{is_valid_ghe_subdomain, is_valid_name, NameKind};
use crate::scope::Scope;

use super::activity_age::ActivityAge;
use super::grid::{
    editor_from_key, organization_from_key, plan_from_key, Column, GridState, SortDirection, StatusSet, TeamFilter,
    DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE,
};
use super::review::{ChangeGroup, ChangedFilter};
use super::status::{is_valid_threshold, SeatStatus, DEFAULT_GRACE_DAYS, DEFAULT_THRESHOLD_DAYS, MAX_GRACE_DAYS};

/// Where the API is.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub enum HostChoice {
    #[default]
    GitHub,
    /// GitHub Enterprise Cloud with data residency: `api.SUBDOMAIN.ghe.com`.
    GheCom { subdomain: String },
    /// A GitHub Enterprise Server or a local sandbox, already validated.
    Custom(ApiBase),
    /// Generated seats, no network: for trying the app without a token.
    Demo,
}

impl HostChoice {
    /// The API to call; `None` for the demo, which calls nothing.
    pub fn api_base(&self) -> Option<ApiBase> {
        match self {
            Self::GitHub => Some(ApiBase::github_com()),
            Self::GheCom { subdomain } => ApiBase::ghe_com(subdomain).ok(),
            Self::Custom(base) => Some(base.clone()),
            Self::Demo => None,
        }
    }
}

/// The page of the app being shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum ViewTab {
    #[default]
    Seats,
    /// The enterprise breakdown by organization.
    Organizations,
    /// One member's seat.
    Lookup,
    /// Assigning and revoking seats.
    Manage,
}

impl ViewTab {
    pub const ALL: [ViewTab; 4] = [Self::Seats, Self::Organizations, Self::Lookup, Self::Manage];

    pub fn key(self) -> &'static str {
        match self {
            Self::Seats => "seats",
            Self::Organizations => "organizations",
            Self::Lookup => "lookup",
            Self::Manage => "manage",
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|tab| tab.key() == key)
    }

    /// The tabs a workspace offers, with their names: an enterprise's seats span organizations, so it has
    /// one (seats are looked up and managed in each organization).
    pub fn offered(enterprise: bool) -> Vec<(ViewTab, &'static str)> {
        if enterprise {
            vec![(Self::Seats, "Seats across the enterprise")]
        } else {
            vec![(Self::Seats, "Seats"), (Self::Lookup, "Member lookup"), (Self::Manage, "Manage seats")]
        }
    }
}

/// The longest search kept from a URL: a login has at most 39 characters.
pub const MAX_SEARCH_CHARS: usize = 100;

/// Everything that defines a view except the token (which never goes in a URL) and the seat prices
/// (a contract's numbers are not for sharing; the UI keeps them locally).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ViewState {
    pub host: HostChoice,
    pub scope: Option<Scope>,
    pub tab: ViewTab,
    /// 1-based page of the grid.
    pub page: usize,
    pub per_page: usize,
    /// `load=page`: show the first page alone, even where every seat would be read on connect (see
    /// `plan::on_connect`).
    pub first_page_only: bool,
    pub grid: GridState,
}

impl Default for ViewState {
    fn default() -> Self {
        Self {
            host: HostChoice::default(),
            scope: None,
            tab: ViewTab::default(),
            page: 1,
            per_page: DEFAULT_PAGE_SIZE,
            first_page_only: false,
            grid: GridState::default(),
        }
    }
}

mod key {
    pub const HOST: &str = "host";
    pub const GHE_SUBDOMAIN: &str = "ghe";
    pub const API_URL: &str = "api";
    pub const ORGANIZATION: &str = "org";
    pub const ENTERPRISE: &str = "enterprise";
    pub const TAB: &str = "tab";
    pub const PAGE: &str = "page";
    pub const PER_PAGE: &str = "per_page";
    pub const LOAD: &str = "load";
    pub const SORT: &str = "sort";
    pub const DIRECTION: &str = "dir";
    pub const STATUS: &str = "status";
    pub const TEAM: &str = "team";
    /// `granted=direct`: kept apart from `team` so that no team slug can be mistaken for it.
    pub const GRANTED: &str = "granted";
    pub const EDITOR: &str = "editor";
    pub const PLAN: &str = "plan";
    /// The organization filter of an enterprise grid (`org` is the scope).
    pub const SEAT_ORGANIZATION: &str = "seat_org";
    pub const SEARCH: &str = "q";
    pub const THRESHOLD: &str = "days";
    pub const GRACE: &str = "grace";
    /// One group of a comparison with an earlier export (`review::filter`).
    pub const CHANGED: &str = "changed";
    /// Days since the last activity, in the dashboard's bins (`ActivityAge::key`).
    pub const ACTIVITY_AGE: &str = "age";
}

impl ViewState {
    /// The query parameters of this view, defaults left out, in a fixed order.
    pub fn to_query(&self) -> Vec<(String, String)> {
        let mut query: Vec<(&str, String)> = Vec::new();
        match &self.host {
            HostChoice::GitHub => {}
            HostChoice::GheCom { subdomain } => {
                query.push((key::HOST, "ghe".into()));
                query.push((key::GHE_SUBDOMAIN, subdomain.clone()));
            }
            HostChoice::Custom(base) => {
                query.push((key::HOST, "custom".into()));
                query.push((key::API_URL, base.as_str().to_owned()));
            }
            HostChoice::Demo => query.push((key::HOST, "demo".into())),
        }
        match &self.scope {
            Some(Scope::Organization(org)) => query.push((key::ORGANIZATION, org.clone())),
            Some(Scope::Enterprise(enterprise)) => query.push((key::ENTERPRISE, enterprise.clone())),
            None => {}
        }
        if self.tab != ViewTab::default() {
            query.push((key::TAB, self.tab.key().into()));
        }
        if self.page != 1 {
            query.push((key::PAGE, self.page.to_string()));
        }
        if self.per_page != DEFAULT_PAGE_SIZE {
            query.push((key::PER_PAGE, self.per_page.to_string()));
        }
        if self.first_page_only {
            query.push((key::LOAD, "page".into()));
        }
        let grid = &self.grid;
        if let Some((column, direction)) = grid.sort {
            query.push((key::SORT, column.key().into()));
            if direction != SortDirection::default() {
                query.push((key::DIRECTION, direction.key().into()));
            }
        }
        if !grid.statuses.is_empty() {
            let statuses: Vec<&str> = grid.statuses.iter().map(SeatStatus::key).collect();
            query.push((key::STATUS, statuses.join(",")));
        }
        match &grid.team {
            Some(TeamFilter::Direct) => query.push((key::GRANTED, "direct".into())),
            Some(TeamFilter::Team(slug)) => query.push((key::TEAM, slug.clone())),
            None => {}
        }
        if let Some(editor) = &grid.editor {
            query.push((key::EDITOR, editor.clone()));
        }
        if let Some(plan) = grid.plan {
            query.push((key::PLAN, plan.as_str().into()));
        }
        if let Some(org) = &grid.organization {
            query.push((key::SEAT_ORGANIZATION, org.clone()));
        }
        if !grid.search.is_empty() {
            query.push((key::SEARCH, grid.search.clone()));
        }
        if grid.threshold_days != DEFAULT_THRESHOLD_DAYS {
            query.push((key::THRESHOLD, grid.threshold_days.to_string()));
        }
        if grid.grace_days != DEFAULT_GRACE_DAYS {
            query.push((key::GRACE, grid.grace_days.to_string()));
        }
        if let Some(changed) = &grid.changed {
            query.push((key::CHANGED, changed.group.key().into()));
        }
        if let Some(age) = grid.activity_age {
            query.push((key::ACTIVITY_AGE, age.key().into()));
        }
        query.into_iter().map(|(key, value)| (key.to_owned(), value)).collect()
    }

    /// `host=demo&org=octo-org&q=mo%20na`, without a leading `?`; empty for the default view.
    pub fn to_query_string(&self) -> String {
        self.to_query()
            .iter()
            .map(|(key, value)| format!("{}={}", encode(key), encode(value)))
            .collect::<Vec<_>>()
            .join("&")
    }

    /// Reads query parameters; the first occurrence of a key wins, as with `URLSearchParams.get`.
    pub fn from_query<K: AsRef<str>, V: AsRef<str>>(pairs: impl IntoIterator<Item = (K, V)>) -> Self {
        let pairs: Vec<(K, V)> = pairs.into_iter().collect();
        let get = |wanted: &str| pairs.iter().find(|(key, _)| key.as_ref() == wanted).map(|(_, value)| value.as_ref());
        let name =
            |wanted: &str, kind: NameKind| get(wanted).filter(|name| is_valid_name(name, kind)).map(str::to_owned);

        let host = match get(key::HOST) {
            Some("ghe") => get(key::GHE_SUBDOMAIN)
                .map(str::to_ascii_lowercase)
                .filter(|subdomain| is_valid_ghe_subdomain(subdomain))
                .map_or(HostChoice::GitHub, |subdomain| HostChoice::GheCom { subdomain }),
            Some("custom") => get(key::API_URL)
                .and_then(|url| ApiBase::custom(url).ok())
                .map_or(HostChoice::GitHub, HostChoice::Custom),
            Some("demo") => HostChoice::Demo,
            _ => HostChoice::GitHub,
        };
        let scope = name(key::ORGANIZATION, NameKind::Organization)
            .map(Scope::Organization)
            .or_else(|| name(key::ENTERPRISE, NameKind::Enterprise).map(Scope::Enterprise));
        let number = |wanted: &str| get(wanted).and_then(|value| value.parse::<usize>().ok());

        let sort = get(key::SORT)
            .and_then(Column::from_key)
            .map(|column| (column, get(key::DIRECTION).and_then(SortDirection::from_key).unwrap_or_default()));
        let statuses: StatusSet =
            get(key::STATUS).map(|list| list.split(',').filter_map(SeatStatus::from_key).collect()).unwrap_or_default();
        let team = if get(key::GRANTED) == Some("direct") {
            Some(TeamFilter::Direct)
        } else {
            get(key::TEAM).and_then(TeamFilter::team)
        };

        Self {
            host,
            scope,
            tab: get(key::TAB).and_then(ViewTab::from_key).unwrap_or_default(),
            page: number(key::PAGE).filter(|page| *page >= 1).unwrap_or(1),
            per_page: number(key::PER_PAGE)
                .filter(|size| (1..=MAX_PAGE_SIZE).contains(size))
                .unwrap_or(DEFAULT_PAGE_SIZE),
            first_page_only: get(key::LOAD) == Some("page"),
            grid: GridState {
                sort,
                statuses,
                team,
                editor: get(key::EDITOR).and_then(editor_from_key),
                plan: get(key::PLAN).and_then(plan_from_key),
                organization: get(key::SEAT_ORGANIZATION).and_then(organization_from_key),
                search: get(key::SEARCH)
                    .map(|search| search.chars().take(MAX_SEARCH_CHARS).collect())
                    .unwrap_or_default(),
                threshold_days: get(key::THRESHOLD)
                    .and_then(|days| days.parse::<u32>().ok())
                    .filter(|days| is_valid_threshold(*days))
                    .unwrap_or(DEFAULT_THRESHOLD_DAYS),
                grace_days: get(key::GRACE)
                    .and_then(|days| days.parse::<u32>().ok())
                    .filter(|days| *days <= MAX_GRACE_DAYS)
                    .unwrap_or(DEFAULT_GRACE_DAYS),
                changed: get(key::CHANGED).and_then(ChangeGroup::from_key).map(ChangedFilter::group),
                activity_age: get(key::ACTIVITY_AGE).and_then(ActivityAge::from_key),
            },
        }
    }

    /// Reads `?a=1&b=x%20y` (the leading `?` is optional; `+` is a space, as browsers write forms).
    pub fn from_query_string(query: &str) -> Self {
        Self::from_query(query_pairs(query))
    }
}

/// The decoded `(key, value)` pairs of a query string, in order (the leading `?` is optional; `+` is a
/// space).
fn query_pairs(query: &str) -> impl Iterator<Item = (String, String)> + '_ {
    let query = query.strip_prefix('?').unwrap_or(query);
    query.split('&').filter(|pair| !pair.is_empty()).map(|pair| {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        (decode(key), decode(value))
    })
}

/// The first value of `key` in a query string, decoded; empty when the key is absent.
pub fn query_value(query: &str, key: &str) -> String {
    query_pairs(query).find(|(name, _)| name == key).map(|(_, value)| value).unwrap_or_default()
}

/// Everything but RFC 3986's unreserved characters is escaped.
const QUERY_VALUE: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');

fn encode(text: &str) -> String {
    utf8_percent_encode(text, QUERY_VALUE).to_string()
}

fn decode(text: &str) -> String {
    percent_decode_str(&text.replace('+', " ")).decode_utf8_lossy().into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::models::PlanType;
    use proptest::prelude::*;

    #[test]
    fn a_query_value_is_decoded_and_the_first_of_its_name() {
        let query = "?host=custom&api=http%3A%2F%2F127.0.0.1%3A8787&org=a+b&org=second";
        assert_eq!(query_value(query, "api"), "http://127.0.0.1:8787");
        assert_eq!(query_value(query, "org"), "a b");
        assert_eq!(query_value(query, "enterprise"), "");
        assert_eq!(query_value("flag&x=1", "flag"), "");
        assert_eq!(query_value("flag&x=1", "x"), "1");
    }

    fn sample() -> ViewState {
        ViewState {
            host: HostChoice::GheCom { subdomain: "octocorp".into() },
            scope: Some(Scope::Enterprise("octo-ent".into())),
            tab: ViewTab::Organizations,
            page: 3,
            per_page: 100,
            first_page_only: true,
            grid: GridState {
                sort: Some((Column::LastActivity, SortDirection::Descending)),
                statuses: [SeatStatus::Inactive, SeatStatus::NeverUsed].into_iter().collect(),
                team: Some(TeamFilter::Team("ent:justice-league".into())),
                editor: Some("jetbrains-ic".into()),
                plan: Some(PlanType::Enterprise),
                organization: Some("octo-org".into()),
                search: "mo na & co=1?".into(),
                threshold_days: 60,
                grace_days: 0,
                changed: Some(ChangedFilter::group(ChangeGroup::NewlyIdle)),
                activity_age: None,
            },
        }
    }

    #[test]
    fn the_activity_bin_of_a_chart_click_survives_a_link_and_a_bad_one_is_no_filter() {
        let view = ViewState {
            grid: GridState { activity_age: Some(ActivityAge::UpToTwoMonths), ..sample().grid },
            ..sample()
        };
        assert!(
            view.to_query_string().ends_with("&grace=0&changed=newly-idle&age=31-60"),
            "{}",
            view.to_query_string()
        );
        assert_eq!(ViewState::from_query_string(&view.to_query_string()), view);
        assert_eq!(ViewState::from_query_string("age=7-31").grid.activity_age, None);
    }

    #[test]
    fn the_default_view_has_an_empty_query() {
        assert!(ViewState::default().to_query().is_empty());
        assert_eq!(ViewState::default().to_query_string(), "");
        assert_eq!(ViewState::from_query_string(""), ViewState::default());
    }

    #[test]
    fn a_full_view_round_trips_through_the_query_and_the_query_string() {
        let view = sample();
        assert_eq!(ViewState::from_query(view.to_query()), view);
        assert_eq!(ViewState::from_query_string(&view.to_query_string()), view);
        assert_eq!(ViewState::from_query_string(&format!("?{}", view.to_query_string())), view);
    }

    #[test]
    fn the_query_string_reads_as_expected() {
        let text = sample().to_query_string();
        assert_eq!(
            text,
            "host=ghe&ghe=octocorp&enterprise=octo-ent&tab=organizations&page=3&per_page=100&load=page&sort=last_activity&dir=desc\
             &status=inactive%2Cnever-used&team=ent%3Ajustice-league&editor=jetbrains-ic&plan=enterprise\
             &seat_org=octo-org&q=mo%20na%20%26%20co%3D1%3F&days=60&grace=0&changed=newly-idle"
        );
    }

    #[test]
    fn custom_hosts_and_the_demo_round_trip() {
        for host in [
            HostChoice::Custom(ApiBase::custom("https://ghes.example.com/api/v3").expect("a base")),
            HostChoice::Demo,
            HostChoice::GitHub,
        ] {
            let view = ViewState { host, ..ViewState::default() };
            assert_eq!(ViewState::from_query_string(&view.to_query_string()), view);
        }
    }

    #[test]
    fn direct_grants_are_kept_apart_from_a_team_called_direct() {
        for team in [TeamFilter::Direct, TeamFilter::Team("direct".into())] {
            let view =
                ViewState { grid: GridState { team: Some(team), ..GridState::default() }, ..ViewState::default() };
            assert_eq!(ViewState::from_query(view.to_query()), view);
        }
    }

    #[test]
    fn invalid_values_fall_back_to_defaults() {
        let view = ViewState::from_query_string(
            "host=ghe&ghe=Not_Valid!&org=../../admin&page=0&per_page=100000&sort=password&dir=sideways\
             &status=asleep,inactive&team=a%2Fb&editor=%00&plan=sideways&seat_org=-x&days=0&tab=secret",
        );
        let expected = ViewState {
            grid: GridState { statuses: [SeatStatus::Inactive].into_iter().collect(), ..GridState::default() },
            ..ViewState::default()
        };
        assert_eq!(view, expected);
    }

    #[test]
    fn an_organization_offers_three_tabs_and_an_enterprise_one() {
        let keys = |enterprise| ViewTab::offered(enterprise).into_iter().map(|(tab, _)| tab.key()).collect::<Vec<_>>();
        assert_eq!(keys(false), ["seats", "lookup", "manage"]);
        assert_eq!(ViewTab::offered(true), [(ViewTab::Seats, "Seats across the enterprise")]);
    }

    #[test]
    fn every_value_a_toolbar_menu_offers_survives_a_link() {
        // The toolbar offers "Not known" as a plan (key `unknown`): a link to that view keeps it.
        for plan in [PlanType::Business, PlanType::Enterprise, PlanType::Unknown] {
            let view =
                ViewState { grid: GridState { plan: Some(plan), ..GridState::default() }, ..ViewState::default() };
            assert_eq!(ViewState::from_query(view.to_query()), view, "{plan:?}");
        }
    }

    #[test]
    fn a_custom_api_address_that_is_unsafe_falls_back_to_github() {
        for url in ["http://evil.example.com", "https://user:pw@ghes.example.com", "javascript:alert(1)", ""] {
            let view = ViewState::from_query([("host", "custom"), ("api", url)]);
            assert_eq!(view.host, HostChoice::GitHub, "{url}");
        }
    }

    #[test]
    fn the_first_occurrence_of_a_key_wins_and_unknown_keys_are_ignored() {
        let view = ViewState::from_query_string("org=first&org=second&utm_source=mail&token=ghp_x");
        assert_eq!(view.scope, Some(Scope::Organization("first".into())));
        assert!(!view.to_query_string().contains("token"));
    }

    #[test]
    fn an_organization_wins_over_an_enterprise_when_both_are_given() {
        let view = ViewState::from_query([("enterprise", "ent"), ("org", "octo")]);
        assert_eq!(view.scope, Some(Scope::Organization("octo".into())));
    }

    #[test]
    fn sort_direction_defaults_to_ascending_and_long_searches_are_cut() {
        let view = ViewState::from_query_string(&format!("sort=login&q={}", "a".repeat(500)));
        assert_eq!(view.grid.sort, Some((Column::Login, SortDirection::Ascending)));
        assert_eq!(view.grid.search.len(), MAX_SEARCH_CHARS);
    }

    #[test]
    fn plus_signs_and_broken_escapes_decode_without_panicking() {
        let view = ViewState::from_query_string("q=mo+na%2&x=%FF%FE&=&&=value&key");
        assert_eq!(view.grid.search, "mo na%2");
    }

    #[test]
    fn host_choices_name_their_api() {
        assert_eq!(HostChoice::GitHub.api_base().map(|b| b.to_string()).as_deref(), Some("https://api.github.com"));
        let ghe = HostChoice::GheCom { subdomain: "octocorp".into() };
        assert_eq!(ghe.api_base().map(|b| b.to_string()).as_deref(), Some("https://api.octocorp.ghe.com"));
        assert_eq!(HostChoice::Demo.api_base(), None);
    }

    fn login() -> impl Strategy<Value = String> {
        "[a-zA-Z0-9]([a-zA-Z0-9]|-[a-zA-Z0-9]){0,15}"
    }

    fn host() -> impl Strategy<Value = HostChoice> {
        prop_oneof![
            Just(HostChoice::GitHub),
            Just(HostChoice::Demo),
            "[a-z0-9]([a-z0-9-]{0,20}[a-z0-9])?".prop_map(|subdomain| HostChoice::GheCom { subdomain }),
            "[a-z0-9]{1,10}(\\.[a-z]{2,5}){1,2}(/api/v3)?".prop_filter_map("a valid base", |host| {
                ApiBase::custom(&format!("https://{host}")).ok().map(HostChoice::Custom)
            }),
        ]
    }

    fn grid() -> impl Strategy<Value = GridState> {
        let column = prop::sample::select(Column::ALL.to_vec());
        let direction = prop_oneof![Just(SortDirection::Ascending), Just(SortDirection::Descending)];
        let team = prop_oneof![
            Just(None),
            Just(Some(TeamFilter::Direct)),
            "(ent:)?[a-z0-9]([a-z0-9_-]{0,20}[a-z0-9])?".prop_map(|slug| Some(TeamFilter::Team(slug))),
        ];
        (
            prop::option::of((column, direction)),
            prop::collection::vec(prop::sample::select(SeatStatus::ALL.to_vec()), 0..4),
            team,
            prop::option::of("[a-z][a-z0-9._-]{0,30}"),
            prop::option::of(prop_oneof![
                Just(PlanType::Business),
                Just(PlanType::Enterprise),
                Just(PlanType::Unknown)
            ]),
            prop::option::of(login()),
            "[^\\p{Cc}]{0,100}",
            (
                1..=3650_u32,
                0..=365_u32,
                prop::option::of(prop::sample::select(ChangeGroup::ALL.to_vec())),
                prop::option::of(prop::sample::select(ActivityAge::ALL.to_vec())),
            ),
        )
            .prop_map(
                |(
                    sort,
                    statuses,
                    team,
                    editor,
                    plan,
                    organization,
                    search,
                    (threshold_days, grace_days, changed, activity_age),
                )| GridState {
                    sort,
                    statuses: statuses.into_iter().collect(),
                    team,
                    editor,
                    plan,
                    organization,
                    search,
                    threshold_days,
                    grace_days,
                    changed: changed.map(ChangedFilter::group),
                    activity_age,
                },
            )
    }

    fn view() -> impl Strategy<Value = ViewState> {
        let scope =
            prop::option::of(prop_oneof![login().prop_map(Scope::Organization), login().prop_map(Scope::Enterprise),]);
        let pages = (1..100_000_usize, 1..=MAX_PAGE_SIZE, any::<bool>());
        (host(), scope, prop::sample::select(ViewTab::ALL.to_vec()), pages, grid()).prop_map(
            |(host, scope, tab, (page, per_page, first_page_only), grid)| ViewState {
                host,
                scope,
                tab,
                page,
                per_page,
                first_page_only,
                grid,
            },
        )
    }

    proptest! {
        #[test]
        fn every_valid_view_survives_the_url(view in view()) {
            prop_assert_eq!(ViewState::from_query(view.to_query()), view.clone());
            prop_assert_eq!(ViewState::from_query_string(&view.to_query_string()), view);
        }

        #[test]
        fn any_query_string_reads_without_panicking(text in ".{0,300}") {
            let view = ViewState::from_query_string(&text);
            // Whatever was read is itself a valid view, so it survives another trip.
            prop_assert_eq!(ViewState::from_query_string(&view.to_query_string()), view);
        }
    }
}
