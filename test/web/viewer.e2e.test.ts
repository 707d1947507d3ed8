/**
 * End to end: the built viewer in Debian's headless Chromium, served by the `view` server, on
 * the worker-crash scenario's log. Skipped where /usr/bin/chromium is not installed
 * (`apt-get install chromium`).
 */
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startViewerServer, type ViewerServer } from '../../src/server/server.js';
import { ROOT } from '../cli/helpers.js';
import { scenarioLog } from './helpers.js';

const CHROMIUM = '/usr/bin/chromium';
const SCREENSHOT = join(tmpdir(), 'swarmsim-viewer-e2e.png');

describe.skipIf(!existsSync(CHROMIUM))('the viewer in a browser', () => {
  let server: ViewerServer;
  let browser: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    const webRoot = mkdtempSync(join(tmpdir(), 'swarmsim-web-'));
    const configFile = join(ROOT, 'web', 'vite.config.ts');
    // Unminified and unmeasured: the test checks behaviour, and that saves seconds.
    await build({
      configFile,
      logLevel: 'silent',
      build: { outDir: webRoot, emptyOutDir: true, minify: false, reportCompressedSize: false },
    });
    const text = await scenarioLog('scenarios/faults/worker-crash.yaml');
    server = await startViewerServer({
      webRoot,
      log: { name: 'crash.ndjson', text },
      host: '127.0.0.1',
      port: 0,
    });
    browser = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'chromium-')), {
      executablePath: CHROMIUM,
      viewport: { width: 1400, height: 1000 },
      args: [
        '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync',
      ],
    });
    page = await browser.newPage();
    await page.goto(server.url);
    await page.waitForSelector('.lane');
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** Moves the scrubber to `ms` as a drag would. */
  const scrubTo = (ms: number) =>
    page.$eval('#scrub', (input, value) => {
      // The page's DOM types are not in the tests' lib: a range input has a string value.
      (input as unknown as { value: string }).value = String(value);
      input.dispatchEvent(new Event('input'));
    }, ms);
  const running = () => page.locator('#lanes .task[data-state="running"]').count();
  const lane = (host: string) => page.locator(`#lanes .lane[data-node="${host}"]`);

  it('shows the log, its verified hash and one lane per node', async () => {
    await expect.poll(() => page.textContent('#hash')).toBe('hash verified');
    expect(await page.textContent('#log-name')).toContain('crash.ndjson: scenarios/faults/');
    const hosts = await page.$$eval('#lanes .lane .host', (cells) =>
      cells.map((cell) => cell.textContent),
    );
    expect(hosts).toEqual(['manager1', 'manager2', 'manager3', 'worker1', 'worker2']);
    expect(await lane('manager1').locator('.leader').count()).toBe(1);
  });

  it('redraws tasks, node status and charts when the scrubber moves', async () => {
    await scrubTo(29_000);
    expect(await page.textContent('#clock')).toBe('29s / 2m');
    expect(await running()).toBe(6);
    expect(await lane('worker2').getAttribute('class')).not.toContain('down');
    await scrubTo(54_000);
    expect(await page.textContent('#clock')).toBe('54s / 2m');
    // Six replacements plus the task the dead worker2 still reports Running.
    expect(await running()).toBe(7);
    expect(await lane('worker2').locator('.status').textContent()).toBe('Down');
    const numbers = await page.textContent('.chart[data-service="web"] .numbers');
    expect(numbers).toBe('running 6 of 6 desired · REPLICAS 7/6');
  });

  it('steps through events with the keyboard and jumps to a clicked event', async () => {
    await scrubTo(29_000);
    const before = await page.textContent('#position');
    await page.keyboard.press('ArrowRight');
    const [, count, total] = /event (\d+) of (\d+)/.exec(before!)!;
    expect(await page.textContent('#position')).toBe(`event ${Number(count) + 1} of ${total}`);
    await page.locator('#events li.c-fault').first().click();
    expect(await page.textContent('#clock')).toBe('30s / 2m');
    expect(await page.locator('#events li.current').textContent()).toContain('nodeCrash worker2');
  });

  it('shows a clicked task as service ps would', async () => {
    await scrubTo(54_000);
    await lane('worker2').locator('.task').first().click();
    expect(await page.locator('#task h3').textContent()).toMatch(/^web\.\d /);
    const rows = await page.locator('#task table.ps tr.row').count();
    expect(rows).toBe(2);
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
  });

  it('opens another log picked from disk, and refuses a broken one with its line', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'swarmsim-pick-'));
    const pending = join(folder, 'pending.ndjson');
    writeFileSync(pending, await scenarioLog('scenarios/resources-pending.yaml'));
    await page.setInputFiles('#file', pending);
    await expect.poll(() => page.textContent('#log-name')).toContain('resources-pending.yaml');
    await scrubTo(20_000);
    expect(await lane('pending').locator('.task').textContent()).toBe(
      'big.1: no suitable node (insufficient resources on 3 nodes)',
    );
    const broken = join(folder, 'broken.ndjson');
    writeFileSync(broken, '{"kind":"header","formatVersion":1}\nnot json\n');
    await page.setInputFiles('#file', broken);
    await expect
      .poll(() => page.textContent('#message'))
      .toBe('broken.ndjson: line 2: not a JSON object');
  });
});
