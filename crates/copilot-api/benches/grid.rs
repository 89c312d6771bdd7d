//! The seat grid at 100,000 seats: what runs on every keystroke in the browser must stay far below
//! 100 ms there, and wasm is a few times slower than this native run.

use std::hint::black_box;

use chrono::{DateTime, Duration, FixedOffset, Utc};
use copilot_api::insight::charts::dashboard;
use copilot_api::insight::{
    grid_view, Column, GridState, SeatIndex, SeatPrices, SeatStatus, SortDirection, StatusSet, TeamFilter,
};
use copilot_api::{AssigningTeam, PlanType, Seat, SimpleUser, Team};
use criterion::{criterion_group, criterion_main, Criterion};

const SEATS: usize = 100_000;

/// xorshift64: deterministic, so every run measures the same seats.
struct Generator(u64);

impl Generator {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, bound: u64) -> u64 {
        self.next() % bound
    }
}

fn now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2024-06-30T12:00:00Z").expect("a valid moment").with_timezone(&Utc)
}

fn generated_seats(count: usize) -> Vec<Seat> {
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

fn grid(criterion: &mut Criterion) {
    let seats = generated_seats(SEATS);
    let index = SeatIndex::new(&seats, None);
    let prices = SeatPrices::default();
    let now = now();

    let mut group = criterion.benchmark_group("grid_100k");
    group.sample_size(10);
    group.bench_function("build index", |bench| bench.iter(|| SeatIndex::new(black_box(&seats), None)));
    group.bench_function("status of every seat", |bench| {
        bench.iter(|| grid_view(&index, black_box(&GridState::default()), &prices, now))
    });
    let by_last_activity =
        GridState { sort: Some((Column::LastActivity, SortDirection::Descending)), ..GridState::default() };
    group.bench_function("sort by last activity", |bench| {
        bench.iter(|| grid_view(&index, black_box(&by_last_activity), &prices, now))
    });
    let by_login = GridState { sort: Some((Column::Login, SortDirection::Ascending)), ..GridState::default() };
    group.bench_function("sort by login", |bench| bench.iter(|| grid_view(&index, black_box(&by_login), &prices, now)));
    let idle = GridState {
        statuses: [SeatStatus::Inactive, SeatStatus::NeverUsed].into_iter().collect::<StatusSet>(),
        team: Some(TeamFilter::Team("team-7".into())),
        ..GridState::default()
    };
    group.bench_function("filter by status and team", |bench| {
        bench.iter(|| grid_view(&index, black_box(&idle), &prices, now))
    });
    let search = GridState {
        search: "ab".into(),
        sort: Some((Column::Editor, SortDirection::Ascending)),
        ..GridState::default()
    };
    group.bench_function("search and sort by editor", |bench| {
        bench.iter(|| grid_view(&index, black_box(&search), &prices, now))
    });
    // The dashboard follows the grid: its tiles and charts are computed from the view on every change.
    let all = grid_view(&index, &GridState::default(), &prices, now);
    group.bench_function("dashboard of every seat", |bench| {
        bench.iter(|| dashboard(&index, black_box(&all), &GridState::default(), now))
    });
    let filtered = grid_view(&index, &idle, &prices, now);
    group.bench_function("dashboard of a filtered view", |bench| {
        bench.iter(|| dashboard(&index, black_box(&filtered), &idle, now))
    });
    group.bench_function("grid and dashboard of every seat", |bench| {
        bench.iter(|| {
            let view = grid_view(&index, black_box(&GridState::default()), &prices, now);
            dashboard(&index, &view, &GridState::default(), now)
        })
    });
    group.finish();
}

criterion_group!(benches, grid);
criterion_main!(benches);
