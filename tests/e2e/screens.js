// Every screen of the app, each reached the way a person reaches it, for the layout and accessibility specs.
// Each `open` leaves the page on that screen, settled (its data shown), so a check can look at it at once.
import { expect } from '@playwright/test';
import { SANDBOX, connect } from './helpers.js';

/** Opens the demo and waits for every seat of its grid. */
export async function openDemo(page) {
  await page.goto('/');
  await page.getByRole('button', { name: 'Try the demo' }).click();
  await expect(page.getByRole('heading', { name: 'Copilot billing for acme' })).toBeVisible();
  await expect(page.getByTestId('all-loaded')).toBeVisible({ timeout: 20_000 });
}

/** The first login in the demo's grid. */
async function firstLogin(page) {
  const label = await page.locator('.seat-grid tbody td.select input').first().getAttribute('aria-label');
  return label.replace(/^Select /, '');
}

/** From the demo's Manage seats tab: a revoke form with one name, and its confirmation dialog open. */
export async function openRevokeDialog(page) {
  const login = await firstLogin(page);
  await page.getByRole('tab', { name: 'Manage seats' }).click();
  const form = page.getByRole('region', { name: "Revoke users' seats" });
  await form.getByLabel('Usernames to revoke').fill(login);
  const opener = form.getByRole('button', { name: "Revoke users' seats…" });
  await opener.click();
  const dialog = page.getByRole('dialog', { name: "Revoke users' seats in acme" });
  await expect(dialog).toBeVisible();
  return { dialog, opener };
}

/**
 * The screens that need no sandbox token: the connect form in its three host modes, and the demo on each
 * tab, and the write confirmation dialog. `name` names a screenshot or a failure.
 */
export const pageScreens = [
  {
    name: 'connect-github',
    open: async (page) => {
      await page.goto('/');
      await expect(page.getByRole('heading', { name: 'Connect to GitHub' })).toBeVisible();
    },
  },
  {
    name: 'connect-ghe',
    open: async (page) => {
      await page.goto('/?host=ghe&org=acme');
      await expect(page.getByRole('heading', { name: 'Connect to GitHub' })).toBeVisible();
    },
  },
  {
    name: 'connect-custom-foreign',
    open: async (page) => {
      await page.goto('/?host=custom&api=https%3A%2F%2Fghes.example%2Fapi%2Fv3&org=acme');
      await expect(page.getByTestId('foreign-host')).toBeVisible();
    },
  },
  { name: 'demo-seats', open: openDemo },
  {
    // The dashboard above the grid, filtered by a click on one of its bars (the activity chart's).
    name: 'demo-dashboard-filtered',
    open: async (page) => {
      await openDemo(page);
      await page.getByTestId('chart-activity').getByRole('button', { name: /^Over 90 days: / }).click();
      await expect(page).toHaveURL(/[?&]age=over-90(&|$)/);
      await expect(page.getByRole('button', { name: 'Show every activity' })).toBeVisible();
    },
  },
  {
    name: 'demo-lookup',
    open: async (page) => {
      await openDemo(page);
      const login = await firstLogin(page);
      await page.getByRole('tab', { name: 'Member lookup' }).click();
      await page.getByLabel('Username').fill(login);
      await page.getByRole('button', { name: 'Look up' }).click();
      await expect(page.getByRole('heading', { name: `${login} has a Copilot seat in acme.` })).toBeVisible();
    },
  },
  {
    name: 'demo-manage',
    open: async (page) => {
      await openDemo(page);
      await page.getByRole('tab', { name: 'Manage seats' }).click();
      await expect(page.getByRole('heading', { name: 'Manage seats in acme' })).toBeVisible();
    },
  },
  {
    name: 'demo-confirm-dialog',
    open: async (page) => {
      await openDemo(page);
      await openRevokeDialog(page);
    },
  },
  {
    name: 'demo-selection-dialog',
    open: async (page) => {
      await openDemo(page);
      await page.locator('.seat-grid tbody td.select input').first().check();
      await page.getByRole('button', { name: 'Revoke selected…' }).click();
      await expect(page.getByRole('dialog', { name: 'Revoke the selected seats in acme' })).toBeVisible();
    },
  },
];

/** The screens that need the sandbox: an error (a wrong token, 401) and the enterprise view. */
export const sandboxScreens = [
  {
    name: 'error-401',
    open: async (page) => {
      await connect(page, { token: 'ghp_thisIsNotAValidToken000000000000000', api: SANDBOX });
      await expect(page.getByRole('alert').first()).toContainText('GitHub did not accept this token (401)');
    },
  },
  {
    name: 'enterprise',
    open: async (page, tokens) => {
      await connect(page, { token: tokens.owner_classic, enterprise: 'acme-corp' });
      await expect(page.getByRole('heading', { name: 'Across the enterprise' })).toBeVisible({ timeout: 20_000 });
      await expect(page.getByRole('region', { name: 'Seats by organization' })).toBeVisible();
    },
  },
];
