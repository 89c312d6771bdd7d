//! The parts of the page that are fetched only when first needed (each its own WebAssembly chunk, so the
//! first load carries only the connect screen), and what the page says while one loads or if one fails.

/// A part of the page that arrives on its own, after the first load.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PagePart {
    /// Everything a connected person sees: the billing summary, the seats, the dashboard, the tabs.
    Workspace,
}

impl PagePart {
    /// The part as a person knows it.
    pub fn name(self) -> &'static str {
        match self {
            PagePart::Workspace => "the seat views",
        }
    }

    /// What the page shows while the part is on its way.
    pub fn waiting(self) -> String {
        format!("Loading {}…", self.name())
    }

    /// What the page says when the part could not be fetched. Nothing was read or sent on the person's
    /// behalf by it, so trying again is safe. A part that keeps failing is most often one that a new
    /// version of the site replaced while the page was open: only a reload fetches the new one.
    pub fn failed(self) -> String {
        format!(
            "Part of this page ({}) could not be loaded. Nothing was read or changed. Try again; if it keeps \
             failing, reload the page: the site may have been updated since it was opened.",
            self.name()
        )
    }
}

/// The button that fetches a part again after a failure.
pub const RETRY_PART_LABEL: &str = "Try again";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waiting_and_failure_name_the_same_part() {
        let part = PagePart::Workspace;
        assert!(part.waiting().contains(part.name()), "{}", part.waiting());
        assert!(part.failed().contains(part.name()), "{}", part.failed());
    }

    #[test]
    fn a_failed_part_says_nothing_was_changed_and_that_a_reload_fetches_a_new_version() {
        let message = PagePart::Workspace.failed();
        assert!(message.contains("Nothing was read or changed"), "{message}");
        assert!(message.contains("reload the page"), "{message}");
    }
}
