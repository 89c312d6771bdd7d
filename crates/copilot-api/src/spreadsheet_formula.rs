//! Text a spreadsheet would run as a formula, defused: every CSV this crate writes (the seat export and the
//! activity log) passes its cells through [`neutralise_formula`], so there is one rule to keep right.
//!
//! A spreadsheet runs a cell that begins with `=`, `+`, `-` or `@`, and some also accept their full-width
//! forms (`＝＋－＠`) and skip leading spaces or invisible zero-width characters before them. Team names and
//! editor strings come from other people, so such cells get a leading `'` (OWASP's advice for CSV
//! injection).

use std::borrow::Cow;

/// Characters that start a formula, in their ASCII and full-width forms.
const FORMULA_STARTS: [char; 8] = ['=', '+', '-', '@', '\u{FF1D}', '\u{FF0B}', '\u{FF0D}', '\u{FF20}'];

/// Invisible characters that can hide a formula start from a person but not from a spreadsheet: zero-width
/// space, non-joiner and joiner, the byte order mark and the word joiner.
const ZERO_WIDTH: [char; 5] = ['\u{200B}', '\u{200C}', '\u{200D}', '\u{FEFF}', '\u{2060}'];

/// Prefixes `'` to a cell a spreadsheet would run as a formula (also behind whitespace or zero-width
/// characters, or one that begins with a tab or a carriage return); every other cell is left as it is.
pub fn neutralise_formula(cell: &str) -> Cow<'_, str> {
    let visible = cell.trim_start_matches(|c: char| c.is_whitespace() || ZERO_WIDTH.contains(&c));
    if cell.starts_with(['\t', '\r']) || visible.starts_with(FORMULA_STARTS) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_formula_starts_are_neutralised() {
        for text in ["=HYPERLINK(\"http://evil\")", "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1", "\t"] {
            assert_eq!(neutralise_formula(text), format!("'{text}"), "{text:?}");
        }
    }

    #[test]
    fn full_width_formula_starts_are_neutralised() {
        for text in ["＝SUM(A1)", "＋1", "－1", "＠SUM(A1)"] {
            assert_eq!(neutralise_formula(text), format!("'{text}"), "{text:?}");
        }
    }

    #[test]
    fn formulas_behind_zero_width_characters_or_whitespace_are_neutralised() {
        for text in [
            "\u{200B}=1",
            "\u{200C}+1",
            "\u{200D}-1",
            "\u{FEFF}@SUM(A1)",
            "\u{2060}＝1",
            " =1",
            "  \u{200B} \u{FEFF}=1",
            "\u{3000}＝1",
        ] {
            assert_eq!(neutralise_formula(text), format!("'{text}"), "{text:?}");
        }
    }

    #[test]
    fn harmless_cells_are_left_exactly_as_they_are() {
        for text in ["mona", "", "1+1", "a=b", "'quoted", "é@x", "\u{200B}mona", " x=1"] {
            assert_eq!(neutralise_formula(text), text, "{text:?}");
        }
    }
}
