//! The seats as a file: CSV for spreadsheets (the one CSV writer, [`csv_text`]: RFC 4180 quoting by the
//! `csv` crate) and JSON for scripts.
//!
//! Team names and editor strings come from other people: every CSV cell goes through the writer's
//! formula neutralising (`spreadsheet_formula`), so opening an export can never run anything.
//!
//! ## Whether a file holds every seat
//!
//! Besides its name (`-all-` or `-partial-`), every row says which set it was taken from, in two last
//! columns (CSV) or fields (JSON): `coverage` is `all` or `partial` (the file name's word), and
//! `coverage_note` says it in a few words ("50 of 2,000 seats loaded", "all 2,000 seats of the
//! organization"), with the organizations GitHub left out for SAML single sign-on when it did.
//!
//! Why columns repeated on every row rather than one statement at the top or the bottom: a CSV has no
//! comment syntax. A leading `# 50 of 2,000 seats` line becomes the header row in Excel, LibreOffice and
//! Google Sheets, and a one-field line before a 14-field header makes the `csv` crate's reader (and
//! pandas) fail with a field-count error unless the reader is told to expect it; a trailing line is read as
//! a seat by every sum, filter and pivot table. Columns at the end are read by every tool without options,
//! survive sorting and filtering, and leave the existing columns where they were. The JSON export keeps the
//! same rows for the same reasons: it stays the array of row objects it has always been (a script reading
//! `.[].login` keeps working), and each row gains the same two fields.
//!
//! ## What a file says of itself, so that it can be compared later
//!
//! An export is read back to see what changed since (`insight::review`). For that it must say, besides
//! its coverage, whose seats it holds and how their statuses were decided, in the same way (columns on
//! every row, before the two coverage columns, which stay last): `scope` (`organization:acme`,
//! `enterprise:acme-corp`), `exported_at` (the moment the statuses were computed), `threshold_days` and
//! `grace_days` (the rules they were computed by). Exports made before these columns are still read, with
//! a note that says what they do not tell.
//!
//! `exempt` holds the reason of the exemption that protects a seat from revocation, empty (JSON: `null`)
//! when none does. The export takes it as a lookup from the caller rather than the exemption list itself:
//! what exempts a seat (a login or a team entry, on which day) is the exemption module's business, and
//! that module (in `plan`) already reads `insight`, so `insight` reading it back would make a circle. The
//! grid already holds the exempt seats of its load (`ExemptSeats`), and passes `|seat| reason` over it.

use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use serde::Serialize;

use crate::format::{csv_text, exact_date};
use crate::models::{PlanType, Seat};
use crate::scope::Scope;

use super::cost::effective_plan;
use super::coverage::SeatCoverage;
use super::editor::EditorInfo;
use super::status::{idle_days, seat_status, StatusRules};

/// One exported seat. Times are RFC 3339 in UTC (`2021-10-14T06:53:32Z`), which also sorts as text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ExportRow {
    pub login: Option<String>,
    pub organization: Option<String>,
    /// The team's slug, or `direct`.
    pub granted_by: String,
    pub plan: String,
    pub status: String,
    pub created_at: String,
    pub last_activity_at: Option<String>,
    pub editor: Option<String>,
    pub editor_version: Option<String>,
    pub plugin: Option<String>,
    pub plugin_version: Option<String>,
    pub last_authenticated_at: Option<String>,
    pub pending_cancellation_date: Option<String>,
    pub idle_days: i64,
    /// The reason of the exemption that keeps this seat from being revoked; `None` when not exempt.
    pub exempt: Option<String>,
}

/// What every row says of the whole file: whose seats, when, and by which rules their statuses were
/// decided (see the module documentation).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ExportMeta {
    /// [`Scope::key`]; empty when the caller named none.
    pub scope: String,
    /// RFC 3339 in UTC, to the second.
    pub exported_at: String,
    pub threshold_days: u32,
    pub grace_days: u32,
}

impl ExportMeta {
    fn cells(&self) -> [String; 4] {
        [self.scope.clone(), self.exported_at.clone(), self.threshold_days.to_string(), self.grace_days.to_string()]
    }
}

/// Everything an export is computed with besides the seats.
#[derive(Debug, Clone, Copy)]
pub struct ExportContext<'a> {
    pub now: DateTime<Utc>,
    pub rules: StatusRules,
    /// Prices seats that carry no plan, as in the grid.
    pub organization_plan: Option<PlanType>,
    /// Which set the seats were taken from.
    pub coverage: &'a SeatCoverage,
    pub scope: Option<&'a Scope>,
}

impl ExportContext<'_> {
    pub fn meta(&self) -> ExportMeta {
        let rules = self.rules.clamped();
        ExportMeta {
            scope: self.scope.map(Scope::key).unwrap_or_default(),
            exported_at: self.now.to_rfc3339_opts(SecondsFormat::Secs, true),
            threshold_days: rules.threshold_days,
            grace_days: rules.grace_days,
        }
    }
}

/// The CSV header, in the order of [`ExportRow`]'s fields, then the columns of [`ExportMeta`], then the two
/// columns of [`Coverage`], last.
pub const CSV_HEADER: [&str; 21] = [
    "login",
    "organization",
    "granted_by",
    "plan",
    "status",
    "created_at",
    "last_activity_at",
    "editor",
    "editor_version",
    "plugin",
    "plugin_version",
    "last_authenticated_at",
    "pending_cancellation_date",
    "idle_days",
    "exempt",
    "scope",
    "exported_at",
    "threshold_days",
    "grace_days",
    "coverage",
    "coverage_note",
];

/// What every row of an export says of the set it was taken from (see the module documentation).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Coverage {
    /// `all` or `partial`, as in the file name.
    pub coverage: &'static str,
    pub coverage_note: String,
}

impl Coverage {
    pub fn of(coverage: &SeatCoverage) -> Self {
        Self { coverage: coverage.file_name_part(), coverage_note: coverage.export_note() }
    }
}

/// One row as the JSON export writes it: the seat's fields, the file's, then the coverage fields.
#[derive(Serialize)]
struct JsonRow<'a> {
    #[serde(flatten)]
    seat: &'a ExportRow,
    #[serde(flatten)]
    meta: &'a ExportMeta,
    #[serde(flatten)]
    coverage: &'a Coverage,
}

impl ExportRow {
    /// `organization_plan` prices seats that carry no plan, as in the grid; `exempt` is the reason of the
    /// exemption protecting the seat, if one does.
    pub fn new(
        seat: &Seat,
        now: DateTime<Utc>,
        rules: StatusRules,
        organization_plan: Option<PlanType>,
        exempt: Option<&str>,
    ) -> Self {
        let editor = seat.last_activity_editor.as_deref().and_then(EditorInfo::parse);
        let time =
            |time: &DateTime<chrono::FixedOffset>| time.with_timezone(&Utc).to_rfc3339_opts(SecondsFormat::Secs, true);
        let date = |date: &NaiveDate| exact_date(*date);
        Self {
            login: seat.login().map(str::to_owned),
            organization: seat.organization.as_ref().map(|org| org.login.clone()),
            granted_by: seat.assigning_team.as_ref().map_or_else(|| "direct".to_owned(), |team| team.slug().to_owned()),
            plan: effective_plan(seat.plan_type, organization_plan).as_str().to_owned(),
            status: seat_status(seat, now, rules).key().to_owned(),
            created_at: time(&seat.created_at),
            last_activity_at: seat.last_activity_at.as_ref().map(time),
            editor: editor.as_ref().map(|editor| editor.display_name.clone()),
            editor_version: editor.as_ref().and_then(|editor| editor.editor_version.clone()),
            plugin: editor.as_ref().and_then(|editor| editor.plugin.clone()),
            plugin_version: editor.as_ref().and_then(|editor| editor.plugin_version.clone()),
            last_authenticated_at: seat.last_authenticated_at.as_ref().map(time),
            pending_cancellation_date: seat.pending_cancellation_date.as_ref().map(date),
            idle_days: idle_days(seat, now),
            exempt: exempt.map(str::to_owned),
        }
    }

    fn csv_cells(&self) -> [String; 15] {
        let text = |value: &Option<String>| value.clone().unwrap_or_default();
        [
            text(&self.login),
            text(&self.organization),
            self.granted_by.clone(),
            self.plan.clone(),
            self.status.clone(),
            self.created_at.clone(),
            text(&self.last_activity_at),
            text(&self.editor),
            text(&self.editor_version),
            text(&self.plugin),
            text(&self.plugin_version),
            text(&self.last_authenticated_at),
            text(&self.pending_cancellation_date),
            self.idle_days.to_string(),
            text(&self.exempt),
        ]
    }
}

/// Why an export could not be produced. Writing to memory does not fail in practice; this exists so that
/// an impossible failure becomes a message rather than a panic that kills the page.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("The export could not be written: {0}")]
pub struct ExportError(String);

/// The rows of an export, in the order given (pass the grid's rows for "the current view").
pub fn export_rows<'a, 'e>(
    seats: impl IntoIterator<Item = &'a Seat>,
    context: &ExportContext<'_>,
    exempt: impl Fn(&Seat) -> Option<&'e str>,
) -> Vec<ExportRow> {
    let rules = context.rules.clamped();
    seats
        .into_iter()
        .map(|seat| ExportRow::new(seat, context.now, rules, context.organization_plan, exempt(seat)))
        .collect()
}

/// The two file formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    Csv,
    Json,
}

impl ExportFormat {
    pub fn extension(self) -> &'static str {
        match self {
            Self::Csv => "csv",
            Self::Json => "json",
        }
    }

    /// The media type the download is offered as.
    pub fn mime(self) -> &'static str {
        match self {
            Self::Csv => "text/csv",
            Self::Json => "application/json",
        }
    }

    /// The file's text: one row per seat, each computed by the context's rules at its moment, and each
    /// ending with what the file says of itself ([`ExportMeta`]) and the `coverage` columns or fields of the
    /// set the seats were taken from. `exempt` gives the reason of the exemption protecting a seat.
    ///
    /// CSV: a header row, quoted per RFC 4180, with formula-like cells neutralised. JSON: the same rows as
    /// an array of objects (missing values are `null`; nothing is neutralised, since no spreadsheet
    /// evaluates JSON).
    pub fn write<'a, 'e>(
        self,
        seats: impl IntoIterator<Item = &'a Seat>,
        context: &ExportContext<'_>,
        exempt: impl Fn(&Seat) -> Option<&'e str>,
    ) -> Result<String, ExportError> {
        let coverage = Coverage::of(context.coverage);
        let meta = context.meta();
        let rows = export_rows(seats, context, exempt);
        let written = match self {
            Self::Csv => {
                let tail: Vec<String> =
                    meta.cells().into_iter().chain([coverage.coverage.to_owned(), coverage.coverage_note]).collect();
                let rows = rows.iter().map(|row| row.csv_cells().into_iter().chain(tail.iter().cloned()));
                csv_text(&CSV_HEADER, rows).map_err(|error| error.to_string())
            }
            Self::Json => {
                let json_rows: Vec<JsonRow<'_>> =
                    rows.iter().map(|seat| JsonRow { seat, meta: &meta, coverage: &coverage }).collect();
                serde_json::to_string_pretty(&json_rows).map_err(|error| error.to_string())
            }
        };
        written.map_err(ExportError)
    }
}

/// One of the grid's export buttons: which seats (the rows the filters show, or every seat loaded) in
/// which format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ExportChoice {
    pub format: ExportFormat,
    pub only_view: bool,
}

impl ExportChoice {
    /// The buttons, in the order the grid shows them.
    pub const OFFERED: [ExportChoice; 3] = [
        Self { format: ExportFormat::Csv, only_view: true },
        Self { format: ExportFormat::Csv, only_view: false },
        Self { format: ExportFormat::Json, only_view: true },
    ];

    pub fn label(self) -> String {
        let which = if self.only_view { "view" } else { "all" };
        let format = match self.format {
            ExportFormat::Csv => "CSV",
            ExportFormat::Json => "JSON",
        };
        format!("Export {which} as {format}")
    }
}

/// A download name such as `copilot-seats-octo-org-all-2024-06-30.csv`: the scope, whether the file holds
/// every seat ([`SeatCoverage::file_name_part`]), the day and the format. Anything but letters, digits,
/// `-` and `_` in the scope is dropped, so the name is safe on every file system.
pub fn export_file_name(scope: &str, coverage: &SeatCoverage, now: DateTime<Utc>, format: ExportFormat) -> String {
    let scope = file_safe(scope);
    let part = coverage.file_name_part();
    let day = exact_date(now.date_naive());
    let extension = format.extension();
    if scope.is_empty() {
        format!("copilot-seats-{part}-{day}.{extension}")
    } else {
        format!("copilot-seats-{scope}-{part}-{day}.{extension}")
    }
}

/// `text` with anything but letters, digits, `-` and `_` dropped: safe in a file name on every file system.
pub(crate) fn file_safe(text: &str) -> String {
    text.chars().filter(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_')).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_seats::{at, seat};

    const NOW: &str = "2024-06-30T12:00:00Z";

    fn read_csv(text: &str) -> Vec<Vec<String>> {
        let mut reader = csv::ReaderBuilder::new().has_headers(false).from_reader(text.as_bytes());
        reader.records().map(|record| record.expect("a CSV record").iter().map(str::to_owned).collect()).collect()
    }

    fn context(coverage: &SeatCoverage, organization_plan: Option<PlanType>) -> ExportContext<'_> {
        ExportContext { now: at(NOW), rules: StatusRules::with_threshold(30), organization_plan, coverage, scope: None }
    }

    fn no_exemption(_: &Seat) -> Option<&'static str> {
        None
    }

    fn whole() -> SeatCoverage {
        SeatCoverage { loaded: 2, total: Some(2), complete: true, ..SeatCoverage::default() }
    }

    fn csv_of(seats: &[Seat]) -> String {
        ExportFormat::Csv.write(seats, &context(&whole(), None), no_exemption).expect("a CSV export")
    }

    #[test]
    fn csv_has_a_header_and_one_row_per_seat_that_read_back_field_for_field() {
        let seats = vec![
            seat("mona")
                .org("octo-org")
                .team("devs")
                .created("2021-08-03T18:00:00-06:00")
                .last_activity("2021-10-14T00:53:32-06:00")
                .last_authenticated("2021-10-14T00:53:32-06:00")
                .editor("vscode/1.77.3/copilot/1.86.82")
                .plan(PlanType::Enterprise)
                .build(),
            seat("hubot").created("2024-06-01T12:00:00Z").pending("2024-07-31").build(),
        ];
        let rows = read_csv(&csv_of(&seats));
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[0], CSV_HEADER);
        assert_eq!(
            rows[1],
            [
                "mona",
                "octo-org",
                "devs",
                "enterprise",
                "inactive",
                "2021-08-04T00:00:00Z",
                "2021-10-14T06:53:32Z",
                "VS Code",
                "1.77.3",
                "copilot",
                "1.86.82",
                "2021-10-14T06:53:32Z",
                "",
                "990",
                "",
                "",
                "2024-06-30T12:00:00Z",
                "30",
                "14",
                "all",
                "all 2 seats of the organization"
            ]
        );
        assert_eq!(
            rows[2],
            [
                "hubot",
                "",
                "direct",
                "business",
                "pending-cancellation",
                "2024-06-01T12:00:00Z",
                "",
                "",
                "",
                "",
                "",
                "",
                "2024-07-31",
                "29",
                "",
                "",
                "2024-06-30T12:00:00Z",
                "30",
                "14",
                "all",
                "all 2 seats of the organization"
            ]
        );
    }

    #[test]
    fn commas_quotes_and_line_breaks_survive_the_round_trip() {
        let seats = vec![seat("mona").team_named("a,b", "ignored").editor("Say \"hi\",\nthen/1.0").build()];
        let text = csv_of(&seats);
        assert!(text.contains("\"Say \"\"hi\"\",\nthen\""), "RFC 4180 quoting: {text}");
        let rows = read_csv(&text);
        assert_eq!(rows[1][2], "a,b");
        assert_eq!(rows[1][7], "Say \"hi\",\nthen");
    }

    #[test]
    fn cells_that_a_spreadsheet_would_run_are_neutralised() {
        let hostile =
            ["=HYPERLINK(\"http://evil\")", "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1", "＝1", "\u{200B}=1", " @x"];
        let seats: Vec<Seat> = hostile.iter().map(|text| seat("mona").team(text).editor(text).build()).collect();
        let rows = read_csv(&csv_of(&seats));
        for (row, text) in rows[1..].iter().zip(hostile) {
            assert_eq!(row[2], format!("'{text}"), "team cell");
            assert!(row[7].starts_with('\''), "editor cell {:?}", row[7]);
        }
    }

    #[test]
    fn an_empty_export_is_just_the_header() {
        let rows = read_csv(&csv_of(&[]));
        assert_eq!(rows, [CSV_HEADER.map(str::to_owned).to_vec()]);
    }

    #[test]
    fn json_export_has_the_same_rows_with_nulls_for_missing_values() {
        let seats = vec![
            seat("mona").editor("vscode/1.77.3").last_activity("2024-06-29T12:00:00Z").build(),
            seat("x").ghost().build(),
        ];
        let json = ExportFormat::Json
            .write(&seats, &context(&whole(), Some(PlanType::Enterprise)), no_exemption)
            .expect("a JSON export");
        let value: serde_json::Value = serde_json::from_str(&json).expect("valid JSON");
        let rows = value.as_array().expect("an array");
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0]["login"], "mona");
        assert_eq!(rows[0]["status"], "active");
        assert_eq!(rows[0]["plan"], "enterprise");
        assert_eq!(rows[0]["editor_version"], "1.77.3");
        assert_eq!(rows[0]["plugin"], serde_json::Value::Null);
        assert_eq!(rows[0]["idle_days"], 1);
        assert_eq!(rows[1]["login"], serde_json::Value::Null);
        assert_eq!(rows[1]["status"], "never-used");
        assert_eq!(rows[1]["coverage"], "all");
        assert_eq!(rows[1]["coverage_note"], "all 2 seats of the organization");
        let keys: Vec<&str> = rows[0].as_object().expect("an object").keys().map(String::as_str).collect();
        assert_eq!(keys.len(), CSV_HEADER.len(), "the JSON rows have the CSV's fields: {keys:?}");
        assert!(CSV_HEADER.iter().all(|column| keys.contains(column)), "{keys:?}");
    }

    fn shortened_by_sso() -> SeatCoverage {
        SeatCoverage {
            loaded: 1,
            total: Some(1),
            complete: true,
            enterprise: true,
            sso_left_out: crate::sso::SsoLeftOut::organizations([21955855, 20582480]),
            loading: false,
        }
    }

    const SHORTENED_NOTE: &str = "all 1 seat grant GitHub listed; GitHub left out 2 organizations (ids 21955855, 20582480): SAML single sign-on not authorized for this token";

    #[test]
    fn numeric_fields_stay_plain_numbers_and_every_record_ends_with_crlf() {
        let seats = vec![seat("mona").created("2020-01-01T00:00:00Z").build()];
        let days = idle_days(&seats[0], at(NOW));
        assert!(days > 999, "a count that would take a separator in words: {days}");
        let csv = csv_of(&seats);
        assert_eq!(csv.matches("\r\n").count(), 2, "RFC 4180 line ends: {csv:?}");
        assert!(csv.ends_with("\r\n"), "{csv:?}");
        assert_eq!(read_csv(&csv)[1][13], days.to_string());
        let json = ExportFormat::Json.write(&seats, &context(&whole(), None), no_exemption).expect("a JSON export");
        let rows: serde_json::Value = serde_json::from_str(&json).expect("JSON");
        assert_eq!(rows[0]["idle_days"], days);
    }

    #[test]
    fn every_csv_row_says_whether_the_file_holds_every_seat_and_what_github_left_out() {
        let seats = vec![seat("mona").org("acme").build()];
        let page = SeatCoverage { loaded: 50, total: Some(2000), complete: false, ..SeatCoverage::default() };
        let rows =
            read_csv(&ExportFormat::Csv.write(&seats, &context(&page, None), no_exemption).expect("a CSV export"));
        assert_eq!(rows[1][19..], ["partial", "50 of 2,000 seats loaded"]);
        let rows = read_csv(
            &ExportFormat::Csv.write(&seats, &context(&shortened_by_sso(), None), no_exemption).expect("a CSV export"),
        );
        assert_eq!(rows[0][19..], ["coverage", "coverage_note"]);
        assert_eq!(rows[1][19..], ["partial", SHORTENED_NOTE]);
    }

    #[test]
    fn the_csv_crates_reader_reads_the_export_with_its_defaults_headers_and_all() {
        let seats = vec![seat("mona").build(), seat("hubot").build()];
        let text =
            ExportFormat::Csv.write(&seats, &context(&shortened_by_sso(), None), no_exemption).expect("a CSV export");
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        assert_eq!(reader.headers().expect("a header").iter().collect::<Vec<_>>(), CSV_HEADER);
        let records: Vec<csv::StringRecord> = reader.records().collect::<Result<_, _>>().expect("every row reads");
        assert_eq!(records.len(), 2, "one row per seat, no extra statement row");
        assert!(records.iter().all(|record| record.len() == CSV_HEADER.len() && &record[20] == SHORTENED_NOTE));
    }

    #[test]
    fn every_json_row_carries_the_same_coverage_fields() {
        let seats = vec![seat("mona").org("acme").build()];
        let json =
            ExportFormat::Json.write(&seats, &context(&shortened_by_sso(), None), no_exemption).expect("a JSON export");
        let value: serde_json::Value = serde_json::from_str(&json).expect("valid JSON");
        let row = &value.as_array().expect("still an array of rows")[0];
        assert_eq!(row["login"], "mona");
        assert_eq!(row["coverage"], "partial");
        assert_eq!(row["coverage_note"], SHORTENED_NOTE);
    }

    #[test]
    fn every_row_says_whose_seats_when_and_by_which_rules_and_which_seat_is_exempt_and_why() {
        let seats = vec![seat("mona").build(), seat("hubot").build()];
        let scope = Scope::Organization("acme".into());
        let coverage = whole();
        let context = ExportContext {
            rules: StatusRules { threshold_days: 60, grace_days: 0 },
            scope: Some(&scope),
            ..context(&coverage, None)
        };
        let exempt = |seat: &Seat| (seat.login() == Some("hubot")).then_some("=service account");
        let rows = read_csv(&ExportFormat::Csv.write(&seats, &context, exempt).expect("a CSV export"));
        let column = |name: &str| CSV_HEADER.iter().position(|column| *column == name).expect("a column");
        let cells = |row: &[String]| {
            ["exempt", "scope", "exported_at", "threshold_days", "grace_days"].map(|name| row[column(name)].clone())
        };
        assert_eq!(cells(&rows[1]), ["", "organization:acme", "2024-06-30T12:00:00Z", "60", "0"]);
        assert_eq!(cells(&rows[2])[0], "'=service account", "a reason a spreadsheet would run is neutralised");
        assert_eq!(rows[0][19..], ["coverage", "coverage_note"], "the coverage columns stay last");
        let json = ExportFormat::Json.write(&seats, &context, exempt).expect("a JSON export");
        let value: serde_json::Value = serde_json::from_str(&json).expect("valid JSON");
        assert_eq!(value[0]["exempt"], serde_json::Value::Null);
        assert_eq!(value[1]["exempt"], "=service account");
        assert_eq!(value[1]["scope"], "organization:acme");
        assert_eq!(value[1]["exported_at"], "2024-06-30T12:00:00Z");
        assert_eq!(value[1]["threshold_days"], 60);
        assert_eq!(value[1]["grace_days"], 0);
    }

    #[test]
    fn json_keeps_formula_like_text_as_it_is() {
        let seats = vec![seat("mona").team("=1+1").build()];
        let json = ExportFormat::Json.write(&seats, &context(&whole(), None), no_exemption).expect("a JSON export");
        assert!(json.contains("\"granted_by\": \"=1+1\""), "{json}");
    }

    #[test]
    fn file_names_carry_the_scope_and_the_day_and_nothing_unsafe() {
        let name = |scope, coverage: &SeatCoverage, format| export_file_name(scope, coverage, at(NOW), format);
        let page = SeatCoverage { loaded: 50, total: Some(2000), complete: false, ..SeatCoverage::default() };
        assert_eq!(name("octo-org", &whole(), ExportFormat::Csv), "copilot-seats-octo-org-all-2024-06-30.csv");
        assert_eq!(name("../a b", &page, ExportFormat::Json), "copilot-seats-ab-partial-2024-06-30.json");
        assert_eq!(name("", &whole(), ExportFormat::Csv), "copilot-seats-all-2024-06-30.csv");
    }

    #[test]
    fn the_export_buttons_say_which_seats_and_which_format() {
        let labels: Vec<String> = ExportChoice::OFFERED.into_iter().map(ExportChoice::label).collect();
        assert_eq!(labels, ["Export view as CSV", "Export all as CSV", "Export view as JSON"]);
        assert_eq!((ExportFormat::Json.mime(), ExportFormat::Json.extension()), ("application/json", "json"));
    }

    #[test]
    fn each_format_writes_its_own_text() {
        let seats = vec![seat("mona").build()];
        let csv = ExportFormat::Csv.write(&seats, &context(&whole(), None), no_exemption).expect("a CSV export");
        let json = ExportFormat::Json.write(&seats, &context(&whole(), None), no_exemption).expect("a JSON export");
        assert!(csv.starts_with("login,"), "{csv}");
        assert!(json.starts_with('['), "{json}");
    }
}
