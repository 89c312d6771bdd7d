// The built page loads, renders its first screen, and makes no failed request and no console error; every
// file it names (public/ included) is served, and its policy lets the browser use the icon and manifest.
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

test('every file the page names is served and allowed by its policy: styles, scripts, the icon, the manifest and its icon', async ({ page, request }) => {
  const consoleErrors = [];
  const failedRequests = [];
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('requestfailed', (request) => failedRequests.push(request.url()));
  page.on('response', (response) => {
    if (response.status() >= 400) failedRequests.push(`${response.status()} ${response.url()}`);
  });
  // The browser asks for the icon by itself, after the page has loaded: waited for, not assumed. (Chromium
  // remembers an icon that failed and does not ask again in the same run: then the wait times out.)
  const icon = page.waitForResponse((response) => new URL(response.url()).pathname === '/favicon.svg', { timeout: 10_000 });
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Connect to GitHub' })).toBeVisible();
  expect((await icon).status()).toBe(200);

  // Headless Chromium loads the manifest only when asked; DevTools asks as an install prompt would, under
  // the page's policy (without `manifest-src 'self'` it is blocked, with a console error, and comes back empty).
  const cdp = await page.context().newCDPSession(page);
  const { url, errors, manifest } = await cdp.send('Page.getAppManifest');
  expect(url).toBe(`${APP}/manifest.webmanifest`);
  expect(errors).toEqual([]);
  expect(manifest.name).toBe('Copilot seats');
  expect(manifest.startUrl).toBe(`${APP}/`);
  expect(manifest.icons.map((entry) => entry.url)).toEqual([`${APP}/favicon.svg`]);

  const named = await page.evaluate(() => [...document.querySelectorAll('link[href], script[src]')].map((element) => element.href || element.src));
  expect(named).toEqual(expect.arrayContaining([`${APP}/favicon.svg`, `${APP}/manifest.webmanifest`]));
  const types = { css: 'text/css', js: 'text/javascript', wasm: 'application/wasm', svg: 'image/svg+xml', webmanifest: 'application/manifest+json' };
  for (const address of new Set([...named, ...manifest.icons.map((entry) => entry.url)])) {
    const answer = await request.get(address);
    expect(answer.status(), address).toBe(200);
    expect(answer.headers()['content-type'], address).toContain(types[address.split('.').pop()]);
  }
  expect(consoleErrors).toEqual([]);
  expect(failedRequests).toEqual([]);
});
