//! Reclaim at scale: an offboarding list of 10,000 names checked against 100,000 loaded seats, read from
//! its text as the page does on "Check the list", and an exemption list of 1,000 entries applied to them
//! (what the grid recomputes when the list or the load changes). Natively each must stay well under 50 ms;
//! wasm is a few times slower.

use std::hint::black_box;

use chrono::NaiveDate;
use copilot_api::insight::SeatIndex;
use copilot_api::plan::exemption::{ExemptKind, ExemptSeats, Exemption, ExemptionList};
use copilot_api::plan::offboarding::{read_listed_names, reconcile_list};
use criterion::{criterion_group, criterion_main, Criterion};

mod support;
use support::{generated_seats, Generator, SEATS};

const NAMES: usize = 10_000;

/// An HR export's text: a header, then mostly logins that hold a seat (in another case, some with `@`),
/// some that hold none, some that are not logins, and a few listed twice.
fn offboarding_csv(logins: &[&str]) -> String {
    let mut random = Generator(0x2545_F491_4F6C_DD1D);
    let mut text = String::from("Employee,GitHub Login,Last day\n");
    for number in 0..NAMES {
        let login = match random.below(20) {
            0 => format!("nobody-{number}"),
            1 => format!("not a login {number}"),
            2 => logins[number % 100].to_owned(),
            3 => format!("@{}", logins[random.below(logins.len() as u64) as usize].to_uppercase()),
            _ => logins[random.below(logins.len() as u64) as usize].to_owned(),
        };
        text.push_str(&format!("Person {number},{login},2024-07-01\n"));
    }
    text
}

fn reclaim(criterion: &mut Criterion) {
    let seats = generated_seats(SEATS);
    let logins: Vec<&str> = seats.iter().filter_map(|seat| seat.login()).collect();
    let text = offboarding_csv(&logins);
    let index = SeatIndex::new(&seats, None);
    let today = NaiveDate::from_ymd_opt(2024, 6, 30).expect("a date");
    let mut list = ExemptionList::default();
    list.insert(Exemption::new(ExemptKind::Team, "team-7", "service accounts", None).expect("a valid entry"));
    list.insert(Exemption::new(ExemptKind::User, logins[1], "on leave", None).expect("a valid entry"));
    let exempt = ExemptSeats::new(&index, &list.active_on(today));

    let mut group = criterion.benchmark_group("reclaim_100k");
    group.sample_size(10);
    group.bench_function("reconcile_10k_names", |bench| {
        bench.iter(|| {
            let listed = read_listed_names(black_box(&text)).expect("a list");
            reconcile_list(&listed, black_box(&seats), &index, &exempt)
        })
    });
    // A large organization's list: 990 people (service accounts, leave, new hires) and 10 teams.
    let mut large = ExemptionList::default();
    for login in logins.iter().step_by(logins.len() / 990).take(990) {
        large.insert(Exemption::new(ExemptKind::User, login, "on leave", None).expect("a valid entry"));
    }
    for team in 0..10 {
        let slug = format!("team-{}", team * 17);
        large.insert(Exemption::new(ExemptKind::Team, &slug, "service accounts", None).expect("a valid entry"));
    }
    group.bench_function("apply_1000_exemptions", |bench| {
        bench.iter(|| ExemptSeats::new(black_box(&index), &large.active_on(today)))
    });
    group.finish();
}

criterion_group!(benches, reclaim);
criterion_main!(benches);
