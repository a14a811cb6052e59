import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MethodInput } from '../../../shared/api/contract';
import type { Dossier } from '../../../shared/api/dossier';
import { validateOrientationPeriods } from '../../../shared/domain/rules/orientation';
import { dossierInput, startHarness, type Harness } from './harness';
import { allTablesState, interviewWorld, paliers, type InterviewWorld } from './interview-fixtures';

let h: Harness;
let w: InterviewWorld;
let cs: string; // correspondent

const newDossier = (nom: string): Promise<Dossier> =>
  h.ok('dossiers.create', dossierInput({ nom, prenoms: 'Test', referentId: w.staff.referentA.id }), cs);

const decision = (d: Dossier, over: Partial<MethodInput<'orientation.decide'>> = {}): MethodInput<'orientation.decide'> => ({
  personId: d.person.id,
  date: '2026-01-15',
  orientation: 'professionnelle_autre',
  organismeReferentId: w.organismes.plie.id,
  referentId: w.referents.plieB.id,
  correspondantId: w.staff.correspondant.id,
  motif: 'EDE de 17 points, projet professionnel défini',
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

describe('orientation proposal', () => {
  it('without EDE: solidarité, to make a diagnosis', async () => {
    const p = await h.ok('orientation.proposal', { personId: w.dA.person.id }, w.staff.referentA.session);
    expect(p).toMatchObject({ orientation: 'solidarite', ede: null, dsp: null, elements: [] });
    expect(p.reason).toMatch(/En l’absence d’élément.*diagnostic/);
  });

  it('follows the latest EDE, with the DSP’s elements as reasons', async () => {
    const d = await newDossier('PROPOSITION');
    const s = w.staff.referentA.session;
    await h.ok('ede.create', { personId: d.person.id, date: '2026-01-05', gridVersion: 1, paliers: paliers([4, 4, 4, 4, 4, 4, 4, 4]) }, s);
    const ede = await h.ok('ede.create', { personId: d.person.id, date: '2026-02-05', gridVersion: 1, paliers: paliers([1, 1, 1, 1, 1, 1, 2, 2]) }, s);
    await h.ok(
      'dsp.save',
      {
        personId: d.person.id,
        basedOnRevisionId: null,
        content: { situationProfessionnelle: { inscdememploi: '4302' }, logement: { natlog: '0912' } },
      },
      s,
    );
    const p = await h.ok('orientation.proposal', { personId: d.person.id }, s);
    expect(p.orientation).toBe('professionnelle_pole_emploi');
    expect(p.reason).toMatch(/Pôle Emploi/);
    expect(p.ede).toMatchObject({ id: ede.id, total: 10 });
    expect(p.dsp?.number).toBe(1);
    expect(p.elements).toEqual([
      { kind: 'frein', path: 'logement.natlog', text: 'Nature du logement : Sans hébergement (situation précaire).' },
      { kind: 'appui', path: 'situationProfessionnelle.inscdememploi', text: 'Inscription comme demandeur d’emploi : Inscrit depuis moins d’un an.' },
    ]);
    const summary = await h.ok('interview.summary', { personId: d.person.id }, s);
    expect(summary.proposal.orientation).toBe('professionnelle_pole_emploi');
  });
});

describe('orientation decision', () => {
  it('a professional orientation: the contract (CERP) is due one month later', async () => {
    const d = await newDossier('CERP');
    const result = await h.ok('orientation.decide', decision(d), cs);
    expect(result.closed).toBeNull();
    expect(result.period).toMatchObject({
      date: '2026-01-15',
      orientation: 'professionnelle_autre',
      start: '2026-01-15',
      end: null,
      organismeReferent: { id: w.organismes.plie.id, name: 'PLIE de l’Arrageois', type: 'professionnel' },
      referent: { id: w.referents.plieB.id, name: 'Berthe Référente', userId: w.staff.referentB.id },
      correspondant: { id: w.staff.correspondant.id, displayName: 'Cora Correspondante' },
      motif: 'EDE de 17 points, projet professionnel défini',
      contract: { contractKind: 'CERP', months: 1, deadline: '2026-02-15' },
      createdBy: { id: w.staff.correspondant.id },
    });
    expect(result.period.contract.rule).toMatch(/sous un mois.*15\/02\/2026/);
    expect(await h.ok('orientation.current', { personId: d.person.id }, cs)).toEqual(result.period);
    const summary = await h.ok('interview.summary', { personId: d.person.id }, cs);
    expect(summary.orientation?.contract.deadline).toBe('2026-02-15');

    // Pôle Emploi (PPAE): one month too, clamped to the month's end; solidarité (CERS): two months.
    const pe = await h.ok(
      'orientation.decide',
      decision(await newDossier('PPAE'), { date: '2026-01-31', orientation: 'professionnelle_pole_emploi', organismeReferentId: w.organismes.pe.id, referentId: w.referents.peAgent.id }),
      cs,
    );
    expect(pe.period.contract).toMatchObject({ contractKind: 'PPAE', months: 1, deadline: '2026-02-28' });
    const cers = await h.ok(
      'orientation.decide',
      decision(await newDossier('CERS'), { orientation: 'solidarite', organismeReferentId: w.organismes.mds.id, referentId: null }),
      w.staff.admin.session,
    );
    expect(cers.period.contract).toMatchObject({ contractKind: 'CERS', months: 2, deadline: '2026-03-15' });
  });

  it('a second orientation closes the first the day before: periods never overlap', async () => {
    const d = await newDossier('DEUX');
    const first = await h.ok('orientation.decide', decision(d, { orientation: 'professionnelle_pole_emploi', organismeReferentId: w.organismes.pe.id, referentId: null }), cs);
    const second = await h.ok(
      'orientation.decide',
      decision(d, { date: '2026-02-20', orientation: 'solidarite', organismeReferentId: w.organismes.mds.id, referentId: w.referents.mdsA.id, motif: 'Réorientation' }),
      cs,
    );
    expect(second.closed).toMatchObject({ id: first.period.id, start: '2026-01-15', end: '2026-02-19' });
    expect(second.period).toMatchObject({ start: '2026-02-20', end: null, contract: { contractKind: 'CERS', deadline: '2026-04-20' } });

    const history = await h.ok('orientation.history', { personId: d.person.id }, w.staff.secretaire.session);
    expect(history.map((p) => [p.orientation, p.start, p.end])).toEqual([
      ['solidarite', '2026-02-20', null],
      ['professionnelle_pole_emploi', '2026-01-15', '2026-02-19'],
    ]);
    const periods = [...history].reverse().map((p) => ({
      date: p.date,
      orientation: p.orientation,
      organismeReferent: p.organismeReferent.name,
      correspondant: p.correspondant.displayName,
      start: p.start,
      end: p.end,
    }));
    expect(validateOrientationPeriods(periods).ok).toBe(true);

    // The journal keeps the closing (before / after) and the new period.
    const audit = (await allTablesState(h)).audit_log as { entity: string; entity_id: string; action: string; before_json: string; after_json: string }[];
    const closing = audit.find((e) => e.entity === 'orientation' && e.entity_id === String(first.period.id) && e.action === 'update');
    expect(JSON.parse(closing!.before_json).endDate).toBeNull();
    expect(JSON.parse(closing!.after_json).endDate).toBe('2026-02-19');
    expect(audit.some((e) => e.entity === 'orientation' && e.entity_id === String(second.period.id) && e.action === 'create')).toBe(true);
  });

  it('the decision’s référent, when linked to an account, becomes the dossier’s named référent', async () => {
    const d = await newDossier('REFERENT');
    expect(d.person.referent?.id).toBe(w.staff.referentA.id);
    const result = await h.ok('orientation.decide', decision(d), cs);
    expect(result.dossierReferent).toEqual({ id: w.staff.referentB.id, displayName: 'Berthe Référente' });
    const after = await h.ok('dossiers.get', { personId: d.person.id }, cs);
    expect(after.person.referent?.id).toBe(w.staff.referentB.id);
    expect(after.person.correspondant?.id).toBe(w.staff.correspondant.id);
    expect(after.version).toBe(d.version + 1);
    // Access follows: référent B now sees it, référent A no longer does.
    await h.ok('interview.summary', { personId: d.person.id }, w.staff.referentB.session);
    await h.err('interview.summary', { personId: d.person.id }, 'FORBIDDEN', w.staff.referentA.session);
    const journal = await h.ok('audit.forDossier', { personId: d.person.id }, w.staff.admin.session);
    expect(journal.find((e) => e.entity === 'person' && e.action === 'update')).toMatchObject({
      before: expect.objectContaining({ referentId: w.staff.referentA.id }),
      after: expect.objectContaining({ referentId: w.staff.referentB.id }),
    });

    // A référent without an account: nobody among the users is named any more; no référent: unchanged.
    const noAccount = await h.ok(
      'orientation.decide',
      decision(d, { date: '2026-02-01', orientation: 'professionnelle_pole_emploi', organismeReferentId: w.organismes.pe.id, referentId: w.referents.peAgent.id }),
      cs,
    );
    expect(noAccount.dossierReferent).toBeNull();
    expect((await h.ok('dossiers.get', { personId: d.person.id }, cs)).person.referent).toBeNull();
    const d2 = await newDossier('INCHANGE');
    const none = await h.ok('orientation.decide', decision(d2, { referentId: null }), cs);
    expect(none.dossierReferent).toEqual({ id: w.staff.referentA.id, displayName: 'Rémi Référent' });
  });

  it('refuses, writing nothing: a date on or before the current start, a future date, the wrong kind of organisme, a référent of another organisme, a correspondent who is not one', async () => {
    const d = await newDossier('REFUS');
    await h.ok('orientation.decide', decision(d, { referentId: null }), cs);
    const before = await allTablesState(h);

    const sameDay = await h.err('orientation.decide', decision(d, { referentId: null }), 'RULE', cs);
    expect(sameDay.fieldErrors).toEqual({
      date: 'La décision du 15/01/2026 ne peut pas précéder ni coïncider avec le début de l’orientation en cours (15/01/2026).',
    });
    await h.err('orientation.decide', decision(d, { date: '2026-01-01', referentId: null }), 'RULE', cs);
    const future = await h.err('orientation.decide', decision(d, { date: '2026-03-03' }), 'VALIDATION', cs);
    expect(future.fieldErrors).toEqual({ date: 'La date de la décision (03/03/2026) ne peut pas être postérieure à aujourd’hui (02/03/2026).' });

    const wrongType = await h.err('orientation.decide', decision(d, { date: '2026-02-01', orientation: 'professionnelle_pole_emploi' }), 'RULE', cs);
    expect(wrongType.fieldErrors).toEqual({
      organismeReferentId:
        'Orientation professionnelle France Travail (ex-Pôle Emploi) : l’organisme référent doit être de type « France Travail (ex-Pôle Emploi) » ; « PLIE de l’Arrageois » est de type « Organisme d’accompagnement professionnel (autre que France Travail, ex-Pôle Emploi) ».',
    });
    const otherOrganisme = await h.err('orientation.decide', decision(d, { date: '2026-02-01', referentId: w.referents.mdsA.id }), 'VALIDATION', cs);
    expect(otherOrganisme.fieldErrors).toEqual({ referentId: 'Le référent choisi ne fait pas partie de l’organisme « PLIE de l’Arrageois ».' });
    const notCorrespondent = await h.err('orientation.decide', decision(d, { date: '2026-02-01', correspondantId: w.staff.referentA.id }), 'VALIDATION', cs);
    expect(notCorrespondent.fieldErrors).toEqual({ correspondantId: 'Le correspondant choisi n’est pas un correspondant actif de la MDS.' });
    await h.err('orientation.decide', decision(d, { date: '2026-02-01', organismeReferentId: 4242 }), 'VALIDATION', cs);
    const noMotif = await h.err('orientation.decide', decision(d, { date: '2026-02-01', motif: '  ' }), 'VALIDATION', cs);
    expect(noMotif.fieldErrors).toEqual({ motif: 'Motif de la décision : ce champ est obligatoire' });

    expect(await allTablesState(h)).toEqual(before);
  });
});
