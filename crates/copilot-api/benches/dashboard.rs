//! The dashboard at 100,000 seats (#16): its tiles and charts are computed from the grid's view after every
//! change of the grid (a keystroke, a filter, the threshold, a click on a bar), so one update, grid and
//! dashboard together, must stay far below the browser's 50 ms budget; wasm is a few times slower than
//! this native run.

use std::hint::black_box;

use copilot_api::insight::charts::dashboard;
use copilot_api::insight::{grid_view, GridState, SeatIndex, SeatPrices, SeatStatus, StatusSet, TeamFilter};
use copilot_api::OrganizationSimple;
use criterion::{criterion_group, criterion_main, Criterion};

mod support;
use support::{generated_seats, now, SEATS};

fn dashboard_100k(criterion: &mut Criterion) {
    let seats = generated_seats(SEATS);
    let index = SeatIndex::new(&seats, None);
    let prices = SeatPrices::default();
    let now = now();
    let every = GridState::default();
    let all = grid_view(&index, &every, &prices, now);

    let mut group = criterion.benchmark_group("dashboard_100k");
    group.sample_size(10);
    group.bench_function("every seat", |bench| bench.iter(|| dashboard(&index, black_box(&all), &every, now)));
    let idle = GridState {
        statuses: [SeatStatus::Inactive, SeatStatus::NeverUsed].into_iter().collect::<StatusSet>(),
        team: Some(TeamFilter::Team("team-7".into())),
        ..GridState::default()
    };
    let filtered = grid_view(&index, &idle, &prices, now);
    group.bench_function("a filtered view", |bench| bench.iter(|| dashboard(&index, black_box(&filtered), &idle, now)));
    // What the page does when the threshold changes: the grid's view again, then the dashboard of it.
    let sixty = GridState { threshold_days: 60, ..GridState::default() };
    group.bench_function("grid and dashboard, threshold changed", |bench| {
        bench.iter(|| {
            let view = grid_view(&index, black_box(&sixty), &prices, now);
            dashboard(&index, &view, &sixty, now)
        })
    });
    // An enterprise's seats carry their organization: adoption by organization is one chart more.
    let organization: OrganizationSimple =
        serde_json::from_str(r#"{"login":"x","id":1}"#).expect("an organization template");
    let enterprise_seats: Vec<_> = seats
        .iter()
        .enumerate()
        .map(|(number, seat)| {
            let mut seat = seat.clone();
            let mut organization = organization.clone();
            organization.login = format!("org-{}", number % 50);
            organization.id = (number % 50) as u64 + 1;
            seat.organization = Some(organization);
            seat
        })
        .collect();
    let enterprise = SeatIndex::new(&enterprise_seats, None);
    let enterprise_all = grid_view(&enterprise, &every, &prices, now);
    group.bench_function("every seat of an enterprise of 50 organizations", |bench| {
        bench.iter(|| dashboard(&enterprise, black_box(&enterprise_all), &every, now))
    });
    group.finish();
}

criterion_group!(benches, dashboard_100k);
criterion_main!(benches);
