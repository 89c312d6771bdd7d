// The site served by Debian's nginx with deploy/nginx/copilot-seats.conf, as shipped, under the sub-path
// /copilot-seats/ (as GitHub Pages serves a project at /REPO/): the page loads with every file it names,
// the demo runs, each response carries the headers a host should add and its right type, and a browser
// that accepts gzip gets the precompressed copy written at build time.
//
// nginx runs unprivileged, in the foreground, on a loopback port, with its pid, logs and temporary files in
// a temporary folder; this spec starts it before its tests and stops it after. Only the alias line of the
// configuration is changed, to point at this checkout's dist/ (the sandbox build `make e2e` made; the demo
// needs no API, so its policy makes no difference here).
import { test, expect } from '@playwright/test';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, resolve } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { screenshot } from './helpers.js';

const NGINX = process.env.NGINX ?? '/usr/sbin/nginx';
const PORT = Number(process.env.E2E_NGINX_PORT ?? 4180);
const DIST = resolve(process.env.E2E_DIST ?? 'dist');
const CONF = 'deploy/nginx/copilot-seats.conf';
const ORIGIN = `http://127.0.0.1:${PORT}`;
const SITE = `${ORIGIN}/copilot-seats/`;
// Debian's package for brotli_static (installed by `make tools`), for the one test of the commented line.
const BROTLI_MODULE = '/usr/lib/nginx/modules/ngx_http_brotli_static_module.so';

/** The types a browser must get for each kind of file in dist/ (nosniff makes it refuse any other). */
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

/** Starts nginx with the shipped configuration (its brotli line switched on when asked) on `port`. */
async function startNginx(port, { brotli = false } = {}) {
  if (!existsSync(NGINX)) throw new Error(`${NGINX} is missing: \`make tools\` installs Debian's nginx`);
  const prefix = mkdtempSync(join(tmpdir(), 'copilot-seats-nginx-'));
  let site = readFileSync(CONF, 'utf8');
  expect(site.match(/^\s*alias \/srv\/copilot-seats\/;$/gm), 'one alias line to point at dist/').toHaveLength(1);
  site = site.replace('alias /srv/copilot-seats/;', `alias ${DIST}/;`);
  if (brotli) {
    expect(site).toContain('# brotli_static on;');
    site = site.replace('# brotli_static on;', 'brotli_static on;');
  }
  writeFileSync(join(prefix, 'copilot-seats.conf'), site);
  // The smallest whole configuration around the shipped file: no mime.types (the file brings its own).
  // Started as root, nginx's workers drop to `nobody`, who cannot read a checkout inside a private
  // directory (`mktemp -d` makes it 0700): the workers stay the user who runs the tests. Started as anyone
  // else, they already are.
  const asRoot = process.getuid?.() === 0;
  writeFileSync(join(prefix, 'nginx.conf'), `
${brotli ? `load_module ${BROTLI_MODULE};` : ''}
${asRoot ? 'user root;' : ''}
worker_processes 1;
pid ${prefix}/nginx.pid;
error_log ${prefix}/error.log warn;
events { worker_connections 64; }
http {
  access_log ${prefix}/access.log;
  client_body_temp_path ${prefix}/client_body;
  proxy_temp_path ${prefix}/proxy;
  fastcgi_temp_path ${prefix}/fastcgi;
  uwsgi_temp_path ${prefix}/uwsgi;
  scgi_temp_path ${prefix}/scgi;
  server {
    listen 127.0.0.1:${port};
    server_name localhost;
    include ${prefix}/copilot-seats.conf;
  }
}
`);
  const nginx = spawn(NGINX, ['-p', prefix, '-e', `${prefix}/error.log`, '-c', `${prefix}/nginx.conf`, '-g', 'daemon off;'], {
    stdio: ['ignore', 'inherit', 'pipe'],
  });
  let said = '';
  nginx.stderr.on('data', (chunk) => { said += chunk; });
  const exited = new Promise((done) => nginx.once('exit', (code, signal) => done({ code, signal })));
  const log = () => said + (existsSync(`${prefix}/error.log`) ? readFileSync(`${prefix}/error.log`, 'utf8') : '');
  for (let tries = 0; ; tries++) {
    const early = await Promise.race([exited, new Promise((wait) => setTimeout(wait, 100, null))]);
    if (early) throw new Error(`nginx exited (${JSON.stringify(early)}) before answering:\n${log()}`);
    if ((await get(`http://127.0.0.1:${port}/copilot-seats/`).catch(() => null))?.status === 200) break;
    if (tries > 100) {
      // Not left running: it would hold the port for every later start.
      const said = log();
      nginx.kill('SIGQUIT');
      await exited;
      throw new Error(`nginx did not answer on port ${port} within 10 s:\n${said}`);
    }
  }
  // The configuration reads cleanly: not a warning (a duplicate type, an unknown directive) on the way.
  expect(log(), 'nginx said nothing while starting').toBe('');
  return {
    async stop() {
      nginx.kill('SIGQUIT');
      await exited;
      rmSync(prefix, { recursive: true, force: true });
    },
  };
}

/** One GET, as sent (no Accept-Encoding unless given) and as answered (no decompression). */
function get(url, headers = {}) {
  return new Promise((done, fail) => {
    httpRequest(url, { headers }, (response) => {
      const chunks = [];
      response.on('data', (chunk) => chunks.push(chunk));
      response.on('end', () => done({ status: response.statusCode, headers: response.headers, body: Buffer.concat(chunks) }));
    }).on('error', fail).end();
  });
}

function expectHostHeaders(headers, what) {
  expect(headers['content-security-policy'], what).toBe("frame-ancestors 'none'");
  expect(headers['x-content-type-options'], what).toBe('nosniff');
  expect(headers['referrer-policy'], what).toBe('no-referrer');
}

/** The files of dist/ that the build made, not their precompressed copies. */
const builtFiles = () => readdirSync(DIST).filter((name) => !/\.(gz|br)$/.test(name) && name !== '_headers');

let nginx;
test.beforeAll(async () => {
  nginx = await startNginx(PORT);
});
test.afterAll(async () => {
  await nginx?.stop();
});

/** Records what would mean a broken page: console errors, failed requests, and answers of 400 and above. */
function watch(page) {
  const problems = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(String(error)));
  page.context().on('requestfailed', (request) => problems.push(`failed ${request.url()}`));
  page.context().on('response', (response) => {
    if (response.status() >= 400) problems.push(`${response.status()} ${response.url()}`);
  });
  return problems;
}

test('under /copilot-seats/ the page loads with every file it names, the host\'s headers and no error', async ({ page }) => {
  const problems = watch(page);
  const responses = [];
  page.on('response', (response) => responses.push(response));
  const icon = page.waitForResponse((response) => response.url() === `${SITE}favicon.svg`, { timeout: 10_000 });
  const document = await page.goto(SITE);
  expectHostHeaders(document.headers(), 'the page');
  await expect(page.getByRole('heading', { name: 'Copilot seats' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Connect to GitHub' })).toBeVisible();
  expect((await icon).status()).toBe(200);
  // Every file came from under the sub-path, none from the server's root.
  expect(responses.map((response) => response.url()).filter((url) => !url.startsWith(SITE))).toEqual([]);
  // The browser took the WebAssembly compressed, as the .gz copy written at build time.
  const wasm = responses.find((response) => response.url().endsWith('_bg.wasm'));
  expect(wasm.headers()['content-encoding']).toBe('gzip');
  expect(wasm.headers()['content-type']).toBe('application/wasm');
  const cdp = await page.context().newCDPSession(page);
  const { url, manifest } = await cdp.send('Page.getAppManifest');
  expect(url).toBe(`${SITE}manifest.webmanifest`);
  expect(manifest.startUrl).toBe(SITE);
  for (const width of [390, 1366]) {
    await page.setViewportSize({ width, height: 900 });
    await screenshot(page, `nginx-connect-${width}`);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
  }
  expect(problems).toEqual([]);
});

test('under /copilot-seats/ the demo runs: its worker and wasm come from the sub-path', async ({ page }) => {
  const problems = watch(page);
  const requests = [];
  page.context().on('request', (request) => requests.push(request.url()));
  await page.goto(SITE);
  await page.getByRole('button', { name: 'Try the demo' }).click();
  await expect(page.getByRole('heading', { name: 'Copilot billing for acme' })).toBeVisible();
  await expect(page.getByTestId('all-loaded')).toHaveText(/^All \d+ seats loaded/);
  for (const file of ['demo-worker-start.js', 'demo-worker.js', 'demo-worker_bg.wasm']) expect(requests).toContain(`${SITE}${file}`);
  // The seat views' chunk and its loader (scripts/build-app.mjs: names with the build's hash).
  for (const name of [/copilot-seats-[0-9a-f]{16}-chunks\.js$/, /copilot-seats-[0-9a-f]{16}-split_workspace\.wasm$/]) {
    expect(requests.filter((url) => url.startsWith(SITE) && name.test(url))).toHaveLength(1);
  }
  expect(requests.filter((url) => !url.startsWith(SITE) && !url.startsWith('blob:'))).toEqual([]);
  for (const width of [390, 1366]) {
    await page.setViewportSize({ width, height: 900 });
    await screenshot(page, `nginx-demo-${width}`);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
  }
  expect(problems).toEqual([]);
});

test('every file of dist/ comes with its type and the host\'s headers, gzip-encoded when accepted and plain when not', async () => {
  const files = builtFiles();
  expect(files).toEqual(expect.arrayContaining(['index.html', '404.html', 'favicon.svg', 'manifest.webmanifest', 'robots.txt']));
  for (const name of files) {
    const body = readFileSync(join(DIST, name));
    const plain = await get(`${SITE}${name}`);
    expect(plain.status, name).toBe(200);
    expect(plain.headers['content-type'], name).toBe(TYPES[extname(name)]);
    expect(plain.headers['content-encoding'], name).toBeUndefined();
    expect(plain.body.equals(body), `${name} as it is`).toBe(true);
    expectHostHeaders(plain.headers, name);

    const gzip = await get(`${SITE}${name}`, { 'Accept-Encoding': 'gzip' });
    expect(gzip.status, name).toBe(200);
    expect(gzip.headers['content-type'], name).toBe(TYPES[extname(name)]);
    expect(gzip.headers.vary, name).toBe('Accept-Encoding');
    expectHostHeaders(gzip.headers, name);
    if (existsSync(join(DIST, `${name}.gz`))) {
      expect(gzip.headers['content-encoding'], name).toBe('gzip');
      // The copy made at build time, byte for byte: nginx compresses nothing itself.
      expect(gzip.body.equals(readFileSync(join(DIST, `${name}.gz`))), `${name}.gz`).toBe(true);
      expect(gunzipSync(gzip.body).equals(body), `${name}.gz unpacks to ${name}`).toBe(true);
    }
  }
  // The WebAssembly, the bulk of the page, is among what went out compressed.
  const wasm = files.find((name) => name.endsWith('_bg.wasm') && name.startsWith('copilot-seats'));
  expect((await get(`${SITE}${wasm}`, { 'Accept-Encoding': 'gzip' })).headers['content-encoding']).toBe('gzip');
});

test('/copilot-seats without its slash is sent to /copilot-seats/', async () => {
  const answer = await get(`${ORIGIN}/copilot-seats`);
  expect(answer.status).toBe(301);
  expect(answer.headers.location).toBe(SITE);
});

test('any other address under /copilot-seats/ answers 404 with a page that opens the app with the same query', async ({ page }) => {
  const missing = await get(`${SITE}no/such/page?org=acme`);
  expect(missing.status).toBe(404);
  expect(missing.body.equals(readFileSync(join(DIST, '404.html')))).toBe(true);
  expectHostHeaders(missing.headers, 'the 404 page');

  await page.goto(`${SITE}no/such/page?org=acme&load=page`);
  await expect(page).toHaveURL(`${SITE}?org=acme&load=page`);
  await expect(page.getByRole('heading', { name: 'Connect to GitHub' })).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Organization' })).toHaveValue('acme');
});

test('with the configuration\'s brotli line switched on and Debian\'s module, a browser that accepts br gets the .br copy', async () => {
  const brotli = await startNginx(PORT + 1, { brotli: true });
  try {
    const base = `http://127.0.0.1:${PORT + 1}/copilot-seats/`;
    const wasm = builtFiles().find((name) => name.endsWith('_bg.wasm') && name.startsWith('copilot-seats'));
    const answer = await get(`${base}${wasm}`, { 'Accept-Encoding': 'gzip, deflate, br' });
    expect(answer.status).toBe(200);
    expect(answer.headers['content-encoding']).toBe('br');
    expect(answer.headers['content-type']).toBe('application/wasm');
    expect(answer.body.equals(readFileSync(join(DIST, `${wasm}.br`)))).toBe(true);
    expect(brotliDecompressSync(answer.body).equals(readFileSync(join(DIST, wasm)))).toBe(true);
    expectHostHeaders(answer.headers, wasm);
    // gzip still for a browser without brotli.
    expect((await get(`${base}${wasm}`, { 'Accept-Encoding': 'gzip' })).headers['content-encoding']).toBe('gzip');
  } finally {
    await brotli.stop();
  }
});
