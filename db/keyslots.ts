/**
 * Key slots: the random 256-bit database key is never written in clear. It is wrapped once per
 * user account in a small JSON file beside the database (`parcours.keys.json` beside `parcours.db`):
 * per slot, a key-encryption key is derived from the account's password with scrypt, and the
 * database key is encrypted with AES-256-GCM under it, the login being the additional
 * authenticated data (slots can't be swapped between accounts).
 *
 * The file also holds a key check value (HMAC-SHA256 of a constant under the database key), so a
 * slot can never be added or rewrapped with a key that is not this database's.
 *
 * One more slot, `recovery`, wraps the key under the recovery key (« clé de secours », printed at setup and kept in the
 * safe). A spare copy of it, with the key check value, is kept in `parcours.recovery.json` beside: when the keys file
 * is lost, the recovery key and that copy rebuild it (`rebuildKeyFile`).
 *
 * Writes are atomic (temp file + fsync + rename) and serialised per file within the process.
 * Node's crypto only; scrypt runs asynchronously (libuv thread pool).
 */
import { createCipheriv, createDecipheriv, createHmac, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import type { ScryptOptions } from 'node:crypto';
import { existsSync, promises as fsp } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { ApiError } from '../shared/api/errors';
import { RECOVERY_DATA_SYMBOLS, recoveryKeyFromBytes } from '../shared/api/recovery';

export const DATABASE_FILE_NAME = 'parcours.db';
export const KEY_FILE_NAME = 'parcours.keys.json';
export const KEY_FILE_FORMAT = 'parcours-rsa-keys';
export const KEY_FILE_VERSION = 1;
export const DATABASE_KEY_BYTES = 32;
export const RECOVERY_FILE_NAME = 'parcours.recovery.json';
export const RECOVERY_FILE_FORMAT = 'parcours-rsa-recovery';
/** The recovery slot's additional authenticated data: no account's login can be it (logins are [a-z0-9._-]). */
export const RECOVERY_SLOT_LOGIN = '#cle-de-secours';
/** The server's own slot (issue 14): its passphrase comes from a file or the environment, never from a person. */
export const SERVICE_SLOT_LOGIN = '#service';

/** scrypt cost: N = 2^15, r = 8, p = 1 (32 MiB, ~0.1 s per derivation on a desktop). */
export const SCRYPT_PARAMS = { N: 2 ** 15, r: 8, p: 1 } as const;
const SALT_BYTES = 16;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_CHECK_LABEL = 'parcours-rsa/key-check/v1';

const base64Bytes = (bytes: number) =>
  z
    .string()
    .regex(/^[A-Za-z0-9+/]*={0,2}$/)
    .refine((s) => Buffer.from(s, 'base64').length === bytes, `${bytes} octets attendus`);

const slotSchema = z.object({
  login: z.string().min(1),
  kdf: z.object({
    name: z.literal('scrypt'),
    // Bounded so that a tampered file cannot make us allocate gigabytes.
    N: z
      .number()
      .int()
      .min(2 ** 10)
      .max(2 ** 20)
      .refine((n) => (n & (n - 1)) === 0, 'puissance de 2 attendue'),
    r: z.number().int().min(1).max(32),
    p: z.number().int().min(1).max(16),
    salt: base64Bytes(SALT_BYTES),
  }),
  cipher: z.object({
    name: z.literal('aes-256-gcm'),
    iv: base64Bytes(IV_BYTES),
    tag: base64Bytes(TAG_BYTES),
  }),
  wrappedKey: base64Bytes(DATABASE_KEY_BYTES),
  createdAt: z.string(),
});

const keyFileSchema = z.object({
  format: z.literal(KEY_FILE_FORMAT),
  version: z.literal(KEY_FILE_VERSION),
  /** HMAC-SHA256(databaseKey, KEY_CHECK_LABEL), base64; null until the first slot is added. */
  keyCheck: base64Bytes(32).nullable(),
  slots: z.array(slotSchema),
  /** The database key wrapped under the recovery key (absent in files written before it existed). */
  recovery: slotSchema.optional(),
});

/** `parcours.recovery.json`: the spare copy of the recovery slot and the key check value. */
const recoveryFileSchema = z.object({
  format: z.literal(RECOVERY_FILE_FORMAT),
  version: z.literal(1),
  keyCheck: base64Bytes(32),
  slot: slotSchema,
});
type RecoveryFile = z.infer<typeof recoveryFileSchema>;

export type KeySlot = z.infer<typeof slotSchema>;
export type KeyFile = z.infer<typeof keyFileSchema>;

/** A new random database key (32 bytes). */
export function generateDatabaseKey(): Buffer {
  return randomBytes(DATABASE_KEY_BYTES);
}

/** A new recovery key (125 random bits and a check group, printable: see shared/api/recovery.ts). */
export function generateRecoveryKey(): string {
  return recoveryKeyFromBytes(randomBytes(RECOVERY_DATA_SYMBOLS));
}

/** The spare copy of the recovery slot: `parcours.recovery.json` beside `parcours.keys.json` (else `<keys file>.recovery`). */
export function recoveryFilePathFor(keyFile: string): string {
  const base = path.basename(keyFile);
  return path.join(path.dirname(keyFile), base === KEY_FILE_NAME ? RECOVERY_FILE_NAME : `${base}.recovery`);
}

/** `parcours.keys.json` beside the given database file. */
export function keyFilePathFor(databaseFile: string): string {
  return path.join(path.dirname(databaseFile), KEY_FILE_NAME);
}

function deriveKek(password: string, salt: Buffer, params: { N: number; r: number; p: number }): Promise<Buffer> {
  const options: ScryptOptions = { ...params, maxmem: 256 * params.N * params.r + 16 * 1024 * 1024 };
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, 32, options, (error, derived) => (error ? reject(error) : resolve(derived)));
  });
}

function keyCheckOf(key: Buffer): string {
  return createHmac('sha256', key).update(KEY_CHECK_LABEL).digest('base64');
}

function assertKey(key: Buffer): void {
  if (!Buffer.isBuffer(key) || key.length !== DATABASE_KEY_BYTES) {
    throw new ApiError('DATABASE', 'La clé de la base de données doit compter 32 octets.');
  }
}

function assertLoginAndPassword(login: string, password: string): void {
  if (typeof login !== 'string' || login.length === 0) throw new ApiError('VALIDATION', 'L’identifiant est obligatoire.');
  if (typeof password !== 'string' || password.length === 0) {
    throw new ApiError('VALIDATION', 'Le mot de passe est obligatoire.');
  }
}

async function wrap(login: string, password: string, key: Buffer): Promise<KeySlot> {
  const salt = randomBytes(SALT_BYTES);
  const iv = randomBytes(IV_BYTES);
  const kek = await deriveKek(password, salt, SCRYPT_PARAMS);
  const cipher = createCipheriv('aes-256-gcm', kek, iv);
  cipher.setAAD(Buffer.from(login, 'utf8'));
  const wrapped = Buffer.concat([cipher.update(key), cipher.final()]);
  const tag = cipher.getAuthTag();
  kek.fill(0);
  return {
    login,
    kdf: { name: 'scrypt', ...SCRYPT_PARAMS, salt: salt.toString('base64') },
    cipher: { name: 'aes-256-gcm', iv: iv.toString('base64'), tag: tag.toString('base64') },
    wrappedKey: wrapped.toString('base64'),
    createdAt: new Date().toISOString(),
  };
}

/** Decrypts one slot; null when the password is wrong or the slot was tampered with. */
async function unwrap(slot: KeySlot, password: string): Promise<Buffer | null> {
  const kek = await deriveKek(password, Buffer.from(slot.kdf.salt, 'base64'), slot.kdf);
  try {
    const decipher = createDecipheriv('aes-256-gcm', kek, Buffer.from(slot.cipher.iv, 'base64'));
    decipher.setAAD(Buffer.from(slot.login, 'utf8'));
    decipher.setAuthTag(Buffer.from(slot.cipher.tag, 'base64'));
    const key = Buffer.concat([decipher.update(Buffer.from(slot.wrappedKey, 'base64')), decipher.final()]);
    return key.length === DATABASE_KEY_BYTES ? key : null;
  } catch {
    return null;
  } finally {
    kek.fill(0);
  }
}

// ---------------------------------------------------------------------------------------------
// File access

const locks = new Map<string, Promise<unknown>>();

/** Runs `task` after every earlier task on the same file (read-modify-write without lost updates). */
function withFileLock<T>(file: string, task: () => Promise<T>): Promise<T> {
  const resolved = path.resolve(file);
  const previous = locks.get(resolved) ?? Promise.resolve();
  const run = previous.then(task, task);
  const settled = run.catch(() => undefined);
  locks.set(resolved, settled);
  void settled.then(() => {
    if (locks.get(resolved) === settled) locks.delete(resolved);
  });
  return run;
}

async function writeAtomic(file: string, data: KeyFile | RecoveryFile): Promise<void> {
  await writeFileAtomic(file, `${JSON.stringify(data, null, 2)}\n`);
}

/** Replaces a file in one step, 0600 (temporary file, fsync, rename): a crash leaves the old file or the new one. */
export async function writeFileAtomic(file: string, text: string): Promise<void> {
  const temp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  const handle = await fsp.open(temp, 'wx', 0o600);
  try {
    await handle.writeFile(text, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await fsp.rename(temp, file);
  } catch (error) {
    await fsp.rm(temp, { force: true });
    throw error;
  }
  // Make the rename durable (not supported on every platform: best effort).
  try {
    const dir = await fsp.open(path.dirname(file), 'r');
    try {
      await dir.sync();
    } finally {
      await dir.close();
    }
  } catch {
    /* Windows can't fsync a directory */
  }
}

async function fileExists(file: string): Promise<boolean> {
  try {
    await fsp.access(file);
    return true;
  } catch {
    return false;
  }
}

/**
 * The keys file is missing. Beside a database, that is a lost file, not a new installation: say which file, and the
 * two ways back (a backup, the recovery key).
 */
function missingKeyFileError(file: string): ApiError {
  const dir = path.dirname(file);
  if (!existsSync(path.join(dir, DATABASE_FILE_NAME))) {
    return new ApiError('NOT_INITIALIZED', 'Le fichier des clés de la base de données est introuvable : l’application n’est pas encore initialisée.');
  }
  return new ApiError(
    'DATABASE',
    `Le fichier des clés « ${path.basename(file)} » est introuvable dans ${dir}, alors que la base de données « ${DATABASE_FILE_NAME} » s’y trouve : ` +
      'sans lui, personne ne peut se connecter. Restaurez la dernière sauvegarde (fichier des clés compris), ou reconstruisez-le avec la clé de secours ' +
      '(lien « Clé de secours » de l’écran de connexion).',
  );
}

/**
 * Reads and validates the key file. Missing → ApiError('NOT_INITIALIZED'), or ApiError('DATABASE') when the database
 * is beside it (a lost file); malformed → ApiError('DATABASE').
 */
export async function readKeyFile(file: string): Promise<KeyFile> {
  let text: string;
  try {
    text = await fsp.readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw missingKeyFileError(file);
    throw new ApiError('DATABASE', 'Le fichier des clés de la base de données ne peut pas être lu.');
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ApiError('DATABASE', 'Le fichier des clés de la base de données est endommagé (JSON illisible). Restaurez-le depuis une sauvegarde.');
  }
  const parsed = keyFileSchema.safeParse(json);
  if (!parsed.success) {
    throw new ApiError('DATABASE', 'Le fichier des clés de la base de données est endommagé ou d’un format inconnu. Restaurez-le depuis une sauvegarde.');
  }
  const logins = new Set<string>();
  for (const slot of parsed.data.slots) {
    if (logins.has(slot.login)) {
      throw new ApiError('DATABASE', 'Le fichier des clés de la base de données est endommagé (compte en double).');
    }
    logins.add(slot.login);
  }
  return parsed.data;
}

/** Creates an empty key file (no slot). Refuses to overwrite an existing file. */
export async function createKeyFile(file: string): Promise<void> {
  return withFileLock(file, async () => {
    if (await fileExists(file)) {
      throw new ApiError('ALREADY_INITIALIZED', 'Un fichier des clés existe déjà : il n’a pas été remplacé.');
    }
    await fsp.mkdir(path.dirname(file), { recursive: true });
    await writeAtomic(file, { format: KEY_FILE_FORMAT, version: KEY_FILE_VERSION, keyCheck: null, slots: [] });
  });
}

/** The logins having a slot. */
export async function slotLogins(file: string): Promise<string[]> {
  return (await readKeyFile(file)).slots.map((s) => s.login);
}

/** Whether `key` is the database key this key check value (null: none yet) was made from. */
function matchesCheck(key: Buffer, keyCheck: string | null): boolean {
  if (keyCheck === null) return true;
  const expected = Buffer.from(keyCheck, 'base64');
  const actual = Buffer.from(keyCheckOf(key), 'base64');
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

function checkKeyMatches(data: KeyFile, key: Buffer): void {
  if (!matchesCheck(key, data.keyCheck)) {
    throw new ApiError('DATABASE', 'La clé fournie n’est pas celle de cette base de données : rien n’a été modifié.');
  }
}

/** Wraps `key` for a new account. Refuses a login that already has a slot (ApiError('CONFLICT')). */
export async function addSlot(file: string, login: string, password: string, key: Buffer): Promise<void> {
  assertLoginAndPassword(login, password);
  assertKey(key);
  return withFileLock(file, async () => {
    const data = await readKeyFile(file);
    if (data.slots.some((s) => s.login === login)) {
      throw new ApiError('CONFLICT', `Le compte « ${login} » a déjà une clé dans le fichier des clés.`);
    }
    checkKeyMatches(data, key);
    const slot = await wrap(login, password, key);
    await writeAtomic(file, { ...data, keyCheck: data.keyCheck ?? keyCheckOf(key), slots: [...data.slots, slot] });
  });
}

// A fixed decoy slot, so that an unknown login costs the same scrypt work as a known one.
const decoySlot: KeySlot = {
  login: '',
  kdf: { name: 'scrypt', ...SCRYPT_PARAMS, salt: randomBytes(SALT_BYTES).toString('base64') },
  cipher: { name: 'aes-256-gcm', iv: randomBytes(IV_BYTES).toString('base64'), tag: randomBytes(TAG_BYTES).toString('base64') },
  wrappedKey: randomBytes(DATABASE_KEY_BYTES).toString('base64'),
  createdAt: new Date(0).toISOString(),
};

/**
 * The database key for this login and password, or null — for an unknown login AND for a wrong
 * password alike (same scrypt work in both cases, so the caller can't tell them apart).
 * Throws only if the key file is missing or malformed.
 */
export async function unwrapKey(file: string, login: string, password: string): Promise<Buffer | null> {
  const data = await readKeyFile(file);
  const slot = data.slots.find((s) => s.login === login);
  if (typeof password !== 'string' || password.length === 0) {
    await unwrap(decoySlot, 'x');
    return null;
  }
  if (!slot) {
    await unwrap(decoySlot, password);
    return null;
  }
  const key = await unwrap(slot, password);
  if (key && !matchesCheck(key, data.keyCheck)) {
    // The slot opened (right password) but the file's key check no longer matches: the keys file is damaged — say so,
    // instead of « mot de passe incorrect » to every account.
    key.fill(0);
    throw new ApiError(
      'DATABASE',
      `Le fichier des clés « ${path.basename(file)} » est endommagé (sa valeur de contrôle ne correspond plus à la clé) : restaurez la dernière sauvegarde, ou reconstruisez l’accès avec la clé de secours (écran de connexion › « Clé de secours »).`,
    );
  }
  return key;
}

/**
 * Rewraps one account's slot under a new password (password change or reset by an administrator
 * who holds the open database's key). Other slots are left byte for byte as they were.
 */
export async function rewrapSlot(file: string, login: string, oldKeyKnown: Buffer, newPassword: string): Promise<void> {
  assertLoginAndPassword(login, newPassword);
  assertKey(oldKeyKnown);
  return withFileLock(file, async () => {
    const data = await readKeyFile(file);
    const position = data.slots.findIndex((s) => s.login === login);
    if (position < 0) throw new ApiError('NOT_FOUND', `Le compte « ${login} » n’a pas de clé dans le fichier des clés.`);
    checkKeyMatches(data, oldKeyKnown);
    const slot = await wrap(login, newPassword, oldKeyKnown);
    const slots = data.slots.map((s, i) => (i === position ? slot : s));
    await writeAtomic(file, { ...data, keyCheck: data.keyCheck ?? keyCheckOf(oldKeyKnown), slots });
  });
}

/** Removes one account's slot. Refuses to remove the last one (the database would be lost). */
export async function removeSlot(file: string, login: string): Promise<void> {
  return withFileLock(file, async () => {
    const data = await readKeyFile(file);
    if (!data.slots.some((s) => s.login === login)) {
      throw new ApiError('NOT_FOUND', `Le compte « ${login} » n’a pas de clé dans le fichier des clés.`);
    }
    if (data.slots.length === 1) {
      throw new ApiError('RULE', 'Impossible de retirer la dernière clé : plus personne ne pourrait ouvrir la base de données.');
    }
    await writeAtomic(file, { ...data, slots: data.slots.filter((s) => s.login !== login) });
  });
}

/** Each slot's login and creation date (the orphan slots are found from it). */
export async function slotSummaries(file: string): Promise<{ login: string; createdAt: string }[]> {
  return (await readKeyFile(file)).slots.map((s) => ({ login: s.login, createdAt: s.createdAt }));
}

/**
 * Wraps `key` for this login, replacing its slot if it has one (a new password given with the database key known:
 * after a recovery, by an administrator, or over an orphan slot). Other slots are left as they were.
 */
export async function setSlot(file: string, login: string, password: string, key: Buffer): Promise<'added' | 'replaced'> {
  assertLoginAndPassword(login, password);
  assertKey(key);
  return withFileLock(file, async () => {
    const data = await readKeyFile(file);
    checkKeyMatches(data, key);
    const slot = await wrap(login, password, key);
    const exists = data.slots.some((s) => s.login === login);
    const slots = exists ? data.slots.map((s) => (s.login === login ? slot : s)) : [...data.slots, slot];
    await writeAtomic(file, { ...data, keyCheck: data.keyCheck ?? keyCheckOf(key), slots });
    return exists ? 'replaced' : 'added';
  });
}

// ---------------------------------------------------------------------------------------------
// The recovery slot

async function readRecoveryFile(keyFile: string): Promise<RecoveryFile | null> {
  let text: string;
  try {
    text = await fsp.readFile(recoveryFilePathFor(keyFile), 'utf8');
  } catch {
    return null;
  }
  try {
    const parsed = recoveryFileSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/**
 * Wraps `key` under a new recovery key, in the keys file and in its spare copy; the previous recovery key no longer
 * opens anything. Returns the slot's creation instant.
 */
export async function setRecoverySlot(file: string, recoveryKey: string, key: Buffer): Promise<string> {
  assertLoginAndPassword(RECOVERY_SLOT_LOGIN, recoveryKey);
  assertKey(key);
  return withFileLock(file, async () => {
    const data = await readKeyFile(file);
    checkKeyMatches(data, key);
    const slot = await wrap(RECOVERY_SLOT_LOGIN, recoveryKey, key);
    const keyCheck = data.keyCheck ?? keyCheckOf(key);
    await writeAtomic(file, { ...data, keyCheck, recovery: slot });
    await writeAtomic(recoveryFilePathFor(file), { format: RECOVERY_FILE_FORMAT, version: 1, keyCheck, slot });
    return slot.createdAt;
  });
}

/** Whether a recovery slot exists, since when, and whether the spare copy holds the same one. */
export async function recoverySlotStatus(file: string): Promise<{ exists: boolean; createdAt: string | null; spareCopy: boolean }> {
  const data = await readKeyFile(file);
  const spare = await readRecoveryFile(file);
  const slot = data.recovery ?? null;
  return {
    exists: slot !== null,
    createdAt: slot?.createdAt ?? null,
    spareCopy: slot !== null && spare !== null && spare.slot.wrappedKey === slot.wrappedKey && spare.keyCheck === data.keyCheck,
  };
}

/**
 * The database key for this recovery key, or null when it opens neither the keys file's recovery slot nor its spare
 * copy (both are tried: a regeneration interrupted between the two writes leaves the key shown before working).
 * `keyFileMissing`: the keys file is gone, the spare copy opened it (then `rebuildKeyFile`).
 * Throws when no recovery slot exists at all.
 */
export async function unwrapWithRecovery(file: string, recoveryKey: string): Promise<{ key: Buffer; keyFileMissing: boolean } | null> {
  const keyFileMissing = !(await fileExists(file));
  const data = keyFileMissing ? null : await readKeyFile(file);
  const spare = await readRecoveryFile(file);
  const candidates: { slot: KeySlot; keyCheck: string | null }[] = [];
  if (data?.recovery) candidates.push({ slot: data.recovery, keyCheck: data.keyCheck });
  if (spare && !candidates.some((c) => c.slot.wrappedKey === spare.slot.wrappedKey)) candidates.push({ slot: spare.slot, keyCheck: spare.keyCheck });
  if (candidates.length === 0) {
    throw new ApiError(
      'NOT_FOUND',
      keyFileMissing
        ? `Ni le fichier des clés ni sa copie de secours « ${path.basename(recoveryFilePathFor(file))} » ne se trouvent dans ${path.dirname(file)} : restaurez la dernière sauvegarde.`
        : 'Aucune clé de secours n’est enregistrée pour cette base de données.',
    );
  }
  for (const { slot, keyCheck } of candidates) {
    if (slot.login !== RECOVERY_SLOT_LOGIN) continue;
    const key = await unwrap(slot, recoveryKey);
    if (key && matchesCheck(key, keyCheck)) return { key, keyFileMissing };
    key?.fill(0);
  }
  return null;
}

/**
 * A new keys file after the old one was lost: the recovery slot (from its spare copy) and one account's slot.
 * Refuses when a keys file exists (nothing is overwritten) or when `key` is not the spare copy's database key.
 */
export async function rebuildKeyFile(file: string, key: Buffer, login: string, password: string): Promise<void> {
  assertLoginAndPassword(login, password);
  assertKey(key);
  return withFileLock(file, async () => {
    if (await fileExists(file)) throw new ApiError('CONFLICT', 'Le fichier des clés existe : il n’a pas été remplacé.');
    const spare = await readRecoveryFile(file);
    if (!spare || !matchesCheck(key, spare.keyCheck)) {
      throw new ApiError('DATABASE', 'La copie de secours des clés ne correspond pas à cette clé : rien n’a été écrit.');
    }
    const slot = await wrap(login, password, key);
    await writeAtomic(file, { format: KEY_FILE_FORMAT, version: KEY_FILE_VERSION, keyCheck: spare.keyCheck, slots: [slot], recovery: spare.slot });
  });
}
