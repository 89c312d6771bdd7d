//! Reading a file the person chose (an `<input type="file">`) or dropped on the page, as text, in the page:
//! nothing leaves it.

use wasm_bindgen::JsCast;

/// The text of the first file chosen in `input`; `None` when none was chosen.
pub async fn chosen_file_text(input: &web_sys::HtmlInputElement) -> Option<Result<String, String>> {
    let file = input.files()?.get(0)?;
    Some(file_text(file).await)
}

/// The first file dropped by a drop event; taken while the event runs, since the browser gives the files
/// of a drop only then.
pub fn dropped_file(ev: &web_sys::DragEvent) -> Option<web_sys::File> {
    ev.data_transfer()?.files()?.get(0)
}

/// The text of a file.
pub async fn file_text(file: web_sys::File) -> Result<String, String> {
    let text = wasm_bindgen_futures::JsFuture::from(file.text()).await;
    text.ok().and_then(|value| value.as_string()).ok_or_else(|| format!("The browser could not read {}.", file.name()))
}

/// The file input an event came from.
pub fn file_input(ev: &leptos::ev::Event) -> Option<web_sys::HtmlInputElement> {
    ev.target()?.dyn_into::<web_sys::HtmlInputElement>().ok()
}
