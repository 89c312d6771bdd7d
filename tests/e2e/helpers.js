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

export async function resetSandbox(request) {
  const response = await request.post(`${SANDBOX}/_sandbox/reset`);
  expect(response.ok()).toBeTruthy();
}

/** Opens the app pointed at the sandbox (or another API address), types the token and connects. */
export async function connect(page, { token, org = 'acme', enterprise = null, api = SANDBOX }) {
  const scope = enterprise ? `enterprise=${enterprise}` : `org=${org}`;
  await page.goto(`/?host=custom&api=${encodeURIComponent(api)}&${scope}`);
  await page.getByLabel('Token', { exact: true }).fill(token);
  await page.getByRole('button', { name: 'Connect' }).click();
}

export async function screenshot(page, name) {
  await page.screenshot({ path: `${SCREENS}/${name}.png`, fullPage: true });
}
