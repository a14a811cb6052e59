import { defineConfig } from '@playwright/test';
import path from 'node:path';

/** End-to-end tests drive Debian's Chromium against the browser-mode host (see test/e2e/fixtures.ts). */
const out = path.resolve(import.meta.dirname, '../../test-output');
/**
 * Specs also run at 1024 px wide: those whose pages hold the widest tables (PAP, suivi emploi, EP agenda and
 * attendance) and most of the axe checks, so that scrolling regions are exercised on purpose. About 4 minutes.
 */
const NARROW_SPECS = ['**/contracts.e2e.ts', '**/ep.e2e.ts'];

export default defineConfig({
  testDir: '.',
  testMatch: '**/*.e2e.ts',
  outputDir: path.join(out, 'playwright'),
  fullyParallel: false,
  workers: 1,
  retries: 0,
  // Generous: the longest specs (keyboard-only wizards, axe on every step, the setup's recovery-key step) take 60 to
  // 100 s when the machine's cores are shared; an assertion still fails after `expect.timeout`, a hang after this.
  timeout: 180_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['json', { outputFile: path.join(out, 'playwright.json') }]],
  projects: [
    { name: 'large', use: { viewport: { width: 1280, height: 720 } } },
    // A narrow window (a laptop at 125 % zoom, a split screen) makes the wide tables scroll on purpose: the specs
    // that check accessibility with axe on table pages run again there (scrollable regions reachable by keyboard).
    { name: 'étroit (1024 px)', use: { viewport: { width: 1024, height: 768 } }, testMatch: NARROW_SPECS },
  ],
  use: {
    locale: 'fr-FR',
    timezoneId: 'Europe/Paris',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
  },
});
