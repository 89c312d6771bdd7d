// GitHub's rate limits as a person meets them: a 429 secondary limit without `retry-after` (a minute, then
// twice as long while it repeats), a 429 primary limit (until its reset), and a job of writes that passes
// the hourly budget of content-creating requests. The waits are a minute and an hour long: the page's clock
// (Playwright's `page.clock`, which drives the app's `Date.now` and `setTimeout`) is moved forward instead
// of waiting them out, while the sandbox keeps real time.
import { test, expect } from '@playwright/test';
import { SANDBOX, connect, resetSandbox, screenshot, tokens } from './helpers.js';

// The page's own work, not a wait: generous, for a loaded two-core machine.
const SLOW = 20_000;
const SCREENS = `${process.env.E2E_OUTPUT ?? 'test-results'}/screens`;

async function faults(request, settings) {
  const response = await request.post(`${SANDBOX}/_sandbox/faults`, { data: settings });
  expect(response.ok(), await response.text()).toBeTruthy();
}

/** Connects with the page's clock under the test's control, and waits for the first page of seats. */
async function connectWithClock(page) {
  await page.clock.install();
  await connect(page, { token: tokens().owner_classic });
  await expect(page.getByTestId('seats-total')).toHaveText('2,000', { timeout: 30_000 });
}

function loadStatus(page) {
  return page.getByRole('region', { name: 'Loading seats' }).getByRole('status');
}

test.beforeEach(async ({ request }) => resetSandbox(request));
test.afterEach(async ({ request }) => resetSandbox(request));

test('a 429 secondary limit without retry-after shows a wait of 60 s, then 2 min while it repeats, then the load completes', async ({ page, request }) => {
  test.setTimeout(120_000);
  await connectWithClock(page);
  await faults(request, { secondary_rate: 1, limit_status: 429, secondary_retry_after: false });
  const refusals = [];
  let inFlight = 0;
  const isSeatPage = (r) => r.url().startsWith(SANDBOX) && r.url().includes('/copilot/billing/seats') && r.method() === 'GET';
  page.on('request', (r) => { if (isSeatPage(r)) inFlight += 1; });
  page.on('requestfinished', (r) => { if (isSeatPage(r)) inFlight -= 1; });
  page.on('requestfailed', (r) => { if (isSeatPage(r)) inFlight -= 1; });
  page.on('response', (r) => {
    if (r.url().startsWith(SANDBOX) && r.url().includes('/copilot/billing/seats')) refusals.push(r.status());
  });
  await page.getByRole('button', { name: 'Load all seats' }).click();

  const status = loadStatus(page);
  await expect(status).toContainText('GitHub asked to slow down (secondary rate limit) without saying for how long: waiting 60 s, as GitHub advises, before the next request', { timeout: SLOW });
  expect(refusals.length).toBeGreaterThan(0);
  expect(refusals.every((code) => code === 429)).toBeTruthy();
  await screenshot(page, 'limit-secondary-1366');
  await page.setViewportSize({ width: 390, height: 844 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await status.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SCREENS}/limit-secondary-390.png` });
  await page.setViewportSize({ width: 1366, height: 900 });

  // Nothing goes out during the wait; then the limit is met again: twice as long.
  const before = refusals.length;
  await page.clock.fastForward(30_000);
  await expect(status).toContainText(/\(\d\d s left\)/, { timeout: SLOW });
  expect(refusals.length).toBe(before);
  await page.clock.fastForward(31_000);
  await expect(status).toContainText('GitHub asked to slow down again (secondary rate limit, the 2nd time in a row, without saying for how long): waiting 2 min, twice the last wait', { timeout: SLOW });
  expect(refusals.length).toBeGreaterThan(before);

  // GitHub lets go; after the two minutes every seat comes in. Requests already answered 429 but not yet
  // read (several go out when a wait ends) would rightly start the wait again when they arrive, so the
  // clock jumps only once none is in flight.
  await expect.poll(() => inFlight, { timeout: SLOW }).toBe(0);
  await faults(request, { secondary_rate: 0 });
  await page.clock.fastForward(121_000);
  await expect(page.getByTestId('all-loaded')).toContainText('All 2,000 seats loaded', { timeout: 60_000 });
});

test('a 429 primary limit shows when the hourly limit resets, then the load completes', async ({ page, request }) => {
  test.setTimeout(120_000);
  await connectWithClock(page);
  // No request left this hour: every API request is refused with 429 and `x-ratelimit-remaining: 0`.
  await faults(request, { rate_limit: 0, limit_status: 429 });
  const statuses = [];
  page.on('response', (r) => { if (r.url().startsWith(SANDBOX) && r.url().includes('/copilot/')) statuses.push(r.status()); });
  await page.getByRole('button', { name: 'Load all seats' }).click();

  const status = loadStatus(page);
  await expect(status).toContainText("GitHub's hourly rate limit for this token is used up: waiting until it resets, at ", { timeout: SLOW });
  // The hour began with the first request after the reset, moments ago: about an hour is left.
  await expect(status).toContainText(/UTC, before the next request \((59 min( \d+ s)?|60 min|1 h)( left)?/);
  expect(statuses.length).toBeGreaterThan(0);
  expect(statuses.every((code) => code === 429)).toBeTruthy();
  await screenshot(page, 'limit-primary-1366');

  await faults(request, { rate_limit: 5000 });
  await page.clock.fastForward('01:00:05');
  await expect(page.getByTestId('all-loaded')).toContainText('All 2,000 seats loaded', { timeout: 60_000 });
});

test('reads held by the hourly limit on connect say so above the page, with the time left, and go on by themselves', async ({ page, request }) => {
  test.setTimeout(120_000);
  await page.clock.install();
  // The billing summary and the first page of seats are single reads, retried by the client on its own.
  await faults(request, { rate_limit: 0, limit_status: 429 });
  await connect(page, { token: tokens().owner_classic });
  const held = page.getByTestId('read-wait');
  await expect(held).toContainText('Reading is on hold, and will go on by itself.', { timeout: SLOW });
  await expect(held).toContainText("GitHub's hourly rate limit for this token is used up: waiting until it resets, at ");
  await expect(page.getByText('Reading the billing summary…')).toBeVisible();
  const before = await held.textContent();
  await page.clock.fastForward(5_000);
  await expect(held).not.toHaveText(before);
  for (const width of [390, 1366]) {
    await page.setViewportSize({ width, height: 900 });
    await screenshot(page, `limit-held-read-${width}`);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  }

  await faults(request, { rate_limit: 5000 });
  await page.clock.fastForward('01:00:05');
  await expect(page.getByRole('heading', { name: 'Copilot billing for acme' })).toBeVisible({ timeout: SLOW });
  await expect(page.getByTestId('seats-total')).toHaveText('2,000', { timeout: SLOW });
  await expect(held).toHaveCount(0);
});

test('a job past 500 requests an hour says, in its confirmation, how long it takes at least and that it paces itself', async ({ page }) => {
  test.setTimeout(120_000);
  const writes = [];
  page.on('request', (r) => { if (r.url().startsWith(SANDBOX) && ['POST', 'DELETE'].includes(r.method())) writes.push(r.url()); });
  await connect(page, { token: tokens().owner_classic });
  await page.getByRole('tab', { name: 'Manage seats' }).click();
  const form = page.getByRole('region', { name: "Revoke users' seats" });
  const revoke = form.getByRole('button', { name: "Revoke users' seats…" });
  const dialog = page.getByRole('dialog');

  // A small job: nothing about the hourly budget.
  await form.getByLabel('Usernames to revoke').fill('user-1\nuser-2\nuser-3');
  await revoke.click();
  await expect(dialog.getByText('Sent in 1 request of at most 50 names, one a second.')).toBeVisible();
  await expect(dialog.getByTestId('job-pace')).toHaveCount(0);
  await dialog.getByRole('button', { name: 'Cancel' }).click();

  // 501 requests of 50 names: the 501st must wait until the first is an hour old.
  const names = Array.from({ length: 501 * 50 }, (_, n) => `user-${n + 1}`);
  // Pasted at once, as a person pastes (Playwright's `fill` of 25,050 lines takes minutes).
  await form.getByLabel('Usernames to revoke').evaluate((element, text) => {
    element.value = text;
    element.dispatchEvent(new Event('input', { bubbles: true }));
  }, names.join('\n'));
  await expect(form.getByText('25,050 to send')).toBeVisible({ timeout: 30_000 });
  await revoke.click();
  const pace = dialog.getByTestId('job-pace');
  await expect(pace).toHaveText("This job sends 501 requests of up to 50 names: GitHub allows 500 content-creating requests an hour, so it will take at least 1 h. It paces itself, waiting when the hour's budget is spent and going on by itself: leave this tab open until it ends.", { timeout: 30_000 });
  await expect(dialog.getByText('Sent in 501 requests of at most 50 names, one a second.')).toBeVisible();
  // What the dialog shows (the page behind it is 25,050 names tall: a viewport shot, not a full page).
  await page.setViewportSize({ width: 390, height: 844 });
  await pace.scrollIntoViewIfNeeded();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.screenshot({ path: `${SCREENS}/job-pace-390.png` });
  await page.setViewportSize({ width: 1366, height: 900 });
  await pace.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SCREENS}/job-pace-1366.png` });
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  expect(writes).toEqual([]);
});
