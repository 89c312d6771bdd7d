// GitHub's refusals that no scope or permission fixes, as a person meets them on connecting.
import { test, expect } from '@playwright/test';
import { SANDBOX, connect, resetSandbox, screenshot, tokens } from './helpers.js';

async function orgSettings(request, org, settings) {
  const response = await request.post(`${SANDBOX}/_sandbox/orgs/${org}/settings`, { data: settings });
  expect(response.ok()).toBeTruthy();
}

test.afterEach(async ({ request }) => resetSandbox(request));

test('an organization that forbids classic tokens says so, and what token to use instead', async ({ page, request }) => {
  await orgSettings(request, 'acme', { forbid_classic_tokens: true });
  await connect(page, { token: tokens().owner_classic });
  const alert = page.getByRole('alert').first();
  await expect(alert).toContainText('does not accept personal access tokens (classic)');
  await expect(alert).toContainText('fine-grained personal access token');
  // Not told as a missing scope: the token has every scope the operation needs.
  await expect(page.getByText('this token has:')).toHaveCount(0);
  await screenshot(page, 'token-policy-classic');
});

test('an organization that limits fine-grained token lifetimes names its limit', async ({ page, request }) => {
  await orgSettings(request, 'acme', { fine_grained_max_lifetime_days: 366 });
  await connect(page, { token: tokens().owner_fine_grained });
  const alert = page.getByRole('alert').first();
  await expect(alert).toContainText('live longer than 366 days');
  await expect(alert).toContainText('expiration date within 366 days');
});

test('SAML SSO: a link to authorize the token, opened apart from the page, and that it expires', async ({ page, request }) => {
  await orgSettings(request, 'acme', { saml_enforced: true });
  await connect(page, { token: tokens().sso_unauthorized_classic });
  const alert = page.getByRole('alert').first();
  await expect(alert).toContainText('expires after an hour');
  const link = alert.getByRole('link', { name: 'Authorize this token for SSO' });
  await expect(link).toHaveAttribute('href', /^https:\/\/github\.com\/orgs\/acme\/sso\?authorization_request=/);
  await expect(link).toHaveAttribute('target', '_blank');
  await expect(link).toHaveAttribute('rel', 'noopener noreferrer');
  await page.setViewportSize({ width: 390, height: 844 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await screenshot(page, 'sso-required-390');
});
