import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dossier, DossierCreateInput } from '../../../shared/api/dossier';
import { dossierInput, nextCaf, setupWithStaff, startHarness, storedState, type Harness, type Staff } from './harness';

let h: Harness;
let staff: Staff;
let s: string; // correspondent's session

const withConjoint = (caf: string): DossierCreateInput => ({
  ...dossierInput({ caf, nom: 'LEFÈVRE', prenoms: 'Hélène Marie', correspondantId: undefined }),
  foyer: { ...dossierInput().foyer, cafNumber: caf, situationFamiliale: 'marie', enfants: [{ prenom: 'Zoé', dateNaissance: '2016-02-29' }, { prenom: 'Lou', dateNaissance: '2012-09-01' }] },
  conjoint: { nomPatronymique: 'LEFÈVRE', prenoms: 'Jérôme', sexe: 'M', dateNaissance: '1985-01-20' },
});

const updateInput = (d: Dossier, person: Partial<Dossier['person']> = {}, foyer: Partial<Dossier['foyer']> = {}) => {
  const f = { ...d.foyer, ...foyer };
  const p = { ...d.person, ...person };
  return {
    personId: d.person.id,
    version: d.version,
    foyer: { cafNumber: f.cafNumber, rsaDepuis: f.rsaDepuis, situationFamiliale: f.situationFamiliale, address: f.address, enfants: f.enfants },
    person: {
      nomPatronymique: p.nomPatronymique,
      nomUsage: p.nomUsage,
      prenoms: p.prenoms,
      sexe: p.sexe,
      dateNaissance: p.dateNaissance,
      telephone: p.telephone,
      email: p.email,
      peNumber: p.peNumber,
      niveauFormation: p.niveauFormation,
    },
  };
};

beforeAll(async () => {
  h = await startHarness();
  staff = await setupWithStaff(h);
  s = staff.correspondant.session;
});
afterAll(async () => {
  await h?.dispose();
});

describe('dossiers.create', () => {
  it('creates the foyer, children, allocataire and conjoint in one go', async () => {
    const caf = nextCaf();
    const d = await h.ok('dossiers.create', { ...withConjoint(caf), person: { ...withConjoint(caf).person, referentId: staff.referentA.id, peNumber: '1234567a' } }, s);
    expect(d.version).toBe(0);
    expect(d.person).toMatchObject({
      nomPatronymique: 'LEFÈVRE',
      prenoms: 'Hélène Marie',
      roleInFoyer: 'allocataire',
      telephone: '0321000000',
      peNumber: '1234567A',
      referent: { id: staff.referentA.id, displayName: 'Rémi Référent' },
      correspondant: null,
    });
    expect(d.foyer).toMatchObject({ cafNumber: caf, situationFamiliale: 'marie', address: { city: 'Arras', postalCode: '62000' } });
    expect(d.foyer.enfants.map((e) => e.prenom)).toEqual(['Lou', 'Zoé']);
    expect(d.foyer.mds.name).toBe('MDS de l’Arrageois');
    expect(d.others).toEqual([expect.objectContaining({ prenoms: 'Jérôme', roleInFoyer: 'conjoint' })]);
    expect(d.createdAt).toBe('2026-03-02T09:00:00.000Z');

    // The conjoint has a dossier of their own, in the same foyer, with the same référent.
    const conjoint = await h.ok('dossiers.get', { personId: d.others[0]!.id }, s);
    expect(conjoint.foyer.id).toBe(d.foyer.id);
    expect(conjoint.person.referent?.id).toBe(staff.referentA.id);
    expect(conjoint.others.map((o) => o.id)).toEqual([d.person.id]);
  });

  it('a CAF number already used is a CONFLICT at its field, and nothing is written', async () => {
    const caf = nextCaf();
    await h.ok('dossiers.create', dossierInput({ caf }), s);
    const before = await storedState(h);
    const error = await h.err('dossiers.create', withConjoint(caf), 'CONFLICT', s);
    expect(error).toEqual({
      code: 'CONFLICT',
      message: 'Ce N° allocataire CAF est déjà celui d’un autre foyer',
      fieldErrors: { 'foyer.cafNumber': 'Ce N° allocataire CAF est déjà celui d’un autre foyer' },
    });
    expect(await storedState(h)).toEqual(before);
  });

  it('refuses bad input with French messages at the right fields, writing nothing', async () => {
    const good = dossierInput();
    const cases: { input: unknown; field: string; message?: RegExp }[] = [
      { input: {}, field: 'foyer' },
      { input: { ...good, person: undefined }, field: 'person' },
      { input: { ...good, foyer: { ...good.foyer, cafNumber: '12345' } }, field: 'foyer.cafNumber', message: /7 chiffres/ },
      { input: { ...good, foyer: { ...good.foyer, cafNumber: 1234567 } }, field: 'foyer.cafNumber' },
      { input: { ...good, person: { ...good.person, dateNaissance: '2026-02-30' } }, field: 'person.dateNaissance', message: /n’existe pas/ },
      { input: { ...good, person: { ...good.person, dateNaissance: '30/01/1990' } }, field: 'person.dateNaissance', message: /Date invalide/ },
      { input: { ...good, foyer: { ...good.foyer, enfants: [{ prenom: 'A', dateNaissance: '2019-13-01' }] } }, field: 'foyer.enfants.0.dateNaissance' },
      { input: { ...good, foyer: { ...good.foyer, enfants: 'deux' } }, field: 'foyer.enfants' },
      { input: { ...good, foyer: { ...good.foyer, address: { ...good.foyer.address, postalCode: '620' } } }, field: 'foyer.address.postalCode', message: /5 chiffres/ },
      { input: { ...good, person: { ...good.person, nomPatronymique: '  ' } }, field: 'person.nomPatronymique', message: /obligatoire/ },
      { input: { ...good, person: { ...good.person, sexe: 'X' } }, field: 'person.sexe', message: /Choisissez le sexe/ },
      { input: { ...good, person: { ...good.person, telephone: '12' } }, field: 'person.telephone', message: /téléphone/ },
      { input: { ...good, person: { ...good.person, email: 'pas-un-mail' } }, field: 'person.email' },
      { input: { ...good, person: { ...good.person, niveauFormation: 'DOCTORAT' } }, field: 'person.niveauFormation' },
      { input: { ...good, person: { ...good.person, referentId: -3 } }, field: 'person.referentId' },
      { input: { ...good, conjoint: { prenoms: 'Sans nom' } }, field: 'conjoint.nomPatronymique' },
      { input: 'dossier', field: '_' },
    ];
    const before = await storedState(h);
    for (const c of cases) {
      const error = await h.err('dossiers.create', c.input as never, 'VALIDATION', s);
      expect(error.message, c.field).toMatch(/^Saisie invalide/);
      expect(Object.keys(error.fieldErrors ?? {}), JSON.stringify(error)).toContain(c.field);
      if (c.message) expect(error.fieldErrors?.[c.field]).toMatch(c.message);
    }
    expect(await storedState(h)).toEqual(before);
  });
});

describe('dossiers.update', () => {
  it('saves, bumps the version, and journals before/after', async () => {
    const d = await h.ok('dossiers.create', withConjoint(nextCaf()), s);
    h.clock.advanceMinutes(5);
    const updated = await h.ok(
      'dossiers.update',
      updateInput(d, { prenoms: 'Hélène', email: 'helene@example.fr' }, { address: { ...d.foyer.address, city: 'Lens', postalCode: '62300' } }),
      s,
    );
    expect(updated.version).toBe(1);
    expect(updated.person).toMatchObject({ prenoms: 'Hélène', email: 'helene@example.fr' });
    expect(updated.foyer.address).toMatchObject({ city: 'Lens', postalCode: '62300' });
    expect(updated.updatedAt).toBe(h.clock.now.toISOString());

    const journal = await h.ok('audit.forDossier', { personId: d.person.id }, staff.admin.session);
    expect(journal.map((e) => `${e.entity}:${e.action}`)).toEqual(['person:update', 'foyer:update', 'person:create', 'foyer:create']);
    const personUpdate = journal[0]!;
    expect(personUpdate).toMatchObject({ user: 'cora', entityId: String(d.person.id), at: h.clock.now.toISOString() });
    expect(personUpdate.before).toMatchObject({ prenoms: 'Hélène Marie', email: null });
    expect(personUpdate.after).toMatchObject({ prenoms: 'Hélène', email: 'helene@example.fr' });
    expect(journal[1]!.before).toMatchObject({ address: { city: 'Arras' } });
    expect(journal[1]!.after).toMatchObject({ address: { city: 'Lens' } });
    // The conjoint's journal is not mixed in, but the shared foyer's is.
    const conjointJournal = await h.ok('audit.forDossier', { personId: d.others[0]!.id }, staff.admin.session);
    expect(conjointJournal.map((e) => `${e.entity}:${e.action}`)).toEqual(['foyer:update', 'person:create', 'foyer:create']);
  });

  it('a stale version is a CONFLICT and changes nothing', async () => {
    const d = await h.ok('dossiers.create', withConjoint(nextCaf()), s);
    const conjoint = await h.ok('dossiers.get', { personId: d.others[0]!.id }, s);
    await h.ok('dossiers.update', updateInput(d, { prenoms: 'Première' }), s);
    const before = await storedState(h);
    const error = await h.err('dossiers.update', updateInput(d, { prenoms: 'Seconde' }), 'CONFLICT', s);
    expect(error.message).toMatch(/modifié entre-temps/);
    // The foyer changed with the allocataire's save: the conjoint's open form is stale too.
    await h.err('dossiers.update', updateInput(conjoint, { prenoms: 'Jérôme-Paul' }), 'CONFLICT', s);
    expect(await storedState(h)).toEqual(before);
    expect((await h.ok('dossiers.get', { personId: d.person.id }, s)).person.prenoms).toBe('Première');
  });

  it('a CAF number of another foyer is a CONFLICT; bad input is refused; nothing written', async () => {
    const first = await h.ok('dossiers.create', dossierInput(), s);
    const second = await h.ok('dossiers.create', dossierInput(), s);
    const before = await storedState(h);
    const conflict = await h.err('dossiers.update', updateInput(second, {}, { cafNumber: first.foyer.cafNumber }), 'CONFLICT', s);
    expect(conflict.fieldErrors).toEqual({ 'foyer.cafNumber': 'Ce N° allocataire CAF est déjà celui d’un autre foyer' });
    const good = updateInput(second);
    const cases: [unknown, string][] = [
      [{ ...good, version: -1 }, 'version'],
      [{ ...good, version: '0' }, 'version'],
      [{ ...good, personId: 'abc' }, 'personId'],
      [{ ...good, foyer: undefined }, 'foyer'],
      [{ ...good, person: { ...good.person, dateNaissance: '2025-02-29' } }, 'person.dateNaissance'],
      [{ ...good, foyer: { ...good.foyer, rsaDepuis: '2026-04-31' } }, 'foyer.rsaDepuis'],
      [{ ...good, foyer: { ...good.foyer, situationFamiliale: 'inconnue' } }, 'foyer.situationFamiliale'],
    ];
    for (const [input, field] of cases) {
      const error = await h.err('dossiers.update', input as never, 'VALIDATION', s);
      expect(Object.keys(error.fieldErrors ?? {}), field).toContain(field);
    }
    await h.err('dossiers.update', { ...good, personId: 987654 }, 'NOT_FOUND', s);
    expect(await storedState(h)).toEqual(before);
  });
});

describe('dossiers.search', () => {
  it('finds names as you type, whatever the accents and case', async () => {
    const d = await h.ok('dossiers.create', dossierInput({ nom: 'LEFÈVRE', prenoms: 'Hélène' }), s);
    await h.ok('dossiers.create', dossierInput({ nom: 'DUBOIS', prenoms: 'Marc' }), s);
    for (const query of ['helene', 'lefevre', 'LEFEVRE', 'Lefèvre hél', 'lef', d.foyer.cafNumber]) {
      const hits = await h.ok('dossiers.search', { query }, s);
      expect(hits.map((x) => x.personId), query).toContain(d.person.id);
      expect(hits.every((x) => x.nomPatronymique !== 'DUBOIS'), query).toBe(true);
    }
    expect(await h.ok('dossiers.search', { query: '   ' }, s)).toEqual([]);
    expect(await h.ok('dossiers.search', { query: 'zzzz' }, s)).toEqual([]);
    const limited = await h.ok('dossiers.search', { query: 'e', limit: 1 }, s);
    expect(limited.length).toBeLessThanOrEqual(1);
    const tooLong = await h.err('dossiers.search', { query: 'x'.repeat(101) }, 'VALIDATION', s);
    expect(tooLong.fieldErrors).toEqual({ query: '100 caractères au plus' });
  });
});

describe('drafts', () => {
  it('are per user, replaced on save, and not journaled', async () => {
    const before = await storedState(h);
    const a = staff.referentA.session;
    expect(await h.ok('drafts.get', { key: 'dossier:new' }, a)).toBeNull();
    await h.ok('drafts.save', { key: 'dossier:new', data: { nom: 'Brouillon', n: 1 } }, a);
    await h.ok('drafts.save', { key: 'dossier:new', data: { nom: 'Brouillon', n: 2 } }, a);
    expect(await h.ok('drafts.get', { key: 'dossier:new' }, a)).toEqual({ data: { nom: 'Brouillon', n: 2 }, updatedAt: h.clock.now.toISOString() });
    expect(await h.ok('drafts.get', { key: 'dossier:new' }, staff.referentB.session)).toBeNull();
    const after = await storedState(h);
    expect(after.tables.drafts).toHaveLength(1);
    expect(after.tables.audit_log).toEqual(before.tables.audit_log);
    await h.ok('drafts.delete', { key: 'dossier:new' }, a);
    expect(await h.ok('drafts.get', { key: 'dossier:new' }, a)).toBeNull();
  });

  it('refuses a bad key or a draft over 256 KB, writing nothing', async () => {
    const a = staff.referentA.session;
    const before = await storedState(h);
    const big = await h.err('drafts.save', { key: 'gros', data: { text: 'é'.repeat(140 * 1024) } }, 'VALIDATION', a);
    expect(big.message).toMatch(/256 Ko/);
    const badKey = await h.err('drafts.save', { key: 'clé avec espaces', data: {} }, 'VALIDATION', a);
    expect(badKey.fieldErrors).toEqual({ key: 'Clé de brouillon invalide' });
    await h.err('drafts.save', { key: 'vide' } as never, 'VALIDATION', a);
    expect(await storedState(h)).toEqual(before);
  });
});
