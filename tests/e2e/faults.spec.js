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

  await connect(page, { token: tokens().owner_classic });
  await expect(page.getByTestId('page-position')).toBeVisible({ timeout: 60_000 });
  await page.getByLabel('Seats per page').selectOption('10');
  await page.getByRole('button', { name: 'Load all seats' }).click();
  await expect(page.getByTestId('all-loaded')).toContainText('All 2000 seats loaded', { timeout: 150_000 });

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export all as CSV' }).click();
  const file = await download;
  const text = Buffer.concat(await (await file.createReadStream()).toArray()).toString('utf8');
  const logins = text.trim().split(/\r?\n/).slice(1).map((line) => line.split(',')[0]);
  expect(new Set(logins).size).toBe(logins.length);
  expect([...logins].sort()).toEqual(expected);
  // The faults really happened: the run proved something.
  expect(failures.length).toBeGreaterThan(0);
  console.log(`faults seen while loading: ${failures.length} (${[...new Set(failures)].join(', ')})`);
});
