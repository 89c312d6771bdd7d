// On a GitHub Pages address (OWNER.github.io) every Pages site of the owner shares the page's origin: the
// connect form says so and never offers to remember the token there, nor fills in one stored there.
//
// How a github.io address is tested here: the browser really loads https://octo.github.io/copilot-seats/,
// and Playwright answers each of those requests with the same file from the local static server (nothing
// goes out, no certificate is needed, and the browser's HSTS preload of github.io does not matter). The
// page thus runs with `location.hostname` = octo.github.io, with no test-only switch in the build.
import { test, expect } from '@playwright/test';
import { APP, SANDBOX, screenshot, tokens } from './helpers.js';

const PAGES = 'https://octo.github.io/copilot-seats/';
const LINK = `?host=custom&api=${encodeURIComponent(SANDBOX)}&org=acme`;
const KEY = 'copilot-seats.token';
const REMEMBER = 'Remember the token in this tab for 8 hours (sessionStorage)';

test.beforeEach(async ({ page }) => {
  await page.route('https://octo.github.io/**', async (route) => {
    const path = new URL(route.request().url()).pathname.replace(/^\/copilot-seats\//, '/');
    const response = await route.fetch({ url: `${APP}${path}` });
    await route.fulfill({ response });
  });
});

// A request the page starts as a test ends (the icon, say) would otherwise fail the test from inside its
// route handler: the page is going away, so its unanswered requests do not matter.
test.afterEach(async ({ page }) => {
  await page.unrouteAll({ behavior: 'ignoreErrors' });
});

test('on a github.io address the form warns that the origin is shared and offers no "remember"', async ({ page }) => {
  await page.goto(PAGES + LINK);
  expect(await page.evaluate(() => location.hostname)).toBe('octo.github.io');
  const warning = page.getByTestId('shared-origin');
  await expect(warning).toContainText('runs at octo.github.io, an address shared by every GitHub Pages site of octo');
  await expect(warning).toContainText('the token is not remembered here');
  await expect(page.getByLabel(REMEMBER)).toHaveCount(0);
  for (const width of [390, 1366]) {
    await page.setViewportSize({ width, height: 900 });
    await screenshot(page, `shared-origin-${width}`);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  }
});

test('on a github.io address a token stored by an earlier copy is not filled in', async ({ page }) => {
  await page.goto(PAGES + LINK);
  await page.evaluate(({ key, record }) => sessionStorage.setItem(key, JSON.stringify(record)), {
    key: KEY,
    record: { token: tokens().owner_classic, base: SANDBOX, remembered_at_ms: Date.now() },
  });
  await page.reload();
  await expect(page.getByTestId('shared-origin')).toBeVisible();
  await expect(page.getByLabel('Token', { exact: true })).toHaveValue('');
});

test('on the app\'s own address there is no such warning, and "remember" is offered', async ({ page }) => {
  await page.goto(`${APP}/${LINK}`);
  await expect(page.getByLabel(REMEMBER)).toBeVisible();
  await expect(page.getByTestId('shared-origin')).toHaveCount(0);
});
