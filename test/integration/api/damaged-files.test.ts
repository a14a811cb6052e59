/**
 * Damaged files give the right message: which file, and the way out (the restore), never « mot de passe incorrect »
 * nor « la clé ne correspond pas » for a file that is simply damaged; the integrity is checked at the first opening;
 * a page that no longer reads gives the same clear message instead of a generic error. And the files are the
 * service account's only (0600, folder 0700).
 */
import { closeSync, openSync, readFileSync, statSync, truncateSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN, dossierInput, setupInput, startHarness, type Harness } from './harness';

let h: Harness;
let db: string;
beforeEach(async () => {
  h = await startHarness();
  db = path.join(h.dataDir, 'parcours.db');
  await h.ok('setup.create', setupInput);
  const { session } = await h.ok('auth.login', { login: ADMIN.login, password: ADMIN.password });
  for (let i = 0; i < 40; i += 1) await h.ok('dossiers.create', dossierInput(), session);
  await h.restart(); // closes the database: the WAL is checkpointed into the file
});
afterEach(async () => {
  await h?.dispose();
});

const PAGE = 4096;
function zeroPages(file: string, from: number, to: number): void {
  const fd = openSync(file, 'r+');
  try {
    for (let p = from; p < to; p += 1) writeSync(fd, Buffer.alloc(PAGE), 0, PAGE, p * PAGE);
  } finally {
    closeSync(fd);
  }
}
const pages = (file: string) => Math.floor(statSync(file).size / PAGE);
const login = () => h.call('auth.login', { login: ADMIN.login, password: ADMIN.password });

describe('damaged files', () => {
  it('a database truncated to half: « endommagé », the file named, the restore pointed to; not counted as a wrong password', async () => {
    truncateSync(db, Math.floor(pages(db) / 2) * PAGE);
    for (let i = 0; i < 4; i += 1) {
      const r = await login();
      expect(r.ok).toBe(false);
      if (r.ok) return;
      expect(r.error.code).toBe('DATABASE');
      expect(r.error.message).toMatch(/« parcours\.db » est endommagé/);
      expect(r.error.message).toMatch(/Restaurez la dernière sauvegarde/);
      expect(r.error.message).not.toMatch(/clé ne correspond pas|mot de passe/i);
    }
  });

  it('one zeroed page: the integrity check at the first opening refuses the login with the same message', async () => {
    const middle = Math.floor(pages(db) / 2);
    zeroPages(db, middle, middle + 1);
    const r = await login();
    expect(r.ok ? null : r.error.code).toBe('DATABASE');
    expect(r.ok ? '' : r.error.message).toMatch(/est endommagé \(la vérification d’intégrité a trouvé des erreurs\)/);
  });

  it('a page damaged after the opening: the calls that read it say so clearly (not a generic error)', async () => {
    const { session } = await h.ok('auth.login', { login: ADMIN.login, password: ADMIN.password });
    const hits = await h.ok('dossiers.search', { query: 'DURAND', limit: 5 }, session);
    expect(hits.length).toBeGreaterThan(0);
    zeroPages(db, 1, pages(db));
    const r = await h.call('dossiers.get', { personId: hits[0]!.personId }, session);
    expect(r.ok ? null : r.error.code).toBe('DATABASE');
    expect(r.ok ? '' : r.error.message).toMatch(/« parcours\.db » est endommagé \(une page ne se lit plus\).*Restaurez/);
  });

  it('an altered key check: « le fichier des clés est endommagé » to the right password, never counted as a failure', async () => {
    const keys = path.join(h.dataDir, 'parcours.keys.json');
    const data = JSON.parse(readFileSync(keys, 'utf8')) as { keyCheck: string };
    data.keyCheck = Buffer.alloc(32, 9).toString('base64');
    writeFileSync(keys, JSON.stringify(data));
    for (let i = 0; i < 4; i += 1) {
      const r = await login();
      expect(r.ok ? null : r.error.code).toBe('DATABASE');
      expect(r.ok ? '' : r.error.message).toMatch(/fichier des clés « parcours\.keys\.json » est endommagé.*clé de secours/);
    }
  });

  it('the database, -wal and -shm files are 0600 and the folder 0700', async () => {
    await h.ok('auth.login', { login: ADMIN.login, password: ADMIN.password });
    const mode = (p: string) => statSync(p).mode & 0o777;
    expect(mode(h.dataDir)).toBe(0o700);
    for (const suffix of ['', '-wal', '-shm']) expect(mode(`${db}${suffix}`), `parcours.db${suffix}`).toBe(0o600);
  });
});
