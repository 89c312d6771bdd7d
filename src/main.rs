use copilot_seats::app::App;

fn main() {
    std::panic::set_hook(Box::new(|info| {
        // Say why in the console, then tell the person: a panic in WebAssembly stops the page, and a frozen
        // page that looks alive is worse than a clear "reload".
        console_error_panic_hook::hook(info);
        copilot_seats::crash::show_crash_notice();
    }));
    if copilot_seats::framing::is_framed() {
        copilot_seats::framing::show_framed_notice();
        return;
    }
    copilot_seats::crash::panic_if_asked();
    leptos::mount::mount_to_body(App);
}
