//! The tiles above the charts: six figures of the seats the grid shows, each with a line that says what
//! it counts.

use super::tally::Tally;
use crate::format::{count, exact_date, monthly, percent, plural};
use crate::insight::grid::{GridState, GridView, SeatIndex};

/// One tile: a figure, what it is, and a line that says what it counts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tile {
    /// Names the tile in the page (test ids).
    pub key: &'static str,
    pub label: &'static str,
    pub value: String,
    pub detail: String,
}

pub fn tiles(index: &SeatIndex, view: &GridView, tally: &Tally, state: &GridState) -> Vec<Tile> {
    let counts = &tally.statuses;
    let seats = tally.seats;
    let active = counts.active;
    let idle = &view.filtered_idle_cost;
    let start = tally.month_start;
    let new_this_month = tally.added_this_month;
    let threshold = state.status_rules().clamped().threshold_days;
    vec![
        Tile {
            key: "seats",
            label: "Seats",
            value: count(seats),
            detail: if state.is_filtered() {
                format!("match the filters, of {} loaded", count(index.len()))
            } else {
                "loaded".to_owned()
            },
        },
        Tile {
            key: "active-share",
            label: "Active share",
            value: percent(active, seats),
            detail: format!(
                "{} of {} used in the last {}",
                count(active),
                count(seats),
                plural(threshold, "day", "days")
            ),
        },
        Tile {
            // People, not grants: GitHub bills a user of several organizations once, and only when no seat
            // of theirs is in use ([`IdleSeatCost`](crate::insight::IdleSeatCost)); the status chart counts
            // grants.
            key: "idle",
            label: "Idle users",
            value: count(idle.total_seats()),
            detail: format!("people with no seat in use, billed {}", monthly(idle.total_cents())),
        },
        Tile {
            key: "never-used",
            label: "Never used",
            value: count(counts.never_used),
            detail: format!("{} of the seats", percent(counts.never_used, seats)),
        },
        Tile {
            key: "pending-cancellation",
            label: "Pending cancellation",
            value: count(counts.pending_cancellation),
            detail: "end with the billing cycle".to_owned(),
        },
        Tile {
            key: "new-this-month",
            label: "New this calendar month",
            value: count(new_this_month),
            detail: format!("added since {} (UTC)", exact_date(start)),
        },
    ]
}

/// Which seats the tiles and charts cover, beside the note on which seats are loaded.
pub fn set_sentence(index: &SeatIndex, view: &GridView, state: &GridState) -> String {
    if state.is_filtered() {
        format!(
            "The tiles and charts cover the {} the grid's filters leave, of {} loaded.",
            plural(view.rows.len(), "seat", "seats"),
            count(index.len())
        )
    } else {
        format!("The tiles and charts cover all {} loaded, as the grid does.", plural(index.len(), "seat", "seats"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::insight::grid::test_support::{fixture, view_with, NOW};
    use crate::insight::grid::TeamFilter;
    use crate::test_seats::{at, seat};

    fn figures(tiles: &[Tile]) -> Vec<(&str, &str, &str)> {
        tiles.iter().map(|t| (t.key, t.value.as_str(), t.detail.as_str())).collect()
    }

    #[test]
    fn the_tiles_count_the_seats_shown_by_hand() {
        let mut seats = fixture();
        // Added this month (June 2024) and used: active, and new this calendar month.
        seats.push(seat("eve").created("2024-06-03T00:00:00Z").last_activity("2024-06-29T00:00:00Z").build());
        let view = view_with(&seats, &GridState::default());
        let index = SeatIndex::new(&seats, None);
        assert_eq!(
            figures(&tiles(&index, &view, &Tally::new(&index, &view, at(NOW)), &GridState::default())),
            [
                ("seats", "6", "loaded"),
                ("active-share", "33%", "2 of 6 used in the last 30 days"),
                ("idle", "3", "people with no seat in use, billed $77.00 a month"),
                ("never-used", "1", "17% of the seats"),
                ("pending-cancellation", "1", "end with the billing cycle"),
                ("new-this-month", "1", "added since 2024-06-01 (UTC)"),
            ]
        );
        // The core does not know the billing cycle: the tile says which month it counts.
        assert_eq!(
            tiles(&index, &view, &Tally::new(&index, &view, at(NOW)), &GridState::default())[5].label,
            "New this calendar month"
        );
        assert_eq!(
            set_sentence(&index, &view, &GridState::default()),
            "The tiles and charts cover all 6 seats loaded, as the grid does."
        );
    }

    #[test]
    fn the_idle_tile_counts_people_billed_once_not_their_grants() {
        // One person idle in two organizations of an enterprise: two inactive grants, one bill.
        let seats = vec![
            seat("ann").org("one").last_activity("2024-03-01T00:00:00Z").build(),
            seat("ann").org("two").last_activity("2024-03-01T00:00:00Z").build(),
        ];
        let view = view_with(&seats, &GridState::default());
        let index = SeatIndex::new(&seats, None);
        let tiles = tiles(&index, &view, &Tally::new(&index, &view, at(NOW)), &GridState::default());
        assert_eq!(view.filtered_counts.inactive, 2, "the status chart's two grants");
        let idle = &tiles[2];
        assert_eq!(
            (idle.label, idle.value.as_str(), idle.detail.as_str()),
            ("Idle users", "1", "people with no seat in use, billed $19.00 a month")
        );
    }

    #[test]
    fn with_a_filter_the_tiles_cover_the_seats_it_leaves_and_say_so() {
        let seats = fixture();
        let state = GridState { team: Some(TeamFilter::Team("devs".into())), ..GridState::default() };
        let view = view_with(&seats, &state);
        let index = SeatIndex::new(&seats, None);
        let tiles = tiles(&index, &view, &Tally::new(&index, &view, at(NOW)), &state);
        assert_eq!(
            figures(&tiles)[..3],
            [
                ("seats", "2", "match the filters, of 5 loaded"),
                ("active-share", "50%", "1 of 2 used in the last 30 days"),
                ("idle", "1", "people with no seat in use, billed $19.00 a month"),
            ]
        );
        assert_eq!(
            set_sentence(&index, &view, &state),
            "The tiles and charts cover the 2 seats the grid's filters leave, of 5 loaded."
        );
    }
}
