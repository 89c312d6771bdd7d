//! The address bar's writes not made yet. The page shows a change at once and writes the address after the
//! frame that shows it (a History API call takes a few milliseconds in Chromium); changes made before
//! then are written in order, so that the history is what writing each at once would have made: every
//! change that adds an entry adds one, and a change that replaces the current entry (a search keystroke)
//! replaces the last one waiting, or the current one.

/// One write: a query, on a new entry or in place of the current one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HistoryWrite {
    pub query: String,
    pub new_entry: bool,
}

/// The writes waiting for the frame.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct UnwrittenHistory {
    writes: Vec<HistoryWrite>,
}

impl UnwrittenHistory {
    /// Adds a change; says whether it is the first one waiting (so the caller schedules the writing).
    pub fn add(&mut self, query: String, new_entry: bool) -> bool {
        let first = self.writes.is_empty();
        match self.writes.last_mut() {
            // Written at once, it would have replaced the entry the last waiting write makes or replaces.
            Some(last) if !new_entry => last.query = query,
            _ => self.writes.push(HistoryWrite { query, new_entry }),
        }
        first
    }

    /// The writes to make now, in order; none wait after.
    pub fn take(&mut self) -> Vec<HistoryWrite> {
        std::mem::take(&mut self.writes)
    }

    /// Forgets the writes waiting: the person went back or forward meanwhile, to an entry of their own.
    pub fn clear(&mut self) {
        self.writes.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(query: &str, new_entry: bool) -> HistoryWrite {
        HistoryWrite { query: query.into(), new_entry }
    }

    #[test]
    fn keystrokes_fold_into_one_replacement_and_the_first_change_says_so() {
        let mut unwritten = UnwrittenHistory::default();
        assert!(unwritten.add("search=a".into(), false));
        assert!(!unwritten.add("search=ab".into(), false));
        assert_eq!(unwritten.take(), [write("search=ab", false)]);
        assert!(unwritten.add("search=abc".into(), false), "after a write, the next change is a first again");
    }

    #[test]
    fn every_new_entry_is_kept_in_order_and_a_replacement_after_one_goes_into_it() {
        let mut unwritten = UnwrittenHistory::default();
        unwritten.add("search=a".into(), false);
        unwritten.add("status=inactive&search=a".into(), true);
        unwritten.add("status=never-used&search=a".into(), true);
        unwritten.add("status=never-used&search=ab".into(), false);
        assert_eq!(
            unwritten.take(),
            [
                write("search=a", false),
                write("status=inactive&search=a", true),
                write("status=never-used&search=ab", true),
            ]
        );
        assert!(unwritten.take().is_empty());
    }

    #[test]
    fn going_back_or_forward_forgets_what_waits() {
        let mut unwritten = UnwrittenHistory::default();
        unwritten.add("sort=login".into(), true);
        unwritten.clear();
        assert!(unwritten.take().is_empty());
    }
}
