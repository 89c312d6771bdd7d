// The built page loads, renders its first screen, and makes no failed request and no console error.
import { test, expect } from '@playwright/test';
import { APP, screenshot } from './helpers.js';

test('the built page renders the connect screen with no console error and no failed request', async ({ page }) => {
  const consoleErrors = [];
  const failedRequests = [];
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(String(error)));
  page.on('requestfailed', (request) => failedRequests.push(request.url()));
  page.on('response', (response) => {
    if (response.status() >= 400) failedRequests.push(`${response.status()} ${response.url()}`);
  });

  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Copilot seats' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Connect to GitHub' })).toBeVisible();
  // Masked, but not a password field (password managers would offer to save it: see token-life.spec.js).
  const token = page.getByLabel('Token', { exact: true });
  await expect(token).toHaveAttribute('type', 'text');
  expect(await token.evaluate((input) => getComputedStyle(input).webkitTextSecurity)).toBe('disc');
  await screenshot(page, 'connect');

  expect(consoleErrors).toEqual([]);
  expect(failedRequests).toEqual([]);
});

test('an invalid organization name is refused before any request leaves the page', async ({ page }) => {
  const apiRequests = [];
  page.on('request', (request) => {
    if (!request.url().startsWith(`${APP}/`)) apiRequests.push(request.url());
  });
  await page.goto('/');
  await page.getByRole('textbox', { name: 'Organization' }).fill('a/../b');
  await page.getByLabel('Token', { exact: true }).fill('ghp_example');
  await page.getByRole('button', { name: 'Connect' }).click();
  await expect(page.getByRole('alert')).toContainText('only letters, digits and hyphens');
  expect(apiRequests).toEqual([]);
});
