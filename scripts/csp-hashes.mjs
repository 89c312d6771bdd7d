// Trunk post-build hook: completes the built index.html's Content-Security-Policy.
// - 'inline-script-hashes' becomes the SHA-256 of every inline <script>, so the policy can forbid every
//   other inline script. The page has none today (it starts from start.js, see build-app.mjs); should
//   one come back, its hash is computed here rather than typed in.
// - 'api-origins' becomes the origins the page may connect to, from csp-origins.mjs: the published list,
//   any GitHub Enterprise Server origins in GHES_ORIGINS, plus the local sandbox's only in the sandbox
//   build (SANDBOX_CSP=1). A GHES_ORIGINS value that is not a list of https origins fails the build.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GhesOriginError, connectOrigins, ghesOrigins, isSandboxBuild } from './csp-origins.mjs';

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error('csp-hashes: TRUNK_STAGING_DIR is not set (run as a trunk hook)');
  process.exit(1);
}
const file = join(dir, 'index.html');
let html = readFileSync(file, 'utf8');
for (const placeholder of ["'inline-script-hashes'", "'api-origins'"]) {
  if (!html.includes(placeholder)) {
    console.error(`csp-hashes: ${file} has no ${placeholder} in its Content-Security-Policy`);
    process.exit(1);
  }
}
const hashes = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map(
  ([, body]) => `'sha256-${createHash('sha256').update(body, 'utf8').digest('base64')}'`,
);
const sandbox = isSandboxBuild();
let ghes;
try {
  ghes = ghesOrigins();
} catch (error) {
  if (!(error instanceof GhesOriginError)) throw error;
  console.error(`csp-hashes: ${error.message}`);
  process.exit(1);
}
// With no inline script (the page starts from start.js) the placeholder goes with its space.
html = html.replace(" 'inline-script-hashes'", hashes.map((hash) => ` ${hash}`).join('')).replace("'api-origins'", connectOrigins({ sandbox, ghes }).join(' '));
writeFileSync(file, html);
const servers = ghes.length ? `, with the Enterprise Server${ghes.length > 1 ? 's' : ''} ${ghes.join(' ')}` : '';
console.log(`csp-hashes: ${hashes.length} inline script(s) hashed into the policy; connect-src for the ${sandbox ? 'sandbox build (loopback allowed)' : 'published build (no loopback)'}${servers}`);
