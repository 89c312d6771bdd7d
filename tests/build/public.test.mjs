// public/ is copied as it is into the built site (trunk's copy-dir, index.html), and what it holds is
// consistent: the 404 page's policy allows its one script by that script's hash, the manifest names files
// that exist, and the response headers a host should add are the same in Netlify's _headers, in the nginx
// configuration and in the README. Run by `make published` on the published build and the sandbox build.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';

const PUBLISHED = process.env.PUBLISHED_DIST ?? 'target/published';
const SANDBOX = process.env.SANDBOX_DIST ?? 'dist';
const PUBLIC = readdirSync('public');

test('public/ holds the icon, the manifest, the 404 page, robots.txt and Netlify\'s _headers', () => {
  assert.deepEqual([...PUBLIC].sort(), ['404.html', '_headers', 'favicon.svg', 'manifest.webmanifest', 'robots.txt']);
});

for (const dist of [PUBLISHED, SANDBOX]) {
  test(`every file of public/ is in ${dist}/ as it is, at the top level`, () => {
    for (const name of PUBLIC) {
      assert.ok(readFileSync(`${dist}/${name}`).equals(readFileSync(`public/${name}`)), `${dist}/${name} is public/${name}`);
    }
    assert.throws(() => readdirSync(`${dist}/public`), /ENOENT/, 'not copied into a public/ folder');
  });
}

test('the page names the icon and the manifest, and its policy allows both', () => {
  const html = readFileSync(`${PUBLISHED}/index.html`, 'utf8');
  assert.match(html, /<link rel="icon" href="favicon\.svg" type="image\/svg\+xml"/);
  assert.match(html, /<link rel="manifest" href="manifest\.webmanifest"/);
  const policy = html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]*)"/)[1];
  assert.match(policy, /(^|; )img-src 'self' data:(;|$)/);
  assert.match(policy, /(^|; )manifest-src 'self'(;|$)/);
});

test('the manifest is the app\'s, relative to its folder, and names an icon that public/ holds', () => {
  const manifest = JSON.parse(readFileSync('public/manifest.webmanifest', 'utf8'));
  assert.equal(manifest.name, 'Copilot seats');
  // Relative, so that it works under any path (GitHub Pages serves a project at /REPO/).
  assert.equal(manifest.start_url, './');
  assert.equal(manifest.scope, './');
  assert.ok(manifest.icons.length > 0);
  for (const icon of manifest.icons) assert.ok(PUBLIC.includes(icon.src), `${icon.src} is in public/`);
});

test('the icon is an SVG image', () => {
  const svg = readFileSync('public/favicon.svg', 'utf8');
  assert.match(svg, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" viewBox="0 0 32 32">/);
  assert.doesNotMatch(svg, /<script|href=|on\w+=/i, 'nothing in it runs or loads');
});

test('the 404 page\'s policy allows its one inline script by that script\'s own hash, and nothing else to run', () => {
  const html = readFileSync('public/404.html', 'utf8');
  const scripts = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map(([, body]) => body);
  assert.equal(scripts.length, 1);
  assert.equal([...html.matchAll(/<script/g)].length, 1, 'no script with a src');
  const hash = `'sha256-${createHash('sha256').update(scripts[0], 'utf8').digest('base64')}'`;
  const policy = html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]*)"/)[1];
  const scriptSrc = policy.split(';').map((d) => d.trim()).find((d) => d.startsWith('script-src '));
  assert.equal(scriptSrc, `script-src ${hash}`, 'after editing the script, put its new hash in the policy');
  assert.match(policy, /^default-src 'none';/);
  assert.match(policy, /connect-src 'self'/);
});

test('robots.txt asks every crawler to stay out, and the pages say noindex (robots.txt is read only at a domain\'s root)', () => {
  const lines = readFileSync('public/robots.txt', 'utf8').split('\n').filter((line) => line && !line.startsWith('#'));
  assert.deepEqual(lines, ['User-agent: *', 'Disallow: /']);
  for (const page of [`${PUBLISHED}/index.html`, 'public/404.html']) {
    assert.match(readFileSync(page, 'utf8'), /<meta name="robots" content="noindex" \/>/, page);
  }
});

/** The response headers a host should add, as `name: value` lines. */
const HEADERS = [
  "Content-Security-Policy: frame-ancestors 'none'",
  'X-Content-Type-Options: nosniff',
  'Referrer-Policy: no-referrer',
];

test('Netlify\'s _headers, the nginx configuration and the README add the same response headers', () => {
  const netlify = readFileSync('public/_headers', 'utf8').split('\n').filter((line) => line && !line.startsWith('#'));
  assert.deepEqual(netlify, ['/*', ...HEADERS.map((header) => `  ${header}`)]);

  const nginx = [...readFileSync('deploy/nginx/copilot-seats.conf', 'utf8').matchAll(/^\s*add_header (\S+) (?:"([^"]*)"|(\S+)) always;/gm)]
    .map(([, name, quoted, plain]) => `${name}: ${quoted ?? plain}`)
    .filter((header) => !header.startsWith('Cache-Control'));
  assert.deepEqual(nginx, HEADERS);

  const readme = readFileSync('README.md', 'utf8');
  for (const header of HEADERS) assert.ok(readme.includes(header), `README names ${header}`);
});
