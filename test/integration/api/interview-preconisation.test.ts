/**
 * The équipe d’orientation (issue 11, § 2): its préconisations recorded in batches before the decision, the
 * decision refused while the EDE (18–35) leaves it to the EO and nothing was préconisé, linked to the préconisation,
 * and a « motif de l’écart » required when the decision differs from it (or from the EDE’s clear proposal).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MethodInput } from '../../../shared/api/contract';
import type { Dossier } from '../../../shared/api/dossier';
import { ROOT_FIELD } from '../../../shared/api/errors';
import { missingValues } from '../../fixtures/documents/pdf-tools';
import { dossierInput, startHarness, type Harness } from './harness';
import { allTablesState, interviewWorld, paliers, type InterviewWorld } from './interview-fixtures';

let h: Harness;
let w: InterviewWorld;
let cs: string;

/** 28 points: between the thresholds, the EP/EO decides. */
const MIDDLE = [3, 3, 3, 3, 3, 3, 2, 2];
/** 12 points: Pôle Emploi. */
const LOW = [2, 2, 2, 1, 1, 2, 1, 1];

const newDossier = (nom: string): Promise<Dossier> =>
  h.ok('dossiers.create', dossierInput({ nom, prenoms: 'Test', referentId: w.staff.referentA.id }), cs);
const ede = async (d: Dossier, date: string, levels: readonly number[]) =>
  h.ok('ede.create', { personId: d.person.id, date, gridVersion: 1, paliers: paliers(levels) }, w.staff.referentA.session);
const decision = (d: Dossier, over: Partial<MethodInput<'orientation.decide'>> = {}): MethodInput<'orientation.decide'> => ({
  personId: d.person.id,
  date: '2026-02-20',
  orientation: 'professionnelle_autre',
  organismeReferentId: w.organismes.plie.id,
  referentId: null,
  correspondantId: w.staff.correspondant.id,
  motif: 'Décision du correspondant',
  ...over,
});

beforeAll(async () => {
  h = await startHarness();
  w = await interviewWorld(h);
  cs = w.staff.correspondant.session;
});
afterAll(async () => {
  await h?.dispose();
});

describe('préconisations of the équipe d’orientation', () => {
  it('records a batch under one id, journaled per person, listed newest first', async () => {
    const a = await newDossier('LOTUN');
    const b = await newDossier('LOTDEUX');
    const edeA = await ede(a, '2026-02-01', MIDDLE);
    const result = await h.ok(
      'orientation.preconisations.record',
      {
        date: '2026-02-10',
        team: '  EO de l’Arrageois ',
        comment: 'Séance mensuelle',
        items: [
          { personId: a.person.id, preconisation: 'professionnelle_autre', edeId: edeA.id },
          { personId: b.person.id, preconisation: 'solidarite' },
        ],
      },
      cs,
    );
    expect(result.preconisations).toHaveLength(2);
    expect(new Set(result.preconisations.map((p) => p.batchId))).toEqual(new Set([result.batchId]));
    expect(result.preconisations[0]).toMatchObject({
      personId: a.person.id,
      date: '2026-02-10',
      team: 'EO de l’Arrageois',
      preconisation: 'professionnelle_autre',
      comment: 'Séance mensuelle',
      ede: { id: edeA.id, total: 28, proposal: 'decision_ep_eo' },
      recordedBy: { id: w.staff.correspondant.id },
    });
    expect(await h.ok('orientation.preconisations.list', { personId: b.person.id }, w.staff.referentA.session)).toMatchObject([
      { preconisation: 'solidarite', ede: null, batchId: result.batchId },
    ]);
    const journal = await h.ok('audit.forDossier', { personId: a.person.id }, w.staff.admin.session);
    expect(journal.filter((e) => e.entity === 'orientation_preconisation' && e.action === 'create')).toHaveLength(1);
    // The dossier and the decision page show it, the batch screen too.
    expect((await h.ok('interview.summary', { personId: a.person.id }, cs)).preconisation?.id).toBe(result.preconisations[0]!.id);
    expect((await h.ok('orientation.proposal', { personId: a.person.id }, cs)).preconisation?.team).toBe('EO de l’Arrageois');
    const awaiting = await h.ok('orientation.awaiting', {}, cs);
    expect(awaiting.find((x) => x.personId === a.person.id)).toMatchObject({ name: 'LOTUN Test', ede: { total: 28 }, proposal: null, preconisation: { preconisation: 'professionnelle_autre' } });
    expect(awaiting.find((x) => x.personId === b.person.id)).toMatchObject({ ede: null, proposal: null });
    // EDE between the thresholds first.
    expect(awaiting.findIndex((x) => x.personId === a.person.id)).toBeLessThan(awaiting.findIndex((x) => x.personId === b.person.id));
  });

  it('bad input changes nothing: the whole batch is refused with the faulty line named', async () => {
    const a = await newDossier('REFUSUN');
    const other = await newDossier('REFUSDEUX');
    const otherEde = await ede(other, '2026-02-01', MIDDLE);
    const before = await allTablesState(h);
    const item = { personId: a.person.id, preconisation: 'solidarite' as const };
    const wrongEde = await h.err(
      'orientation.preconisations.record',
      { date: '2026-02-10', team: 'EO', items: [item, { personId: other.person.id, preconisation: 'solidarite', edeId: 999_999 }] },
      'VALIDATION',
      cs,
    );
    expect(wrongEde.fieldErrors?.['items.1.edeId']).toMatch(/n’est pas la sienne/);
    const notHis = await h.err(
      'orientation.preconisations.record',
      { date: '2026-02-10', team: 'EO', items: [{ ...item, edeId: otherEde.id }] },
      'VALIDATION',
      cs,
    );
    expect(notHis.fieldErrors?.['items.0.edeId']).toMatch(/n’est pas la sienne/);
    const later = await h.err('orientation.preconisations.record', { date: '2026-01-20', team: 'EO', items: [{ personId: other.person.id, preconisation: 'solidarite', edeId: otherEde.id }] }, 'VALIDATION', cs);
    expect(later.fieldErrors?.['items.0.edeId']).toMatch(/postérieure à la préconisation/);
    const missing = await h.err('orientation.preconisations.record', { date: '2026-02-10', team: 'EO', items: [item, { personId: 999_999, preconisation: 'solidarite' }] }, 'VALIDATION', cs);
    expect(missing.fieldErrors?.['items.1.personId']).toBe('Dossier n° 999999 introuvable.');
    const future = await h.err('orientation.preconisations.record', { date: '2026-03-03', team: 'EO', items: [item] }, 'VALIDATION', cs);
    expect(future.fieldErrors?.date).toMatch(/postérieure à aujourd’hui/);
    await h.err('orientation.preconisations.record', { date: '2026-02-10', team: ' ', items: [item] }, 'VALIDATION', cs);
    await h.err('orientation.preconisations.record', { date: '2026-02-10', team: 'EO', items: [] }, 'VALIDATION', cs);
    await h.err('orientation.preconisations.record', { date: '2026-02-10', team: 'EO', items: [item, item] }, 'VALIDATION', cs);
    const tooMany = Array.from({ length: 51 }, (_, i) => ({ personId: i + 1, preconisation: 'solidarite' as const }));
    await h.err('orientation.preconisations.record', { date: '2026-02-10', team: 'EO', items: tooMany }, 'VALIDATION', cs);
    await h.err('orientation.preconisations.record', { date: '2026-02-10', team: 'EO', items: [item] }, 'FORBIDDEN', w.staff.referentA.session);
    expect(await allTablesState(h)).toEqual(before);
  });
});

describe('the decision after the équipe d’orientation', () => {
  it('an EDE between the thresholds: refused until the EO préconise, then linked to the préconisation', async () => {
    const d = await newDossier('MILIEU');
    await ede(d, '2026-02-01', MIDDLE);
    const before = await allTablesState(h);
    const refused = await h.err('orientation.decide', decision(d), 'RULE', cs);
    expect(refused.message).toBe(
      'L’échelle de distance à l’emploi du 01/02/2026 (28 points, entre les deux seuils) renvoie l’orientation à l’équipe d’orientation : enregistrez d’abord sa préconisation.',
    );
    expect(refused.fieldErrors?.[ROOT_FIELD]).toBe(refused.message);
    expect(await allTablesState(h)).toEqual(before);
    // A préconisation older than the EDE does not count either.
    await h.ok('orientation.preconisations.record', { date: '2026-01-25', team: 'EO', items: [{ personId: d.person.id, preconisation: 'solidarite' }] }, cs);
    await h.err('orientation.decide', decision(d), 'RULE', cs);

    const { preconisations } = await h.ok(
      'orientation.preconisations.record',
      { date: '2026-02-10', team: 'EO de l’Arrageois', items: [{ personId: d.person.id, preconisation: 'professionnelle_autre' }] },
      cs,
    );
    const decided = await h.ok('orientation.decide', decision(d, { divergenceReason: 'sans objet' }), cs);
    expect(decided.period).toMatchObject({ preconisation: { id: preconisations[0]!.id, team: 'EO de l’Arrageois' }, divergenceReason: null });
    const summary = await h.ok('interview.summary', { personId: d.person.id }, cs);
    expect(summary.orientation?.preconisation?.id).toBe(preconisations[0]!.id);
    // Followed: no longer pending, no longer awaiting.
    expect(summary.preconisation).toBeNull();
    expect((await h.ok('orientation.awaiting', {}, cs)).some((x) => x.personId === d.person.id)).toBe(false);
  });

  it('a decision that differs from the préconisation needs the « motif de l’écart », kept on the decision', async () => {
    const d = await newDossier('ECART');
    await ede(d, '2026-02-01', MIDDLE);
    await h.ok('orientation.preconisations.record', { date: '2026-02-10', team: 'EO', items: [{ personId: d.person.id, preconisation: 'professionnelle_autre' }] }, cs);
    const before = await allTablesState(h);
    const solidarite = { orientation: 'solidarite' as const, organismeReferentId: w.organismes.mds.id };
    const refused = await h.err('orientation.decide', decision(d, solidarite), 'RULE', cs);
    expect(refused.fieldErrors).toEqual({
      divergenceReason:
        'La décision (Orientation solidarité) diffère de la préconisation de l’équipe d’orientation (Orientation professionnelle autre que France Travail (ex-Pôle Emploi)) : indiquez le motif de l’écart.',
    });
    await h.err('orientation.decide', decision(d, { ...solidarite, divergenceReason: '   ' }), 'RULE', cs);
    expect(await allTablesState(h)).toEqual(before);
    const ok = await h.ok('orientation.decide', decision(d, { ...solidarite, divergenceReason: 'Hébergement à stabiliser d’abord' }), cs);
    expect(ok.period.divergenceReason).toBe('Hébergement à stabiliser d’abord');
    // Printed on the « Décision d’orientation », archived like the other papers.
    const paper = await h.ok('documents.generate', { kind: 'orientation', sourceId: ok.period.id, final: true }, cs);
    expect(paper.document).toMatchObject({ kind: 'orientation', sourceEntity: 'orientation', personId: d.person.id });
    expect(missingValues(Buffer.from(paper.base64, 'base64'), ['DÉCISION D’ORIENTATION', 'Motif de l’écart : Hébergement à stabiliser d’abord', 'La décision diffère de la préconisation'])).toEqual([]);
    const journal = await h.ok('audit.forDossier', { personId: d.person.id }, w.staff.admin.session);
    expect(journal.find((e) => e.entity === 'orientation' && e.action === 'create')?.after).toMatchObject({ divergenceReason: 'Hébergement à stabiliser d’abord' });
  });

  it('without préconisation, a decision against the EDE’s clear proposal needs a reason; the EDE counted is the latest up to the decision', async () => {
    const d = await newDossier('CLAIR');
    await ede(d, '2026-02-01', LOW);
    const refused = await h.err('orientation.decide', decision(d, { orientation: 'solidarite', organismeReferentId: w.organismes.mds.id }), 'RULE', cs);
    expect(refused.fieldErrors?.divergenceReason).toMatch(/diffère de la proposition de l’échelle de distance à l’emploi \(Orientation professionnelle France Travail \(ex-Pôle Emploi\)\)/);
    // Before that EDE, nothing to follow.
    const early = await h.ok('orientation.decide', decision(d, { date: '2026-01-20', orientation: 'solidarite', organismeReferentId: w.organismes.mds.id }), cs);
    expect(early.period).toMatchObject({ preconisation: null, divergenceReason: null });
    const followed = await h.ok(
      'orientation.decide',
      decision(d, { orientation: 'professionnelle_pole_emploi', organismeReferentId: w.organismes.pe.id }),
      cs,
    );
    expect(followed.period.divergenceReason).toBeNull();
  });
});
