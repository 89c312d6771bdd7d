//! What `make bench` reads from the running page that JavaScript cannot see on its own.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// Bytes of WebAssembly linear memory the app holds (the memory's current size).
#[wasm_bindgen]
pub fn wasm_memory_bytes() -> f64 {
    wasm_bindgen::memory()
        .dyn_into::<js_sys::WebAssembly::Memory>()
        .map(|memory| f64::from(memory.buffer().unchecked_into::<js_sys::ArrayBuffer>().byte_length()))
        .unwrap_or(0.0)
}
