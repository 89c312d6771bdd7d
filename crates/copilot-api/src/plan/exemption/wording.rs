//! What the exemptions panel says: its heading with the count, the note on where the list is kept, and
//! what the selection helpers left out. The component renders these as they are.

use crate::format::plural;

/// The panel's folded heading: "Exemptions (3)".
pub fn panel_heading(entries: usize) -> String {
    format!("Exemptions ({entries})")
}

/// Why the list is not kept anywhere by itself: the person chooses, by exporting it.
pub const KEPT_IN_THIS_TAB: &str =
    "The list is kept in this tab only, unless you tick the box below: export it to keep it \
elsewhere, and import it next time. \
Exempt seats are never proposed for revocation: the selection helpers leave them out, and a revoke skips them.";

/// The grid's badge on an exempt seat; its reason is the badge's title.
pub const EXEMPT_BADGE: &str = "Exempt";

/// What an expiry means, next to its field.
pub const EXPIRY_HINT: &str = "Exempt through this day, inclusive; empty for no end.";

/// After a selection helper ran: "2 exempt seats left out." `None` when none were.
pub fn left_out_note(left_out: usize) -> Option<String> {
    (left_out > 0).then(|| format!("{} left out.", plural(left_out, "exempt seat", "exempt seats")))
}

/// Beside the selection bar when the load holds exempt seats: "3 loaded seats are exempt."
pub fn exempt_loaded_note(exempt: usize) -> String {
    format!("{} exempt.", plural(exempt, "loaded seat is", "loaded seats are"))
}

/// After an import: "Imported 12 entries: 10 added, 2 replaced."
pub fn imported_note(added: usize, replaced: usize) -> String {
    format!(
        "Imported {}: {} added, {} replaced.",
        plural(added + replaced, "entry", "entries"),
        crate::format::count(added),
        crate::format::count(replaced)
    )
}

/// The state of an entry on a day: "until 2024-07-01", "for good", or "expired on 2024-06-01".
pub fn expiry_text(expires: Option<chrono::NaiveDate>, today: chrono::NaiveDate) -> String {
    match expires {
        None => "for good".to_owned(),
        Some(day) if day < today => format!("expired on {day}"),
        Some(day) => format!("through {day}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn the_panel_counts_and_says_what_it_left_out_and_until_when() {
        assert_eq!(panel_heading(3), "Exemptions (3)");
        assert_eq!(left_out_note(0), None);
        assert_eq!(left_out_note(1).as_deref(), Some("1 exempt seat left out."));
        assert_eq!(exempt_loaded_note(2), "2 loaded seats are exempt.");
        assert_eq!(imported_note(10, 2), "Imported 12 entries: 10 added, 2 replaced.");
        let today = NaiveDate::from_ymd_opt(2024, 6, 30).expect("a date");
        assert_eq!(expiry_text(None, today), "for good");
        assert_eq!(expiry_text(Some(today), today), "through 2024-06-30");
        assert_eq!(expiry_text(today.pred_opt(), today), "expired on 2024-06-29");
    }
}
