import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './harness';
import { allTablesState, interviewWorld, type InterviewWorld } from './interview-fixtures';

let h: Harness;
let w: InterviewWorld;
let admin: string;

type AuditRow = { entity: string; entity_id: string; action: string; before_json: string | null; after_json: string | null; user_login: string };
const journal = async (entity: string, id: number) =>
  ((await allTablesState(h)).audit_log as AuditRow[]).filter((e) => e.entity === entity && e.entity_id === String(id));

beforeAll(async () => {
  h = await startHarness();
  w = await interviewWorld(h);
  admin = w.staff.admin.session;
});
afterAll(async () => {
  await h?.dispose();
});

describe('organismes référents', () => {
  it('everyone logged in reads them, sorted by name, with their contact', async () => {
    const list = await h.ok('organismes.list', {}, w.staff.referentB.session);
    expect(list.map((o) => o.name)).toEqual(['MDS de l’Arrageois', 'PLIE de l’Arrageois', 'Pôle Emploi Arras']);
    expect(list.find((o) => o.type === 'professionnel')).toMatchObject({ telephone: '0321112233', email: null, active: true });
    expect(list.find((o) => o.type === 'pole_emploi')?.address).toBe('1 rue de l’Emploi, 62000 Arras');
  });

  it('administrators create, update and remove them; every change is journaled with before and after', async () => {
    const created = await h.ok('organismes.create', { name: 'Mission locale', type: 'professionnel', email: 'ml@exemple.fr' }, admin);
    const updated = await h.ok('organismes.update', { id: created.id, name: 'Mission locale d’Arras', type: 'professionnel', email: '', active: true }, admin);
    expect(updated).toMatchObject({ name: 'Mission locale d’Arras', email: null });
    expect(await h.ok('organismes.remove', { id: created.id }, admin)).toEqual({ outcome: 'supprime' });
    expect((await h.ok('organismes.list', { includeInactive: true }, admin)).some((o) => o.id === created.id)).toBe(false);
    const entries = await journal('organisme_referent', created.id);
    expect(entries.map((e) => e.action)).toEqual(['create', 'update', 'delete']);
    expect(JSON.parse(entries[1]!.before_json!)).toMatchObject({ name: 'Mission locale', email: 'ml@exemple.fr' });
    expect(JSON.parse(entries[1]!.after_json!)).toMatchObject({ name: 'Mission locale d’Arras', email: null });
    expect(entries.every((e) => e.user_login === 'admin')).toBe(true);
  });

  it('one in use is deactivated instead of deleted: hidden from the choices, refused in a new decision', async () => {
    const used = await h.ok('organismes.create', { name: 'CCAS d’Arras', type: 'solidarite' }, admin);
    await h.ok('referents.create', { organismeId: used.id, name: 'Sophie Solidarité' }, admin);
    expect(await h.ok('organismes.remove', { id: used.id }, admin)).toEqual({ outcome: 'desactive' });
    expect((await h.ok('organismes.list', {}, admin)).some((o) => o.id === used.id)).toBe(false);
    expect((await h.ok('organismes.list', { includeInactive: true }, admin)).find((o) => o.id === used.id)?.active).toBe(false);
    // Its référents are no longer offered either.
    expect((await h.ok('referents.list', {}, admin)).some((r) => r.name === 'Sophie Solidarité')).toBe(false);
    expect((await h.ok('referents.list', { includeInactive: true }, admin)).some((r) => r.name === 'Sophie Solidarité')).toBe(true);
    const refused = await h.err(
      'orientation.decide',
      {
        personId: w.dA.person.id,
        date: '2026-02-01',
        orientation: 'solidarite',
        organismeReferentId: used.id,
        correspondantId: w.staff.correspondant.id,
        motif: 'Test',
      },
      'VALIDATION',
      w.staff.correspondant.session,
    );
    expect(refused.fieldErrors).toEqual({ organismeReferentId: 'L’organisme référent choisi n’existe pas ou n’est plus actif.' });
    // Reactivated by an update.
    await h.ok('organismes.update', { id: used.id, name: used.name, type: used.type, active: true }, admin);
    expect((await h.ok('organismes.list', {}, admin)).some((o) => o.id === used.id)).toBe(true);
  });

  it('refuses a name already used (accents and case aside), writing nothing', async () => {
    const before = await allTablesState(h);
    const error = await h.err('organismes.create', { name: 'pole emploi  ARRAS', type: 'pole_emploi' }, 'CONFLICT', admin);
    expect(error.fieldErrors).toEqual({ name: 'Un organisme référent porte déjà ce nom.' });
    await h.err('organismes.update', { id: 4242, name: 'X', type: 'pole_emploi', active: true }, 'NOT_FOUND', admin);
    await h.err('organismes.create', { name: ' ', type: 'autre' as never }, 'VALIDATION', admin);
    expect(await allTablesState(h)).toEqual(before);
  });
});

describe('référents of the organismes', () => {
  it('lists them with their organisme and linked account, filtered by organisme', async () => {
    const all = await h.ok('referents.list', {}, w.staff.secretaire.session);
    expect(all.map((r) => [r.name, r.organismeName, r.user?.displayName ?? null])).toEqual(
      expect.arrayContaining([
        ['Berthe Référente', 'PLIE de l’Arrageois', 'Berthe Référente'],
        ['Paul Conseiller', 'Pôle Emploi Arras', null],
        ['Rémi Référent', 'MDS de l’Arrageois', 'Rémi Référent'],
      ]),
    );
    const pe = await h.ok('referents.list', { organismeId: w.organismes.pe.id }, w.staff.referentA.session);
    expect(pe.map((r) => r.name)).toEqual(['Paul Conseiller']);
  });

  it('links a référent to one active référent account of the MDS at most, writing nothing when refused', async () => {
    const before = await allTablesState(h);
    const taken = await h.err('referents.create', { organismeId: w.organismes.pe.id, name: 'Doublon', userId: w.staff.referentA.id }, 'CONFLICT', admin);
    expect(taken.fieldErrors).toEqual({ userId: 'Ce compte utilisateur est déjà lié à un autre référent.' });
    const notReferent = await h.err('referents.create', { organismeId: w.organismes.pe.id, name: 'Cora', userId: w.staff.correspondant.id }, 'VALIDATION', admin);
    expect(notReferent.fieldErrors).toEqual({ userId: 'Le compte choisi n’est pas un compte de référent actif de la MDS.' });
    const noOrganisme = await h.err('referents.create', { organismeId: 4242, name: 'Personne' }, 'VALIDATION', admin);
    expect(noOrganisme.fieldErrors).toEqual({ organismeId: 'L’organisme choisi n’existe pas ou n’est plus actif.' });
    expect(await allTablesState(h)).toEqual(before);
  });

  it('updates (moving the link), removes an unused one, deactivates one named in a decision', async () => {
    const moved = await h.ok(
      'referents.update',
      { id: w.referents.peAgent.id, organismeId: w.organismes.pe.id, name: 'Paul Conseiller', email: 'paul@exemple.fr', userId: null, active: true },
      admin,
    );
    expect(moved).toMatchObject({ email: 'paul@exemple.fr', user: null });

    const temp = await h.ok('referents.create', { organismeId: w.organismes.plie.id, name: 'Temporaire' }, admin);
    expect(await h.ok('referents.remove', { id: temp.id }, admin)).toEqual({ outcome: 'supprime' });
    expect((await journal('orientation_referent', temp.id)).map((e) => e.action)).toEqual(['create', 'delete']);

    await h.ok(
      'orientation.decide',
      {
        personId: w.dB.person.id,
        date: '2026-02-01',
        orientation: 'professionnelle_pole_emploi',
        organismeReferentId: w.organismes.pe.id,
        referentId: w.referents.peAgent.id,
        correspondantId: w.staff.correspondant.id,
        motif: 'EDE 12 points',
      },
      w.staff.correspondant.session,
    );
    expect(await h.ok('referents.remove', { id: w.referents.peAgent.id }, admin)).toEqual({ outcome: 'desactive' });
    expect((await h.ok('referents.list', { organismeId: w.organismes.pe.id }, admin)).map((r) => r.name)).toEqual([]);
    // The decision keeps the référent's name.
    const current = await h.ok('orientation.current', { personId: w.dB.person.id }, w.staff.correspondant.session);
    expect(current?.referent).toMatchObject({ id: w.referents.peAgent.id, name: 'Paul Conseiller' });
  });
});
