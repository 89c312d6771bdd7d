//! The parts of the page that are fetched only when first needed (each its own WebAssembly chunk, so the
//! first load carries only the connect screen), and what the page says while one loads or if one fails.

/// A part of the page that arrives on its own, after the first load.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PagePart {
    /// Everything a connected person sees: the billing summary, the seats, the dashboard, the tabs.
    Workspace,
}

impl PagePart {
    /// What the page shows while the part is on its way.
    pub fn waiting(self) -> &'static str {
        match self {
            PagePart::Workspace => "Loading the seat views…",
        }
    }

    /// What the page says when the part could not be fetched. Nothing was read or sent on the person's
    /// behalf by it, so trying again is safe.
    pub fn failed(self) -> String {
        let what = match self {
            PagePart::Workspace => "the seat views",
        };
        format!(
            "Part of this page ({what}) could not be loaded from the server that serves the page. \
             Nothing was read or changed. Check the network connection and try again."
        )
    }
}

/// The button that fetches a part again after a failure.
pub const RETRY_PART_LABEL: &str = "Try again";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_part_is_named_and_says_nothing_was_changed() {
        let message = PagePart::Workspace.failed();
        assert!(message.contains("the seat views"), "{message}");
        assert!(message.contains("Nothing was read or changed"), "{message}");
    }

    #[test]
    fn the_waiting_sentence_says_what_is_coming() {
        assert_eq!(PagePart::Workspace.waiting(), "Loading the seat views…");
    }
}
