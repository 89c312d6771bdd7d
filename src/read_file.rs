//! Reading a file the person chose (an `<input type="file">`), as text, in the page: nothing leaves it.

use wasm_bindgen::JsCast;

/// The text of the first file chosen in `input`; `None` when none was chosen.
pub async fn chosen_file_text(input: &web_sys::HtmlInputElement) -> Option<Result<String, String>> {
    file_text(input.files()?.get(0)?).await
}

/// The first file a drag dropped; `None` when it carried none (dropped text is then the drop target's own
/// business). Taken at once: the drag's data is gone once its event handler returns.
pub fn dropped_file(ev: &web_sys::DragEvent) -> Option<web_sys::File> {
    ev.data_transfer()?.files()?.get(0)
}

/// A file's text, or why the browser could not read it.
pub async fn file_text(file: web_sys::File) -> Option<Result<String, String>> {
    let text = wasm_bindgen_futures::JsFuture::from(file.text()).await;
    Some(
        text.ok()
            .and_then(|value| value.as_string())
            .ok_or_else(|| format!("The browser could not read {}.", file.name())),
    )
}

/// The file input an event came from.
pub fn file_input(ev: &leptos::ev::Event) -> Option<web_sys::HtmlInputElement> {
    ev.target()?.dyn_into::<web_sys::HtmlInputElement>().ok()
}
