// Starts the demo's worker (trunk copies this file beside the worker's script and wasm).
// - Requests the page sends while the wasm is still loading are kept, then handed to the worker's own
//   handler, which its `main` installs.
// - A wasm that fails to load is thrown again outside the promise, so the page hears of it at once through
//   the worker's `error` event, rather than after its request timeout.
importScripts('./demo-worker.js');
const early = [];
self.onmessage = (event) => early.push(event);
wasm_bindgen({ module_or_path: './demo-worker_bg.wasm' }).then(
  () => { for (const event of early.splice(0)) self.onmessage(event); },
  (error) => { setTimeout(() => { throw new Error(`the demo's wasm did not load: ${error}`); }); },
);
