// Revoke from a list against the sandbox: an offboarding list pasted (or a CSV file chosen), each name
// reconciled with the loaded seats, the counts per outcome and the export, then "Revoke the revocable ones"
// through the usual confirmation, and the report compared with the sandbox's state.
import { test, expect } from '@playwright/test';
import { connect, downloaded, parseCsv, resetSandbox, sandboxState, screenshot, tokens } from './helpers.js';

test.beforeEach(async ({ request }) => {
  await resetSandbox(request);
});

async function acme(request) {
  return (await sandboxState(request)).orgs.find((org) => org.login === 'acme');
}

/** The seats of each outcome the list needs, picked from the sandbox's state. */
function pick(org) {
  const teams = new Set(org.teams.filter((team) => team.copilot).map((team) => team.slug));
  const inSelectedTeam = new Set(org.teams.filter((team) => team.copilot).flatMap((team) => team.members.map((m) => m.toLowerCase())));
  const live = org.seats.filter((seat) => seat.pending_cancellation_date === null);
  const direct = live.filter((seat) => seat.assigning_team === null && !inSelectedTeam.has(seat.login.toLowerCase()));
  const throughTeam = live.find((seat) => teams.has(seat.assigning_team) && !seat.direct);
  const pending = org.seats.find((seat) => seat.pending_cancellation_date !== null);
  const holders = new Set(org.seats.map((seat) => seat.login.toLowerCase()));
  const noSeat = org.members.find((m) => !holders.has(m.toLowerCase()));
  expect(direct.length).toBeGreaterThan(3);
  expect(throughTeam && pending && noSeat).toBeTruthy();
  return { direct: direct.slice(0, 3).map((s) => s.login), throughTeam, pending: pending.login, noSeat };
}

async function openPanel(page) {
  await expect(page.getByTestId('all-loaded')).toContainText('All 2,000 seats loaded', { timeout: 30_000 });
  const panel = page.locator('details.offboarding');
  await panel.getByText('Revoke from a list').click();
  return panel;
}

/** Screenshots at a phone's and a laptop's width, after checking that nothing widens the page; with `part`,
 * that part of the page alone too, to look at closely. */
async function shots(page, name, part) {
  for (const width of [390, 1366]) {
    await page.setViewportSize({ width, height: 900 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, `nothing overflows at ${width} px`).toBeLessThanOrEqual(0);
    await screenshot(page, `${name}-${width}`);
    if (part) await part.screenshot({ path: `${process.env.E2E_OUTPUT ?? 'test-results'}/screens/${name}-${width}-part.png` });
  }
}

function countOf(panel, outcome) {
  return panel.getByRole('table', { name: 'Names by outcome' }).getByRole('row', { name: outcome }).getByRole('cell');
}

test('a pasted list is reconciled, exported, and its revocable seats revoked as the sandbox then shows', async ({ page, request }) => {
  const org = await acme(request);
  const { direct, throughTeam, pending, noSeat } = pick(org);
  const [first, second, exempt] = direct;
  const team = throughTeam.assigning_team;
  const others = org.seats.filter((seat) => seat.assigning_team === team).length - 1;
  await connect(page, { token: tokens().owner_classic, everySeat: true });
  await expect(page.getByTestId('all-loaded')).toContainText('All 2,000 seats loaded', { timeout: 30_000 });

  // One of the direct seats is exempt.
  const exemptions = page.locator('details.exemptions');
  await exemptions.locator('summary').click();
  await exemptions.getByLabel('Name', { exact: true }).fill(exempt);
  await exemptions.getByLabel('Reason').fill('service account');
  await exemptions.getByRole('button', { name: 'Add to the exemptions' }).click();
  await exemptions.locator('summary').click();

  const panel = await openPanel(page);
  const list = [first, `@${second.toUpperCase()}`, throughTeam.login, pending, exempt, noSeat, 'not_a_login', first.toUpperCase()];
  await panel.getByLabel('GitHub logins, or CSV text').fill(list.join('\n'));
  await panel.getByRole('button', { name: 'Check the list' }).click();
  await expect(panel.getByRole('status')).toHaveText('8 names read.');
  await expect(panel.locator('.coverage-note')).toContainText('every seat of the organization');
  const expected = {
    'Direct seat: revocable': '2',
    'Seat through a team: revocable only with the whole team': '1',
    'Seat through a team that cannot be revoked from here': '0',
    'Already pending cancellation': '1',
    Exempt: '1',
    'No seat': '1',
    'Not a valid GitHub login': '1',
    'Listed again': '1',
  };
  for (const [outcome, count] of Object.entries(expected)) {
    await expect(countOf(panel, outcome), outcome).toHaveText(count);
  }
  const names = panel.getByRole('table', { name: 'Each name of the list' });
  const otherSeats = others === 1 ? '1 other seat' : `${others} other seats`;
  await expect(names.getByRole('row').filter({ hasText: throughTeam.login })).toContainText(
    `Through team ${team}: revocable only by revoking the team, which also takes ${otherSeats} not on the list.`,
  );
  await expect(names.getByRole('row').filter({ hasText: 'not_a_login' })).toContainText('Not a valid GitHub login');
  // Row 8 (after the header) is line 8, the first login again in capitals.
  await expect(names.getByRole('row').nth(8)).toHaveText(`8${first.toUpperCase()}Listed again: first on line 1.`);
  await expect(panel.getByText('2 seats can be revoked by name; 1 more only by revoking 1 team')).toBeVisible();
  await shots(page, 'offboarding-table', panel);

  // The export holds every name, its outcome, and the set it was checked against.
  const { name, text } = await downloaded(page, 'Export the table as CSV');
  expect(name).toMatch(/^copilot-seats-acme-offboarding-all-\d{4}-\d{2}-\d{2}\.csv$/);
  const [header, ...rows] = parseCsv(text);
  expect(header).toEqual(['line', 'entry', 'login', 'outcome', 'detail', 'coverage', 'coverage_note']);
  expect(rows.map((row) => row[3])).toEqual(['direct', 'direct', 'through_team', 'pending_cancellation', 'exempt', 'no_seat', 'invalid', 'duplicate']);
  expect(rows[1].slice(1, 3)).toEqual([`'@${second.toUpperCase()}`, second]);

  // The usual confirmation: the two direct seats by name; the team only if chosen (it is not).
  await panel.getByRole('button', { name: 'Revoke the revocable ones…' }).click();
  const dialog = page.getByRole('dialog');
  const sent = await dialog.getByRole('list', { name: "Names: Revoke users' seats" }).getByRole('listitem').allTextContents();
  expect(sent).toEqual([first, second]);
  await expect(dialog).toContainText(`granted through a team (${team} (1))`);
  await expect(dialog.getByLabel('Revoke the teams instead: every seat granted through them goes, selected or not')).not.toBeChecked();
  await shots(page, 'offboarding-confirm', dialog);
  await dialog.getByRole('button', { name: 'Revoke 2 seats' }).click();
  await expect(dialog.getByTestId('seats_cancelled')).toHaveText('2');
  await expect(dialog.getByTestId('report-done')).toHaveText('2');
  await dialog.getByRole('button', { name: 'Close' }).click();

  // The sandbox: exactly the two direct seats are now pending; the team's, the exempt and the others are not.
  const after = await acme(request);
  const seatOf = (login) => after.seats.find((seat) => seat.login.toLowerCase() === login.toLowerCase());
  expect(seatOf(first).pending_cancellation_date).not.toBeNull();
  expect(seatOf(second).pending_cancellation_date).not.toBeNull();
  expect(seatOf(throughTeam.login).pending_cancellation_date).toBeNull();
  expect(seatOf(exempt).pending_cancellation_date).toBeNull();
  const pendingBefore = org.seats.filter((seat) => seat.pending_cancellation_date !== null).length;
  expect(after.seats.filter((seat) => seat.pending_cancellation_date !== null).length).toBe(pendingBefore + 2);

  // The re-read after the write: the list, checked again, finds them pending.
  await expect(countOf(panel, 'Already pending cancellation')).toHaveText('3', { timeout: 30_000 });
  await expect(countOf(panel, 'Direct seat: revocable')).toHaveText('0');
  await expect(panel.getByRole('button', { name: 'Revoke the revocable ones…' })).toBeEnabled();

  // The activity log, as for any write: one entry (its own body; a revocation's restore note is a second row).
  await page.getByRole('tab', { name: 'Manage seats' }).click();
  const log = page.locator('table.activity-log tbody');
  await expect(log).toHaveCount(1);
  await expect(log.first()).toContainText(`${first}, ${second}`);
  await expect(log.first()).toContainText('seats_cancelled: 2');
});

test('a CSV file, chosen or dropped, is read from its login column, and a file that is not CSV names its line', async ({ page, request }) => {
  const org = await acme(request);
  const { direct, noSeat } = pick(org);
  await connect(page, { token: tokens().owner_classic, everySeat: true });
  const panel = await openPanel(page);
  const input = panel.getByLabel('Or choose a CSV file');
  const csv = (text) => ({ name: 'leavers.csv', mimeType: 'text/csv', buffer: Buffer.from(text) });
  await input.setInputFiles(csv('Name,Username,GitHub username,Last day\n"Lovelace, Ada",alovelace,"x\n'));
  await expect(panel.getByRole('alert')).toHaveText('Line 2: a quoted field is never closed (a " is missing).');
  await input.setInputFiles(csv(`Name,Username,GitHub username,Last day\n"Lovelace, Ada",alovelace,${direct[0]},2099-01-31\nBob,bob,${noSeat},\n`));
  await expect(panel.getByRole('status')).toHaveText('2 names read from the column “GitHub username”.');
  await expect(panel.getByRole('alert')).toHaveCount(0);
  await expect(countOf(panel, 'Direct seat: revocable')).toHaveText('1');
  await expect(countOf(panel, 'No seat')).toHaveText('1');
  await expect(panel.getByLabel('GitHub logins, or CSV text')).toHaveValue(/GitHub username/);

  // A file dropped on the paste area is read the same way.
  const dropped = await page.evaluateHandle((text) => {
    const transfer = new DataTransfer();
    transfer.items.add(new File([text], 'leavers.csv', { type: 'text/csv' }));
    return transfer;
  }, `login,ticket\n@${direct[1]},HR-1\n`);
  await panel.getByLabel('GitHub logins, or CSV text').dispatchEvent('drop', { dataTransfer: dropped });
  await expect(panel.getByRole('status')).toHaveText('1 name read from the column “login”.');
  await expect(panel.getByLabel('GitHub logins, or CSV text')).toHaveValue(/^login,ticket/);
  await expect(countOf(panel, 'Direct seat: revocable')).toHaveText('1');
  await expect(countOf(panel, 'No seat')).toHaveText('0');
  await shots(page, 'offboarding-file', panel);
});
