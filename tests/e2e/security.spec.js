// Token hygiene and page security: what leaves the page, where the token could linger, and what a
// person sees if the page ever crashes.
import { test, expect } from '@playwright/test';
import { APP, SANDBOX, connect, resetSandbox, sandboxState, screenshot, tokens } from './helpers.js';

test.beforeEach(async ({ request }) => {
  await resetSandbox(request);
});

// A switch left on (the redirect below) would break the specs that run after this one.
test.afterEach(async ({ request }) => {
  await resetSandbox(request);
});

/** Every place a token could be left behind, as text. */
async function traces(page) {
  return page.evaluate(() => JSON.stringify({
    url: location.href,
    history: history.length,
    local: Object.entries(localStorage),
    session: Object.entries(sessionStorage),
    cookies: document.cookie,
    html: document.documentElement.outerHTML,
    text: document.body.innerText,
  }));
}

test('every flow, reads and a write, talks only to the page and the configured API, and leaves the token nowhere', async ({ page, request }) => {
  const token = tokens().owner_classic;
  const requests = [];
  const consoleLines = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('console', (m) => consoleLines.push(m.text()));

  const state = await sandboxState(request);
  const member = state.orgs.find((org) => org.login === 'acme').seats[0].login;
  await connect(page, { token });
  await expect(page.getByTestId('page-position')).toBeVisible();
  await page.getByRole('button', { name: 'Load all seats' }).click();
  await expect(page.getByTestId('all-loaded')).toBeVisible({ timeout: 30_000 });
  await page.getByRole('button', { name: 'Never used', exact: true }).click();
  await page.getByRole('searchbox', { name: 'Search logins' }).fill('a');
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export view as CSV' }).click();
  await download;
  await page.getByRole('tab', { name: 'Member lookup' }).click();
  await page.getByLabel('Username').fill(member);
  await page.getByRole('button', { name: 'Look up' }).click();
  await expect(page.getByRole('heading', { name: `${member} has a Copilot seat in acme.` })).toBeVisible();
  await page.getByRole('button', { name: 'Refresh' }).click();
  // A write too: revoke one directly assigned seat, through the confirmation dialog, and export the log.
  const acme = state.orgs.find((org) => org.login === 'acme');
  const direct = acme.seats.find((seat) => seat.assigning_team === null && seat.pending_cancellation_date === null).login;
  await page.getByRole('tab', { name: 'Manage seats' }).click();
  const form = page.getByRole('region', { name: "Revoke users' seats" });
  await form.getByLabel('Usernames to revoke').fill(direct);
  await form.getByRole('button', { name: "Revoke users' seats…" }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('button', { name: 'Revoke 1 seat' }).click();
  await expect(dialog.getByRole('button', { name: 'Close' })).toBeVisible({ timeout: 30_000 });
  await dialog.getByRole('button', { name: 'Close' }).click();
  const logDownload = page.waitForEvent('download');
  await page.getByRole('button', { name: /Export activity log/ }).click();
  await logDownload;
  expect((await sandboxState(request)).orgs.find((org) => org.login === 'acme').seats.find((seat) => seat.login === direct).pending_cancellation_date).not.toBeNull();

  const foreign = requests.filter((url) => !url.startsWith(`${APP}/`) && !url.startsWith(`${SANDBOX}/`) && !url.startsWith('blob:'));
  expect(foreign).toEqual([]);
  expect(requests.some((url) => url.startsWith(`${SANDBOX}/orgs/acme/`))).toBeTruthy();
  expect(requests.filter((url) => url.includes(token))).toEqual([]);
  expect(await traces(page)).not.toContain(token);
  expect(consoleLines.filter((line) => line.includes(token))).toEqual([]);
});

test('the token is kept in sessionStorage only when asked, and "Forget token" wipes it', async ({ page }) => {
  const token = tokens().owner_classic;
  await page.goto(`/?host=custom&api=${encodeURIComponent(SANDBOX)}&org=acme&load=page`);
  await page.getByLabel('Token', { exact: true }).fill(token);
  await page.getByLabel('Remember the token in this tab').check();
  await page.getByRole('button', { name: 'Connect' }).click();
  await expect(page.getByTestId('page-position')).toBeVisible();
  // Stored as a record with its API address and time (see token-life.spec.js), never in localStorage.
  expect((await page.evaluate(() => Object.values(sessionStorage))).some((value) => value.includes(token))).toBeTruthy();
  expect((await page.evaluate(() => Object.values(localStorage))).some((value) => value.includes(token))).toBeFalsy();

  // A reload in the same tab finds it again: that is what the person asked for.
  await page.reload();
  await expect(page.getByLabel('Token', { exact: true })).toHaveValue(token);
  await page.getByRole('button', { name: 'Forget token' }).click();
  await expect(page.getByLabel('Token', { exact: true })).toHaveValue('');
  expect(await traces(page)).not.toContain(token);
  await page.reload();
  await expect(page.getByLabel('Token', { exact: true })).toHaveValue('');
  expect(await traces(page)).not.toContain(token);
});

test('without "remember", a reload forgets the token', async ({ page }) => {
  const token = tokens().owner_classic;
  await connect(page, { token });
  await expect(page.getByTestId('page-position')).toBeVisible();
  await page.reload();
  await expect(page.getByLabel('Token', { exact: true })).toHaveValue('');
  expect(await traces(page)).not.toContain(token);
});

test('the built page carries a Content-Security-Policy under which no inline script runs, and it has none', async ({ page }) => {
  const violations = [];
  page.on('console', (m) => { if (/Content Security Policy/i.test(m.text())) violations.push(m.text()); });
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Connect to GitHub' })).toBeVisible();
  const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  // The page starts from start.js (scripts/build-app.mjs): no inline script, so no hash is allowed either.
  expect(policy).toContain("script-src 'self' 'wasm-unsafe-eval'; ");
  expect(policy).not.toContain('inline-script-hashes');
  expect(await page.locator('script:not([src])').count()).toBe(0);
  expect(policy).toContain("connect-src 'self' https://api.github.com https://*.ghe.com");
  expect(policy).toContain("object-src 'none'");
  expect(policy).toContain("base-uri 'none'");
  expect(violations).toEqual([]);
  // An injected inline script is refused by the policy.
  const ran = await page.evaluate(() => {
    window.injected = false;
    const script = document.createElement('script');
    script.textContent = 'window.injected = true';
    document.body.append(script);
    return window.injected;
  });
  expect(ran).toBe(false);
});

test('a redirect is never followed: the page says so, does not retry, and nothing reaches where it pointed', async ({ page, request }) => {
  // Another origin of the same sandbox (localhost, not 127.0.0.1): the page's policy would let a followed
  // redirect through, so only the app's own refusal keeps the count at zero.
  const landing = `http://localhost:${new URL(SANDBOX).port}/_sandbox/landed`;
  const on = await request.post(`${SANDBOX}/_sandbox/redirect`, { data: { location: landing } });
  expect(on.ok()).toBeTruthy();
  // Answered requests: Playwright lists the redirect's target as a request of its own even when the
  // browser never sends it (it then fails as aborted), so only a finished one would mean it was followed.
  const requests = [];
  page.on('requestfinished', (r) => requests.push(r.url()));

  await connect(page, { token: tokens().owner_classic });
  const alert = page.getByRole('alert').first();
  await expect(alert).toContainText('The API answered with a redirect, which this app never follows');
  await expect(alert).toContainText('Check the API address');
  await page.waitForTimeout(1500);

  const state = await (await request.get(`${SANDBOX}/_sandbox/redirect`)).json();
  expect(state.landed).toBe(0);
  expect(requests.filter((url) => url.startsWith('http://localhost'))).toEqual([]);
  // The redirect was met (the sandbox answered the app's requests), and each request was sent once.
  const api = requests.filter((url) => url.startsWith(`${SANDBOX}/orgs/acme/`));
  expect(api.length).toBeGreaterThan(0);
  expect(new Set(api).size).toBe(api.length);
  await screenshot(page, 'redirect-refused');
});

test('the policy has no \'unsafe-inline\', and the grid still sizes its rows with no policy violation', async ({ page }) => {
  // Every refusal of the policy, as the page itself sees it and as the console reports it.
  await page.addInitScript(() => {
    window.cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  const consoleViolations = [];
  page.on('console', (m) => { if (/Content Security Policy/i.test(m.text())) consoleViolations.push(m.text()); });
  await connect(page, { token: tokens().owner_classic });
  await expect(page.getByTestId('page-position')).toBeVisible();
  const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(policy).not.toContain('unsafe-inline');
  expect(policy).not.toContain('style-src-attr');

  // The sizes the grid sets (540 px viewport, 36 px rows, spacers below the rendered rows) are in effect.
  const viewport = page.locator('.table-viewport');
  await expect(viewport.locator('tbody tr[data-login]').first()).toBeVisible();
  const sizes = () => viewport.evaluate((element) => ({
    viewport: getComputedStyle(element).height,
    anchor: getComputedStyle(element).overflowAnchor,
    row: element.querySelector('tbody tr[data-login]').getBoundingClientRect().height,
    spacers: [...element.querySelectorAll('tr.spacer')].map((tr) => tr.getBoundingClientRect().height),
  }));
  const before = await sizes();
  expect(before.viewport).toBe('540px');
  expect(before.anchor).toBe('none');
  expect(before.row).toBe(36);
  // (A spacer of no rows still shows half a pixel of the collapsed border beside it.)
  expect(before.spacers[0]).toBeLessThan(1);
  expect(before.spacers[1]).toBeGreaterThan(36);
  // Scrolled down, the top spacer grows: the reactive sizes are applied too.
  await viewport.evaluate((element) => { element.scrollTop = 36 * 20; });
  await expect.poll(async () => (await sizes()).spacers[0]).toBeGreaterThan(36);

  expect(await page.evaluate(() => window.cspViolations)).toEqual([]);
  expect(consoleViolations).toEqual([]);
});

test('a panic shows a visible notice instead of a frozen page', async ({ page }) => {
  await page.goto('/?crash-test');
  await expect(page.getByRole('alert')).toContainText('Something went wrong and this page stopped working');
});

test('inside another site\'s frame the page does not mount, and offers to open on its own', async ({ page }) => {
  // A page of another origin may not frame loopback in Chromium (Private Network Access), so the framing
  // page here is written into a blank page of the app's own origin: framed all the same.
  // (The app's own page would lend the framing page its policy, whose default-src 'none' forbids frames:
  // the static server's plain 404 page has none.)
  await page.goto(`${APP}/no-such-page`);
  await page.setContent(`<!DOCTYPE html><iframe src="${APP}/?host=github&org=acme" width="800" height="400"></iframe>`);
  const frame = page.frameLocator('iframe');
  const link = frame.getByRole('link', { name: 'Open Copilot seats on its own' });
  await expect(link).toBeVisible();
  await expect(link).toHaveAttribute('target', '_blank');
  await expect(frame.getByLabel('Token', { exact: true })).toHaveCount(0);
  await expect(frame.getByRole('button', { name: 'Connect' })).toHaveCount(0);
});
