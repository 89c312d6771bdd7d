// The dashboard above the grid (#16): its tiles and every chart's table say the grid's numbers, a click on
// a bar filters the grid and the URL, and it is looked at in light and dark mode at three widths.
import { mkdirSync } from 'node:fs';
import { test, expect } from '@playwright/test';
import { SANDBOX, connect, countIn, resetSandbox, tokens } from './helpers.js';
import { openDemo } from './screens.js';

const SHOTS = '/tmp/shots/charts16';
const STATUSES = ['active', 'new', 'signed-in-no-activity', 'inactive', 'never-used', 'pending-cancellation'];

/** The grid's own counter of each status, over every seat loaded. */
async function gridCounts(page) {
  const counts = {};
  for (const status of STATUSES) counts[status] = countIn(await page.getByTestId(`count-${status}`).innerText());
  return counts;
}

/** A chart's table as rows of cells (header row first). */
async function tableOf(page, id) {
  return page.getByTestId(`chart-${id}`).locator('table.chart-table tr').evaluateAll((rows) =>
    rows.map((row) => [...row.children].map((cell) => cell.textContent.trim())));
}

/** The "Seats" column of a chart's table, as numbers. */
async function seatsColumn(page, id) {
  const [header, ...rows] = await tableOf(page, id);
  const column = header.indexOf('Seats');
  expect(column, `${id} has a Seats column: ${header}`).toBeGreaterThan(0);
  return rows.map((row) => countIn(row[column]));
}

const sum = (numbers) => numbers.reduce((a, b) => a + b, 0);

test('the tiles and each chart\'s table agree with the grid\'s counts', async ({ page }) => {
  await openDemo(page);
  const counts = await gridCounts(page);
  const seats = sum(Object.values(counts));
  expect(seats).toBeGreaterThan(0);
  await expect(page.getByTestId('tile-seats')).toHaveText(seats.toLocaleString('en-US'));
  await expect(page.getByTestId('tile-never-used')).toHaveText(counts['never-used'].toLocaleString('en-US'));
  // The idle tile counts people (billed once), not grants, and says so.
  await expect(page.locator('dl.tiles')).toContainText('Idle users');
  await expect(page.locator('dl.tiles')).toContainText('New this calendar month');
  await expect(page.getByTestId('tile-pending-cancellation')).toHaveText(counts['pending-cancellation'].toLocaleString('en-US'));
  const share = Math.round((100 * counts.active) / seats);
  await expect(page.getByTestId('tile-active-share')).toHaveText(new RegExp(`^(${share}|<1|99|100)%$`));
  await expect(page.getByTestId('dashboard-set')).toHaveText(`The tiles and charts cover all ${seats.toLocaleString('en-US')} seats loaded, as the grid does.`);

  // The status chart's table is the grid's counters, status by status, and its idle costs add up to the grid's.
  const [, ...statusRows] = await tableOf(page, 'status');
  const labels = ['Active', 'New', 'Signed in, no activity', 'Inactive', 'Never used', 'Pending cancellation'];
  expect(statusRows.map((row) => row[0])).toEqual(labels);
  expect(statusRows.map((row) => countIn(row[1]))).toEqual(STATUSES.map((status) => counts[status]));
  const cents = (text) => Math.round(Number(text.replace(/[^0-9.]/g, '')) * 100);
  const idleCents = sum(statusRows.filter((row) => row[2]).map((row) => cents(row[2])));
  expect(idleCents).toBe(cents(await page.getByTestId('idle-cost').innerText()));

  // Every chart whose bars are the whole set adds up to it; adoption ranks teams and says which.
  for (const id of ['status', 'activity', 'editors', 'months']) {
    expect(sum(await seatsColumn(page, id)), `${id} adds up to the seats`).toBe(seats);
  }
  await expect(page.getByTestId('chart-adoption-teams')).toContainText(/granting teams?, highest active share first|lowest active shares of/);
  // Hovering a bar shows its exact count, as the table does.
  const inactiveBar = page.getByTestId('chart-status').getByRole('button', { name: /^Inactive: / });
  await expect(inactiveBar).toHaveAttribute('title', new RegExp(`^Inactive: ${counts.inactive.toLocaleString('en-US')} seats?`));
});

test('clicking a status bar filters the grid and the URL, and clicking it again lifts the filter', async ({ page }) => {
  await openDemo(page);
  const counts = await gridCounts(page);
  const bar = page.getByTestId('chart-status').getByRole('button', { name: /^Inactive: / });
  await bar.click();
  await expect(page).toHaveURL(/[?&]status=inactive(&|$)/);
  await expect(bar).toHaveAttribute('aria-pressed', 'true');
  await expect(bar).toBeFocused();
  // The grid's own Inactive chip is pressed: it is the same filter.
  await expect(page.locator('.toolbar').getByRole('button', { name: 'Inactive', exact: true })).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('tile-seats')).toHaveText(counts.inactive.toLocaleString('en-US'));
  await expect(page.getByTestId('dashboard-set')).toContainText(`cover the ${counts.inactive.toLocaleString('en-US')} seat`);
  // The grid's rows are the inactive ones only.
  const statuses = await page.locator('.seat-grid tbody td span.status:not(.status-exempt)').allInnerTexts();
  expect(statuses.length).toBeGreaterThan(0);
  expect(new Set(statuses)).toEqual(new Set(['Inactive']));
  // The status chart alone sets the status filter aside: every other bar keeps its count, and says so.
  const [, ...statusRows] = await tableOf(page, 'status');
  expect(statusRows.map((row) => countIn(row[1]))).toEqual(STATUSES.map((status) => counts[status]));
  await expect(page.getByTestId('chart-status').locator('figcaption')).toContainText('its status filter aside');
  // So another status can be picked straight from the chart.
  const never = page.getByTestId('chart-status').getByRole('button', { name: /^Never used: / });
  await expect(never).toHaveAttribute('title', new RegExp(`^Never used: ${counts['never-used'].toLocaleString('en-US')} seats?`));
  await never.click();
  await expect(page).toHaveURL(/[?&]status=never-used(&|$)/);
  await expect(page.getByTestId('tile-seats')).toHaveText(counts['never-used'].toLocaleString('en-US'));
  await expect(bar).toHaveAttribute('aria-pressed', 'false');
  await never.click();
  await expect(page).not.toHaveURL(/status=/);

  await bar.click();
  await expect(page).toHaveURL(/[?&]status=inactive(&|$)/);
  await bar.click();
  await expect(page).not.toHaveURL(/status=/);
  await expect(page.getByTestId('tile-seats')).toHaveText(sum(Object.values(counts)).toLocaleString('en-US'));
});

test('a filter changes the charts\' numbers, not their elements: each bar part and table cell is updated in place', async ({ page }) => {
  // At 100,000 seats every element made again is laid out and painted again: the charts were rebuilt whole
  // on every change of the grid, which took a third of an interaction's budget.
  await openDemo(page);
  const activity = page.getByTestId('chart-activity');
  const before = await activity.evaluate((chart) => {
    window.keptCells = [...chart.querySelectorAll('table.chart-table td, table.chart-table th')];
    window.keptParts = [...chart.querySelectorAll('button.bar rect:not(.track)')];
    return window.keptCells.map((cell) => cell.textContent);
  });
  await page.locator('.toolbar').getByRole('button', { name: 'Inactive', exact: true }).click();
  await expect(page.getByTestId('tile-seats')).toHaveText((await gridCounts(page)).inactive.toLocaleString('en-US'));
  const after = await activity.evaluate((chart) => {
    const cells = [...chart.querySelectorAll('table.chart-table td, table.chart-table th')];
    const parts = [...chart.querySelectorAll('button.bar rect:not(.track)')];
    return {
      kept: cells.length === window.keptCells.length && cells.every((cell, at) => cell === window.keptCells[at])
        && parts.length === window.keptParts.length && parts.every((part, at) => part === window.keptParts[at]),
      texts: cells.map((cell) => cell.textContent),
    };
  });
  expect(after.kept, 'every cell and bar part is the one shown before').toBe(true);
  expect(after.texts, 'and the numbers changed').not.toEqual(before);
});

test('clicking an activity bar filters the grid by days since last activity, in the URL, until lifted', async ({ page }) => {
  await openDemo(page);
  const never = page.getByTestId('chart-activity').getByRole('button', { name: /^Never used: / });
  const title = await never.getAttribute('title');
  const expected = countIn(/^Never used: ([\d,]+) seat/.exec(title)[1]);
  await never.click();
  await expect(page).toHaveURL(/[?&]age=never(&|$)/);
  await expect(page.getByTestId('tile-seats')).toHaveText(expected.toLocaleString('en-US'));
  // A seat never used is "never used" or, within its grace period, "new", or pending cancellation.
  const statuses = new Set(await page.locator('.seat-grid tbody td span.status:not(.status-exempt)').allInnerTexts());
  expect([...statuses].every((s) => ['Never used', 'New', 'Pending cancellation'].includes(s)), [...statuses].join()).toBe(true);
  await page.getByRole('button', { name: 'Show every activity' }).click();
  await expect(page).not.toHaveURL(/age=/);
});

test('the dashboard in light and dark mode at 390, 768 and 1366 px', async ({ page }) => {
  mkdirSync(SHOTS, { recursive: true });
  await page.setViewportSize({ width: 1366, height: 900 });
  await openDemo(page);
  for (const scheme of ['light', 'dark']) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const width of [390, 768, 1366]) {
      await page.setViewportSize({ width, height: 900 });
      await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
      const documentWidth = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(documentWidth, `${scheme} at ${width} px`).toBe(width);
      // Each chart's table fits its chart: none is cut off (a phone breaks long names instead).
      const wider = await page.locator('figure.chart').evaluateAll((figures) => figures
        .filter((f) => f.querySelector('table').getBoundingClientRect().right > f.getBoundingClientRect().right + 0.5)
        .map((f) => f.dataset.testid));
      expect(wider, `${scheme} at ${width} px`).toEqual([]);
      const dashboard = page.getByRole('region', { name: 'At a glance' });
      await dashboard.screenshot({ path: `${SHOTS}/dashboard-${scheme}-${width}.png` });
      // The whole dashboard is tall on a phone: its tiles and one stacked chart on their own, to be read.
      if (width === 390) {
        await dashboard.locator('dl.tiles').screenshot({ path: `${SHOTS}/tiles-${scheme}-${width}.png` });
        await page.getByTestId('chart-adoption-teams').screenshot({ path: `${SHOTS}/adoption-${scheme}-${width}.png` });
      }
    }
  }
});

test('an enterprise\'s dashboard ranks its organizations by active share, and a bar filters the grid to one', async ({ page, request }) => {
  await resetSandbox(request);
  await page.setViewportSize({ width: 1366, height: 900 });
  await connect(page, { token: tokens().owner_classic, enterprise: 'acme-corp' });
  const chart = page.getByTestId('chart-adoption-organizations');
  await expect(chart).toBeVisible({ timeout: 20_000 });
  // The charts grow as pages come in: with every page, every organization is ranked.
  await page.getByRole('button', { name: 'Load all seats' }).click();
  await expect(page.getByTestId('all-loaded')).toBeVisible({ timeout: 30_000 });
  await expect(chart).toContainText('All 3 organizations, highest active share first.');
  // Grants GitHub lists with no organization are not ranked, and the caption says how many.
  const caption = await chart.locator('figcaption').innerText();
  const unranked = /Not ranked: ([\d,]+) seats? of no organization/.exec(caption);
  // The ranking and the grants of no organization are every seat shown.
  const seats = countIn(await page.getByTestId('tile-seats').innerText());
  expect(sum(await seatsColumn(page, 'adoption-organizations')) + (unranked ? countIn(unranked[1]) : 0)).toBe(seats);
  mkdirSync(SHOTS, { recursive: true });
  await chart.screenshot({ path: `${SHOTS}/enterprise-adoption-1366.png` });
  const [, first] = await tableOf(page, 'adoption-organizations');
  await chart.getByRole('button', { name: new RegExp(`^${first[0]}: `) }).click();
  await expect(page).toHaveURL(new RegExp(`[?&]seat_org=${first[0]}(&|$)`));
  await expect(page.getByTestId('tile-seats')).toHaveText(first[3]);
});

test('while Load all brings pages in, the dashboard says which seats it covers, and once loading ends its figures are the loaded set', async ({ page, request }) => {
  test.setTimeout(120_000);
  await resetSandbox(request);
  // Slow answers, one page at a time: the grid shows the seats so far with every page (0.9 s apart),
  // and the dashboard takes them at its own pace, saying so.
  const slow = await request.post(`${SANDBOX}/_sandbox/faults`, { data: { latency_ms: 900 } });
  expect(slow.ok()).toBeTruthy();
  try {
    await page.addInitScript(() => {
      window.__dashboardSeen = [];
      // Read at each frame, when the page has finished changing, so that the tile and the sentence are
      // of the same moment.
      const look = () => {
        const set = document.querySelector('[data-testid="dashboard-set"]');
        const tile = document.querySelector('[data-testid="tile-seats"]');
        if (set && tile) {
          const seen = { set: set.textContent, tile: tile.textContent };
          const last = window.__dashboardSeen.at(-1);
          if (!last || last.set !== seen.set || last.tile !== seen.tile) window.__dashboardSeen.push(seen);
        }
        requestAnimationFrame(look);
      };
      requestAnimationFrame(look);
    });
    await page.setViewportSize({ width: 1366, height: 900 });
    await connect(page, { token: tokens().owner_classic });
    await page.getByTestId('page-position').waitFor({ timeout: 20_000 });
    await page.getByLabel('Requests at once').selectOption('1');
    await page.getByRole('button', { name: 'Load all seats' }).click();
    await expect(page.getByTestId('dashboard-set')).toContainText('Still counting: the tiles and charts cover the first', { timeout: 30_000 });
    const shots = '/tmp/shots/dash16';
    mkdirSync(shots, { recursive: true });
    for (const width of [390, 1366]) {
      await page.setViewportSize({ width, height: 900 });
      expect(await page.evaluate(() => document.documentElement.scrollWidth), `at ${width} px`).toBe(width);
      await page.getByRole('region', { name: 'At a glance' }).locator('dl.tiles').screenshot({ path: `${shots}/counting-tiles-${width}.png` });
      await page.screenshot({ path: `${shots}/counting-${width}.png` });
    }
    await expect(page.getByTestId('all-loaded')).toBeVisible({ timeout: 90_000 });

    // Once loading ends, the figures are the loaded set: every seat the grid counts, chart by chart.
    const counts = await gridCounts(page);
    const seats = sum(Object.values(counts));
    const all = countIn(/All ([\d,]+) seats? loaded/.exec(await page.getByTestId('all-loaded').innerText())[1]);
    expect(seats).toBe(all);
    await expect(page.getByTestId('tile-seats')).toHaveText(seats.toLocaleString('en-US'));
    await expect(page.getByTestId('dashboard-set')).toHaveText(`The tiles and charts cover all ${seats.toLocaleString('en-US')} seats loaded, as the grid does.`);
    await expect(page.getByRole('region', { name: 'At a glance' }).locator('p.coverage')).toHaveText(`These figures cover every seat of the organization: all ${seats.toLocaleString('en-US')} seats loaded.`);
    await expect(page.getByTestId('tile-never-used')).toHaveText(counts['never-used'].toLocaleString('en-US'));
    const [, ...statusRows] = await tableOf(page, 'status');
    expect(statusRows.map((row) => countIn(row[1]))).toEqual(STATUSES.map((status) => counts[status]));
    for (const id of ['activity', 'editors', 'months']) {
      expect(sum(await seatsColumn(page, id)), `${id} adds up to the seats`).toBe(seats);
    }

    // While it lagged, it said of which seats its tiles were, and they were fewer than the grid had.
    const seen = await page.evaluate(() => window.__dashboardSeen);
    const lagging = seen
      .map(({ set, tile }) => [/cover the first ([\d,]+) seats? loaded; the grid has ([\d,]+) so far/.exec(set), countIn(tile)])
      .filter(([match]) => match)
      .map(([match, tile]) => [countIn(match[1]), countIn(match[2]), tile]);
    expect(lagging.length, seen.map((s) => `${s.tile} | ${s.set}`).join('\n')).toBeGreaterThan(0);
    for (const [shown, grid, tile] of lagging) {
      expect(tile, 'the tile counts the seats the sentence names').toBe(shown);
      expect(shown).toBeLessThan(grid);
    }
  } finally {
    await request.post(`${SANDBOX}/_sandbox/faults`, { data: { latency_ms: 0 } });
  }
});
