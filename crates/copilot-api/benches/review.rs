//! What changed since an earlier export, at 100,000 seats: the diff of two snapshots must stay under 50 ms
//! natively (wasm is a few times slower), reading the export and building a snapshot are measured beside it.

use std::hint::black_box;

use chrono::Duration;
use copilot_api::insight::coverage::SeatCoverage;
use copilot_api::insight::review::{diff, read_earlier_export, Snapshot};
use copilot_api::insight::{ExportContext, ExportFormat, StatusRules};
use criterion::{criterion_group, criterion_main, Criterion};

mod support;
use support::{generated_seats, now, SEATS};

fn review(criterion: &mut Criterion) {
    let rules = StatusRules::default();
    let seats = generated_seats(SEATS);
    // Forty days on: every 20th seat gone, 5,000 new ones, and every status seen later.
    let later_seats: Vec<_> = generated_seats(SEATS + 5_000)
        .into_iter()
        .enumerate()
        .filter(|(number, _)| number % 20 != 0 || *number >= SEATS)
        .map(|(_, seat)| seat)
        .collect();
    let later = now() + Duration::days(40);
    let earlier = Snapshot::of_seats(&seats, now(), rules, None);
    let current = Snapshot::of_seats(&later_seats, later, rules, None);

    let coverage = SeatCoverage { loaded: SEATS, total: Some(SEATS as u64), complete: true, ..SeatCoverage::default() };
    let context = ExportContext { now: now(), rules, organization_plan: None, coverage: &coverage, scope: None };
    let csv = ExportFormat::Csv.write(&seats, &context, |_| None).expect("an export");

    let mut group = criterion.benchmark_group("review");
    group.sample_size(10);
    group.bench_function("diff_two_100k_snapshots", |bench| bench.iter(|| diff(black_box(&earlier), &current)));
    group.bench_function("snapshot of 100k loaded seats", |bench| {
        bench.iter(|| Snapshot::of_seats(black_box(&later_seats), later, rules, None))
    });
    group.bench_function("read a 100k-seat CSV export", |bench| bench.iter(|| read_earlier_export(black_box(&csv))));
    group.finish();
}

criterion_group!(benches, review);
criterion_main!(benches);
