// Cost by team: each user charged once, the rows adding up to the grid's figures, and a CSV whose sums
// are the table's.
import { test, expect } from '@playwright/test';
import { connect, countIn, downloaded, parseCsv, resetSandbox, screenshot, tokens } from './helpers.js';

test.beforeEach(async ({ request }) => resetSandbox(request));

/** "$1,234.50" as cents. */
const cents = (text) => Math.round(Number(String(text).replace(/[$,]/g, '')) * 100);

test('cost by team adds up to the grid, sorts, and exports a CSV with the same sums', async ({ page }) => {
  await connect(page, { token: tokens().owner_classic, everySeat: true });
  await expect(page.getByTestId('all-loaded')).toContainText('All 2,000 seats loaded', { timeout: 30_000 });
  await page.getByRole('heading', { name: 'Cost by team' }).click();
  const table = page.getByTestId('chargeback');
  await expect(table).toBeVisible();

  const rows = table.locator('tbody tr');
  const cellsOf = async (row) => (await row.locator('td').allInnerTexts()).map((text) => text.trim());
  const all = await Promise.all((await rows.all()).map(cellsOf));
  const total = all.at(-1);
  const groups = all.slice(0, -1);
  expect(total[0]).toBe('All');
  expect(groups.length).toBeGreaterThan(1);
  // An organization's list holds each user once: every seat is a billed user.
  expect(countIn(total[1])).toBe(2000);
  expect(groups.reduce((sum, row) => sum + countIn(row[1]), 0)).toBe(2000);
  // The idle column is the grid's idle cost; idle seats are its inactive and never-used seats.
  expect(cents(total[4])).toBe(cents(await page.getByTestId('idle-cost').innerText()));
  const idleSeats = countIn(await page.getByTestId('count-inactive').innerText())
    + countIn(await page.getByTestId('count-never-used').innerText());
  expect(countIn(total[2])).toBe(idleSeats);
  // Dearest idle cost first, by default.
  const idle = groups.map((row) => cents(row[4]));
  expect(idle).toEqual([...idle].sort((a, b) => b - a));

  // Sorting by name, A to Z.
  await table.getByRole('button', { name: 'Granted by' }).click();
  await expect(table.locator('th').first()).toHaveAttribute('aria-sort', 'ascending');
  const names = (await Promise.all((await rows.all()).map(cellsOf))).slice(0, -1).map((row) => row[0].toLowerCase());
  expect(names).toEqual([...names].sort());

  const csv = await downloaded(page, 'Export cost by team as CSV');
  expect(csv.name).toMatch(/^copilot-seats-acme-chargeback-by-team-all-\d{4}-\d{2}-\d{2}\.csv$/);
  const [header, ...lines] = parseCsv(csv.text).filter((row) => row.length > 1);
  expect(header).toEqual(['Granted by', 'seats', 'idle_seats', 'monthly_cost_usd', 'idle_monthly_cost_usd', 'coverage', 'coverage_note']);
  const csvTotal = lines.at(-1);
  const csvGroups = lines.slice(0, -1);
  expect(csvTotal[0]).toBe('All');
  expect(csvGroups.length).toBe(groups.length);
  for (const column of [1, 2]) {
    expect(csvGroups.reduce((sum, row) => sum + Number(row[column]), 0)).toBe(Number(csvTotal[column]));
  }
  for (const column of [3, 4]) {
    expect(csvGroups.reduce((sum, row) => sum + cents(row[column]), 0)).toBe(cents(csvTotal[column]));
  }
  expect(cents(csvTotal[4])).toBe(cents(total[4]));
  expect(csvTotal[5]).toBe('all');

  await page.getByRole('heading', { name: 'Cost by team' }).scrollIntoViewIfNeeded();
  await screenshot(page, 'chargeback-1366');
  await page.locator('details.chargeback').screenshot({ path: `${process.env.E2E_OUTPUT ?? 'test-results'}/screens/chargeback-card-1366.png` });
  await page.setViewportSize({ width: 390, height: 844 });
  await screenshot(page, 'chargeback-390');
  await page.locator('details.chargeback').screenshot({ path: `${process.env.E2E_OUTPUT ?? 'test-results'}/screens/chargeback-card-390.png` });
  const wide = await page.evaluate(() => [...document.querySelectorAll('body *')]
    .filter((el) => el.getBoundingClientRect().right > 391 && !el.closest('.table-viewport, .per-org-scroll'))
    .map((el) => `${el.tagName}.${el.className} ${Math.round(el.getBoundingClientRect().right)}`).slice(0, 8));
  expect(wide).toEqual([]);
});

test('for an enterprise, cost by organization charges each user once, to one organization', async ({ page }) => {
  await connect(page, { token: tokens().owner_classic, enterprise: 'acme-corp', everySeat: true });
  await expect(page.getByTestId('all-loaded')).toContainText('seats loaded', { timeout: 30_000 });
  await page.getByRole('heading', { name: 'Cost by team' }).click();
  await page.getByRole('button', { name: 'By organization' }).click();
  const table = page.getByTestId('chargeback');
  await expect(table.locator('th').first()).toHaveText('Organization');
  const cells = async (row) => (await row.locator('td').allInnerTexts()).map((text) => text.trim());
  const all = await Promise.all((await table.locator('tbody tr').all()).map(cells));
  const total = all.at(-1);
  // Billed users are unique users, fewer than the grants of users in several organizations.
  expect(countIn(total[1])).toBe(countIn(await page.getByTestId('unique-users').innerText()));
  expect(countIn(total[1])).toBeLessThan(countIn(await page.getByTestId('grants').innerText()));
  expect(all.slice(0, -1).reduce((sum, row) => sum + countIn(row[1]), 0)).toBe(countIn(total[1]));
  expect(cents(total[4])).toBe(cents(await page.getByTestId('idle-cost').innerText()));
  await screenshot(page, 'chargeback-enterprise-1366');
});
