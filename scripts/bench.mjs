// `make bench`: drives the built app (dist/) in headless Chromium against the sandbox with 100 ms of
// latency, and prints one table of what it measured on this machine. The same figures go to
// target/bench/results.json and into README.md between the bench markers. Nothing here is typed in.
//
// The sandbox runs with --tls: GitHub's API speaks HTTP/2, where 10 requests can be in flight on one origin;
// over plain HTTP/1.1 Chromium would allow only 6 connections, and the benchmark would measure that instead.
//
// Method, per figure:
// - load time: in the page, from the click event on "Load all seats" to the frame after the "All N seats
//   loaded" line appeared, with a fresh sandbox (so no rate-limit window carries over), at concurrency 1
//   (what existing tools do) and 10 (the default). The sandbox answers each request 100 ms after it arrived,
//   its own work included (see its README), so the figure is the app's and the browser's, not the sandbox's.
//   A load that fits in one budget minute (10,000 seats) is run BENCH_REPEATS times (default 5), each with a
//   fresh sandbox and page, and the median is reported; the floor likewise;
// - browser floor (10,000 seats): the same pages read by plain fetch in the page, 10 at once from the start,
//   with no app; what the browser, TLS and the machine cost per request, which no app can go under;
//   the app, like the floor, starts with the page count the billing summary gave (waited for on screen
//   before the click), so its first round of 10 goes out with page 1;
// - main-thread CPU time during the load at concurrency 10: Chromium's ThreadTime (the CPU time of the
//   page's main thread: scripts and wasm, style, layout and paint) from before the click to the end of the
//   load, read through the DevTools protocol: the app's own work, which the wall-clock time mixes with
//   waiting for the network and for the other processes on the machine;
// - lower bound: latency + 60 s x floor((P-1)/B) + ceil((((P-1) mod B) + 1)/C) x latency, with B = 900, C = 10;
// - interactions at 100,000 seats: in the page, from the event (a keystroke in the search box, a click on a
//   sort header, a click on a status filter) to the next animation frame after the grid changed; 20 tries
//   each, 200 ms apart (longer than the search debounce window, so each is one keystroke), median and 95th
//   percentile. The dashboard's tiles and charts are recomputed in the same pass as the grid, so these
//   include them. Two figures are the charts' own, timed to the frame after the dashboard's bars changed:
//   a click on an inactivity threshold preset (60 and 30 days in turn; the status chart's bars move) and a
//   click on a dashboard bar (the status chart's "Never used", pressed and lifted in turn; the activity
//   chart's bars move). A try after which nothing changed within 5 s is a miss, counted in the table;
// - scrolling: the grid scrolled from top to bottom, one step per frame; a frame is dropped when it took
//   longer than 1.5 x 16.7 ms. With several sites (BENCH_DISTS), each scrolls a tenth of the way in turn,
//   and each interaction's tries alternate between them likewise;
// - memory: JavaScript heap (performance.memory, precise) plus WebAssembly memory, after loading 100,000 seats;
// - transfer: the files of the first load (the page and what it names: CSS, JS, WASM), raw and gzip -9,
//   and brotli, checked against what the browser fetched to show the connect form; the chunk of the seat
//   views (fetched when the connect form is first touched) and the demo's worker (only for the demo) apart.
//
// Options (environment), to run a part or to compare builds:
// - BENCH_SIZES: the loads, in seats (default 10000,100000); the largest is the one interacted with;
// - BENCH_REPEATS: runs of each load that fits in one budget minute (default 5);
// - BENCH_PARTS: which figures (default all): sequential (concurrency 1), concurrent (concurrency 10),
//   floor, interactions, scroll, memory, transfer, native. The interactions, scroll and memory need one
//   load of the largest size at concurrency 10, made for them if `concurrent` is not asked for;
// - BENCH_DISTS: the built sites to measure (default dist), comma-separated. With more than one, every
//   sample is taken on each in turn (A, B, A, B...), so that a busy machine slows both alike; they are
//   served from one port under /0/, /1/..., the table has a column per site, and README.md is left alone;
// - BENCH_APP_PORT, BENCH_SANDBOX_PORT: the ports (default 4373 and 8988).
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync, statSync } from 'node:fs';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';
import { cpus } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from '@playwright/test';

const LATENCY_MS = 100;
const APP_PORT = Number(process.env.BENCH_APP_PORT ?? 4373);
const SANDBOX_PORT = Number(process.env.BENCH_SANDBOX_PORT ?? 8988);
const SIZES = (process.env.BENCH_SIZES ?? '10000,100000').split(',').map(Number);
const TRIES = 20;
const REPEATS = Math.max(1, Number.parseInt(process.env.BENCH_REPEATS ?? '5', 10) || 5);
const ALL_PARTS = ['sequential', 'concurrent', 'floor', 'interactions', 'scroll', 'memory', 'transfer', 'native'];
const PARTS = new Set((process.env.BENCH_PARTS ?? ALL_PARTS.join(',')).split(',').map((part) => part.trim()));
for (const part of PARTS) if (!ALL_PARTS.includes(part)) throw new Error(`BENCH_PARTS: no part ${part} (${ALL_PARTS.join(', ')})`);
const DISTS = (process.env.BENCH_DISTS ?? 'dist').split(',').map((dist) => dist.trim());
// Several sites are served from one port, each under its own path (the page works under a sub-path).
const appUrl = (dist) => `http://127.0.0.1:${APP_PORT}${DISTS.length > 1 ? `/${DISTS.indexOf(dist)}` : ''}`;

function lowerBoundMs(pages, concurrency = 10, budget = 900, latency = LATENCY_MS) {
  if (pages <= 1) return latency;
  const rest = pages - 1;
  return latency + 60_000 * Math.floor(rest / budget) + Math.ceil(((rest % budget) + 1) / concurrency) * latency;
}

function start(command, args, readyText) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let seen = '';
    child.stdout.on('data', (chunk) => {
      seen += chunk;
      if (seen.includes(readyText)) resolve(child);
    });
    child.on('exit', (code) => reject(new Error(`${command} exited with ${code} before it was ready`)));
  });
}

async function withSandbox(seats, body) {
  const tokensFile = `target/bench/tokens-${seats}.json`;
  const sandbox = await start('target/release/copilot-sandbox', [
    '--port', String(SANDBOX_PORT), '--seats', String(seats), '--latency-ms', String(LATENCY_MS),
    '--rate-limit', '100000', '--tokens-out', tokensFile, '--tls',
  ], 'listening on');
  try {
    return await body(JSON.parse(readFileSync(tokensFile, 'utf8')).owner_classic);
  } finally {
    sandbox.kill();
    await new Promise((resolve) => sandbox.once('exit', resolve));
  }
}

async function connect(page, token, dist) {
  await page.goto(`${appUrl(dist)}/?host=custom&api=${encodeURIComponent(`https://127.0.0.1:${SANDBOX_PORT}`)}&org=acme&load=page`);
  await page.getByLabel('Token', { exact: true }).fill(token);
  await page.getByRole('button', { name: 'Connect' }).click();
  await page.getByTestId('page-position').waitFor();
  // The billing summary on screen, as a person sees it before pressing "Load all seats": its seat count
  // lets the app send the first round of pages with page 1.
  await page.getByTestId('seats-total').waitFor();
}

/** Milliseconds of CPU time the page's main thread used (Chromium's own ThreadTime: scripts and wasm,
 * style, layout, paint) while `body` ran: what the app's work costs, whatever else the machine was doing
 * meanwhile (its TaskDuration, wall-clock time, grows when the machine is busy). */
async function mainThreadMs(page, body) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const busy = async () => (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'ThreadTime').value;
  const before = await busy();
  const result = await body();
  const ms = Math.round((await busy() - before) * 1000);
  await cdp.detach();
  return { result, ms };
}

async function loadAll(page, concurrency) {
  await page.getByLabel('Requests at once').selectOption(String(concurrency));
  // Timed in the page, from the click event to the frame after the "All N seats loaded" line appeared: the
  // time a person waits. Timing around Playwright's click and wait would add its own polling (hundreds of
  // milliseconds on 2 cores) to both figures and distort their ratio.
  await page.evaluate(() => {
    const button = [...document.querySelectorAll('button')].find((b) => b.textContent.trim() === 'Load all seats');
    window.benchLoad = new Promise((resolve) => {
      button.addEventListener('click', () => {
        const clicked = performance.now();
        const observer = new MutationObserver(() => {
          if (!document.querySelector('[data-testid=all-loaded]')) return;
          observer.disconnect();
          requestAnimationFrame(() => resolve(performance.now() - clicked));
        });
        observer.observe(document.body, { childList: true, subtree: true });
      }, { capture: true, once: true });
    });
  });
  await page.getByRole('button', { name: 'Load all seats' }).click();
  await page.getByTestId('all-loaded').waitFor({ timeout: 600_000 });
  return Math.round(await page.evaluate(() => window.benchLoad));
}

/** The browser's own floor for the same load, without the app: plain `fetch` in the page, `concurrency`
 * requests at once from the start (the page count known, as the app knows it from the billing summary;
 * each request reads and parses its body, then takes the next page), same URLs and headers.
 * What the app takes beyond this is the app's; what this takes beyond the lower bound is the browser's and
 * the machine's (TLS, HTTP/2 framing, the CORS preflight of every new URL). */
async function browserFloor(page, token, pages, concurrency) {
  return Math.round(await page.evaluate(async ({ api, token, pages, concurrency }) => {
    const headers = { authorization: `Bearer ${token}`, accept: 'application/vnd.github+json' };
    const read = async (n) => {
      const response = await fetch(`${api}/orgs/acme/copilot/billing/seats?page=${n}&per_page=100`, { headers, cache: 'no-cache' });
      if (!response.ok) throw new Error(`page ${n}: ${response.status}`);
      return JSON.parse(await response.text());
    };
    const started = performance.now();
    let next = 1;
    const worker = async () => { while (next <= pages) { await read(next++); } };
    await Promise.all(Array.from({ length: concurrency }, worker));
    return performance.now() - started;
  }, { api: `https://127.0.0.1:${SANDBOX_PORT}`, token, pages, concurrency }));
}

/** Milliseconds from `act` (run in the page) to the frame after `watched` (the grid's table unless said)
 * changed; null if nothing changed within 5 s (counted and reported, never silently dropped). */
async function timeInPage(page, act, watched = '.seat-grid table') {
  return page.evaluate(async ([actSource, watchedSelector]) => {
    const target = document.querySelector(watchedSelector);
    if (!target) return null;
    const changed = new Promise((resolve) => {
      const observer = new MutationObserver(() => { observer.disconnect(); resolve(true); });
      observer.observe(target, { childList: true, subtree: true, characterData: true, attributes: true });
      setTimeout(() => { observer.disconnect(); resolve(false); }, 5000);
    });
    const started = performance.now();
    // eslint-disable-next-line no-new-func
    new Function(actSource)();
    if (!(await changed)) return null;
    await new Promise((resolve) => requestAnimationFrame(() => resolve()));
    return performance.now() - started;
  }, [act, watched]);
}

/** A pause longer than the search box's debounce window, so each try is one keystroke, not a burst. */
const pause = (page) => page.waitForTimeout(200);

function stats(all) {
  const samples = all.filter((x) => x !== null);
  if (samples.length === 0) return { median_ms: null, p95_ms: null, tries: all.length, no_change: all.length };
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
  return { median_ms: round(at(0.5)), p95_ms: round(at(0.95)), tries: all.length, no_change: all.length - samples.length };
}

const round = (x) => Math.round(x * 10) / 10;

/** The middle sample (the mean of the two middle ones for an even count). */
function median(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  const half = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[half] : Math.round((sorted[half - 1] + sorted[half]) / 2);
}

/** The interactions, each try made on every site in turn (A, B, A, B...): `sites` is [[dist, page]...]. */
async function interactions(sites) {
  const figures = Object.fromEntries(sites.map(([dist]) => [dist, {
    search: [], sort: [], status_filter: [], threshold_to_charts: [], dashboard_bar_to_charts: [],
  }]));
  const tries = async (figure, act, watched) => {
    for (let i = 0; i < TRIES; i++) {
      for (const [dist, page] of sites) {
        // Only the page in front draws frames.
        if (sites.length > 1) await page.bringToFront();
        await pause(page);
        figures[dist][figure].push(await timeInPage(page, act(i), watched));
      }
    }
  };
  // One keystroke each: "a" into the empty box, then back to empty, so every try changes the rows.
  await tries('search', (i) => `const input = document.querySelector('.toolbar input[type=search]');
      input.value = ${JSON.stringify(i % 2 === 0 ? 'a' : '')}; input.dispatchEvent(new Event('input', { bubbles: true }));`);
  for (const [, page] of sites) await pause(page);
  await tries('sort', (i) => `[...document.querySelectorAll('button.sort')].find((b) => b.textContent.trim() === ${JSON.stringify(i % 2 === 0 ? 'Login' : 'Last activity')}).click();`);
  await tries('status_filter', () => `[...document.querySelectorAll('.statuses button.chip')].find((b) => b.textContent.trim() === 'Inactive').click();`);
  // The charts' own: the status chart follows the threshold; the activity chart follows a click on the
  // status chart's "Never used" bar (pressed, then lifted).
  await tries('threshold_to_charts', (i) => `[...document.querySelectorAll('fieldset.threshold button.chip')].find((b) => b.textContent.trim() === ${JSON.stringify(i % 2 === 0 ? '60' : '30')}).click();`,
    '[data-testid=chart-status] .bars');
  await tries('dashboard_bar_to_charts', () => `[...document.querySelectorAll('[data-testid=chart-status] button.bar')].find((b) => b.getAttribute('aria-label').startsWith('Never used:')).click();`,
    '[data-testid=chart-activity] .bars');
  return Object.fromEntries(Object.entries(figures).map(([dist, all]) => [dist,
    Object.fromEntries(Object.entries(all).map(([figure, samples]) => [figure, stats(samples)]))]));
}

/** The grid scrolled from top to bottom, one step a frame, on every site in turn, a tenth of the way at a
 * time (so that each site's frames are spread over the same stretch of the run). */
async function scrollFrames(sites) {
  const all = Object.fromEntries(sites.map(([dist]) => [dist, { frames: 0, dropped: 0, rows_in_dom: 0 }]));
  for (const [, page] of sites) await page.evaluate(() => { document.querySelector('.table-viewport').scrollTop = 0; });
  const TENTHS = 10;
  for (let tenth = 1; tenth <= TENTHS; tenth++) {
    for (const [dist, page] of sites) {
      if (sites.length > 1) await page.bringToFront();
      const part = await page.evaluate(async (until) => {
        const viewport = document.querySelector('.table-viewport');
        const end = (viewport.scrollHeight - viewport.clientHeight) * until;
        const frames = [];
        await new Promise((resolve) => requestAnimationFrame(() => resolve()));
        let last = performance.now();
        const step = viewport.clientHeight;
        while (viewport.scrollTop < end - 1) {
          const before = viewport.scrollTop;
          viewport.scrollTop = Math.min(end, viewport.scrollTop + step);
          if (viewport.scrollTop <= before) break; // at the bottom already
          await new Promise((resolve) => requestAnimationFrame(() => resolve()));
          const now = performance.now();
          frames.push(now - last);
          last = now;
        }
        const dropped = frames.filter((ms) => ms > 1.5 * (1000 / 60)).length;
        return { frames: frames.length, dropped, rows_in_dom: document.querySelectorAll('.seat-grid tbody tr[data-login]').length };
      }, tenth / TENTHS);
      all[dist].frames += part.frames;
      all[dist].dropped += part.dropped;
      all[dist].rows_in_dom = Math.max(all[dist].rows_in_dom, part.rows_in_dom);
    }
  }
  return all;
}

async function memory(page) {
  return page.evaluate(() => {
    const js = performance.memory ? performance.memory.usedJSHeapSize : 0;
    const wasm = window.wasmBindings && window.wasmBindings.wasm_memory_bytes ? window.wasmBindings.wasm_memory_bytes() : 0;
    return { js_heap_bytes: js, wasm_memory_bytes: wasm, total_bytes: js + wasm };
  });
}

/** The files of the first load: the page and everything it names (stylesheets, the app's starter, script
 * and wasm) and its scripts import. Left out, and reported on their own: the chunks (scripts/build-app.mjs),
 * fetched when the person first touches the connect form, and the demo's worker, fetched only when someone
 * picks the demo. `firstLoadRequests` checks that the browser asks for nothing else before that touch. */
function transfer(dist) {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  // Relative names only (the page's own files), with or without "./".
  const named = [...html.matchAll(/(?:href=|src=)["'](?:\.\/)?([^"':/][^"':]*)["']/g)].map((m) => m[1]);
  // And what the page's scripts import, as the browser follows it (the app's script imports the chunks'
  // loader).
  const imported = named.filter((name) => name.endsWith('.js')).flatMap((name) =>
    [...readFileSync(join(dist, name), 'utf8').matchAll(/(?:^|\n)\s*import\b[^'"]*["']\.\/([^"']+)["']/g)].map((m) => m[1]));
  const files = ['index.html', ...new Set([...named, ...imported])];
  // Each file read once: its size raw, with gzip -9, and with brotli at its highest quality (as
  // scripts/precompress.mjs writes the .br copies).
  const sizesOf = (name) => {
    const bytes = readFileSync(join(dist, name));
    return {
      raw_bytes: bytes.length,
      gzip_bytes: gzipSync(bytes, { level: 9 }).length,
      brotli_bytes: brotliCompressSync(bytes, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11 } }).length,
    };
  };
  const total = (sizes, key) => sizes.reduce((sum, size) => sum + size[key], 0);
  const firstLoad = files.map(sizesOf);
  const per_file = Object.fromEntries(files.map((name, at) => [name, { raw_bytes: firstLoad[at].raw_bytes, gzip_bytes: firstLoad[at].gzip_bytes }]));
  // Not the precompressed copies beside them (scripts/precompress.mjs): they are the same files again.
  const plain = readdirSync(dist).filter((name) => !/\.(gz|br)$/.test(name));
  const worker = plain.filter((name) => name.startsWith('demo-worker'));
  const chunks = plain.filter((name) => /-split_.*\.wasm$/.test(name));
  const chunkSizes = chunks.map(sizesOf);
  return {
    files, per_file,
    raw_bytes: total(firstLoad, 'raw_bytes'), gzip_bytes: total(firstLoad, 'gzip_bytes'), brotli_bytes: total(firstLoad, 'brotli_bytes'),
    chunk_files: chunks, chunk_gzip_bytes: total(chunkSizes, 'gzip_bytes'), chunk_brotli_bytes: total(chunkSizes, 'brotli_bytes'),
    demo_worker_files: worker, demo_worker_gzip_bytes: total(worker.map(sizesOf), 'gzip_bytes'),
  };
}

/** What the browser fetched from the site while opening the page, up to the connect form (before any
 * touch), as names within the site: every one must be a file `transfer()` counts, or its figure is not true. */
async function firstLoadRequests(browser, dist) {
  const page = await browser.newPage();
  const site = `${appUrl(dist)}/`;
  const fetched = new Set();
  page.on('request', (request) => {
    const url = request.url();
    if (url.startsWith(site)) fetched.add(new URL(url).pathname.slice(new URL(site).pathname.length) || 'index.html');
  });
  await page.goto(site);
  await page.getByRole('heading', { name: 'Connect to GitHub' }).waitFor();
  await page.waitForTimeout(1000);
  await page.close();
  return [...fetched];
}

function criterion() {
  const results = {};
  const root = 'target/criterion';
  // Only what this `make bench` measured (scripts/bench.sh marks its start): a benchmark renamed or moved
  // leaves its old results behind.
  const marker = 'target/bench/native-started';
  const since = existsSync(marker) ? statSync(marker).mtimeMs : 0;
  const walk = (dir) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (name === 'new' && statSync(path).isDirectory()) {
        if (statSync(join(path, 'estimates.json')).mtimeMs < since) continue;
        const estimates = JSON.parse(readFileSync(join(path, 'estimates.json'), 'utf8'));
        const benchmark = JSON.parse(readFileSync(join(path, 'benchmark.json'), 'utf8'));
        results[benchmark.full_id] = round(estimates.mean.point_estimate / 1e6);
      } else if (statSync(path).isDirectory() && name !== 'report') {
        walk(path);
      }
    }
  };
  try { walk(root); } catch { /* no criterion results: reported as empty */ }
  return results;
}

async function main() {
  mkdirSync('target/bench', { recursive: true });
  let root = DISTS[0];
  if (DISTS.length > 1) {
    root = 'target/bench/sites';
    rmSync(root, { recursive: true, force: true });
    mkdirSync(root, { recursive: true });
    DISTS.forEach((dist, at) => symlinkSync(resolve(dist), join(root, String(at))));
  }
  const server = await start('node', ['tests/e2e/serve-dist.mjs', root, String(APP_PORT)], 'serving');
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run', '--enable-precise-memory-info'],
  });
  const results = {
    date: new Date().toISOString(),
    machine: { cores: cpus().length, cpu: cpus()[0]?.model ?? 'unknown' },
    latency_ms: LATENCY_MS,
    parts: ALL_PARTS.filter((part) => PARTS.has(part)),
    sites: Object.fromEntries(DISTS.map((dist) => [dist, { loading: [] }])),
  };
  const largest = Math.max(...SIZES);
  const atLargest = ['interactions', 'scroll', 'memory'].filter((part) => PARTS.has(part));
  try {
    if (PARTS.has('transfer')) {
      for (const dist of DISTS) results.sites[dist].first_load_requests = await firstLoadRequests(browser, dist);
    }
    for (const seats of SIZES) {
      const pages = Math.ceil(seats / 100);
      // Loads that fit in one budget minute take seconds and vary by tens of milliseconds from run to run on
      // a shared machine: each is repeated and the median reported (every sample goes to results.json).
      const repeats = pages <= 900 ? REPEATS : 1;
      const samples = Object.fromEntries(DISTS.map((dist) => [dist, { 1: [], 10: [] }]));
      const busySamples = Object.fromEntries(DISTS.map((dist) => [dist, []]));
      for (const concurrency of [1, 10]) {
        const timed = PARTS.has(concurrency === 1 ? 'sequential' : 'concurrent');
        const interactedWith = concurrency === 10 && seats === largest && atLargest.length > 0;
        if (!timed && !interactedWith) continue;
        for (let run = 0; run < (timed ? repeats : 1); run++) {
          // The pages interacted with stay open until every site is loaded, then take turns.
          const kept = [];
          for (const dist of DISTS) {
            const site = results.sites[dist];
            const ms = await withSandbox(seats, async (token) => {
              // The sandbox's certificate is made fresh at each start; this browser trusts it for the run.
              const context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, ignoreHTTPSErrors: true });
              const page = await context.newPage();
              await connect(page, token, dist);
              const { result: loaded, ms: busy } = await mainThreadMs(page, () => loadAll(page, concurrency));
              if (timed && concurrency === 10) busySamples[dist].push(busy);
              if (interactedWith && run === 0) {
                site.largest_seats = seats;
                if (PARTS.has('memory')) site.memory_100k = await memory(page);
                kept.push([dist, page]);
              } else {
                await context.close();
              }
              return loaded;
            });
            if (timed) samples[dist][concurrency].push(ms);
          }
          if (kept.length > 0) {
            if (PARTS.has('interactions')) {
              const figures = await interactions(kept);
              for (const [dist] of kept) results.sites[dist].interactions_100k = figures[dist];
            }
            if (PARTS.has('scroll')) {
              const frames = await scrollFrames(kept);
              for (const [dist] of kept) results.sites[dist].scroll_100k = frames[dist];
            }
            for (const [, page] of kept) await page.context().close();
          }
        }
      }
      // The floor only where the budget does not dominate (100,000 seats wait out the per-minute budget).
      // It has no app in it: measured once per run, from the first site's page.
      const floorSamples = [];
      for (let run = 0; PARTS.has('floor') && pages <= 900 && run < repeats; run++) floorSamples.push(await withSandbox(seats, async (token) => {
        const context = await browser.newContext({ ignoreHTTPSErrors: true });
        const page = await context.newPage();
        await page.goto(`${appUrl(DISTS[0])}/`);
        const ms = await browserFloor(page, token, pages, 10);
        await context.close();
        return ms;
      }));
      const floor = floorSamples.length ? median(floorSamples) : null;
      const bound = lowerBoundMs(pages);
      for (const dist of DISTS) {
        const [sequential, concurrent] = [samples[dist][1], samples[dist][10]].map((all) => (all.length ? median(all) : null));
        if (sequential === null && concurrent === null && floor === null) continue;
        results.sites[dist].loading.push({
          seats, pages, runs: repeats,
          samples_ms: { sequential: samples[dist][1], concurrent: samples[dist][10], browser_floor: floorSamples, concurrent_main_thread: busySamples[dist] },
          sequential_ms: sequential, concurrent_ms: concurrent,
          concurrent_main_thread_ms: busySamples[dist].length ? median(busySamples[dist]) : null,
          speedup: sequential !== null && concurrent !== null ? round(sequential / concurrent) : null,
          lower_bound_ms: bound,
          browser_floor_ms: floor,
          floor_ratio_to_bound: floor === null ? null : Math.round((floor / bound) * 100) / 100,
          ratio_to_bound: concurrent === null ? null : Math.round((concurrent / bound) * 100) / 100,
        });
      }
    }
  } finally {
    await browser.close();
    server.kill();
  }
  for (const dist of DISTS) {
    if (!PARTS.has('transfer')) continue;
    const transferred = transfer(dist);
    // The browser's own list of what it fetched to show the connect form, against the files counted.
    const uncounted = results.sites[dist].first_load_requests.filter((name) => !transferred.files.includes(name));
    if (uncounted.length) throw new Error(`${dist}: the first load fetched files the transfer figure does not count: ${uncounted.join(', ')}`);
    results.sites[dist].transfer = transferred;
  }
  if (PARTS.has('native')) results.native_100k_ms = criterion();
  writeFileSync('target/bench/results.json', JSON.stringify(results, null, 2));
  const table = render(results);
  console.log(table);
  // The README's table is the whole benchmark of the one site built: not a part, nor a comparison.
  if (DISTS.length === 1 && DISTS[0] === 'dist' && PARTS.size === ALL_PARTS.length) updateReadme(table);
}

/** One site's figures, as [figure, value] rows in table order. */
function rowsOf(site, native) {
  const rows = [];
  const at = (site.largest_seats ?? 100000).toLocaleString('en');
  for (const l of site.loading) {
    const runs = l.runs > 1 ? `, median of ${l.runs} runs` : '';
    if (l.sequential_ms !== null) {
      rows.push([`load ${l.seats.toLocaleString('en')} seats (${l.pages} pages), concurrency 1${runs}`, `${(l.sequential_ms / 1000).toFixed(1)} s`]);
    }
    if (l.concurrent_ms !== null) {
      const faster = l.speedup === null ? '' : `${l.speedup}x faster; `;
      rows.push([`load ${l.seats.toLocaleString('en')} seats, concurrency 10${runs}`, `${(l.concurrent_ms / 1000).toFixed(2)} s (${faster}${l.ratio_to_bound}x the lower bound of ${(l.lower_bound_ms / 1000).toFixed(1)} s)`]);
      if (l.concurrent_main_thread_ms !== null) {
        rows.push([`CPU time of the page's main thread during that load${runs}`, `${(l.concurrent_main_thread_ms / 1000).toFixed(2)} s`]);
      }
    }
    if (l.browser_floor_ms !== null) {
      rows.push([`same pages by plain \`fetch\` in the page, 10 at once from the start, no app${runs}`, `${(l.browser_floor_ms / 1000).toFixed(2)} s (${l.floor_ratio_to_bound}x the lower bound): the browser's and machine's floor`]);
    }
  }
  const painted = {
    search: 'search', sort: 'sort', status_filter: 'status filter',
    threshold_to_charts: 'threshold preset', dashboard_bar_to_charts: 'dashboard bar click',
  };
  for (const [name, s] of Object.entries(site.interactions_100k ?? {})) {
    const misses = s.no_change ? `; ${s.no_change} tries changed nothing within 5 s` : '';
    const to = name.endsWith('_to_charts') ? "the dashboard's bars painted" : 'rows painted';
    rows.push([`${painted[name] ?? name} at ${at} seats, to ${to}`, `median ${s.median_ms} ms, p95 ${s.p95_ms} ms (${s.tries} tries${misses})`]);
  }
  if (site.scroll_100k) {
    rows.push([`scroll top to bottom at ${at} seats`, `${site.scroll_100k.dropped} of ${site.scroll_100k.frames} frames dropped; ${site.scroll_100k.rows_in_dom} rows in the DOM`]);
  }
  if (site.memory_100k) {
    const mb = (b) => (b / 1048576).toFixed(1);
    rows.push([`memory after loading ${at} seats`, `${mb(site.memory_100k.total_bytes)} MiB (JS heap ${mb(site.memory_100k.js_heap_bytes)}, wasm ${mb(site.memory_100k.wasm_memory_bytes)})`]);
  }
  if (site.transfer) {
    rows.push(['first-load transfer (HTML + JS + WASM + CSS), to the connect form', `${(site.transfer.raw_bytes / 1024).toFixed(1)} KiB raw, ${(site.transfer.gzip_bytes / 1024).toFixed(1)} KiB gzip, ${(site.transfer.brotli_bytes / 1024).toFixed(1)} KiB brotli (${site.transfer.files.length} files)`]);
    const chunkFiles = site.transfer.chunk_files.length;
    rows.push([`the seat views' chunk (${chunkFiles} file${chunkFiles === 1 ? '' : 's'}), fetched when the connect form is first touched`, `${(site.transfer.chunk_gzip_bytes / 1024).toFixed(1)} KiB gzip, ${(site.transfer.chunk_brotli_bytes / 1024).toFixed(1)} KiB brotli`]);
    rows.push(["the demo's worker, fetched only for the demo", `${(site.transfer.demo_worker_gzip_bytes / 1024).toFixed(1)} KiB gzip`]);
  }
  for (const [name, ms] of Object.entries(native ?? {})) rows.push([`native ${name}`, `${ms} ms`]);
  return rows;
}

function render(r) {
  const lines = [];
  lines.push(`Measured ${r.date.slice(0, 10)} on ${r.machine.cores} cores (${r.machine.cpu}), sandbox latency ${r.latency_ms} ms, headless Chromium.`);
  lines.push('');
  const dists = Object.keys(r.sites);
  // With several sites, one column each, the rows in the first site's order (native figures once, at the end).
  const perSite = dists.map((dist) => new Map(rowsOf(r.sites[dist], null)));
  const figures = [...new Set(perSite.flatMap((rows) => [...rows.keys()]))];
  if (dists.length === 1) {
    lines.push('| figure | value |');
    lines.push('| --- | --- |');
  } else {
    lines.push(`| figure | ${dists.join(' | ')} |`);
    lines.push(`| --- |${' --- |'.repeat(dists.length)}`);
  }
  for (const figure of figures) lines.push(`| ${figure} | ${perSite.map((rows) => rows.get(figure) ?? '').join(' | ')} |`);
  for (const [figure, value] of rowsOf({ loading: [] }, r.native_100k_ms)) {
    lines.push(`| ${figure} | ${dists.map(() => value).join(' | ')} |`);
  }
  return lines.join('\n');
}

function updateReadme(table) {
  const readme = readFileSync('README.md', 'utf8');
  const start = '<!-- bench:start -->';
  const end = '<!-- bench:end -->';
  const from = readme.indexOf(start);
  const to = readme.indexOf(end);
  if (from < 0 || to < from) return;
  writeFileSync('README.md', `${readme.slice(0, from + start.length)}\n${table}\n${readme.slice(to)}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
