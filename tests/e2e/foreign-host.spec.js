// An API address that is neither GitHub's nor this machine gets the token, so the connect form says so; when
// a link put the address there, Connect waits for an explicit yes; and an address the page's own
// Content-Security-Policy refuses fails at once, with what to do, instead of as retried network failures.
//
// How an Enterprise Server is tested here: the browser loads the app at https://copilot.example/ and asks
// for https://ghes.example/api/v3/…, and Playwright answers both from the local servers (the app's files,
// and the sandbox for the API). The one thing changed on the way is the page's policy, which gains
// ghes.example, as a publisher's `make dist GHES_ORIGINS=…` would write it.
import { test, expect } from '@playwright/test';
import { APP, SANDBOX, screenshot, tokens } from './helpers.js';

const SITE = 'https://copilot.example';
const GHES = 'https://ghes.example/api/v3';
const linkTo = (api) => `?host=custom&api=${encodeURIComponent(api)}&org=acme&load=page`;

/** Serves the app at SITE with ghes.example added to its connect-src, and ghes.example's API from the sandbox. */
async function serveEnterpriseServerCopy(page) {
  const arrivals = [];
  await page.route(`${SITE}/**`, async (route) => {
    const path = new URL(route.request().url()).pathname;
    const response = await route.fetch({ url: `${APP}${path}` });
    if (!(response.headers()['content-type'] ?? '').includes('text/html')) return route.fulfill({ response });
    const html = (await response.text()).replace("connect-src 'self'", "connect-src 'self' https://ghes.example");
    expect(html).toContain('https://ghes.example');
    await route.fulfill({ response, body: html });
  });
  await page.route('https://ghes.example/**', async (route) => {
    const url = new URL(route.request().url());
    arrivals.push(`${route.request().method()} ${url.pathname}`);
    const response = await route.fetch({ url: `${SANDBOX}${url.pathname.replace(/^\/api\/v3/, '')}${url.search}` });
    await route.fulfill({ response });
  });
  return arrivals;
}

// The routes above may still be answering when a test ends (the icon, the seat views' chunk fetched on the
// first touch of the form): let them go quietly.
test.afterEach(async ({ page }) => {
  await page.unrouteAll({ behavior: 'ignoreErrors' });
});

test('a link to a foreign address is named, waits for an explicit yes, and the page\'s policy refuses it at once', async ({ page }) => {
  const requests = [];
  page.on('request', (request) => requests.push(request.url()));
  const violations = [];
  await page.exposeFunction('reportViolation', (uri) => violations.push(uri));
  await page.addInitScript(() =>
    document.addEventListener('securitypolicyviolation', (event) => window.reportViolation(event.blockedURI)));
  await page.goto(`/${linkTo('https://api.attacker.example')}`);

  await expect(page.getByTestId('foreign-host')).toContainText(
    'Your token will be sent to api.attacker.example, which is not GitHub.com or GHE.com');
  await page.getByLabel('Token', { exact: true }).fill(tokens().owner_classic);
  await page.getByRole('button', { name: 'Connect' }).click();
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('Nothing was sent. The API address api.attacker.example came from a link');

  await page.getByTestId('foreign-host-confirm').check();
  await page.getByRole('button', { name: 'Connect' }).click();
  // At once: no retries of a refused request first (those take seconds).
  await expect(alert).toContainText('may not send requests to https://api.attacker.example', { timeout: 1000 });
  await expect(alert).toContainText('Content-Security-Policy');
  await expect(alert).toContainText('make dist GHES_ORIGINS="https://api.attacker.example"');
  await expect(page.getByText('Reading the billing summary')).toHaveCount(0);
  expect(requests.filter((url) => new URL(url).hostname.endsWith('attacker.example'))).toEqual([]);
  expect(violations).toEqual([]);
  await expect(alert).not.toContainText(tokens().owner_classic);

  for (const width of [390, 1366]) {
    await page.setViewportSize({ width, height: 900 });
    await screenshot(page, `foreign-host-refused-${width}`);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  }
});

test('an Enterprise Server from a link connects only after the yes, and then reads as any host', async ({ page }) => {
  const arrivals = await serveEnterpriseServerCopy(page);
  await page.goto(`${SITE}/${linkTo(GHES)}`);
  await expect(page.getByTestId('foreign-host')).toContainText('Your token will be sent to ghes.example');
  await page.getByLabel('Token', { exact: true }).fill(tokens().owner_classic);
  await page.getByRole('button', { name: 'Connect' }).click();
  await expect(page.getByRole('alert')).toContainText('Nothing was sent.');
  expect(arrivals).toEqual([]);

  await page.getByLabel(/I know ghes\.example: it is my own GitHub Enterprise Server/).check();
  for (const width of [390, 1366]) {
    await page.setViewportSize({ width, height: 900 });
    await screenshot(page, `foreign-host-confirm-${width}`);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  }
  await page.getByRole('button', { name: 'Connect' }).click();
  await expect(page.getByRole('heading', { name: 'Copilot billing for acme' })).toBeVisible();
  await expect(page.locator('.seat-grid tbody tr[data-login]').first()).toBeVisible();
  expect(arrivals).toContain('GET /api/v3/orgs/acme/copilot/billing');
});

test('an Enterprise Server address the person types is named but needs no extra yes', async ({ page }) => {
  const arrivals = await serveEnterpriseServerCopy(page);
  await page.goto(`${SITE}/?host=custom&org=acme&load=page`);
  await page.getByLabel('API URL').fill(GHES);
  await expect(page.getByTestId('foreign-host')).toContainText('Your token will be sent to ghes.example');
  await expect(page.getByTestId('foreign-host-confirm')).toHaveCount(0);
  await page.getByLabel('Token', { exact: true }).fill(tokens().owner_classic);
  await page.getByRole('button', { name: 'Connect' }).click();
  await expect(page.getByRole('heading', { name: 'Copilot billing for acme' })).toBeVisible();
  expect(arrivals.length).toBeGreaterThan(0);
});

test('editing the address a link put there makes it the person\'s own', async ({ page }) => {
  await serveEnterpriseServerCopy(page);
  await page.goto(`${SITE}/${linkTo('https://ghes.example/api/v4')}`);
  await expect(page.getByTestId('foreign-host-confirm')).toBeVisible();
  await page.getByLabel('API URL').fill(GHES);
  await expect(page.getByTestId('foreign-host')).toBeVisible();
  await expect(page.getByTestId('foreign-host-confirm')).toHaveCount(0);
});

test('GitHub.com, GHE.com and the loopback sandbox get no such warning', async ({ page }) => {
  for (const api of ['https://api.github.com', 'https://api.octocorp.ghe.com', SANDBOX]) {
    await page.goto(`/${linkTo(api)}`);
    await expect(page.getByLabel('API URL')).toHaveValue(api);
    await expect(page.getByTestId('foreign-host')).toHaveCount(0);
  }
});
