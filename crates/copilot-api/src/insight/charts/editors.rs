//! The editors the seats were last used from (parsed from `last_activity_editor`), with their share: the
//! most used ones a bar each, the rest together, and the seats with no editor recorded.

use super::chart::{Bar, BarChart, BarFilter};
use super::tally::Tally;
use crate::format::{percent, plural};
use crate::insight::grid::SeatIndex;

/// Editors shown a bar each; more are added up in "Other editors".
pub const EDITOR_BARS: usize = 8;

pub fn editor_chart(index: &SeatIndex, tally: &Tally) -> BarChart {
    // The editor filter's ids, each with its key and name.
    let editors: Vec<(u32, &str, &str)> = index
        .filter_options()
        .editors
        .iter()
        .filter_map(|option| Some((index.editor_id(&option.value)?, option.value.as_str(), option.label.as_str())))
        .collect();
    let by_id = &tally.editors;
    let none = tally.no_editor;
    let mut used: Vec<(usize, &str, &str)> = editors
        .iter()
        .map(|&(id, key, label)| (by_id.get(id as usize).copied().unwrap_or(0), key, label))
        .filter(|(seats, _, _)| *seats > 0)
        .collect();
    // Most seats first; equal counts by name (the menu's order, which `sort_by` keeps).
    used.sort_by_key(|&(seats, _, _)| std::cmp::Reverse(seats));
    let set = tally.seats;
    let share = |seats: usize| Some(format!("{} of the seats", percent(seats, set)));
    let mut bars: Vec<Bar> = used
        .iter()
        .take(EDITOR_BARS)
        .map(|&(seats, key, label)| Bar {
            label: label.to_owned(),
            values: vec![seats],
            note: share(seats),
            filter: Some(BarFilter::Editor(key.to_owned())),
        })
        .collect();
    let rest = used.get(EDITOR_BARS..).unwrap_or_default();
    if !rest.is_empty() {
        let seats = rest.iter().map(|(seats, _, _)| seats).sum();
        bars.push(Bar {
            label: format!("Other editors ({})", plural(rest.len(), "editor", "editors")),
            values: vec![seats],
            note: share(seats),
            filter: None,
        });
    }
    if none > 0 {
        bars.push(Bar { label: "No editor recorded".to_owned(), values: vec![none], note: share(none), filter: None });
    }
    BarChart {
        id: "editors",
        title: "Editors last used".to_owned(),
        category_axis: "Editor",
        value_axis: "Seats",
        series: vec!["Seats"],
        bars,
        note_heading: Some("Share"),
        caption: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::insight::grid::test_support::{fixture, view_with, NOW};
    use crate::insight::grid::GridState;
    use crate::test_seats::{at, seat};

    fn chart_of(seats: &[crate::models::Seat]) -> BarChart {
        let index = SeatIndex::new(seats, None);
        editor_chart(&index, &Tally::new(&index, &view_with(seats, &GridState::default()), at(NOW)))
    }

    #[test]
    fn editors_are_counted_by_parsed_name_most_used_first_with_their_share() {
        let seats = fixture();
        let chart = chart_of(&seats);
        let bars: Vec<(&str, usize, Option<&str>)> =
            chart.bars.iter().map(|b| (b.label.as_str(), b.total(), b.note.as_deref())).collect();
        // Hand-counted: mona, bob and alice on VS Code; Hubot on IntelliJ; octocat never used.
        assert_eq!(
            bars,
            [
                ("VS Code", 3, Some("60% of the seats")),
                ("JetBrains IntelliJ IDEA Community", 1, Some("20% of the seats")),
                ("No editor recorded", 1, Some("20% of the seats")),
            ]
        );
        assert_eq!(chart.bars[0].filter, Some(BarFilter::Editor("vscode".into())));
        assert_eq!(chart.bars[2].filter, None);
    }

    #[test]
    fn editors_past_the_eighth_are_added_up_as_others() {
        let names = ["vscode", "neovim", "vim", "xcode", "emacs", "eclipse", "visualstudio", "github.com", "a", "b"];
        let seats: Vec<_> = names
            .iter()
            .enumerate()
            .flat_map(|(rank, name)| {
                // Fewer seats down the list: vscode 10, neovim 9, …, b 1.
                (0..names.len() - rank).map(move |n| seat(&format!("{name}-{n}")).editor(&format!("{name}/1")).build())
            })
            .collect();
        let chart = chart_of(&seats);
        assert_eq!(chart.bars.len(), EDITOR_BARS + 1);
        let other = &chart.bars[EDITOR_BARS];
        assert_eq!((other.label.as_str(), other.total()), ("Other editors (2 editors)", 3));
        assert_eq!(chart.total(), 55);
    }
}
