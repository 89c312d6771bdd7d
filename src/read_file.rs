//! Reading a file the person chose (an `<input type="file">`) or dropped on the page, as text, in the page:
//! nothing leaves it.

use wasm_bindgen::JsCast;

/// The text of the first file chosen in `input`; `None` when none was chosen.
async fn chosen_file_text(input: &web_sys::HtmlInputElement) -> Option<Result<String, String>> {
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

/// On a file input's `change`: reads the chosen file in the background, clears the input (so that choosing
/// the same file again reads it again), then hands the text to `then` (`None` when no file was chosen).
pub fn read_chosen_file(ev: &leptos::ev::Event, then: impl FnOnce(Option<Result<String, String>>) + 'static) {
    let Some(input) = file_input(ev) else { return };
    leptos::task::spawn_local(async move {
        let text = chosen_file_text(&input).await;
        input.set_value("");
        then(text);
    });
}

/// The file input an event came from.
fn file_input(ev: &leptos::ev::Event) -> Option<web_sys::HtmlInputElement> {
    ev.target()?.dyn_into::<web_sys::HtmlInputElement>().ok()
}
