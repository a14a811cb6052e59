/**
 * `npm run server:enrol -- --data-dir DIR [--service-key-file FILE]`: gives the server its `#service` key slot.
 * An administrator types their login and password (standard input, one per line; the sign-in is audited like any
 * other), the service passphrase is read from the same sources as at start, and the slot is added or replaced.
 */
import { createInterface } from 'node:readline/promises';
import path from 'node:path';
import { KEY_FILE_NAME, unwrapKey } from '../../db/keyslots';
import { appVersion, fail, migrationsFolder } from '../host/cli-kit';
import { ENROL_USAGE, parseEnrolArgs } from './cli-options';
import { MIN_SERVICE_PASSPHRASE_LENGTH, enrolServiceSlot, readServicePassphrase } from './service-key';

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** Reads the next lines of standard input, with their prompts on stderr (a pipe works as well as a terminal). */
async function ask(questions: string[]): Promise<string[]> {
  const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: false });
  const lines = rl[Symbol.asyncIterator]();
  const answers: string[] = [];
  try {
    for (const question of questions) {
      process.stderr.write(question);
      const next = await lines.next();
      if (next.done) throw new Error('Saisie interrompue : rien n’a été modifié.');
      answers.push(String(next.value));
    }
  } finally {
    rl.close();
  }
  return answers;
}

async function run(dataDir: string, serviceKeyFile: string | undefined): Promise<void> {
  let passphrase: string;
  try {
    passphrase = (await readServicePassphrase({ keyFile: serviceKeyFile, env: process.env, platform: process.platform, uid: process.getuid?.() })).value;
  } catch (error) {
    return fail(messageOf(error));
  }
  if (passphrase.length < MIN_SERVICE_PASSPHRASE_LENGTH) {
    return fail(`La phrase secrète du service doit compter au moins ${MIN_SERVICE_PASSPHRASE_LENGTH} caractères : rien n’a été modifié.`);
  }
  const [login = '', password = ''] = await ask(['Identifiant de l’administrateur : ', 'Mot de passe : ']).catch((error: unknown) => fail(messageOf(error)));

  const { createApp } = await import('../app');
  const app = createApp({ dataDir, migrationsFolder, appVersion: await appVersion(), automaticBackups: false });
  try {
    const signedIn = await app.handle({ method: 'auth.login', input: { login, password } });
    if (!signedIn.ok) return fail(`Connexion refusée : ${signedIn.error.message}`);
    const { session, user } = signedIn.value as { session: string; user: { role: string; login: string } };
    await app.handle({ method: 'auth.logout', input: {}, session });
    if (user.role !== 'administrateur') return fail('Seul un administrateur peut enrôler le serveur : rien n’a été modifié.');
    const key = await unwrapKey(path.join(dataDir, KEY_FILE_NAME), user.login, password);
    if (!key) return fail('Le mot de passe n’ouvre pas la clé de ce compte : rien n’a été modifié.');
    try {
      const outcome = await enrolServiceSlot(dataDir, passphrase, key);
      process.stdout.write(
        outcome === 'added'
          ? `Clé de service ajoutée dans ${dataDir} : le serveur peut démarrer.\n`
          : `Clé de service remplacée dans ${dataDir} : l’ancienne phrase secrète n’ouvre plus rien ; redémarrez le serveur.\n`,
      );
    } finally {
      key.fill(0);
    }
  } finally {
    await app.close().catch(() => undefined);
  }
}

const parsed = parseEnrolArgs(process.argv.slice(2));
if (parsed.kind === 'help') {
  process.stdout.write(`${ENROL_USAGE}\n`);
} else if (parsed.kind === 'error') {
  fail(`${parsed.message} (aide : npm run server:enrol -- --help)`, 2);
} else {
  run(parsed.dataDir, parsed.serviceKeyFile).catch((error: unknown) => fail(`Erreur inattendue : ${messageOf(error)}`));
}
