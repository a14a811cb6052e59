/**
 * Browser mode: `node --import tsx main/host/cli.ts [--data-dir DIR] [--port N] [--demo]`.
 * Opens the App on a data folder, serves the built renderer and the API on 127.0.0.1, prints the URL.
 */
import { mkdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import type { App } from '../app';
import { demoClock } from '../demo/clock';
import { appVersion, fail, migrationsFolder, repoRoot, seedDemoOnConsole } from './cli-kit';
import { USAGE, parseCliArgs, type CliOptions } from './cli-options';
import { startBrowserHost, type BrowserHost } from './server';

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
    app = createApp({ dataDir: options.dataDir, migrationsFolder, appVersion: await appVersion(), ...(clock ? { now: clock.now } : {}) });
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
    try {
      await seedDemoOnConsole(app, { dataDir: options.dataDir, foyers: options.demoFoyers, seed: options.demoSeed, clock });
    } catch (error) {
      await app.close().catch(() => undefined);
      return fail((error as Error).message);
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
