// Layout at a phone's, a tablet's, a laptop's and a wide screen's width; focus in the dialog; dark mode; and
// the README's screenshots. Each screen is opened once and then resized through the four widths: a resize
// lays the page out again as a load at that width would, and it keeps this spec within seconds per screen.
import { mkdirSync } from 'node:fs';
import { test, expect } from '@playwright/test';
import { tokens } from './helpers.js';
import { openDemo, openRevokeDialog, pageScreens, sandboxScreens } from './screens.js';

const WIDTHS = [390, 768, 1280, 1920];
const HEIGHT = 900;

/** How much wider than the viewport the document is, and the elements that stick out (for the message). */
async function overflow(page) {
  return page.evaluate(() => {
    const root = document.documentElement;
    const width = root.clientWidth;
    // An element inside a box that scrolls sideways (the seat table's) may be wider: that box scrolls.
    const scrollsInside = (el) => {
      for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
        const x = getComputedStyle(p).overflowX;
        if (x === 'auto' || x === 'scroll' || x === 'hidden') return true;
      }
      return false;
    };
    const culprits = [...document.querySelectorAll('body *')]
      .filter((el) => el.getBoundingClientRect().right > width + 0.5 && !scrollsInside(el))
      .slice(0, 5)
      .map((el) => `${el.tagName.toLowerCase()}.${el.className} (right ${Math.round(el.getBoundingClientRect().right)})`);
    return { documentWidth: root.scrollWidth, viewport: width, culprits };
  });
}

async function expectNoOverflowAtEveryWidth(page, name) {
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: HEIGHT });
    // One frame for the resize to lay the page out again.
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    const seen = await overflow(page);
    expect(seen.documentWidth, `${name} at ${width} px: ${seen.culprits.join(', ')}`).toBe(seen.viewport);
  }
}

for (const screen of pageScreens) {
  test(`the ${screen.name} screen is never wider than the viewport at 390, 768, 1280 or 1920 px`, async ({ page }) => {
    await page.setViewportSize({ width: WIDTHS[0], height: HEIGHT });
    await screen.open(page);
    await expectNoOverflowAtEveryWidth(page, screen.name);
  });
}

for (const screen of sandboxScreens) {
  test(`the ${screen.name} screen is never wider than the viewport at 390, 768, 1280 or 1920 px`, async ({ page }) => {
    await page.setViewportSize({ width: WIDTHS[0], height: HEIGHT });
    await screen.open(page, tokens());
    await expectNoOverflowAtEveryWidth(page, screen.name);
  });
}

test('on a phone the seat table scrolls sideways inside its own box while the page does not', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: HEIGHT });
  await openDemo(page);
  const box = page.locator('.table-viewport');
  const sizes = await box.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth, overflowX: getComputedStyle(el).overflowX }));
  expect(sizes.scroll).toBeGreaterThan(sizes.client);
  expect(['auto', 'scroll']).toContain(sizes.overflowX);
  const seen = await overflow(page);
  expect(seen.documentWidth).toBe(seen.viewport);
});

test('the connect form is one column on a phone and puts fields side by side on a laptop', async ({ page }) => {
  // The left edge and the width of each field's label (a label holds its field).
  const boxes = () => page.locator('form.connect label:not(.inline)').evaluateAll((labels) => labels
    .filter((l) => l.offsetParent !== null)
    .map((l) => { const r = l.getBoundingClientRect(); return `${Math.round(r.left)} ${Math.round(r.width)}`; }));
  await page.setViewportSize({ width: 390, height: HEIGHT });
  await page.goto('/?host=custom&api=https%3A%2F%2Fghes.example%2Fapi%2Fv3&org=acme');
  await expect(page.getByTestId('foreign-host')).toBeVisible();
  const phone = await boxes();
  expect(phone.length).toBeGreaterThan(3);
  expect(new Set(phone).size, `every field starts at one left edge and has the whole width: ${phone}`).toBe(1);
  await page.setViewportSize({ width: 1280, height: HEIGHT });
  const lefts = new Set((await boxes()).map((box) => box.split(' ')[0]));
  expect(lefts.size).toBeGreaterThan(1);
});

test('the confirmation dialog keeps Tab inside it and gives focus back to the button that opened it', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: HEIGHT });
  await openDemo(page);
  const { dialog, opener } = await openRevokeDialog(page);
  const inDialog = () => page.evaluate(() => {
    const active = document.activeElement;
    const open = document.querySelector('dialog[open]');
    // Focus on the body or nothing is the browser's own UI between two rounds (no page element outside).
    if (!active || active === document.body) return 'outside-page';
    return open && open.contains(active) ? 'dialog' : `page: ${active.tagName.toLowerCase()} ${active.textContent.slice(0, 40)}`;
  });
  expect(await inDialog()).toBe('dialog');
  const seen = new Set();
  for (let i = 0; i < 25; i++) {
    await page.keyboard.press('Tab');
    const where = await inDialog();
    expect(where, `after ${i + 1} Tab presses`).not.toMatch(/^page/);
    seen.add(where);
  }
  expect(seen).toContain('dialog');
  for (let i = 0; i < 25; i++) {
    await page.keyboard.press('Shift+Tab');
    expect(await inDialog(), `after ${i + 1} Shift+Tab presses`).not.toMatch(/^page/);
  }
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(opener).toBeFocused();

  // Closed with its Cancel button, and opened from the grid's selection, the same holds.
  await opener.click();
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  await expect(opener).toBeFocused();

  await page.getByRole('tab', { name: 'Seats', exact: true }).click();
  await page.locator('.seat-grid tbody td.select input').first().check();
  const fromGrid = page.getByRole('button', { name: 'Revoke selected…' });
  await fromGrid.click();
  const selection = page.getByRole('dialog', { name: 'Revoke the selected seats in acme' });
  await expect(selection).toBeVisible();
  expect(await inDialog()).toBe('dialog');
  await page.keyboard.press('Escape');
  await expect(selection).toBeHidden();
  await expect(fromGrid).toBeFocused();
});

test('whatever has keyboard focus shows a ring of at least 2 px', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: HEIGHT });
  await openDemo(page);
  const kinds = new Set();
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press('Tab');
    const ring = await page.evaluate(() => {
      const el = document.activeElement;
      if (!el || el === document.body) return null;
      const style = getComputedStyle(el);
      return { what: `${el.tagName.toLowerCase()}${el.type ? `[${el.type}]` : ''}`, style: style.outlineStyle, width: parseFloat(style.outlineWidth) };
    });
    if (!ring) continue;
    kinds.add(ring.what);
    expect(ring.style, ring.what).not.toBe('none');
    expect(ring.width, ring.what).toBeGreaterThanOrEqual(2);
  }
  // The walk met links or buttons, fields and the tabs, not only one kind.
  expect(kinds.size).toBeGreaterThan(2);
});

test('dark mode follows prefers-color-scheme: the page, its cards and its messages change colour', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: HEIGHT });
  await page.goto('/?host=custom&api=https%3A%2F%2Fghes.example%2Fapi%2Fv3&org=acme');
  await expect(page.getByTestId('foreign-host')).toBeVisible();
  const colours = () => page.evaluate(() => {
    const of = (el) => { const s = getComputedStyle(el); return `${s.backgroundColor} ${s.color}`; };
    return {
      body: of(document.body),
      card: of(document.querySelector('.card')),
      notice: of(document.querySelector('.notice')),
    };
  });
  await page.emulateMedia({ colorScheme: 'light' });
  const light = await colours();
  await page.emulateMedia({ colorScheme: 'dark' });
  const dark = await colours();
  for (const part of Object.keys(light)) expect(dark[part], part).not.toBe(light[part]);
});

// The README's pictures: with UPDATE_SCREENSHOTS=1 (`make screenshots`) they are written to docs/, otherwise
// beside the other screenshots, so a plain run never changes the checkout.
test('screenshots of the dashboard, the Seats view and the connect form, light and dark, at 1366 and 390 px', async ({ page }) => {
  const dir = process.env.UPDATE_SCREENSHOTS ? 'docs' : `${process.env.E2E_OUTPUT ?? 'test-results'}/screens`;
  mkdirSync(dir, { recursive: true });
  const sizes = [{ width: 1366, height: 900 }, { width: 390, height: 844 }];
  for (const [name, open] of [['connect', async () => {
    await page.goto('/');
    await expect(page.getByRole('heading', { name: 'Connect to GitHub' })).toBeVisible();
  }], ['seats', () => openDemo(page)], ['dashboard', () => openDemo(page)]]) {
    await page.setViewportSize(sizes[0]);
    await open();
    for (const size of sizes) {
      await page.setViewportSize(size);
      // The Seats view from its filters down: the grid, not only the billing summary above it; the dashboard
      // from its tiles down.
      if (name === 'seats') await page.locator('.toolbar').first().evaluate((el) => el.closest('.card').scrollIntoView());
      if (name === 'dashboard') await page.getByRole('heading', { name: 'At a glance' }).evaluate((el) => el.closest('section, .card').scrollIntoView());
      for (const scheme of ['light', 'dark']) {
        await page.emulateMedia({ colorScheme: scheme });
        await page.screenshot({ path: `${dir}/${name}-${scheme}-${size.width}.png`, animations: 'disabled' });
      }
    }
  }
});
