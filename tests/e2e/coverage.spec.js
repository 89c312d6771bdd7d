// Every figure above the grid says which set of seats it covers: one page of thousands must not read as
// the organization's.
import { test, expect } from '@playwright/test';
import { connect, downloaded, parseCsv, resetSandbox, screenshot, tokens } from './helpers.js';

test.beforeEach(async ({ request }) => resetSandbox(request));

async function exportedName(page, button) {
  const downloadPromise = page.waitForEvent('download');
  await page.getByRole('button', { name: button }).click();
  return (await downloadPromise).suggestedFilename();
}

test('the figures of one page say they cover 50 of 2,000 seats, then every seat after Load all', async ({ page }) => {
  await connect(page, { token: tokens().owner_classic });
  const coverage = page.getByTestId('coverage');
  await expect(coverage).toHaveText(
    'These figures cover only the 50 seats loaded, of 2,000 seats: press \u201cLoad all seats\u201d for the organization\'s.',
  );
  expect(await exportedName(page, 'Export all as CSV')).toMatch(/^copilot-seats-acme-partial-\d{4}-\d{2}-\d{2}\.csv$/);
  await page.setViewportSize({ width: 390, height: 844 });
  await screenshot(page, 'coverage-partial-390');
  const wide = await page.evaluate(() => [...document.querySelectorAll('body *')]
    .filter((el) => el.getBoundingClientRect().right > 391 && !el.closest('.table-viewport'))
    .map((el) => `${el.tagName}.${el.className} ${Math.round(el.getBoundingClientRect().right)}`).slice(0, 8));
  expect(wide).toEqual([]);
  await page.setViewportSize({ width: 1366, height: 900 });

  await page.getByRole('button', { name: 'Load all seats' }).click();
  await expect(page.getByTestId('all-loaded')).toContainText('All 2,000 seats loaded', { timeout: 30_000 });
  await expect(coverage).toHaveText('These figures cover every seat of the organization: all 2,000 seats loaded.');
  expect(await exportedName(page, 'Export view as JSON')).toMatch(/^copilot-seats-acme-all-\d{4}-\d{2}-\d{2}\.json$/);
  await screenshot(page, 'coverage-all-1366');
});

test('the enterprise breakdown of one page says it covers only the grants loaded', async ({ page }) => {
  await connect(page, { token: tokens().owner_classic, enterprise: 'acme-corp' });
  const note = page.getByTestId('enterprise-coverage');
  await expect(note).toContainText('These figures cover only the 50 seat grants loaded, of ');
  await expect(note).toContainText('the enterprise\'s');
  await page.getByRole('button', { name: 'Load all seats' }).click();
  await expect(page.getByTestId('all-loaded')).toBeVisible({ timeout: 30_000 });
  await expect(note).toContainText('These figures cover every seat of the enterprise');
});

test('every exported row says whether the file holds every seat, in CSV and JSON', async ({ page }) => {
  await connect(page, { token: tokens().owner_classic });
  await expect(page.getByTestId('page-position')).toBeVisible({ timeout: 30_000 });
  const page1 = await downloaded(page, 'Export all as CSV');
  expect(page1.name).toMatch(/-acme-partial-/);
  const [header, ...rows] = parseCsv(page1.text);
  expect(header.slice(-2)).toEqual(['coverage', 'coverage_note']);
  expect(rows.length).toBe(50);
  expect(rows.every((row) => row.length === header.length && row.at(-2) === 'partial' && row.at(-1) === '50 of 2,000 seats loaded')).toBe(true);

  await page.getByRole('button', { name: 'Load all seats' }).click();
  await expect(page.getByTestId('all-loaded')).toContainText('All 2,000 seats loaded', { timeout: 30_000 });
  const all = await downloaded(page, 'Export view as JSON');
  expect(all.name).toMatch(/-acme-all-/);
  const seats = JSON.parse(all.text);
  expect(seats.length).toBe(2000);
  expect(seats.every((seat) => seat.coverage === 'all' && seat.coverage_note === 'all 2,000 seats of the organization')).toBe(true);
});
