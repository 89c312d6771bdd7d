//! The grants graph at 100,000 seats: built once per load, beside the seat index, it must stay far below
//! 50 ms natively (wasm is a few times slower). The seats are an enterprise's: every user holds two, in
//! two of five organizations, a third of them through a team.

use std::hint::black_box;

use copilot_api::insight::grants::GrantsGraph;
use copilot_api::insight::SeatIndex;
use copilot_api::OrganizationSimple;
use criterion::{criterion_group, criterion_main, Criterion};

mod support;
use support::{generated_seats, SEATS};

fn grants(criterion: &mut Criterion) {
    let organizations: Vec<OrganizationSimple> = (0..5)
        .map(|number| {
            serde_json::from_value(
                serde_json::json!({ "login": format!("acme-{number}"), "id": number + 1, "description": null }),
            )
            .expect("an organization")
        })
        .collect();
    let mut seats = generated_seats(SEATS);
    for (number, seat) in seats.iter_mut().enumerate() {
        seat.organization = Some(organizations[number % organizations.len()].clone());
        if let Some(user) = seat.assignee.as_mut() {
            // Users in pairs of seats: seat 2k and 2k + 1 are one person's, in two organizations.
            user.id = (number / 2) as u64 + 1;
            user.login = format!("user-{}", number / 2);
        }
    }
    let index = SeatIndex::new(&seats, None);

    let mut group = criterion.benchmark_group("grants");
    group.sample_size(10);
    group.bench_function("grants_graph_100k", |bench| bench.iter(|| GrantsGraph::new(black_box(&index))));
    group.finish();
}

criterion_group!(benches, grants);
criterion_main!(benches);
