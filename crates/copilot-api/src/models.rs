//! Request and response bodies of GitHub's eight Copilot seat operations.
//!
//! Two shapes of the documents are real (the older beta one and the newer preview one), so every field
//! the official schema does not require is an `Option`, and every enum keeps an `Unknown` variant: a value
//! GitHub adds tomorrow must not break today's parsing. Fields GitHub marks `nullable` serialize as `null`
//! when absent; the others are left out, so what we serialize validates against the official schema.

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};

mod lenient;
pub mod timestamp;

/// A timestamp as GitHub sends it: RFC 3339 with an offset (the examples use `-06:00`).
pub type Timestamp = DateTime<FixedOffset>;

macro_rules! open_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident => $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        pub enum $name {
            $($(#[$vmeta])* #[serde(rename = $text)] $variant,)+
            /// A value this version of the app does not know yet.
            #[serde(other, rename = "unknown")]
            Unknown,
        }

        impl $name {
            /// The value as GitHub spells it.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Self::$variant => $text,)+
                    Self::Unknown => "unknown",
                }
            }

            /// Reads back what [`Self::as_str`] writes (`"unknown"` included); `None` for any other text.
            pub fn from_key(key: &str) -> Option<Self> {
                match key {
                    $($text => Some(Self::$variant),)+
                    "unknown" => Some(Self::Unknown),
                    _ => None,
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

open_enum!(
    /// Who gets a seat: everyone, selected users and teams, nobody.
    SeatManagementSetting {
        AssignAll => "assign_all",
        AssignSelected => "assign_selected",
        Disabled => "disabled",
        Unconfigured => "unconfigured",
    }
);

open_enum!(
    /// Whether suggestions matching public code are allowed.
    PublicCodeSuggestions {
        Allow => "allow",
        Block => "block",
        Unconfigured => "unconfigured",
    }
);

open_enum!(
    /// A Copilot feature policy (IDE chat, platform chat, CLI).
    FeaturePolicy {
        Enabled => "enabled",
        Disabled => "disabled",
        Unconfigured => "unconfigured",
    }
);

open_enum!(
    /// The Copilot plan a seat or organization is billed on.
    PlanType {
        Business => "business",
        Enterprise => "enterprise",
    }
);

open_enum!(
    /// Whether a team belongs to an organization or to the enterprise.
    TeamType {
        Enterprise => "enterprise",
        Organization => "organization",
    }
);

/// `simple-user`: the account a seat is assigned to.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SimpleUser {
    pub login: String,
    #[serde(deserialize_with = "lenient::id")]
    pub id: u64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub node_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub avatar_url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gravatar_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub html_url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub followers_url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub following_url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gists_url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub starred_url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subscriptions_url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organizations_url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub repos_url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub events_url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub received_events_url: Option<String>,
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub account_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub site_admin: Option<bool>,
}

/// `organization-simple`: the organization a seat belongs to (enterprise seat lists carry it).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct OrganizationSimple {
    pub login: String,
    #[serde(deserialize_with = "lenient::id")]
    pub id: u64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub node_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub repos_url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub events_url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hooks_url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issues_url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub members_url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub public_members_url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub avatar_url: Option<String>,
    /// Nullable in the schema, and required: always written, as `null` when absent.
    #[serde(default)]
    pub description: Option<String>,
}

/// `team`: an organization team that grants seats.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Team {
    #[serde(deserialize_with = "lenient::id")]
    pub id: u64,
    pub name: String,
    pub slug: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub node_id: Option<String>,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub privacy: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notification_setting: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub permission: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub html_url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub members_url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub repositories_url: Option<String>,
    /// `nullable-team-simple`, kept as raw JSON: the app never reads it.
    #[serde(default)]
    pub parent: Option<serde_json::Value>,
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub team_type: Option<TeamType>,
    #[serde(default, deserialize_with = "lenient::count", skip_serializing_if = "Option::is_none")]
    pub organization_id: Option<u64>,
    #[serde(default, deserialize_with = "lenient::count", skip_serializing_if = "Option::is_none")]
    pub enterprise_id: Option<u64>,
}

/// `enterprise-team`: an enterprise team that grants seats across organizations.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EnterpriseTeam {
    #[serde(deserialize_with = "lenient::id")]
    pub id: u64,
    pub name: String,
    pub slug: String,
    /// Required by the schema and only present on enterprise teams: what tells the two kinds apart.
    #[serde(deserialize_with = "timestamp::timestamp")]
    pub created_at: Timestamp,
    #[serde(deserialize_with = "timestamp::timestamp")]
    pub updated_at: Timestamp,
    pub group_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub html_url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub members_url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sync_to_organizations: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organization_selection_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notification_setting: Option<String>,
}

/// The team through which a seat was granted: an organization team or an enterprise team.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum AssigningTeam {
    // Enterprise first: its required `created_at`/`group_id` are what an organization team lacks.
    Enterprise(EnterpriseTeam),
    Organization(Team),
    /// A team this app cannot read as either shape (a field out of range or of another type): kept as
    /// GitHub sent it, shown as [`UNKNOWN_TEAM`], so that one odd team never fails its seat or its page.
    Unknown(serde_json::Value),
}

/// How a team the app cannot read is shown and exported.
pub const UNKNOWN_TEAM: &str = "unknown team";

impl AssigningTeam {
    pub fn name(&self) -> &str {
        match self {
            Self::Enterprise(team) => &team.name,
            Self::Organization(team) => &team.name,
            Self::Unknown(raw) => raw.get("name").and_then(serde_json::Value::as_str).unwrap_or(UNKNOWN_TEAM),
        }
    }

    pub fn slug(&self) -> &str {
        match self {
            Self::Enterprise(team) => &team.slug,
            Self::Organization(team) => &team.slug,
            Self::Unknown(raw) => raw.get("slug").and_then(serde_json::Value::as_str).unwrap_or(UNKNOWN_TEAM),
        }
    }

    pub fn is_enterprise_team(&self) -> bool {
        matches!(self, Self::Enterprise(_))
            || matches!(self, Self::Organization(team) if team.team_type == Some(TeamType::Enterprise))
    }
}

/// `copilot-seat-details`: one Copilot seat.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Seat {
    /// Nullable in the schema (a deleted account); the app shows it as a ghost.
    #[serde(default)]
    pub assignee: Option<SimpleUser>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organization: Option<OrganizationSimple>,
    #[serde(default)]
    pub assigning_team: Option<AssigningTeam>,
    #[serde(default, deserialize_with = "timestamp::optional_date")]
    pub pending_cancellation_date: Option<NaiveDate>,
    #[serde(default, deserialize_with = "timestamp::optional_timestamp")]
    pub last_activity_at: Option<Timestamp>,
    #[serde(default)]
    pub last_activity_editor: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "timestamp::optional_timestamp")]
    pub last_authenticated_at: Option<Timestamp>,
    #[serde(deserialize_with = "timestamp::timestamp")]
    pub created_at: Timestamp,
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "timestamp::optional_timestamp")]
    pub updated_at: Option<Timestamp>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plan_type: Option<PlanType>,
}

impl Seat {
    /// The assignee's login, or `None` for a seat whose account is gone.
    pub fn login(&self) -> Option<&str> {
        self.assignee.as_ref().map(|user| user.login.as_str())
    }

    /// Drops what the app never shows or exports: API links, node ids, avatars and team details. The
    /// profile link (`html_url`), names, logins, ids, times, editor and plan stay. A seat as GitHub sends it
    /// carries about twenty such strings; 100,000 seats kept whole hold hundreds of megabytes, which the
    /// page never gets back (WebAssembly memory only grows).
    pub fn drop_unshown_fields(&mut self) {
        if let Some(user) = &mut self.assignee {
            *user = SimpleUser {
                login: std::mem::take(&mut user.login),
                id: user.id,
                name: user.name.take(),
                html_url: user.html_url.take(),
                account_type: user.account_type.take(),
                ..SimpleUser::default()
            };
        }
        if let Some(organization) = &mut self.organization {
            *organization = OrganizationSimple {
                login: std::mem::take(&mut organization.login),
                id: organization.id,
                ..OrganizationSimple::default()
            };
        }
        match &mut self.assigning_team {
            Some(AssigningTeam::Organization(team)) => {
                *team = Team {
                    id: team.id,
                    name: std::mem::take(&mut team.name),
                    slug: std::mem::take(&mut team.slug),
                    team_type: team.team_type,
                    ..Team::default()
                };
            }
            Some(AssigningTeam::Enterprise(team)) => {
                team.description = None;
                team.url = None;
                team.html_url = None;
                team.members_url = None;
                team.group_id = None;
                team.group_name = None;
                team.sync_to_organizations = None;
                team.organization_selection_type = None;
                team.notification_setting = None;
            }
            Some(AssigningTeam::Unknown(_)) | None => {}
        }
    }
}

/// `copilot-organization-seat-breakdown`: every field is optional in the schema.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SeatBreakdown {
    #[serde(default, deserialize_with = "lenient::count", skip_serializing_if = "Option::is_none")]
    pub total: Option<u64>,
    #[serde(default, deserialize_with = "lenient::count", skip_serializing_if = "Option::is_none")]
    pub added_this_cycle: Option<u64>,
    #[serde(default, deserialize_with = "lenient::count", skip_serializing_if = "Option::is_none")]
    pub pending_cancellation: Option<u64>,
    #[serde(default, deserialize_with = "lenient::count", skip_serializing_if = "Option::is_none")]
    pub pending_invitation: Option<u64>,
    #[serde(default, deserialize_with = "lenient::count", skip_serializing_if = "Option::is_none")]
    pub active_this_cycle: Option<u64>,
    #[serde(default, deserialize_with = "lenient::count", skip_serializing_if = "Option::is_none")]
    pub inactive_this_cycle: Option<u64>,
}

/// `copilot-organization-details`: the billing summary of `GET /orgs/{org}/copilot/billing`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OrganizationBilling {
    pub seat_breakdown: SeatBreakdown,
    pub public_code_suggestions: PublicCodeSuggestions,
    pub seat_management_setting: SeatManagementSetting,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ide_chat: Option<FeaturePolicy>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub platform_chat: Option<FeaturePolicy>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cli: Option<FeaturePolicy>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plan_type: Option<PlanType>,
}

/// One page of `GET …/copilot/billing/seats` (organization or enterprise).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SeatPage {
    #[serde(default, deserialize_with = "lenient::count", skip_serializing_if = "Option::is_none")]
    pub total_seats: Option<u64>,
    #[serde(default)]
    pub seats: Vec<Seat>,
}

/// The answer to adding users or teams: new seats plus refreshed ones.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct SeatsCreated {
    #[serde(deserialize_with = "lenient::required_count")]
    pub seats_created: u64,
}

/// The answer to removing users or teams: seats set to pending cancellation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct SeatsCancelled {
    #[serde(deserialize_with = "lenient::required_count")]
    pub seats_cancelled: u64,
}

/// Body of the user operations (`POST`/`DELETE …/selected_users`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SelectedUsers {
    pub selected_usernames: Vec<String>,
}

/// Body of the team operations (`POST`/`DELETE …/selected_teams`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SelectedTeams {
    pub selected_teams: Vec<String>,
}

/// `basic-error`: what GitHub sends with a 4xx or 5xx.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct BasicError {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub documentation_url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// GitHub sends the status as a string (`"404"`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    /// Validation details on some 422s; kept raw since their shape varies.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub errors: Option<serde_json::Value>,
}

impl SeatManagementSetting {
    /// Whether seats can be assigned and revoked per user and team through the API.
    pub fn allows_assignment_through_api(self) -> bool {
        self == Self::AssignSelected
    }

    /// What the setting means for an admin, including what it means for this app's buttons.
    pub fn meaning(self) -> &'static str {
        match self {
            Self::AssignSelected => "Seats go to the users and teams an owner selects; they can be assigned and revoked here.",
            Self::AssignAll => "Every member gets a seat automatically. GitHub refuses per-user or per-team assignment and revocation through the API while this is set; change it under Settings → Copilot → Access on GitHub to manage seats here.",
            Self::Disabled => "Copilot is disabled for this organization: no seats can be assigned. Enable it under Settings → Copilot → Access on GitHub.",
            Self::Unconfigured => "Seat management has not been configured yet, so GitHub refuses assignments through the API. Choose \"selected members\" under Settings → Copilot → Access on GitHub.",
            Self::Unknown => "GitHub reported a seat-management setting this app does not know yet; assignments may be refused.",
        }
    }
}

impl PublicCodeSuggestions {
    pub fn meaning(self) -> &'static str {
        match self {
            Self::Allow => "Suggestions matching public code are allowed.",
            Self::Block => "Suggestions matching public code are blocked.",
            Self::Unconfigured => "No policy set: GitHub refuses to assign seats until one is chosen.",
            Self::Unknown => "A value this app does not know yet.",
        }
    }
}
