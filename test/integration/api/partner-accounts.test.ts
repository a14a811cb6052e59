/**
 * Partner référents (issue 14 §2, the handbook's DUI extranet): an account records the date the « charte utilisateur »
 * was signed and the reference of the « demande d’accès individuelle »; without them it cannot be active. A partner
 * référent sees only the dossiers naming them, and only the live events naming them.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eventVisibleTo, type LiveEvent } from '../../../main/app';
import { dossierInput, startServerHarness, storedState, type Harness, type Staff } from './harness';

let h: Harness;
let staff: Staff;
beforeEach(async () => {
  ({ h, staff } = await startServerHarness());
}, 60_000);
afterEach(async () => {
  await h?.dispose();
});

const partner = {
  login: 'paula',
  displayName: 'Paula Partenaire',
  role: 'referent' as const,
  structure: 'CCAS de Saint-Pol',
  password: 'paula-mot-de-passe',
  partner: true,
};

describe('partner accounts', () => {
  it('cannot be created without the charte’s date and the access request’s reference, nor as another role, nor dated in the future', async () => {
    const admin = staff.admin.session;
    const before = await storedState(h);
    const missing = await h.err('users.create', partner, 'VALIDATION', admin);
    expect(missing.fieldErrors).toEqual({
      charteSignedOn: 'Saisissez la date de signature de la charte utilisateur : sans elle, le compte partenaire ne peut pas être activé.',
      accessRequestRef: 'Saisissez la référence de la demande d’accès individuelle : sans elle, le compte partenaire ne peut pas être activé.',
    });
    const blank = await h.err('users.create', { ...partner, charteSignedOn: '', accessRequestRef: '  ' }, 'VALIDATION', admin);
    expect(Object.keys(blank.fieldErrors ?? {}).sort()).toEqual(['accessRequestRef', 'charteSignedOn']);
    const role = await h.err('users.create', { ...partner, role: 'correspondant', charteSignedOn: '2026-02-01', accessRequestRef: 'DAI-2026-014' }, 'VALIDATION', admin);
    expect(role.fieldErrors).toEqual({ role: 'Un compte partenaire est un compte de référent.' });
    // The harness's clock says 2 March 2026.
    const future = await h.err('users.create', { ...partner, charteSignedOn: '2026-03-03', accessRequestRef: 'DAI-2026-014' }, 'VALIDATION', admin);
    expect(future.fieldErrors).toEqual({ charteSignedOn: 'La date de signature de la charte ne peut pas être dans le futur.' });
    const tooLong = await h.err('users.create', { ...partner, charteSignedOn: '2026-02-01', accessRequestRef: 'x'.repeat(61) }, 'VALIDATION', admin);
    expect(tooLong.fieldErrors?.accessRequestRef).toBe('60 caractères au plus');
    expect(await storedState(h)).toEqual(before);
  });

  it('is created with both, listed as a partner, kept on an update that leaves them out, refused when one is removed', async () => {
    const admin = staff.admin.session;
    const created = await h.ok('users.create', { ...partner, charteSignedOn: '2026-03-02', accessRequestRef: 'DAI-2026-014' }, admin);
    expect(created).toMatchObject({ login: 'paula', partner: true, charteSignedOn: '2026-03-02', accessRequestRef: 'DAI-2026-014', active: true });
    const listed = (await h.ok('users.list', {}, admin)).find((u) => u.id === created.id);
    expect(listed).toMatchObject({ partner: true, charteSignedOn: '2026-03-02', accessRequestRef: 'DAI-2026-014' });
    expect((await h.ok('users.list', {}, admin)).find((u) => u.id === staff.referentA.id)).toMatchObject({ partner: false, charteSignedOn: null, accessRequestRef: null });

    const rename = { id: created.id, displayName: 'Paula P.', role: 'referent' as const, structure: 'CCAS de Saint-Pol' };
    expect(await h.ok('users.update', rename, admin)).toMatchObject({ displayName: 'Paula P.', partner: true, accessRequestRef: 'DAI-2026-014' });
    const removed = await h.err('users.update', { ...rename, accessRequestRef: null }, 'VALIDATION', admin);
    expect(Object.keys(removed.fieldErrors ?? {})).toEqual(['accessRequestRef']);
    const demoted = await h.err('users.update', { ...rename, role: 'correspondant' }, 'VALIDATION', admin);
    expect(Object.keys(demoted.fieldErrors ?? {})).toEqual(['role']);
    // No longer a partner: the two fields are cleared.
    expect(await h.ok('users.update', { ...rename, partner: false }, admin)).toMatchObject({ partner: false, charteSignedOn: null, accessRequestRef: null });
    // A référent becomes a partner with both fields.
    await h.err('users.update', { id: staff.referentA.id, displayName: 'Rémi Référent', role: 'referent', structure: 'MDS', partner: true }, 'VALIDATION', admin);
    await h.ok('users.update', { id: staff.referentA.id, displayName: 'Rémi Référent', role: 'referent', structure: 'MDS', partner: true, charteSignedOn: '2026-01-15', accessRequestRef: 'DAI-7' }, admin);
  });

  it('a partner référent sees only the dossiers naming them, and only the live events naming them', async () => {
    const admin = staff.admin.session;
    const created = await h.ok('users.create', { ...partner, charteSignedOn: '2026-02-01', accessRequestRef: 'DAI-2026-014' }, admin);
    const session = (await h.ok('auth.login', { login: 'paula', password: partner.password })).session;
    expect(h.app.sessionInfo(session)).toEqual({ userId: created.id, mdsId: expect.any(Number), partner: true });
    const events: LiveEvent[] = [];
    h.app.events.subscribe((event) => events.push(event));

    const other = await h.ok('dossiers.create', dossierInput({ nom: 'AUTRE', referentId: staff.referentA.id }), admin);
    const unnamed = await h.ok('dossiers.create', dossierInput({ nom: 'PERSONNE' }), admin);
    const viewer = h.app.sessionInfo(session)!;
    expect(events.map((e) => eventVisibleTo(e, viewer))).toEqual([false, false]);
    expect(await h.ok('live.poll', { after: 0 }, session)).toEqual({ seq: 0 });

    const own = await h.ok('dossiers.create', dossierInput({ nom: 'SIEN', referentId: created.id }), admin);
    expect(eventVisibleTo(events.at(-1)!, viewer)).toBe(true);
    expect(await h.ok('live.poll', { after: 0 }, session)).toEqual({ seq: events.at(-1)!.seq });

    const found = await h.ok('dossiers.search', { query: 'Claire' }, session);
    expect((await h.ok('dossiers.search', { query: 'Claire' }, admin)).length).toBe(3);
    expect(found.map((hit) => hit.personId)).toEqual([own.person.id]);
    await h.ok('dossiers.get', { personId: own.person.id }, session);
    await h.err('dossiers.get', { personId: other.person.id }, 'FORBIDDEN', session);
    await h.err('dossiers.get', { personId: unnamed.person.id }, 'FORBIDDEN', session);
  });
});
