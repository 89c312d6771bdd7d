//! The in-page demo's Web Worker. Trunk builds it beside the app (`data-type="worker"` in index.html) and
//! the page starts it only when someone picks the demo, so the first load carries none of the sandbox.
//! Every message is a `DemoCall` as JSON text; every answer a `DemoAnswer` (see `copilot_sandbox::demo_wire`).

use std::cell::RefCell;

use copilot_sandbox::demo_wire::DemoHost;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

fn main() {
    // Anywhere but in a worker (a native build, a test) there is nothing to serve.
    let Ok(scope) = js_sys::global().dyn_into::<DedicatedWorkerGlobalScope>() else { return };
    let host = RefCell::new(DemoHost::default());
    let reply_to = scope.clone();
    let on_message = Closure::<dyn Fn(MessageEvent)>::new(move |event: MessageEvent| {
        let Some(message) = event.data().as_string() else { return };
        if let Some(answer) = host.borrow_mut().answer(&message) {
            // Fails only once the page is gone.
            let _ = reply_to.post_message(&JsValue::from_str(&answer));
        }
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The handler lives as long as the worker.
    on_message.forget();
}
