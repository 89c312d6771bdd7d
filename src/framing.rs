//! The page refuses to run inside a frame. A `<meta>` policy cannot set `frame-ancestors`, so on a host
//! that sends no headers (GitHub Pages) another site could frame the page and trick a person into pasting
//! a token or pressing a button they cannot see (clickjacking). Framed, the app does not mount and reads no
//! storage; it shows only a link that opens it on its own.

/// Whether this page is inside a frame. When the top window cannot be compared, it counts as framed.
pub fn is_framed() -> bool {
    let Some(window) = web_sys::window() else { return false };
    match window.top() {
        Ok(Some(top)) => !js_sys::Object::is(&top, &window),
        Ok(None) | Err(_) => true,
    }
}

/// Replaces the page with a link to itself in a new tab. Uses only the DOM: the app is never mounted.
pub fn show_framed_notice() {
    let Some(window) = web_sys::window() else { return };
    let Some(document) = window.document() else { return };
    let Some(body) = document.body() else { return };
    let href = window.location().href().unwrap_or_default();
    let (Ok(notice), Ok(link)) = (document.create_element("p"), document.create_element("a")) else { return };
    notice.set_class_name("framed");
    notice.set_text_content(Some("This page does not run inside another page, so that no other site can watch or steer what you do with your token. "));
    let _ = link.set_attribute("href", &href);
    let _ = link.set_attribute("target", "_blank");
    let _ = link.set_attribute("rel", "noopener noreferrer");
    link.set_text_content(Some("Open Copilot seats on its own"));
    let _ = notice.append_child(&link);
    let _ = body.append_child(&notice);
}
