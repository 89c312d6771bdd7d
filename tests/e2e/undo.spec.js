// Undo while it is still pending: a revocation in the activity log offers "Restore these seats" while the
// seats last read show its names pending cancellation; the restore goes through the one confirmation dialog
// (with what keeping the seats costs) as a POST of the same names, and the sandbox's state shows the seats
// active again.
import { test, expect } from '@playwright/test';
import { acme, connect, directActive, grouped, resetSandbox, seatOf, tokens } from './helpers.js';

const SHOTS = process.env.E2E_SHOTS ?? '/tmp/shots/undo15';

test.beforeEach(async ({ request }) => {
  await resetSandbox(request);
});

async function openManage(page) {
  await connect(page, { token: tokens().owner_classic });
  await page.getByRole('tab', { name: 'Manage seats' }).click();
  await expect(page.getByRole('heading', { name: 'Manage seats in acme' })).toBeVisible();
}

/** Sends one of the four forms through its confirmation, and closes the report. */
async function write(page, title, label, names, button) {
  const form = page.getByRole('region', { name: title });
  await form.getByLabel(label).fill(names);
  await form.getByRole('button', { name: `${title}…` }).click();
  const dialog = page.getByRole('dialog', { name: `${title} in acme` });
  await dialog.getByRole('button', { name: button }).click();
  await expect(page.getByRole('dialog').getByRole('button', { name: 'Close' })).toBeVisible({ timeout: 30_000 });
  await page.getByRole('dialog').getByRole('button', { name: 'Close' }).click();
}

/** The log's entry for a write (its line, and what it can still restore), by its operation and names. */
function logLine(page, operation, names) {
  return page.locator('table.activity-log tbody').filter({ hasText: operation }).filter({ hasText: names });
}

async function shots(page, name, locator) {
  for (const width of [390, 1366]) {
    await page.setViewportSize({ width, height: 900 });
    await locator.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/${name}-${width}.png`, fullPage: width === 390 });
  }
  await page.setViewportSize({ width: 1280, height: 720 });
}

test('a user revocation is restored from the log while pending, with its cost, and the sandbox shows the seats active', async ({ page, request }) => {
  const [first, second] = directActive(await acme(request));
  await openManage(page);
  await write(page, "Revoke users' seats", 'Usernames to revoke', `${first} ${second}`, 'Revoke 2 seats');
  const revoked = await acme(request);
  expect(seatOf(revoked, first).pending_cancellation_date).not.toBeNull();
  expect(seatOf(revoked, second).pending_cancellation_date).not.toBeNull();

  // The seats were read before the revocation: the log cannot tell yet, and offers to read them.
  const line = logLine(page, "Revoke users' seats", `${first}, ${second}`);
  await expect(line.getByTestId('restore-note')).toContainText('known once the seats are read again');
  await expect(line.getByRole('button', { name: 'Restore these seats' })).toHaveCount(0);
  await line.getByRole('button', { name: 'Read the seats again' }).click();
  await expect(line.getByTestId('restore-note')).toHaveText(/^As the seats read at [\d-]+ [\d:]+ UTC show: 2 seats still pending cancellation, can be restored\.$/);
  await shots(page, 'undo-log', page.getByRole('region', { name: 'Activity log' }));

  await line.getByRole('button', { name: 'Restore these seats' }).click();
  const dialog = page.getByRole('dialog', { name: 'Restore seats in acme' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('list', { name: 'Names: Assign seats to users' }).getByRole('listitem')).toHaveText([first, second]);
  await expect(dialog.getByTestId('cost-effect')).toHaveText(
    'Restoring 2 seats keeps $38.00 a month on the bill: they are billed now until the end of the cycle either way, and after it only if restored.',
  );
  await shots(page, 'undo-confirm', dialog);
  await dialog.getByRole('button', { name: 'Assign 2 seats' }).click();
  await expect(page.getByRole('dialog').getByTestId('seats_created')).toHaveText('2', { timeout: 30_000 });
  await page.getByRole('dialog').getByRole('button', { name: 'Close' }).click();

  const restored = await acme(request);
  for (const login of [first, second]) {
    expect(seatOf(restored, login).pending_cancellation_date, login).toBeNull();
    expect(seatOf(restored, login).created_at, `${login}: the same seat`).toBe(seatOf(revoked, login).created_at);
  }
  // The restore is logged; the revocation, read again, is no longer restorable and says why.
  await expect(logLine(page, 'Assign seats to users', `${first}, ${second}`)).toHaveCount(1);
  await line.getByRole('button', { name: 'Read the seats again' }).click();
  await expect(line.getByTestId('restore-note')).toContainText(`show: No longer restorable: ${first}, ${second} (active again).`);
  await expect(line.getByRole('button', { name: 'Restore these seats' })).toHaveCount(0);
});

test('only the names GitHub answered as revoked are offered, and a seat the grid shows active is not', async ({ page, request }) => {
  const [first, second] = directActive(await acme(request));
  await openManage(page);
  // Two revocations; the second is undone by hand (assigned again) before the seats are read.
  await write(page, "Revoke users' seats", 'Usernames to revoke', first, 'Revoke 1 seat');
  await write(page, "Revoke users' seats", 'Usernames to revoke', second, 'Revoke 1 seat');
  await write(page, 'Assign seats to users', 'Usernames to assign', second, 'Assign 1 seat');
  // Seats read by the grid (Seats tab), not by the log: what the log offers follows them.
  await page.getByRole('tab', { name: 'Seats', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Load all seats' })).toBeVisible();
  await page.getByRole('button', { name: 'Load all seats' }).click();
  await expect(page.getByTestId('all-loaded')).toContainText('All 2,000 seats loaded', { timeout: 30_000 });
  await page.getByRole('tab', { name: 'Manage seats' }).click();
  const firstLine = logLine(page, "Revoke users' seats", first);
  await expect(firstLine.getByRole('button', { name: 'Restore these seats' })).toBeVisible();
  const secondLine = logLine(page, "Revoke users' seats", second);
  await expect(secondLine.getByTestId('restore-note')).toContainText(`show: No longer restorable: ${second} (active again).`);
  // A refused revocation (a name that is not a member) has nothing GitHub revoked: no restore offered.
  await write(page, "Revoke users' seats", 'Usernames to revoke', 'no-such-member-0', 'Revoke 1 seat');
  await expect(logLine(page, "Revoke users' seats", 'no-such-member-0').getByTestId('restore-note')).toHaveCount(0);
  // Refresh: the seats read before it no longer tell; the log asks for a new read before offering a restore.
  await page.getByRole('button', { name: 'Read the seats again' }).first().click();
  await expect(firstLine.getByRole('button', { name: 'Restore these seats' })).toBeVisible();
  await page.getByRole('button', { name: 'Refresh', exact: true }).click();
  await expect(firstLine.getByTestId('restore-note')).toContainText('known once the seats are read again');
  await expect(firstLine.getByRole('button', { name: 'Restore these seats' })).toHaveCount(0);
});

test("a team revocation is restored by re-adding the team, and its members' seats are active again", async ({ page, request }) => {
  const org = await acme(request);
  const direct = new Set(org.seats.filter((seat) => seat.direct).map((seat) => seat.login));
  const teamsOf = (login) => org.teams.filter((t) => t.copilot && t.members.includes(login)).length;
  // A selected team with a member who holds the seat through it alone: revoking it leaves a seat pending.
  const team = org.teams.find((t) => t.copilot && org.seats.some((seat) => seat.assigning_team === t.slug && !direct.has(seat.login) && teamsOf(seat.login) === 1));
  await openManage(page);
  await write(page, "Revoke teams' seats", 'Team slugs to revoke', team.slug, 'Revoke the seats of 1 team');
  const revoked = await acme(request);
  const pending = revoked.seats.filter((seat) => seat.assigning_team === team.slug && seat.pending_cancellation_date !== null);
  expect(pending.length).toBeGreaterThan(0);

  const line = logLine(page, "Revoke teams' seats", team.slug);
  await line.getByRole('button', { name: 'Read the seats again' }).click();
  const seats = pending.length === 1 ? '1 seat' : `${pending.length} seats`;
  await expect(line.getByTestId('restore-note')).toContainText(`show: ${seats} still pending cancellation, can be restored.`);
  await line.getByRole('button', { name: 'Restore these seats' }).click();
  const dialog = page.getByRole('dialog', { name: 'Restore seats in acme' });
  await expect(dialog.getByRole('list', { name: 'Names: Assign seats to teams' }).getByRole('listitem')).toHaveText([team.slug]);
  await expect(dialog.getByTestId('cost-effect')).toContainText(`Restoring ${seats} keeps $${grouped(19 * pending.length)}.00 a month`);
  await expect(dialog.getByTestId('cost-effect')).toContainText('Re-adding a team also gives a seat to any member who has none');
  // Above 20 seats the organization's name is typed, as for any write that large.
  if (pending.length > 20) await dialog.getByLabel(/Type the organization's name/).fill('acme');
  await dialog.getByRole('button', { name: 'Assign the seats of 1 team' }).click();
  await expect(page.getByRole('dialog').getByTestId('seats_created')).toBeVisible({ timeout: 30_000 });
  await page.getByRole('dialog').getByRole('button', { name: 'Close' }).click();

  const restored = await acme(request);
  expect(restored.teams.find((t) => t.slug === team.slug).copilot).toBe(true);
  for (const seat of pending) {
    expect(seatOf(restored, seat.login).pending_cancellation_date, seat.login).toBeNull();
  }
});
