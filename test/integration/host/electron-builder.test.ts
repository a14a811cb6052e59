/**
 * electron-builder.yml cannot be exercised here (packaging downloads Electron): check that it parses,
 * that electron-builder's own schema accepts it, and that it says what the packaging needs.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
// js-yaml and app-builder-lib come with electron-builder: resolve them from there.
const fromBuilder = createRequire(createRequire(import.meta.url).resolve('electron-builder/package.json'));
const yaml = fromBuilder('js-yaml') as { load(text: string): unknown };
const builderLib = createRequire(fromBuilder.resolve('app-builder-lib/package.json'));
const { validateConfiguration } = builderLib('./out/util/config/config.js') as {
  validateConfiguration(config: unknown, logger: { isEnabled: boolean; add(key: string, value: unknown): void }): Promise<void>;
};

type Config = Record<string, unknown> & {
  files: string[];
  extraResources: { from: string; to: string }[];
  asarUnpack: string[];
  nsis: Record<string, unknown>;
  win: { target: { target: string }[] };
  linux: { target: string[] };
  publish: Record<string, unknown>;
  directories: Record<string, unknown>;
};
const config = yaml.load(readFileSync(path.join(root, 'electron-builder.yml'), 'utf8')) as Config;
const logger = { isEnabled: false, add: () => undefined };

describe('electron-builder.yml', () => {
  it('is accepted by electron-builder’s configuration schema', async () => {
    await expect(validateConfiguration(config, logger)).resolves.toBeUndefined();
    // The validation does reject mistakes.
    await expect(validateConfiguration({ ...config, nsis: { ...config.nsis, oneClik: false } }, logger)).rejects.toThrow(/configuration.nsis/);
  });

  it('identifies the application', () => {
    expect(config.appId).toBe('fr.departement.parcours-rsa');
    expect(config.productName).toBe('Parcours RSA');
    expect(config.directories.output).toBe('release');
  });

  it('ships only the bundles and package.json, with the migrations as resources', () => {
    expect(config.files).toContain('package.json');
    expect(config.files).toContain('dist/renderer/**/*');
    expect(config.files).toContain('dist/main/electron/main.cjs');
    expect(config.files).toContain('dist/main/electron/preload.cjs');
    for (const pattern of config.files.filter((f) => !f.startsWith('!'))) {
      expect(pattern).toMatch(/^(package\.json|dist\/)/);
    }
    expect(config.extraResources).toContainEqual(expect.objectContaining({ from: 'db/migrations', to: 'migrations' }));
    expect(config.asarUnpack.some((p) => p.includes('better-sqlite3-multiple-ciphers'))).toBe(true);
    expect(config.npmRebuild).toBe(true);
  });

  it('builds a per-user French NSIS installer, an AppImage and a deb', () => {
    expect(config.win.target.map((t) => t.target)).toEqual(['nsis']);
    expect(config.nsis).toMatchObject({ oneClick: false, perMachine: false, installerLanguages: ['fr_FR'], deleteAppDataOnUninstall: false });
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
  });

  it('publishes to a generic update server whose URL comes from the environment', () => {
    expect(config.publish).toMatchObject({ provider: 'generic', url: '${env.PARCOURS_UPDATE_URL}' });
  });

  it('points at the bundle that scripts/build-main.mjs writes', () => {
    const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { main: string };
    expect(pkg.main).toBe('dist/main/electron/main.cjs');
    expect(readFileSync(path.join(root, 'scripts', 'build-main.mjs'), 'utf8')).toContain("entryPoints: { main: 'main/electron/main.ts' }");
  });
});
