/**
 * report.html in a real browser: headless Chromium (Debian's `chromium`, driven by playwright-core;
 * never a downloaded browser) opens the file from disk and must draw every chart, log no console
 * error, fetch nothing but file:/data: URLs, and run its tooltip script under its own CSP.
 *
 * The report comes from `routesim simulate` on the small fixture, or from REPORT_RESULTS=<results.json>
 * (e.g. the default scenario's). The screenshot (desktop width, 1366 px) goes to a temp directory,
 * or to docs/report-screenshot.png with UPDATE_SCREENSHOT=1.
 *
 * Without /usr/bin/chromium the test is skipped with a message — except with CI=true, where a
 * missing browser is a failure (.ci/run installs it).
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserTestsRun, launchChromium } from '../support/chromium.ts';
import { root, routesim, SMALL } from './simulate-helpers.ts';

const DESKTOP = { width: 1366, height: 900 };

describe.runIf(browserTestsRun('report-browser'))('report.html in headless Chromium', () => {
  const directory = mkdtempSync(join(tmpdir(), 'routesim-report-browser-'));
  let reportPath = '';
  let browser: import('playwright-core').Browser | undefined;

  beforeAll(async () => {
    const given = process.env['REPORT_RESULTS'];
    if (given === undefined) {
      const run = routesim('simulate', SMALL, '--out', directory, '--quiet');
      expect(run.status, run.stderr).toBe(0);
      reportPath = join(directory, 'report.html');
    } else {
      reportPath = join(directory, 'report.html');
      const rebuilt = routesim('report', resolve(given), '--out', reportPath);
      expect(rebuilt.status, rebuilt.stderr).toBe(0);
    }
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    rmSync(directory, { recursive: true, force: true });
  });

  it('draws every chart with no console error and no network request, and shows tooltips', async () => {
    const page = await (browser as import('playwright-core').Browser).newPage({ viewport: DESKTOP });
    const errors: string[] = [];
    const requests: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning')
        errors.push(`${message.type()}: ${message.text()}`);
    });
    page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
    page.on('request', (request) => requests.push(request.url()));
    await page.goto(`file://${reportPath}`, { waitUntil: 'load' });

    const charts = await page.$$eval('figure.chart', (figures) =>
      figures.map((figure) => {
        const svg = figure.querySelector('svg');
        const box = svg?.getBoundingClientRect();
        const marks = figure.querySelectorAll(
          'g.role-mark > path, g.role-mark > line, g.role-mark > rect, g.role-mark > text',
        );
        const drawn = [...marks].filter((mark) => {
          // Runs in the page: the DOM type is not in this project's lib, so describe the call it needs.
          const rect = (mark as unknown as { getBBox(): { width: number; height: number } }).getBBox();
          return rect.width > 0 || rect.height > 0;
        });
        return { id: figure.id, width: box?.width ?? 0, height: box?.height ?? 0, marks: drawn.length };
      }),
    );
    expect(charts.map((chart) => chart.id)).toEqual(
      expect.arrayContaining(['chart-cost-quality', 'chart-latency', 'chart-over-time', 'chart-model-share']),
    );
    for (const chart of charts) {
      expect(chart.width, chart.id).toBeGreaterThan(300);
      expect(chart.height, chart.id).toBeGreaterThan(100);
      expect(chart.marks, chart.id).toBeGreaterThan(0);
    }

    // The inline script runs (its CSP hash matches) and shows a mark's values on hover.
    await page.hover('#chart-model-share g.mark-rect.role-mark > path[aria-label]');
    const tooltip = page.locator('#tooltip');
    await expect.poll(() => tooltip.isVisible()).toBe(true);
    expect(await tooltip.textContent()).toMatch(/strategy: /);

    expect(errors).toEqual([]);
    expect(requests.filter((url) => !/^(file|data):/.test(url))).toEqual([]);

    const screenshot =
      process.env['UPDATE_SCREENSHOT'] === '1'
        ? join(root, 'docs/report-screenshot.png')
        : join(directory, 'report.png');
    await page.mouse.move(0, 0);
    await page.screenshot({
      path: screenshot,
      clip: { x: 0, y: 0, width: DESKTOP.width, height: 2200 },
      fullPage: true,
    });
    expect(existsSync(screenshot)).toBe(true);
    await page.close();
  }, 60_000);
});
