// Leaving the seats for another tab while they are still being read: the read ends after its panel is
// gone, and must end quietly. (Found against Prism, whose generated answers come slowly enough for a person
// to switch tabs first: the page panicked with "Tried to access a reactive value that has already been
// disposed" and showed "this page stopped working".)
import { test, expect } from '@playwright/test';
import { SANDBOX, connect, resetSandbox, tokens } from './helpers.js';

test.beforeEach(async ({ request }) => {
  await resetSandbox(request);
  const slow = await request.post(`${SANDBOX}/_sandbox/faults`, { data: { latency_ms: 800 } });
  expect(slow.ok()).toBe(true);
});

/** The page's panics (the console) and its crash notice, as a person and a developer would see them. */
function panics(page) {
  const found = [];
  page.on('console', (message) => {
    if (message.type() === 'error' && message.text().includes('panicked')) found.push(message.text().split('\n')[1]);
  });
  return found;
}

function isSeatPage(response) {
  return new URL(response.url()).pathname.endsWith('/copilot/billing/seats') && response.request().method() === 'GET';
}

test('switching to Member lookup before the first page of seats has come leaves the page working', async ({ page }) => {
  const found = panics(page);
  const answered = page.waitForResponse(isSeatPage);
  await connect(page, { token: tokens().owner_classic });
  await page.getByRole('tab', { name: 'Member lookup' }).click();
  await answered;
  await page.waitForTimeout(500);
  expect(found).toEqual([]);
  await expect(page.getByText('this page stopped working')).toHaveCount(0);
  // Still working: the lookup answers.
  await page.getByLabel('Username').fill('nobody-here');
  await page.getByRole('button', { name: 'Look up' }).click();
  await expect(page.getByRole('heading', { name: 'nobody-here has no Copilot seat in acme.' })).toBeVisible();
});

test('switching to Member lookup while "Load all seats" runs stops it and leaves the page working', async ({ page }) => {
  const found = panics(page);
  await connect(page, { token: tokens().owner_classic });
  await expect(page.getByTestId('page-position')).toBeVisible();
  await page.getByRole('button', { name: 'Load all seats' }).click();
  await expect(page.getByRole('button', { name: 'Stop' })).toBeVisible();
  await page.getByRole('tab', { name: 'Member lookup' }).click();
  // The loader checks its stop flag every quarter second and aborts what it has out; the answers it was
  // waiting for are due within 800 ms.
  await page.waitForTimeout(2_000);
  expect(found).toEqual([]);
  await expect(page.getByText('this page stopped working')).toHaveCount(0);
  await page.getByRole('tab', { name: 'Seats', exact: true }).click();
  await expect(page.getByTestId('page-position')).toBeVisible();
});
