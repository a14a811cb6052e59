import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, type MethodName } from '../../../shared/api/contract';
import type { Role } from '../../../shared/api/common';
import type { Dossier } from '../../../shared/api/dossier';
import { dossierInput, setupWithStaff, startHarness, storedState, type Harness, type Staff } from './harness';

let h: Harness;
let staff: Staff;
let dA: Dossier; // référent A
let dB: Dossier; // référent B
let dNone: Dossier; // nobody named

const methods = Object.keys(api) as MethodName[];
const sessionOf = (role: Role | 'referentA'): string =>
  ({
    administrateur: staff.admin.session,
    correspondant: staff.correspondant.session,
    secretaire_ep: staff.secretaire.session,
    referent: staff.referentA.session,
    referentA: staff.referentA.session,
  })[role];

const updateOf = (d: Dossier, change: Partial<{ prenoms: string; referentId: number | null; correspondantId: number | null }> = {}) => ({
  personId: d.person.id,
  version: d.version,
  foyer: {
    cafNumber: d.foyer.cafNumber,
    rsaDepuis: d.foyer.rsaDepuis,
    situationFamiliale: d.foyer.situationFamiliale,
    address: d.foyer.address,
    enfants: d.foyer.enfants,
  },
  person: {
    nomPatronymique: d.person.nomPatronymique,
    prenoms: change.prenoms ?? d.person.prenoms,
    sexe: d.person.sexe,
    dateNaissance: d.person.dateNaissance,
    referentId: change.referentId,
    correspondantId: change.correspondantId,
  },
});

beforeAll(async () => {
  h = await startHarness();
  staff = await setupWithStaff(h);
  dA = await h.ok('dossiers.create', dossierInput({ nom: 'MARTIN', prenoms: 'Anne' }), staff.referentA.session);
  dB = await h.ok(
    'dossiers.create',
    dossierInput({ nom: 'MARTIN', prenoms: 'Bruno', referentId: staff.referentB.id, correspondantId: staff.correspondant.id }),
    staff.correspondant.session,
  );
  dNone = await h.ok('dossiers.create', dossierInput({ nom: 'MARTIN', prenoms: 'Nadia' }), staff.correspondant.session);
});
afterAll(async () => {
  await h?.dispose();
});

describe('sessions and roles, for every method of the contract', () => {
  it('every non-public method refuses a call without a valid session', async () => {
    const before = await storedState(h);
    for (const method of methods.filter((m) => api[m].access !== 'public')) {
      for (const session of [undefined, 'jeton-inventé', `${staff.admin.session}x`]) {
        const response = await h.app.handle({ method, input: {}, session });
        expect(response, `${method} / ${session}`).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
      }
    }
    expect(await storedState(h)).toEqual(before);
  });

  it('every role-restricted method refuses the other roles', async () => {
    const before = await storedState(h);
    const roles: Role[] = ['administrateur', 'correspondant', 'secretaire_ep', 'referent'];
    let refusals = 0;
    for (const method of methods) {
      const access = api[method].access;
      if (typeof access === 'string') continue;
      for (const role of roles.filter((r) => !access.includes(r))) {
        const response = await h.app.handle({ method, input: {}, session: sessionOf(role) });
        expect(response, `${method} / ${role}`).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
        if (!response.ok) expect(response.error.message).toMatch(/ne permet pas cette action/);
        refusals += 1;
      }
    }
    // Every (method, role) pair the contract excludes was tried: users.* (4 × 3), dossiers.create/update (2 × 1),
    // audit.forDossier (3) at least, plus those of each capability.
    const excluded = methods.reduce((n, m) => {
      const access = api[m].access;
      return typeof access === 'string' ? n : n + roles.filter((r) => !access.includes(r)).length;
    }, 0);
    expect(refusals).toBe(excluded);
    expect(refusals).toBeGreaterThanOrEqual(12 + 2 + 3);
    expect(await storedState(h)).toEqual(before);
  });
});

describe('référent: only the dossiers where they are named', () => {
  it('creating names the référent themself', () => {
    expect(dA.person.referent).toEqual({ id: staff.referentA.id, displayName: 'Rémi Référent' });
    expect(dB.person.referent).toEqual({ id: staff.referentB.id, displayName: 'Berthe Référente' });
    expect(dB.person.correspondant).toEqual({ id: staff.correspondant.id, displayName: 'Cora Correspondante' });
    expect(dNone.person.referent).toBeNull();
  });

  it('gets their dossier, not another référent’s', async () => {
    const s = staff.referentA.session;
    expect((await h.ok('dossiers.get', { personId: dA.person.id }, s)).person.prenoms).toBe('Anne');
    const refused = await h.err('dossiers.get', { personId: dB.person.id }, 'FORBIDDEN', s);
    expect(refused.message).toMatch(/pas le référent nommé/);
    await h.err('dossiers.get', { personId: dNone.person.id }, 'FORBIDDEN', s);
    await h.err('dossiers.get', { personId: dA.person.id }, 'FORBIDDEN', staff.referentB.session);
    await h.err('dossiers.get', { personId: 999999 }, 'NOT_FOUND', s);
  });

  it('searches only their dossiers', async () => {
    const mine = await h.ok('dossiers.search', { query: 'martin' }, staff.referentA.session);
    expect(mine.map((x) => x.personId)).toEqual([dA.person.id]);
    expect(mine[0]).toMatchObject({ referent: 'Rémi Référent', city: 'Arras', cafNumber: dA.foyer.cafNumber });
    const theirs = await h.ok('dossiers.search', { query: 'mar' }, staff.referentB.session);
    expect(theirs.map((x) => x.personId)).toEqual([dB.person.id]);
    // Short terms too (prefix search).
    expect((await h.ok('dossiers.search', { query: 'ma' }, staff.referentA.session)).map((x) => x.personId)).toEqual([dA.person.id]);
  });

  it('cannot update another référent’s dossier; nothing is written', async () => {
    const before = await storedState(h);
    await h.err('dossiers.update', updateOf(dB, { prenoms: 'Piraté' }), 'FORBIDDEN', staff.referentA.session);
    expect(await storedState(h)).toEqual(before);
  });

  it('may name only themself, and cannot hand their dossier over', async () => {
    const before = await storedState(h);
    const create = await h.err(
      'dossiers.create',
      dossierInput({ referentId: staff.referentB.id }),
      'VALIDATION',
      staff.referentA.session,
    );
    expect(create.fieldErrors).toEqual({ 'person.referentId': 'Un référent ne peut nommer que lui-même comme référent du dossier.' });
    const handover = await h.err('dossiers.update', updateOf(dA, { referentId: staff.referentB.id }), 'VALIDATION', staff.referentA.session);
    expect(Object.keys(handover.fieldErrors ?? {})).toEqual(['person.referentId']);
    await h.err('dossiers.update', updateOf(dA, { referentId: null }), 'VALIDATION', staff.referentA.session);
    expect(await storedState(h)).toEqual(before);
  });
});

describe('other roles', () => {
  it('the EP secretary reads every dossier of the MDS but writes none', async () => {
    const s = staff.secretaire.session;
    for (const d of [dA, dB, dNone]) expect((await h.ok('dossiers.get', { personId: d.person.id }, s)).person.id).toBe(d.person.id);
    const found = await h.ok('dossiers.search', { query: 'martin' }, s);
    expect(found.map((x) => x.prenoms).sort()).toEqual(['Anne', 'Bruno', 'Nadia']);
    const before = await storedState(h);
    await h.err('dossiers.create', dossierInput(), 'FORBIDDEN', s);
    await h.err('dossiers.update', updateOf(dA, { prenoms: 'Non' }), 'FORBIDDEN', s);
    expect(await storedState(h)).toEqual(before);
  });

  it('the correspondent updates any dossier of the MDS and names référents', async () => {
    const s = staff.correspondant.session;
    const current = await h.ok('dossiers.get', { personId: dNone.person.id }, s);
    const named = await h.ok('dossiers.update', updateOf(current, { referentId: staff.referentA.id }), s);
    expect(named.person.referent?.id).toBe(staff.referentA.id);
    // Now référent A sees it.
    await h.ok('dossiers.get', { personId: dNone.person.id }, staff.referentA.session);

    const before = await storedState(h);
    const notAReferent = await h.err('dossiers.update', updateOf(named, { referentId: staff.secretaire.id }), 'VALIDATION', s);
    expect(notAReferent.fieldErrors).toEqual({ 'person.referentId': 'Le référent choisi n’est pas un référent actif de la MDS.' });
    const unknown = await h.err('dossiers.update', updateOf(named, { correspondantId: 4242 }), 'VALIDATION', s);
    expect(unknown.fieldErrors).toEqual({ 'person.correspondantId': 'Le correspondant choisi n’est pas un correspondant actif de la MDS.' });
    await h.err('dossiers.create', dossierInput({ correspondantId: staff.referentA.id }), 'VALIDATION', s);
    expect(await storedState(h)).toEqual(before);
  });

  it('the administrator reads dossiers and their journal; others may not read the journal', async () => {
    const s = staff.admin.session;
    expect((await h.ok('dossiers.get', { personId: dB.person.id }, s)).person.id).toBe(dB.person.id);
    const journal = await h.ok('audit.forDossier', { personId: dB.person.id }, s);
    expect(journal.map((e) => `${e.entity}:${e.action}`).sort()).toEqual(['foyer:create', 'person:create']);
    expect(journal.every((e) => e.user === 'cora')).toBe(true);
    for (const role of ['correspondant', 'secretaire_ep', 'referent'] as const) {
      await h.err('audit.forDossier', { personId: dA.person.id }, 'FORBIDDEN', sessionOf(role));
      await h.err('users.list', {}, 'FORBIDDEN', sessionOf(role));
    }
    expect((await h.ok('users.list', {}, s)).map((u) => u.login).sort()).toEqual(['admin', 'berthe', 'cora', 'remi', 'sam']);
  });

  it('users.staff lists the active référents and correspondents for everyone', async () => {
    const list = await h.ok('users.staff', {}, staff.referentA.session);
    expect(list.map((u) => u.displayName)).toEqual(['Berthe Référente', 'Cora Correspondante', 'Rémi Référent']);
    expect(list.every((u) => u.role === 'referent' || u.role === 'correspondant')).toBe(true);
  });
});
