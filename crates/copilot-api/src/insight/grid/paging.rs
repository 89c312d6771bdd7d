//! Paging: the page sizes, and the slice of the view's rows one page shows.

pub const PAGE_SIZES: [usize; 5] = [25, 50, 100, 250, 500];
pub const DEFAULT_PAGE_SIZE: usize = 50;
pub const MAX_PAGE_SIZE: usize = 1000;

/// One page of the view's rows, for client-side paging.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GridPage<'a> {
    pub rows: &'a [usize],
    /// 1-based, brought into 1..=page_count.
    pub page: usize,
    /// At least 1: an empty grid still has its first page.
    pub page_count: usize,
    /// 1-based position of the first row shown, 0 when there is none ("1–50 of 1,234").
    pub first_item: usize,
    pub last_item: usize,
    pub total: usize,
}

/// The rows of page `page` (1-based) at `per_page` rows a page (brought into 1..=1000). A page past the end
/// shows the last page: after a filter shrinks the list, the person still sees rows.
pub fn page_of(rows: &[usize], page: usize, per_page: usize) -> GridPage<'_> {
    let per_page = per_page.clamp(1, MAX_PAGE_SIZE);
    let total = rows.len();
    let page_count = total.div_ceil(per_page).max(1);
    let page = page.clamp(1, page_count);
    let start = ((page - 1) * per_page).min(total);
    let end = (start + per_page).min(total);
    GridPage {
        rows: &rows[start..end],
        page,
        page_count,
        first_item: if start < end { start + 1 } else { 0 },
        last_item: end,
        total,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_slice_the_rows_and_clamp_out_of_range_requests() {
        let rows: Vec<usize> = (0..120).collect();
        let second = page_of(&rows, 2, 50);
        assert_eq!((second.rows.first(), second.rows.len(), second.page_count), (Some(&50), 50, 3));
        assert_eq!((second.first_item, second.last_item, second.total), (51, 100, 120));
        let past_the_end = page_of(&rows, 99, 50);
        assert_eq!((past_the_end.page, past_the_end.rows.len()), (3, 20));
        let zero = page_of(&rows, 0, 0);
        assert_eq!((zero.page, zero.rows.len(), zero.page_count), (1, 1, 120));
        let empty = page_of(&[], 1, 50);
        assert_eq!((empty.page, empty.page_count, empty.first_item, empty.last_item), (1, 1, 0, 0));
        assert_eq!(page_of(&rows, 1, usize::MAX).rows.len(), 120);
    }
}
