//! The grid's sort: every row as one integer whose order is the display order, and every seat of a load
//! sorted once per sort (`SortedSeats`), so that a change of filter takes its rows in order rather than
//! sorting them again: at 100,000 seats the sort is most of what a filter's change costs.

use super::index::SeatIndex;
use super::state::{Column, SortDirection};
use crate::insight::status::SeatStatus;

/// Every seat of one index in the order of one sort. The status column is not kept: its order moves with
/// the threshold and the clock, and the view sorts by it itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SortedSeats {
    sort: (Column, SortDirection),
    /// Every seat position, in display order.
    order: Vec<usize>,
}

impl SortedSeats {
    /// Every seat of `index` in the order of `sort`; `None` for the status column.
    pub fn new(index: &SeatIndex, sort: (Column, SortDirection)) -> Option<Self> {
        let (column, direction) = sort;
        if column == Column::Status {
            return None;
        }
        let mut order: Vec<usize> = (0..index.hot.len()).collect();
        // No column but the status reads a seat's status.
        sort_rows(&mut order, index, |_| SeatStatus::Active, column, direction);
        Some(Self { sort, order })
    }

    /// Whether this is the order of `sort` over `index`'s seats. (The length stands for the index: the app
    /// sorts again whenever its seats change, and a stale order of the same length would still be a
    /// permutation of its seats, never an index out of bounds.)
    pub(super) fn serves(&self, index: &SeatIndex, sort: (Column, SortDirection)) -> bool {
        self.sort == sort && self.order.len() == index.hot.len()
    }

    /// `rows` (seat positions in seat order, as the view's filter gives them) in this order.
    pub(super) fn the_rows(&self, rows: &[usize]) -> Vec<usize> {
        let mut shown = vec![false; self.order.len()];
        for &position in rows {
            if let Some(slot) = shown.get_mut(position) {
                *slot = true;
            }
        }
        self.order.iter().copied().filter(|&position| shown[position]).collect()
    }
}

/// Sorts by the column; missing values last in either direction; ties by login, then organization.
///
/// Each row becomes one `u128` whose natural order is the display order (missing flag, then the column's
/// value flipped for descending, then the unique login rank), so the sort compares plain integers.
pub(super) fn sort_rows(
    rows: &mut Vec<usize>,
    index: &SeatIndex,
    status_of: impl Fn(usize) -> SeatStatus,
    column: Column,
    direction: SortDirection,
) {
    let mut keys: Vec<u128> = rows
        .iter()
        .map(|&position| {
            let row = &index.hot[position];
            packed_sort_key(row.sort_key(column, status_of(position)), direction, row.login_rank)
        })
        .collect();
    keys.sort_unstable();
    rows.clear();
    rows.extend(keys.into_iter().filter_map(|key| index.by_login_rank.get((key as u32) as usize).copied()));
}

fn packed_sort_key(value: Option<i64>, direction: SortDirection, login_rank: u32) -> u128 {
    let (missing, ordered) = match value {
        // Flipping the sign bit maps i64 order onto u64 order.
        Some(value) => (0_u128, (value as u64) ^ (1 << 63)),
        None => (1, 0),
    };
    let ordered = match direction {
        SortDirection::Ascending => ordered,
        SortDirection::Descending => !ordered,
    };
    (missing << 96) | (u128::from(ordered) << 32) | u128::from(login_rank)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::insight::cost::SeatPrices;
    use crate::insight::grid::test_support::{fixture, NOW};
    use crate::insight::grid::view::{grid_view, grid_view_in_order};
    use crate::insight::grid::GridState;
    use crate::test_seats::at;

    #[test]
    fn a_view_taken_from_the_sorted_seats_is_the_view_sorted_for_every_column_direction_and_filter() {
        let seats = fixture();
        let index = SeatIndex::new(&seats, None);
        for column in Column::ALL {
            for direction in [SortDirection::Ascending, SortDirection::Descending] {
                let sorted = SortedSeats::new(&index, (column, direction));
                assert_eq!(sorted.is_none(), column == Column::Status, "{column:?}");
                for search in ["", "o", "b", "zzz"] {
                    let state =
                        GridState { sort: Some((column, direction)), search: search.into(), ..GridState::default() };
                    let now = at(NOW);
                    let taken = grid_view_in_order(&index, &state, &SeatPrices::default(), now, sorted.as_ref());
                    assert_eq!(
                        taken,
                        grid_view(&index, &state, &SeatPrices::default(), now),
                        "{column:?} {direction:?} {search:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn sorted_seats_of_another_sort_or_load_are_not_used() {
        let seats = fixture();
        let index = SeatIndex::new(&seats, None);
        let by_login = SortedSeats::new(&index, (Column::Login, SortDirection::Ascending)).expect("a login order");
        assert!(by_login.serves(&index, (Column::Login, SortDirection::Ascending)));
        assert!(!by_login.serves(&index, (Column::Login, SortDirection::Descending)));
        assert!(!by_login.serves(&SeatIndex::new(&seats[..3], None), (Column::Login, SortDirection::Ascending)));
        // Given anyway, the view sorts for itself.
        let state = GridState { sort: Some((Column::Created, SortDirection::Descending)), ..GridState::default() };
        let now = at(NOW);
        assert_eq!(
            grid_view_in_order(&index, &state, &SeatPrices::default(), now, Some(&by_login)),
            grid_view(&index, &state, &SeatPrices::default(), now)
        );
    }
}
