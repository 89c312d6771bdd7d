// Starts the page's WebAssembly (built by scripts/build-app.mjs). A file rather than an inline script, so
// the Content-Security-Policy needs no hash for it.
import init from './copilot-seats.js';

await init({ module_or_path: new URL('./copilot-seats_bg.wasm', import.meta.url) });
