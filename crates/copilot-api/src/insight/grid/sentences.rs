//! What the grid says in words: the sentence under the counters, and the labels of the selection bar. The
//! component renders them as they are, so every figure's wording, and a later translation, lives here.

use crate::format::{count, dollars};
use crate::insight::cost::SeatPrices;

use super::view::GridView;

impl GridView {
    /// What the idle cost is made of, at which prices, and how many of the loaded seats the filters show:
    /// "13 inactive ($247.00) and 9 never used ($171.00), at $19.00 a Business seat and $39.00 an Enterprise
    /// seat. Showing 50 of 50 seats."
    pub fn cost_sentence(&self, prices: &SeatPrices) -> String {
        let cost = &self.idle_cost;
        format!(
            "{} inactive ({}) and {} never used ({}), at {} a Business seat and {} an Enterprise seat. Showing {} of {} seats.",
            count(cost.inactive_seats),
            dollars(cost.inactive_cents),
            count(cost.never_used_seats),
            dollars(cost.never_used_cents),
            dollars(u64::from(prices.business_cents)),
            dollars(u64::from(prices.enterprise_cents)),
            count(self.rows.len()),
            count(self.statuses.len()),
        )
    }
}

/// The button that selects every row the filters show.
pub fn select_matching_label(matching: usize) -> String {
    format!("Select all {} matching the filter", count(matching))
}

/// The button that selects every idle seat loaded, saying what "inactive" means at this threshold.
pub fn select_idle_label(idle: usize, threshold_days: u32) -> String {
    format!(
        "Select all inactive ({}: no Copilot activity in the last {} days, or none ever)",
        count(idle),
        count(threshold_days)
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
            view.cost_sentence(&prices),
            "2 inactive ($58.00) and 1 never used ($19.00), at $19.00 a Business seat and $39.00 an Enterprise seat. \
             Showing 1 of 5 seats."
        );
    }

    #[test]
    fn selection_labels_count_with_thousands_separators() {
        assert_eq!(select_matching_label(12_345), "Select all 12,345 matching the filter");
        assert_eq!(
            select_idle_label(1_002, 30),
            "Select all inactive (1,002: no Copilot activity in the last 30 days, or none ever)"
        );
        assert_eq!(selected_label(0), "0 selected");
    }
}
