import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chmod, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { KEY_FILE_NAME, SERVICE_SLOT_LOGIN, addSlot, createKeyFile, generateDatabaseKey, slotLogins } from '../../db/keyslots';
import { SERVICE_PASSPHRASE_ENV, enrolServiceSlot, readServicePassphrase, unwrapServiceKey } from './service-key';
import { fingerprintOf, loadTls, selfSignedTls } from './tls';

let work: string;
const uid = process.getuid?.();
const sources = (extra: Partial<Parameters<typeof readServicePassphrase>[0]> = {}) => ({ env: {}, platform: process.platform, uid, ...extra });

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'prsa-service-key-'));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

describe('readServicePassphrase', () => {
  it('reads a 0600 file, then the environment (and removes it), then the systemd credential', async () => {
    const file = path.join(work, 'pass');
    await writeFile(file, 'une phrase secrète assez longue\n', { mode: 0o600 });
    expect(await readServicePassphrase(sources({ keyFile: file }))).toEqual({ value: 'une phrase secrète assez longue', source: 'fichier' });

    const env: Record<string, string | undefined> = { [SERVICE_PASSPHRASE_ENV]: 'depuis l’environnement' };
    expect(await readServicePassphrase(sources({ env }))).toEqual({ value: 'depuis l’environnement', source: 'environnement' });
    expect(env[SERVICE_PASSPHRASE_ENV]).toBeUndefined();

    await writeFile(path.join(work, 'parcours-service-key'), 'depuis systemd', { mode: 0o400 });
    expect(await readServicePassphrase(sources({ env: { CREDENTIALS_DIRECTORY: work } }))).toEqual({ value: 'depuis systemd', source: 'systemd' });
  });

  it.runIf(process.platform !== 'win32')('refuses a file other accounts may read, and says what to do', async () => {
    const file = path.join(work, 'open');
    await writeFile(file, 'x'.repeat(20));
    await chmod(file, 0o644);
    await expect(readServicePassphrase(sources({ keyFile: file }))).rejects.toThrow(/lisible par d’autres comptes \(droits 644\).*chmod 600/);
    await chmod(file, 0o600);
    await expect(readServicePassphrase(sources({ keyFile: file, uid: (uid ?? 0) + 1 }))).rejects.toThrow(/n’appartient pas au compte du service/);
  });

  it('says in one line where the passphrase may come from when there is none', async () => {
    await expect(readServicePassphrase(sources())).rejects.toThrow(/^Phrase secrète du service introuvable : .*jamais sur la ligne de commande\.$/);
  });
});

describe('the #service slot', () => {
  it('is added for a long passphrase and unwraps the database key; a wrong one or none says so', async () => {
    const dataDir = path.join(work, 'data');
    const keyPath = path.join(dataDir, KEY_FILE_NAME);
    await expect(unwrapServiceKey(dataDir, 'x')).rejects.toThrow(/Aucune base de données/);
    await createKeyFile(keyPath);
    await writeFile(path.join(dataDir, 'parcours.db'), '');
    const key = generateDatabaseKey();
    await addSlot(keyPath, 'admin', 'mot de passe', key);
    await expect(unwrapServiceKey(dataDir, 'x')).rejects.toThrow(/npm run server:enrol/);
    await expect(enrolServiceSlot(dataDir, 'trop court', key)).rejects.toThrow(/au moins 16 caractères/);
    expect(await enrolServiceSlot(dataDir, 'phrase du service, longue', key)).toBe('added');
    expect(await slotLogins(keyPath)).toEqual(['admin', SERVICE_SLOT_LOGIN]);
    expect((await unwrapServiceKey(dataDir, 'phrase du service, longue')).equals(key)).toBe(true);
    await expect(unwrapServiceKey(dataDir, 'une autre phrase, longue')).rejects.toThrow(/n’ouvre pas la clé de service/);
    expect(await enrolServiceSlot(dataDir, 'une autre phrase, longue', key)).toBe('replaced');
    expect((await unwrapServiceKey(dataDir, 'une autre phrase, longue')).equals(key)).toBe(true);
  });
});

describe('the self-signed certificate', () => {
  it('is made once (key 0600) and read again with the same fingerprint', async () => {
    const first = await selfSignedTls(work, ['127.0.0.1', 'parcours.mds.local']);
    expect(first.created).toBe(true);
    expect(first.fingerprint).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    if (process.platform !== 'win32') expect((await stat(first.keyFile)).mode & 0o777).toBe(0o600);
    const again = await selfSignedTls(work, ['127.0.0.1']);
    expect(again).toMatchObject({ created: false, fingerprint: first.fingerprint });
    expect(fingerprintOf(await readFile(first.certFile, 'utf8'))).toBe(first.fingerprint);
    await expect(loadTls(first.certFile, path.join(work, 'pass'))).rejects.toThrow(/Certificat TLS refusé/);
  });
});
