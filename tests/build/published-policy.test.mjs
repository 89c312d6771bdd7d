// The published build's Content-Security-Policy: GitHub.com and GHE.com only, no loopback source (a page
// that may call loopback lets a link aim a token at a listener on the person's machine), and no
// 'unsafe-inline' (the grid sets its sizes through the CSSOM). The sandbox build the tests use adds the
// sandbox's origins, and nothing else differs. Run by `make published`, which builds
// the published site into target/published first.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { API_ORIGINS, SANDBOX_ORIGINS, ghesOrigins } from '../../scripts/csp-origins.mjs';

const PUBLISHED = process.env.PUBLISHED_DIST ?? 'target/published';
const SANDBOX = process.env.SANDBOX_DIST ?? 'dist';
// The Enterprise Servers this run was built for (`make test GHES_ORIGINS=…`): none unless given.
const GHES = ghesOrigins();

/** The policy of a built index.html, as directive name → sources. */
function policyOf(dir) {
  const html = readFileSync(`${dir}/index.html`, 'utf8');
  const metas = [...html.matchAll(/<meta http-equiv="Content-Security-Policy" content="([^"]*)"/g)];
  assert.equal(metas.length, 1, `${dir}/index.html has one policy`);
  const text = metas[0][1];
  const directives = new Map(
    text.split(';').map((d) => d.trim().split(/\s+/)).filter((parts) => parts[0]).map(([name, ...sources]) => [name, sources]),
  );
  return { text, directives };
}

const LOOPBACK = /127\.0\.0\.1|localhost|\[::1\]|\b127\.\d/i;

test('the published policy has no loopback source, no \'unsafe-inline\', and connects only to the page, GitHub.com and GHE.com', () => {
  const { text, directives } = policyOf(PUBLISHED);
  assert.doesNotMatch(text, LOOPBACK);
  assert.doesNotMatch(text, /'unsafe-inline'/);
  assert.deepEqual(directives.get('connect-src'), ["'self'", ...API_ORIGINS, ...GHES]);
  assert.doesNotMatch(text, /'api-origins'|'inline-script-hashes'/, 'every placeholder was filled in');
  // The page starts from a file (start.js, scripts/build-app.mjs): no inline script, so no hash either.
  assert.deepEqual(directives.get('script-src'), ["'self'", "'wasm-unsafe-eval'"]);
});

test('the sandbox build differs only by the sandbox origins in connect-src', () => {
  const published = policyOf(PUBLISHED).directives;
  const sandbox = policyOf(SANDBOX).directives;
  assert.deepEqual(sandbox.get('connect-src'), ["'self'", ...API_ORIGINS, ...GHES, ...SANDBOX_ORIGINS]);
  for (const [name, sources] of published) {
    if (name === 'connect-src') continue;
    assert.deepEqual(sandbox.get(name), sources, name);
  }
  assert.deepEqual([...sandbox.keys()].sort(), [...published.keys()].sort());
});
