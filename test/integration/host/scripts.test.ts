import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { rendererBuildReason, root } from '../../../scripts/renderer-build.mjs';

describe('scripts/renderer-build.mjs: when to rebuild the renderer', () => {
  let base: string;
  const at = (file: string, seconds: number) => {
    const full = path.join(base, file);
    mkdirSync(path.dirname(full), { recursive: true });
    writeFileSync(full, 'x');
    utimesSync(full, seconds, seconds);
  };
  beforeEach(() => {
    base = mkdtempSync(path.join(tmpdir(), 'prsa-scripts-'));
  });
  afterEach(() => rmSync(base, { recursive: true, force: true }));

  it('builds when dist/renderer/index.html is missing', () => {
    at('renderer/src/main.tsx', 1000);
    expect(rendererBuildReason(base)).toBe('interface non construite');
  });
  it('rebuilds when a file of renderer/ or shared/ is newer than the build, not otherwise', () => {
    at('dist/renderer/index.html', 2000);
    at('renderer/src/main.tsx', 1000);
    at('shared/api/contract.ts', 1500);
    expect(rendererBuildReason(base)).toBeNull();
    at('shared/domain/rules/deep/rule.ts', 3000);
    expect(rendererBuildReason(base)).toBe('sources modifiées depuis la dernière construction');
    at('shared/domain/rules/deep/rule.ts', 1000);
    at('renderer/src/screens/Search.tsx', 2500);
    expect(rendererBuildReason(base)).toMatch(/sources modifiées/);
  });
  it('ignores node_modules inside the watched folders', () => {
    at('dist/renderer/index.html', 2000);
    at('renderer/node_modules/x/index.js', 5000);
    expect(rendererBuildReason(base)).toBeNull();
  });
});

describe('scripts/start-electron.mjs', () => {
  it('without the Electron runtime, says in one French line to use the browser mode, and exits 1', () => {
    const result = spawnSync(process.execPath, [path.join(root, 'scripts', 'start-electron.mjs')], {
      cwd: root,
      env: { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: path.join(tmpdir(), 'pas-d-electron-ici') },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim().split('\n')).toEqual([
      'Le moteur Electron n’est pas installé sur cette machine : lancez « npm run start:browser » pour utiliser Parcours RSA dans le navigateur.',
    ]);
  });
});
