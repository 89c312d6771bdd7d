// SAML SSO partial results: GitHub leaves the organizations whose single sign-on the token is not
// authorized for out of the enterprise seat list, and says so only in `X-GitHub-SSO: partial-results;
// organizations=ID,ID` on a 200. A shorter list must never read as the whole one: the page warns above the
// grid and in the enterprise breakdown, and every exported row carries it.
import { test, expect } from '@playwright/test';
import { SANDBOX, connect, downloaded, grouped, parseCsv, resetSandbox, sandboxState, screenshot, tokens } from './helpers.js';

test.beforeEach(async ({ request }) => resetSandbox(request));
test.afterEach(async ({ request }) => resetSandbox(request));

async function enforceSaml(request, org) {
  const response = await request.post(`${SANDBOX}/_sandbox/orgs/${org}/settings`, { data: { saml_enforced: true } });
  expect(response.ok()).toBeTruthy();
}

/** Elements wider than a 390 px phone, outside the scrolling boxes of the grid and the per-organization
 * table (each box itself must fit). */
async function overflowing(page) {
  return page.evaluate(() => [...document.querySelectorAll('body *')]
    .filter((el) => el.getBoundingClientRect().right > 391
      && !el.closest('.table-viewport') && !el.parentElement?.closest('.per-org-scroll'))
    .map((el) => `${el.tagName}.${el.className} ${Math.round(el.getBoundingClientRect().right)}`).slice(0, 8));
}

test('organizations GitHub left out for SSO are named above the grid, in the breakdown and in every exported row', async ({ page, request }) => {
  await enforceSaml(request, 'acme-2');
  await enforceSaml(request, 'acme-3');
  const state = await sandboxState(request);
  const id = (login) => state.orgs.find((org) => org.login === login).id;
  const ids = `${id('acme-2')}, ${id('acme-3')}`;
  const named = `GitHub left out 2 organizations (ids ${ids}) whose SAML single sign-on this token is not authorized for`;

  await connect(page, { token: tokens().sso_unauthorized_classic, enterprise: 'acme-corp' });
  const aboveGrid = page.getByTestId('sso-warning');
  const inBreakdown = page.getByTestId('enterprise-sso-warning');
  for (const warning of [aboveGrid, inBreakdown]) {
    await expect(warning).toContainText('Not every seat is listed.');
    await expect(warning).toContainText(named);
    await expect(warning).toContainText('these figures do not include their seats');
    await expect(warning).toContainText('Configure SSO');
  }
  // Above the grid: before the grid's toolbar and table, inside the seats card.
  const grid = page.getByRole('region', { name: 'Seats', exact: true });
  await expect(grid.getByTestId('sso-warning')).toBeVisible();
  const warningBox = await aboveGrid.boundingBox();
  const tableBox = await grid.locator('.table-viewport').boundingBox();
  expect(warningBox.y + warningBox.height).toBeLessThanOrEqual(tableBox.y);
  // The breakdown lists no left-out organization.
  const perOrg = page.locator('table.per-org tbody');
  await expect(perOrg).toContainText('acme');
  await expect(perOrg).not.toContainText('acme-2');
  await expect(perOrg).not.toContainText('acme-3');
  await screenshot(page, 'sso-partial-1366');

  await page.setViewportSize({ width: 390, height: 844 });
  await expect(aboveGrid).toBeVisible();
  expect(await overflowing(page)).toEqual([]);
  await screenshot(page, 'sso-partial-390');
  await page.setViewportSize({ width: 1366, height: 900 });

  // Every page read is still not every seat: the notes never say "every seat of the enterprise".
  await page.getByRole('button', { name: 'Load all seats' }).click();
  await expect(page.getByTestId('all-loaded')).toBeVisible({ timeout: 30_000 });
  const acmeSeats = state.orgs.find((org) => org.login === 'acme').seats.length;
  const teamSeats = state.enterprise.teams.reduce((sum, team) => sum + team.seats.length, 0);
  const listed = acmeSeats + teamSeats;
  await expect(page.getByTestId('grants')).toHaveText(grouped(listed));
  for (const note of [page.getByTestId('coverage'), page.getByTestId('enterprise-coverage')]) {
    await expect(note).toHaveText(
      `These figures cover all ${grouped(listed)} seat grants GitHub listed, not every seat of the enterprise: GitHub left out organizations whose SAML single sign-on this token is not authorized for.`,
    );
    await expect(note).toHaveClass(/partial/);
  }
  await expect(inBreakdown).toContainText(named);
  await expect(aboveGrid).toContainText(named);

  const csv = await downloaded(page, 'Export all as CSV');
  expect(csv.name).toMatch(/^copilot-seats-acme-corp-partial-\d{4}-\d{2}-\d{2}\.csv$/);
  const [header, ...rows] = parseCsv(csv.text);
  expect(header.slice(-2)).toEqual(['coverage', 'coverage_note']);
  expect(rows.length).toBe(listed);
  const note = `all ${grouped(listed)} seat grants GitHub listed; GitHub left out 2 organizations (ids ${ids}): SAML single sign-on not authorized for this token`;
  const organization = header.indexOf('organization');
  for (const row of rows) {
    expect(row.length).toBe(header.length);
    expect(row.slice(-2)).toEqual(['partial', note]);
    expect(['acme-2', 'acme-3']).not.toContain(row[organization]);
  }

  const json = await downloaded(page, 'Export view as JSON');
  expect(json.name).toMatch(/^copilot-seats-acme-corp-partial-\d{4}-\d{2}-\d{2}\.json$/);
  const seats = JSON.parse(json.text);
  expect(Array.isArray(seats)).toBe(true);
  expect(seats.length).toBe(listed);
  expect(seats.every((seat) => seat.coverage === 'partial' && seat.coverage_note === note)).toBe(true);
  await screenshot(page, 'sso-partial-all-1366');
});

test('a token authorized for every organization sees no SSO warning, and its export says it holds every seat', async ({ page, request }) => {
  await enforceSaml(request, 'acme-2');
  await connect(page, { token: tokens().owner_classic, enterprise: 'acme-corp' });
  await expect(page.getByTestId('enterprise-coverage')).toContainText('These figures cover only the 50 seat grants loaded');
  await page.getByRole('button', { name: 'Load all seats' }).click();
  await expect(page.getByTestId('all-loaded')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('enterprise-coverage')).toContainText('These figures cover every seat of the enterprise');
  await expect(page.getByTestId('sso-warning')).toHaveCount(0);
  await expect(page.getByTestId('enterprise-sso-warning')).toHaveCount(0);
  const csv = await downloaded(page, 'Export all as CSV');
  expect(csv.name).toMatch(/-acme-corp-all-/);
  const [header, first] = parseCsv(csv.text);
  expect(header.slice(-2)).toEqual(['coverage', 'coverage_note']);
  expect(first.slice(-2)).toEqual(['all', expect.stringMatching(/^all [\d,]+ seat grants of the enterprise$/)]);
});
