/**
 * Who may call each method of the first interview: by role (the contract) and by dossier (a référent only on the
 * dossiers where they are named). A refused call writes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MethodInput, MethodName } from '../../../shared/api/contract';
import { interviewMethods } from '../../../shared/api/interview';
import { allTablesState, interviewWorld, paliers, type InterviewWorld } from './interview-fixtures';
import { startHarness, type Harness } from './harness';

type Who = 'admin' | 'correspondant' | 'secretaire' | 'referentA' | 'referentB';
const EVERYONE: Who[] = ['admin', 'correspondant', 'secretaire', 'referentA', 'referentB'];

let h: Harness;
let w: InterviewWorld;
const session = (who: Who) => w.staff[who].session;

interface Case<M extends MethodName = MethodName> {
  method: M;
  /** Input for the caller (computed at call time: some depend on what was written before). */
  input: (who: Who) => Promise<MethodInput<M>> | MethodInput<M>;
  allowed: Who[];
  /** Refusal expected for the others: by role (contract) or by dossier. */
  refusedBy: Partial<Record<Who, 'role' | 'dossier'>>;
}
const c = <M extends MethodName>(x: Case<M>): Case => x as unknown as Case;

let dspIds: [number, number];
let edeIds: [number, number];
let decisionDay = 10;

const READ_DOSSIER = { allowed: ['admin', 'correspondant', 'secretaire', 'referentA'] as Who[], refusedBy: { referentB: 'dossier' as const } };
const WRITE_DOSSIER = {
  allowed: ['admin', 'correspondant', 'referentA'] as Who[],
  refusedBy: { secretaire: 'role' as const, referentB: 'dossier' as const },
};
const ADMIN_ONLY = {
  allowed: ['admin'] as Who[],
  refusedBy: { correspondant: 'role' as const, secretaire: 'role' as const, referentA: 'role' as const, referentB: 'role' as const },
};

const cases = (): Case[] => {
  const personId = w.dA.person.id;
  return [
    c({ method: 'dsp.latest', input: () => ({ personId }), ...READ_DOSSIER }),
    c({
      method: 'dsp.save',
      input: async () => {
        const latest = await h.ok('dsp.latest', { personId }, session('admin'));
        return { personId, basedOnRevisionId: latest.revision?.id ?? null, content: { mobilite: { natmob: '2502' } } };
      },
      ...WRITE_DOSSIER,
    }),
    c({ method: 'dsp.history', input: () => ({ personId }), ...READ_DOSSIER }),
    c({ method: 'dsp.get', input: () => ({ revisionId: dspIds[0] }), ...READ_DOSSIER }),
    c({ method: 'dsp.compare', input: () => ({ fromRevisionId: dspIds[0], toRevisionId: dspIds[1] }), ...READ_DOSSIER }),
    c({ method: 'ede.grid', input: () => ({}), allowed: EVERYONE, refusedBy: {} }),
    c({
      method: 'ede.create',
      input: () => ({ personId, date: '2026-02-01', gridVersion: 1, paliers: paliers([1, 1, 1, 1, 1, 1, 1, 1]) }),
      ...WRITE_DOSSIER,
    }),
    c({ method: 'ede.list', input: () => ({ personId }), ...READ_DOSSIER }),
    c({ method: 'ede.get', input: () => ({ edeId: edeIds[0] }), ...READ_DOSSIER }),
    c({ method: 'ede.compare', input: () => ({ fromEdeId: edeIds[0], toEdeId: edeIds[1] }), ...READ_DOSSIER }),
    c({ method: 'orientation.proposal', input: () => ({ personId }), ...READ_DOSSIER }),
    // Before the decisions: the EDE of 5 January (32 points) leaves them to the équipe d’orientation.
    c({
      method: 'orientation.preconisations.record',
      input: () => ({ date: '2026-01-08', team: 'EO de l’Arrageois', items: [{ personId, preconisation: 'solidarite', edeId: edeIds[0] }] }),
      allowed: ['admin', 'correspondant'],
      refusedBy: { secretaire: 'role', referentA: 'role', referentB: 'role' },
    }),
    c({ method: 'orientation.preconisations.list', input: () => ({ personId }), ...READ_DOSSIER }),
    c({
      method: 'orientation.awaiting',
      input: () => ({}),
      allowed: ['admin', 'correspondant'],
      refusedBy: { secretaire: 'role', referentA: 'role', referentB: 'role' },
    }),
    c({
      method: 'orientation.decide',
      input: () => ({
        personId,
        date: `2026-01-${String(++decisionDay).padStart(2, '0')}`,
        orientation: 'solidarite',
        organismeReferentId: w.organismes.mds.id,
        referentId: w.referents.mdsA.id,
        correspondantId: w.staff.correspondant.id,
        motif: 'Diagnostic de la situation',
      }),
      allowed: ['admin', 'correspondant'],
      refusedBy: { secretaire: 'role', referentA: 'role', referentB: 'role' },
    }),
    c({ method: 'orientation.current', input: () => ({ personId }), ...READ_DOSSIER }),
    c({ method: 'orientation.history', input: () => ({ personId }), ...READ_DOSSIER }),
    c({ method: 'droitsDevoirs.get', input: () => ({ personId }), ...READ_DOSSIER }),
    c({
      method: 'droitsDevoirs.save',
      input: () => ({
        personId,
        householdResources: 300,
        resourcesDate: '2026-03-01',
        persons: [
          { personId, hasProfessionalActivity: false, monthlyProfessionalIncome: 0 },
          { personId: w.dA.others[0]!.id, hasProfessionalActivity: true, monthlyProfessionalIncome: 250 },
        ],
      }),
      ...WRITE_DOSSIER,
    }),
    c({ method: 'organismes.list', input: () => ({}), allowed: EVERYONE, refusedBy: {} }),
    c({ method: 'organismes.create', input: (who) => ({ name: `CCAS ${who}`, type: 'solidarite' }), ...ADMIN_ONLY }),
    c({
      method: 'organismes.update',
      input: () => ({ id: w.organismes.plie.id, name: 'PLIE de l’Arrageois', type: 'professionnel', active: true, address: '2 place du Théâtre' }),
      ...ADMIN_ONLY,
    }),
    c({
      method: 'organismes.remove',
      input: async () => ({ id: (await h.ok('organismes.create', { name: `À supprimer ${Date.now()}`, type: 'professionnel' }, session('admin'))).id }),
      ...ADMIN_ONLY,
    }),
    c({ method: 'referents.list', input: () => ({ organismeId: w.organismes.pe.id }), allowed: EVERYONE, refusedBy: {} }),
    c({ method: 'referents.create', input: (who) => ({ organismeId: w.organismes.pe.id, name: `Conseiller ${who}` }), ...ADMIN_ONLY }),
    c({
      method: 'referents.update',
      input: () => ({ id: w.referents.peAgent.id, organismeId: w.organismes.pe.id, name: 'Paul Conseiller', telephone: '0321000001', active: true }),
      ...ADMIN_ONLY,
    }),
    c({
      method: 'referents.remove',
      input: async () => ({
        id: (await h.ok('referents.create', { organismeId: w.organismes.pe.id, name: `Temporaire ${Date.now()}` }, session('admin'))).id,
      }),
      ...ADMIN_ONLY,
    }),
    c({ method: 'interview.summary', input: () => ({ personId }), ...READ_DOSSIER }),
  ];
};

beforeAll(async () => {
  h = await startHarness();
  w = await interviewWorld(h);
  const s = w.staff.referentA.session;
  const personId = w.dA.person.id;
  const r1 = await h.ok('dsp.save', { personId, basedOnRevisionId: null, content: { logement: { natlog: '0901' } } }, s);
  const r2 = await h.ok('dsp.save', { personId, basedOnRevisionId: r1.revision.id, content: { logement: { natlog: '0902' } } }, s);
  dspIds = [r1.revision.id, r2.revision.id];
  const e1 = await h.ok('ede.create', { personId, date: '2026-01-05', gridVersion: 1, paliers: paliers([3, 3, 3, 3, 3, 3, 3, 3]) }, s);
  const e2 = await h.ok('ede.create', { personId, date: '2026-02-05', gridVersion: 1, paliers: paliers([2, 2, 2, 2, 2, 2, 2, 2]) }, s);
  edeIds = [e1.id, e2.id];
});
afterAll(async () => {
  await h?.dispose();
});

describe('first interview: access per role and per dossier', () => {
  it('the table below covers every method of the capability', () => {
    expect(cases().map((x) => x.method).sort()).toEqual(Object.keys(interviewMethods).sort());
  });

  it('each method is allowed to its roles and refused to the others, writing nothing when refused', async () => {
    // The orientation decisions name référent A (linked account): the dossier stays theirs.
    for (const x of cases()) {
      for (const who of EVERYONE) {
        const input = await x.input(who);
        if (x.allowed.includes(who)) {
          const response = await h.call(x.method, input as never, session(who));
          expect(response.ok, `${x.method} / ${who} : ${JSON.stringify(response)}`).toBe(true);
          continue;
        }
        const before = await allTablesState(h);
        const error = await h.err(x.method, input as never, 'FORBIDDEN', session(who));
        const by = x.refusedBy[who];
        expect(by, `${x.method} / ${who}: refusal expected to be declared`).toBeDefined();
        expect(error.message, `${x.method} / ${who}`).toMatch(by === 'role' ? /ne permet pas cette action/ : /pas le référent nommé/);
        expect(await allTablesState(h), `${x.method} / ${who}`).toEqual(before);
      }
    }
  });

  it('a référent cannot reach another dossier through a revision or an assessment id either', async () => {
    const s = w.staff.referentB.session;
    await h.err('dsp.get', { revisionId: dspIds[1] }, 'FORBIDDEN', s);
    await h.err('ede.get', { edeId: edeIds[1] }, 'FORBIDDEN', s);
    await h.err('dsp.get', { revisionId: 999999 }, 'NOT_FOUND', s);
    await h.err('ede.get', { edeId: 999999 }, 'NOT_FOUND', s);
    await h.err('interview.summary', { personId: 999999 }, 'NOT_FOUND', s);
  });
});
