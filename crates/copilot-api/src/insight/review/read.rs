//! Read: an earlier seat export of this app (`insight::export`), JSON or CSV, read back to compare with the
//! seats loaded now.
//!
//! All or nothing, as the exemption import: the first row that cannot be read fails the whole file, with a
//! sentence naming its line (CSV, as an editor or a spreadsheet numbers it) or its entry (JSON, from 1),
//! because a comparison with half a file would report the other half as "seats gone".
//!
//! What is needed of each row: `login`, `granted_by`, `plan` and `status` (every version of the export has
//! them); `organization` when there is one. What the file says of itself (`scope`, `exported_at`,
//! `threshold_days`, `grace_days`, `coverage`, `coverage_note`) is read from its first row when present:
//! exports made before these columns are read all the same, and [`EarlierMeta`] says what they lack so that
//! the comparison can say it. A row whose `scope` or `exported_at` differs from the first row's is refused:
//! the file mixes two exports. A row without a login (a deleted account) is left out and counted.

use std::borrow::Cow;

use chrono::{DateTime, Utc};
use rustc_hash::FxHashMap;
use serde_json::{Map, Value};

use crate::format::{read_csv_records, CsvRecord};
use crate::insight::status::{SeatStatus, StatusRules};
use crate::scope::Scope;

/// One seat grant of the earlier export, as much of it as the comparison needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EarlierSeat {
    pub login: String,
    /// Empty when the row names none (an organization's export).
    pub organization: String,
    /// A team's slug, or `direct`.
    pub granted_by: String,
    pub plan: String,
    /// As the export computed it, at its moment and by its rules.
    pub status: SeatStatus,
}

/// What the export says of itself; `None` for what an older export does not say.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EarlierMeta {
    pub scope: Option<Scope>,
    pub exported_at: Option<DateTime<Utc>>,
    pub rules: Option<StatusRules>,
    /// `all` or `partial`.
    pub coverage: Option<String>,
    pub coverage_note: Option<String>,
}

impl EarlierMeta {
    /// Whether the file says when, whose and by which rules: the columns exports carry since they can be
    /// compared.
    pub fn is_complete(&self) -> bool {
        self.scope.is_some() && self.exported_at.is_some() && self.rules.is_some()
    }

    /// The rules today's statuses are decided by: the export's own when it says them, so that a threshold
    /// changed since does not read as a change; else the grid's.
    pub fn rules_or(&self, grid: StatusRules) -> StatusRules {
        self.rules.unwrap_or(grid)
    }
}

/// An earlier export, read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EarlierExport {
    pub seats: Vec<EarlierSeat>,
    pub meta: EarlierMeta,
    /// Rows without a login (deleted accounts), left out of the comparison.
    pub without_login: usize,
}

/// Why a file could not be read; the message is the sentence to show, naming where in the file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ExportReadError {
    #[error("The file is empty: there are no seats in it.")]
    Empty,
    /// A CSV file, by the line (from 1) the record begins on.
    #[error("Line {line}: {problem}")]
    Line { line: usize, problem: String },
    /// A JSON file, by the entry (from 1) of its array.
    #[error("Entry {entry}: {problem}")]
    Entry { entry: usize, problem: String },
    #[error("The file is not valid JSON: {0}.")]
    JsonSyntax(String),
    /// Readable, but not a seat export of this app.
    #[error("{0}")]
    NotAnExport(String),
}

/// The fields every row must have.
const REQUIRED: [&str; 4] = ["login", "granted_by", "plan", "status"];

/// Reads an earlier export, JSON (its first character `[` or `{`) or CSV. Every row must read, or nothing is.
pub fn read_earlier_export(text: &str) -> Result<EarlierExport, ExportReadError> {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    match text.trim_start().chars().next() {
        None => Err(ExportReadError::Empty),
        Some('[' | '{') => read_json(text),
        Some(_) => read_csv(text),
    }
}

/// One row as either format gives it: a field by name, `None` when absent (or JSON `null`).
trait RowFields {
    fn field(&self, name: &str) -> Option<Cow<'_, str>>;
}

/// The file being read: its rows so far, and the first row's `scope` and `exported_at` as written, which
/// every later row must repeat (the rest of what it says of the file is read once, from the first row).
#[derive(Default)]
struct Reading {
    export: EarlierExport,
    first_row: Option<[Option<String>; 2]>,
}

impl Reading {
    fn row(&mut self, row: &impl RowFields) -> Result<(), String> {
        let which = [row.field("scope"), row.field("exported_at")];
        match &self.first_row {
            None => {
                self.export.meta = meta_of(row)?;
                self.first_row = Some(which.map(|value| value.map(Cow::into_owned)));
            }
            Some(first) if first.iter().zip(&which).any(|(first, this)| first.as_deref() != this.as_deref()) => {
                return Err("its scope or exported_at differs from the first row's: the file mixes two exports.".into())
            }
            Some(_) => {}
        }
        let Some(login) = row.field("login").filter(|login| !login.trim().is_empty()) else {
            self.export.without_login += 1;
            return Ok(());
        };
        let text = |name: &str| row.field(name).map(|value| value.trim().to_owned()).unwrap_or_default();
        let status_text = text("status");
        let status = SeatStatus::from_key(&status_text).ok_or_else(|| {
            let known: Vec<&str> = SeatStatus::ALL.iter().map(|status| status.key()).collect();
            format!("the status {status_text:?} is not one this app writes ({}).", known.join(", "))
        })?;
        self.export.seats.push(EarlierSeat {
            login: login.trim().to_owned(),
            organization: text("organization"),
            granted_by: text("granted_by"),
            plan: text("plan"),
            status,
        });
        Ok(())
    }
}

/// What one row says of the file; a value present but unreadable is an error.
fn meta_of(row: &impl RowFields) -> Result<EarlierMeta, String> {
    let present = |name: &str| row.field(name).map(|value| value.trim().to_owned()).filter(|value| !value.is_empty());
    let scope = present("scope")
        .map(|key| {
            Scope::from_key(&key).ok_or(format!("the scope {key:?} is neither organization:… nor enterprise:…."))
        })
        .transpose()?;
    let exported_at = present("exported_at")
        .map(|time| {
            DateTime::parse_from_rfc3339(&time)
                .map(|time| time.with_timezone(&Utc))
                .map_err(|_| format!("exported_at {time:?} is not a time written like 2026-11-02T09:30:00Z."))
        })
        .transpose()?;
    let days = |name: &str| {
        present(name)
            .map(|days| days.parse::<u32>().map_err(|_| format!("{name} {days:?} is not a whole number of days.")))
            .transpose()
    };
    let rules = match (days("threshold_days")?, days("grace_days")?) {
        (Some(threshold_days), Some(grace_days)) => Some(StatusRules { threshold_days, grace_days }.clamped()),
        _ => None,
    };
    Ok(EarlierMeta {
        scope,
        exported_at,
        rules,
        coverage: present("coverage"),
        coverage_note: present("coverage_note"),
    })
}

/// A CSV record with the header's names (each name's column, found once for the file).
struct CsvRow<'a> {
    columns: &'a FxHashMap<&'a str, usize>,
    record: &'a CsvRecord,
}

impl RowFields for CsvRow<'_> {
    fn field(&self, name: &str) -> Option<Cow<'_, str>> {
        let at = *self.columns.get(name)?;
        self.record.fields.get(at).map(|value| Cow::Borrowed(without_formula_guard(value)))
    }
}

/// The CSV export puts a `'` before a cell a spreadsheet would run; logins, slugs and statuses never begin
/// with one, so it is taken off again.
fn without_formula_guard(value: &str) -> &str {
    value.strip_prefix('\'').unwrap_or(value)
}

fn read_csv(text: &str) -> Result<EarlierExport, ExportReadError> {
    let records =
        read_csv_records(text).map_err(|error| ExportReadError::Line { line: error.line, problem: error.problem })?;
    let Some((header, rows)) = records.split_first() else { return Err(ExportReadError::Empty) };
    let names: Vec<String> = header.fields.iter().map(|name| name.trim().to_ascii_lowercase()).collect();
    if let Some(missing) = REQUIRED.iter().find(|name| !names.iter().any(|column| column == *name)) {
        return Err(ExportReadError::NotAnExport(format!(
            "This CSV file is not a seat export of this app: its first line has no \"{missing}\" column."
        )));
    }
    // The first column of a name wins, as a person reading the header would take it.
    let mut columns: FxHashMap<&str, usize> = FxHashMap::default();
    for (at, name) in names.iter().enumerate() {
        columns.entry(name.as_str()).or_insert(at);
    }
    let mut reading = Reading::default();
    for record in rows {
        let line = record.line;
        if record.fields.len() != names.len() {
            let problem = format!("{} fields, where the header has {}.", record.fields.len(), names.len());
            return Err(ExportReadError::Line { line, problem });
        }
        reading
            .row(&CsvRow { columns: &columns, record })
            .map_err(|problem| ExportReadError::Line { line, problem })?;
    }
    Ok(reading.export)
}

impl RowFields for Map<String, Value> {
    fn field(&self, name: &str) -> Option<Cow<'_, str>> {
        match self.get(name)? {
            Value::String(text) => Some(Cow::Borrowed(text)),
            Value::Number(number) => Some(Cow::Owned(number.to_string())),
            Value::Bool(flag) => Some(Cow::Owned(flag.to_string())),
            _ => None,
        }
    }
}

fn read_json(text: &str) -> Result<EarlierExport, ExportReadError> {
    let value: Value = serde_json::from_str(text).map_err(|error| ExportReadError::JsonSyntax(error.to_string()))?;
    let Value::Array(rows) = value else {
        return Err(ExportReadError::NotAnExport(
            "This JSON file is not a seat export of this app: a seat export is an array of rows, in [ ].".into(),
        ));
    };
    let mut reading = Reading::default();
    for (index, row) in rows.iter().enumerate() {
        let entry = index + 1;
        let Value::Object(row) = row else {
            let problem = "this is not a seat row, in { }.".to_owned();
            return Err(ExportReadError::Entry { entry, problem });
        };
        if let Some(missing) = REQUIRED.iter().find(|name| !row.contains_key(**name)) {
            return Err(ExportReadError::Entry { entry, problem: format!("there is no \"{missing}\" field.") });
        }
        reading.row(row).map_err(|problem| ExportReadError::Entry { entry, problem })?;
    }
    if rows.is_empty() {
        return Err(ExportReadError::Empty);
    }
    Ok(reading.export)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::insight::coverage::SeatCoverage;
    use crate::insight::export::{ExportContext, ExportFormat};
    use crate::models::Seat;
    use crate::test_seats::{at, seat};

    #[test]
    fn today_is_read_by_the_exports_own_rules_when_it_says_them_else_the_grids() {
        let grid = StatusRules::with_threshold(60);
        let stated = EarlierMeta { rules: Some(StatusRules::with_threshold(30)), ..EarlierMeta::default() };
        assert_eq!(stated.rules_or(grid), StatusRules::with_threshold(30));
        assert_eq!(EarlierMeta::default().rules_or(grid), grid);
    }

    const THEN: &str = "2026-11-02T09:30:00Z";

    fn seats() -> Vec<Seat> {
        vec![
            seat("mona").team("devs").last_activity("2026-11-01T00:00:00Z").build(),
            seat("hubot").created("2026-01-01T00:00:00Z").pending("2026-11-30").build(),
            seat("x").ghost().build(),
        ]
    }

    fn export(format: ExportFormat) -> String {
        let coverage = SeatCoverage { loaded: 3, total: Some(3), complete: true, ..SeatCoverage::default() };
        let scope = Scope::Organization("acme".into());
        let context = ExportContext {
            now: at(THEN),
            rules: StatusRules { threshold_days: 60, grace_days: 7 },
            organization_plan: None,
            coverage: &coverage,
            scope: Some(&scope),
        };
        format.write(&seats(), &context, |_| None).expect("an export")
    }

    #[test]
    fn both_formats_of_the_export_read_back_with_what_they_say_of_themselves() {
        for format in [ExportFormat::Csv, ExportFormat::Json] {
            let read = read_earlier_export(&export(format)).expect("the export reads");
            assert_eq!(read.seats.len(), 2, "{format:?}");
            assert_eq!(read.without_login, 1, "the deleted account is left out and counted");
            assert_eq!(
                read.seats[0],
                EarlierSeat {
                    login: "mona".into(),
                    organization: String::new(),
                    granted_by: "devs".into(),
                    plan: "business".into(),
                    status: SeatStatus::Active,
                }
            );
            assert_eq!(read.seats[1].status, SeatStatus::PendingCancellation);
            assert_eq!(
                read.meta,
                EarlierMeta {
                    scope: Some(Scope::Organization("acme".into())),
                    exported_at: Some(at(THEN)),
                    rules: Some(StatusRules { threshold_days: 60, grace_days: 7 }),
                    coverage: Some("all".into()),
                    coverage_note: Some("all 3 seats of the organization".into()),
                }
            );
            assert!(read.meta.is_complete());
        }
    }

    #[test]
    fn an_older_export_without_its_date_threshold_or_scope_still_reads() {
        let older = "login,organization,granted_by,plan,status,idle_days,coverage,coverage_note\r\n\
                     mona,,devs,business,inactive,40,partial,50 of 2000 seats loaded\r\n";
        let read = read_earlier_export(older).expect("an older export reads");
        assert_eq!(read.seats[0].status, SeatStatus::Inactive);
        assert_eq!(read.meta.exported_at, None);
        assert_eq!(read.meta.coverage.as_deref(), Some("partial"));
        assert!(!read.meta.is_complete());
        let oldest = r#"[{"login": "mona", "granted_by": "direct", "plan": "business", "status": "never-used"}]"#;
        assert_eq!(read_earlier_export(oldest).expect("reads").meta, EarlierMeta::default());
    }

    #[test]
    fn a_bad_row_fails_the_whole_file_naming_its_line_or_entry() {
        let csv = export(ExportFormat::Csv).replacen("pending-cancellation", "gone-fishing", 1);
        let error = read_earlier_export(&csv).expect_err("an unknown status");
        assert!(matches!(error, ExportReadError::Line { line: 3, .. }), "{error:?}");
        assert!(error.to_string().starts_with("Line 3: the status \"gone-fishing\" is not one"), "{error}");

        let short = "login,granted_by,plan,status\nmona,direct,business,active\nhubot,direct\n";
        assert_eq!(
            read_earlier_export(short).expect_err("a short row").to_string(),
            "Line 3: 2 fields, where the header has 4."
        );

        let json =
            r#"[{"login": "a", "granted_by": "direct", "plan": "business", "status": "active"}, {"login": "b"}]"#;
        assert_eq!(
            read_earlier_export(json).expect_err("missing").to_string(),
            "Entry 2: there is no \"granted_by\" field."
        );
        let json = r#"[{"login": "a", "granted_by": "direct", "plan": "business", "status": "active", "exported_at": "yesterday"}]"#;
        assert!(read_earlier_export(json)
            .expect_err("bad time")
            .to_string()
            .starts_with("Entry 1: exported_at \"yesterday\""));
    }

    #[test]
    fn a_file_that_mixes_two_exports_is_refused() {
        let first = export(ExportFormat::Csv);
        let second = first.replace(THEN, "2026-11-09T09:30:00Z");
        let mixed = format!("{first}{}", second.split_once("\r\n").map(|(_, rows)| rows).unwrap_or_default());
        let error = read_earlier_export(&mixed).expect_err("two exports");
        assert!(error.to_string().contains("mixes two exports"), "{error}");
    }

    #[test]
    fn other_files_are_refused_with_what_they_are_not() {
        assert_eq!(read_earlier_export(" \n"), Err(ExportReadError::Empty));
        assert_eq!(read_earlier_export("[]"), Err(ExportReadError::Empty));
        let exemptions = "kind,name,reason,expires\nuser,ada,on leave,\n";
        assert!(matches!(read_earlier_export(exemptions), Err(ExportReadError::NotAnExport(_))));
        assert!(matches!(read_earlier_export(r#"{"format": "x"}"#), Err(ExportReadError::NotAnExport(_))));
        assert!(matches!(read_earlier_export("[1,"), Err(ExportReadError::JsonSyntax(_))));
        assert!(matches!(read_earlier_export("[1]"), Err(ExportReadError::Entry { entry: 1, .. })));
    }

    #[test]
    fn a_guarded_cell_reads_without_its_guard() {
        let csv = "login,granted_by,plan,status\nmona,'=team,business,active\n";
        assert_eq!(read_earlier_export(csv).expect("reads").seats[0].granted_by, "=team");
    }
}
