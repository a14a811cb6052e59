/**
 * `worklists.list` through the dispatcher (issue 12, § 4): each role sees its scope, the lists follow the writes
 * of the interview (DSP, EDE, préconisation, decision), and bad input is refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MethodInput } from '../../../shared/api/contract';
import type { Dossier } from '../../../shared/api/dossier';
import { dossierInput, startHarness, type Harness } from './harness';
import { interviewWorld, paliers, type InterviewWorld } from './interview-fixtures';

let h: Harness;
let w: InterviewWorld;

/** 28 points: between the thresholds, the EO préconises. */
const MIDDLE = [3, 3, 3, 3, 3, 3, 2, 2];

beforeAll(async () => {
  h = await startHarness();
  w = await interviewWorld(h);
}, 120_000);
afterAll(async () => {
  await h?.dispose();
});

type ListInput = MethodInput<'worklists.list'>;
const list = (session: string, input: ListInput) => h.ok('worklists.list', input, session);
const names = async (session: string, input: ListInput) => (await list(session, { sort: 'person', ...input })).rows.map((r) => r.personName);

describe('worklists.list', () => {
  it('gives each role its scope: a référent their dossiers, the others the whole MDS', async () => {
    const { referentA, referentB, correspondant, secretaire, admin } = w.staff;
    // interviewWorld: MARTIN Anne and MARTIN Paul (référent A), BERNARD Bruno (référent B).
    expect(await names(referentA.session, { list: 'dsp_manquante' })).toEqual(['MARTIN Anne', 'MARTIN Paul']);
    expect(await names(referentB.session, { list: 'dsp_manquante' })).toEqual(['BERNARD Bruno']);
    for (const s of [correspondant.session, secretaire.session, admin.session]) {
      expect(await names(s, { list: 'dsp_manquante' })).toEqual(['BERNARD Bruno', 'MARTIN Anne', 'MARTIN Paul']);
    }
    const page = await list(correspondant.session, { list: 'dsp_manquante', limit: 1, offset: 1, sort: 'person', direction: 'desc' });
    expect(page.total).toBe(3);
    expect(page.rows).toEqual([
      {
        personId: w.dA.person.id,
        personName: 'MARTIN Anne',
        cafNumber: w.dA.foyer.cafNumber,
        referent: 'Rémi Référent',
        date: '2024-05-01',
        days: 670,
        detail: 'Aucune DSP n’est saisie : elle se remplit au premier entretien.',
        link: { to: 'dossier', personId: w.dA.person.id, section: 'dsp' },
      },
    ]);
  });

  it('follows the interview: DSP saved, EDE made, préconisation recorded, orientation decided', async () => {
    const { referentA, correspondant } = w.staff;
    const cs = correspondant.session;
    const d: Dossier = await h.ok('dossiers.create', dossierInput({ nom: 'SUIVI', prenoms: 'Sarah', referentId: referentA.id }), cs);
    const personId = d.person.id;
    const inList = async (l: ListInput['list']) => (await list(cs, { list: l, query: 'suivi sarah' })).rows.map((r) => r.personId);

    expect(await inList('dsp_manquante')).toEqual([personId]);
    await h.ok('dsp.save', { personId, basedOnRevisionId: null, content: { logement: { natlog: '0901' } } }, referentA.session);
    expect(await inList('dsp_manquante')).toEqual([]);

    expect(await inList('ede_a_faire')).toEqual([personId]);
    expect(await inList('orientation_a_proposer')).toEqual([personId]);
    const ede = await h.ok('ede.create', { personId, date: '2026-02-01', gridVersion: 1, paliers: paliers(MIDDLE) }, referentA.session);
    expect(await inList('ede_a_faire')).toEqual([]);
    expect((await list(cs, { list: 'orientation_a_proposer', query: 'SUIVI' })).rows[0]?.detail).toBe(
      `EDE du 01/02/2026 (${ede.total} points, entre les seuils) : la préconisation de l’équipe d’orientation est attendue.`,
    );

    await h.ok('orientation.preconisations.record', { date: '2026-02-10', team: 'EO de l’Arrageois', items: [{ personId, preconisation: 'solidarite', edeId: ede.id }] }, cs);
    expect(await inList('orientation_a_proposer')).toEqual([]);
    expect(await inList('orientation_a_decider')).toEqual([personId]);

    await h.ok(
      'orientation.decide',
      {
        personId,
        date: '2026-02-20',
        orientation: 'solidarite',
        organismeReferentId: w.organismes.mds.id,
        referentId: null,
        correspondantId: correspondant.id,
        motif: 'Suivi social',
      },
      cs,
    );
    expect(await inList('orientation_a_decider')).toEqual([]);
    expect(await inList('orientation_a_proposer')).toEqual([]);
    // The référent sees the same rows for their dossier; the other référent never.
    expect((await list(referentA.session, { list: 'dsp_manquante', query: 'suivi' })).total).toBe(0);
    expect((await list(w.staff.referentB.session, { list: 'ede_a_faire', query: 'martin' })).total).toBe(0);
  });

  it('refuses an unknown list, a bad page or sort, and extra fields', async () => {
    const s = w.staff.correspondant.session;
    await h.err('worklists.list', { list: 'inconnue' } as never, 'VALIDATION', s);
    await h.err('worklists.list', { list: 'dsp_manquante', limit: 0 }, 'VALIDATION', s);
    await h.err('worklists.list', { list: 'dsp_manquante', sort: 'caf' } as never, 'VALIDATION', s);
    await h.err('worklists.list', { list: 'dsp_manquante', extra: 1 } as never, 'VALIDATION', s);
    await h.err('worklists.list', { list: 'dsp_manquante' }, 'UNAUTHENTICATED', 'pas-une-session');
  });
});
