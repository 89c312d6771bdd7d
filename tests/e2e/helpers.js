// What the end-to-end tests share: the sandbox's address and tokens, and connecting as a person would.
import { readFileSync } from 'node:fs';
import { expect } from '@playwright/test';

export const SANDBOX = `http://127.0.0.1:${process.env.E2E_SANDBOX_PORT ?? 8788}`;
export const APP = `http://127.0.0.1:${process.env.E2E_APP_PORT ?? 4173}`;
const SCREENS = `${process.env.E2E_OUTPUT ?? 'test-results'}/screens`;

export function tokens() {
  return JSON.parse(readFileSync(process.env.E2E_TOKENS ?? 'target/e2e-tokens.json', 'utf8'));
}

export async function sandboxState(request) {
  const response = await request.get(`${SANDBOX}/_sandbox/state`);
  expect(response.ok()).toBeTruthy();
  return response.json();
}

/** The sandbox's `acme` organization as its state shows it now. */
export async function acme(request) {
  return (await sandboxState(request)).orgs.find((org) => org.login === 'acme');
}

export function seatOf(org, login) {
  return org.seats.find((seat) => seat.login.toLowerCase() === login.toLowerCase());
}

/** Logins whose seats were assigned directly, are active, and are covered by no selected team. */
export function directActive(org) {
  const covered = new Set(org.teams.filter((team) => team.copilot).flatMap((team) => team.members.map((m) => m.toLowerCase())));
  return org.seats
    .filter((seat) => seat.assigning_team === null && seat.pending_cancellation_date === null && !covered.has(seat.login.toLowerCase()))
    .map((seat) => seat.login);
}

export async function resetSandbox(request) {
  const response = await request.post(`${SANDBOX}/_sandbox/reset`);
  expect(response.ok()).toBeTruthy();
}

/**
 * Opens the app pointed at the sandbox (or another API address), types the token and connects. With
 * `everySeat`, the app reads every seat on connect as it does for a person (up to 10,000 seats); without
 * it the link says `load=page`, so that tests of paging and of "Load all seats" start from the first page.
 */
export async function connect(page, { token, org = 'acme', enterprise = null, api = SANDBOX, everySeat = false }) {
  const scope = enterprise ? `enterprise=${enterprise}` : `org=${org}`;
  const load = everySeat ? '' : '&load=page';
  await page.goto(`/?host=custom&api=${encodeURIComponent(api)}&${scope}${load}`);
  await page.getByLabel('Token', { exact: true }).fill(token);
  await page.getByRole('button', { name: 'Connect' }).click();
}

/**
 * A count as the page writes it, with thousands separators (the core's `format::count`): 2000 is
 * "2,000". Exports' numeric fields stay plain; only wording is grouped.
 */
export function grouped(n) {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** The number a count on the page says: "2,000" is 2000. */
export function countIn(text) {
  return Number(String(text).trim().replaceAll(',', ''));
}

export async function screenshot(page, name) {
  await page.screenshot({ path: `${SCREENS}/${name}.png`, fullPage: true });
}

/** Clicks an export button; the file's suggested name and its text. */
export async function downloaded(page, button) {
  const downloadPromise = page.waitForEvent('download');
  await page.getByRole('button', { name: button }).click();
  const download = await downloadPromise;
  const text = Buffer.concat(await (await download.createReadStream()).toArray()).toString('utf8');
  return { name: download.suggestedFilename(), text };
}

/** RFC 4180 rows: quoted fields may hold commas, quotes ("") and line breaks. */
export function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; } else if (c === '"') quoted = false; else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; }
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field); rows.push(row); row = []; field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) { row.push(field); rows.push(row); }
  return rows;
}
