// Trunk post-build hook: puts the SHA-256 of every inline <script> of the built index.html into its
// Content-Security-Policy, so the policy can forbid every other inline script. Trunk writes one inline
// module script (the loader of the wasm); its content changes with each build, so the hash is computed
// here rather than typed in.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error('csp-hashes: TRUNK_STAGING_DIR is not set (run as a trunk hook)');
  process.exit(1);
}
const file = join(dir, 'index.html');
const html = readFileSync(file, 'utf8');
const placeholder = "'inline-script-hashes'";
if (!html.includes(placeholder)) {
  console.error(`csp-hashes: ${file} has no ${placeholder} in its Content-Security-Policy`);
  process.exit(1);
}
const hashes = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map(
  ([, body]) => `'sha256-${createHash('sha256').update(body, 'utf8').digest('base64')}'`,
);
writeFileSync(file, html.replace(placeholder, hashes.join(' ')));
console.log(`csp-hashes: ${hashes.length} inline script(s) hashed into the policy`);
