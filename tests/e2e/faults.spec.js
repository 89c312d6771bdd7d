// Loading every seat while the sandbox misbehaves the way GitHub sometimes does: 500s and 502s, dropped
// connections, truncated or HTML bodies, latency jitter and forced secondary-limit bursts. The result must be
// exactly the sandbox's seats: nothing lost, nothing twice. `make soak` repeats this with --repeat-each.
import { test, expect } from '@playwright/test';
import { SANDBOX, connect, resetSandbox, sandboxState, tokens } from './helpers.js';

const FAULTS = { fail_rate: 0.1, drop_rate: 0.02, malformed_rate: 0.02, secondary_rate: 0.03, latency_ms: 5, jitter_ms: 40 };

test.beforeEach(async ({ request }) => {
  await resetSandbox(request);
});

test.afterEach(async ({ request }) => {
  await request.post(`${SANDBOX}/_sandbox/faults`, {
    data: { fail_rate: 0, drop_rate: 0, malformed_rate: 0, secondary_rate: 0, latency_ms: 0, jitter_ms: 0 },
  });
});

test('loading all seats under faults ends with exactly the sandbox seats @soak', async ({ page, request }) => {
  test.setTimeout(180_000);
  const state = await sandboxState(request);
  const expected = state.orgs.find((org) => org.login === 'acme').seats.map((seat) => seat.login).sort();
  const faults = await request.post(`${SANDBOX}/_sandbox/faults`, { data: FAULTS });
  expect(faults.ok()).toBeTruthy();

  const failures = [];
  page.on('response', (r) => { if (r.url().startsWith(SANDBOX) && r.status() >= 400) failures.push(r.status()); });
  page.on('requestfailed', (r) => { if (r.url().startsWith(SANDBOX)) failures.push('dropped'); });

  // A load is only about 20 requests: about one run in seventy meets no fault at all and proves nothing,
  // so a run without faults loads again in a fresh page (each load checked in full), three loads at most.
  for (let load = 1; load <= 3 && failures.length === 0; load++) {
    await connect(page, { token: tokens().owner_classic });
    await expect(page.getByTestId('page-position')).toBeVisible({ timeout: 60_000 });
    await page.getByLabel('Seats per page').selectOption('10');
    await page.getByRole('button', { name: 'Load all seats' }).click();
    await expect(page.getByTestId('all-loaded')).toContainText('All 2,000 seats loaded', { timeout: 150_000 });

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export all as CSV' }).click();
    const file = await download;
    const text = Buffer.concat(await (await file.createReadStream()).toArray()).toString('utf8');
    const logins = text.trim().split(/\r?\n/).slice(1).map((line) => line.split(',')[0]);
    expect(new Set(logins).size).toBe(logins.length);
    expect([...logins].sort()).toEqual(expected);
  }
  // The faults really happened: the run proved something.
  expect(failures.length).toBeGreaterThan(0);
  console.log(`faults seen while loading: ${failures.length} (${[...new Set(failures)].join(', ')})`);
});

test('a secondary rate limit on one page holds every request of "Load all seats" until it has passed', async ({ page, request }) => {
  test.setTimeout(180_000);
  // Timed in the page, by the page's own fetch: when each seat page is asked for, and when the body of each
  // "wait a second" answer reached the app, which is the moment it can know (the headers arrive earlier,
  // and on a loaded machine reading the body can take longer than any margin). Playwright's network
  // timings of queued HTTP/1.1 requests are not the moments the app called fetch.
  await page.addInitScript(() => {
    const original = window.fetch.bind(window);
    window.__pageSends = [];
    window.__pageLimits = [];
    window.fetch = (input, init) => {
      // A string, a URL (the page's starter and the chunks' loader fetch their wasm by URL) or a Request.
      const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
      const isPage = url.includes('/copilot/billing/seats') && url.includes('per_page=100');
      if (isPage) window.__pageSends.push(performance.now());
      const answer = original(input, init);
      if (!isPage) return answer;
      return answer.then((response) => {
        if (response.status === 403) {
          const readBody = response.arrayBuffer.bind(response);
          response.arrayBuffer = () => readBody().then((body) => { window.__pageLimits.push(performance.now()); return body; });
        }
        return response;
      });
    };
  });
  // Every answer 150 ms late, and about a third of them "wait a second" (Retry-After: 1).
  const faults = await request.post(`${SANDBOX}/_sandbox/faults`, { data: { secondary_rate: 0.35, latency_ms: 150 } });
  expect(faults.ok()).toBeTruthy();
  const sends = [];
  const limits = [];
  // A load that meets fewer than two waits proves little: load again in a fresh page, three loads at most.
  for (let load = 1; load <= 3 && limits.length < 2; load++) {
    await connect(page, { token: tokens().owner_classic });
    await expect(page.getByTestId('seats-total')).toHaveText('2,000', { timeout: 30_000 });
    await page.evaluate(() => { window.__pageSends = []; window.__pageLimits = []; });
    await page.getByRole('button', { name: 'Load all seats' }).click();
    await expect(page.getByTestId('all-loaded')).toContainText('All 2,000 seats loaded', { timeout: 100_000 });
    const seen = await page.evaluate(() => ({ sends: window.__pageSends, limits: window.__pageLimits }));
    sends.push(...seen.sends.map((at) => at + load * 1e9));
    limits.push(...seen.limits.map((at) => at + load * 1e9));
  }
  expect(limits.length).toBeGreaterThanOrEqual(2);
  // After GitHub says to wait a second, nothing goes out for that second, from this page or any other
  // (50 ms are left at each end: tasks already woken may still run, and timers are coarse).
  const windowsWithSends = limits.filter((limited) => sends.some((at) => at > limited + 50 && at < limited + 950));
  expect(windowsWithSends.length, `${windowsWithSends.length} of ${limits.length} waits saw requests`).toBe(0);
});

/** Logins whose seats were assigned directly, are active, and are covered by no selected team. */
function directActive(org) {
  const covered = new Set(org.teams.filter((team) => team.copilot).flatMap((team) => team.members.map((m) => m.toLowerCase())));
  return org.seats
    .filter((seat) => seat.assigning_team === null && seat.pending_cancellation_date === null && !covered.has(seat.login.toLowerCase()))
    .map((seat) => seat.login);
}

test('a bulk revoke of 1,000 seats under faults reports, name by name, exactly what the sandbox did @soak', async ({ page, request }) => {
  test.setTimeout(300_000);
  const before = (await sandboxState(request)).orgs.find((org) => org.login === 'acme');
  const names = directActive(before).slice(0, 1000);
  expect(names).toHaveLength(1000);

  await connect(page, { token: tokens().owner_classic });
  await page.getByRole('tab', { name: 'Manage seats' }).click();
  const form = page.getByRole('region', { name: "Revoke users' seats" });
  await form.getByLabel('Usernames to revoke').fill(names.join('\n'));
  await form.getByRole('button', { name: "Revoke users' seats…" }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel(/Type the organization's name/).fill('acme');
  const faults = await request.post(`${SANDBOX}/_sandbox/faults`, { data: FAULTS });
  expect(faults.ok()).toBeTruthy();
  await dialog.getByRole('button', { name: 'Revoke 1,000 seats' }).click();
  await expect(dialog.getByTestId('write-progress')).toContainText('20 batches');
  // The report is final once every batch is settled and, where anything was unclear, the seats were read again.
  await expect(dialog.getByRole('button', { name: 'Close' })).toBeVisible({ timeout: 280_000 });

  const verdicts = await dialog.locator('tr[data-name]').evaluateAll((rows) => Object.fromEntries(rows.map((row) => [row.dataset.name, row.dataset.outcome])));
  expect(Object.keys(verdicts)).toHaveLength(1000);
  await request.post(`${SANDBOX}/_sandbox/faults`, { data: { fail_rate: 0, drop_rate: 0, malformed_rate: 0, secondary_rate: 0 } });
  const after = (await sandboxState(request)).orgs.find((org) => org.login === 'acme');
  const pending = new Map(after.seats.map((seat) => [seat.login.toLowerCase(), seat.pending_cancellation_date !== null]));
  const mismatches = names.filter((login) => (verdicts[login] === 'done') !== pending.get(login.toLowerCase()));
  expect(mismatches).toEqual([]);
  // Nothing is left unsettled: every name is done or failed with a reason.
  expect(Object.values(verdicts).filter((v) => v !== 'done' && v !== 'failed')).toEqual([]);
  const done = Object.values(verdicts).filter((v) => v === 'done').length;
  console.log(`bulk revoke under faults: ${done} of 1000 revoked, ${1000 - done} failed, all matching the sandbox`);
});
