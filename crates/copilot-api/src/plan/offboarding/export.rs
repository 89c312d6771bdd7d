//! Export: the reconciled list as CSV, a row per name in the list's order, each saying which set of seats it
//! was checked against (the seat export's `coverage` columns), for the offboarding ticket.

use chrono::{DateTime, Utc};

use super::reconcile::Reconciliation;
use super::wording::{outcome_key, outcome_text};
use crate::format::{csv_text, CsvError};
use crate::insight::{export_file_name, Coverage, ExportFormat, SeatCoverage};

const HEADER: [&str; 7] = ["line", "entry", "login", "outcome", "detail", "coverage", "coverage_note"];

impl Reconciliation {
    /// The table as CSV: the line and the name as the list has them, the login as loaded (empty with no
    /// seat), the outcome's key and its sentence.
    pub fn to_csv(&self, coverage: &SeatCoverage) -> Result<String, CsvError> {
        let coverage = Coverage::of(coverage);
        let rows = self.rows.iter().map(|row| {
            [
                row.line.to_string(),
                row.entry.clone(),
                row.login.clone().unwrap_or_default(),
                outcome_key(row.outcome.kind()).to_owned(),
                outcome_text(&row.outcome),
                coverage.coverage.to_owned(),
                coverage.coverage_note.clone(),
            ]
        });
        csv_text(&HEADER, rows)
    }
}

/// `copilot-seats-acme-offboarding-all-2024-06-30.csv`: the seat export's naming.
pub fn offboarding_file_name(scope: &str, coverage: &SeatCoverage, now: DateTime<Utc>) -> String {
    export_file_name(&format!("{scope}-offboarding"), coverage, now, ExportFormat::Csv)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::exemption::ExemptSeats;
    use crate::plan::offboarding::{read_listed_names, reconcile_list};
    use crate::plan::test_support::{seat, team_seat};

    #[test]
    fn the_csv_has_a_row_per_name_with_its_outcome_and_the_set_it_was_checked_against() {
        let seats = [seat("ada", 1), team_seat("bob", 2, "eng")];
        let listed = read_listed_names("@ADA\nbob\n=cmd\nzed\n").expect("a list");
        let index = crate::insight::SeatIndex::new(&seats, None);
        let reconciliation = reconcile_list(&listed, &seats, &index, &ExemptSeats::default());
        let coverage = SeatCoverage { loaded: 2, total: Some(9), ..Default::default() };
        let text = reconciliation.to_csv(&coverage).expect("CSV");
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        let header: Vec<String> = reader.headers().expect("a header").iter().map(str::to_owned).collect();
        assert_eq!(header, HEADER);
        let rows: Vec<Vec<String>> =
            reader.records().map(|record| record.expect("a row").iter().map(str::to_owned).collect()).collect();
        assert_eq!(rows.len(), 4);
        assert_eq!(rows[0][..4], ["1", "'@ADA", "ada", "direct"], "a leading @ is neutralised too");
        assert_eq!(rows[1][3], "through_team");
        assert_eq!(rows[2][1], "'=cmd", "a formula-like entry is neutralised");
        assert_eq!(rows[2][3], "invalid");
        assert_eq!((rows[3][2].as_str(), rows[3][3].as_str()), ("", "no_seat"));
        assert_eq!((rows[3][5].as_str(), rows[3][6].as_str()), ("partial", "2 of 9 seats loaded"));
    }

    #[test]
    fn the_file_is_named_as_the_seat_export_is() {
        let at = DateTime::parse_from_rfc3339("2024-06-30T12:00:00Z").expect("a moment").with_timezone(&Utc);
        let coverage = SeatCoverage { loaded: 2, complete: true, ..Default::default() };
        assert_eq!(offboarding_file_name("acme", &coverage, at), "copilot-seats-acme-offboarding-all-2024-06-30.csv");
    }
}
