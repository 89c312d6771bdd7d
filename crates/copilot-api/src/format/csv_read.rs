//! The one CSV reader: RFC 4180 records read from a file a person chose, each with the line it begins on,
//! so that an error can name the line a person sees in their editor or spreadsheet.
//!
//! Why not the `csv` crate: the page dropped it for its writer (see `csv_record`), and reading a file of a
//! few hundred lines whole is a small state machine. The crate stays the tests' reference.
//!
//! What it accepts, as the `csv` crate does by default: `,` between fields, `\n`, `\r\n` or `\r` between
//! records, fields quoted with `"` (a quote inside doubled), line breaks inside quoted fields, blank lines
//! skipped, a leading byte order mark (spreadsheets write one) dropped. What it refuses, with the line: a
//! quoted field that never ends, and text after a closing quote.

/// One record: its fields, and the line (from 1) it begins on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CsvRecord {
    pub line: usize,
    pub fields: Vec<String>,
}

/// Why a file is not CSV, and on which line.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("Line {line}: {problem}")]
pub struct CsvReadError {
    pub line: usize,
    pub problem: String,
}

/// Reads every record of `text`. Blank lines are skipped, as spreadsheets leave them.
pub fn read_csv_records(text: &str) -> Result<Vec<CsvRecord>, CsvReadError> {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let mut records = Vec::new();
    let mut chars = text.chars().peekable();
    let mut line = 1;
    while chars.peek().is_some() {
        let start = line;
        let mut fields = Vec::new();
        let mut field = String::new();
        loop {
            match chars.next() {
                None => {
                    fields.push(std::mem::take(&mut field));
                    break;
                }
                Some(',') => fields.push(std::mem::take(&mut field)),
                Some('\n') => {
                    line += 1;
                    fields.push(std::mem::take(&mut field));
                    break;
                }
                Some('\r') => {
                    if chars.peek() == Some(&'\n') {
                        chars.next();
                    }
                    line += 1;
                    fields.push(std::mem::take(&mut field));
                    break;
                }
                Some('"') if field.is_empty() => {
                    let opened = line;
                    loop {
                        match chars.next() {
                            None => {
                                return Err(CsvReadError {
                                    line: opened,
                                    problem: "a quoted field is never closed (a \" is missing).".to_owned(),
                                })
                            }
                            Some('"') if chars.peek() == Some(&'"') => {
                                chars.next();
                                field.push('"');
                            }
                            Some('"') => break,
                            Some(c) => {
                                if c == '\n' || (c == '\r' && chars.peek() != Some(&'\n')) {
                                    line += 1;
                                }
                                field.push(c);
                            }
                        }
                    }
                    if !matches!(chars.peek(), None | Some(',' | '\n' | '\r')) {
                        return Err(CsvReadError {
                            line,
                            problem:
                                "text follows a closing quote; a quote inside a quoted field is written twice (\"\")."
                                    .to_owned(),
                        });
                    }
                }
                Some(c) => field.push(c),
            }
        }
        let blank = fields.len() == 1 && fields[0].is_empty();
        if !blank {
            records.push(CsvRecord { line: start, fields });
        }
    }
    Ok(records)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(text: &str) -> Vec<Vec<String>> {
        read_csv_records(text).expect("valid CSV").into_iter().map(|record| record.fields).collect()
    }

    fn reference(text: &str) -> Vec<Vec<String>> {
        let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(text.as_bytes());
        reader.records().map(|record| record.expect("a CSV record").iter().map(str::to_owned).collect()).collect()
    }

    #[test]
    fn records_read_as_the_csv_crate_reads_them() {
        for text in [
            "login,reason\r\nada,on leave\r\n",
            "a,b\nc,d",
            "\"x, y\",\"say \"\"hi\"\"\"\n\"two\nlines\",z\n",
            "a,,c\n\n\nd\n",
            "\u{FEFF}login\nada\n",
            "a\rb\r",
            "a,\"\"\n",
        ] {
            assert_eq!(fields(text), reference(text), "{text:?}");
        }
    }

    #[test]
    fn each_record_knows_the_line_it_begins_on_past_blank_lines_and_quoted_breaks() {
        let records = read_csv_records("h1,h2\n\n\"a\nb\",c\r\nd,e\n").expect("valid CSV");
        let lines: Vec<usize> = records.iter().map(|record| record.line).collect();
        assert_eq!(lines, [1, 3, 5]);
    }

    #[test]
    fn an_unclosed_quote_names_the_line_it_opened_on() {
        let error = read_csv_records("login\nada\n\"bob,x\nmore\n").expect_err("not CSV");
        assert_eq!(error.line, 3);
        assert_eq!(error.to_string(), "Line 3: a quoted field is never closed (a \" is missing).");
    }

    #[test]
    fn text_after_a_closing_quote_is_refused_with_its_line() {
        let error = read_csv_records("a\n\"b\"c,d\n").expect_err("not CSV");
        assert_eq!(error.line, 2);
        assert!(error.problem.contains("closing quote"), "{error}");
    }

    #[test]
    fn an_empty_file_has_no_records() {
        assert!(read_csv_records("").expect("valid").is_empty());
        assert!(read_csv_records("\n\r\n").expect("valid").is_empty());
    }
}
