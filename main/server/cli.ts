/**
 * Server mode: `npm run start:server -- --data-dir DIR --listen HOST:PORT (--tls-cert F --tls-key F | --tls-self-signed)`.
 * Reads the service passphrase (never from argv), unwraps the `#service` key slot, opens the App in server mode and
 * serves it over HTTPS (main/server/host.ts). Prints `PARCOURS_SERVER_URL=…` and `PARCOURS_SERVER_FINGERPRINT=…` when
 * ready. See docs/deployment.md.
 */
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { App } from '../app';
import { appVersion, fail, migrationsFolder, repoRoot, seedDemoOnConsole } from '../host/cli-kit';
import { SERVER_USAGE, parseServerArgs, type ServerCliOptions } from './cli-options';
import { startServerHost, type ServerHost } from './host';
import { createServerLogger } from './logger';
import { ServiceKeyError, enrolServiceSlot, readServicePassphrase, unwrapServiceKey } from './service-key';
import { TlsError, loadTls, selfSignedTls, type TlsMaterial } from './tls';

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** --demo: a new demo database (through a desk-mode App), then a service slot for the given passphrase. */
async function createDemo(options: ServerCliOptions, passphrase: string, version: string): Promise<void> {
  const { createApp } = await import('../app');
  const { demoClock } = await import('../demo/clock');
  const { DEMO_PASSWORD } = await import('../demo/seed');
  const { unwrapKey, KEY_FILE_NAME } = await import('../../db/keyslots');
  const clock = demoClock();
  const app = createApp({ dataDir: options.dataDir, migrationsFolder, appVersion: version, now: clock.now, automaticBackups: false });
  try {
    const result = await seedDemoOnConsole(app, { dataDir: options.dataDir, foyers: options.demoFoyers, seed: options.demoSeed, clock });
    const admin = result.accounts.find((a) => a.role === 'administrateur');
    const key = admin ? await unwrapKey(path.join(options.dataDir, KEY_FILE_NAME), admin.login, DEMO_PASSWORD) : null;
    if (!key) throw new Error('Démonstration : la clé de l’administrateur de démonstration ne s’ouvre pas.');
    try {
      await enrolServiceSlot(options.dataDir, passphrase, key);
    } finally {
      key.fill(0);
    }
    process.stdout.write('Clé de service de la démonstration créée pour la phrase secrète donnée.\n');
  } finally {
    await app.close().catch(() => undefined);
  }
}

async function run(options: ServerCliOptions): Promise<void> {
  // The passphrase first: without it nothing else is worth doing (one line, exit 1).
  let passphrase: string;
  try {
    passphrase = (await readServicePassphrase({ keyFile: options.serviceKeyFile, env: process.env, platform: process.platform, uid: process.getuid?.() })).value;
  } catch (error) {
    return fail(messageOf(error));
  }
  const rendererDir = options.rendererDir ?? path.join(repoRoot, 'dist', 'renderer');
  if (!existsSync(path.join(rendererDir, 'index.html'))) {
    process.stderr.write(`Attention : l’interface n’est pas construite (${path.join(rendererDir, 'index.html')} manquant) : lancez « npx vite build ».\n`);
  }
  try {
    await mkdir(options.dataDir, { recursive: true, mode: 0o700 });
  } catch (error) {
    return fail(`Impossible de créer le dossier de données ${options.dataDir} : ${messageOf(error)}`);
  }

  let tls: TlsMaterial;
  try {
    if (options.tls.kind === 'files') {
      tls = await loadTls(options.tls.certFile, options.tls.keyFile);
    } else {
      const names = [options.listen.host, ...(options.publicOrigin ? [new URL(options.publicOrigin).hostname.replace(/^\[|\]$/g, '')] : [])];
      const made = await selfSignedTls(options.dataDir, names);
      if (made.created) process.stdout.write(`Certificat auto-signé créé : ${made.certFile} (valable jusqu’au ${made.validTo.slice(0, 10)}).\n`);
      tls = made;
    }
  } catch (error) {
    return fail(error instanceof TlsError ? error.message : `Certificat TLS : ${messageOf(error)}`);
  }

  const version = await appVersion();
  if (options.demo) {
    try {
      await createDemo(options, passphrase, version);
    } catch (error) {
      return fail(messageOf(error));
    }
  }

  let key: Buffer;
  try {
    key = await unwrapServiceKey(options.dataDir, passphrase);
  } catch (error) {
    return fail(error instanceof ServiceKeyError ? error.message : `Clé de service : ${messageOf(error)}`);
  }

  const { createApp } = await import('../app');
  let app: App;
  try {
    app = createApp({
      mode: 'server',
      databaseKey: key,
      dataDir: options.dataDir,
      migrationsFolder,
      appVersion: version,
      ...(options.sessionIdleMinutes !== undefined ? { sessionIdleMinutes: options.sessionIdleMinutes } : {}),
      ...(options.sessionMaxHours !== undefined ? { sessionMaxHours: options.sessionMaxHours } : {}),
    });
  } catch (error) {
    return fail(`Impossible d’ouvrir les données dans ${options.dataDir} : ${messageOf(error)}`);
  } finally {
    key.fill(0);
  }

  const logger = createServerLogger({ file: options.logFile });
  let host: ServerHost | undefined;
  let closing = false;
  const shutdown = async (exitCode: number): Promise<void> => {
    if (closing) return;
    closing = true;
    logger.info({ kind: 'serveur', outcome: 'arret' }, 'serveur');
    try {
      await host?.close();
    } finally {
      await app.close().catch(() => undefined);
      logger.flush(() => process.exit(exitCode));
    }
  };
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));

  try {
    host = await startServerHost({
      app,
      tls,
      host: options.listen.host,
      port: options.listen.port,
      rendererDir,
      logger,
      publicOrigin: options.publicOrigin,
      version,
    });
  } catch (error) {
    await app.close().catch(() => undefined);
    const code = (error as NodeJS.ErrnoException).code;
    return fail(
      code === 'EADDRINUSE'
        ? `Le port ${options.listen.port} est déjà utilisé sur ${options.listen.host} : choisissez-en un autre avec --listen.`
        : `Impossible de démarrer le serveur : ${messageOf(error)}`,
    );
  }
  logger.info({ kind: 'serveur', outcome: 'demarre', port: host.port, version }, 'serveur');
  process.stdout.write(`Parcours RSA (serveur) : ${host.url} — données : ${options.dataDir}\n`);
  process.stdout.write(`Empreinte SHA-256 du certificat (à confirmer sur chaque poste) : ${host.fingerprint}\n`);
  process.stdout.write(`PARCOURS_SERVER_URL=${host.url}\n`);
  process.stdout.write(`PARCOURS_SERVER_FINGERPRINT=${host.fingerprint}\n`);
}

const parsed = parseServerArgs(process.argv.slice(2));
if (parsed.kind === 'help') {
  process.stdout.write(`${SERVER_USAGE}\n`);
} else if (parsed.kind === 'error') {
  fail(`${parsed.message} (aide : npm run start:server -- --help)`, 2);
} else {
  run(parsed.options).catch((error: unknown) => fail(`Erreur inattendue : ${messageOf(error)}`));
}
