import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MethodInput } from '../../../shared/api/contract';
import { PASSWORDS, startHarness, type Harness } from './harness';
import { allTablesState, interviewWorld, type InterviewWorld } from './interview-fixtures';

let h: Harness;
let w: InterviewWorld;
let s: string; // référent A
let allocataire: number;
let conjoint: number;

const input = (householdResources: number, conjointIncome: number): MethodInput<'droitsDevoirs.save'> => ({
  personId: allocataire,
  householdResources,
  resourcesDate: '2026-02-28',
  persons: [
    { personId: allocataire, hasProfessionalActivity: false, monthlyProfessionalIncome: 0 },
    { personId: conjoint, hasProfessionalActivity: true, monthlyProfessionalIncome: conjointIncome },
  ],
});

beforeAll(async () => {
  h = await startHarness();
  w = await interviewWorld(h);
  s = w.staff.referentA.session;
  allocataire = w.dA.person.id;
  conjoint = w.dA.others[0]!.id;
});
afterAll(async () => {
  await h?.dispose();
});

describe('droits et devoirs', () => {
  it('without inputs: no status, and the list of what is missing', async () => {
    const dd = await h.ok('droitsDevoirs.get', { personId: allocataire }, s);
    expect(dd.status).toBeNull();
    expect(dd.missing).toEqual([
      'Ressources mensuelles du foyer',
      'Activité et revenus professionnels de MARTIN Anne',
      'Activité et revenus professionnels de MARTIN Paul',
    ]);
    // A couple (the conjoint) with one child (born 2019): 1.8 × 646.52 € on 02/03/2026.
    expect(dd.household).toEqual({ couple: true, dependants: 1 });
    expect(dd.montantForfaitaire).toBe(1163.74);
    expect((await h.ok('interview.summary', { personId: allocataire }, s)).droitsDevoirs.missing).toHaveLength(3);
  });

  it('is computed from the stored inputs, for each person of the foyer, with the rule and the amounts', async () => {
    const dd = await h.ok('droitsDevoirs.save', input(400, 600), s);
    expect(dd.foyer).toMatchObject({ householdResources: 400, resourcesDate: '2026-02-28', updatedBy: { displayName: 'Rémi Référent' } });
    expect(dd.missing).toEqual([]);
    expect(dd.status).toMatchObject({
      accompanimentCompulsory: true,
      conditions: { householdResourcesBelowMontantForfaitaire: true, noActivityOrIncomeBelowThreshold: true },
    });
    expect(dd.status?.rule).toMatch(/double condition/);
    // (French number formatting separates thousands with a narrow no-break space.)
    expect(dd.status?.explanation.replace(/\s/g, ' ')).toBe(
      'Allocataire : accompagnement obligatoire (soumis aux droits et devoirs), car les ressources du foyer (400,00 €) sont inférieures au montant forfaitaire applicable au 02/03/2026 (1 163,74 €) et la personne n’exerce pas d’activité professionnelle.',
    );
    const conjointEntry = dd.persons.find((p) => p.personId === conjoint)!;
    expect(conjointEntry.income).toMatchObject({ hasProfessionalActivity: true, monthlyProfessionalIncome: 600 });
    expect(conjointEntry.status).toMatchObject({
      accompanimentCompulsory: false,
      conditions: { householdResourcesBelowMontantForfaitaire: true, noActivityOrIncomeBelowThreshold: false },
    });
    // The conjoint's own dossier shows their status.
    const theirs = await h.ok('droitsDevoirs.get', { personId: conjoint }, s);
    expect(theirs.status?.accompanimentCompulsory).toBe(false);

    // Read back as stored (cents), and journaled.
    const state = await allTablesState(h);
    expect(state.foyer_resources).toEqual([expect.objectContaining({ foyer_id: w.dA.foyer.id, household_resources_cents: 40000 })]);
    const audit = state.audit_log as { entity: string; entity_id: string }[];
    expect(audit.filter((e) => e.entity === 'person_income').map((e) => Number(e.entity_id)).sort()).toEqual([allocataire, conjoint].sort());
    expect(audit.some((e) => e.entity === 'foyer_resources' && e.entity_id === String(w.dA.foyer.id))).toBe(true);

    const summary = await h.ok('interview.summary', { personId: allocataire }, s);
    expect(summary.droitsDevoirs).toEqual({ status: dd.status, missing: [] });
  });

  it('is recomputed with today’s date: the same inputs change status when the montant forfaitaire is revalued', async () => {
    // 1 165 € of resources: not below 1 163.74 € (March 2026) …
    await h.ok('droitsDevoirs.save', input(1165, 0), s);
    expect((await h.ok('droitsDevoirs.get', { personId: allocataire }, s)).status?.accompanimentCompulsory).toBe(false);
    // … but below 1.8 × 651.69 € = 1 173.04 € from 1 April 2026.
    h.clock.now = new Date('2026-04-02T09:00:00.000Z');
    const { session } = await h.ok('auth.login', { login: 'remi', password: PASSWORDS.referentA });
    const april = await h.ok('droitsDevoirs.get', { personId: allocataire }, session);
    expect(april.date).toBe('2026-04-02');
    expect(april.montantForfaitaire).toBe(1173.04);
    expect(april.status?.accompanimentCompulsory).toBe(true);
    expect(april.foyer?.householdResources).toBe(1165);
  });

  it('refuses, writing nothing: a person missing, a person of another foyer, a future date', async () => {
    const { session } = await h.ok('auth.login', { login: 'remi', password: PASSWORDS.referentA });
    const before = await allTablesState(h);
    const partial = { ...input(300, 0), persons: [input(300, 0).persons[0]!] };
    const missing = await h.err('droitsDevoirs.save', partial, 'VALIDATION', session);
    expect(missing.fieldErrors).toEqual({
      persons: 'Renseignez l’activité et les revenus professionnels de chaque personne du foyer : il manque MARTIN Paul.',
    });
    const stranger = { ...input(300, 0), persons: [input(300, 0).persons[0]!, { personId: w.dB.person.id, hasProfessionalActivity: false, monthlyProfessionalIncome: 0 }] };
    const other = await h.err('droitsDevoirs.save', stranger, 'VALIDATION', session);
    expect(other.fieldErrors).toEqual({ 'persons.1.personId': 'Cette personne ne fait pas partie du foyer.' });
    await h.err('droitsDevoirs.save', { ...input(300, 0), resourcesDate: '2026-05-01' }, 'VALIDATION', session);
    const noActivity = await h.err(
      'droitsDevoirs.save',
      { ...input(300, 0), persons: [{ personId: allocataire, hasProfessionalActivity: false, monthlyProfessionalIncome: 100 }, input(300, 0).persons[1]!] },
      'VALIDATION',
      session,
    );
    expect(noActivity.fieldErrors).toEqual({
      'persons.0.monthlyProfessionalIncome': 'Sans activité professionnelle, les revenus professionnels sont de 0 €',
    });
    expect(await allTablesState(h)).toEqual(before);
  });
});
