//! Export: the comparison as a CSV, one row a user (unchanged ones too, so that the groups add up to the
//! users of both sets), the changed users first in the groups' order, then by login. Every row ends with the
//! sentence naming the two sets compared, as a seat export's rows end with their coverage (a CSV has no
//! place for a statement of the whole file that every tool reads).

use chrono::{DateTime, Utc};

use crate::format::{csv_text, exact_date, CsvError};
use crate::insight::export::file_safe;

use super::diff::{Comparison, UserSeats};
use super::wording::exported_at_text;

const HEADER: [&str; 11] = [
    "login",
    "change",
    "change_label",
    "status_then",
    "status_now",
    "granted_then",
    "granted_now",
    "plan_then",
    "plan_now",
    "earlier_exported_at",
    "compared",
];

/// A user's grants as one cell: `devs`, or `acme/devs; acme-2/direct` for an enterprise's.
fn granted(user: &UserSeats) -> String {
    let grant = |grant: &super::diff::Grant| {
        if grant.organization.is_empty() {
            grant.granted_by.clone()
        } else {
            format!("{}/{}", grant.organization, grant.granted_by)
        }
    };
    user.grants.iter().map(grant).collect::<Vec<_>>().join("; ")
}

fn plans(user: &UserSeats) -> String {
    let mut plans: Vec<&str> = user.grants.iter().map(|grant| grant.plan.as_str()).collect();
    plans.dedup();
    plans.join("; ")
}

/// The comparison's CSV. `compared` is [`super::wording::compared_sets`]' sentence.
pub fn comparison_csv(
    comparison: &Comparison,
    earlier_exported_at: Option<DateTime<Utc>>,
    compared: &str,
) -> Result<String, CsvError> {
    let mut entries: Vec<_> = comparison.entries().collect();
    entries.sort_by_key(|(group, _, _)| *group);
    let exported_at = exported_at_text(earlier_exported_at);
    let cell = |user: Option<&UserSeats>, what: fn(&UserSeats) -> String| user.map(what).unwrap_or_default();
    let rows = entries.into_iter().map(|(group, then, now)| {
        [
            then.or(now).map(|user| user.login.clone()).unwrap_or_default(),
            group.key().to_owned(),
            group.label().to_owned(),
            cell(then, |user| user.status.key().to_owned()),
            cell(now, |user| user.status.key().to_owned()),
            cell(then, granted),
            cell(now, granted),
            cell(then, plans),
            cell(now, plans),
            exported_at.clone(),
            compared.to_owned(),
        ]
    });
    csv_text(&HEADER, rows)
}

/// `copilot-seats-acme-changes-2026-12-06.csv`.
pub fn comparison_file_name(scope: &str, now: DateTime<Utc>) -> String {
    let scope = file_safe(scope);
    let day = exact_date(now.date_naive());
    if scope.is_empty() {
        format!("copilot-seats-changes-{day}.csv")
    } else {
        format!("copilot-seats-{scope}-changes-{day}.csv")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::insight::review::diff::{Grant, Snapshot};
    use crate::insight::status::SeatStatus;
    use crate::test_seats::at;

    fn read(text: &str) -> Vec<Vec<String>> {
        let mut reader = csv::ReaderBuilder::new().has_headers(false).from_reader(text.as_bytes());
        reader.records().map(|record| record.expect("a record").iter().map(str::to_owned).collect()).collect()
    }

    #[test]
    fn one_row_a_user_changes_first_each_with_both_sides_and_the_sets_compared() {
        let grant = |org: &str, team: &str| Grant {
            organization: org.into(),
            granted_by: team.into(),
            plan: "business".into(),
        };
        let then = Snapshot::from_grants([
            ("ada", grant("", "direct"), SeatStatus::Active),
            ("bo", grant("acme", "devs"), SeatStatus::Active),
            ("bo", grant("acme-2", "direct"), SeatStatus::Inactive),
        ]);
        let now = Snapshot::from_grants([
            ("Ada", grant("", "direct"), SeatStatus::Active),
            ("bo", grant("acme", "devs"), SeatStatus::Inactive),
        ]);
        let text =
            comparison_csv(&Comparison::new(then, now), Some(at("2026-11-02T09:30:00Z")), "Export of 2026-11-02")
                .expect("a CSV");
        let rows = read(&text);
        assert_eq!(rows[0], HEADER);
        assert_eq!(
            rows[1],
            [
                "bo",
                "newly-idle",
                "Newly idle",
                "active",
                "inactive",
                "acme/devs; acme-2/direct",
                "acme/devs",
                "business",
                "business",
                "2026-11-02T09:30:00Z",
                "Export of 2026-11-02"
            ]
        );
        assert_eq!(rows[2][..3], ["ada", "unchanged", "Unchanged"]);
        assert_eq!(rows.len(), 3);
    }

    #[test]
    fn the_file_name_says_whose_changes_and_the_day() {
        let now = at("2026-12-06T12:00:00Z");
        assert_eq!(comparison_file_name("acme", now), "copilot-seats-acme-changes-2026-12-06.csv");
        assert_eq!(comparison_file_name("../", now), "copilot-seats-changes-2026-12-06.csv");
    }
}
