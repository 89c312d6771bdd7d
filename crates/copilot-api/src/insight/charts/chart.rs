//! A bar chart as data: categories (bars), each split into the same series (one series: plain bars), with
//! every word the component shows, so that the chart, its hover text and its table say the same numbers.

use crate::format::{count, plural};
use crate::insight::activity_age::ActivityAge;
use crate::insight::grid::{GridState, TeamFilter};
use crate::insight::status::SeatStatus;
use crate::models::PlanType;

/// What a click on a bar does to the grid: one of the grid's filters, set to the bar's seats.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BarFilter {
    Status(SeatStatus),
    ActivityAge(ActivityAge),
    Editor(String),
    Team(TeamFilter),
    Organization(String),
    Plan(PlanType),
}

impl BarFilter {
    /// Whether the grid is filtered to this bar's seats already.
    pub fn is_applied(&self, state: &GridState) -> bool {
        match self {
            Self::Status(status) => state.statuses.iter().eq([*status]),
            Self::ActivityAge(age) => state.activity_age == Some(*age),
            Self::Editor(key) => state.editor.as_deref() == Some(key.as_str()),
            Self::Team(team) => state.team.as_ref() == Some(team),
            Self::Organization(login) => state.organization.as_deref() == Some(login.as_str()),
            Self::Plan(plan) => state.plan == Some(*plan),
        }
    }

    /// A click: filters the grid to the bar's seats, or, when it already is, lifts that filter.
    pub fn toggle(&self, state: &mut GridState) {
        let off = self.is_applied(state);
        match self {
            Self::Status(status) => {
                state.statuses = if off { Default::default() } else { [*status].into_iter().collect() };
            }
            Self::ActivityAge(age) => state.activity_age = (!off).then_some(*age),
            Self::Editor(key) => state.editor = (!off).then(|| key.clone()),
            Self::Team(team) => state.team = (!off).then(|| team.clone()),
            Self::Organization(login) => state.organization = (!off).then(|| login.clone()),
            Self::Plan(plan) => state.plan = (!off).then_some(*plan),
        }
    }
}

/// One bar: its seats in each series of the chart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bar {
    pub label: String,
    /// One count a series, in the chart's series order.
    pub values: Vec<usize>,
    /// A figure beside the count ("62% active", "$58.00 a month"), in the table's last column too.
    pub note: Option<String>,
    /// What a click does; `None`: the grid has no filter for these seats.
    pub filter: Option<BarFilter>,
}

impl Bar {
    pub fn total(&self) -> usize {
        self.values.iter().sum()
    }
}

/// A horizontal bar chart, stacked when it has more than one series.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BarChart {
    /// Names the chart in the page (headings' ids, test ids): `activity`, `status`, …
    pub id: &'static str,
    pub title: String,
    /// What the bars are, the vertical axis's label.
    pub category_axis: &'static str,
    /// What their length counts, with its unit: the horizontal axis's label.
    pub value_axis: &'static str,
    /// The parts of a stacked bar (a single one for plain bars).
    pub series: Vec<&'static str>,
    pub bars: Vec<Bar>,
    /// The heading of the table's note column, when bars carry notes.
    pub note_heading: Option<&'static str>,
    /// Which seats the bars cover, when it is not simply the seats the grid shows.
    pub caption: Option<String>,
}

impl BarChart {
    /// The longest bar, at least 1: what the axis runs to.
    pub fn max_total(&self) -> usize {
        self.bars.iter().map(Bar::total).max().unwrap_or(0).max(1)
    }

    /// The seats of every bar together.
    pub fn total(&self) -> usize {
        self.bars.iter().map(Bar::total).sum()
    }

    /// The chart's accessible name: its title and what it counts.
    pub fn accessible_name(&self) -> String {
        format!("{}: {} by {}", self.title, self.value_axis, self.category_axis.to_lowercase())
    }

    /// Each series' part of a bar as (start, width), in parts of the longest bar (0 to 1), one a series in
    /// series order: an empty part has width 0, so that a part keeps its place (and its element on the page)
    /// when its count falls to 0 and rises again.
    pub fn spans(&self, bar: &Bar) -> Vec<(f64, f64)> {
        let max = self.max_total() as f64;
        let mut start = 0.0;
        bar.values
            .iter()
            .map(|&value| {
                let width = value as f64 / max;
                let span = (start, width);
                start += width;
                span
            })
            .collect()
    }

    /// What hovering or focusing a bar says: its exact count, the parts, the note, and what a click does.
    pub fn bar_text(&self, bar: &Bar, applied: bool) -> String {
        let mut text = format!("{}: {}", bar.label, plural(bar.total(), "seat", "seats"));
        if self.series.len() > 1 {
            let parts: Vec<String> =
                self.series.iter().zip(&bar.values).map(|(name, value)| format!("{name} {}", count(*value))).collect();
            text.push_str(&format!(" ({})", parts.join(", ")));
        }
        if let Some(note) = &bar.note {
            text.push_str(&format!("; {note}"));
        }
        if bar.filter.is_some() {
            text.push_str(if applied { ". Press to show every seat again." } else { ". Press to show these seats." });
        }
        text
    }

    /// The table's header row: the category, each series (when stacked), the total, the note.
    pub fn table_header(&self) -> Vec<&'static str> {
        let mut header = vec![self.category_axis];
        if self.series.len() > 1 {
            header.extend(self.series.iter().copied());
        }
        header.push(self.value_axis);
        header.extend(self.note_heading);
        header
    }

    /// The table's rows, as the header orders them, numbers with separators.
    pub fn table_rows(&self) -> Vec<Vec<String>> {
        self.bars
            .iter()
            .map(|bar| {
                let mut row = vec![bar.label.clone()];
                if self.series.len() > 1 {
                    row.extend(bar.values.iter().map(|value| count(*value)));
                }
                row.push(count(bar.total()));
                if self.note_heading.is_some() {
                    row.push(bar.note.clone().unwrap_or_default());
                }
                row
            })
            .collect()
    }

    /// The axis's end mark: the longest bar's count.
    pub fn axis_end(&self) -> String {
        count(self.max_total())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chart() -> BarChart {
        BarChart {
            id: "test",
            title: "Seats by thing".into(),
            category_axis: "Thing",
            value_axis: "Seats",
            series: vec!["Business", "Enterprise"],
            bars: vec![
                Bar {
                    label: "A".into(),
                    values: vec![3, 1],
                    note: None,
                    filter: Some(BarFilter::Plan(PlanType::Business)),
                },
                Bar { label: "B".into(), values: vec![0, 2], note: Some("50% active".into()), filter: None },
            ],
            note_heading: Some("Active share"),
            caption: None,
        }
    }

    #[test]
    fn spans_stack_in_series_order_as_parts_of_the_longest_bar() {
        let chart = chart();
        assert_eq!(chart.spans(&chart.bars[0]), [(0.0, 0.75), (0.75, 0.25)]);
        assert_eq!(chart.spans(&chart.bars[1]), [(0.0, 0.0), (0.0, 0.5)], "an empty part keeps its place");
        assert_eq!((chart.max_total(), chart.total()), (4, 6));
    }

    #[test]
    fn the_hover_text_gives_the_exact_count_its_parts_and_what_a_click_does() {
        let chart = chart();
        assert_eq!(
            chart.bar_text(&chart.bars[0], false),
            "A: 4 seats (Business 3, Enterprise 1). Press to show these seats."
        );
        assert_eq!(chart.bar_text(&chart.bars[1], true), "B: 2 seats (Business 0, Enterprise 2); 50% active");
    }

    #[test]
    fn the_table_has_a_column_a_series_then_the_total_and_the_note() {
        let chart = chart();
        assert_eq!(chart.table_header(), ["Thing", "Business", "Enterprise", "Seats", "Active share"]);
        assert_eq!(chart.table_rows()[1], ["B", "0", "2", "2", "50% active"]);
        assert_eq!(chart.accessible_name(), "Seats by thing: Seats by thing");
    }

    #[test]
    fn a_click_filters_the_grid_and_a_second_click_lifts_the_filter() {
        let mut state = GridState::default();
        let inactive = BarFilter::Status(SeatStatus::Inactive);
        inactive.toggle(&mut state);
        assert_eq!(state.statuses.iter().collect::<Vec<_>>(), [SeatStatus::Inactive]);
        assert!(inactive.is_applied(&state));
        inactive.toggle(&mut state);
        assert!(state.statuses.is_empty());
        let old = BarFilter::ActivityAge(ActivityAge::Older);
        old.toggle(&mut state);
        assert_eq!(state.activity_age, Some(ActivityAge::Older));
        BarFilter::Team(TeamFilter::Direct).toggle(&mut state);
        assert_eq!((state.team, state.activity_age), (Some(TeamFilter::Direct), Some(ActivityAge::Older)));
    }
}
