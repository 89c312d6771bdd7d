//! What the page shows if a panic ever happens: a visible notice instead of a frozen page.

/// Puts a notice over the page. Uses only the DOM (no Leptos): after a panic the app's state is gone.
pub fn show_crash_notice() {
    let Some(document) = web_sys::window().and_then(|window| window.document()) else { return };
    let Some(body) = document.body() else { return };
    if let Ok(notice) = document.create_element("div") {
        notice.set_class_name("crash");
        let _ = notice.set_attribute("role", "alert");
        notice.set_text_content(Some(
            "Something went wrong and this page stopped working. Reload the page to start again; nothing was sent on your behalf after this point.",
        ));
        let _ = body.prepend_with_node_1(&notice);
    }
}

/// `?crash-test` in the address panics at start, so the end-to-end tests can prove the notice appears.
/// It changes nothing else and sends nothing.
pub fn panic_if_asked() {
    let asked = web_sys::window()
        .and_then(|window| window.location().search().ok())
        .is_some_and(|search| search.trim_start_matches('?').split('&').any(|pair| pair == "crash-test"));
    if asked {
        panic!("crash test requested with ?crash-test");
    }
}
