// A second API that nobody on the project wrote: Prism serving GitHub's own OpenAPI description
// (tests/fixtures/github-openapi/copilot-seats.openapi.json).
//
// - Static mode: Prism answers with GitHub's own examples, and every view shows them. The expected values
//   are read from the description, not copied here.
// - Dynamic mode: Prism answers with documents generated from the schemas (negative counts, null
//   assignees, both team shapes, dates from 1900...): every one is schema-valid, so none may show a read
//   error.
//
// Between the app and Prism stands one adapter (prism-adapter.mjs), and it changes one header: the app
// sends `Accept: application/vnd.github+json`, as GitHub documents; GitHub serves that and
// `application/json` alike, but the description types its examples `application/json` only, so Prism
// answers 406 to the app. The adapter rewrites Accept to `application/json` and passes everything else
// through: Prism's own CORS answers included (it allows any origin and header, and exposes every header).
import { writeFileSync } from 'node:fs';
import { test, expect } from '@playwright/test';
import { APP, connect, countIn, grouped, screenshot } from './helpers.js';
import { example, operationExample, requestExample, startPrism } from './prism.js';

// Prism checks no token (the description has no security schemes); the app needs one of a valid shape.
const TOKEN = 'ghp_prismDoesNotCheckTokens000000000000';
const ORG = 'acme';

// Screenshots at a laptop's width; the phone's (390 px) are taken by resizing.
test.use({ viewport: { width: 1366, height: 900 } });

/** No alert on the page: on failure, the message quotes what each alert says. */
async function expectNoAlert(page) {
  await expect.poll(() => page.getByRole('alert').allTextContents()).toEqual([]);
}

/** A phone's width (390 px): screenshot the page, which must be no wider than the window. */
async function onPhone(page, name) {
  await page.setViewportSize({ width: 390, height: 844 });
  await screenshot(page, name);
  const widths = await page.evaluate(() => ({ page: document.documentElement.scrollWidth, window: document.documentElement.clientWidth }));
  expect(widths.page, `${name}: the page is wider than the phone`).toBeLessThanOrEqual(widths.window);
}

/** Every request the page sends that goes neither to the app nor to `api`. */
function foreignRequests(page, api) {
  const foreign = [];
  page.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith(`${APP}/`) && !url.startsWith(`${api}/`) && !url.startsWith('data:')) foreign.push(url);
  });
  return foreign;
}

test.describe("GitHub's own examples, served by Prism", () => {
  let server;
  test.beforeAll(async () => {
    server = await startPrism();
  });
  test.afterAll(async () => {
    await server?.stop();
  });

  test('Prism refuses the Accept the app sends (406); the adapter in front of it rewrites that header alone', async ({ request }) => {
    const path = `/orgs/${ORG}/copilot/billing`;
    const githubAccept = { Accept: 'application/vnd.github+json', Authorization: `Bearer ${TOKEN}` };
    const direct = await request.get(`${server.prism}${path}`, { headers: githubAccept });
    expect(direct.status()).toBe(406);
    const adapted = await request.get(`${server.api}${path}`, { headers: githubAccept });
    expect(adapted.status()).toBe(200);
    expect(await adapted.json()).toEqual(operationExample('get', '/orgs/{org}/copilot/billing'));
    // Prism's CORS answer reaches the page unchanged: the preflight allows the app's headers and the
    // answers expose every header (the app reads Link, X-GitHub-SSO, X-RateLimit-*, Retry-After).
    const preflight = await request.fetch(`${server.api}${path}`, {
      method: 'OPTIONS',
      headers: { Origin: APP, 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Headers': 'authorization,accept' },
    });
    expect(preflight.status()).toBe(204);
    expect(preflight.headers()['access-control-allow-origin']).toBe(APP);
    expect(preflight.headers()['access-control-allow-headers']).toContain('authorization');
    expect(adapted.headers()['access-control-expose-headers']).toBe('*');
  });

  test("the billing summary shows the example's numbers, setting, policies and plan", async ({ page }) => {
    const billing = example('copilot-organization-details');
    await connect(page, { token: TOKEN, org: ORG, api: server.api });
    const summary = page.getByRole('region', { name: `Copilot billing for ${ORG}` });
    await expect(summary).toBeVisible();
    const breakdown = billing.seat_breakdown;
    await expect(page.getByTestId('seats-total')).toHaveText(grouped(breakdown.total));
    const shown = {
      added_this_cycle: 'Added this cycle',
      pending_invitation: 'Pending invitation',
      pending_cancellation: 'Pending cancellation',
      active_this_cycle: 'Active this cycle',
      inactive_this_cycle: 'Inactive this cycle',
    };
    for (const [field, label] of Object.entries(shown)) {
      await expect(summary.locator('.breakdown > div').filter({ has: page.getByText(label, { exact: true }) }).locator('dd')).toHaveText(grouped(breakdown[field]));
    }
    await expect(page.getByTestId('seat-management-setting')).toHaveText(billing.seat_management_setting);
    const policies = summary.locator('.policies');
    await expect(policies).toContainText(`Public code suggestions${billing.public_code_suggestions}`);
    for (const [field, label] of [['ide_chat', 'IDE chat'], ['platform_chat', 'Platform chat'], ['cli', 'CLI'], ['plan_type', 'Plan']]) {
      await expect(policies.locator('div').filter({ has: page.getByText(label, { exact: true }) }).locator('dd')).toHaveText(billing[field]);
    }
    await expectNoAlert(page);
  });

  test("the seat grid shows the example's seats, and paging reads page numbers, never Prism's links to api.github.com", async ({ page }) => {
    const list = example('copilot-seats-list');
    const foreign = foreignRequests(page, server.api);
    const seatPages = [];
    page.on('request', (request) => {
      if (new URL(request.url()).pathname.endsWith('/copilot/billing/seats')) seatPages.push(request.url());
    });
    await connect(page, { token: TOKEN, org: ORG, api: server.api });
    const rows = page.locator('.seat-grid tbody tr[data-login]');
    await expect(rows).toHaveCount(list.seats.length);
    expect((await rows.evaluateAll((trs) => trs.map((tr) => tr.dataset.login))).sort()).toEqual(list.seats.map((seat) => seat.assignee.login).sort());
    // The example with a pending cancellation date shows as pending; the one granted by a team names it.
    const pending = list.seats.find((seat) => seat.pending_cancellation_date !== null);
    await expect(page.locator(`tr[data-login="${pending.assignee.login}"] .status`)).toHaveText('Pending cancellation');
    const teamGranted = list.seats.find((seat) => seat.assigning_team);
    await expect(page.locator(`tr[data-login="${teamGranted.assignee.login}"]`)).toContainText(teamGranted.assigning_team.name);
    await expect(page.getByText(`${grouped(list.total_seats)} seats in all`)).toBeVisible();
    await screenshot(page, 'prism-seats-1366');

    // Prism's Link header names `https://api.github.com/resource?page=2`: the app takes the number only.
    await expect(page.getByTestId('page-position')).toHaveText(/^Page 1 of [\d,]+$/);
    await page.getByRole('button', { name: 'Next page' }).click();
    await expect(page.getByTestId('page-position')).toHaveText(/^Page 2 of [\d,]+$/);
    await expect(rows).toHaveCount(list.seats.length);
    expect(seatPages.at(-1)).toMatch(new RegExp(`^${server.api}/orgs/${ORG}/copilot/billing/seats\\?.*\\bpage=2\\b`));
    expect(foreign).toEqual([]);
    await expectNoAlert(page);

    // Cost by team over the example's page: each of its users is billed once.
    await page.getByRole('heading', { name: 'Cost by team' }).click();
    const total = page.getByTestId('chargeback').locator('tbody tr').last();
    await expect(total.locator('td').first()).toHaveText('All');
    await expect(total.locator('td').nth(1)).toHaveText(grouped(new Set(list.seats.map((seat) => seat.assignee.id)).size));
    await expectNoAlert(page);

    await onPhone(page, 'prism-seats-390');
  });

  test("member lookup shows the example's seat", async ({ page }) => {
    const seat = operationExample('get', '/orgs/{org}/members/{username}/copilot');
    await connect(page, { token: TOKEN, org: ORG, api: server.api });
    await page.getByRole('tab', { name: 'Member lookup' }).click();
    await page.getByLabel('Username').fill(seat.assignee.login);
    await page.getByRole('button', { name: 'Look up' }).click();
    await expect(page.getByRole('heading', { name: `${seat.assignee.login} has a Copilot seat in ${ORG}.` })).toBeVisible();
    const card = page.locator('.seat-card');
    const field = (label) => card.locator('div').filter({ has: page.getByText(label, { exact: true }) }).locator('dd');
    await expect(field('Granted')).toHaveText(seat.assigning_team.name);
    await expect(field('Plan')).toHaveText(seat.plan_type);
    await expect(field('Pending cancellation')).toHaveText('no');
    // The editor string `vscode/1.77.3/copilot/1.86.82`, read into words.
    const [editor, editorVersion] = seat.last_activity_editor.split('/');
    await expect(field('Editor')).toContainText(editorVersion);
    await expect(field('Editor')).toContainText(editor === 'vscode' ? 'VS Code' : editor);
    await screenshot(page, 'prism-lookup-1366');
    await onPhone(page, 'prism-lookup-390');
  });

  test("assigning and revoking users' seats, confirmed first, report the example's seats_created and seats_cancelled", async ({ page }) => {
    await connect(page, { token: TOKEN, org: ORG, api: server.api });
    await page.getByRole('tab', { name: 'Manage seats' }).click();
    await expect(page.getByRole('heading', { name: `Manage seats in ${ORG}` })).toBeVisible();

    // Prism's seats never change, and its count (5) is not the number of names sent (3): the app reads
    // the seats again to settle each name, and those are the example's seats.
    const seats = example('copilot-seats-list').seats;
    const seated = new Set(seats.map((seat) => seat.assignee.login));
    const active = new Set(seats.filter((seat) => seat.pending_cancellation_date === null).map((seat) => seat.assignee.login));
    const path = '/orgs/{org}/copilot/billing/selected_users';
    const writes = [
      { title: 'Assign seats to users', label: 'Usernames to assign', method: 'post', field: 'seats_created', verb: 'Assign', done: (name) => seated.has(name) },
      { title: "Revoke users' seats", label: 'Usernames to revoke', method: 'delete', field: 'seats_cancelled', verb: 'Revoke', done: (name) => !active.has(name) },
    ];
    for (const { title, label, method, field, verb, done } of writes) {
      const names = requestExample(method, path).selected_usernames;
      const answer = operationExample(method, path);
      expect(answer[field]).not.toBe(names.length);
      const form = page.getByRole('region', { name: title });
      await form.getByLabel(label).fill(names.join(', '));
      await form.getByRole('button', { name: `${title}…` }).click();
      const dialog = page.getByRole('dialog', { name: `${title} in ${ORG}` });
      await expect(dialog).toBeVisible();
      await expect(dialog.getByRole('list', { name: `Names: ${title}` }).getByRole('listitem')).toHaveText(names);
      await screenshot(page, `prism-confirm-${method}-1366`);
      const sent = page.waitForRequest((r) => r.method() === method.toUpperCase() && r.url() === `${server.api}/orgs/${ORG}/copilot/billing/selected_users`);
      await page.getByRole('dialog').getByRole('button', { name: `${verb} ${grouped(names.length)} seats` }).click();
      expect((await sent).postDataJSON()).toEqual({ selected_usernames: names });
      const result = page.getByRole('dialog');
      await expect(result.getByTestId(field)).toHaveText(grouped(answer[field]));
      await expect(result.getByTestId('verified')).toBeVisible();
      const outcomes = await result.locator('tr[data-name]').evaluateAll((rows) => Object.fromEntries(rows.map((row) => [row.dataset.name, row.dataset.outcome])));
      expect(outcomes).toEqual(Object.fromEntries(names.map((name) => [name, done(name) ? 'done' : 'failed'])));
      await screenshot(page, `prism-report-${method}-1366`);
      if (method === 'post') {
        await onPhone(page, 'prism-report-post-390');
        await page.setViewportSize({ width: 1366, height: 900 });
      }
      await result.getByRole('button', { name: 'Close' }).click();
      await expect(page.getByRole('dialog')).toHaveCount(0);
      // The log records GitHub's answer, then what reading the seats again changed.
      await expect(page.locator('table.activity-log tbody tr').filter({ hasText: title }).first()).toContainText(`Done: GitHub answered ${field}: ${grouped(answer[field])}`);
    }
  });

  test("the enterprise's seat list shows the example's seats", async ({ page }) => {
    const list = operationExample('get', '/enterprises/{enterprise}/copilot/billing/seats');
    await connect(page, { token: TOKEN, enterprise: 'octo-enterprise', api: server.api });
    const rows = page.locator('.seat-grid tbody tr[data-login]');
    await expect(rows).toHaveCount(list.seats.length);
    expect((await rows.evaluateAll((trs) => trs.map((tr) => tr.dataset.login))).sort()).toEqual(list.seats.map((seat) => seat.assignee.login).sort());
    // A user is their id (a login can be renamed); GitHub's example gives both its users the id 1, so the
    // enterprise breakdown counts them as one.
    const users = new Set(list.seats.map((seat) => seat.assignee.id));
    await expect(page.getByTestId('unique-users')).toHaveText(grouped(users.size));
    await expect(page.getByTestId('grants')).toHaveText(grouped(list.seats.length));
    await expectNoAlert(page);
    await screenshot(page, 'prism-enterprise-1366');
    await onPhone(page, 'prism-enterprise-390');
  });
});

test.describe('schema-valid answers generated by Prism (dynamic mode)', () => {
  let server;
  test.beforeAll(async () => {
    server = await startPrism({ dynamic: true });
  });
  test.afterAll(async () => {
    await server?.stop();
  });

  // The API's answers to the test running, attached to its report when it fails: the documents to read.
  let answers = [];
  test.afterEach(async ({}, testInfo) => {
    if (testInfo.status !== testInfo.expectedStatus) {
      const path = testInfo.outputPath('prism-answers.json');
      writeFileSync(path, JSON.stringify(answers, null, 2));
      await testInfo.attach('prism-answers.json', { path, contentType: 'application/json' });
    }
    answers = [];
  });

  function recordAnswers(page) {
    page.on('console', (message) => {
      if (message.type() === 'error') answers.push({ console: message.text() });
    });
    page.on('response', async (response) => {
      if (!response.url().startsWith(`${server.api}/`) || response.request().method() === 'OPTIONS') return;
      answers.push({ url: response.url(), status: response.status(), body: await response.text().catch(() => '') });
    });
  }

  for (const run of [1, 2, 3]) {
    test(`run ${run}: the organization's summary, seats and member lookup show no read error`, async ({ page }) => {
      recordAnswers(page);
      await connect(page, { token: TOKEN, org: ORG, api: server.api });
      await expect(page.getByRole('region', { name: `Copilot billing for ${ORG}` })).toBeVisible();
      await expect(page.getByTestId('page-position')).toBeVisible();
      await expectNoAlert(page);
      await page.getByRole('button', { name: 'Next page' }).click();
      await expect(page.getByTestId('page-position')).toHaveText(/^Page 2 of/);
      await expectNoAlert(page);
      await page.getByRole('tab', { name: 'Member lookup' }).click();
      await page.getByLabel('Username').fill('octocat');
      await page.getByRole('button', { name: 'Look up' }).click();
      await expect(page.getByRole('heading', { name: `octocat has a Copilot seat in ${ORG}.` })).toBeVisible();
      await expectNoAlert(page);
      if (run === 1) await screenshot(page, 'prism-dynamic-lookup');
    });
  }

  test("the enterprise's seats, page after page with Load all, show no read error", async ({ page }) => {
    recordAnswers(page);
    await connect(page, { token: TOKEN, enterprise: 'octo-enterprise', api: server.api });
    await expect(page.getByTestId('page-position')).toBeVisible();
    await expectNoAlert(page);
    await page.getByRole('button', { name: 'Load all seats' }).click();
    // Prism's `total_seats` is any integer the schema allows (23,790,004 in one run: 237,901 pages). Past
    // 2,500 pages the app asks first (`plan::load_all_size`); yes is pressed here, and the load, which
    // may never end, is stopped once it has read 5 generated pages, or ends by itself.
    const ask = page.getByTestId('big-load');
    await expect(page.getByRole('button', { name: 'Stop' }).or(ask)).toBeVisible();
    if (await ask.isVisible()) await ask.getByRole('button', { name: 'Read them all' }).click();
    const pagesDone = async () => {
      if (await page.getByTestId('all-loaded').isVisible()) return Infinity;
      const text = (await page.locator('.progress [role=status]').textContent().catch(() => '')) ?? '';
      return countIn(text.match(/^([\d,]+) of/)?.[1] ?? 0);
    };
    await expect.poll(pagesDone, { timeout: 30_000 }).toBeGreaterThanOrEqual(5);
    const stop = page.getByRole('button', { name: 'Stop' });
    if (await stop.isVisible()) await stop.click();
    await expect(page.getByRole('button', { name: 'Load all seats' })).toBeVisible();
    await expectNoAlert(page);
    // Cost by organization over generated seats (any organization names, teams, plans): no error, a total.
    await page.getByRole('heading', { name: 'Cost by team' }).click();
    await page.getByRole('button', { name: 'By organization' }).click();
    await expect(page.getByTestId('chargeback').locator('tbody tr').last().locator('td').first()).toHaveText('All');
    await expectNoAlert(page);
    await screenshot(page, 'prism-dynamic-enterprise');
  });
});
