use copilot_seats::app::App;

fn main() {
    // A panic in WebAssembly kills the page; at least say why in the console.
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(App);
}
