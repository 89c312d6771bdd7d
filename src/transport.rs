//! The thin layer between the pure core and the browser's `fetch`: it sends an `HttpRequest` built by
//! `copilot-api` and hands back status, headers and body. Everything else (what to send, what the answer
//! means) is decided in the core.

use copilot_api::{ApiError, HttpMethod, HttpRequest, ResponseParts};
use gloo_net::http::{Method, RequestBuilder};
use web_sys::{AbortSignal, RequestCache, RequestRedirect, ResponseType};

/// Sends one request with `fetch`.
///
/// `cache: no-cache` makes the browser revalidate every time: GitHub sends `max-age=60`, and a re-read
/// after a change must never be served from the browser cache.
///
/// `redirect: manual` means a 3xx is never followed: no GitHub endpoint redirects, and a followed redirect
/// would take the request somewhere the person never chose. The browser then hands back an
/// `opaqueredirect` answer (no status, no headers), which becomes [`ApiError::Redirected`]. (`error` would
/// refuse it too, but as a bare "Failed to fetch", indistinguishable from a network failure.)
pub async fn fetch(request: &HttpRequest, abort: Option<&AbortSignal>) -> Result<ResponseParts, ApiError> {
    let method = match request.method {
        HttpMethod::Get => Method::GET,
        HttpMethod::Post => Method::POST,
        HttpMethod::Delete => Method::DELETE,
    };
    let mut builder = RequestBuilder::new(&request.url)
        .method(method)
        .cache(RequestCache::NoCache)
        .redirect(RequestRedirect::Manual)
        .abort_signal(abort);
    for (name, value) in &request.headers {
        builder = builder.header(name, value);
    }
    let prepared = match &request.body {
        Some(body) => builder.body(body.as_str()),
        None => builder.build(),
    }
    .map_err(network_error)?;
    let response = prepared.send().await.map_err(network_error)?;
    if response.type_() == ResponseType::Opaqueredirect {
        return Err(ApiError::Redirected);
    }
    let status = response.status();
    let headers = response.headers().entries().collect();
    // As bytes, not `text()`: a JS string would be re-encoded into WebAssembly memory character by character
    // (a quarter of a millisecond for each page of 100 seats); bytes are copied. Decoded like `text()` does.
    let mut bytes = response.binary().await.map_err(network_error)?;
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        // text() drops a byte order mark too.
        bytes.drain(..3);
    }
    let body = String::from_utf8(bytes).unwrap_or_else(|error| String::from_utf8_lossy(error.as_bytes()).into_owned());
    Ok(ResponseParts { status, headers, body })
}

/// A failed `fetch` says little ("Failed to fetch"), and never anything secret; an abort is a cancel.
fn network_error(error: gloo_net::Error) -> ApiError {
    match error {
        gloo_net::Error::JsError(js) if js.name == "AbortError" => ApiError::Cancelled,
        gloo_net::Error::JsError(js) => ApiError::Network(js.message),
        other => ApiError::Network(other.to_string()),
    }
}
