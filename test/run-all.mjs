#!/usr/bin/env node
// `npm test`: typecheck, lint, unit + integration (vitest), renderer build, end-to-end (Playwright in Debian's
// Chromium). Runs every stage, prints one summary line "tests: N passed, N failed, N skipped", exits non-zero
// if any stage failed.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = path.join(root, 'test-output');
mkdirSync(out, { recursive: true });
const only = process.argv.slice(2); // e.g. `npm test -- unit e2e`

const stages = [
  { name: 'typecheck', cmd: ['node', 'node_modules/typescript7/bin/tsc', '-b'] },
  { name: 'lint', cmd: ['node', 'node_modules/eslint/bin/eslint.js', '.', '--max-warnings', '0'] },
  {
    name: 'unit',
    cmd: ['node', 'node_modules/vitest/vitest.mjs', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${path.join(out, 'vitest.json')}`],
    report: path.join(out, 'vitest.json'),
    count: (r) => ({ passed: r.numPassedTests, failed: r.numFailedTests, skipped: r.numPendingTests + r.numTodoTests }),
  },
  {
    // The role and access tests again, through the server's HTTPS host and the desktop client (issue 14).
    name: 'network',
    cmd: ['node', 'node_modules/vitest/vitest.mjs', 'run', '-c', 'vitest.network.config.ts', '--reporter=default', '--reporter=json', `--outputFile.json=${path.join(out, 'vitest-network.json')}`],
    report: path.join(out, 'vitest-network.json'),
    count: (r) => ({ passed: r.numPassedTests, failed: r.numFailedTests, skipped: r.numPendingTests + r.numTodoTests }),
  },
  { name: 'build', cmd: ['node', 'node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn'] },
  {
    name: 'e2e',
    cmd: ['node', 'node_modules/@playwright/test/cli.js', 'test', '-c', 'test/e2e/playwright.config.ts'],
    report: path.join(out, 'playwright.json'),
    count: (r) => ({ passed: r.stats.expected, failed: r.stats.unexpected + r.stats.flaky, skipped: r.stats.skipped }),
  },
];

const totals = { passed: 0, failed: 0, skipped: 0 };
const failedStages = [];
for (const stage of stages) {
  if (only.length && !only.includes(stage.name)) continue;
  if (stage.report) rmSync(stage.report, { force: true });
  console.log(`\n=== ${stage.name}: ${stage.cmd.slice(1).join(' ')}`);
  const started = Date.now();
  const res = spawnSync(stage.cmd[0], stage.cmd.slice(1), { cwd: root, stdio: 'inherit', env: process.env });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (stage.report && existsSync(stage.report)) {
    const c = stage.count(JSON.parse(readFileSync(stage.report, 'utf8')));
    totals.passed += c.passed;
    totals.failed += c.failed;
    totals.skipped += c.skipped;
  }
  if (res.status !== 0) {
    failedStages.push(stage.name);
    if (stage.report && !existsSync(stage.report)) totals.failed += 1; // the runner died before reporting
  }
  console.log(`=== ${stage.name}: ${res.status === 0 ? 'ok' : 'ÉCHEC'} (${seconds} s)`);
}

console.log('');
if (failedStages.length) console.log(`Étapes en échec : ${failedStages.join(', ')}`);
if (failedStages.length && totals.failed === 0) totals.failed = failedStages.length;
console.log(`tests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(failedStages.length ? 1 : 0);
