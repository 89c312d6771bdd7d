//! One member's seat as the lookup shows it: a line per fact, in words, with the exact time on hover
//! where the line gives a relative one.

use chrono::{DateTime, Utc};

use crate::format::{exact_date, exact_time, relative_time};
use crate::models::Seat;

use super::editor::EditorInfo;

/// One line of the card.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CardLine {
    pub label: &'static str,
    pub value: String,
    /// Shown on hover: the exact time behind a relative one.
    pub title: Option<String>,
}

/// What grants the seat, since when, how it is used, on which plan, and whether it is on its way out.
pub fn seat_card(seat: &Seat, now: DateTime<Utc>) -> Vec<CardLine> {
    let line = |label, value: String| CardLine { label, value, title: None };
    let editor = seat.last_activity_editor.as_deref().and_then(EditorInfo::parse).map(|editor| editor.summary());
    vec![
        line(
            "Granted",
            seat.assigning_team.as_ref().map_or_else(|| "directly".to_owned(), |team| team.name().to_owned()),
        ),
        CardLine {
            label: "Created",
            value: relative_time(&seat.created_at, now),
            title: Some(exact_time(&seat.created_at)),
        },
        line(
            "Last activity",
            seat.last_activity_at.map_or_else(
                || "never".to_owned(),
                |time| format!("{} ({})", relative_time(&time, now), exact_time(&time)),
            ),
        ),
        line("Editor", editor.unwrap_or_else(|| "—".to_owned())),
        line(
            "Last authenticated",
            seat.last_authenticated_at.map_or_else(|| "—".to_owned(), |time| relative_time(&time, now)),
        ),
        line("Plan", seat.plan_type.map_or("not reported", |plan| plan.as_str()).to_owned()),
        line("Pending cancellation", seat.pending_cancellation_date.map_or_else(|| "no".to_owned(), exact_date)),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_seats::{at, seat};

    fn values(lines: &[CardLine]) -> Vec<(&str, &str)> {
        lines.iter().map(|line| (line.label, line.value.as_str())).collect()
    }

    #[test]
    fn a_never_used_direct_seat_says_so_line_by_line() {
        let card = seat_card(&seat("mona").created("2024-06-20T12:00:00Z").build(), at("2024-06-30T12:00:00Z"));
        let values = values(&card);
        assert_eq!(values[0], ("Granted", "directly"));
        assert_eq!(values[2], ("Last activity", "never"));
        assert_eq!(values[3], ("Editor", "—"));
        assert_eq!(values[6], ("Pending cancellation", "no"));
        assert!(card[1].title.is_some() && card[0].title.is_none());
    }

    #[test]
    fn a_used_team_seat_names_its_team_editor_and_cancellation_date() {
        let used = seat("hubot")
            .team("devs")
            .editor("vscode/1.90.0/copilot/1.200.0")
            .last_activity("2024-06-29T12:00:00Z")
            .pending("2024-07-31")
            .build();
        let card = seat_card(&used, at("2024-06-30T12:00:00Z"));
        let values = values(&card);
        assert_eq!(values[6], ("Pending cancellation", "2024-07-31"));
        assert_eq!(values[2], ("Last activity", "yesterday (2024-06-29 12:00 UTC)"));
        assert_ne!(values[0].1, "directly");
        assert_ne!(values[3].1, "—");
    }
}
