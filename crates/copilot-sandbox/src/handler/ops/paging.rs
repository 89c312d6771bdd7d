//! How the seat lists are paged: `page` and `per_page` as GitHub reads them, and the `Link` header.

use crate::http::{percent_encode, Request, Response};
use copilot_api::{pagination::LinkHeader, SeatPage};

pub(super) const DEFAULT_PER_PAGE: u64 = 50;
pub(super) const MAX_PER_PAGE: u64 = 100;

/// `page` (from 1) and `per_page` (50 by default, at most 100) as GitHub reads them.
pub(super) fn page_params(request: &Request) -> (u64, u64) {
    let page = request.query_param("page").and_then(|value| value.trim().parse::<u64>().ok()).filter(|&page| page > 0);
    let per_page = request
        .query_param("per_page")
        .and_then(|value| value.trim().parse::<u64>().ok())
        .filter(|&per_page| per_page > 0)
        .map(|per_page| per_page.min(MAX_PER_PAGE));
    (page.unwrap_or(1), per_page.unwrap_or(DEFAULT_PER_PAGE))
}

/// The `Link` header for `page` of `total` items, pointing at this server (its `Host`, over `http://`, or
/// `https://` when `X-Forwarded-Proto: https` says so, as the server does under `--tls`) or at GitHub.
pub(super) fn link_header(request: &Request, page: u64, per_page: u64, total: u64) -> Option<String> {
    let pages = u32::try_from(total.div_ceil(per_page).max(1)).unwrap_or(u32::MAX);
    let page = u32::try_from(page).unwrap_or(u32::MAX);
    let scheme = if request.header("x-forwarded-proto").is_some_and(|proto| proto.eq_ignore_ascii_case("https")) {
        "https"
    } else {
        "http"
    };
    let base =
        request.header("host").map_or_else(|| "https://api.github.com".to_owned(), |host| format!("{scheme}://{host}"));
    let kept: Vec<String> = request
        .query
        .iter()
        .filter(|(key, _)| key != "page")
        .map(|(key, value)| format!("{}={}", percent_encode(key), percent_encode(value)))
        .collect();
    LinkHeader::for_page(page, pages).format(|number| {
        let mut query = kept.clone();
        query.push(format!("page={number}"));
        format!("{base}{}?{}", request.path, query.join("&"))
    })
}

pub(super) fn page_response(request: &Request, page: SeatPage, number: u64, per_page: u64, total: u64) -> Response {
    let mut response = Response::serialized(200, &page);
    if let Some(link) = link_header(request, number, per_page, total) {
        response.set_header("Link", &link);
    }
    response
}

/// The slice of `0..total` on a page, empty past the end.
pub(super) fn page_range(page: u64, per_page: u64, total: u64) -> std::ops::Range<usize> {
    let start = page.saturating_sub(1).saturating_mul(per_page).min(total);
    let end = start.saturating_add(per_page).min(total);
    usize::try_from(start).unwrap_or(usize::MAX)..usize::try_from(end).unwrap_or(usize::MAX)
}
