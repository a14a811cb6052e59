/** The server's `#service` key slot seen from the accounts: it belongs to no account, yet it is no orphan to remove. */
import { afterEach, describe, expect, it } from 'vitest';
import path from 'node:path';
import { KEY_FILE_NAME, SERVICE_SLOT_LOGIN, setSlot, slotLogins, unwrapKey } from '../../../db/keyslots';
import { ADMIN, setupWithStaff, startHarness, type Harness } from '../api/harness';

let h: Harness | undefined;
afterEach(async () => {
  await h?.dispose();
  h = undefined;
});

describe('the #service slot and the orphan slots', () => {
  it('is neither listed as an orphan nor removable as one, while a real orphan still is', async () => {
    h = await startHarness();
    const staff = await setupWithStaff(h);
    const keyPath = path.join(h.dataDir, KEY_FILE_NAME);
    const key = await unwrapKey(keyPath, ADMIN.login, ADMIN.password);
    await setSlot(keyPath, SERVICE_SLOT_LOGIN, 'phrase secrète du service de test', key!);
    await setSlot(keyPath, 'fantome', 'mot de passe du fantôme', key!);
    const admin = staff.admin.session;
    expect((await h.ok('users.orphanSlots', {}, admin)).map((o) => o.login)).toEqual(['fantome']);
    await h.err('users.removeOrphanSlot', { login: SERVICE_SLOT_LOGIN }, 'NOT_FOUND', admin);
    expect(await slotLogins(keyPath)).toContain(SERVICE_SLOT_LOGIN);
    expect(await h.ok('users.withoutKey', {}, admin)).toEqual([]);
  });
});
