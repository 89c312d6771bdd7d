//! Pagination as GitHub does it: `page` and `per_page` in the query, and a `Link` header naming the
//! first, previous, next and last pages.

/// GitHub's default page size for these lists.
pub const DEFAULT_PER_PAGE: u8 = 50;
/// GitHub's largest page size.
pub const MAX_PER_PAGE: u8 = 100;

/// Which page to ask for, already clamped to what GitHub accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PageRequest {
    page: u32,
    per_page: u8,
}

impl PageRequest {
    /// Page numbers start at 1; a page size outside 1..=100 is clamped into it.
    pub fn new(page: u32, per_page: u8) -> Self {
        Self { page: page.max(1), per_page: per_page.clamp(1, MAX_PER_PAGE) }
    }

    pub fn page(self) -> u32 {
        self.page
    }

    pub fn per_page(self) -> u8 {
        self.per_page
    }
}

impl Default for PageRequest {
    fn default() -> Self {
        Self::new(1, DEFAULT_PER_PAGE)
    }
}

/// How many pages hold `total` items at `per_page` a page (at least 1: an empty list still has page 1).
pub fn page_count(total: u64, per_page: u8) -> u32 {
    let per_page = u64::from(per_page.clamp(1, MAX_PER_PAGE));
    let pages = total.div_ceil(per_page).max(1);
    u32::try_from(pages).unwrap_or(u32::MAX)
}

/// The page numbers named by a `Link` header.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LinkHeader {
    pub first: Option<u32>,
    pub prev: Option<u32>,
    pub next: Option<u32>,
    pub last: Option<u32>,
}

impl LinkHeader {
    /// Parses `<https://api.github.com/x?page=2>; rel="next", <…?page=5>; rel="last"`.
    /// Entries that cannot be read are skipped; this never fails and never panics.
    pub fn parse(header: &str) -> Self {
        let mut links = Self::default();
        let mut rest = header;
        while let Some(open) = rest.find('<') {
            let after_open = &rest[open + 1..];
            let Some(close) = after_open.find('>') else { break };
            let url = &after_open[..close];
            let params_end = after_open[close + 1..].find('<').map_or(after_open.len(), |i| close + 1 + i);
            // What follows `>` up to the next link, without the comma that separates links.
            let params = after_open[close + 1..params_end].trim_end_matches(|c: char| c == ',' || c.is_whitespace());
            rest = &after_open[params_end..];
            let Some(page) = page_in_url(url) else { continue };
            for rel in rels(params) {
                match rel {
                    "first" => links.first = Some(page),
                    "prev" => links.prev = Some(page),
                    "next" => links.next = Some(page),
                    "last" => links.last = Some(page),
                    _ => {}
                }
            }
        }
        links
    }

    /// Formats the header as GitHub does, for the sandbox: `url_for(page)` gives each page's URL.
    pub fn format(&self, url_for: impl Fn(u32) -> String) -> Option<String> {
        let parts: Vec<String> = [("prev", self.prev), ("next", self.next), ("last", self.last), ("first", self.first)]
            .into_iter()
            .filter_map(|(rel, page)| page.map(|page| format!("<{}>; rel=\"{rel}\"", url_for(page))))
            .collect();
        (!parts.is_empty()).then(|| parts.join(", "))
    }

    /// The links GitHub sends for `page` of `pages`: none for a single page.
    pub fn for_page(page: u32, pages: u32) -> Self {
        let pages = pages.max(1);
        if pages == 1 {
            return Self::default();
        }
        Self {
            first: (page > 1).then_some(1),
            prev: (page > 1).then(|| page.saturating_sub(1).min(pages)),
            next: (page < pages).then(|| page + 1),
            last: (page < pages).then_some(pages),
        }
    }
}

/// The `rel` values in `; rel="next"` (a rel may list several, separated by spaces).
fn rels(params: &str) -> impl Iterator<Item = &str> {
    params
        .split(';')
        .filter_map(|param| {
            let (key, value) = param.split_once('=')?;
            (key.trim().eq_ignore_ascii_case("rel")).then(|| value.trim().trim_matches('"'))
        })
        .flat_map(str::split_whitespace)
}

/// The `page` query parameter of a URL (not `per_page`).
fn page_in_url(url: &str) -> Option<u32> {
    let query = url.split_once('?')?.1;
    let query = query.split('#').next().unwrap_or_default();
    query
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .find(|(key, _)| *key == "page")
        .and_then(|(_, value)| value.parse().ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_githubs_own_example() {
        let links = LinkHeader::parse(
            r#"<https://api.github.com/resource?page=2>; rel="next", <https://api.github.com/resource?page=5>; rel="last""#,
        );
        assert_eq!(links, LinkHeader { first: None, prev: None, next: Some(2), last: Some(5) });
    }

    #[test]
    fn parses_all_four_relations_with_per_page_before_page() {
        let header = r#"<https://api.github.com/orgs/acme/copilot/billing/seats?per_page=100&page=2>; rel="prev", <https://api.github.com/orgs/acme/copilot/billing/seats?per_page=100&page=4>; rel="next", <https://api.github.com/orgs/acme/copilot/billing/seats?per_page=100&page=9>; rel="last", <https://api.github.com/orgs/acme/copilot/billing/seats?per_page=100&page=1>; rel="first""#;
        assert_eq!(
            LinkHeader::parse(header),
            LinkHeader { first: Some(1), prev: Some(2), next: Some(4), last: Some(9) }
        );
    }

    #[test]
    fn garbage_gives_no_links() {
        for header in ["", "<", ">; rel=next", "<https://x?page=abc>; rel=\"next\"", "<https://x>; rel=\"next\""] {
            assert_eq!(LinkHeader::parse(header), LinkHeader::default(), "{header}");
        }
    }

    #[test]
    fn format_round_trips_through_parse() {
        for pages in 1..6 {
            for page in 1..=pages {
                let links = LinkHeader::for_page(page, pages);
                let header =
                    links.format(|p| format!("http://127.0.0.1:1/orgs/a/copilot/billing/seats?per_page=2&page={p}"));
                assert_eq!(header.as_deref().map(LinkHeader::parse).unwrap_or_default(), links);
            }
        }
    }

    #[test]
    fn page_count_rounds_up_and_never_is_zero() {
        assert_eq!(page_count(0, 50), 1);
        assert_eq!(page_count(50, 50), 1);
        assert_eq!(page_count(51, 50), 2);
        assert_eq!(page_count(100_000, 100), 1000);
        assert_eq!(page_count(10, 0), 10, "per_page 0 is clamped to 1");
    }

    #[test]
    fn page_requests_are_clamped() {
        assert_eq!(PageRequest::new(0, 0), PageRequest::new(1, 1));
        assert_eq!(PageRequest::new(3, 200).per_page(), 100);
        assert_eq!(PageRequest::default().per_page(), 50);
    }
}
