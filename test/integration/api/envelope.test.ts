import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MethodName } from '../../../shared/api/contract';
import { setupWithStaff, startHarness, storedState, type Harness, type Staff } from './harness';

let h: Harness;
let staff: Staff;
beforeAll(async () => {
  h = await startHarness();
  staff = await setupWithStaff(h);
});
afterAll(async () => {
  await h?.dispose();
});

describe('requests as a host passes them', () => {
  it('malformed envelopes and unknown methods are refused, nothing written', async () => {
    const before = await storedState(h);
    const bad: unknown[] = [null, 'users.create', 12, [], { input: {} }, { method: ['users.create'], input: {} }, { method: 'users.list', input: {}, session: { token: staff.admin.session } }];
    for (const request of bad) {
      const response = await h.app.handle(request as never);
      expect(response, JSON.stringify(request)).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringMatching(/^Requête invalide/) } });
    }
    const unknown = await h.app.handle({ method: 'users.drop', input: {}, session: staff.admin.session });
    expect(unknown).toEqual({ ok: false, error: { code: 'UNKNOWN_METHOD', message: 'Méthode inconnue : « users.drop ».' } });
    expect(await storedState(h)).toEqual(before);
  });

  it('bad input to every account write method is refused at its field, nothing written', async () => {
    const admin = staff.admin.session;
    const account = { login: 'nouveau', displayName: 'Nouveau', role: 'referent', structure: 'CCAS', password: 'un-long-mot-de-passe' };
    const cases: [MethodName, unknown, string, string][] = [
      ['users.create', { ...account, login: 'élodie' }, 'login', 'L’identifiant ne contient que des lettres sans accent, chiffres, points, tirets'],
      ['users.create', { ...account, login: 'x' }, 'login', 'L’identifiant compte au moins 2 caractères'],
      ['users.create', { ...account, password: 'court' }, 'password', 'Le mot de passe compte au moins 10 caractères'],
      ['users.create', { ...account, role: 'chef' }, 'role', ''],
      ['users.create', { ...account, displayName: undefined }, 'displayName', ''],
      ['users.update', { id: 0, displayName: 'X', role: 'referent', structure: 'Y' }, 'id', ''],
      ['users.update', { id: staff.referentA.id, displayName: '', role: 'referent', structure: 'Y' }, 'displayName', 'Nom : ce champ est obligatoire'],
      ['users.remove', { id: 'abc' }, 'id', ''],
      ['users.remove', {}, 'id', ''],
      ['auth.changePassword', { currentPassword: 'x' }, 'newPassword', ''],
      ['auth.changePassword', { currentPassword: 42, newPassword: 'un-long-mot-de-passe' }, 'currentPassword', ''],
      ['drafts.save', { key: '', data: {} }, 'key', ''],
      ['drafts.delete', { key: 'a/b' }, 'key', 'Clé de brouillon invalide'],
    ];
    const before = await storedState(h);
    for (const [method, input, field, message] of cases) {
      const error = await h.err(method, input as never, 'VALIDATION', admin);
      expect(error.message, `${method} ${field}`).toMatch(/^Saisie invalide : /);
      expect(Object.keys(error.fieldErrors ?? {}), `${method} ${JSON.stringify(error)}`).toContain(field);
      if (message) expect(error.fieldErrors?.[field]).toBe(message);
    }
    expect(await storedState(h)).toEqual(before);
  });

  it('the summary message names the single error, or counts several', async () => {
    const one = await h.err('users.remove', { id: -1 }, 'VALIDATION', staff.admin.session);
    expect(one.message).toBe(`Saisie invalide : ${one.fieldErrors?.id}`);
    const several = await h.err('users.create', {} as never, 'VALIDATION', staff.admin.session);
    expect(several.message).toBe('Saisie invalide : 5 champs sont à corriger.');
  });
});
