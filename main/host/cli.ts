/**
 * Browser mode: `node --import tsx main/host/cli.ts [--data-dir DIR] [--port N] [--demo]`.
 * Opens the App on a data folder, serves the built renderer and the API on 127.0.0.1, prints the URL.
 */
import { mkdir, readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { App } from '../app';
import { ROLE_LABELS } from '../../shared/api/common';
import { demoClock } from '../demo/clock';
import { USAGE, parseCliArgs, type CliOptions } from './cli-options';
import { startBrowserHost, type BrowserHost } from './server';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

async function appVersion(): Promise<string> {
  try {
    const pkg = JSON.parse(await readFile(path.join(repoRoot, 'package.json'), 'utf8')) as { version?: string };
    return pkg.version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}

const fail = (message: string, code = 1): never => {
  process.stderr.write(`${message}\n`);
  process.exit(code);
};

async function run(options: CliOptions): Promise<void> {
  const rendererDir = options.rendererDir ?? path.join(repoRoot, 'dist', 'renderer');
  if (!existsSync(path.join(rendererDir, 'index.html'))) {
    process.stderr.write(
      `Attention : l’interface n’est pas construite (${path.join(rendererDir, 'index.html')} manquant). Lancez plutôt « npm run start:browser », qui la construit.\n`,
    );
  }

  try {
    await mkdir(options.dataDir, { recursive: true });
  } catch (error) {
    fail(`Impossible de créer le dossier de données ${options.dataDir} : ${(error as Error).message}`);
  }

  // Imported here so that --help and bad options answer at once.
  const { createApp } = await import('../app');
  let app: App;
  // The demo plans its past rendez-vous on their day (main/demo/clock.ts).
  const clock = options.demo ? demoClock() : undefined;
  try {
    app = createApp({ dataDir: options.dataDir, migrationsFolder: path.join(repoRoot, 'db', 'migrations'), appVersion: await appVersion(), ...(clock ? { now: clock.now } : {}) });
  } catch (error) {
    return fail(`Impossible d’ouvrir les données dans ${options.dataDir} : ${(error as Error).message}`);
  }

  let host: BrowserHost | undefined;
  let closing = false;
  const shutdown = async (exitCode: number): Promise<void> => {
    if (closing) return;
    closing = true;
    try {
      await host?.close();
    } finally {
      await app.close().catch(() => undefined);
      process.exit(exitCode);
    }
  };
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));

  if (options.demo) {
    const { seedDemo, DemoSeedError } = await import('../demo/seed');
    try {
      const result = await seedDemo(app, {
        seed: options.demoSeed,
        foyers: options.demoFoyers,
        epCases: true,
        ficheCases: true,
        orientationTeam: true,
        parcours: true,
        clock,
        onStart: () =>
          process.stdout.write(`Création des données de démonstration (${options.demoFoyers} foyers fictifs) dans ${options.dataDir}…\n`),
        onProgress: (done, total) => process.stdout.write(`  ${done}/${total} foyers\n`),
      });
      process.stdout.write(`Données de démonstration créées : ${result.foyers} foyers, ${result.persons} personnes.\n`);
      process.stdout.write('Comptes de démonstration (identifiant / mot de passe / rôle) :\n');
      for (const account of result.accounts) {
        process.stdout.write(`  ${account.login.padEnd(15)} ${account.password.padEnd(15)} ${ROLE_LABELS[account.role]} (${account.displayName})\n`);
      }
    } catch (error) {
      await app.close().catch(() => undefined);
      const message = error instanceof DemoSeedError ? error.message : `Échec de la création des données de démonstration : ${(error as Error).message}`;
      return fail(message);
    }
  }

  try {
    host = await startBrowserHost({ app, port: options.port, rendererDir });
  } catch (error) {
    await app.close().catch(() => undefined);
    const code = (error as NodeJS.ErrnoException).code;
    return fail(
      code === 'EADDRINUSE'
        ? `Le port ${options.port} est déjà utilisé : choisissez-en un autre avec --port, ou --port 0 pour un port libre.`
        : `Impossible de démarrer le serveur local : ${(error as Error).message}`,
    );
  }
  process.stdout.write(`Parcours RSA (mode navigateur) : ${host.url}\n`);
  process.stdout.write(`Ouvrez cette adresse dans votre navigateur ; Ctrl+C pour arrêter. Données : ${options.dataDir}\n`);
  process.stdout.write(`PARCOURS_URL=${host.url}\n`);
}

const parsed = parseCliArgs(process.argv.slice(2), { platform: process.platform, env: process.env, homedir: homedir() });
if (parsed.kind === 'help') {
  process.stdout.write(`${USAGE}\n`);
} else if (parsed.kind === 'error') {
  fail(`${parsed.message}\n\n${USAGE}`, 2);
} else {
  run(parsed.options).catch((error: unknown) => fail(`Erreur inattendue : ${error instanceof Error ? error.message : String(error)}`));
}
