// axe-core on every screen and dialog, in light and in dark mode: no violation of its default rules (WCAG 2.x
// A and AA, contrast included, and its best practices; AAA and experimental rules are off by default). Each
// screen is opened once and checked in both colour schemes.
//
// axe is injected with Playwright's evaluate (the DevTools protocol), which the page's strict
// Content-Security-Policy (`script-src 'self' 'wasm-unsafe-eval' 'sha256-…'`) does not govern: no
// `bypassCSP` is needed, so the page is checked under its own policy. The first test proves it: axe runs and
// finds the page's elements.
import AxeBuilder from '@axe-core/playwright';
import { test, expect } from '@playwright/test';
import { tokens } from './helpers.js';
import { pageScreens, sandboxScreens } from './screens.js';

function describe(violations) {
  return violations
    .map((v) => `${v.id} (${v.impact}): ${v.help}\n${v.nodes.slice(0, 4).map((n) => `  ${n.target.join(' ')}: ${n.failureSummary.replace(/\n/g, ' ')}`).join('\n')}`)
    .join('\n');
}

async function expectNoViolations(page, name) {
  for (const scheme of ['light', 'dark']) {
    await page.emulateMedia({ colorScheme: scheme });
    const results = await new AxeBuilder({ page }).analyze();
    // axe ran in the page: it looked at elements (an injection the policy blocked would look at none).
    expect(results.passes.length, `${name}, ${scheme}: axe checked nothing`).toBeGreaterThan(0);
    expect(results.passes.map((p) => p.id), `${name}, ${scheme}: contrast was checked`).toContain('color-contrast');
    expect(results.violations, `${name}, ${scheme}:\n${describe(results.violations)}`).toEqual([]);
  }
}

test('axe runs under the page\'s own Content-Security-Policy', async ({ page }) => {
  await page.goto('/');
  const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  // The built policy, with no inline script allowed (axe is injected by the driver, not by a page script).
  expect(policy).toMatch(/script-src 'self' 'wasm-unsafe-eval';/);
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.passes.map((p) => p.id)).toContain('label');
});

for (const screen of pageScreens) {
  test(`the ${screen.name} screen has no accessibility violation in light or dark mode`, async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await screen.open(page);
    await expectNoViolations(page, screen.name);
  });
}

for (const screen of sandboxScreens) {
  test(`the ${screen.name} screen has no accessibility violation in light or dark mode`, async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await screen.open(page, tokens());
    await expectNoViolations(page, screen.name);
  });
}

test('on a phone the demo\'s Seats view and the connect form have no accessibility violation', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  for (const screen of pageScreens.filter((s) => s.name === 'connect-github' || s.name === 'demo-seats')) {
    await screen.open(page);
    await expectNoViolations(page, `${screen.name} at 390 px`);
  }
});
