/**
 * What the two command lines share (browser mode main/host/cli.ts, server mode main/server/cli.ts): where the
 * repository is, the version, the one-line failure, and the demo database created with its progress on the console.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { App } from '../app';
import { ROLE_LABELS } from '../../shared/api/common';
import type { DemoClock } from '../demo/clock';
import type { SeedDemoResult } from '../demo/seed';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const migrationsFolder = path.join(repoRoot, 'db', 'migrations');

export async function appVersion(): Promise<string> {
  try {
    const pkg = JSON.parse(await readFile(path.join(repoRoot, 'package.json'), 'utf8')) as { version?: string };
    return pkg.version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}

/** One French line on stderr, then the exit code. */
export const fail = (message: string, code = 1): never => {
  process.stderr.write(`${message}\n`);
  process.exit(code);
};

export interface DemoConsoleOptions {
  dataDir: string;
  foyers: number;
  seed: number;
  clock: DemoClock | undefined;
}

/** Creates the demo database through the App, telling its progress and its accounts on stdout; throws a French message. */
export async function seedDemoOnConsole(app: App, options: DemoConsoleOptions): Promise<SeedDemoResult> {
  const { seedDemo, DemoSeedError } = await import('../demo/seed');
  try {
    const result = await seedDemo(app, {
      seed: options.seed,
      foyers: options.foyers,
      epCases: true,
      ficheCases: true,
      orientationTeam: true,
      parcours: true,
      clock: options.clock,
      onStart: () => process.stdout.write(`Création des données de démonstration (${options.foyers} foyers fictifs) dans ${options.dataDir}…\n`),
      onProgress: (done, total) => process.stdout.write(`  ${done}/${total} foyers\n`),
    });
    process.stdout.write(`Données de démonstration créées : ${result.foyers} foyers, ${result.persons} personnes.\n`);
    process.stdout.write('Comptes de démonstration (identifiant / mot de passe / rôle) :\n');
    for (const account of result.accounts) {
      process.stdout.write(`  ${account.login.padEnd(15)} ${account.password.padEnd(15)} ${ROLE_LABELS[account.role]} (${account.displayName})\n`);
    }
    return result;
  } catch (error) {
    throw new Error(error instanceof DemoSeedError ? error.message : `Échec de la création des données de démonstration : ${(error as Error).message}`, {
      cause: error,
    });
  }
}
