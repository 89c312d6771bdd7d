//! What the benchmarks share: seats generated the same way on every run, and the moment they are seen at.
// Each bench is its own crate and uses part of this: what one leaves unused is not dead.
#![allow(dead_code)]

use chrono::{DateTime, Duration, FixedOffset, Utc};
use copilot_api::{AssigningTeam, PlanType, Seat, SimpleUser, Team};

pub const SEATS: usize = 100_000;

/// xorshift64: deterministic, so every run measures the same seats.
pub struct Generator(pub u64);

impl Generator {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    pub fn below(&mut self, bound: u64) -> u64 {
        self.next() % bound
    }
}

pub fn now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2024-06-30T12:00:00Z").expect("a valid moment").with_timezone(&Utc)
}

pub fn generated_seats(count: usize) -> Vec<Seat> {
    let mut random = Generator(0x9E37_79B9_7F4A_7C15);
    // GitHub's examples carry -06:00; the index must not care.
    let offset = FixedOffset::west_opt(6 * 3600).expect("a valid offset");
    let now = now().with_timezone(&offset);
    let user_template: SimpleUser = serde_json::from_str(r#"{"login":"x","id":1}"#).expect("a user template");
    let team_template: Team =
        serde_json::from_str(r#"{"id":1,"name":"x","slug":"x","description":null}"#).expect("a team template");
    let editors = [
        "vscode/1.90.0/copilot/1.200.0",
        "vscode/1.77.3/copilot/1.86.82",
        "JetBrains-IC/233.11799.241/copilot-intellij/1.4.5.4049",
        "VisualStudio/17.8.3/copilot-vs/1.143.0.0",
        "Neovim/0.9.4/copilot.vim/1.16.0",
        "copilot-chat/0.14.0",
    ];
    (0..count)
        .map(|number| {
            let mut user = user_template.clone();
            user.login = format!("user-{:x}-{number}", random.below(1 << 20));
            user.id = number as u64 + 1;
            let team = (random.below(3) > 0).then(|| {
                let mut team = team_template.clone();
                let team_number = random.below(200);
                team.slug = format!("team-{team_number}");
                team.name = format!("Team {team_number}");
                AssigningTeam::Organization(team)
            });
            let used = random.below(10) > 0;
            Seat {
                assignee: Some(user),
                organization: None,
                assigning_team: team,
                pending_cancellation_date: (random.below(50) == 0).then(|| now.date_naive() + Duration::days(20)),
                last_activity_at: used.then(|| now - Duration::seconds(random.below(200 * 86_400) as i64)),
                last_activity_editor: used.then(|| editors[random.below(editors.len() as u64) as usize].to_owned()),
                last_authenticated_at: used.then(|| now - Duration::seconds(random.below(100 * 86_400) as i64)),
                created_at: now - Duration::days(200 + random.below(700) as i64),
                updated_at: None,
                plan_type: Some(if random.below(4) == 0 { PlanType::Enterprise } else { PlanType::Business }),
            }
        })
        .collect()
}
