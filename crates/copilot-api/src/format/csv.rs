//! The one CSV writer: every CSV this crate writes (the seat export and the activity log) is a header and
//! rows handed to [`csv_text`], so quoting and formula neutralising have one home.
//!
//! Quoting is RFC 4180's, as the `csv` crate writes it (a cell with a comma, a quote or a line break is
//! quoted, and quotes inside are doubled), with RFC 4180's `\r\n` between records, by `csv_record`: the
//! crate's writer itself cost the first load 18 KiB gzip, and stays the tests' reference. Every cell, header included, goes
//! through [`neutralise_formula`], so opening a file can never run anything.

use super::csv_record::push_record;
use crate::spreadsheet_formula::neutralise_formula;

/// Why a CSV could not be written. Writing to memory does not fail in practice; this exists so that an
/// impossible failure becomes a message rather than a panic that kills the page.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct CsvError(String);

/// The header, then one record per row, as CSV text.
pub fn csv_text<Row, Cell>(header: &[&str], rows: impl IntoIterator<Item = Row>) -> Result<String, CsvError>
where
    Row: IntoIterator<Item = Cell>,
    Cell: AsRef<str>,
{
    let safe = |cell: &str| neutralise_formula(cell).into_owned();
    let mut text = String::new();
    push_record(&mut text, header.iter().map(|cell| safe(cell)));
    for row in rows {
        push_record(&mut text, row.into_iter().map(|cell| safe(cell.as_ref())));
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_back(text: &str) -> Vec<Vec<String>> {
        let mut reader = ::csv::ReaderBuilder::new().has_headers(false).from_reader(text.as_bytes());
        reader.records().map(|record| record.expect("a CSV record").iter().map(str::to_owned).collect()).collect()
    }

    #[test]
    fn records_end_with_crlf_and_only_cells_that_need_it_are_quoted() {
        let text = csv_text(&["name", "note"], [["mona", "plain"], ["a,b", "say \"hi\"\nthen go"]]).expect("CSV");
        assert_eq!(text, "name,note\r\nmona,plain\r\n\"a,b\",\"say \"\"hi\"\"\nthen go\"\r\n");
        assert_eq!(read_back(&text), [["name", "note"], ["mona", "plain"], ["a,b", "say \"hi\"\nthen go"]]);
    }

    #[test]
    fn every_cell_a_spreadsheet_would_run_is_neutralised() {
        let text = csv_text(&["=header"], [["=SUM(A1)"], ["＠SUM(A1)"], ["\u{FEFF} +1"], ["1+1"]]).expect("CSV");
        assert_eq!(read_back(&text), [["'=header"], ["'=SUM(A1)"], ["'＠SUM(A1)"], ["'\u{FEFF} +1"], ["1+1"]]);
    }

    #[test]
    fn no_rows_is_the_header_alone() {
        assert_eq!(csv_text(&["a", "b"], Vec::<[&str; 2]>::new()).expect("CSV"), "a,b\r\n");
    }
}
