//! Realistic, deterministic data: the same seed gives the same enterprise, byte for byte.
//!
//! - `acme` has exactly `seats` seats; `acme-2` … `acme-K` have a quarter as many each (rounded down). Half
//!   of the seat holders of each other organization also hold a seat in `acme`, so the enterprise list has
//!   more grants than unique users.
//! - About 40 % of seats come through teams (60 % of the teams are selected for Copilot), some users are in
//!   two selected teams, and a few have both a direct and a team grant; the rest are direct.
//! - Activity: about half used Copilot in the last week, others weeks or months ago, about 12 % never
//!   (`last_activity_at` null); about 5 % of direct seats are pending cancellation; about 12 % were added this
//!   billing cycle.
//! - Every organization also has members without a seat (a tenth as many plus a few) and a few pending
//!   invitations, most of them with a seat requested.
//! - One enterprise team, `copilot-champions`, grants seats across the enterprise (when `acme` has at least
//!   20 seats).

use chrono::{DateTime, Utc};
use copilot_api::PlanType;

use crate::clock::{cycle_start, midnight, next_cycle_start, Epoch, DAY};
use crate::faults::Faults;
use crate::limits::RateLimits;
use crate::options::GenerateOptions;
use crate::rng::Rng;
use crate::state::{
    Enterprise, EnterpriseTeamRecord, Invitation, Org, OrgSettings, SeatRecord, State, TeamRecord, UserId,
};
use crate::tokens::{all_tokens, BILLING_MANAGER_LOGIN, MEMBER_LOGIN, OWNER_LOGIN};

pub const ENTERPRISE_SLUG: &str = "acme-corp";
pub const FIRST_ORG: &str = "acme";

/// Editors as GitHub reports them in `last_activity_editor`.
pub const EDITORS: &[&str] = &[
    "vscode/1.96.2/copilot/1.254.0",
    "vscode/1.95.3/copilot-chat/0.22.4",
    "vscode/1.77.3/copilot/1.86.82",
    "vscode/1.98.0/copilot-chat/0.25.1",
    "JetBrains-IU/243.22562.218/copilot-intellij/1.5.30.7580",
    "JetBrains-PY/242.23339.19/copilot-intellij/1.5.29.7524",
    "JetBrains-GO/243.21565.208/copilot-intellij/1.5.30.7580",
    "VisualStudio/17.12.35527.113/copilot-vs/1.206.0.0",
    "VisualStudio/17.8.34322.80/copilot-vs/1.148.0.0",
    "Neovim/0.10.2/copilot.vim/1.41.0",
    "Neovim/0.9.5/copilot.lua/1.39.0",
    "Xcode/16.2/copilot-xcode/0.27.0",
    "copilot_cli/1.0.11",
    "GitHub.com/web",
];
/// How often each editor is seen, in the order above.
const EDITOR_WEIGHTS: &[u32] = &[30, 14, 6, 10, 9, 5, 3, 6, 2, 4, 2, 3, 2, 4];

const FIRST_NAMES: &[&str] = &[
    "ada", "alan", "alex", "amara", "ana", "arjun", "bea", "ben", "carla", "chen", "chloe", "dan", "dara", "diego",
    "elena", "emeka", "emma", "eva", "farah", "felix", "grace", "hana", "hugo", "ines", "ivan", "jade", "jamal", "jin",
    "joao", "julia", "kai", "kenji", "lara", "leo", "lina", "luca", "maya", "mei", "mila", "nadia", "nia", "noah",
    "olga", "omar", "priya", "rafael", "rosa", "sam", "sara", "sofia", "tariq", "tom", "uma", "vera", "wei", "yara",
    "yusuf", "zara", "zoe", "ravi",
];
const LAST_NAMES: &[&str] = &[
    "adeyemi", "alvarez", "anderson", "bauer", "becker", "chen", "costa", "dubois", "evans", "fischer", "garcia",
    "gupta", "haddad", "hansen", "ito", "jensen", "kim", "kowalski", "kumar", "larsen", "lee", "lopez", "martin",
    "meyer", "moreau", "mueller", "nakamura", "nguyen", "novak", "okafor", "olsen", "park", "patel", "perez", "petrov",
    "rossi", "santos", "sato", "schmidt", "silva", "singh", "smith", "suzuki", "tanaka", "taylor", "thomas", "wagner",
    "wang", "weber", "wilson", "wong", "yilmaz", "zhang", "ivanova", "murphy", "oconnor",
];
const TEAM_NAMES: &[&str] = &[
    "Platform Engineering",
    "Frontend",
    "Backend",
    "Data Science",
    "Mobile",
    "Site Reliability",
    "Security",
    "Developer Experience",
    "Machine Learning",
    "Payments",
    "Design Systems",
    "QA Automation",
    "Infrastructure",
    "Growth",
    "Search",
    "Identity",
    "Analytics",
    "Developer Relations",
    "Support Engineering",
    "Contractors",
];

/// Builds the enterprise. Never panics, whatever the options.
pub fn generate(options: &GenerateOptions, now: DateTime<Utc>) -> State {
    Generator::new(options, now).run()
}

struct Generator<'a> {
    options: &'a GenerateOptions,
    now: Epoch,
    cycle_start: Epoch,
    next_cycle: chrono::NaiveDate,
    state: State,
    next_user_id: u64,
    next_team_id: u64,
    names: Rng,
}

impl<'a> Generator<'a> {
    fn new(options: &'a GenerateOptions, now: DateTime<Utc>) -> Self {
        let mut ids = Rng::derive(options.seed, 1);
        let state = State {
            options: options.clone(),
            generated_at: now.timestamp(),
            enterprise: Enterprise {
                slug: ENTERPRISE_SLUG.to_owned(),
                name: "Acme Corporation".to_owned(),
                id: 10_000 + ids.below(90_000),
                owners: Vec::new(),
                billing_managers: Vec::new(),
                teams: Vec::new(),
            },
            users: Vec::new(),
            user_index: Default::default(),
            orgs: Vec::new(),
            tokens: all_tokens(),
            limits: RateLimits::new(options.rate_limit),
            faults: Faults::default(),
            initial_faults: Faults::default(),
            requests_seen: 0,
            redirect: Default::default(),
            next_expiry: None,
        };
        Self {
            options,
            now: now.timestamp(),
            cycle_start: midnight(cycle_start(now)),
            next_cycle: next_cycle_start(now),
            state,
            next_user_id: 1_000_000 + ids.below(90_000_000),
            next_team_id: 100_000 + ids.below(9_000_000),
            names: Rng::derive(options.seed, 2),
        }
    }

    fn run(mut self) -> State {
        let owner = self.named_user(OWNER_LOGIN);
        let member = self.named_user(MEMBER_LOGIN);
        let billing = self.named_user(BILLING_MANAGER_LOGIN);
        self.state.enterprise.owners.push(owner);
        self.state.enterprise.billing_managers.push(billing);

        let org_count = self.options.orgs.max(1);
        let mut acme_holders: Vec<UserId> = Vec::new();
        for number in 1..=org_count {
            let login = if number == 1 { FIRST_ORG.to_owned() } else { format!("{FIRST_ORG}-{number}") };
            let seats = if number == 1 { self.options.seats } else { self.options.seats / 4 };
            let teams = if number == 1 { self.options.teams } else { self.options.teams.min(4) };
            let mut rng = Rng::derive(self.options.seed, 100 + number as u64);
            // Half the holders of the other organizations come from acme's.
            let mut shared: Vec<UserId> = Vec::new();
            if number > 1 {
                let mut pool = acme_holders.clone();
                rng.shuffle(&mut pool);
                pool.truncate(seats / 2);
                shared = pool;
            }
            let holders = self.generate_org(&login, number, seats, teams, shared, [owner, member, billing], &mut rng);
            if number == 1 {
                acme_holders = holders;
            }
        }
        self.generate_enterprise_team(&acme_holders);
        self.state.refresh_next_expiry();
        self.state
    }

    fn named_user(&mut self, login: &str) -> UserId {
        let id = self.next_user_id;
        self.next_user_id += 1;
        self.state.add_user(login.to_owned(), id)
    }

    fn new_user(&mut self) -> UserId {
        let login = self.fresh_login();
        let id = self.next_user_id;
        self.next_user_id += 1;
        self.state.add_user(login, id)
    }

    /// A login that looks like a person's and is not taken (GitHub logins are unique without case). After a
    /// first try, a number is added: the plain name patterns run out long before 100,000 people.
    fn fresh_login(&mut self) -> String {
        let rng = &mut self.names;
        let taken = &self.state.user_index;
        let first = rng.pick(FIRST_NAMES).copied().unwrap_or("user");
        let last = rng.pick(LAST_NAMES).copied().unwrap_or("dev");
        let base = match rng.below(6) {
            0 => format!("{first}-{last}"),
            1 => format!("{first}{last}"),
            2 => format!("{}{last}", &first[..1]),
            3 => format!("{first}-{last}-{}", rng.between(2, 99)),
            4 => format!("{}{}", capitalized(first), capitalized(last)),
            _ => format!("{first}{}", rng.between(1, 9999)),
        };
        if !taken.contains_key(&base.to_ascii_lowercase()) {
            return base;
        }
        for _ in 0..16 {
            let candidate = format!("{base}{}", rng.between(2, 9999));
            if !taken.contains_key(&candidate.to_ascii_lowercase()) {
                return candidate;
            }
        }
        let mut suffix = self.state.users.len();
        loop {
            let candidate = format!("{base}x{suffix}");
            if !taken.contains_key(&candidate.to_ascii_lowercase()) {
                return candidate;
            }
            suffix += 1;
        }
    }

    /// Generates one organization and returns its seat holders.
    #[allow(clippy::too_many_arguments)]
    fn generate_org(
        &mut self,
        login: &str,
        number: usize,
        seat_count: usize,
        team_count: usize,
        shared_holders: Vec<UserId>,
        [owner, member, billing]: [UserId; 3],
        rng: &mut Rng,
    ) -> Vec<UserId> {
        let plan_type = if number % 2 == 1 { PlanType::Business } else { PlanType::Enterprise };
        let id = 5_000_000 + self.state.enterprise.id * 10 + number as u64;
        let mut org = Org::new(login.to_owned(), id, OrgSettings::new(plan_type));
        org.description = Some(if number == 1 {
            "Acme's main engineering organization".to_owned()
        } else {
            format!("Acme division {number}")
        });
        for user in [owner, member, billing] {
            org.add_member(user);
        }
        org.owners.push(owner);
        org.billing_managers.push(billing);

        let mut holders = shared_holders;
        while holders.len() < seat_count {
            holders.push(self.new_user());
        }
        rng.shuffle(&mut holders);
        for &user in &holders {
            org.add_member(user);
        }
        let seatless: Vec<UserId> = (0..seat_count / 10 + 3).map(|_| self.new_user()).collect();
        for &user in &seatless {
            org.add_member(user);
        }

        // Teams: the first 60 % are selected for Copilot.
        let mut names: Vec<&str> = TEAM_NAMES.to_vec();
        rng.shuffle(&mut names);
        let selected_count = if team_count == 0 { 0 } else { (team_count * 3).div_ceil(5) };
        for index in 0..team_count {
            let name = names.get(index).map_or_else(|| format!("Squad {}", index + 1), |name| (*name).to_owned());
            let id = self.next_team_id;
            self.next_team_id += 1;
            org.add_team(TeamRecord {
                id,
                slug: slugify(&name),
                description: rng.chance(0.7).then(|| format!("The {name} team")),
                name,
                members: Vec::new(),
                copilot: index < selected_count,
            });
        }

        // 40 % of seats through teams when there is a selected team.
        let team_seats = if selected_count > 0 { seat_count * 2 / 5 } else { 0 };
        let unselected = team_count - selected_count;
        for (position, &user) in holders.iter().enumerate() {
            let mut seat = self.seat_timeline(rng, plan_type);
            if position < team_seats {
                let team = rng.below(selected_count as u64) as u32;
                push_member(&mut org, team, user);
                seat.assigning_team = Some(team);
                if selected_count > 1 && rng.chance(0.1) {
                    let other = (team + 1 + rng.below(selected_count as u64 - 1) as u32) % selected_count as u32;
                    push_member(&mut org, other, user);
                }
                if rng.chance(0.03) {
                    seat.direct = true;
                }
            } else {
                seat.direct = true;
                if selected_count > 0 && rng.chance(0.03) {
                    let team = rng.below(selected_count as u64) as u32;
                    push_member(&mut org, team, user);
                    seat.assigning_team = Some(team);
                } else if rng.chance(0.05) {
                    seat.pending_cancellation_date = Some(self.next_cycle);
                }
                if unselected > 0 && rng.chance(0.3) {
                    let team = (selected_count + rng.below(unselected as u64) as usize) as u32;
                    push_member(&mut org, team, user);
                }
            }
            seat.user = user;
            org.push_seat(seat);
        }
        if unselected > 0 {
            for &user in &seatless {
                if rng.chance(0.5) {
                    let team = (selected_count + rng.below(unselected as u64) as usize) as u32;
                    push_member(&mut org, team, user);
                }
            }
        }
        org.sort_seats();

        let invitations = (2 + seat_count / 100).min(50);
        for _ in 0..invitations {
            let user = self.new_user();
            let invited_at = self.now - rng.between(DAY / 2, 14 * DAY);
            org.invitations.push(Invitation { user, invited_at, seat_requested: rng.chance(0.6) });
        }
        self.state.orgs.push(org);
        holders
    }

    /// When a seat was granted and how it has been used since.
    fn seat_timeline(&self, rng: &mut Rng, plan_type: PlanType) -> SeatRecord {
        let now = self.now;
        let created_at = if rng.chance(0.12) && self.cycle_start < now {
            rng.between(self.cycle_start, now - 60)
        } else {
            rng.between(now - 540 * DAY, self.cycle_start.min(now) - 60)
        };
        let roll = rng.unit();
        let mut activity = if roll < 0.50 {
            Some(now - rng.between(60, 7 * DAY))
        } else if roll < 0.64 {
            Some(now - rng.between(8 * DAY, 30 * DAY))
        } else if roll < 0.88 {
            Some(now - rng.between(31 * DAY, 200 * DAY))
        } else {
            None
        };
        if let Some(at) = activity {
            if at < created_at {
                activity = Some(rng.between(created_at, now));
            }
        }
        // A slice of the long-idle seats signed in lately without any activity since (telemetry off, say):
        // "signed in, no activity". The same single draw as the others, so every later seat stays the same.
        let signed_in_lately = (0.64..0.70).contains(&roll);
        let last_authenticated_at = match activity {
            Some(at) if signed_in_lately && at < now - 20 * DAY => Some(rng.between(now - 20 * DAY, now - 60)),
            Some(at) => Some(rng.between((at - 6 * 3_600).max(created_at), at)),
            None => rng.chance(0.5).then(|| rng.between(created_at, (created_at + 3 * DAY).min(now))),
        };
        let updated_at = if rng.chance(0.7) { created_at } else { rng.between(created_at, now) };
        SeatRecord {
            user: 0,
            assigning_team: None,
            direct: false,
            created_at,
            updated_at,
            pending_cancellation_date: None,
            last_activity_editor: activity.map(|_| pick_editor(rng)),
            last_activity_at: activity,
            last_authenticated_at,
            plan_type,
        }
    }

    fn generate_enterprise_team(&mut self, acme_holders: &[UserId]) {
        if self.options.seats < 20 {
            return;
        }
        let mut rng = Rng::derive(self.options.seed, 3);
        let mut members: Vec<UserId> = acme_holders.iter().take(5).copied().collect();
        for _ in 0..(self.options.seats / 40).clamp(1, 5) {
            members.push(self.new_user());
        }
        let created_at = self.now - 200 * DAY;
        let mut seats: Vec<SeatRecord> = members
            .iter()
            .map(|&user| {
                let mut seat = self.seat_timeline(&mut rng, PlanType::Enterprise);
                seat.user = user;
                seat.assigning_team = Some(0);
                seat
            })
            .collect();
        seats.sort_by_key(|seat| (seat.created_at, seat.user));
        let id = self.next_team_id;
        self.next_team_id += 1;
        self.state.enterprise.teams.push(EnterpriseTeamRecord {
            id,
            name: "Copilot Champions".to_owned(),
            slug: "copilot-champions".to_owned(),
            created_at,
            members,
            seats,
        });
    }
}

/// Adds a member without looking for duplicates: each user is placed once per team by construction, and
/// a linear check would make 100,000 seats slow.
fn push_member(org: &mut Org, team: u32, user: UserId) {
    if let Some(team) = org.teams.get_mut(team as usize) {
        team.members.push(user);
    }
}

fn pick_editor(rng: &mut Rng) -> u16 {
    let total: u32 = EDITOR_WEIGHTS.iter().sum();
    let mut roll = rng.below(u64::from(total)) as u32;
    for (index, &weight) in EDITOR_WEIGHTS.iter().enumerate() {
        if roll < weight {
            return index as u16;
        }
        roll -= weight;
    }
    0
}

fn capitalized(word: &str) -> String {
    let mut chars = word.chars();
    chars.next().map_or_else(String::new, |first| first.to_ascii_uppercase().to_string() + chars.as_str())
}

/// `Platform Engineering` → `platform-engineering`, as GitHub makes team slugs.
pub fn slugify(name: &str) -> String {
    let mut slug = String::with_capacity(name.len());
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    slug.trim_end_matches('-').to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    fn now() -> DateTime<Utc> {
        DateTime::parse_from_rfc3339("2024-06-17T10:00:00Z").unwrap().with_timezone(&Utc)
    }

    #[test]
    fn acme_has_exactly_the_asked_number_of_seats() {
        for seats in [0, 1, 7, 250, 1_001] {
            let state = generate(&GenerateOptions { seats, orgs: 3, ..GenerateOptions::default() }, now());
            assert_eq!(state.org("acme").unwrap().seats.len(), seats);
            assert_eq!(state.org("acme-2").unwrap().seats.len(), seats / 4);
            assert_eq!(state.orgs.len(), 3);
        }
    }

    #[test]
    fn logins_are_unique_without_case_and_valid() {
        let state = generate(&GenerateOptions { seats: 5_000, orgs: 2, ..GenerateOptions::default() }, now());
        let mut seen = HashSet::new();
        for user in &state.users {
            assert!(seen.insert(user.login.to_ascii_lowercase()), "duplicate {}", user.login);
            assert!(
                copilot_api::names::name_problem(&user.login, copilot_api::NameKind::User).is_none(),
                "{}",
                user.login
            );
        }
        let ids: HashSet<u64> = state.users.iter().map(|user| user.id).collect();
        assert_eq!(ids.len(), state.users.len());
    }

    #[test]
    fn seats_never_predate_their_grant_or_postdate_now() {
        let state = generate(&GenerateOptions { seats: 2_000, ..GenerateOptions::default() }, now());
        let now = now().timestamp();
        for seat in &state.org("acme").unwrap().seats {
            assert!(seat.created_at <= now && seat.updated_at >= seat.created_at && seat.updated_at <= now);
            if let Some(at) = seat.last_activity_at {
                assert!(at >= seat.created_at && at <= now);
                assert!(seat.last_activity_editor.is_some());
            } else {
                assert!(seat.last_activity_editor.is_none());
            }
        }
    }

    #[test]
    fn the_generated_seats_hold_every_status_the_app_tells_apart() {
        use copilot_api::insight::{SeatStatus, StatusRules};
        let state = generate(&GenerateOptions { seats: 2_000, ..GenerateOptions::default() }, now());
        let at = now().timestamp();
        let within = |since: i64, days: i64| at - since < days * DAY;
        let rules = StatusRules::default();
        let (threshold, grace) = (i64::from(rules.threshold_days), i64::from(rules.grace_days));
        // The core's order of rules on the sandbox's own records (pending is set by writes, not generated).
        let status = |seat: &SeatRecord| match (seat.last_activity_at, seat.last_authenticated_at) {
            (Some(used), _) if within(used, threshold) => SeatStatus::Active,
            _ if within(seat.created_at, grace) => SeatStatus::New,
            (_, Some(signed_in)) if within(signed_in, threshold) => SeatStatus::SignedInNoActivity,
            (None, _) => SeatStatus::NeverUsed,
            _ => SeatStatus::Inactive,
        };
        let seen: HashSet<SeatStatus> = state.org("acme").unwrap().seats.iter().map(status).collect();
        for wanted in [
            SeatStatus::Active,
            SeatStatus::New,
            SeatStatus::SignedInNoActivity,
            SeatStatus::Inactive,
            SeatStatus::NeverUsed,
        ] {
            assert!(seen.contains(&wanted), "no {wanted} seat among 2,000");
        }
    }

    #[test]
    fn slugs_look_like_githubs() {
        assert_eq!(slugify("Platform Engineering"), "platform-engineering");
        assert_eq!(slugify("QA  Automation!"), "qa-automation");
        assert_eq!(slugify("Squad 12"), "squad-12");
    }
}
