//! Saving a file the page made (CSV, JSON) without any server: a Blob, an object URL, a click.

use wasm_bindgen::JsCast;

/// Offers `contents` as a download named `file_name`. Returns a message when the browser refuses.
pub fn download(file_name: &str, mime_type: &str, contents: &str) -> Result<(), String> {
    let failed = |what: &str| format!("The browser refused to save the file ({what}).");
    let window = web_sys::window().ok_or_else(|| failed("no window"))?;
    let document = window.document().ok_or_else(|| failed("no document"))?;
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(contents));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime_type);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).map_err(|_| failed("blob"))?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(|_| failed("object URL"))?;
    let anchor = document
        .create_element("a")
        .map_err(|_| failed("link"))?
        .dyn_into::<web_sys::HtmlAnchorElement>()
        .map_err(|_| failed("link"))?;
    anchor.set_href(&url);
    anchor.set_download(file_name);
    anchor.click();
    // The click has started the download; the URL is no longer needed.
    let _ = web_sys::Url::revoke_object_url(&url);
    Ok(())
}
