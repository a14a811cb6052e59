/**
 * Crash ordering of key slots (issue 13, section 4). `users.create` writes the account first and its slot after;
 * `users.remove` the slot first and the account after. A crash between the two writes is simulated: the keys file's
 * write happens, then a failure, so the database's write is rolled back — exactly what a crash before COMMIT leaves.
 * Neither case leaves a slot that opens the database for nobody, nor one that blocks the login; an administrator
 * lists and removes orphan slots.
 */
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { addSlot, unwrapKey } from '../../../db/keyslots';
import type * as KeySlots from '../../../db/keyslots';
import { ADMIN, setupInput, startHarness, type Harness } from './harness';

const fault = vi.hoisted(() => ({ afterWrite: null as null | 'setSlot' | 'removeSlot' }));
vi.mock('../../../db/keyslots', async (importOriginal) => {
  const real = await importOriginal<typeof KeySlots>();
  const crashAfter = (name: 'setSlot' | 'removeSlot') => {
    if (fault.afterWrite !== name) return;
    fault.afterWrite = null;
    throw new Error(`panne simulée après ${name}`);
  };
  return {
    ...real,
    setSlot: async (...args: Parameters<typeof real.setSlot>) => {
      const done = await real.setSlot(...args);
      crashAfter('setSlot');
      return done;
    },
    removeSlot: async (...args: Parameters<typeof real.removeSlot>) => {
      await real.removeSlot(...args);
      crashAfter('removeSlot');
    },
  };
});

let h: Harness;
let admin: string;
const keysFile = () => path.join(h.dataDir, 'parcours.keys.json');
const account = (login: string, password: string) => ({ login, displayName: `Compte ${login}`, role: 'referent' as const, structure: 'MDS', password });
const login = async (who: string, password: string) => {
  const r = await h.call('auth.login', { login: who, password });
  return r.ok ? 'ok' : r.error.code;
};

beforeEach(async () => {
  h = await startHarness();
  await h.ok('setup.create', setupInput);
  admin = (await h.ok('auth.login', { login: ADMIN.login, password: ADMIN.password })).session;
  fault.afterWrite = null;
});
afterEach(async () => {
  await h?.dispose();
});

describe('users.create interrupted between the account and its slot', () => {
  it('leaves a slot without an account: it opens nothing, is listed, and the login can be created again', async () => {
    fault.afterWrite = 'setSlot';
    await h.err('users.create', account('remi', 'premier-mot-de-passe'), 'INTERNAL', admin);
    // The account was rolled back; the slot stays (the crash came after its write).
    expect((await h.ok('users.list', {}, admin)).map((u) => u.login)).toEqual([ADMIN.login]);
    expect(await unwrapKey(keysFile(), 'remi', 'premier-mot-de-passe')).not.toBeNull();
    // It opens no session…
    await h.ok('auth.logout', {}, admin);
    expect(await login('remi', 'premier-mot-de-passe')).toBe('UNAUTHENTICATED');
    admin = (await h.ok('auth.login', { login: ADMIN.login, password: ADMIN.password })).session;
    // …is listed…
    expect(await h.ok('users.orphanSlots', {}, admin)).toEqual([{ login: 'remi', createdAt: expect.any(String), reason: 'aucun_compte' }]);
    // …and does not block the login: created again, the new password replaces the orphan slot.
    const remi = await h.ok('users.create', account('remi', 'second-mot-de-passe'), admin);
    expect(remi.login).toBe('remi');
    expect(await login('remi', 'second-mot-de-passe')).toBe('ok');
    expect(await unwrapKey(keysFile(), 'remi', 'premier-mot-de-passe')).toBeNull();
    expect(await h.ok('users.orphanSlots', {}, admin)).toEqual([]);
  });

  it('an orphan slot can be removed by an administrator', async () => {
    fault.afterWrite = 'setSlot';
    await h.err('users.create', account('remi', 'premier-mot-de-passe'), 'INTERNAL', admin);
    await h.err('users.removeOrphanSlot', { login: ADMIN.login }, 'NOT_FOUND', admin);
    await h.ok('users.removeOrphanSlot', { login: 'remi' }, admin);
    expect(await unwrapKey(keysFile(), 'remi', 'premier-mot-de-passe')).toBeNull();
    expect(await h.ok('users.orphanSlots', {}, admin)).toEqual([]);
    await h.err('users.removeOrphanSlot', { login: 'remi' }, 'NOT_FOUND', admin);
  });
});

describe('users.remove interrupted between the slot and the account', () => {
  it('leaves an active account without a slot, never a removed account whose slot opens the database', async () => {
    const remi = await h.ok('users.create', account('remi', 'remi-mot-de-passe'), admin);
    fault.afterWrite = 'removeSlot';
    await h.err('users.remove', { id: remi.id }, 'INTERNAL', admin);
    // The slot is gone: the password opens nothing any more.
    expect(await unwrapKey(keysFile(), 'remi', 'remi-mot-de-passe')).toBeNull();
    expect(await login('remi', 'remi-mot-de-passe')).toBe('UNAUTHENTICATED');
    // The account, rolled back, is still active: listed as without a key; removing it again settles it.
    expect((await h.ok('users.withoutKey', {}, admin)).map((u) => u.login)).toEqual(['remi']);
    await h.ok('users.remove', { id: remi.id }, admin);
    expect((await h.ok('users.list', {}, admin)).find((u) => u.id === remi.id)?.active).toBe(false);
    expect(await h.ok('users.withoutKey', {}, admin)).toEqual([]);
    expect(await h.ok('users.orphanSlots', {}, admin)).toEqual([]);
  });

  it('a removed account’s slot left by an older version is listed and removed', async () => {
    const remi = await h.ok('users.create', account('remi', 'remi-mot-de-passe'), admin);
    await h.ok('users.remove', { id: remi.id }, admin);
    // The old order (account first, slot after) interrupted: the deactivated account still has a slot.
    const key = await unwrapKey(keysFile(), ADMIN.login, ADMIN.password);
    await addSlot(keysFile(), 'remi', 'remi-mot-de-passe', key!);
    expect(await login('remi', 'remi-mot-de-passe')).toBe('UNAUTHENTICATED');
    expect(await h.ok('users.orphanSlots', {}, admin)).toEqual([{ login: 'remi', createdAt: expect.any(String), reason: 'compte_desactive' }]);
    await h.ok('users.removeOrphanSlot', { login: 'remi' }, admin);
    expect(await unwrapKey(keysFile(), 'remi', 'remi-mot-de-passe')).toBeNull();
  });

  it('orphan slots are for administrators only', async () => {
    await h.ok('users.create', account('remi', 'remi-mot-de-passe'), admin);
    const remi = (await h.ok('auth.login', { login: 'remi', password: 'remi-mot-de-passe' })).session;
    await h.err('users.orphanSlots', {}, 'FORBIDDEN', remi);
    await h.err('users.removeOrphanSlot', { login: 'remi' }, 'FORBIDDEN', remi);
    await h.err('users.setPassword', { id: 1, password: 'un-autre-mot-de-passe' }, 'FORBIDDEN', remi);
  });
});
