// The write flows against the sandbox server: the four forms, the grid's selection, confirmation, dry
// run, batches with progress, partial failures, and the sandbox's state checked after every write.
import { test, expect } from '@playwright/test';
import { SANDBOX, acme, connect, countIn, directActive, grouped, resetSandbox, sandboxState, screenshot, seatOf, tokens } from './helpers.js';

test.beforeEach(async ({ request }) => {
  await resetSandbox(request);
});

const ROW_HEIGHT = 36;

/** Members with no seat and no pending invitation (not the token holders). */
function seatless(org) {
  const seated = new Set(org.seats.map((seat) => seat.login.toLowerCase()));
  const invited = new Set(org.pending_invitations.map((invitation) => invitation.login.toLowerCase()));
  return org.members.filter((m) => !seated.has(m.toLowerCase()) && !invited.has(m.toLowerCase()) && !m.startsWith('acme-'));
}

async function setSettings(request, settings) {
  const response = await request.post(`${SANDBOX}/_sandbox/orgs/acme/settings`, { data: settings });
  expect(response.ok()).toBeTruthy();
}

async function setFaults(request, faults) {
  const response = await request.post(`${SANDBOX}/_sandbox/faults`, { data: faults });
  expect(response.ok()).toBeTruthy();
}

async function openManage(page, token = tokens().owner_classic) {
  await connect(page, { token });
  await page.getByRole('tab', { name: 'Manage seats' }).click();
  await expect(page.getByRole('heading', { name: 'Manage seats in acme' })).toBeVisible();
}

/** Types names into one of the four forms and opens its confirmation dialog. */
async function submitForm(page, title, label, names) {
  const form = page.getByRole('region', { name: title });
  await form.getByLabel(label).fill(names);
  await form.getByRole('button', { name: `${title}…` }).click();
  await expect(page.getByRole('dialog', { name: `${title} in acme` })).toBeVisible();
  // Its name follows its heading (confirm, dry run, writing, result): found as the one dialog from here.
  return page.getByRole('dialog');
}

/** The report's verdict for each name, as the page shows it. */
async function outcomes(dialog) {
  return dialog.locator('tr[data-name]').evaluateAll((rows) => Object.fromEntries(rows.map((row) => [row.dataset.name, row.dataset.outcome])));
}

/** A status chip above the grid (a column header has the same name). */
function chip(page, name) {
  return page.getByRole('group', { name: 'Status' }).getByRole('button', { name, exact: true });
}

async function loadAll(page) {
  await page.getByRole('button', { name: 'Load all seats' }).click();
  await expect(page.getByTestId('all-loaded')).toContainText('All 2,000 seats loaded', { timeout: 30_000 });
}

/** Selects the first `count` rows shown: a click on the first, a shift-click on the last (scrolled into the DOM). */
async function selectFirstRows(page, count) {
  await page.locator('tr[aria-rowindex="2"]').getByRole('checkbox').click();
  await page.locator('.table-viewport').evaluate((viewport, top) => { viewport.scrollTop = top; }, (count - 5) * ROW_HEIGHT);
  const last = page.locator(`tr[aria-rowindex="${count + 1}"]`);
  await last.getByRole('checkbox').click({ modifiers: ['Shift'] });
  await expect(page.getByTestId('selected-count')).toHaveText(`${grouped(count)} selected`);
  // Only the rows in sight are in the DOM, whatever is selected.
  expect(await page.locator('.seat-grid tbody tr[data-login]').count()).toBeLessThan(100);
}

/** The logins of the first `count` rows as the grid shows them (scrolling through the virtualized rows). */
async function firstRowLogins(page, count) {
  const logins = new Map();
  for (let top = 0; logins.size < count; top += 20 * ROW_HEIGHT) {
    await page.locator('.table-viewport').evaluate((viewport, at) => { viewport.scrollTop = at; }, top);
    await page.waitForTimeout(50);
    const rows = await page.locator('.seat-grid tbody tr[data-login]').evaluateAll((trs) => trs.map((tr) => [Number(tr.getAttribute('aria-rowindex')), tr.dataset.login]));
    for (const [index, login] of rows) if (index - 2 < count) logins.set(index, login);
  }
  return [...logins.values()];
}

/** Connects, loads every seat, and selects the first `count` active seats granted directly. */
async function selectDirectActive(page, count) {
  await connect(page, { token: tokens().owner_classic });
  await loadAll(page);
  await page.getByRole('combobox', { name: /^Granted by/ }).selectOption('direct');
  await chip(page, 'Active').click();
  await selectFirstRows(page, count);
}

/** Opens the confirmation dialog for the grid's selection. */
async function openRevokeSelected(page) {
  await page.getByRole('button', { name: 'Revoke selected…' }).click();
  await expect(page.getByRole('dialog', { name: 'Revoke the selected seats in acme' })).toBeVisible();
  // Its name follows its heading (confirm, dry run, writing, result): found as the one dialog from here.
  return page.getByRole('dialog');
}

test('assigning seats to users: bad entries are left out with why, duplicates merged, each user gets a seat, and the log records it', async ({ page, request }) => {
  const [first, second] = seatless(await acme(request));
  await openManage(page);
  const form = page.getByRole('region', { name: 'Assign seats to users' });
  await form.getByLabel('Usernames to assign').fill(`@${first}, ${second}\n${first.toUpperCase()} bad_name`);
  await expect(form.getByText('Merged duplicates')).toContainText(first.toUpperCase());
  await expect(form.locator('.rejected')).toContainText('bad_name');
  await expect(form.locator('.rejected')).toContainText('only letters, digits and hyphens');
  const dialog = await submitForm(page, 'Assign seats to users', 'Usernames to assign', `@${first}, ${second}\n${first.toUpperCase()} bad_name`);
  await expect(dialog.getByRole('list', { name: 'Names: Assign seats to users' }).getByRole('listitem')).toHaveText([first, second]);
  await expect(dialog.getByTestId('cost-effect')).toContainText('Assigning 2 seats adds $38.00 a month to the bill, billed from now.');
  await expect(dialog.getByText('This cannot be undone from here.')).toBeVisible();
  await expect(dialog.getByLabel(/Type the organization's name/)).toHaveCount(0);
  await screenshot(page, 'write-confirm-assign');
  await dialog.getByRole('button', { name: 'Assign 2 seats' }).click();
  await expect(dialog.getByTestId('seats_created')).toHaveText('2');
  // Only what was sent is reported; the entry left out was never sent.
  expect(await outcomes(dialog)).toEqual({ [first]: 'done', [second]: 'done' });

  const after = await acme(request);
  for (const login of [first, second]) {
    expect(seatOf(after, login)).toMatchObject({ direct: true, pending_cancellation_date: null });
  }
  expect(seatOf(after, 'bad_name')).toBeUndefined();

  await dialog.getByRole('button', { name: 'Close' }).click();
  const log = page.locator('table.activity-log tbody tr');
  await expect(log).toHaveCount(1);
  await expect(log.first()).toContainText(`${first}, ${second}`);
  await expect(log.first()).toContainText('Done: GitHub answered seats_created: 2');
  await screenshot(page, 'write-manage');
  const downloadPromise = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export activity log' }).click();
  const download = await downloadPromise;
  const csv = (await (await download.createReadStream()).toArray()).join('');
  const lines = csv.trim().split(/\r?\n/);
  expect(lines[0]).toBe('time,operation,organization,names,outcome');
  expect(lines[1]).toContain(`Assign seats to users,acme,${first} ${second},Done: GitHub answered seats_created: 2`);

  // The log is kept for the tab's life: disconnecting and connecting again in the same tab keeps it.
  await page.getByRole('button', { name: 'Disconnect' }).click();
  await page.getByLabel('Token', { exact: true }).fill(tokens().owner_classic);
  await page.getByRole('button', { name: 'Connect' }).click();
  await page.getByRole('tab', { name: 'Manage seats' }).click();
  await expect(page.locator('table.activity-log tbody tr')).toHaveCount(1);
});

test("revoking users' seats from the form sets them pending cancellation at the start of the next cycle", async ({ page, request }) => {
  const state = await sandboxState(request);
  const org = state.orgs.find((o) => o.login === 'acme');
  const [first, second] = directActive(org);
  await openManage(page);
  const dialog = await submitForm(page, "Revoke users' seats", 'Usernames to revoke', `${first} ${second}`);
  await expect(dialog.getByTestId('cost-effect')).toContainText('Access and billing end at the end of the current billing cycle');
  await dialog.getByRole('button', { name: 'Revoke 2 seats' }).click();
  await expect(dialog.getByTestId('seats_cancelled')).toHaveText('2');
  expect(await outcomes(dialog)).toEqual({ [first]: 'done', [second]: 'done' });
  const after = await acme(request);
  for (const login of [first, second]) {
    expect(seatOf(after, login).pending_cancellation_date).toBe(state.billing_cycle.next_start);
  }
});

test('assigning seats to a team selects it and gives every member a seat', async ({ page, request }) => {
  const org = await acme(request);
  const team = org.teams.find((t) => !t.copilot && t.members.length > 0);
  await openManage(page);
  const dialog = await submitForm(page, 'Assign seats to teams', 'Team slugs to assign', team.slug);
  await expect(dialog.getByTestId('cost-effect')).toContainText('Every member of these teams gets a seat at $19.00 a month each');
  await dialog.getByRole('button', { name: 'Assign the seats of 1 team' }).click();
  const created = countIn(await dialog.getByTestId('seats_created').textContent());
  expect(created).toBe(team.members.length);
  expect(await outcomes(dialog)).toEqual({ [team.slug]: 'done' });
  const after = await acme(request);
  expect(after.teams.find((t) => t.slug === team.slug).copilot).toBe(true);
  for (const member of team.members) {
    expect(seatOf(after, member)?.pending_cancellation_date, member).toBeNull();
  }
});

test("revoking a team's seats unselects it and its members' seats go pending", async ({ page, request }) => {
  const org = await acme(request);
  const team = org.teams.find((t) => t.copilot);
  await openManage(page);
  const dialog = await submitForm(page, "Revoke teams' seats", 'Team slugs to revoke', team.slug);
  await dialog.getByRole('button', { name: 'Revoke the seats of 1 team' }).click();
  await expect(dialog.getByTestId('seats_cancelled')).toBeVisible();
  expect(await outcomes(dialog)).toEqual({ [team.slug]: 'done' });
  const after = await acme(request);
  expect(after.teams.find((t) => t.slug === team.slug).copilot).toBe(false);
  const pendingNow = after.seats.filter((s) => s.pending_cancellation_date !== null && seatOf(org, s.login)?.pending_cancellation_date === null);
  await expect(dialog.getByTestId('seats_cancelled')).toHaveText(String(pendingNow.length));
  expect(pendingNow.length).toBeGreaterThan(0);
  // Every member left without another grant lost the seat; nobody outside the team did.
  const members = new Set(team.members.map((m) => m.toLowerCase()));
  for (const seat of pendingNow) expect(members.has(seat.login.toLowerCase())).toBe(true);
});

for (const setting of ['assign_all', 'unconfigured', 'disabled']) {
  test(`seat management "${setting}" is explained before any click, and no write is offered`, async ({ page, request }) => {
    await setSettings(request, { seat_management_setting: setting });
    await openManage(page);
    await expect(page.getByTestId('write-refusal')).toContainText(`seat management setting is ${setting}`);
    await expect(page.getByTestId('write-refusal')).toContainText('Settings → Copilot → Access');
    const form = page.getByRole('region', { name: 'Assign seats to users' });
    await expect(form.getByLabel('Usernames to assign')).toBeDisabled();
    await page.getByRole('tab', { name: 'Seats', exact: true }).click();
    await expect(page.getByTestId('write-refusal')).toBeVisible();
    await page.locator('tr[aria-rowindex="2"]').getByRole('checkbox').click();
    await expect(page.getByRole('button', { name: 'Revoke selected…' })).toBeDisabled();
  });
}

const refusals = [
  { cause: 'billing not set up', settings: { billing_set_up: false }, said: 'Billing has not been set up for this organization.' },
  { cause: 'no public code suggestions policy', settings: { public_code_suggestions: 'unconfigured' }, said: 'A public code suggestions policy has not been set' },
  { cause: 'Copilot not enabled', settings: { copilot_enabled: false }, said: 'Copilot Business or Enterprise is not enabled for this organization.' },
];
for (const { cause, settings, said } of refusals) {
  test(`a write refused with 422 (${cause}) shows GitHub's explanation and changes nothing`, async ({ page, request }) => {
    const [login] = seatless(await acme(request));
    await setSettings(request, settings);
    await openManage(page);
    const dialog = await submitForm(page, 'Assign seats to users', 'Usernames to assign', login);
    await dialog.getByRole('button', { name: 'Assign 1 seat' }).click();
    const alert = dialog.getByRole('alert');
    await expect(alert).toContainText('GitHub refused the change');
    await expect(alert).toContainText('(422)');
    await expect(alert).toContainText(said);
    expect(await outcomes(dialog)).toEqual({ [login]: 'failed' });
    expect(seatOf(await acme(request), login)).toBeUndefined();
  });
}

test('revoking by name a seat granted through a team is refused with 422 and explained', async ({ page, request }) => {
  const org = await acme(request);
  const seat = org.seats.find((s) => s.assigning_team !== null && s.pending_cancellation_date === null);
  await openManage(page);
  const dialog = await submitForm(page, "Revoke users' seats", 'Usernames to revoke', seat.login);
  await dialog.getByRole('button', { name: 'Revoke 1 seat' }).click();
  await expect(dialog.locator('tr[data-name]')).toHaveAttribute('data-outcome', 'failed');
  await expect(dialog.locator('tr[data-name]')).toContainText('assigned through a team (revoke the team instead');
  await expect(dialog.locator('tr[data-name]')).toContainText('cannot be cancelled one by one');
  expect(seatOf(await acme(request), seat.login).pending_cancellation_date).toBeNull();
});

test('a read-only token is refused with the permission message, and nothing changes', async ({ page, request }) => {
  const org = await acme(request);
  const names = directActive(org).slice(0, 60);
  await openManage(page, tokens().readonly_fine_grained);
  const dialog = await submitForm(page, "Revoke users' seats", 'Usernames to revoke', names.join('\n'));
  await dialog.getByLabel(/Type the organization's name/).fill('acme');
  await dialog.getByRole('button', { name: 'Revoke 60 seats' }).click();
  const alert = dialog.getByRole('alert');
  await expect(alert).toContainText("This token may not revoke users' seats (403)");
  await expect(alert).toContainText('fine-grained token needs');
  const verdicts = await outcomes(dialog);
  // The first batch was refused; the second was not sent, since it would meet the same refusal.
  expect(names.slice(0, 50).every((n) => verdicts[n] === 'failed')).toBe(true);
  expect(names.slice(50).every((n) => verdicts[n] === 'not-attempted')).toBe(true);
  const after = await acme(request);
  for (const login of names) expect(seatOf(after, login).pending_cancellation_date).toBeNull();
});

test('a dry run lists exactly the requests that would be sent, and sends nothing', async ({ page, request }) => {
  const org = await acme(request);
  const names = seatless(org).slice(0, 55);
  const writes = [];
  page.on('request', (r) => { if (r.method() !== 'GET' && r.method() !== 'OPTIONS') writes.push(`${r.method()} ${r.url()}`); });
  await openManage(page);
  const dialog = await submitForm(page, 'Assign seats to users', 'Usernames to assign', names.join(', '));
  await dialog.getByRole('switch', { name: /Dry run/ }).check();
  await dialog.getByRole('button', { name: 'Show the requests (send nothing)' }).click();
  await expect(dialog.getByRole('heading', { name: 'Dry run: nothing was sent' })).toBeVisible();
  const listed = dialog.getByRole('list', { name: 'Requests that would be sent' }).getByRole('listitem');
  await expect(listed).toHaveCount(2);
  await expect(listed.nth(0)).toHaveText(`POST ${SANDBOX}/orgs/acme/copilot/billing/selected_users\n${JSON.stringify({ selected_usernames: names.slice(0, 50) })}`);
  await expect(listed.nth(1)).toHaveText(`POST ${SANDBOX}/orgs/acme/copilot/billing/selected_users\n${JSON.stringify({ selected_usernames: names.slice(50) })}`);
  await expect(dialog).not.toContainText(tokens().owner_classic);
  await screenshot(page, 'write-dry-run');
  await dialog.getByRole('button', { name: 'Close' }).click();
  expect(writes).toEqual([]);
  const after = await acme(request);
  for (const login of names) expect(seatOf(after, login)).toBeUndefined();
  await expect(page.locator('table.activity-log')).toHaveCount(0);
});

test('a row keeps its element when a sort brings another seat to it, and shows that seat: its login, checkbox and cells', async ({ page }) => {
  // Rows are made again only as they scroll into sight; a filter or a sort changes what a row shows. A row
  // must then say its new seat everywhere, the selection above all.
  await connect(page, { token: tokens().owner_classic });
  await expect(page.getByTestId('page-position')).toBeVisible({ timeout: 30_000 });
  const first = page.locator('tr[aria-rowindex="2"]');
  const selected = await first.getAttribute('data-login');
  await first.getByRole('checkbox').click();
  await expect(page.getByTestId('selected-count')).toHaveText('1 selected');
  await first.evaluate((row) => { window.keptRow = row; });
  const loginSort = page.locator('button.sort', { hasText: /^Login$/ });
  await loginSort.click();
  await loginSort.click();
  await expect(first).not.toHaveAttribute('data-login', selected);
  const now = await first.getAttribute('data-login');
  expect(await first.evaluate((row) => row === window.keptRow), 'the same element').toBe(true);
  await expect(first.getByRole('checkbox')).toHaveAccessibleName(`Select ${now}`);
  await expect(first.getByRole('checkbox')).not.toBeChecked();
  await expect(first.locator('td').nth(1)).toHaveText(now);
  // The selected seat is still selected wherever it shows, and a click on the reused row selects its own seat.
  await first.getByRole('checkbox').click();
  await expect(page.getByTestId('selected-count')).toHaveText('2 selected');
  const logins = await page.locator('.seat-grid tbody tr[data-login]').evaluateAll((rows) => rows.map((row) => [row.dataset.login, row.querySelector('input').checked]));
  expect(logins.filter(([, checked]) => checked).map(([login]) => login).sort()).toEqual(logins.some(([login]) => login === selected) ? [now, selected].sort() : [now]);
});

test('select all inactive leaves seats signed in without activity out unless the box is ticked', async ({ page }) => {
  await connect(page, { token: tokens().owner_classic });
  await loadAll(page);
  const count = async (id) => countIn(await page.getByTestId(id).textContent());
  const idle = (await count('count-inactive')) + (await count('count-never-used'));
  const signedIn = await count('count-signed-in-no-activity');
  expect(signedIn).toBeGreaterThan(0);
  const include = page.getByLabel(`Include the ${grouped(signedIn)} signed in without activity (GitHub counts activity from editor telemetry, so they may be in use)`);
  await expect(include).not.toBeChecked();
  await include.check();
  const both = page.getByRole('button', { name: `Select all inactive (${grouped(idle + signedIn)}: no Copilot activity in the last 30 days, or only signed in, or none ever)` });
  await both.click();
  await expect(page.getByTestId('selected-count')).toHaveText(`${grouped(idle + signedIn)} selected`);
  await expect(page).toHaveURL(/status=signed-in-no-activity%2Cinactive%2Cnever-used/);
  await screenshot(page, 'select-inactive-with-signed-in');
  await include.uncheck();
  await page.getByRole('button', { name: `Select all inactive (${grouped(idle)}: no Copilot activity in the last 30 days, or none ever)` }).click();
  await expect(page.getByTestId('selected-count')).toHaveText(`${grouped(idle)} selected`);
  await expect(page).toHaveURL(/status=inactive%2Cnever-used/);
});

test('from the grid: team-granted seats in a selection are counted, skipped or revoked through their team; pending ones are skipped', async ({ page, request }) => {
  const org = await acme(request);
  await connect(page, { token: tokens().owner_classic });
  await loadAll(page);
  await page.getByRole('button', { name: /^Select all inactive \([\d,]+: no Copilot activity in the last 30 days, or none ever\)$/ }).click();
  const idle = countIn(await page.getByTestId('count-inactive').textContent()) + countIn(await page.getByTestId('count-never-used').textContent());
  await expect(page.getByTestId('selected-count')).toHaveText(`${grouped(idle)} selected`);
  await expect(page).toHaveURL(/status=/);
  const dialog = await openRevokeSelected(page);
  await expect(dialog.getByTestId('selection-summary')).toContainText(`${grouped(idle)} seats selected`);
  const direct = await dialog.getByRole('list', { name: "Names: Revoke users' seats" }).getByRole('listitem').allTextContents();
  for (const login of direct) expect(seatOf(org, login).assigning_team, login).toBeNull();
  const teamGranted = idle - direct.length;
  expect(teamGranted).toBeGreaterThan(0);
  await expect(dialog.getByTestId('team-granted')).toContainText(`${grouped(teamGranted)} of the selection are granted through a team`);
  await expect(dialog.getByLabel(/Type the organization's name/)).toBeVisible();
  await screenshot(page, 'write-confirm-selection');

  // Revoking the teams instead adds a second write naming the teams.
  await dialog.getByLabel(/Revoke the teams instead/).check();
  const teams = await dialog.getByRole('list', { name: "Names: Revoke teams' seats" }).getByRole('listitem').allTextContents();
  expect(teams.length).toBeGreaterThan(0);
  for (const slug of teams) expect(org.teams.some((t) => t.slug === slug && t.copilot)).toBe(true);
  await dialog.getByRole('switch', { name: /Dry run/ }).check();
  await dialog.getByRole('button', { name: 'Show the requests (send nothing)' }).click();
  const listed = await dialog.getByRole('list', { name: 'Requests that would be sent' }).getByRole('listitem').allTextContents();
  expect(listed.at(-1)).toBe(`DELETE ${SANDBOX}/orgs/acme/copilot/billing/selected_teams\n${JSON.stringify({ selected_teams: teams })}`);
  await dialog.getByRole('button', { name: 'Close' }).click();

  // A selection of pending seats only has nothing to revoke.
  await page.getByRole('button', { name: 'Clear selection' }).click();
  await chip(page, 'Pending cancellation').click();
  await chip(page, 'Inactive').click();
  await chip(page, 'Never used').click();
  await page.getByRole('checkbox', { name: 'Select all matching the filter' }).check();
  const pending = org.seats.filter((s) => s.pending_cancellation_date !== null).length;
  await expect(page.getByTestId('selected-count')).toHaveText(`${grouped(pending)} selected`);
  await page.getByRole('button', { name: 'Revoke selected…' }).click();
  await expect(dialog.getByTestId('already-pending')).toContainText(`${grouped(pending)} seats are already pending cancellation: skipped.`);
  await expect(dialog.getByTestId('nothing-to-do')).toBeVisible();
  await expect(dialog.getByRole('button', { name: /^Revoke/ })).toBeDisabled();
});

test('a revoke from the grid shows the pending cancellation in the grid with no reload', async ({ page, request }) => {
  const state = await sandboxState(request);
  const org = state.orgs.find((o) => o.login === 'acme');
  const firstPage = new Set(org.seats.slice(0, 50).map((s) => s.login));
  const login = directActive(org).find((l) => firstPage.has(l));
  await connect(page, { token: tokens().owner_classic });
  const row = page.locator(`.seat-grid tr[data-login="${login}"]`);
  await expect(row).toBeVisible();
  await expect(row.locator('.status')).not.toHaveText('Pending cancellation');
  await row.getByRole('checkbox', { name: `Select ${login}` }).click();
  const dialog = await openRevokeSelected(page);
  await dialog.getByRole('button', { name: 'Revoke 1 seat' }).click();
  await expect(dialog.getByTestId('seats_cancelled')).toHaveText('1');
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(row.locator('.status')).toHaveText('Pending cancellation');
  await expect(row).toContainText(state.billing_cycle.next_start);
  await expect(page.getByTestId('selected-count')).toHaveText('0 selected');
  expect(seatOf(await acme(request), login).pending_cancellation_date).toBe(state.billing_cycle.next_start);
});

test('a bulk revoke of 300 selected seats goes in 6 batches with a progress bar, and the grid re-reads every seat', async ({ page, request }) => {
  test.setTimeout(120_000);
  await selectDirectActive(page, 300);
  const selected = await firstRowLogins(page, 300);
  expect(new Set(selected).size).toBe(300);
  const dialog = await openRevokeSelected(page);
  await expect(dialog.getByRole('list', { name: "Names: Revoke users' seats" }).getByRole('listitem')).toHaveCount(300);
  // The selection's effect on the bill, once, at the grid's prices; the plan's line points to it.
  await expect(dialog.getByTestId('billing-headline')).toContainText('300 seats stop billing at the end of the cycle ($5,700.00 a month)');
  await expect(dialog.getByTestId('cost-effect')).toContainText('is counted above');
  const confirm = dialog.getByRole('button', { name: 'Revoke 300 seats' });
  await expect(confirm).toBeDisabled();
  await dialog.getByLabel(/Type the organization's name/).fill('ACME ');
  const started = Date.now();
  await confirm.click();

  const bar = dialog.getByRole('progressbar', { name: 'Batches written' });
  await expect(bar).toBeVisible();
  await expect(bar).toHaveAttribute('max', '6');
  await expect(dialog.getByTestId('write-progress')).toContainText(/[1-5] of 6 batches, (50|100|150|200|250) of 300 names/);
  await screenshot(page, 'write-progress');
  await expect(dialog.getByTestId('seats_cancelled')).toHaveText('300', { timeout: 30_000 });
  // Six writes, one at a time, at least a second between one's answer and the next one's start.
  expect(Date.now() - started).toBeGreaterThanOrEqual(5_000);
  const verdicts = await outcomes(dialog);
  expect(Object.keys(verdicts).sort()).toEqual([...selected].sort());
  expect(Object.values(verdicts).every((v) => v === 'done')).toBe(true);
  await screenshot(page, 'write-report');

  const after = await acme(request);
  for (const login of selected) expect(seatOf(after, login).pending_cancellation_date, login).not.toBeNull();
  await dialog.getByRole('button', { name: 'Close' }).click();
  // Every seat was read again (not page 1 only), and the revoked ones show as pending.
  await expect(page.getByTestId('all-loaded')).toContainText('All 2,000 seats loaded');
  await chip(page, 'Active').click();
  await chip(page, 'Pending cancellation').click();
  await page.getByLabel('Search logins').fill(selected[0]);
  await expect(page.locator(`.seat-grid tr[data-login="${selected[0]}"] .status`)).toHaveText('Pending cancellation');
});

test('a bulk revoke under server failures reports exactly what the sandbox did, name by name', async ({ page, request }) => {
  test.setTimeout(120_000);
  await selectDirectActive(page, 300);
  const dialog = await openRevokeSelected(page);
  await dialog.getByLabel(/Type the organization's name/).fill('acme');
  await dialog.getByRole('button', { name: 'Revoke 300 seats' }).click();
  const progress = dialog.getByTestId('write-progress');
  // The first batch goes through; then half the requests fail (500/502, nothing changes); the last two
  // batches surely fail. Batches are at least a second apart, so each switch lands between two of them.
  await expect(progress).toContainText('1 of 6 batches');
  await setFaults(request, { fail_rate: 0.5 });
  await expect(progress).toContainText('4 of 6 batches');
  await setFaults(request, { fail_rate: 1 });
  // A failure without a clear answer may have landed: the seats are read again, without faults.
  await expect(dialog.getByTestId('verifying')).toBeVisible({ timeout: 30_000 });
  await setFaults(request, { fail_rate: 0 });
  await expect(dialog.getByTestId('verified')).toBeVisible({ timeout: 60_000 });
  await screenshot(page, 'write-partial-failure');

  const verdicts = await outcomes(dialog);
  expect(Object.keys(verdicts)).toHaveLength(300);
  const after = await acme(request);
  for (const [login, verdict] of Object.entries(verdicts)) {
    expect(['done', 'failed'], login).toContain(verdict);
    expect(seatOf(after, login).pending_cancellation_date !== null, `${login}: ${verdict}`).toBe(verdict === 'done');
  }
  const done = Object.values(verdicts).filter((v) => v === 'done').length;
  expect(done).toBeGreaterThanOrEqual(50);
  expect(done).toBeLessThanOrEqual(200);
  await expect(dialog.getByTestId('report-done')).toHaveText(String(done));
  await expect(dialog.getByTestId('report-failed')).toHaveText(String(300 - done));
  // GitHub's own count is what its successful answers said: the confirmed batches only.
  const confirmed = await dialog.locator('tr[data-outcome="done"] td:nth-child(2)').evaluateAll((cells) => cells.filter((c) => !c.textContent.includes('after reading')).length);
  await expect(dialog.getByTestId('seats_cancelled')).toHaveText(String(confirmed));
  await expect(dialog.locator('tr[data-outcome="failed"]').first()).toContainText('internal problem');
});

test('Stop halts between batches: what was sent is reported done, the rest not attempted, as the sandbox shows', async ({ page, request }) => {
  const names = directActive(await acme(request)).slice(0, 150);
  await openManage(page);
  const dialog = await submitForm(page, "Revoke users' seats", 'Usernames to revoke', names.join('\n'));
  await dialog.getByLabel(/Type the organization's name/).fill('acme');
  await dialog.getByRole('button', { name: 'Revoke 150 seats' }).click();
  await expect(dialog.getByTestId('write-progress')).toContainText('1 of 3 batches, 50 of 150 names');
  await dialog.getByRole('button', { name: 'Stop' }).click();
  await expect(dialog.getByText('Stopped: no batch was sent after Stop was pressed.')).toBeVisible();
  const verdicts = await outcomes(dialog);
  const done = names.filter((n) => verdicts[n] === 'done');
  const notAttempted = names.filter((n) => verdicts[n] === 'not-attempted');
  expect(done.length + notAttempted.length).toBe(150);
  // The second batch may have been on its way when Stop was pressed; the third never was.
  expect([50, 100]).toContain(done.length);
  expect(done).toEqual(names.slice(0, done.length));
  await expect(dialog.getByTestId('seats_cancelled')).toHaveText(String(done.length));
  const after = await acme(request);
  for (const login of done) expect(seatOf(after, login).pending_cancellation_date, login).not.toBeNull();
  for (const login of notAttempted) expect(seatOf(after, login).pending_cancellation_date, login).toBeNull();
  await dialog.getByRole('button', { name: 'Close' }).click();
  // One entry (a body: its line, and what it can still restore) per batch sent.
  await expect(page.locator('table.activity-log tbody')).toHaveCount(done.length / 50);
});
