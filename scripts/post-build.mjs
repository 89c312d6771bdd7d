// Trunk's post-build hook (Trunk.toml), on the staged site before it becomes dist/. Trunk starts every
// hook of a stage at once, so the steps that depend on each other run here, in order:
// 0. the page's own wasm is built and cut into chunks (build-app.mjs), since trunk cannot cut it;
// 1. the Content-Security-Policy is completed (csp-hashes.mjs), which rewrites index.html;
// 2. then every file, index.html included, gets its precompressed copies (precompress.mjs).
import { precompress } from './precompress.mjs';

await import('./build-app.mjs');
await import('./csp-hashes.mjs');
const written = precompress(process.env.TRUNK_STAGING_DIR);
const kib = (bytes) => (bytes / 1024).toFixed(1);
const sum = (suffix, key) => written.filter(({ file }) => file.endsWith(suffix)).reduce((total, copy) => total + copy[key], 0);
console.log(`precompress: ${written.length} copies; ${kib(sum('.gz', 'from'))} KiB as ${kib(sum('.gz', 'to'))} KiB gzip, ${kib(sum('.br', 'to'))} KiB brotli`);
