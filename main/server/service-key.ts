/**
 * The service passphrase and the server's key slot (`#service` in parcours.keys.json).
 *
 * The passphrase comes from, in this order: `--service-key-file FILE` (owned by the service account, not readable by
 * its group nor others), the environment variable PARCOURS_SERVICE_PASSPHRASE (removed from the environment once
 * read), or the systemd credential `$CREDENTIALS_DIRECTORY/parcours-service-key` (LoadCredential=). Never from the
 * command line: a process's arguments are visible to every user of the machine.
 */
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { DATABASE_FILE_NAME, KEY_FILE_NAME, SERVICE_SLOT_LOGIN, setSlot, slotLogins, unwrapKey } from '../../db/keyslots';

export const SERVICE_PASSPHRASE_ENV = 'PARCOURS_SERVICE_PASSPHRASE';
export const SYSTEMD_CREDENTIAL_NAME = 'parcours-service-key';
/** A new service passphrase is at least this long (it guards the whole database, unattended). */
export const MIN_SERVICE_PASSPHRASE_LENGTH = 16;

export class ServiceKeyError extends Error {}

export interface PassphraseSources {
  keyFile?: string | undefined;
  env: Record<string, string | undefined>;
  platform: NodeJS.Platform;
  /** The service account's uid (process.getuid()); undefined on Windows. */
  uid: number | undefined;
}

export interface Passphrase {
  value: string;
  /** Where it came from, for the start-up line (never the value). */
  source: 'fichier' | 'environnement' | 'systemd';
}

const NO_PASSPHRASE =
  `Phrase secrète du service introuvable : donnez --service-key-file FICHIER (lisible par le seul compte du service), ` +
  `la variable d’environnement ${SERVICE_PASSPHRASE_ENV} ou l’identifiant systemd « ${SYSTEMD_CREDENTIAL_NAME} » (LoadCredential=) ; ` +
  'jamais sur la ligne de commande.';

/** A file's content without its final line break. */
const firstLine = (text: string): string => text.replace(/\r?\n$/, '');

async function readProtectedFile(file: string, sources: PassphraseSources, checkMode: boolean): Promise<string> {
  let info;
  try {
    info = await fsp.stat(file);
  } catch (error) {
    throw new ServiceKeyError(`Fichier de la phrase secrète du service illisible (${file}) : ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.`);
  }
  if (!info.isFile()) throw new ServiceKeyError(`${file} n’est pas un fichier : la phrase secrète du service n’a pas été lue.`);
  if (checkMode && sources.platform !== 'win32') {
    if ((info.mode & 0o077) !== 0) {
      throw new ServiceKeyError(
        `Le fichier ${file} est lisible par d’autres comptes (droits ${(info.mode & 0o777).toString(8)}) : réservez-le au compte du service (chmod 600 ${file}).`,
      );
    }
    if (sources.uid !== undefined && info.uid !== sources.uid) {
      throw new ServiceKeyError(`Le fichier ${file} n’appartient pas au compte du service : chown vers ce compte, puis chmod 600.`);
    }
  }
  const value = firstLine(await fsp.readFile(file, 'utf8'));
  if (value.length === 0) throw new ServiceKeyError(`Le fichier ${file} est vide : il doit contenir la phrase secrète du service.`);
  return value;
}

/** The service passphrase, from the first source given; ServiceKeyError (one French line) when there is none. */
export async function readServicePassphrase(sources: PassphraseSources): Promise<Passphrase> {
  if (sources.keyFile !== undefined) return { value: await readProtectedFile(sources.keyFile, sources, true), source: 'fichier' };
  const fromEnv = sources.env[SERVICE_PASSPHRASE_ENV];
  if (fromEnv !== undefined && fromEnv !== '') {
    // Child processes and worker threads never inherit it.
    delete sources.env[SERVICE_PASSPHRASE_ENV];
    return { value: fromEnv, source: 'environnement' };
  }
  const credentials = sources.env.CREDENTIALS_DIRECTORY;
  if (credentials !== undefined && credentials !== '') {
    const file = path.join(credentials, SYSTEMD_CREDENTIAL_NAME);
    // systemd's credential folder is private to the unit: its modes are its own (0400 or 0440), not checked here.
    if (await fsp.access(file).then(() => true, () => false)) return { value: await readProtectedFile(file, sources, false), source: 'systemd' };
  }
  throw new ServiceKeyError(NO_PASSPHRASE);
}

/** The database key unwrapped from the `#service` slot of this data folder; ServiceKeyError when it can't be. */
export async function unwrapServiceKey(dataDir: string, passphrase: string): Promise<Buffer> {
  const keyPath = path.join(dataDir, KEY_FILE_NAME);
  const exists = async (file: string) => fsp.access(file).then(() => true, () => false);
  if (!(await exists(path.join(dataDir, DATABASE_FILE_NAME))) || !(await exists(keyPath))) {
    throw new ServiceKeyError(
      `Aucune base de données dans ${dataDir} : initialisez-la d’abord (poste autonome, ou --demo pour une démonstration), puis « npm run server:enrol -- --data-dir ${dataDir} ».`,
    );
  }
  let logins: string[];
  try {
    logins = await slotLogins(keyPath);
  } catch (error) {
    throw new ServiceKeyError((error as Error).message);
  }
  if (!logins.includes(SERVICE_SLOT_LOGIN)) {
    throw new ServiceKeyError(`Le serveur n’a pas encore de clé de service dans ${dataDir} : lancez d’abord « npm run server:enrol -- --data-dir ${dataDir} ».`);
  }
  const key = await unwrapKey(keyPath, SERVICE_SLOT_LOGIN, passphrase).catch((error: unknown) => {
    throw new ServiceKeyError((error as Error).message);
  });
  if (!key) {
    throw new ServiceKeyError(
      'La phrase secrète du service n’ouvre pas la clé de service : vérifiez-la, ou enrôlez de nouveau le serveur (npm run server:enrol).',
    );
  }
  return key;
}

/** Adds or replaces the `#service` slot for this passphrase (the database key known). */
export async function enrolServiceSlot(dataDir: string, passphrase: string, databaseKey: Buffer): Promise<'added' | 'replaced'> {
  if (passphrase.length < MIN_SERVICE_PASSPHRASE_LENGTH) {
    throw new ServiceKeyError(`La phrase secrète du service doit compter au moins ${MIN_SERVICE_PASSPHRASE_LENGTH} caractères.`);
  }
  return setSlot(path.join(dataDir, KEY_FILE_NAME), SERVICE_SLOT_LOGIN, passphrase, databaseKey);
}
