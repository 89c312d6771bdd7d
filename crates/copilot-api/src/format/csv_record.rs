//! One CSV record, quoted per RFC 4180 exactly as the `csv` crate's writer quotes it (with RFC 4180's
//! `\r\n` between records).
//!
//! Every CSV is written whole into a string, so the `csv` crate's buffered, `io::Write` based writer (and
//! the `std::io` error text it links) cost the first load about 18 KiB gzip for what is a dozen lines: a
//! field is quoted when it holds a comma, a quote, a carriage return or a line feed, a quote inside it is
//! doubled, and a record ends with `\r\n`. The crate stays a dev-dependency: the tests read CSV back with
//! it and compare this writer with it.

/// Appends `cells` to `out` as one record, `\r\n` included.
pub fn push_record<I>(out: &mut String, cells: I)
where
    I: IntoIterator,
    I::Item: AsRef<str>,
{
    let mut count = 0;
    let mut only_empty = false;
    for cell in cells {
        let cell = cell.as_ref();
        if count > 0 {
            out.push(',');
        }
        count += 1;
        only_empty = cell.is_empty();
        if cell.contains([',', '"', '\r', '\n']) {
            out.push('"');
            out.push_str(&cell.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(cell);
        }
    }
    // A record of one empty field would read back as no record at all.
    if count == 1 && only_empty {
        out.push_str("\"\"");
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What the `csv` crate's default writer makes of `records`: the reference this writer must match.
    fn csv_crate_writes(records: &[Vec<&str>]) -> String {
        let mut writer =
            csv::WriterBuilder::new().flexible(true).terminator(csv::Terminator::CRLF).from_writer(Vec::new());
        for record in records {
            writer.write_record(record).expect("writes");
        }
        String::from_utf8(writer.into_inner().expect("flushes")).expect("utf-8")
    }

    fn written(records: &[Vec<&str>]) -> String {
        let mut out = String::new();
        for record in records {
            push_record(&mut out, record);
        }
        out
    }

    #[test]
    fn records_are_written_as_the_csv_crate_wrote_them() {
        let records = vec![
            vec!["login", "name", "note"],
            vec!["octocat", "The Octocat", ""],
            vec!["a,b", "say \"hi\"", "two\nlines"],
            vec!["carriage\rreturn", "crlf\r\n", " leading space"],
            vec!["\"", ",", "\"\""],
            vec!["=1+1", "@SUM(A1)", "-2"],
            vec!["ünïcödé", "日本語", "emoji 🎉"],
            vec!["", "", ""],
            vec![""],
            vec!["only"],
        ];
        assert_eq!(written(&records), csv_crate_writes(&records));
    }

    #[test]
    fn what_is_written_reads_back_as_the_same_cells() {
        let records = vec![vec!["a,b", "say \"hi\"", "two\nlines"], vec!["x", "", "\r"]];
        let text = written(&records);
        let mut reader = csv::ReaderBuilder::new().has_headers(false).from_reader(text.as_bytes());
        let read: Vec<Vec<String>> =
            reader.records().map(|record| record.expect("reads").iter().map(str::to_owned).collect()).collect();
        assert_eq!(read, records);
    }
}
