//! The grid's four filter menus (granted by, editor, plan, organization): one spelling per value, written
//! and read back by the same functions whether it comes from a menu of the toolbar or from the URL (see
//! `view_state`), so a value chosen in a menu survives a reload and a shared link, and a value a link
//! cannot carry is not offered either.

use crate::format::count;
use crate::models::PlanType;
use crate::names::{is_valid_name, NameKind};

use super::index::{FilterOption, FilterOptions};
use super::state::{GridState, TeamFilter};

/// The longest editor key kept: GitHub's editor ids are short (`vscode`, `jetbrains-iu`).
const MAX_EDITOR_KEY_CHARS: usize = 100;

/// A menu's key for "Direct assignment": a team's key always starts with [`TEAM_KEY_PREFIX`], because a
/// team may well be called `direct`.
const DIRECT_KEY: &str = "direct";
const TEAM_KEY_PREFIX: &str = "team:";

impl TeamFilter {
    /// The team with this slug, or an enterprise team's (`ent:` followed by a slug); `None` for anything
    /// that is not a slug, so a URL cannot smuggle a path into a request.
    pub fn team(slug: &str) -> Option<Self> {
        is_valid_name(slug.strip_prefix("ent:").unwrap_or(slug), NameKind::Team).then(|| Self::Team(slug.to_owned()))
    }

    /// `direct`, or `team:` and the slug.
    pub fn key(&self) -> String {
        match self {
            Self::Direct => DIRECT_KEY.to_owned(),
            Self::Team(slug) => format!("{TEAM_KEY_PREFIX}{slug}"),
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        if key == DIRECT_KEY {
            return Some(Self::Direct);
        }
        key.strip_prefix(TEAM_KEY_PREFIX).and_then(Self::team)
    }
}

/// An editor id as `EditorInfo::key` gives it, when it is one: not empty, short, no control characters.
pub fn editor_from_key(key: &str) -> Option<String> {
    let readable = !key.is_empty() && key.chars().count() <= MAX_EDITOR_KEY_CHARS && !key.chars().any(char::is_control);
    readable.then(|| key.to_owned())
}

/// An organization login, when it is one.
pub fn organization_from_key(key: &str) -> Option<String> {
    is_valid_name(key, NameKind::Organization).then(|| key.to_owned())
}

/// A plan as GitHub spells it, `unknown` included (seats whose plan neither they nor the organization say).
pub fn plan_from_key(key: &str) -> Option<PlanType> {
    PlanType::from_key(key)
}

/// One menu of the toolbar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FilterMenu {
    GrantedBy,
    Editor,
    Plan,
    /// Enterprise seat lists only: an organization's list carries no organization.
    Organization,
}

/// One choice of a menu besides "Any": its key and what a person reads ("Direct assignment (12)").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MenuItem {
    pub key: String,
    pub text: String,
}

/// The first choice of every menu, whose key is empty: no filter.
pub const ANY_CHOICE: &str = "Any";

impl FilterMenu {
    pub const ALL: [FilterMenu; 4] = [Self::GrantedBy, Self::Editor, Self::Plan, Self::Organization];

    /// The menus of a grid, in toolbar order.
    pub fn for_grid(enterprise: bool) -> impl Iterator<Item = FilterMenu> {
        Self::ALL.into_iter().filter(move |menu| enterprise || *menu != Self::Organization)
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::GrantedBy => "Granted by",
            Self::Editor => "Editor",
            Self::Plan => "Plan",
            Self::Organization => "Organization",
        }
    }

    /// The choices for the loaded seats, each with how many seats it holds.
    pub fn items(self, options: &FilterOptions) -> Vec<MenuItem> {
        fn items<T>(options: &[FilterOption<T>], key: impl Fn(&T) -> String) -> Vec<MenuItem> {
            options
                .iter()
                .map(|option| MenuItem {
                    key: key(&option.value),
                    text: format!("{} ({})", option.label, count(option.count)),
                })
                .collect()
        }
        match self {
            Self::GrantedBy => items(&options.teams, TeamFilter::key),
            Self::Editor => items(&options.editors, String::clone),
            Self::Plan => items(&options.plans, |plan| plan.as_str().to_owned()),
            Self::Organization => items(&options.organizations, String::clone),
        }
    }

    /// The key of the choice in effect; `None` for "Any".
    pub fn chosen_key(self, state: &GridState) -> Option<String> {
        match self {
            Self::GrantedBy => state.team.as_ref().map(TeamFilter::key),
            Self::Editor => state.editor.clone(),
            Self::Plan => state.plan.map(|plan| plan.as_str().to_owned()),
            Self::Organization => state.organization.clone(),
        }
    }

    /// Applies a menu's choice: the empty key ("Any"), and a key that reads as nothing, clear the filter.
    pub fn choose(self, state: &mut GridState, key: &str) {
        match self {
            Self::GrantedBy => state.team = TeamFilter::from_key(key),
            Self::Editor => state.editor = editor_from_key(key),
            Self::Plan => state.plan = plan_from_key(key),
            Self::Organization => state.organization = organization_from_key(key),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn options() -> FilterOptions {
        let option = |value, label: &str, count| FilterOption { value, label: label.to_owned(), count };
        FilterOptions {
            teams: vec![
                option(TeamFilter::Direct, "Direct assignment", 1200),
                option(TeamFilter::Team("direct".into()), "Direct (the team)", 3),
                option(TeamFilter::Team("ent:platform".into()), "Platform", 40),
            ],
            editors: vec![FilterOption { value: "vscode".into(), label: "VS Code".into(), count: 7 }],
            plans: vec![
                FilterOption { value: PlanType::Business, label: "Business".into(), count: 5 },
                FilterOption { value: PlanType::Unknown, label: "Not known".into(), count: 2 },
            ],
            organizations: vec![FilterOption { value: "acme".into(), label: "acme".into(), count: 9 }],
        }
    }

    #[test]
    fn every_offered_choice_is_read_back_by_the_menu_that_offered_it() {
        let options = options();
        for menu in FilterMenu::ALL {
            for item in menu.items(&options) {
                let mut state = GridState::default();
                menu.choose(&mut state, &item.key);
                assert_eq!(menu.chosen_key(&state).as_deref(), Some(item.key.as_str()), "{menu:?} {}", item.key);
            }
        }
    }

    #[test]
    fn a_team_called_direct_is_not_mistaken_for_direct_assignment() {
        assert_eq!(TeamFilter::from_key("direct"), Some(TeamFilter::Direct));
        assert_eq!(TeamFilter::from_key("team:direct"), Some(TeamFilter::Team("direct".into())));
        assert_ne!(TeamFilter::Direct.key(), TeamFilter::Team("direct".into()).key());
    }

    #[test]
    fn any_and_unreadable_keys_clear_the_filter() {
        let mut state =
            GridState { plan: Some(PlanType::Business), team: Some(TeamFilter::Direct), ..Default::default() };
        FilterMenu::Plan.choose(&mut state, "");
        FilterMenu::GrantedBy.choose(&mut state, "team:../../orgs");
        assert_eq!((state.plan, state.team), (None, None));
        assert_eq!(editor_from_key("vs\ncode"), None);
        assert_eq!(editor_from_key(&"x".repeat(101)), None);
        assert_eq!(organization_from_key("not an org"), None);
    }

    #[test]
    fn menus_show_counts_with_thousands_separators_and_the_plan_not_known_is_offered() {
        let items = FilterMenu::GrantedBy.items(&options());
        assert_eq!(items[0], MenuItem { key: "direct".into(), text: "Direct assignment (1,200)".into() });
        assert_eq!(FilterMenu::Plan.items(&options())[1].key, "unknown");
        assert_eq!(plan_from_key("unknown"), Some(PlanType::Unknown));
    }

    #[test]
    fn only_an_enterprise_grid_has_the_organization_menu() {
        assert!(!FilterMenu::for_grid(false).any(|menu| menu == FilterMenu::Organization));
        assert_eq!(FilterMenu::for_grid(true).count(), 4);
    }
}
