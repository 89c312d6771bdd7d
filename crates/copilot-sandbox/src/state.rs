//! The sandbox's world: an enterprise, its organizations, their members, teams, invitations and seats.
//!
//! Stored compactly (indexes, epochs, small strings) so 100,000 seats stay small and fast; GitHub's verbose
//! objects are rendered only for the page being answered (see `render`).

use chrono::NaiveDate;
use copilot_api::{FeaturePolicy, PlanType, PublicCodeSuggestions, SeatManagementSetting};

use crate::clock::Epoch;
use crate::faults::Faults;
use crate::limits::RateLimits;
use crate::options::GenerateOptions;
use crate::redirect::Redirect;
use crate::tokens::TokenGrant;
use rustc_hash::{FxHashMap, FxHashSet};

/// An index into `State::users`.
pub type UserId = u32;

/// A GitHub account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct User {
    pub login: String,
    pub id: u64,
}

/// An organization's Copilot settings, and the switches that produce each documented refusal. Serialized
/// as the state dump and the settings endpoint show it (field names are the JSON keys).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct OrgSettings {
    pub seat_management_setting: SeatManagementSetting,
    pub public_code_suggestions: PublicCodeSuggestions,
    pub ide_chat: FeaturePolicy,
    pub platform_chat: FeaturePolicy,
    pub cli: FeaturePolicy,
    pub plan_type: PlanType,
    /// Copilot Business or Enterprise is enabled for the organization.
    pub copilot_enabled: bool,
    pub billing_set_up: bool,
    /// A problem with the payment method: the billing summary answers 422.
    pub payment_problem: bool,
    /// The organization enforces SAML single sign-on: tokens not authorized for it get 403 with `X-GitHub-SSO`.
    pub saml_enforced: bool,
    /// The organization's personal access token policy refuses classic tokens (403 "forbids access via a
    /// personal access token (classic)").
    pub forbid_classic_tokens: bool,
    /// The longest lifetime, in days, the organization allows a fine-grained token; longer ones (and ones
    /// that never expire) get 403 "forbids access via a fine-grained personal access tokens if …".
    pub fine_grained_max_lifetime_days: Option<u32>,
}

impl OrgSettings {
    pub fn new(plan_type: PlanType) -> Self {
        Self {
            seat_management_setting: SeatManagementSetting::AssignSelected,
            public_code_suggestions: PublicCodeSuggestions::Block,
            ide_chat: FeaturePolicy::Enabled,
            platform_chat: FeaturePolicy::Enabled,
            cli: FeaturePolicy::Enabled,
            plan_type,
            copilot_enabled: true,
            billing_set_up: true,
            payment_problem: false,
            saml_enforced: false,
            forbid_classic_tokens: false,
            fine_grained_max_lifetime_days: None,
        }
    }
}

/// An organization team.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TeamRecord {
    pub id: u64,
    pub name: String,
    pub slug: String,
    pub description: Option<String>,
    pub members: Vec<UserId>,
    /// Selected for Copilot: every member has a seat through it.
    pub copilot: bool,
}

/// One Copilot seat: a user's access through one organization or enterprise team.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeatRecord {
    pub user: UserId,
    /// The team (an index into the organization's or the enterprise's teams) the seat was granted through.
    pub assigning_team: Option<u32>,
    /// The user was also selected by name (`selected_usernames`).
    pub direct: bool,
    pub created_at: Epoch,
    pub updated_at: Epoch,
    pub pending_cancellation_date: Option<NaiveDate>,
    pub last_activity_at: Option<Epoch>,
    /// An index into `generate::EDITORS`.
    pub last_activity_editor: Option<u16>,
    pub last_authenticated_at: Option<Epoch>,
    pub plan_type: PlanType,
}

/// An invitation to join an organization that has not been accepted yet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invitation {
    pub user: UserId,
    pub invited_at: Epoch,
    /// A Copilot seat was asked for the invitee: it counts as `pending_invitation` in the breakdown.
    pub seat_requested: bool,
}

/// An organization of the enterprise.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Org {
    pub login: String,
    pub id: u64,
    pub description: Option<String>,
    pub settings: OrgSettings,
    /// Every member, owners and billing managers included, in the order they joined.
    pub members: Vec<UserId>,
    pub(crate) member_set: FxHashSet<UserId>,
    pub owners: Vec<UserId>,
    pub billing_managers: Vec<UserId>,
    pub teams: Vec<TeamRecord>,
    pub(crate) team_index: FxHashMap<String, u32>,
    /// In the order GitHub lists them: oldest grant first, new seats at the end.
    pub seats: Vec<SeatRecord>,
    pub(crate) seat_index: FxHashMap<UserId, usize>,
    pub invitations: Vec<Invitation>,
}

impl Org {
    pub fn new(login: String, id: u64, settings: OrgSettings) -> Self {
        Self {
            login,
            id,
            description: None,
            settings,
            members: Vec::new(),
            member_set: FxHashSet::default(),
            owners: Vec::new(),
            billing_managers: Vec::new(),
            teams: Vec::new(),
            team_index: FxHashMap::default(),
            seats: Vec::new(),
            seat_index: FxHashMap::default(),
            invitations: Vec::new(),
        }
    }

    pub fn add_member(&mut self, user: UserId) {
        if self.member_set.insert(user) {
            self.members.push(user);
        }
    }

    pub fn is_member(&self, user: UserId) -> bool {
        self.member_set.contains(&user)
    }

    pub fn add_team(&mut self, team: TeamRecord) -> u32 {
        let index = u32::try_from(self.teams.len()).unwrap_or(u32::MAX);
        self.team_index.insert(team.slug.to_ascii_lowercase(), index);
        self.team_index.entry(team.name.to_ascii_lowercase()).or_insert(index);
        self.teams.push(team);
        index
    }

    /// A team by slug or name, any case.
    pub fn team_named(&self, name: &str) -> Option<u32> {
        self.team_index.get(&name.trim().to_ascii_lowercase()).copied()
    }

    pub fn seat_of(&self, user: UserId) -> Option<&SeatRecord> {
        self.seat_index.get(&user).and_then(|&index| self.seats.get(index))
    }

    pub(crate) fn seat_of_mut(&mut self, user: UserId) -> Option<&mut SeatRecord> {
        let index = *self.seat_index.get(&user)?;
        self.seats.get_mut(index)
    }

    pub fn push_seat(&mut self, seat: SeatRecord) {
        self.seat_index.insert(seat.user, self.seats.len());
        self.seats.push(seat);
    }

    /// Re-sorts seats oldest first and rebuilds the index (after generation).
    pub(crate) fn sort_seats(&mut self) {
        self.seats.sort_by_key(|seat| (seat.created_at, seat.user));
        self.reindex_seats();
    }

    fn reindex_seats(&mut self) {
        self.seat_index = self.seats.iter().enumerate().map(|(index, seat)| (seat.user, index)).collect();
    }

    /// Drops the seats whose cancellation date has come.
    pub(crate) fn expire_seats(&mut self, today: NaiveDate) {
        let before = self.seats.len();
        self.seats.retain(|seat| seat.pending_cancellation_date.is_none_or(|date| date > today));
        if self.seats.len() != before {
            self.reindex_seats();
        }
    }

    pub fn invitation_of(&self, user: UserId) -> Option<&Invitation> {
        self.invitations.iter().find(|invitation| invitation.user == user)
    }

    /// Marks an invitee's seat as asked for, or no longer asked for (no-op for a user with no invitation).
    pub(crate) fn set_seat_requested(&mut self, user: UserId, requested: bool) {
        if let Some(invitation) = self.invitations.iter_mut().find(|invitation| invitation.user == user) {
            invitation.seat_requested = requested;
        }
    }

    /// The users who have Copilot through a selected team of this organization.
    pub(crate) fn team_covered_users(&self) -> FxHashSet<UserId> {
        self.teams.iter().filter(|team| team.copilot).flat_map(|team| team.members.iter().copied()).collect()
    }
}

/// An enterprise team: grants seats across the enterprise, not through one organization.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnterpriseTeamRecord {
    pub id: u64,
    pub name: String,
    pub slug: String,
    pub created_at: Epoch,
    pub members: Vec<UserId>,
    pub seats: Vec<SeatRecord>,
}

/// The enterprise that holds every organization.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Enterprise {
    pub slug: String,
    pub name: String,
    pub id: u64,
    pub owners: Vec<UserId>,
    pub billing_managers: Vec<UserId>,
    pub teams: Vec<EnterpriseTeamRecord>,
}

/// Everything the handler reads and changes. `handle` is the only way in from the outside.
#[derive(Debug, Clone)]
pub struct State {
    pub(crate) options: GenerateOptions,
    /// When the data was generated: `POST /_sandbox/reset` regenerates from the same instant.
    pub(crate) generated_at: Epoch,
    pub enterprise: Enterprise,
    pub users: Vec<User>,
    pub(crate) user_index: FxHashMap<String, UserId>,
    pub orgs: Vec<Org>,
    pub tokens: Vec<TokenGrant>,
    pub(crate) limits: RateLimits,
    pub(crate) faults: Faults,
    /// The faults the sandbox started with: a reset goes back to them.
    pub(crate) initial_faults: Faults,
    pub(crate) requests_seen: u64,
    /// The redirect switch and the requests that followed it (see `redirect`).
    pub(crate) redirect: Redirect,
    /// The earliest pending cancellation date, so expiring seats costs nothing on most requests.
    pub(crate) next_expiry: Option<NaiveDate>,
}

impl State {
    pub fn user(&self, id: UserId) -> Option<&User> {
        self.users.get(usize::try_from(id).ok()?)
    }

    pub fn login(&self, id: UserId) -> &str {
        self.user(id).map_or("ghost", |user| user.login.as_str())
    }

    /// A user by login, any case.
    pub fn user_named(&self, login: &str) -> Option<UserId> {
        self.user_index.get(&login.trim().to_ascii_lowercase()).copied()
    }

    /// An organization by login, any case (GitHub: "The name is not case sensitive").
    pub fn org_index(&self, login: &str) -> Option<usize> {
        self.orgs.iter().position(|org| org.login.eq_ignore_ascii_case(login))
    }

    pub fn org(&self, login: &str) -> Option<&Org> {
        self.org_index(login).and_then(|index| self.orgs.get(index))
    }

    pub fn token(&self, value: &str) -> Option<&TokenGrant> {
        self.tokens.iter().find(|token| token.value == value)
    }

    /// The options the data was generated from.
    pub fn options(&self) -> &GenerateOptions {
        &self.options
    }

    pub fn redirect(&self) -> &Redirect {
        &self.redirect
    }

    pub fn faults(&self) -> &Faults {
        &self.faults
    }

    pub fn set_faults(&mut self, faults: Faults) {
        self.faults = faults;
    }

    /// The primary rate limit per token and hour.
    pub fn rate_limit(&self) -> u32 {
        self.limits.primary_limit
    }

    pub fn set_rate_limit(&mut self, per_hour: u32) {
        self.limits.primary_limit = per_hour;
    }

    pub(crate) fn add_user(&mut self, login: String, id: u64) -> UserId {
        let index = UserId::try_from(self.users.len()).unwrap_or(UserId::MAX);
        self.user_index.insert(login.to_ascii_lowercase(), index);
        self.users.push(User { login, id });
        index
    }

    /// Recomputes the earliest pending cancellation date.
    pub(crate) fn refresh_next_expiry(&mut self) {
        let org_dates = self.orgs.iter().flat_map(|org| org.seats.iter());
        let team_dates = self.enterprise.teams.iter().flat_map(|team| team.seats.iter());
        self.next_expiry = org_dates.chain(team_dates).filter_map(|seat| seat.pending_cancellation_date).min();
    }

    /// Removes the seats whose cancellation date has come (`today` in UTC).
    pub(crate) fn expire_seats(&mut self, today: NaiveDate) {
        if self.next_expiry.is_none_or(|date| date > today) {
            return;
        }
        for org in &mut self.orgs {
            org.expire_seats(today);
        }
        for team in &mut self.enterprise.teams {
            team.seats.retain(|seat| seat.pending_cancellation_date.is_none_or(|date| date > today));
        }
        self.refresh_next_expiry();
    }

    /// Notes a new pending cancellation date.
    pub(crate) fn note_pending(&mut self, date: NaiveDate) {
        self.next_expiry = Some(self.next_expiry.map_or(date, |current| current.min(date)));
    }
}
