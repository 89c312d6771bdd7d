//! What the grid says in words: the sentence under the counters, and the labels of the selection bar. The
//! component renders them as they are, so every figure's wording, and a later translation, lives here.

use crate::format::{count, dollars};
use crate::insight::cost::SeatPrices;
use crate::insight::status::StatusRules;

use super::view::GridView;

impl GridView {
    /// What the idle cost is made of, at which prices, what it leaves out as possibly in use, and how many of
    /// the loaded seats the filters show: "13 inactive ($247.00) and 9 never used ($171.00), at $19.00 a
    /// Business seat and $39.00 an Enterprise seat. Not counted as idle: 2 new (created in the last 14 days)
    /// and 3 signed in without activity. Showing 50 of 50 seats."
    pub fn cost_sentence(&self, prices: &SeatPrices, rules: StatusRules) -> String {
        let cost = &self.idle_cost;
        format!(
            "{} inactive ({}) and {} never used ({}), at {} a Business seat and {} an Enterprise seat.{} Showing {} of {} seats.",
            count(cost.inactive_seats),
            dollars(cost.inactive_cents),
            count(cost.never_used_seats),
            dollars(cost.never_used_cents),
            dollars(u64::from(prices.business_cents)),
            dollars(u64::from(prices.enterprise_cents)),
            self.not_idle_note(rules),
            count(self.rows.len()),
            count(self.statuses.len()),
        )
    }

    /// " Not counted as idle: …" when new or signed-in seats are loaded, so nobody reads the cost as every
    /// unused-looking seat; empty otherwise.
    fn not_idle_note(&self, rules: StatusRules) -> String {
        let counts = &self.total_counts;
        let mut parts = Vec::new();
        if counts.new > 0 {
            parts.push(format!("{} new (created in the last {} days)", count(counts.new), count(rules.grace_days)));
        }
        if counts.signed_in_no_activity > 0 {
            parts.push(format!("{} signed in without activity", count(counts.signed_in_no_activity)));
        }
        if parts.is_empty() {
            String::new()
        } else {
            format!(" Not counted as idle: {}.", parts.join(" and "))
        }
    }
}

/// The button that selects every row the filters show.
pub fn select_matching_label(matching: usize) -> String {
    format!("Select all {} matching the filter", count(matching))
}

/// The button that selects every idle seat loaded, saying what "inactive" means at this threshold, and
/// whether the seats signed in without activity are among them.
pub fn select_idle_label(candidates: usize, threshold_days: u32, include_signed_in: bool) -> String {
    let also = if include_signed_in { ", or only signed in" } else { "" };
    format!(
        "Select all inactive ({}: no Copilot activity in the last {} days{also}, or none ever)",
        count(candidates),
        count(threshold_days)
    )
}

/// The box that adds the seats signed in without activity to "select all inactive", saying why they are
/// left out unless asked.
pub fn include_signed_in_label(signed_in: usize) -> String {
    format!(
        "Include the {} signed in without activity (GitHub counts activity from editor telemetry, so they may be in use)",
        count(signed_in)
    )
}

/// How many seats are selected.
pub fn selected_label(selected: usize) -> String {
    format!("{} selected", count(selected))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::insight::grid::test_support::{fixture, view_with};
    use crate::insight::grid::GridState;
    use crate::insight::SeatStatus;

    #[test]
    fn the_cost_sentence_names_its_parts_its_prices_and_how_many_seats_show() {
        let seats = fixture();
        let state = GridState { statuses: [SeatStatus::Active].into_iter().collect(), ..GridState::default() };
        let view = view_with(&seats, &state);
        let prices = SeatPrices { business_cents: 1900, enterprise_cents: 3900 };
        assert_eq!(
            view.cost_sentence(&prices, state.status_rules()),
            "2 inactive ($58.00) and 1 never used ($19.00), at $19.00 a Business seat and $39.00 an Enterprise seat. \
             Showing 1 of 5 seats."
        );
    }

    #[test]
    fn selection_labels_count_with_thousands_separators() {
        assert_eq!(select_matching_label(12_345), "Select all 12,345 matching the filter");
        assert_eq!(
            select_idle_label(1_002, 30, false),
            "Select all inactive (1,002: no Copilot activity in the last 30 days, or none ever)"
        );
        assert_eq!(
            select_idle_label(1_010, 30, true),
            "Select all inactive (1,010: no Copilot activity in the last 30 days, or only signed in, or none ever)"
        );
        assert!(include_signed_in_label(1_234).starts_with("Include the 1,234 signed in without activity"));
        assert_eq!(selected_label(0), "0 selected");
    }

    #[test]
    fn the_cost_sentence_names_the_new_and_signed_in_seats_it_does_not_count() {
        let mut seats = fixture();
        // Created two days before NOW, never used: new. Signed in yesterday, last used in March: signed in.
        seats.push(crate::test_seats::seat("newbie").created("2024-06-28T12:00:00Z").build());
        seats.push(
            crate::test_seats::seat("quiet")
                .last_activity("2024-03-01T00:00:00Z")
                .last_authenticated("2024-06-29T12:00:00Z")
                .build(),
        );
        let state = GridState::default();
        let view = view_with(&seats, &state);
        let sentence = view.cost_sentence(&SeatPrices::default(), state.status_rules());
        assert!(
            sentence.contains(
                "Not counted as idle: 1 new (created in the last 14 days) and 1 signed in without activity. Showing 7 of 7"
            ),
            "{sentence}"
        );
        assert_eq!(view.reclaim_candidates(false).count(), 3);
        assert_eq!(view.reclaim_candidates(true).count(), 4, "the signed-in seat only when asked");
        assert!(view.reclaim_candidates(true).all(|seat| seats[seat].login() != Some("newbie")));
    }
}
