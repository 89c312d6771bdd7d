// Starts the page's WebAssembly (built by scripts/build-app.mjs, which gives this file and the two it
// names the build's hash). A file rather than an inline script, so the Content-Security-Policy needs no
// hash for it. The bindings go on `window` as trunk's own loader put them: the benchmark reads the wasm
// memory through them (src/bench_probe.rs).
import init, * as bindings from './copilot-seats.js';

await init({ module_or_path: new URL('./copilot-seats_bg.wasm', import.meta.url) });
window.wasmBindings = bindings;
