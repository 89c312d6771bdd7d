//! Activity log: one line per write sent or verification, kept for the tab's life and exported as CSV
//! or plain text.

use super::kind::WriteKind;
use super::report::WriteReport;
use crate::format::{csv_text, exact_second_at_ms, plural, CsvError};

/// One line of the activity log: a write sent, or a verification.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActivityEntry {
    /// When it was first sent, in ms since the epoch.
    pub at_ms: u64,
    pub kind: WriteKind,
    pub org: String,
    pub names: Vec<String>,
    pub outcome: String,
    /// The names of this line known to be in effect, from the report's per-name outcomes (GitHub's
    /// answer, or the seats read again): for a revocation, the only names that may be restored.
    pub done: Vec<String>,
}

impl ActivityEntry {
    /// When it was sent, in UTC to the second (the log may be read in another time zone); the raw
    /// milliseconds for a time no date can have.
    pub fn time(&self) -> String {
        exact_second_at_ms(self.at_ms).unwrap_or_else(|| self.at_ms.to_string())
    }

    /// The line for a reconciled report: which names the seats read again settled differently.
    pub fn verification(at_ms: u64, reconciled: &WriteReport) -> Self {
        let changed_lines = reconciled.per_name.iter().filter(|line| line.changed_by_verification);
        let changed: Vec<String> = changed_lines.clone().map(|line| line.name.clone()).collect();
        let done: Vec<String> =
            changed_lines.filter(|line| line.outcome.is_done()).map(|line| line.name.clone()).collect();
        let outcome = if changed.is_empty() {
            format!("Checked against the seats read again: every verdict stands ({})", reconciled.summary())
        } else {
            format!(
                "Checked against the seats read again: {} changed verdict ({})",
                plural(changed.len(), "name", "names"),
                reconciled.summary()
            )
        };
        Self { at_ms, kind: reconciled.kind, org: reconciled.org.clone(), names: changed, outcome, done }
    }
}

/// The writes of this tab's life, oldest first.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ActivityLog {
    entries: Vec<ActivityEntry>,
}

impl ActivityLog {
    pub fn record(&mut self, entries: impl IntoIterator<Item = ActivityEntry>) {
        self.entries.extend(entries);
    }

    pub fn entries(&self) -> &[ActivityEntry] {
        &self.entries
    }

    /// CSV (the one writer, `format::csv`) with a header; names separated by spaces in one cell.
    pub fn to_csv(&self) -> Result<String, CsvError> {
        let rows = self.entries.iter().map(|entry| {
            [
                entry.time(),
                entry.kind.title().to_owned(),
                entry.org.clone(),
                entry.names.join(" "),
                entry.outcome.clone(),
            ]
        });
        csv_text(&["time", "operation", "organization", "names", "outcome"], rows)
    }

    /// Plain text, one block per entry.
    pub fn to_text(&self) -> String {
        self.entries
            .iter()
            .map(|entry| {
                format!(
                    "{} {} in {}: {}\n  {}\n",
                    entry.time(),
                    entry.kind.title(),
                    entry.org,
                    entry.names.join(", "),
                    entry.outcome
                )
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ApiError;
    use crate::plan::retry::RetryPolicy;
    use crate::plan::test_support::NOW;
    use crate::plan::write::test_support::{send, users};
    use crate::plan::write::{WritePlan, WriteRun};

    #[test]
    fn the_activity_log_lists_each_write_and_exports_safe_csv() {
        let mut run =
            WriteRun::new(WritePlan::new(WriteKind::AssignUsers, "acme", users(51)), RetryPolicy::default(), 0);
        let (first, _) = send(&mut run, NOW);
        run.on_result(first, Ok(50), NOW + 100);
        let (second, _) = send(&mut run, NOW + 1_100);
        run.on_result(
            second,
            Err(ApiError::UnexpectedStatus { status: 409, github_message: Some("=HYPERLINK(\"x\")".into()) }),
            NOW + 1_200,
        );
        let mut log = ActivityLog::default();
        log.record(run.activity());
        assert_eq!(log.entries().len(), 2);
        assert_eq!(log.entries()[0].outcome, "Done: GitHub answered seats_created: 50");
        assert_eq!(log.entries()[1].names, vec!["user-50"]);
        // A line whose cells a spreadsheet would run: the organization and a name are other people's text.
        log.record([ActivityEntry {
            at_ms: NOW + 2_000,
            kind: WriteKind::RevokeUsers,
            org: "=SUM(A1)".into(),
            names: vec!["＠SUM(A1)".into()],
            outcome: "\u{FEFF} +1".into(),
            done: Vec::new(),
        }]);
        let csv = log.to_csv().expect("the log as CSV");
        let lines: Vec<&str> = csv.split("\r\n").collect();
        assert_eq!(lines[0], "time,operation,organization,names,outcome");
        assert!(
            lines[1].starts_with("2023-11-14 22:13:20 UTC,Assign seats to users,acme,user-0 user-1 "),
            "{}",
            lines[1]
        );
        assert!(lines[2].contains(",\"Failed: GitHub answered with an unexpected status 409."), "{}", lines[2]);
        assert!(lines[2].contains("\"\"x\"\""), "quotes are doubled: {}", lines[2]);
        assert_eq!(lines[3], "2023-11-14 22:13:22 UTC,Revoke users' seats,'=SUM(A1),'＠SUM(A1),'\u{FEFF} +1");
        assert_eq!(lines[4], "", "every record ends with CRLF");
        assert!(log.to_text().contains("2023-11-14 22:13:21 UTC Assign seats to users in acme: user-50\n  Failed"));
    }
}
