import { _electron as electron, expect, test } from '@playwright/test';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The real desktop app (Playwright `_electron`). Runs only where an Electron binary is installed;
 * elsewhere (this CI: no Electron download) it reports itself skipped, never green.
 */
const root = path.resolve(import.meta.dirname, '../..');
function electronBinary(): string | undefined {
  const dir = path.join(root, 'node_modules/electron');
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  try {
    const rel = readFileSync(path.join(dir, 'path.txt'), 'utf8').trim();
    const bin = override ? path.join(override, rel) : path.join(dir, 'dist', rel);
    return existsSync(bin) ? bin : undefined;
  } catch {
    return undefined;
  }
}
const binary = electronBinary();

test('Electron : la fenêtre s’ouvre sur l’installation, sans Node dans la page', async () => {
  test.skip(!binary, 'Runtime Electron absent sur cette machine : suite Electron non exécutée.');
  const app = await electron.launch({ executablePath: binary, args: [path.join(root, 'dist/main/electron/main.cjs')] });
  const window = await app.firstWindow();
  await expect(window.getByRole('heading', { level: 1 })).toBeVisible();
  expect(await window.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
  expect(await window.evaluate(() => typeof (globalThis as { parcoursApi?: { invoke?: unknown } }).parcoursApi?.invoke)).toBe('function');
  await app.close();
});
