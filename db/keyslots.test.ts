import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '../shared/api/errors';
import {
  addSlot,
  createKeyFile,
  generateDatabaseKey,
  keyFilePathFor,
  readKeyFile,
  rebuildKeyFile,
  RECOVERY_SLOT_LOGIN,
  recoveryFilePathFor,
  recoverySlotStatus,
  removeSlot,
  setRecoverySlot,
  setSlot,
  rewrapSlot,
  SCRYPT_PARAMS,
  slotLogins,
  unwrapKey,
  unwrapWithRecovery,
} from './keyslots';
import { makeTempDir, removeTempDir } from './testing';

let dir: string;
let counter = 0;
beforeAll(() => {
  dir = makeTempDir();
});
afterAll(() => removeTempDir(dir));
const newFile = () => path.join(dir, `keys-${(counter += 1)}.json`);

async function rejection(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(ApiError);
    return error as ApiError;
  }
  throw new Error('expected an ApiError');
}

/** A key file with slots for alice and bob. */
async function twoSlots(): Promise<{ file: string; key: Buffer }> {
  const file = newFile();
  const key = generateDatabaseKey();
  await createKeyFile(file);
  await addSlot(file, 'alice', 'mot de passe d’Alice', key);
  await addSlot(file, 'bob', 'Bob-2024!', key);
  return { file, key };
}

describe('key slots', () => {
  it('generates random 32-byte keys and names the key file beside the database', () => {
    const a = generateDatabaseKey();
    expect(a.length).toBe(32);
    expect(a.equals(generateDatabaseKey())).toBe(false);
    expect(keyFilePathFor(path.join('données', 'parcours.db'))).toBe(path.join('données', 'parcours.keys.json'));
  });

  it('unwraps the same key for every account with its own password', async () => {
    const { file, key } = await twoSlots();
    expect((await unwrapKey(file, 'alice', 'mot de passe d’Alice'))?.equals(key)).toBe(true);
    expect((await unwrapKey(file, 'bob', 'Bob-2024!'))?.equals(key)).toBe(true);
    expect(await slotLogins(file)).toEqual(['alice', 'bob']);
    const data = await readKeyFile(file);
    expect(data.slots[0]!.kdf).toMatchObject({ name: 'scrypt', ...SCRYPT_PARAMS });
    expect(Buffer.from(data.slots[0]!.kdf.salt, 'base64').length).toBe(16);
    expect(Buffer.from(data.slots[0]!.cipher.iv, 'base64').length).toBe(12);
    expect(data.slots[0]!.kdf.salt).not.toBe(data.slots[1]!.kdf.salt);
  });

  it('gives null, indistinguishably, for a wrong password and for an unknown login', async () => {
    const { file } = await twoSlots();
    expect(await unwrapKey(file, 'alice', 'Bob-2024!')).toBeNull();
    expect(await unwrapKey(file, 'alice', '')).toBeNull();
    expect(await unwrapKey(file, 'Alice', 'mot de passe d’Alice')).toBeNull();
    expect(await unwrapKey(file, 'mallory', 'mot de passe d’Alice')).toBeNull();
    // The unknown login costs a scrypt derivation too (at least a quarter of a real one).
    const time = async (login: string) => {
      const start = performance.now();
      await unwrapKey(file, login, 'faux');
      return performance.now() - start;
    };
    const known = Math.min(await time('alice'), await time('alice'));
    const unknown = Math.min(await time('mallory'), await time('mallory'));
    expect(unknown).toBeGreaterThan(known / 4);
  });

  it('never writes the key nor the password in clear', async () => {
    const { file, key } = await twoSlots();
    const text = readFileSync(file, 'utf8');
    for (const secret of [
      key.toString('hex'),
      key.toString('base64'),
      key.toString('latin1'),
      'mot de passe d’Alice',
      'Bob-2024!',
    ]) {
      expect(text.includes(secret)).toBe(false);
    }
    expect(readFileSync(file).includes(key)).toBe(false);
  });

  it('binds each slot to its login: swapping two slots’ logins unwraps nothing', async () => {
    const { file } = await twoSlots();
    const data = JSON.parse(readFileSync(file, 'utf8')) as { slots: { login: string }[] };
    data.slots[0]!.login = 'bob';
    data.slots[1]!.login = 'alice';
    writeFileSync(file, JSON.stringify(data));
    expect(await unwrapKey(file, 'alice', 'mot de passe d’Alice')).toBeNull();
    expect(await unwrapKey(file, 'bob', 'Bob-2024!')).toBeNull();
  });

  it.each(['wrappedKey', 'tag', 'iv', 'salt'] as const)('gives null when a byte of the %s is flipped', async (field) => {
    const { file } = await twoSlots();
    const data = JSON.parse(readFileSync(file, 'utf8')) as {
      slots: { wrappedKey: string; cipher: { iv: string; tag: string }; kdf: { salt: string } }[];
    };
    const slot = data.slots[0]!;
    const get = () => (field === 'wrappedKey' ? slot.wrappedKey : field === 'salt' ? slot.kdf.salt : slot.cipher[field]);
    const bytes = Buffer.from(get(), 'base64');
    bytes[0] = bytes[0]! ^ 0x01;
    const flipped = bytes.toString('base64');
    if (field === 'wrappedKey') slot.wrappedKey = flipped;
    else if (field === 'salt') slot.kdf.salt = flipped;
    else slot.cipher[field] = flipped;
    writeFileSync(file, JSON.stringify(data));
    expect(await unwrapKey(file, 'alice', 'mot de passe d’Alice')).toBeNull();
    expect(await unwrapKey(file, 'bob', 'Bob-2024!')).not.toBeNull();
  });

  it('rewraps one slot only: the others stay byte-identical and the new password unwraps the same key', async () => {
    const { file, key } = await twoSlots();
    const before = await readKeyFile(file);
    await rewrapSlot(file, 'alice', key, 'nouveau mot de passe');
    const after = await readKeyFile(file);
    expect(JSON.stringify(after.slots[1])).toBe(JSON.stringify(before.slots[1]));
    expect(after.slots[0]!.kdf.salt).not.toBe(before.slots[0]!.kdf.salt);
    expect(after.slots.map((s) => s.login)).toEqual(['alice', 'bob']);
    expect(await unwrapKey(file, 'alice', 'mot de passe d’Alice')).toBeNull();
    expect((await unwrapKey(file, 'alice', 'nouveau mot de passe'))?.equals(key)).toBe(true);
    expect((await unwrapKey(file, 'bob', 'Bob-2024!'))?.equals(key)).toBe(true);
  });

  it('refuses to wrap a key that is not this database’s, changing nothing', async () => {
    const { file } = await twoSlots();
    const before = readFileSync(file);
    expect((await rejection(rewrapSlot(file, 'alice', generateDatabaseKey(), 'x'))).code).toBe('DATABASE');
    expect((await rejection(addSlot(file, 'carol', 'x', generateDatabaseKey()))).code).toBe('DATABASE');
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('refuses a duplicate login, an unknown login to rewrap or remove, and removing the last slot', async () => {
    const { file, key } = await twoSlots();
    const before = readFileSync(file);
    expect((await rejection(addSlot(file, 'alice', 'autre', key))).code).toBe('CONFLICT');
    expect((await rejection(rewrapSlot(file, 'mallory', key, 'x'))).code).toBe('NOT_FOUND');
    expect((await rejection(removeSlot(file, 'mallory'))).code).toBe('NOT_FOUND');
    expect((await rejection(addSlot(file, '', 'x', key))).code).toBe('VALIDATION');
    expect((await rejection(addSlot(file, 'carol', '', key))).code).toBe('VALIDATION');
    expect(readFileSync(file).equals(before)).toBe(true);

    await removeSlot(file, 'alice');
    expect(await slotLogins(file)).toEqual(['bob']);
    expect(await unwrapKey(file, 'alice', 'mot de passe d’Alice')).toBeNull();
    const last = await rejection(removeSlot(file, 'bob'));
    expect(last.code).toBe('RULE');
    expect(last.message).toMatch(/dernière clé/);
    expect((await unwrapKey(file, 'bob', 'Bob-2024!'))?.equals(key)).toBe(true);
  });

  it('serialises concurrent writes (no lost slot) and leaves no temporary file', async () => {
    const file = newFile();
    const key = generateDatabaseKey();
    await createKeyFile(file);
    await Promise.all(['a', 'b', 'c', 'd'].map((login) => addSlot(file, login, `pw-${login}`, key)));
    expect((await slotLogins(file)).sort()).toEqual(['a', 'b', 'c', 'd']);
    expect(readdirSync(dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('refuses to overwrite an existing key file', async () => {
    const { file } = await twoSlots();
    const before = readFileSync(file);
    expect((await rejection(createKeyFile(file))).code).toBe('ALREADY_INITIALIZED');
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it.each([
    ['not JSON', '{ "format": '],
    ['another format', JSON.stringify({ format: 'autre', version: 1, keyCheck: null, slots: [] })],
    ['a newer version', JSON.stringify({ format: 'parcours-rsa-keys', version: 2, keyCheck: null, slots: [] })],
    [
      'absurd scrypt parameters',
      JSON.stringify({
        format: 'parcours-rsa-keys',
        version: 1,
        keyCheck: null,
        slots: [
          {
            login: 'a',
            kdf: { name: 'scrypt', N: 2 ** 30, r: 8, p: 1, salt: Buffer.alloc(16).toString('base64') },
            cipher: { name: 'aes-256-gcm', iv: Buffer.alloc(12).toString('base64'), tag: Buffer.alloc(16).toString('base64') },
            wrappedKey: Buffer.alloc(32).toString('base64'),
            createdAt: '2024-01-01T00:00:00.000Z',
          },
        ],
      }),
    ],
  ])('reports a malformed key file (%s) with a French error', async (_label, content) => {
    const file = newFile();
    writeFileSync(file, content);
    // One at a time: a promise created before it is awaited would reject unhandled meanwhile.
    for (const run of [() => readKeyFile(file), () => unwrapKey(file, 'a', 'b'), () => addSlot(file, 'z', 'pw', generateDatabaseKey())]) {
      const error = await rejection(run());
      expect(error.code).toBe('DATABASE');
      expect(error.message).toMatch(/fichier des clés de la base de données est endommagé/);
    }
    expect(readFileSync(file, 'utf8')).toBe(content);
  });

  it('reports a missing key file as not initialised, without creating it', async () => {
    const file = newFile();
    expect((await rejection(unwrapKey(file, 'a', 'b'))).code).toBe('NOT_INITIALIZED');
    expect(existsSync(file)).toBe(false);
  });

  it('reports a missing key file beside a database as a lost file, naming it and the ways back', async () => {
    const folder = path.join(dir, 'perdu');
    mkdirSync(folder);
    writeFileSync(path.join(folder, 'parcours.db'), 'chiffré');
    const error = await rejection(unwrapKey(path.join(folder, 'parcours.keys.json'), 'a', 'b'));
    expect(error.code).toBe('DATABASE');
    expect(error.message).toMatch(/^Le fichier des clés « parcours\.keys\.json » est introuvable dans .*perdu/);
    expect(error.message).toMatch(/Restaurez la dernière sauvegarde.*clé de secours/);
  });
});

describe('recovery slot', () => {
  const RECOVERY = 'ABCDE-FGHJK-LMNPQ-RSTUV-WXYZ2-34567';

  it('wraps the key under the recovery key in the keys file and its spare copy, the other slots untouched', async () => {
    const { file, key } = await twoSlots();
    const before = (await readKeyFile(file)).slots;
    await setRecoverySlot(file, RECOVERY, key);
    const data = await readKeyFile(file);
    expect(data.slots).toEqual(before);
    expect(data.recovery?.login).toBe(RECOVERY_SLOT_LOGIN);
    expect(await recoverySlotStatus(file)).toEqual({ exists: true, createdAt: data.recovery?.createdAt, spareCopy: true });
    expect(recoveryFilePathFor(path.join('d', 'parcours.keys.json'))).toBe(path.join('d', 'parcours.recovery.json'));
    const found = await unwrapWithRecovery(file, RECOVERY);
    expect(found?.key.equals(key)).toBe(true);
    expect(found?.keyFileMissing).toBe(false);
    expect(await unwrapWithRecovery(file, 'ABCDE-FGHJK-LMNPQ-RSTUV-WXYZ2-34568')).toBeNull();
    // The recovery slot is no account's: no login reaches it.
    expect(await unwrapKey(file, RECOVERY_SLOT_LOGIN, RECOVERY)).toBeNull();
    for (const text of [readFileSync(file, 'utf8'), readFileSync(recoveryFilePathFor(file), 'utf8')]) expect(text).not.toContain('LMNPQ');
    expect((await rejection(setRecoverySlot(file, RECOVERY, generateDatabaseKey()))).code).toBe('DATABASE');
  });

  it('a new recovery key revokes the old one in both copies', async () => {
    const { file, key } = await twoSlots();
    await setRecoverySlot(file, RECOVERY, key);
    await setRecoverySlot(file, 'ZZZZZ-YYYYY-XXXXX-WWWWW-VVVVV-UUUUU', key);
    expect(await unwrapWithRecovery(file, RECOVERY)).toBeNull();
    rmSync(file);
    expect(await unwrapWithRecovery(file, RECOVERY)).toBeNull();
    expect((await unwrapWithRecovery(file, 'ZZZZZ-YYYYY-XXXXX-WWWWW-VVVVV-UUUUU'))?.keyFileMissing).toBe(true);
  });

  it('an interrupted regeneration (keys file written, spare copy not) leaves the key shown before working', async () => {
    const { file, key } = await twoSlots();
    await setRecoverySlot(file, RECOVERY, key);
    const spare = readFileSync(recoveryFilePathFor(file), 'utf8');
    await setRecoverySlot(file, 'ZZZZZ-YYYYY-XXXXX-WWWWW-VVVVV-UUUUU', key);
    writeFileSync(recoveryFilePathFor(file), spare);
    expect((await unwrapWithRecovery(file, RECOVERY))?.key.equals(key)).toBe(true);
    expect((await recoverySlotStatus(file)).spareCopy).toBe(false);
  });

  it('rebuilds a lost keys file from the spare copy: the recovery slot and one account, never over an existing file', async () => {
    const { file, key } = await twoSlots();
    await setRecoverySlot(file, RECOVERY, key);
    expect((await rejection(rebuildKeyFile(file, key, 'alice', 'nouveau'))).code).toBe('CONFLICT');
    rmSync(file);
    expect((await rejection(rebuildKeyFile(file, generateDatabaseKey(), 'alice', 'nouveau'))).code).toBe('DATABASE');
    expect(existsSync(file)).toBe(false);
    await rebuildKeyFile(file, key, 'alice', 'nouveau');
    expect(await slotLogins(file)).toEqual(['alice']);
    expect((await unwrapKey(file, 'alice', 'nouveau'))?.equals(key)).toBe(true);
    expect((await unwrapWithRecovery(file, RECOVERY))?.keyFileMissing).toBe(false);
    expect((await recoverySlotStatus(file)).spareCopy).toBe(true);
  });

  it('sets a slot: replaces this login’s, or adds it', async () => {
    const { file, key } = await twoSlots();
    const bob = (await readKeyFile(file)).slots[1];
    expect(await setSlot(file, 'alice', 'autre mot de passe', key)).toBe('replaced');
    expect(await setSlot(file, 'carole', 'mot de passe de Carole', key)).toBe('added');
    expect(await unwrapKey(file, 'alice', 'mot de passe d’Alice')).toBeNull();
    expect((await unwrapKey(file, 'alice', 'autre mot de passe'))?.equals(key)).toBe(true);
    expect((await readKeyFile(file)).slots[1]).toEqual(bob);
    expect(await slotLogins(file)).toEqual(['alice', 'bob', 'carole']);
    expect((await rejection(setSlot(file, 'dan', 'x', generateDatabaseKey()))).code).toBe('DATABASE');
  });
});
