// The first load carries the connect screen only: the seat views come in a wasm chunk of their own
// (scripts/build-app.mjs, src/parts.rs), fetched when the person first touches the connect form. A chunk
// that cannot be fetched is said, with a retry, and the page keeps working.
import { test, expect } from '@playwright/test';
import { SANDBOX, connect, resetSandbox, tokens } from './helpers.js';

const isChunk = (url) => /-split_[^/]*\.wasm$/.test(new URL(url).pathname);

test.beforeEach(async ({ request }) => {
  await resetSandbox(request);
});

test('opening the page fetches no chunk; the first touch of the connect form fetches the seat views', async ({ page }) => {
  const chunks = [];
  page.on('request', (request) => {
    if (isChunk(request.url())) chunks.push(request.url());
  });
  await page.goto(`/?host=custom&api=${encodeURIComponent(SANDBOX)}&org=acme&load=page`);
  await expect(page.getByRole('heading', { name: 'Connect to GitHub' })).toBeVisible();
  // Long enough for an eager fetch to have started: none may.
  await page.waitForTimeout(500);
  expect(chunks).toEqual([]);

  const fetched = page.waitForResponse((response) => isChunk(response.url()));
  await page.getByLabel('Token', { exact: true }).focus();
  expect((await fetched).status()).toBe(200);
  await page.getByLabel('Token', { exact: true }).fill(tokens().owner_classic);
  await page.getByRole('button', { name: 'Connect' }).click();
  await expect(page.getByRole('heading', { name: 'Organization acme' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Copilot billing for acme' })).toBeVisible();
  // Fetched once, though the form was touched many times.
  expect(chunks).toHaveLength(1);
});

test('a chunk that cannot be fetched is said with a retry, and the retry shows the seat views', async ({ page }) => {
  let refuse = true;
  await page.route(isChunk, (route) => (refuse ? route.abort('connectionfailed') : route.continue()));
  const pageErrors = [];
  page.on('pageerror', (error) => pageErrors.push(String(error)));

  await connect(page, { token: tokens().owner_classic });
  const alert = page.getByRole('alert').filter({ hasText: 'could not be loaded' });
  await expect(alert).toContainText('Part of this page (the seat views) could not be loaded');
  await expect(alert).toContainText('Nothing was read or changed');
  await expect(alert).toContainText('reload the page');
  // The way out the seat views would have offered is offered here too.
  await expect(alert.getByRole('button', { name: 'Disconnect and forget the token' })).toBeVisible();
  // The page is alive: no crash notice, and the connect form's session is intact.
  await expect(page.locator('.crash')).toHaveCount(0);

  refuse = false;
  await alert.getByRole('button', { name: 'Try again' }).click();
  await expect(page.getByRole('heading', { name: 'Organization acme' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Copilot billing for acme' })).toBeVisible();
  await expect(alert).toHaveCount(0);
  expect(pageErrors).toEqual([]);
});

test('from a chunk that cannot be fetched, Disconnect goes back to the connect form with the token gone', async ({ page }) => {
  await page.route(isChunk, (route) => route.abort('connectionfailed'));
  await connect(page, { token: tokens().owner_classic });
  const alert = page.getByRole('alert').filter({ hasText: 'could not be loaded' });
  await alert.getByRole('button', { name: 'Disconnect and forget the token' }).click();
  await expect(page.getByRole('heading', { name: 'Connect to GitHub' })).toBeVisible();
  await expect(page.getByLabel('Token', { exact: true })).toHaveValue('');
  await expect(alert).toHaveCount(0);
});
