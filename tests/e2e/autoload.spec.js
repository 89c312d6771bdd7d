// Every seat is read on connect when there are up to 10,000 (`plan::on_connect`), and the grid, its
// counts and its costs fill in as the pages arrive, each figure saying it covers the seats so far.
import { test, expect } from '@playwright/test';
import { SANDBOX, connect, countIn, resetSandbox, screenshot, tokens } from './helpers.js';

test.beforeEach(async ({ request }) => {
  await resetSandbox(request);
  // Slow answers, so that the load lasts a few seconds and its partial states can be seen.
  const slow = await request.post(`${SANDBOX}/_sandbox/faults`, { data: { latency_ms: 900 } });
  expect(slow.ok()).toBeTruthy();
});

test.afterEach(async ({ request }) => {
  await request.post(`${SANDBOX}/_sandbox/faults`, { data: { latency_ms: 0 } });
});

/** Records every text the coverage note above the grid shows, and the "Active" count beside it. */
async function recordCoverage(page) {
  await page.addInitScript(() => {
    window.__coverageSeen = [];
    new MutationObserver(() => {
      const note = document.querySelector('[data-testid="coverage"]');
      const active = document.querySelector('[data-testid="count-active"]');
      const seen = `${note?.textContent ?? ''} | ${active?.textContent ?? ''}`;
      if (note && window.__coverageSeen.at(-1) !== seen) window.__coverageSeen.push(seen);
    }).observe(document, { subtree: true, childList: true, characterData: true });
  });
}

test('an organization of 2,000 seats is read whole on connect, its figures filling in as pages arrive', async ({ page }) => {
  test.setTimeout(90_000);
  await recordCoverage(page);
  await connect(page, { token: tokens().owner_classic, everySeat: true });
  // No button pressed: the load starts by itself, with its progress and Stop.
  await expect(page.getByRole('button', { name: 'Stop' })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('status').filter({ hasText: /of \d+ pages/ })).toBeVisible();
  await expect(page.getByTestId('coverage')).toContainText('loaded so far, of 2,000 seats: the rest are loading', { timeout: 30_000 });
  await page.setViewportSize({ width: 390, height: 900 });
  await screenshot(page, 'autoload-so-far-390');
  await expect(page.getByTestId('all-loaded')).toContainText('All 2,000 seats loaded', { timeout: 60_000 });
  await expect(page.getByTestId('coverage')).toHaveText('These figures cover every seat of the organization: all 2,000 seats loaded.');
  await page.setViewportSize({ width: 1366, height: 900 });
  await screenshot(page, 'autoload-all-1366');

  // The figures grew page by page: more than page 1's 50 seats and fewer than all of them were shown,
  // each named as "so far", and the count beside them grew with them.
  const seen = await page.evaluate(() => window.__coverageSeen);
  const soFar = seen
    .map((text) => text.match(/cover the ([\d,]+) seats loaded so far, of 2,000 seats.* \| ([\d,]+)$/))
    .filter(Boolean)
    .map(([, loaded, active]) => [countIn(loaded), countIn(active)]);
  const between = soFar.filter(([loaded]) => loaded > 50 && loaded < 2000);
  expect(between.length, seen.join('\n')).toBeGreaterThan(0);
  const actives = soFar.map(([, active]) => active);
  expect([...actives].sort((a, b) => a - b), 'the count only grows').toEqual(actives);
});

test('Stop during the load on connect keeps the seats so far, says what they cover, and offers the rest', async ({ page }) => {
  test.setTimeout(90_000);
  await connect(page, { token: tokens().owner_classic, everySeat: true });
  // Past the first page's 50 seats: the pages of the load itself are on screen.
  await expect(page.getByTestId('coverage')).toContainText(/cover the (?:[1-9]\d{2}|1,\d{3}) seats loaded so far/, { timeout: 30_000 });
  await page.getByRole('button', { name: 'Stop' }).click();
  const note = page.getByTestId('coverage');
  await expect(note).toContainText(/These figures cover only the [\d,]+ seats loaded, of 2,000 seats: press .Load all seats./);
  const loaded = countIn((await note.textContent()).match(/only the ([\d,]+) seats/)[1]);
  expect(loaded).toBeGreaterThan(50);
  expect(loaded).toBeLessThan(2000);
  await expect(page.getByRole('button', { name: 'Load all seats' })).toBeVisible();
  await screenshot(page, 'autoload-stopped');
});

test('an enterprise is read whole on connect and its breakdown says so', async ({ page }) => {
  test.setTimeout(90_000);
  await connect(page, { token: tokens().owner_classic, enterprise: 'acme-corp', everySeat: true });
  await expect(page.getByTestId('all-loaded')).toContainText(/All [\d,]+ seats loaded/, { timeout: 60_000 });
  await expect(page.getByTestId('enterprise-coverage')).toContainText('every seat of the enterprise');
});

test('a link that says load=page shows the first page alone, with "Load all seats" offered', async ({ page }) => {
  await connect(page, { token: tokens().owner_classic });
  await expect(page.getByTestId('page-position')).toHaveText('Page 1 of 40', { timeout: 30_000 });
  await expect(page.getByRole('button', { name: 'Load all seats' })).toBeVisible();
  await expect(page.getByTestId('coverage')).toContainText('cover only the 50 seats loaded, of 2,000 seats');
});

test('past 10,000 seats only the first page is read on connect, and its figures say so', async ({ page }) => {
  test.setTimeout(60_000);
  // The sandbox's acme has 2,000 seats; its first page is made to say 12,000, as a big organization's
  // would, so that the decision (`plan::on_connect`) is the app's reading of what GitHub said.
  await page.route('**/orgs/acme/copilot/billing/seats?*', async (route) => {
    const response = await route.fetch();
    const body = await response.json();
    await route.fulfill({ response, json: { ...body, total_seats: 12_000 } });
  });
  const seatRequests = [];
  page.on('request', (request) => { if (request.url().includes('/copilot/billing/seats')) seatRequests.push(request.url()); });
  await connect(page, { token: tokens().owner_classic, everySeat: true });
  await expect(page.getByTestId('coverage')).toContainText(/cover only the 50 seats loaded, of 12,?000 seats: press .Load all seats./, { timeout: 30_000 });
  await expect(page.getByRole('button', { name: 'Load all seats' })).toBeVisible();
  // Two answer times of the sandbox (900 ms each) later, still nothing but page 1 was asked for.
  await page.waitForTimeout(2_000);
  await expect(page.getByRole('button', { name: 'Stop' })).toHaveCount(0);
  expect(seatRequests.filter((url) => new URL(url).searchParams.get('page') !== '1'), seatRequests.join('\n')).toEqual([]);
});

test('a load of more pages than half the hour\'s requests asks first, saying how many and how long', async ({ page }) => {
  test.setTimeout(60_000);
  // As Prism's dynamic mode answered from GitHub's own description: a first page claiming 23,790,100 seats.
  await page.route('**/orgs/acme/copilot/billing/seats?*', async (route) => {
    const response = await route.fetch();
    const body = await response.json();
    await route.fulfill({ response, json: { ...body, total_seats: 23_790_100 } });
  });
  const laterPages = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.pathname.endsWith('/copilot/billing/seats') && url.searchParams.get('page') !== '1') laterPages.push(request.url());
  });
  await connect(page, { token: tokens().owner_classic });
  await expect(page.getByTestId('coverage')).toContainText(/of 23,?790,?100 seats/, { timeout: 30_000 });
  await page.getByRole('button', { name: 'Load all seats' }).click();
  const ask = page.getByTestId('big-load');
  await expect(ask).toContainText(/GitHub says there are 23,?790,?100 seats\. Reading every one takes 237,?901 requests: more than the 5,?000 GitHub allows a token in an hour, so it takes at least 48 hours/);
  await page.setViewportSize({ width: 390, height: 900 });
  await screenshot(page, 'big-load-ask-390');
  expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
  await ask.getByRole('button', { name: 'Cancel' }).click();
  await expect(ask).toHaveCount(0);
  expect(laterPages).toEqual([]);

  await page.getByRole('button', { name: 'Load all seats' }).click();
  await ask.getByRole('button', { name: 'Read them all' }).click();
  await expect(page.getByRole('button', { name: 'Stop' })).toBeVisible();
  await expect.poll(() => laterPages.length, { timeout: 10_000 }).toBeGreaterThan(0);
  await page.getByRole('button', { name: 'Stop' }).click();
  await page.unrouteAll({ behavior: 'ignoreErrors' });
});
