// The remembered token's life: offered again only for the API base it was remembered for, only for
// 8 hours, never after Disconnect; and a load of every seat stops when the person disconnects.
import { test, expect } from '@playwright/test';
import { SANDBOX, resetSandbox, screenshot, tokens } from './helpers.js';

const KEY = 'copilot-seats.token';
const SANDBOX_LINK = `/?host=custom&api=${encodeURIComponent(SANDBOX)}&org=acme&load=page`;

test.beforeEach(async ({ request }) => {
  await resetSandbox(request);
});

/** Connects to the sandbox with "remember" ticked, the way a person would. */
async function connectRemembering(page, token) {
  await page.goto(SANDBOX_LINK);
  await page.getByLabel('Token', { exact: true }).fill(token);
  await page.getByLabel('Remember the token in this tab for 8 hours (sessionStorage)').check();
  await page.getByRole('button', { name: 'Connect' }).click();
  await expect(page.getByTestId('page-position')).toBeVisible();
}

test('the remembered token is a record of token, base and time, offered again for its own base', async ({ page }) => {
  const token = tokens().owner_classic;
  await connectRemembering(page, token);
  const record = JSON.parse(await page.evaluate((key) => sessionStorage.getItem(key), KEY));
  expect(record.token).toBe(token);
  expect(record.base).toBe(SANDBOX);
  expect(Math.abs(record.remembered_at_ms - Date.now())).toBeLessThan(60_000);

  await page.reload();
  await expect(page.getByLabel('Token', { exact: true })).toHaveValue(token);
});

test('a link naming another API address is not offered the remembered token', async ({ page }) => {
  const token = tokens().owner_classic;
  await connectRemembering(page, token);
  // Another page in the same tab sends the person to a link with a listener's address.
  await page.goto('/?host=custom&api=http%3A%2F%2F127.0.0.1%3A4444&org=acme');
  await expect(page.getByRole('button', { name: 'Connect' })).toBeVisible();
  await expect(page.getByLabel('Token', { exact: true })).toHaveValue('');
  await expect(page.getByLabel('Remember the token in this tab for 8 hours (sessionStorage)')).not.toBeChecked();
  // Moving the form back to the address it was remembered for offers it again, and away takes it out.
  await page.getByLabel('API URL').fill(SANDBOX);
  await expect(page.getByLabel('Token', { exact: true })).toHaveValue(token);
  await page.getByLabel('API URL').fill('http://127.0.0.1:4444');
  await expect(page.getByLabel('Token', { exact: true })).toHaveValue('');
});

test('the remembered token is gone 8 hours after it was remembered', async ({ page }) => {
  const token = tokens().owner_classic;
  await connectRemembering(page, token);
  // Age the record by a little over 8 hours, as if the tab had been restored the next morning.
  await page.evaluate((key) => {
    const record = JSON.parse(sessionStorage.getItem(key));
    record.remembered_at_ms -= 8 * 60 * 60 * 1000 + 1000;
    sessionStorage.setItem(key, JSON.stringify(record));
  }, KEY);
  await page.reload();
  await expect(page.getByRole('button', { name: 'Connect' })).toBeVisible();
  await expect(page.getByLabel('Token', { exact: true })).toHaveValue('');
});

test('"Disconnect and forget the token" forgets it: the form does not fill it in again', async ({ page }) => {
  const token = tokens().owner_classic;
  await connectRemembering(page, token);
  await page.getByRole('button', { name: 'Disconnect and forget the token' }).click();
  await expect(page.getByLabel('Token', { exact: true })).toHaveValue('');
  expect(await page.evaluate((key) => sessionStorage.getItem(key), KEY)).toBeNull();
  await page.reload();
  await expect(page.getByLabel('Token', { exact: true })).toHaveValue('');
});

test('Disconnect during "Load all seats" stops every request', async ({ page, request }) => {
  const faults = await request.post(`${SANDBOX}/_sandbox/faults`, { data: { latency_ms: 300 } });
  expect(faults.ok()).toBeTruthy();
  await page.goto(SANDBOX_LINK);
  await page.getByLabel('Token', { exact: true }).fill(tokens().owner_classic);
  await page.getByRole('button', { name: 'Connect' }).click();
  await expect(page.getByTestId('page-position')).toBeVisible();
  // One request at a time: 20 pages at 300 ms each take 6 s, so Disconnect lands mid-load.
  await page.getByLabel('Requests at once').selectOption('1');
  await page.getByRole('button', { name: 'Load all seats' }).click();
  await expect(page.getByRole('button', { name: 'Stop' })).toBeVisible();

  const apiRequests = [];
  await page.getByRole('button', { name: 'Disconnect and forget the token' }).click();
  page.on('request', (r) => {
    if (r.url().startsWith(SANDBOX) && !new URL(r.url()).pathname.startsWith('/_sandbox/')) apiRequests.push(r.url());
  });
  await expect(page.getByRole('button', { name: 'Connect' })).toBeVisible();
  await page.waitForTimeout(3000);
  expect(apiRequests).toEqual([]);
});

test('the token field is not a password field, so password managers do not offer to save it', async ({ page }) => {
  await page.goto(SANDBOX_LINK);
  const field = page.getByLabel('Token', { exact: true });
  // A password input in a form is what browsers and password managers take for a login.
  await expect(page.locator('input[type="password"]')).toHaveCount(0);
  await expect(field).toHaveAttribute('type', 'text');
  await expect(field).toHaveAttribute('autocomplete', 'off');
  await expect(field).toHaveAttribute('data-1p-ignore', '');
  await expect(field).toHaveAttribute('data-lpignore', 'true');
  await expect(field).toHaveAttribute('data-bwignore', '');
  await expect(field).toHaveAttribute('data-form-type', 'other');
  // Still masked on screen, as a password field would be.
  await field.fill(tokens().owner_classic);
  expect(await field.evaluate((input) => getComputedStyle(input).webkitTextSecurity)).toBe('disc');
  for (const width of [390, 1366]) {
    await page.setViewportSize({ width, height: 900 });
    await screenshot(page, `token-field-masked-${width}`);
  }
});

for (const how of ['Enter', 'the Connect button']) {
  test(`connecting still works by ${how}`, async ({ page }) => {
    await page.goto(SANDBOX_LINK);
    const field = page.getByLabel('Token', { exact: true });
    await field.fill(tokens().owner_classic);
    if (how === 'Enter') await field.press('Enter');
    else await page.getByRole('button', { name: 'Connect' }).click();
    await expect(page.getByTestId('page-position')).toBeVisible();
  });
}

test('the connect form at phone and desktop widths', async ({ page }) => {
  for (const width of [390, 1366]) {
    await page.setViewportSize({ width, height: 900 });
    await page.goto(SANDBOX_LINK);
    await expect(page.getByLabel('Remember the token in this tab for 8 hours (sessionStorage)')).toBeVisible();
    await screenshot(page, `token-life-connect-${width}`);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  }
});
