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
  // Not pending: a seat pending cancellation is not inactive, and would leave nothing out.
  const inactive = org.seats.find((seat) => seat.assigning_team === null && seat.last_activity_at === null && seat.pending_cancellation_date === null && seat.login !== kept);
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

test('an exempt team is never offered for revocation: a revoke of a selection with its members skips and names them', async ({ page, request }) => {
  const org = await acme(request);
  const team = org.teams.find((t) => t.copilot && org.seats.filter((s) => s.assigning_team === t.slug && !s.direct && s.pending_cancellation_date === null).length >= 2);
  const members = org.seats.filter((s) => s.assigning_team === team.slug && !s.direct && s.pending_cancellation_date === null).slice(0, 2).map((s) => s.login);
  const [direct] = directSeats(org).map((seat) => seat.login);
  await connect(page, { token: tokens().owner_classic });
  await loadAll(page);
  const panel = page.locator('details.exemptions');
  await panel.locator('summary').click();
  await panel.getByLabel('Exempt a').selectOption('team');
  await panel.getByLabel('Name', { exact: true }).fill(team.slug);
  await panel.getByLabel('Reason').fill('on call');
  await panel.getByRole('button', { name: 'Add to the exemptions' }).click();
  await expect(panel.getByRole('region', { name: 'Exempt names' })).toContainText(team.slug);

  for (const login of [...members, direct]) {
    await page.getByLabel('Search logins').fill(login);
    await page.locator(`.seat-grid tr[data-login="${login}"]`).getByRole('checkbox', { name: `Select ${login}` }).click();
  }
  await expect(page.getByTestId('selected-count')).toHaveText('3 selected');
  await page.getByRole('button', { name: 'Revoke selected…' }).click();
  const dialog = page.getByRole('dialog');
  // The team is not offered as a whole, and its members are named as skipped.
  await expect(dialog.getByTestId('team-granted')).toHaveCount(0);
  await expect(dialog.getByRole('radio', { name: /Revoke the teams instead/ })).toHaveCount(0);
  await expect(dialog.getByRole('region', { name: "Revoke teams' seats" })).toHaveCount(0);
  const skipped = dialog.getByTestId('exempt-skipped');
  await expect(skipped).toContainText('2 seats are on the exemption list: skipped.');
  for (const login of members) await expect(skipped).toContainText(`${login} (on call)`);
  await expect(dialog.getByRole('list', { name: "Names: Revoke users' seats" }).getByRole('listitem')).toHaveText([direct]);
  await dialog.getByRole('button', { name: 'Revoke 1 seat' }).click();
  await expect(dialog.getByTestId('seats_cancelled')).toHaveText('1');
  const after = await acme(request);
  expect(after.teams.find((t) => t.slug === team.slug).copilot).toBe(true);
  for (const login of members) {
    expect(after.seats.find((s) => s.login === login).pending_cancellation_date, login).toBeNull();
  }
  expect(after.seats.find((s) => s.login === direct).pending_cancellation_date).not.toBeNull();
});

test('the list is kept in this browser only once the box is ticked, read back on the next visit, and wiped when unticked', async ({ page }) => {
  const stored = () => page.evaluate(() => Object.fromEntries(Object.keys(localStorage).map((key) => [key, localStorage.getItem(key)])));
  const open = async () => {
    await connect(page, { token: tokens().owner_classic });
    const panel = page.locator('details.exemptions');
    await panel.locator('summary').click();
    return panel;
  };
  let panel = await open();
  const box = () => panel.getByRole('checkbox', { name: 'Keep this list in this browser (localStorage)' });
  await expect(box()).not.toBeChecked();
  await exempt(page, 'svc-build', 'service account');
  expect(await stored()).toEqual({});

  // Not ticked: the next visit starts empty.
  panel = await open();
  await expect(panel.locator('summary')).toHaveText('Exemptions (0)');
  await exempt(page, 'svc-build', 'service account');
  await box().check();
  let kept = await stored();
  const keys = Object.keys(kept);
  expect(keys).toHaveLength(1);
  expect(keys[0]).toMatch(/^copilot-seats\.exemptions http:\/\/127\.0\.0\.1:\d+\/? acme$/);
  expect(kept[keys[0]]).toContain('svc-build');
  expect(kept[keys[0]]).not.toContain(tokens().owner_classic);
  await exempt(page, 'ada', 'on leave');
  expect(JSON.stringify(await stored())).toContain('ada');
  for (const width of [390, 1366]) {
    await page.setViewportSize({ width, height: 900 });
    await panel.scrollIntoViewIfNeeded();
    await panel.screenshot({ path: `${process.env.E2E_SHOTS ?? 'test-results/screens'}/exemptions-keep-${width}.png` });
  }

  // Ticked: read back on the next visit, box ticked.
  panel = await open();
  await expect(panel.locator('summary')).toHaveText('Exemptions (2)');
  await expect(box()).toBeChecked();
  await expect(panel.getByTestId('kept-notice')).toHaveText('Read 2 exemptions kept in this browser.');

  // Unticked: the stored copy is gone at once; the tab keeps its list.
  await box().uncheck();
  expect(await stored()).toEqual({});
  await expect(panel.locator('summary')).toHaveText('Exemptions (2)');

  // A corrupt stored value: an empty list and a notice, never a broken page.
  await page.evaluate((key) => localStorage.setItem(key, '{"base":'), keys[0]);
  panel = await open();
  await expect(panel.locator('summary')).toHaveText('Exemptions (0)');
  await expect(panel.getByTestId('kept-notice')).toContainText('could not be read');
  await expect(box()).toBeChecked();
});

test("an organization's list is its own: connecting to another in the same tab sets it aside, and coming back brings it back", async ({ page }) => {
  await connect(page, { token: tokens().owner_classic });
  let panel = await exempt(page, 'svc-build', 'service account');
  await expect(panel.locator('summary')).toHaveText('Exemptions (1)');

  // Another organization in the same tab: its own (empty) list, not acme's.
  const reconnect = async (org) => {
    await page.getByRole('button', { name: 'Disconnect' }).click();
    await page.getByLabel('Organization', { exact: true }).fill(org);
    await page.getByLabel('Token', { exact: true }).fill(tokens().owner_classic);
    await page.getByRole('button', { name: 'Connect' }).click();
    panel = page.locator('details.exemptions');
    await expect(panel.locator('summary')).toBeVisible();
  };
  await reconnect('acme-2');
  await expect(panel.locator('summary')).toHaveText('Exemptions (0)');

  // Back to acme: the entry it had in this tab.
  await reconnect('acme');
  await expect(panel.locator('summary')).toHaveText('Exemptions (1)');
  await panel.locator('summary').click();
  await expect(panel.getByRole('region', { name: 'Exempt names' })).toContainText('svc-build');
});
