// Exemptions against the sandbox: names that must never be proposed for revocation, added by hand or
// imported from a file (all or nothing), badged in the grid, left out by the selection helpers and skipped
// by a revoke, as the sandbox's state shows after it.
import { test, expect } from '@playwright/test';
import { connect, countIn, downloaded, grouped, resetSandbox, sandboxState, screenshot, tokens } from './helpers.js';

test.beforeEach(async ({ request }) => {
  await resetSandbox(request);
});

async function acme(request) {
  return (await sandboxState(request)).orgs.find((org) => org.login === 'acme');
}

/** Direct, not pending, covered by no selected team: revocable by name. */
function directSeats(org) {
  const covered = new Set(org.teams.filter((team) => team.copilot).flatMap((team) => team.members.map((m) => m.toLowerCase())));
  return org.seats.filter((seat) => seat.assigning_team === null && seat.pending_cancellation_date === null && !covered.has(seat.login.toLowerCase()));
}

async function loadAll(page) {
  await page.getByRole('button', { name: 'Load all seats' }).click();
  await expect(page.getByTestId('all-loaded')).toContainText('All 2,000 seats loaded', { timeout: 30_000 });
}

async function exempt(page, login, reason) {
  const panel = page.locator('details.exemptions');
  if (!(await panel.evaluate((details) => details.open))) await panel.locator('summary').click();
  await panel.getByLabel('Name', { exact: true }).fill(login);
  await panel.getByLabel('Reason').fill(reason);
  await panel.getByRole('button', { name: 'Add to the exemptions' }).click();
  await expect(panel.getByRole('region', { name: 'Exempt names' })).toContainText(login.replace(/^@/, ''));
  return panel;
}

test('an exempt user is badged, left out of select all inactive, and skipped by a revoke the sandbox confirms', async ({ page, request }) => {
  const org = await acme(request);
  const [kept, revoked] = directSeats(org).map((seat) => seat.login);
  await connect(page, { token: tokens().owner_classic });
  await loadAll(page);
  const panel = await exempt(page, `@${kept.toUpperCase()}`, 'service account');
  await expect(panel.locator('summary')).toHaveText('Exemptions (1)');
  await expect(page.getByTestId('exempt-loaded')).toHaveText('1 loaded seat is exempt.');

  // The grid badges the seat, with its reason.
  await page.getByLabel('Search logins').fill(kept);
  const row = page.locator(`.seat-grid tr[data-login="${kept}"]`);
  await expect(row.locator('.status-exempt')).toHaveText('Exempt');
  await expect(row.locator('.status-exempt')).toHaveAttribute('title', 'Exempt: service account');
  await screenshot(page, 'exemptions-badge');

  // Selected by hand with another seat: the dialog names it as skipped, and only the other is revoked.
  await row.getByRole('checkbox', { name: `Select ${kept}` }).click();
  await page.getByLabel('Search logins').fill(revoked);
  await page.locator(`.seat-grid tr[data-login="${revoked}"]`).getByRole('checkbox', { name: `Select ${revoked}` }).click();
  await expect(page.getByTestId('selected-count')).toHaveText('2 selected');
  await page.getByRole('button', { name: 'Revoke selected…' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByTestId('exempt-skipped')).toHaveText(
    `1 seat is on the exemption list: skipped. Remove a name from the list to revoke it: ${kept} (service account).`,
  );
  const names = await dialog.getByRole('list', { name: "Names: Revoke users' seats" }).getByRole('listitem').allTextContents();
  expect(names).toEqual([revoked]);
  await screenshot(page, 'exemptions-skipped-in-revoke');
  await dialog.getByRole('button', { name: 'Revoke 1 seat' }).click();
  await expect(dialog.getByTestId('seats_cancelled')).toHaveText('1');
  await dialog.getByRole('button', { name: 'Close' }).click();
  const after = await acme(request);
  const seatOf = (login) => after.seats.find((seat) => seat.login === login);
  expect(seatOf(kept).pending_cancellation_date).toBeNull();
  expect(seatOf(revoked).pending_cancellation_date).not.toBeNull();

  // Select all inactive leaves exempt seats out and says how many.
  await page.getByLabel('Search logins').fill('');
  const inactive = org.seats.find((seat) => seat.assigning_team === null && seat.last_activity_at === null && seat.login !== kept);
  await exempt(page, inactive.login, 'new hire');
  const idle = countIn(await page.getByTestId('count-inactive').textContent()) + countIn(await page.getByTestId('count-never-used').textContent());
  await page.getByRole('button', { name: /^Select all inactive/ }).click();
  await expect(page.getByTestId('exempt-left-out')).toHaveText(/^[12] exempt seats? left out\.$/);
  const leftOut = countIn((await page.getByTestId('exempt-left-out').textContent()).split(' ')[0]);
  await expect(page.getByTestId('selected-count')).toHaveText(`${grouped(idle - leftOut)} selected`);
  await screenshot(page, 'exemptions-left-out');
});

test('a list is imported all or nothing, with the line of the first problem, and exported as it was read', async ({ page }) => {
  await connect(page, { token: tokens().owner_classic });
  const panel = page.locator('details.exemptions');
  await panel.locator('summary').click();
  const input = panel.getByLabel('Import a list (JSON or CSV)');
  const csv = (text) => ({ name: 'exempt.csv', mimeType: 'text/csv', buffer: Buffer.from(text) });
  await input.setInputFiles(csv('login,reason,expires\nsvc-build,service account,\nbad_name,typo,\n'));
  await expect(panel.getByRole('alert')).toContainText('Line 3:');
  await expect(panel.locator('summary')).toHaveText('Exemptions (0)');
  await input.setInputFiles(csv('login,reason,expires\nsvc-build,"service account, CI",\nada,on leave,2099-01-31\n'));
  await expect(panel.getByRole('status')).toHaveText('Imported 2 entries: 2 added, 0 replaced.');
  await expect(panel.locator('summary')).toHaveText('Exemptions (2)');
  await expect(panel.getByRole('region', { name: 'Exempt names' })).toContainText('through 2099-01-31');
  await screenshot(page, 'exemptions-panel');
  const { name, text } = await downloaded(page, 'Export the list as JSON');
  expect(name).toMatch(/\.json$/);
  const file = JSON.parse(text);
  expect(file.exemptions.map((e) => [e.name, e.reason, e.expires])).toEqual([
    ['svc-build', 'service account, CI', null],
    ['ada', 'on leave', '2099-01-31'],
  ]);
  await panel.getByRole('button', { name: 'Remove ada from the exemptions' }).click();
  await expect(panel.locator('summary')).toHaveText('Exemptions (1)');
});
