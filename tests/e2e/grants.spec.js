// A seat's grants and what stops its bill, against the sandbox: the revoke confirmation's "stop billing"
// and "stay billed" figures for a selection mixing direct and team-granted seats, worked out from the
// sandbox's own state and then proved by it after the revoke; and one person's grants with the removal
// that would end each, and who else a team's removal touches.
import { mkdirSync } from 'node:fs';
import { test, expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { connect, resetSandbox, sandboxState, tokens } from './helpers.js';

const SHOTS = process.env.GRANTS_SHOTS ?? `${process.env.E2E_OUTPUT ?? 'test-results'}/screens/grants`;

/** No axe violation in `selector` (the dialog, the panel). */
async function accessible(page, selector) {
  const results = await new AxeBuilder({ page }).include(selector).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

test.beforeEach(async ({ request }) => {
  await resetSandbox(request);
  mkdirSync(SHOTS, { recursive: true });
});

async function acme(request) {
  return (await sandboxState(request)).orgs.find((org) => org.login === 'acme');
}

/** The grid's default prices, in cents a month (Business $19, Enterprise $39). */
function cents(seat) {
  return seat.plan_type === 'enterprise' ? 3900 : 1900;
}

/** "$1,234.00" as the core's `format::dollars` writes it. */
function dollars(total) {
  const whole = Math.floor(total / 100).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `$${whole}.${String(total % 100).padStart(2, '0')}`;
}

function seats(n) {
  return `${n} ${n === 1 ? 'seat' : 'seats'}`;
}

function sum(list) {
  return list.reduce((total, seat) => total + cents(seat), 0);
}

async function loadAll(page) {
  await page.getByRole('button', { name: 'Load all seats' }).click();
  await expect(page.getByTestId('all-loaded')).toContainText('All 2,000 seats loaded', { timeout: 30_000 });
}

async function select(page, login) {
  await page.getByLabel('Search logins').fill(login);
  await page.locator(`.seat-grid tr[data-login="${login}"]`).getByRole('checkbox', { name: `Select ${login}` }).click();
}

/** `part` at a phone's width and a laptop's, tall enough that a dialog shows whole. */
async function shots(page, name, part) {
  for (const width of [390, 1366]) {
    await page.setViewportSize({ width, height: 1400 });
    await part.screenshot({ path: `${SHOTS}/${name}-${width}.png` });
  }
  await page.setViewportSize({ width: 1280, height: 720 });
}

test('the revoke confirmation counts the seats that stop billing and those a grant keeps, as the sandbox then shows', async ({ page, request }) => {
  const org = await acme(request);
  const covered = new Set(org.teams.filter((team) => team.copilot).flatMap((team) => team.members.map((m) => m.toLowerCase())));
  const live = org.seats.filter((seat) => seat.pending_cancellation_date === null);
  // Direct, and covered by no selected team: revoking them by name ends their only grant.
  const direct = live.filter((seat) => seat.assigning_team === null && !covered.has(seat.login.toLowerCase())).slice(0, 2);
  // Two seats granted through one team (with more members than those two).
  const slug = org.teams.find((team) => team.copilot && live.filter((seat) => seat.assigning_team === team.slug).length > 3).slug;
  const members = live.filter((seat) => seat.assigning_team === slug);
  const teamGranted = members.slice(0, 2);
  expect(direct).toHaveLength(2);

  await connect(page, { token: tokens().owner_classic });
  await loadAll(page);
  for (const seat of [...direct, ...teamGranted]) await select(page, seat.login);
  await expect(page.getByTestId('selected-count')).toHaveText('4 selected');
  await page.getByRole('button', { name: 'Revoke selected…' }).click();
  const dialog = page.getByRole('dialog');
  const effect = dialog.getByRole('group', { name: 'What the bill does' });

  // Skipping team-granted seats: the direct ones stop, the team's stay.
  await expect(effect.getByTestId('billing-headline')).toHaveText(
    `${seats(2)} stop billing at the end of the cycle (${dollars(sum(direct))} a month); ` +
      `${seats(2)} stay billed because a grant this revoke does not remove keeps them (${dollars(sum(teamGranted))} a month).`,
  );
  await expect(effect.getByTestId('billing-stay').getByRole('listitem')).toHaveText([
    `${seats(2)} (${dollars(sum(teamGranted))} a month): granted through a team, which this revoke skips.`,
  ]);
  await expect(effect).toContainText("Counted from this organization's seat list");
  await shots(page, 'revoke-stop-and-stay', dialog);
  await accessible(page, 'dialog.confirm-write');

  // Removing the team instead: every live seat it grants stops, selected or not.
  await dialog.getByLabel(/Revoke the teams instead/).check();
  const stopping = [...direct, ...members];
  await expect(effect.getByTestId('billing-headline')).toHaveText(
    `${seats(stopping.length)} stop billing at the end of the cycle (${dollars(sum(stopping))} a month); no selected seat stays billed.`,
  );
  const beyond = members.slice(2);
  await expect(effect.getByTestId('billing-beyond')).toHaveText(
    `Of those that stop, ${seats(beyond.length)} (${dollars(sum(beyond))} a month) ${beyond.length === 1 ? 'was' : 'were'} not selected: removing the teams takes them too.`,
  );
  await shots(page, 'revoke-teams-stop', dialog);

  // Skip again and revoke: exactly the seats said to stop are pending cancellation now; the others are not.
  await dialog.getByLabel('Skip them').check();
  await dialog.getByRole('button', { name: 'Revoke 2 seats' }).click();
  await expect(dialog.getByTestId('seats_cancelled')).toHaveText('2');
  await dialog.getByRole('button', { name: 'Close' }).click();
  const after = await acme(request);
  const seatOf = (login) => after.seats.find((seat) => seat.login === login);
  for (const seat of direct) expect(seatOf(seat.login).pending_cancellation_date, seat.login).not.toBeNull();
  for (const seat of teamGranted) expect(seatOf(seat.login).pending_cancellation_date, seat.login).toBeNull();
});

test("a person's grants name the removal that ends each, and who else removing their team touches", async ({ page, request }) => {
  const org = await acme(request);
  const live = org.seats.filter((seat) => seat.pending_cancellation_date === null);
  const teamSeat = live.find((seat) => seat.assigning_team !== null && live.filter((s) => s.assigning_team === seat.assigning_team).length > 1);
  const others = live.filter((seat) => seat.assigning_team === teamSeat.assigning_team && seat.login !== teamSeat.login);
  const directSeat = live.find((seat) => seat.assigning_team === null);

  await connect(page, { token: tokens().owner_classic });
  await loadAll(page);
  const panel = page.locator('details.grants');
  await panel.locator('summary').click();
  const login = panel.getByLabel('Login', { exact: true });
  const grants = panel.getByRole('region', { name: 'Grants' });

  await login.fill(teamSeat.login.toUpperCase());
  await expect(grants).toContainText(`${teamSeat.login}: 1 grant, billed once (${dollars(cents(teamSeat))} a month).`);
  await expect(grants.getByRole('listitem')).toHaveText([
    new RegExp(`^acme, team .+ — Ends with: remove the team ${teamSeat.assigning_team} from Copilot \\(GitHub refuses to revoke a team's seat by name\\), which also takes the ${seats(others.length).replace('seat', 'other seat')} it grants \\(`),
  ]);
  await expect(grants).toContainText('The billing ends at the end of the cycle once this grant is removed.');
  await shots(page, 'person-grants-team', panel);
  await accessible(page, 'details.grants');

  await login.fill(directSeat.login);
  await expect(grants.getByRole('listitem')).toHaveText(['acme, direct assignment — Ends with: revoke the direct assignment.']);
  await login.fill('nobody-here');
  await expect(grants).toHaveText("No loaded seat is nobody-here's.");
});

test("in an enterprise, a person's grants span its organizations and its enterprise team", async ({ page, request }) => {
  const state = await sandboxState(request);
  const grantsOf = new Map();
  const add = (login, where) => grantsOf.set(login, [...(grantsOf.get(login) ?? []), where]);
  for (const org of state.orgs) for (const seat of org.seats) add(seat.login, org.login);
  for (const team of state.enterprise.teams) for (const seat of team.seats) add(seat.login, 'enterprise team');
  // The person with the most grants, one of them an enterprise team's if anyone has both.
  const [login, places] = [...grantsOf.entries()]
    .filter(([, places]) => places.length > 1)
    .sort((a, b) => Number(b[1].includes('enterprise team')) - Number(a[1].includes('enterprise team')) || b[1].length - a[1].length)[0];

  await connect(page, { token: tokens().owner_classic, enterprise: 'acme-corp', everySeat: true });
  await expect(page.getByTestId('all-loaded')).toContainText('seats loaded', { timeout: 30_000 });
  const panel = page.locator('details.grants');
  await panel.locator('summary').click();
  await panel.getByLabel('Login', { exact: true }).fill(login);
  const grants = panel.getByRole('region', { name: 'Grants' });
  await expect(grants).toContainText(`${login}: ${places.length} grants, billed once`);
  const items = await grants.getByRole('listitem').allTextContents();
  expect(items.map((item) => (item.startsWith('enterprise team') ? 'enterprise team' : item.split(',')[0])).sort()).toEqual([...places].sort());
  if (places.includes('enterprise team')) {
    await expect(grants).toContainText('Granted by an enterprise team: not manageable from an organization.');
    await expect(grants).toContainText('An enterprise team grants this seat, so no removal made from an organization ends the billing.');
  }
  await expect(grants).not.toContainText("this list cannot show it");
  await shots(page, 'person-grants-enterprise', panel);
});
