// What changed since an earlier export: an export taken before a write, loaded back into the page, puts
// the changed user in the right group, narrows the grid to that group (in the URL), and exports the
// comparison; older exports read with a note, a bad file is refused naming its line, and the enterprise's
// seat view compares too.
import { test, expect } from '@playwright/test';
import { connect, downloaded, parseCsv, resetSandbox, sandboxState, screenshot, tokens } from './helpers.js';

test.beforeEach(async ({ request }) => resetSandbox(request));

const SCREENS = `${process.env.E2E_OUTPUT ?? 'test-results'}/screens`;

const file = (name, text) => ({ name, mimeType: name.endsWith('.json') ? 'application/json' : 'text/csv', buffer: Buffer.from(text) });

/** Opens the folded comparison panel. */
async function openPanel(page) {
  const panel = page.locator('details.review');
  await panel.locator('summary').click();
  return panel;
}

async function loadEarlier(page, name, text) {
  const panel = await openPanel(page);
  await panel.getByLabel('Earlier export (JSON or CSV)').setInputFiles(file(name, text));
  return panel;
}

/** Nothing is wider than the 390 px window but what sits in a box that scrolls sideways (the tables'). */
async function expectNoOverflow(page) {
  const wide = await page.evaluate(() => {
    const scrollsInside = (el) => {
      for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
        if (['auto', 'scroll', 'hidden'].includes(getComputedStyle(p).overflowX)) return true;
      }
      return false;
    };
    return [...document.querySelectorAll('body *')]
      .filter((el) => el.getBoundingClientRect().right > 391 && !scrollsInside(el))
      .map((el) => `${el.tagName}.${el.className} ${Math.round(el.getBoundingClientRect().right)}`).slice(0, 8);
  });
  expect(wide).toEqual([]);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
}

test('an export taken before a revoke, loaded back, shows the revoked user as newly pending cancellation', async ({ page, request }) => {
  const org = (await sandboxState(request)).orgs.find((o) => o.login === 'acme');
  const login = org.seats.find((seat) => seat.assigning_team === null && seat.pending_cancellation_date === null).login;
  await connect(page, { token: tokens().owner_classic, everySeat: true });
  await expect(page.getByTestId('all-loaded')).toContainText('All 2,000 seats loaded', { timeout: 30_000 });
  const before = await downloaded(page, 'Export all as CSV');
  const [header] = parseCsv(before.text);
  expect(header.slice(-7)).toEqual(['exempt', 'scope', 'exported_at', 'threshold_days', 'grace_days', 'coverage', 'coverage_note']);

  // The write, through the page.
  await page.getByLabel('Search logins').fill(login);
  const row = page.locator(`.seat-grid tr[data-login="${login}"]`);
  await row.getByRole('checkbox', { name: `Select ${login}` }).click();
  await page.getByRole('button', { name: 'Revoke selected…' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('button', { name: 'Revoke 1 seat' }).click();
  await expect(dialog.getByTestId('seats_cancelled')).toHaveText('1');
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(row.locator('.status')).toHaveText('Pending cancellation');
  await page.getByLabel('Search logins').fill('');

  const panel = await loadEarlier(page, before.name, before.text);
  await expect(panel.getByTestId('review-compared')).toHaveText(
    /^Export of \d{4}-\d{2}-\d{2} \(threshold 30 days, 2,000 seats, all\) against the 2,000 seats loaded now$/,
  );
  await expect(panel.getByRole('status')).toHaveText('1 of 2,000 users changed since the export');
  const groups = panel.getByRole('group', { name: 'What changed, by group' });
  await expect(groups.getByRole('button')).toHaveText([
    'New seats: 0', 'Seats gone: 0', 'Newly idle: 0', 'Active again: 0', 'Newly pending cancellation: 1',
    'Granted differently: 0', 'Unchanged: 1,999',
  ]);

  // The group narrows the grid to its user, and the link says so.
  await groups.getByRole('button', { name: /^Newly pending cancellation/ }).click();
  await expect(page).toHaveURL(/[?&]changed=newly-pending-cancellation(&|$)/);
  await expect(page.locator('.seat-grid tbody tr[data-login]')).toHaveCount(1);
  await expect(page.locator(`.seat-grid tbody tr[data-login="${login}"]`)).toBeVisible();
  await screenshot(page, 'review-1366');
  await page.setViewportSize({ width: 390, height: 844 });
  await expectNoOverflow(page);
  await screenshot(page, 'review-390');
  await panel.screenshot({ path: `${SCREENS}/review-panel-390.png` });
  await page.setViewportSize({ width: 1366, height: 900 });

  const comparison = await downloaded(page, 'Export the comparison as CSV');
  expect(comparison.name).toMatch(/^copilot-seats-acme-changes-\d{4}-\d{2}-\d{2}\.csv$/);
  const [columns, first, ...rest] = parseCsv(comparison.text).filter((r) => r.length > 1);
  expect(columns.slice(0, 5)).toEqual(['login', 'change', 'change_label', 'status_then', 'status_now']);
  expect(first.slice(0, 3)).toEqual([login, 'newly-pending-cancellation', 'Newly pending cancellation']);
  expect(first[4]).toBe('pending-cancellation');
  expect(rest.length).toBe(1999);
  expect(rest.every((r) => r[1] === 'unchanged')).toBe(true);

  // Pressed again, the group lets every seat show.
  await groups.getByRole('button', { name: /^Newly pending cancellation/ }).click();
  await expect(page).not.toHaveURL(/changed=/);
});

test('an older export without its date, threshold or scope is read with a note; a bad file is refused naming its line', async ({ page }) => {
  await connect(page, { token: tokens().owner_classic });
  await expect(page.getByTestId('page-position')).toBeVisible({ timeout: 30_000 });
  const json = await downloaded(page, 'Export view as JSON');
  const older = JSON.parse(json.text).map(({ scope, exported_at, threshold_days, grace_days, exempt, ...row }) => row);
  const panel = await loadEarlier(page, 'older.json', JSON.stringify(older));
  await expect(panel.getByTestId('review-compared')).toHaveText(
    'An export that does not say when it was taken (50 seats, partial) against the 50 seats loaded now, not every seat',
  );
  await expect(panel.getByText(/^This export was made before exports said when/)).toBeVisible();
  await expect(panel.getByRole('button', { name: 'Unchanged: 50' })).toBeVisible();

  const csv = await downloaded(page, 'Export all as CSV');
  const lines = csv.text.split('\r\n');
  lines[2] = lines[2].replace(/,(active|inactive|never-used|new|signed-in-no-activity|pending-cancellation),/, ',gone-fishing,');
  await panel.getByLabel('Earlier export (JSON or CSV)').setInputFiles(file('bad.csv', lines.join('\r\n')));
  await expect(panel.getByRole('alert')).toHaveText(/^Line 3: the status "gone-fishing" is not one this app writes/);

  // A file dropped on the panel is read the same way.
  const dropped = await page.evaluateHandle((text) => {
    const transfer = new DataTransfer();
    transfer.items.add(new File([text], 'dropped.csv', { type: 'text/csv' }));
    return transfer;
  }, csv.text);
  await panel.dispatchEvent('drop', { dataTransfer: dropped });
  await expect(panel.getByRole('alert')).toHaveCount(0);
  await expect(panel.getByTestId('review-compared')).toHaveText(
    /^Export of \d{4}-\d{2}-\d{2} \(threshold 30 days, 50 seats, partial\) against the 50 seats loaded now, not every seat$/,
  );
});

test('a link that names a group without the file says so, and shows every seat on request', async ({ page }) => {
  await connect(page, { token: tokens().owner_classic });
  await expect(page.getByTestId('page-position')).toBeVisible({ timeout: 30_000 });
  await page.goto(`${page.url()}&changed=newly-idle`);
  await page.getByLabel('Token', { exact: true }).fill(tokens().owner_classic);
  await page.getByRole('button', { name: 'Connect' }).click();
  await expect(page.getByTestId('page-position')).toBeVisible({ timeout: 30_000 });
  const panel = await openPanel(page);
  await expect(panel.getByRole('note')).toContainText('no earlier export is loaded');
  await expect(page.locator('.seat-grid tbody tr[data-login]')).toHaveCount(0);
  await panel.getByRole('button', { name: 'Show every seat' }).click();
  await expect(page).not.toHaveURL(/changed=/);
  await expect(page.locator('.seat-grid tbody tr[data-login]').first()).toBeVisible();
});

test("an enterprise's seat view compares too: its own export against itself changes nothing", async ({ page }) => {
  await connect(page, { token: tokens().owner_classic, enterprise: 'acme-corp' });
  await expect(page.getByTestId('page-position')).toBeVisible({ timeout: 30_000 });
  const json = await downloaded(page, 'Export view as JSON');
  expect(JSON.parse(json.text)[0].scope).toBe('enterprise:acme-corp');
  const panel = await loadEarlier(page, json.name, json.text);
  await expect(panel.getByTestId('review-compared')).toContainText('50 seat grants, partial) against the 50 seat grants loaded now');
  await expect(panel.getByRole('status')).toHaveText(/^0 of [\d,]+ users? changed since the export$/);
  await page.setViewportSize({ width: 390, height: 844 });
  await expectNoOverflow(page);
  await screenshot(page, 'review-enterprise-390');
  await panel.screenshot({ path: `${SCREENS}/review-enterprise-panel-390.png` });
});

test('an exempt seat carries its reason in the export, in CSV and JSON', async ({ page, request }) => {
  const org = (await sandboxState(request)).orgs.find((o) => o.login === 'acme');
  await connect(page, { token: tokens().owner_classic });
  await expect(page.getByTestId('page-position')).toBeVisible({ timeout: 30_000 });
  const login = await page.locator('.seat-grid tbody tr[data-login]').first().getAttribute('data-login');
  expect(org.seats.some((seat) => seat.login === login)).toBe(true);
  const exemptions = page.locator('details.exemptions');
  await exemptions.locator('summary').click();
  await exemptions.getByLabel('Name', { exact: true }).fill(login);
  await exemptions.getByLabel('Reason').fill('service account');
  await exemptions.getByRole('button', { name: 'Add to the exemptions' }).click();

  const [header, ...rows] = parseCsv((await downloaded(page, 'Export view as CSV')).text).filter((r) => r.length > 1);
  const exempt = header.indexOf('exempt');
  expect(rows.find((row) => row[0] === login)[exempt]).toBe('service account');
  expect(rows.filter((row) => row[exempt] !== '').length).toBe(1);
  const json = JSON.parse((await downloaded(page, 'Export view as JSON')).text);
  expect(json.find((row) => row.login === login).exempt).toBe('service account');
  expect(json.filter((row) => row.exempt !== null).length).toBe(1);
});
