//! File: the exemption list as a file a person exports, keeps or edits, and imports again, in JSON or CSV.
//!
//! JSON is this app's own shape, marked with a `format` and a `version` so that another JSON file is
//! refused rather than half understood. CSV is what a spreadsheet or another tool makes, so its reader is
//! forgiving about the columns (a header row names them, in any case and order; a `login` or `team` column
//! will do for the name) and strict about the entries.
//!
//! An import is all or nothing: the first entry that is not valid fails the whole file, with a sentence that
//! names its line (CSV) or its entry (JSON), so the person fixes the file rather than wondering which half of
//! it arrived. A name listed twice is not an error: the later entry wins, as when a person adds it again.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::list::{parse_expiry, ExemptKind, Exemption, ExemptionList};
use crate::format::{csv_text, read_csv_records, CsvRecord};
use crate::spreadsheet_formula::neutralise_formula;

/// What a JSON exemption file says it is in its `format` field.
const JSON_FORMAT: &str = "copilot-seats-exemptions";
/// The one version of the JSON shape there is; a later one may read differently.
const JSON_VERSION: u64 = 1;
const CSV_HEADER: [&str; 4] = ["kind", "name", "reason", "expires"];
/// The headers a CSV's name column may have, the first found winning: `team` comes last so that a file with
/// both a `login` and a `team` column (a seat export, say) lists people, not their teams.
const NAME_COLUMNS: [&str; 5] = ["name", "login", "username", "github", "team"];

/// The two file formats an exemption list is exported in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExemptionFormat {
    Json,
    Csv,
}

impl ExemptionFormat {
    /// The media type the download is offered as.
    pub fn mime(self) -> &'static str {
        match self {
            Self::Json => "application/json",
            Self::Csv => "text/csv",
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            Self::Json => "json",
            Self::Csv => "csv",
        }
    }

    /// The name the download is offered under.
    pub fn file_name(self) -> String {
        format!("copilot-seats-exemptions.{}", self.extension())
    }

    /// The file's text, every entry in the list's order, expired ones included (the list keeps them).
    ///
    /// CSV: the header `kind,name,reason,expires`, quoted per RFC 4180, a reason a spreadsheet would run
    /// neutralised with a leading `'` (the reader takes it off again). JSON: pretty-printed, for people who
    /// read or edit it by hand.
    pub fn write(self, list: &ExemptionList) -> String {
        // Neither can fail: `csv_text` writes to memory, and these structs have only string keys and no
        // custom serializer. An empty file, should the impossible happen, is refused on import.
        match self {
            Self::Json => serde_json::to_string_pretty(&JsonFile::of(list)).unwrap_or_default(),
            Self::Csv => {
                let rows = list.entries().iter().map(|entry| {
                    [kind_word(entry.kind), &entry.name, &entry.reason, &expiry_text(entry)].map(str::to_owned)
                });
                csv_text(&CSV_HEADER, rows).unwrap_or_default()
            }
        }
    }
}

/// Why a file could not be imported; the message is the sentence to show, naming where in the file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ExemptionFileError {
    #[error("The file is empty: there are no exemptions in it.")]
    Empty,
    /// A CSV file, by the line (from 1) the record begins on, as an editor or spreadsheet numbers it.
    #[error("Line {line}: {problem}")]
    Line { line: usize, problem: String },
    /// A JSON file, by the entry (from 1) in its `exemptions`.
    #[error("Entry {entry}: {problem}")]
    Entry { entry: usize, problem: String },
    #[error("The file is not valid JSON: {problem} (line {line}, column {column}).")]
    JsonSyntax { line: usize, column: usize, problem: String },
    /// Valid JSON, but not an exemption list this app can read.
    #[error("{0}")]
    NotExemptions(String),
}

/// Reads an exemption file, JSON or CSV (told apart by the first character: `{` or `[` is JSON). Every entry
/// must be valid, or nothing is read.
pub fn read_exemptions(text: &str) -> Result<ExemptionList, ExemptionFileError> {
    // Spreadsheets and some editors start a file with a byte order mark, which is not whitespace.
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    match text.trim_start().chars().next() {
        None => Err(ExemptionFileError::Empty),
        Some('{' | '[') => read_json(text),
        Some(_) => read_csv(text),
    }
}

/// The word a file uses for a kind.
fn kind_word(kind: ExemptKind) -> &'static str {
    match kind {
        ExemptKind::User => "user",
        ExemptKind::Team => "team",
    }
}

/// A kind as a file writes it: `user` (or `login`, the name of its column elsewhere) or `team`, in any case;
/// empty is `default`.
fn parse_kind(text: &str, default: ExemptKind) -> Result<ExemptKind, String> {
    let text = text.trim();
    match text.to_ascii_lowercase().as_str() {
        "" => Ok(default),
        "user" | "login" => Ok(ExemptKind::User),
        "team" => Ok(ExemptKind::Team),
        _ => Err(format!("the kind {text:?} is neither user nor team.")),
    }
}

fn expiry_text(entry: &Exemption) -> String {
    entry.expires.map(|day| day.format("%Y-%m-%d").to_string()).unwrap_or_default()
}

/// An entry from the texts of a file, checked as a typed one is.
fn entry_from(kind: ExemptKind, name: &str, reason: &str, expires: &str) -> Result<Exemption, String> {
    let expires = parse_expiry(expires)?;
    Exemption::new(kind, name, reason, expires)
}

#[derive(Serialize)]
struct JsonFile<'a> {
    format: &'static str,
    version: u64,
    exemptions: Vec<JsonEntryOut<'a>>,
}

#[derive(Serialize)]
struct JsonEntryOut<'a> {
    kind: &'static str,
    name: &'a str,
    reason: &'a str,
    /// `null` for none, so that every entry has the same fields.
    expires: Option<String>,
}

impl<'a> JsonFile<'a> {
    fn of(list: &'a ExemptionList) -> Self {
        let exemptions = list
            .entries()
            .iter()
            .map(|entry| JsonEntryOut {
                kind: kind_word(entry.kind),
                name: &entry.name,
                reason: &entry.reason,
                expires: entry.expires.map(|_| expiry_text(entry)),
            })
            .collect();
        Self { format: JSON_FORMAT, version: JSON_VERSION, exemptions }
    }
}

/// An entry as read: every field optional, so that a missing one is told in the same words a form uses
/// (an empty name, no reason) rather than in serde's. A `login` or `team` field may hold the name instead,
/// as a hand-written file might have it.
#[derive(Deserialize)]
struct JsonEntryIn {
    kind: Option<String>,
    name: Option<String>,
    login: Option<String>,
    team: Option<String>,
    reason: Option<String>,
    expires: Option<String>,
}

impl JsonEntryIn {
    fn entry(self) -> Result<Exemption, String> {
        let (default_kind, name) = match (self.name, self.login, self.team) {
            (Some(name), _, _) => (ExemptKind::User, name),
            (None, Some(login), _) => (ExemptKind::User, login),
            (None, None, Some(team)) => (ExemptKind::Team, team),
            (None, None, None) => (ExemptKind::User, String::new()),
        };
        let kind = parse_kind(self.kind.as_deref().unwrap_or_default(), default_kind)?;
        let reason = self.reason.unwrap_or_default();
        entry_from(kind, &name, &reason, self.expires.as_deref().unwrap_or_default())
    }
}

/// This app's file, or a bare array of entries (a list written by hand or by a script).
fn read_json(text: &str) -> Result<ExemptionList, ExemptionFileError> {
    let value: Value = serde_json::from_str(text).map_err(|error| {
        let (line, column) = (error.line(), error.column());
        // serde_json's message ends with the position, which the sentence gives in its own words.
        let message = error.to_string();
        let problem = message.strip_suffix(&format!(" at line {line} column {column}")).unwrap_or(&message);
        ExemptionFileError::JsonSyntax { line, column, problem: problem.to_owned() }
    })?;
    let entries = match value {
        Value::Array(entries) => entries,
        Value::Object(mut file) => {
            if file.get("format").and_then(Value::as_str) != Some(JSON_FORMAT) {
                return Err(ExemptionFileError::NotExemptions(format!(
                    "This JSON file is not an exemption list: its \"format\" is not \"{JSON_FORMAT}\"."
                )));
            }
            match file.get("version").and_then(Value::as_u64) {
                Some(JSON_VERSION) => {}
                Some(version) => {
                    return Err(ExemptionFileError::NotExemptions(format!(
                        "This exemption list is version {version}, written by a newer version of this app; \
                         this one reads version {JSON_VERSION}."
                    )))
                }
                None => {
                    return Err(ExemptionFileError::NotExemptions(
                        "This exemption list has no \"version\" number, so it cannot be read safely.".to_owned(),
                    ))
                }
            }
            match file.remove("exemptions") {
                Some(Value::Array(entries)) => entries,
                _ => {
                    return Err(ExemptionFileError::NotExemptions(
                        "This exemption list has no \"exemptions\" array.".to_owned(),
                    ))
                }
            }
        }
        // Text that begins with `{` or `[` and parses is one of the two; an error rather than a panic all
        // the same.
        _ => return Err(ExemptionFileError::NotExemptions("This JSON file is not an exemption list.".to_owned())),
    };
    let mut list = ExemptionList::default();
    for (index, value) in entries.into_iter().enumerate() {
        // serde would name the struct ("expected struct JsonEntryIn"), which means nothing to a person.
        if !value.is_object() {
            let problem = "this is not an entry with a name and a reason, in { }.".to_owned();
            return Err(ExemptionFileError::Entry { entry: index + 1, problem });
        }
        let entry = serde_json::from_value::<JsonEntryIn>(value)
            .map_err(|error| format!("{error}."))
            .and_then(JsonEntryIn::entry)
            .map_err(|problem| ExemptionFileError::Entry { entry: index + 1, problem })?;
        list.insert(entry);
    }
    Ok(list)
}

/// Where the columns a CSV reader needs are, from its header row.
struct CsvColumns {
    kind: Option<usize>,
    name: usize,
    /// The kind of an entry whose kind cell is empty or missing: a team when the names are under `team`.
    default_kind: ExemptKind,
    reason: usize,
    expires: Option<usize>,
}

impl CsvColumns {
    fn of(header: &CsvRecord) -> Result<Self, ExemptionFileError> {
        let headers: Vec<String> = header.fields.iter().map(|field| field.trim().to_ascii_lowercase()).collect();
        let find = |wanted: &str| headers.iter().position(|header| header == wanted);
        let missing = |problem: String| ExemptionFileError::Line { line: header.line, problem };
        let (name, name_header) =
            NAME_COLUMNS.iter().find_map(|wanted| find(wanted).map(|column| (column, *wanted))).ok_or_else(|| {
                missing(
                    "the first line must name the columns, one of them the name (name, login, username, github \
                     or team), as in \"login,reason,expires\"."
                        .to_owned(),
                )
            })?;
        let reason = find("reason").ok_or_else(|| {
            missing("the first line has no reason column; every exemption needs one, saying why.".to_owned())
        })?;
        let default_kind = if name_header == "team" { ExemptKind::Team } else { ExemptKind::User };
        Ok(Self { kind: find("kind"), name, default_kind, reason, expires: find("expires") })
    }

    fn entry(&self, record: &CsvRecord) -> Result<Exemption, String> {
        let cell = |column: Option<usize>| {
            column.and_then(|column| record.fields.get(column)).map(|cell| without_neutralising(cell)).unwrap_or("")
        };
        let kind = parse_kind(cell(self.kind), self.default_kind)?;
        entry_from(kind, cell(Some(self.name)), cell(Some(self.reason)), cell(self.expires))
    }
}

/// A cell without the `'` the writer puts before text a spreadsheet would run: a reason such as "-2 weeks,
/// then back" reads back as it was written. A `'` before anything else is the person's own and stays.
fn without_neutralising(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if neutralise_formula(rest) != rest => rest,
        _ => cell,
    }
}

fn read_csv(text: &str) -> Result<ExemptionList, ExemptionFileError> {
    let records = read_csv_records(text)
        .map_err(|error| ExemptionFileError::Line { line: error.line, problem: error.problem })?;
    let Some((header, rows)) = records.split_first() else {
        return Err(ExemptionFileError::Empty);
    };
    let columns = CsvColumns::of(header)?;
    let mut list = ExemptionList::default();
    for record in rows {
        let entry = columns.entry(record).map_err(|problem| ExemptionFileError::Line { line: record.line, problem })?;
        list.insert(entry);
    }
    Ok(list)
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("a test date")
    }

    fn sample() -> ExemptionList {
        let mut list = ExemptionList::default();
        let entries = [
            (ExemptKind::User, "Ada-L", "on leave, back \"soon\"\nsee the ticket", Some("2026-12-31")),
            (ExemptKind::Team, "bots_ci", "service accounts", None),
            (ExemptKind::User, "mona", "-2 weeks, then a new hire", None),
        ];
        for (kind, name, reason, expires) in entries {
            list.insert(Exemption::new(kind, name, reason, expires.map(day)).expect("a valid entry"));
        }
        list
    }

    fn line_of(error: &ExemptionFileError) -> Option<usize> {
        match error {
            ExemptionFileError::Line { line, .. } => Some(*line),
            _ => None,
        }
    }

    #[test]
    fn a_list_written_as_json_or_csv_reads_back_the_same() {
        for format in [ExemptionFormat::Json, ExemptionFormat::Csv] {
            let text = format.write(&sample());
            assert_eq!(read_exemptions(&text), Ok(sample()), "{format:?}: {text}");
            assert_eq!(read_exemptions(&format.write(&ExemptionList::default())), Ok(ExemptionList::default()));
        }
    }

    #[test]
    fn json_is_marked_with_its_format_and_version_and_says_null_for_no_expiry() {
        let value: Value = serde_json::from_str(&ExemptionFormat::Json.write(&sample())).expect("JSON");
        assert_eq!(value["format"], "copilot-seats-exemptions");
        assert_eq!(value["version"], 1);
        assert_eq!(value["exemptions"][0]["kind"], "user");
        assert_eq!(value["exemptions"][0]["expires"], "2026-12-31");
        assert_eq!(value["exemptions"][1]["kind"], "team");
        assert_eq!(value["exemptions"][1]["expires"], Value::Null);
        assert_eq!((ExemptionFormat::Json.mime(), ExemptionFormat::Json.extension()), ("application/json", "json"));
    }

    #[test]
    fn csv_has_a_header_quotes_what_needs_it_and_leaves_no_expiry_empty() {
        let text = ExemptionFormat::Csv.write(&sample());
        let mut lines = text.split("\r\n");
        assert_eq!(lines.next(), Some("kind,name,reason,expires"));
        assert!(text.contains("team,bots_ci,service accounts,\r\n"), "{text}");
        assert!(text.contains("\"on leave, back \"\"soon\"\"\nsee the ticket\""), "{text}");
        assert!(text.contains("user,mona,\"'-2 weeks, then a new hire\","), "neutralised: {text}");
        assert_eq!((ExemptionFormat::Csv.mime(), ExemptionFormat::Csv.extension()), ("text/csv", "csv"));
    }

    #[test]
    fn an_invalid_login_on_csv_line_3_names_line_3_and_imports_nothing() {
        let error = read_exemptions("login,reason\nada,on leave\nbad_name,x\nbob,new hire\n").expect_err("invalid");
        assert_eq!(line_of(&error), Some(3));
        let message = error.to_string();
        assert!(message.starts_with("Line 3: \"bad_name\": A username may contain only"), "{message}");
    }

    #[test]
    fn a_bad_date_or_a_missing_reason_or_kind_names_its_line() {
        let error = read_exemptions("login,reason,expires\nada,x,\n\nbob,y,31/12/2026\n").expect_err("bad date");
        assert_eq!(line_of(&error), Some(4), "blank lines count");
        assert!(error.to_string().contains("YYYY-MM-DD"), "{error}");
        let error = read_exemptions("login,reason\nada,\n").expect_err("no reason");
        assert_eq!(line_of(&error), Some(2));
        assert!(error.to_string().contains("a reason is needed"), "{error}");
        let error = read_exemptions("kind,name,reason\nrobot,ada,x\n").expect_err("bad kind");
        assert_eq!(error.to_string(), "Line 2: the kind \"robot\" is neither user nor team.");
    }

    #[test]
    fn csv_columns_are_found_by_name_in_any_case_and_order_and_extras_are_ignored() {
        let list = read_exemptions("Login,Reason\nada,on leave\n@Bob,new hire\n").expect("valid");
        assert!(list.entries().iter().all(|entry| entry.kind == ExemptKind::User && entry.expires.is_none()));
        assert_eq!(list.entries()[1].name, "Bob");
        let list = read_exemptions("note,REASON,team\nx,service accounts,bots\n").expect("valid");
        assert_eq!(list.entries()[0].kind, ExemptKind::Team, "a team column names teams");
        let list = read_exemptions("kind,username,reason\nTEAM,bots,x\nLogin,ada,y\n,cy,z\n").expect("valid");
        let kinds: Vec<ExemptKind> = list.entries().iter().map(|entry| entry.kind).collect();
        assert_eq!(kinds, [ExemptKind::Team, ExemptKind::User, ExemptKind::User]);
        let error = read_exemptions("login,expires\nada,\n").expect_err("no reason column");
        assert!(error.to_string().starts_with("Line 1: the first line has no reason column"), "{error}");
        let error = read_exemptions("ada,on leave\n").expect_err("no header");
        assert!(error.to_string().contains("must name the columns"), "{error}");
    }

    #[test]
    fn a_name_listed_twice_keeps_the_later_entry() {
        let list = read_exemptions("login,reason\nada,first\nADA,second\n").expect("valid");
        assert_eq!(list.len(), 1);
        assert_eq!(list.entries()[0].reason, "second");
    }

    #[test]
    fn an_empty_file_is_refused() {
        for text in ["", "  \n\r\n", "\u{FEFF}"] {
            assert_eq!(read_exemptions(text), Err(ExemptionFileError::Empty), "{text:?}");
        }
        assert_eq!(ExemptionFileError::Empty.to_string(), "The file is empty: there are no exemptions in it.");
    }

    #[test]
    fn a_csv_a_spreadsheet_saved_with_a_byte_order_mark_reads() {
        let list = read_exemptions("\u{FEFF}login,reason\r\nada,on leave\r\n").expect("valid");
        assert_eq!(list.entries()[0].name, "ada");
        let json = format!("\u{FEFF}{}", ExemptionFormat::Json.write(&sample()));
        assert_eq!(read_exemptions(&json), Ok(sample()));
    }

    #[test]
    fn a_json_file_of_another_format_or_a_later_version_is_refused() {
        let error = read_exemptions(r#"{"format":"seat-export","version":1,"exemptions":[]}"#).expect_err("other");
        assert!(error.to_string().contains("not an exemption list"), "{error}");
        let error = read_exemptions(r#"{"exemptions":[]}"#).expect_err("no format");
        assert!(matches!(error, ExemptionFileError::NotExemptions(_)), "{error}");
        let error = read_exemptions(r#"{"format":"copilot-seats-exemptions","version":2,"exemptions":[]}"#)
            .expect_err("later version");
        assert!(error.to_string().contains("version 2"), "{error}");
    }

    #[test]
    fn a_json_syntax_error_names_its_line_and_column() {
        let error = read_exemptions("{\n  \"format\": \"copilot-seats-exemptions\",\n  \"version\": 1,,\n}")
            .expect_err("not JSON");
        let ExemptionFileError::JsonSyntax { line, .. } = &error else { panic!("a syntax error: {error:?}") };
        assert_eq!(*line, 3);
        let message = error.to_string();
        assert!(message.starts_with("The file is not valid JSON: "), "{message}");
        assert!(message.ends_with("(line 3, column 16)."), "{message}");
        assert!(!message.contains(" at line "), "the position is said once: {message}");
    }

    #[test]
    fn an_invalid_json_entry_names_its_number_and_imports_nothing() {
        let text = r#"{"format":"copilot-seats-exemptions","version":1,"exemptions":[
            {"kind":"user","name":"ada","reason":"x","expires":null},
            {"kind":"team","name":"bots","reason":"y"},
            {"kind":"user","name":"bo","reason":"z","expires":"next week"}]}"#;
        let error = read_exemptions(text).expect_err("bad date");
        assert_eq!(error, ExemptionFileError::Entry { entry: 3, problem: parse_expiry("next week").unwrap_err() });
        assert!(error.to_string().starts_with("Entry 3: the expiry date"), "{error}");
        let error = read_exemptions(r#"[{"login":"ada","reason":7}]"#).expect_err("a number");
        assert!(error.to_string().starts_with("Entry 1: invalid type"), "{error}");
        let error = read_exemptions(r#"[{"login":"ada","reason":"x"}, "bob"]"#).expect_err("not an object");
        assert_eq!(error.to_string(), "Entry 2: this is not an entry with a name and a reason, in { }.");
        let list = read_exemptions(r#"[{"team":"Bots","reason":"ci"}]"#).expect("a bare array");
        assert_eq!(list.entries()[0].kind, ExemptKind::Team);
    }
}
