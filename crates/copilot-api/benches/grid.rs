//! The seat grid at 100,000 seats: what runs on every keystroke in the browser must stay far below
//! 100 ms there, and wasm is a few times slower than this native run.

use std::hint::black_box;

use copilot_api::insight::{
    grid_view, Column, GridState, SeatIndex, SeatPrices, SeatStatus, SortDirection, StatusSet, TeamFilter,
};
use criterion::{criterion_group, criterion_main, Criterion};

mod support;
use support::{generated_seats, now, SEATS};

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
    group.finish();
}

criterion_group!(benches, grid);
criterion_main!(benches);
