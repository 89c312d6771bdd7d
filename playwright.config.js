// End-to-end tests: the built site (dist/) in Debian's Chromium, against the sandbox server.
import { defineConfig } from '@playwright/test';

// Overridable so two runs (or a run and `make serve`) can share one machine.
export const APP_PORT = Number(process.env.E2E_APP_PORT ?? 4173);
export const SANDBOX_PORT = Number(process.env.E2E_SANDBOX_PORT ?? 8788);
const DIST = process.env.E2E_DIST ?? 'dist';
const TOKENS = process.env.E2E_TOKENS ?? 'target/e2e-tokens.json';

export default defineConfig({
  testDir: 'tests/e2e',
  // Refuses a published build (no loopback in its policy) with a clear message.
  globalSetup: './tests/e2e/sandbox-build.mjs',
  outputDir: process.env.E2E_OUTPUT ?? 'test-results',
  // One worker: the tests share one stateful sandbox, and the machine has two cores.
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 60_000,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${APP_PORT}`,
    launchOptions: {
      // Never `npx playwright install`: this machine reaches no browser download; Debian's Chromium it is.
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
    trace: 'off',
  },
  webServer: [
    {
      command: `node tests/e2e/serve-dist.mjs ${DIST} ${APP_PORT}`,
      url: `http://127.0.0.1:${APP_PORT}/`,
      reuseExistingServer: false,
      timeout: 30_000,
    },
    {
      // Built by `make e2e` before Playwright starts; 2,000 seats in `acme`, three organizations.
      command: `target/release/copilot-sandbox --port ${SANDBOX_PORT} --seats 2000 --orgs 3 --seed 7 --tokens-out ${TOKENS}`,
      url: `http://127.0.0.1:${SANDBOX_PORT}/_sandbox/state`,
      reuseExistingServer: false,
      timeout: 30_000,
    },
  ],
});
