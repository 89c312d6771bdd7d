// The read views against the sandbox server, found by role and label as a person would.
import { test, expect } from '@playwright/test';
import { openDemo } from './screens.js';
import { APP, SANDBOX, connect, countIn, grouped, resetSandbox, sandboxState, screenshot, tokens } from './helpers.js';

test.beforeEach(async ({ request }) => {
  await resetSandbox(request);
});

test('an owner connects and sees the billing summary and the first page of seats', async ({ page, request }) => {
  const state = await sandboxState(request);
  const acme = state.orgs.find((org) => org.login === 'acme');
  await connect(page, { token: tokens().owner_classic });
  await expect(page.getByRole('heading', { name: 'Copilot billing for acme' })).toBeVisible();
  await expect(page.getByTestId('seats-total')).toHaveText(grouped(acme.seats.length));
  await expect(page.getByTestId('page-position')).toHaveText('Page 1 of 40');
  await expect(page.locator('.seat-grid tbody tr[data-login]').first()).toBeVisible();
  expect(page.url()).not.toContain(tokens().owner_classic);
  await screenshot(page, 'organization');
});

test('a read-only fine-grained token can read the seats', async ({ page }) => {
  await connect(page, { token: tokens().readonly_fine_grained });
  await expect(page.getByRole('heading', { name: 'Copilot billing for acme' })).toBeVisible();
  await expect(page.getByTestId('page-position')).toBeVisible();
});

test('a plain member gets the 403 explanation', async ({ page }) => {
  await connect(page, { token: tokens().member_classic });
  await expect(page.getByRole('alert').first()).toContainText('Only an organization owner can do this');
  await screenshot(page, 'forbidden');
});

test('an owner token without scopes is told which scope it lacks', async ({ page }) => {
  await connect(page, { token: tokens().no_scope_classic });
  await expect(page.getByRole('alert').first()).toContainText('manage_billing:copilot or read:org');
  await expect(page.getByRole('alert').first()).toContainText('no scopes at all');
});

test('a wrong token gets the 401 explanation', async ({ page }) => {
  await connect(page, { token: 'ghp_thisIsNotAValidToken000000000000000' });
  await expect(page.getByRole('alert').first()).toContainText('GitHub did not accept this token (401)');
});

test('an unknown organization gets the 404 explanation', async ({ page }) => {
  await connect(page, { token: tokens().owner_classic, org: 'no-such-org' });
  await expect(page.getByRole('alert').first()).toContainText('The organization was not found (404)');
});

test('paging through server pages follows the Link header', async ({ page }) => {
  await connect(page, { token: tokens().owner_classic });
  await expect(page.getByTestId('page-position')).toHaveText('Page 1 of 40');
  const firstLogin = await page.locator('.seat-grid tbody tr[data-login]').first().getAttribute('data-login');
  await page.getByRole('button', { name: 'Next page' }).click();
  await expect(page.getByTestId('page-position')).toHaveText('Page 2 of 40');
  await expect(page).toHaveURL(/page=2/);
  await expect(page.locator('.seat-grid tbody tr[data-login]').first()).not.toHaveAttribute('data-login', firstLogin);
  await page.goBack();
  await expect(page.getByTestId('page-position')).toHaveText('Page 1 of 40');
});

test('changes made within one frame keep a history entry each, in order, though the address is written after it', async ({ page }) => {
  // The address bar is written after the frame that shows a change (a History API call costs milliseconds
  // at 100,000 seats); what waits for it must still make the history that writing at once would.
  await openDemo(page);
  const chip = (name) => page.locator('.toolbar .statuses').getByRole('button', { name, exact: true });
  const search = page.locator('.toolbar input[type=search]');
  await page.evaluate(() => {
    const input = document.querySelector('.toolbar input[type=search]');
    input.value = 'a';
    input.dispatchEvent(new Event('input', { bubbles: true }));
    const click = (label) => [...document.querySelectorAll('.statuses button.chip')].find((b) => b.textContent.trim() === label).click();
    click('Inactive');
    click('Never used');
  });
  await expect(chip('Never used')).toHaveAttribute('aria-pressed', 'true');
  await expect(page).toHaveURL(/never-used/);
  await page.goBack();
  await expect(chip('Never used')).toHaveAttribute('aria-pressed', 'false');
  await expect(chip('Inactive')).toHaveAttribute('aria-pressed', 'true');
  await expect(search).toHaveValue('a');
  await page.goBack();
  // The keystroke replaced the entry the page opened on: it is still there, without a status filter.
  await expect(chip('Inactive')).toHaveAttribute('aria-pressed', 'false');
  await expect(search).toHaveValue('a');
  await expect(page).toHaveURL(/[?&]q=a(&|$)/);
});

/** The page number of a request for a page of 100 seats (what "Load all seats" asks for), or null. */
function loadAllPage(url) {
  const parsed = new URL(url);
  if (!parsed.pathname.endsWith('/copilot/billing/seats') || parsed.searchParams.get('per_page') !== '100') return null;
  return Number(parsed.searchParams.get('page'));
}

/** "Load all seats" with every seat-page request and answer recorded, in the order the page saw them. */
async function loadAllRecorded(page) {
  const events = [];
  const record = (kind) => (message) => {
    const request = kind === 'sent' ? message : message.request();
    const number = loadAllPage(request.url());
    if (number !== null && request.method() === 'GET') events.push({ kind, page: number });
  };
  page.on('request', record('sent'));
  page.on('response', record('answered'));
  await page.getByRole('button', { name: 'Load all seats' }).click();
  // The message of an earlier load stays until this one ends: wait for this one to start and to end.
  await expect(page.getByRole('button', { name: 'Stop' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Load all seats' })).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('all-loaded')).toContainText('All 2,000 seats loaded');
  page.removeAllListeners('request');
  page.removeAllListeners('response');
  const firstAnswer = events.findIndex((event) => event.kind === 'answered');
  const sentBeforeAnyAnswer = events.slice(0, firstAnswer).map((event) => event.page).sort((a, b) => a - b);
  const sent = events.filter((event) => event.kind === 'sent').map((event) => event.page).sort((a, b) => a - b);
  return { sentBeforeAnyAnswer, sent };
}

test('with the billing summary read, "Load all seats" sends its first round with page 1; one at a time still waits for it', async ({ page, request }) => {
  await connect(page, { token: tokens().owner_classic });
  await expect(page.getByTestId('seats-total')).toHaveText('2,000');
  await expect(page.getByTestId('page-position')).toHaveText('Page 1 of 40');
  // Slow answers, so that the order of sends and answers cannot be a race.
  const slow = await request.post(`${SANDBOX}/_sandbox/faults`, { data: { latency_ms: 300 } });
  expect(slow.ok()).toBe(true);
  const everyPage = Array.from({ length: 20 }, (_, index) => index + 1);

  const concurrent = await loadAllRecorded(page);
  expect(concurrent.sentBeforeAnyAnswer).toEqual(everyPage.slice(0, 10));
  expect(concurrent.sent).toEqual(everyPage);

  await page.getByLabel('Requests at once').selectOption('1');
  const sequential = await loadAllRecorded(page);
  expect(sequential.sentBeforeAnyAnswer).toEqual([1]);
  expect(sequential.sent).toEqual(everyPage);
});

test('a page read still on its way when "Load all seats" starts does not replace all the seats when it ends', async ({ page }) => {
  await connect(page, { token: tokens().owner_classic });
  await expect(page.getByTestId('page-position')).toBeVisible();
  // The read of the new page size is held for 3 s, as a slow or retried answer would be.
  await page.route((url) => url.searchParams.get('per_page') === '10', async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    await route.continue().catch(() => {});
  });
  await page.getByLabel('Seats per page').selectOption('10');
  await page.getByRole('button', { name: 'Load all seats' }).click();
  await expect(page.getByTestId('all-loaded')).toContainText('All 2,000 seats loaded', { timeout: 30_000 });
  await page.waitForTimeout(4_000);
  await expect(page.getByTestId('all-loaded')).toContainText('All 2,000 seats loaded');
  await expect(page.getByTestId('page-position')).toHaveCount(0);
});

test('loading all 2,000 seats shows progress to the end, then filters, sorts and costs update', async ({ page, request }) => {
  const state = await sandboxState(request);
  const acmeSeats = state.orgs.find((org) => org.login === 'acme').seats.length;
  expect(acmeSeats).toBe(2000);
  await connect(page, { token: tokens().owner_classic });
  await page.getByRole('button', { name: 'Load all seats' }).click();
  await expect(page.getByTestId('all-loaded')).toContainText('All 2,000 seats loaded', { timeout: 30_000 });

  const count = async (id) => countIn(await page.getByTestId(id).textContent());
  const statusKeys = ['active', 'new', 'signed-in-no-activity', 'inactive', 'never-used', 'pending-cancellation'];
  let total = 0;
  for (const key of statusKeys) total += await count(`count-${key}`);
  expect(total).toBe(2000);

  // New seats are not idle: with the grace period off they are judged like the others and the cost
  // sentence stops naming them; the choice is in the URL.
  const newSeats = await count('count-new');
  const signedIn = await count('count-signed-in-no-activity');
  expect(newSeats).toBeGreaterThan(0);
  expect(signedIn).toBeGreaterThan(0);
  // Without a grace period a new seat is judged like any other: never used, inactive, or (signed in on
  // its first days) signed in without activity.
  const notActive = async () => (await count('count-inactive')) + (await count('count-never-used')) + (await count('count-signed-in-no-activity'));
  const notActiveWithGrace = await notActive();
  await expect(page.getByText(/Not counted as idle: [\d,]+ new \(created in the last 14 days\) and [\d,]+ signed in without activity\./)).toBeVisible();
  await screenshot(page, 'statuses-with-grace');
  const grace = page.getByLabel('Grace period for new seats (days, 0 for none)');
  await grace.fill('0');
  await expect(page).toHaveURL(/grace=0/);
  await expect(page.getByTestId('count-new')).toHaveText('0');
  expect(await notActive()).toBe(notActiveWithGrace + newSeats);
  await expect(page.getByText(/Not counted as idle: [\d,]+ signed in without activity\./)).toBeVisible();
  await grace.fill('400');
  await expect(page.getByRole('alert').filter({ hasText: 'The grace period is between 0 and 365 days.' })).toBeVisible();
  await expect(page).toHaveURL(/grace=0/);
  await grace.fill('14');
  await expect(page).not.toHaveURL(/grace=/);
  await expect(page.getByTestId('count-new')).toHaveText(grouped(newSeats));

  // A longer inactivity threshold can only make fewer seats inactive, and the idle cost follows.
  await page.getByRole('button', { name: '7', exact: true }).click();
  const inactiveAt7 = await count('count-inactive');
  const costAt7 = await page.getByTestId('idle-cost').textContent();
  await page.getByRole('button', { name: '90', exact: true }).click();
  await expect(page).toHaveURL(/days=90/);
  const inactiveAt90 = await count('count-inactive');
  expect(inactiveAt90).toBeLessThan(inactiveAt7);
  await expect(page.getByTestId('idle-cost')).not.toHaveText(costAt7);

  // The status filter narrows the rows to that status.
  await page.getByRole('button', { name: 'Never used', exact: true }).click();
  await expect(page).toHaveURL(/status=never-used/);
  const statuses = await page.locator('.seat-grid tbody tr[data-login] .status').allTextContents();
  expect(statuses.length).toBeGreaterThan(0);
  expect(new Set(statuses)).toEqual(new Set(['Never used']));

  // Sorting by login orders the visible rows.
  await page.getByRole('button', { name: 'Never used', exact: true }).click();
  await page.getByRole('button', { name: 'Login', exact: true }).click();
  const logins = await page.locator('.seat-grid tbody tr[data-login]').evaluateAll((rows) => rows.map((r) => r.dataset.login));
  expect(logins.length).toBeGreaterThan(5);
  expect([...logins].sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base' }))).toEqual(logins);
  await screenshot(page, 'all-seats');
});

test('the CSV export of all loaded seats has exactly the sandbox seats', async ({ page, request }) => {
  const state = await sandboxState(request);
  const expected = state.orgs.find((org) => org.login === 'acme').seats.map((seat) => seat.login).sort();
  await connect(page, { token: tokens().owner_classic });
  await page.getByRole('button', { name: 'Load all seats' }).click();
  await expect(page.getByTestId('all-loaded')).toContainText('All 2,000 seats loaded', { timeout: 30_000 });
  const downloadPromise = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export all as CSV' }).click();
  const download = await downloadPromise;
  const text = await (await download.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString('utf8'));
  const lines = text.trim().split(/\r?\n/);
  expect(lines[0].split(',')[0]).toBe('login');
  const logins = lines.slice(1).map((line) => line.split(',')[0]).sort();
  expect(logins).toEqual(expected);
});

test('member lookup answers with a seat card, or says there is none', async ({ page, request }) => {
  const state = await sandboxState(request);
  const acme = state.orgs.find((org) => org.login === 'acme');
  const withSeat = acme.seats.find((seat) => seat.login).login;
  await connect(page, { token: tokens().owner_classic });
  await page.getByRole('tab', { name: 'Member lookup' }).click();
  await page.getByLabel('Username').fill(withSeat);
  await page.getByRole('button', { name: 'Look up' }).click();
  await expect(page.getByRole('heading', { name: `${withSeat} has a Copilot seat in acme.` })).toBeVisible();
  await screenshot(page, 'lookup');
  await page.getByLabel('Username').fill('nobody-here');
  await page.getByRole('button', { name: 'Look up' }).click();
  await expect(page.getByRole('heading', { name: 'nobody-here has no Copilot seat in acme.' })).toBeVisible();
});

test('the enterprise view counts unique users next to grants across three organizations', async ({ page, request }) => {
  const state = await sandboxState(request);
  await connect(page, { token: tokens().owner_classic, enterprise: 'acme-corp' });
  await page.getByRole('button', { name: 'Load all seats' }).click();
  await expect(page.getByTestId('all-loaded')).toBeVisible({ timeout: 30_000 });
  const grants = countIn(await page.getByTestId('grants').textContent());
  const unique = countIn(await page.getByTestId('unique-users').textContent());
  expect(grants).toBeGreaterThan(unique);
  const perOrg = await page.locator('table.per-org tbody tr').count();
  expect(perOrg).toBeGreaterThanOrEqual(3);
  await screenshot(page, 'enterprise');
});

test('on a narrow window the seat table scrolls inside its box, and the page stays as wide as the window', async ({ page }) => {
  await page.setViewportSize({ width: 800, height: 900 });
  await connect(page, { token: tokens().owner_classic, enterprise: 'acme-corp' });
  await expect(page.locator('.seat-grid tbody tr[data-login]').first()).toBeVisible();
  const widths = await page.evaluate(() => {
    const box = document.querySelector('.table-viewport');
    // clientWidth, not innerWidth: the window's width without a vertical scrollbar, where there is one.
    return { page: document.documentElement.scrollWidth, window: document.documentElement.clientWidth, table: box.scrollWidth, box: box.clientWidth };
  });
  // The table is wider than the window (else this proves nothing), yet only its own box scrolls sideways.
  expect(widths.table).toBeGreaterThan(widths.box);
  expect(widths.page).toBeLessThanOrEqual(widths.window);
});

test('a fine-grained token is told the enterprise list needs a classic token', async ({ page }) => {
  await connect(page, { token: tokens().owner_fine_grained, enterprise: 'acme-corp' });
  await expect(page.getByRole('alert').first()).toContainText('does not accept fine-grained');
});

test('the demo works with no server and no token, and only the demo fetches its worker', async ({ context, page }) => {
  const external = [];
  const workerFiles = [];
  // The worker's own requests (its script and wasm) are seen at the context.
  context.on('request', (r) => {
    if (!r.url().startsWith(`${APP}/`)) external.push(r.url());
    else if (r.url().includes('demo-worker')) workerFiles.push(new URL(r.url()).pathname);
  });
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Connect to GitHub' })).toBeVisible();
  expect(workerFiles).toEqual([]);
  await page.getByRole('button', { name: 'Try the demo' }).click();
  await expect(page.getByRole('heading', { name: 'Copilot billing for acme' })).toBeVisible();
  // The demo's few hundred seats are all read on connect, without pressing "Load all seats".
  await expect(page.getByTestId('all-loaded')).toHaveText(/^All [\d,]+ seats loaded/);
  expect(external).toEqual([]);
  expect(new Set(workerFiles)).toEqual(new Set(['/demo-worker-start.js', '/demo-worker.js', '/demo-worker_bg.wasm']));
  await screenshot(page, 'demo');
});

test('a demo whose worker cannot load says so at once', async ({ context, page }) => {
  await context.route('**/demo-worker_bg.wasm', (route) => route.fulfill({ status: 404, body: 'not found' }));
  await page.goto('/');
  await page.getByRole('button', { name: 'Try the demo' }).click();
  // Within the assertion's 5 seconds: long before the 30-second request timeout would have said anything.
  await expect(page.getByRole('alert').first()).toContainText("The demo's sandbox is not running", { timeout: 5_000 });
});
