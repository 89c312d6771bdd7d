//! Read: the names of an offboarding list, pasted or from a CSV file (an HR export, a ticket's list), each
//! with the line it is on, as written.
//!
//! Which cells hold the names, in this order:
//! 1. a header cell named like a GitHub login (`github` first, as an HR export may also have a company
//!    `username`; then `login`, then `username`; or exactly `user` or `handle`): that column, below it. A
//!    cell that only contains one of the words counts when it could not be a login itself ("GitHub Login",
//!    `github_username`), so that a list starting with `github-bot` is not taken for a header;
//! 2. a table without such a header (several lines, each with the same number of cells, and some cell
//!    past the first that could not be a login: empty, a full name, an e-mail address): the first column
//!    of every line, the first included (a header the reader did not recognise shows as a name it cannot
//!    match);
//! 3. anything else (one name a line, or names on one line): every name, split on commas, semicolons and
//!    white space, as the write forms read a pasted list.
//!
//! Nothing is judged here: a name is checked, matched and counted by `reconcile`, so that a bad one is a
//! row of the table, not a refused file. Only text that is not CSV at all (a quote never closed) is refused,
//! with its line.

use crate::format::{read_csv_records, CsvReadError, CsvRecord};
use crate::names::{is_valid_name, NameKind};

/// Header words that name the login column, the first found winning; each matches a header that is it, or
/// that contains it and is not a valid login.
const HEADER_WORDS: [&str; 3] = ["github", "login", "username"];
/// Headers that name the login column only when they are exactly this.
const HEADER_EXACT: [&str; 2] = ["user", "handle"];

/// One name as the list has it, before any check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListedEntry {
    /// The line (from 1) its record begins on.
    pub line: usize,
    /// The cell's text, trimmed.
    pub text: String,
}

/// Which cells the names were taken from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ListShape {
    /// The column under this header (as written).
    Column(String),
    /// The first column of a table whose header names no login column.
    FirstColumn,
    /// A plain list of names.
    Names,
}

/// The names of a list, in order, duplicates and all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListedNames {
    pub entries: Vec<ListedEntry>,
    pub shape: ListShape,
}

/// Why a list could not be read; the message is the sentence to show.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ListReadError {
    #[error("There are no names in the list.")]
    Empty,
    #[error("{0}")]
    NotCsv(#[from] CsvReadError),
}

/// Reads the names of a pasted list or a CSV file's text.
pub fn read_listed_names(text: &str) -> Result<ListedNames, ListReadError> {
    let records = read_csv_records(text)?;
    let listed = match login_column(records.first()) {
        Some((column, header)) => {
            let entries = records[1..].iter().filter_map(|record| cell_entry(record, column)).collect();
            ListedNames { entries, shape: ListShape::Column(header) }
        }
        None if is_table(&records) => {
            let entries = records.iter().filter_map(|record| cell_entry(record, 0)).collect();
            ListedNames { entries, shape: ListShape::FirstColumn }
        }
        None => {
            let entries = records
                .iter()
                .flat_map(|record| {
                    record
                        .fields
                        .iter()
                        .flat_map(|field| field.split(|c: char| c == ';' || c == ',' || c.is_whitespace()))
                        .filter(|name| !name.is_empty())
                        .map(|name| ListedEntry { line: record.line, text: name.to_owned() })
                })
                .collect();
            ListedNames { entries, shape: ListShape::Names }
        }
    };
    if listed.entries.is_empty() {
        return Err(ListReadError::Empty);
    }
    Ok(listed)
}

/// The column of the first line whose header names logins, and that header as written.
fn login_column(header: Option<&CsvRecord>) -> Option<(usize, String)> {
    let headers: Vec<String> = header?.fields.iter().map(|cell| cell.trim().to_ascii_lowercase()).collect();
    let found = HEADER_WORDS
        .iter()
        .find_map(|word| {
            headers
                .iter()
                .position(|header| header == word || (header.contains(word) && !is_valid_name(header, NameKind::User)))
        })
        .or_else(|| headers.iter().position(|header| HEADER_EXACT.contains(&header.as_str())))?;
    let written = header?.fields.get(found)?.trim().to_owned();
    Some((found, written))
}

/// Whether records without a login header are a table rather than names separated by commas: see the
/// module's rule 2. "ada, bob" on each of two lines is four names.
fn is_table(records: &[CsvRecord]) -> bool {
    let width = records.first().map_or(0, |record| record.fields.len());
    let not_a_login = |cell: &String| {
        let cell = cell.trim();
        !is_valid_name(cell.strip_prefix('@').unwrap_or(cell), NameKind::User)
    };
    records.len() > 1
        && width > 1
        && records.iter().all(|record| record.fields.len() == width)
        && records.iter().any(|record| record.fields[1..].iter().any(not_a_login))
}

/// The cell in `column` of a record, trimmed; `None` when it is empty or missing.
fn cell_entry(record: &CsvRecord, column: usize) -> Option<ListedEntry> {
    let text = record.fields.get(column)?.trim();
    (!text.is_empty()).then(|| ListedEntry { line: record.line, text: text.to_owned() })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(listed: &ListedNames) -> Vec<(usize, &str)> {
        listed.entries.iter().map(|entry| (entry.line, entry.text.as_str())).collect()
    }

    #[test]
    fn a_github_column_wins_over_a_company_username_and_rows_below_it_are_read() {
        let listed =
            read_listed_names("Name,Username,GitHub Login,Leaving\nAda L,alovelace,ada-l,2024-07-01\nBob,bob,,x\n")
                .expect("a list");
        assert_eq!(listed.shape, ListShape::Column("GitHub Login".into()));
        assert_eq!(texts(&listed), [(2, "ada-l")], "an empty cell is no name");
    }

    #[test]
    fn a_login_or_username_or_user_header_is_found_in_any_case_and_place() {
        let listed = read_listed_names("email,LOGIN\na@x.org,@Ada\n").expect("a list");
        assert_eq!((listed.shape.clone(), texts(&listed)), (ListShape::Column("LOGIN".into()), vec![(2, "@Ada")]));
        let listed = read_listed_names("id;x,username\n7,bob\n").expect("a list");
        assert_eq!(texts(&listed), [(2, "bob")]);
        let listed = read_listed_names("User,Date\ncy,2024\n").expect("a list");
        assert_eq!(listed.shape, ListShape::Column("User".into()));
        assert_eq!(texts(&listed), [(2, "cy")]);
    }

    #[test]
    fn a_first_name_that_only_contains_a_header_word_is_a_name() {
        let listed = read_listed_names("github-bot\nada\n").expect("a list");
        assert_eq!(listed.shape, ListShape::Names);
        assert_eq!(texts(&listed), [(1, "github-bot"), (2, "ada")]);
        let listed = read_listed_names("github_username\nada\n").expect("a list");
        assert_eq!(listed.shape, ListShape::Column("github_username".into()));
    }

    #[test]
    fn a_table_without_a_login_header_gives_its_first_column_first_line_included() {
        let listed = read_listed_names("ada,2024-07-01\n\nbob,2024-07-02\n\"cy\",\n").expect("a list");
        assert_eq!(listed.shape, ListShape::FirstColumn);
        assert_eq!(texts(&listed), [(1, "ada"), (3, "bob"), (4, "cy")]);
    }

    #[test]
    fn a_pasted_list_is_split_on_commas_semicolons_and_white_space() {
        let listed = read_listed_names("ada, @bob;cy\n\n  dee\tEve \r\nada\n").expect("a list");
        assert_eq!(listed.shape, ListShape::Names);
        assert_eq!(texts(&listed), [(1, "ada"), (1, "@bob"), (1, "cy"), (3, "dee"), (3, "Eve"), (4, "ada")]);
    }

    #[test]
    fn lines_of_names_separated_by_commas_are_names_not_a_table() {
        let listed = read_listed_names("ada, bob\ncy, @dee\n").expect("a list");
        assert_eq!(listed.shape, ListShape::Names);
        assert_eq!(texts(&listed), [(1, "ada"), (1, "bob"), (2, "cy"), (2, "@dee")]);
        let listed = read_listed_names("ada,Ada Lovelace\nbob,Bob\n").expect("a list");
        assert_eq!(listed.shape, ListShape::FirstColumn, "a full name is no login");
    }

    #[test]
    fn nothing_to_read_and_a_quote_never_closed_are_refused() {
        for text in ["", " \n\n", "\u{FEFF}", "login\n", "login\n,\n"] {
            assert_eq!(read_listed_names(text), Err(ListReadError::Empty), "{text:?}");
        }
        let error = read_listed_names("login\nada\n\"bob\n").expect_err("not CSV");
        assert_eq!(error.to_string(), "Line 3: a quoted field is never closed (a \" is missing).");
    }
}
