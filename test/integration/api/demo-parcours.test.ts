/**
 * Issue 12, « a demo that has a life »: after the demo's seed, every role's desk shows real work (every section
 * counts something), every work list is non-empty for every account that sees dossiers, and the échéancier shows
 * every kind and every severity, for référent1's own dossiers and across the MDS.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, seedDemo } from '../../../main/demo/seed';
import { demoParcoursCafNumber } from '../../../main/demo/parcours';
import { WORKLISTS, type WorklistKind } from '../../../shared/api/desk';
import { ECHEANCE_KINDS, SEVERITIES, type EcheanceKind } from '../../../shared/domain/rules/echeancier';
import { addDaysIso } from '../../../shared/domain/rules/dates';
import { startHarness, type Harness } from './harness';

const TODAY = '2026-03-02';
const ROLES = ['admin', 'correspondant1', 'correspondant2', 'secretaire', 'referent1', 'referent2', 'referent3', 'referent4'] as const;
const REFERENTS = ['referent1', 'referent2', 'referent3', 'referent4'] as const;
/**
 * The échéancier kind the demo cannot show: `fin_maintien_revenus` needs the monthly activity incomes of fiche J.1,
 * which the app does not record (main/services/desk/due.ts reads none).
 */
const NOT_IN_DEMO: readonly EcheanceKind[] = ['fin_maintien_revenus'];

let h: Harness;
const sessions = new Map<string, string>();
beforeAll(async () => {
  h = await startHarness();
  const real = h.clock.now;
  expect(real.toISOString().slice(0, 10)).toBe(TODAY);
  // The demo plans its past rendez-vous on their day: the harness's clock travels with it.
  const clock = { travel: (day: string | null) => (h.clock.now = day === null ? real : new Date(`${day}T10:00:00`)) };
  await seedDemo(h.app, { foyers: 20, epCases: true, ficheCases: true, orientationTeam: true, parcours: true, clock, epToday: TODAY });
  expect(h.clock.now).toBe(real);
  for (const login of ROLES) sessions.set(login, (await h.ok('auth.login', { login, password: DEMO_PASSWORD })).session);
}, 180_000);
afterAll(async () => {
  await h?.dispose();
});

const as = (login: string) => sessions.get(login)!;

describe('the demo’s desk', () => {
  it.each(ROLES)('%s: every section of the desk counts real work', async (login) => {
    const desk = await h.ok('desk.mine', {}, as(login));
    expect(desk.today).toBe(TODAY);
    expect(desk.sections.length).toBeGreaterThan(0);
    const empty = desk.sections.filter((s) => s.count === 0).map((s) => s.key);
    expect(empty, `sections vides pour ${login}`).toEqual([]);
    for (const s of desk.sections) expect(s.rows.length, `${login} / ${s.key}`).toBeGreaterThan(0);
  });

  it.each(ROLES.filter((r) => r !== 'admin'))('%s: each work list has rows', async (login) => {
    // The EP secretary reads every dossier of the MDS; the administrator's desk has no work list.
    for (const list of Object.keys(WORKLISTS) as WorklistKind[]) {
      if (list === 'fiches_envoyees' && !login.startsWith('referent')) continue;
      const { total, rows } = await h.ok('worklists.list', { list }, as(login));
      expect(total, `${login} / ${list}`).toBeGreaterThan(0);
      expect(rows.length).toBeGreaterThan(0);
    }
  });
});

describe('the demo’s échéancier', () => {
  const coverage = async (login: string) => {
    const kinds = new Set<string>();
    const severities = new Set<string>();
    for (const kind of ECHEANCE_KINDS) {
      const { total } = await h.ok('echeancier.list', { filter: { kinds: [kind] }, limit: 1 }, as(login));
      if (total > 0) kinds.add(kind);
    }
    for (const severity of SEVERITIES) {
      const { total } = await h.ok('echeancier.list', { filter: { severities: [severity] }, limit: 1 }, as(login));
      if (total > 0) severities.add(severity);
    }
    return { kinds, severities };
  };

  it.each(['referent1', 'correspondant1'])('%s: every kind and every severity appears', async (login) => {
    const { kinds, severities } = await coverage(login);
    expect([...kinds].sort()).toEqual(ECHEANCE_KINDS.filter((k) => !NOT_IN_DEMO.includes(k)).sort());
    expect([...severities].sort()).toEqual([...SEVERITIES].sort());
  });

  it.each(REFERENTS)('%s: late, urgent and coming items, a rendez-vous today', async (login) => {
    const { severities } = await coverage(login);
    expect([...severities]).toEqual(expect.arrayContaining(['en_retard', 'a_venir', 'info']));
    const today = await h.ok('echeancier.list', { filter: { kinds: ['rendez_vous'], from: TODAY, to: TODAY } }, as(login));
    expect(today.total).toBe(1);
    expect(today.items[0]?.severity).toBe('urgent');
  });

  it('is dated relative to today: nothing is computed for another day, the badge counts late and urgent items', async () => {
    const list = await h.ok('echeancier.list', { limit: 1 }, as('referent1'));
    expect(list.computedFor).toBe(TODAY);
    const badge = await h.ok('desk.badge', {}, as('referent1'));
    expect(badge.enRetard).toBeGreaterThan(0);
    expect(badge.urgent).toBeGreaterThan(0);
  });
});

describe('the demo’s rendez-vous', () => {
  const personByCaf = async (caf: string) => {
    const hits = await h.ok('dossiers.search', { query: caf }, as('referent1'));
    const hit = hits.find((x) => x.cafNumber === caf);
    if (!hit) throw new Error(`dossier ${caf} introuvable`);
    return hit.personId;
  };

  it('two unexcused absences: the suspension fiche is proposed with both convocation letters', async () => {
    const personId = await personByCaf(demoParcoursCafNumber(0, 'echu_sans_renouvellement'));
    const proposal = await h.ok('appointments.suspensionProposal', { personId }, as('referent1'));
    expect(proposal?.absences.map((a) => a.date)).toEqual([addDaysIso(TODAY, -24), addDaysIso(TODAY, -10)]);
    expect(proposal?.convocations).toHaveLength(2);
  });

  it('two past rendez-vous, their letters printed, await their presence (for the end-to-end test)', async () => {
    const personId = await personByCaf(demoParcoursCafNumber(0, 'pole_emploi_sans_ede'));
    const { past, upcoming } = await h.ok('appointments.listForDossier', { personId }, as('referent1'));
    expect(upcoming).toEqual([]);
    expect(past.map((a) => [a.date, a.outcome, a.convocationDocumentId !== null])).toEqual([
      [addDaysIso(TODAY, -7), null, true],
      [addDaysIso(TODAY, -21), null, true],
    ]);
    expect(past.every((a) => a.allowedActions.includes('presence'))).toBe(true);
  });
});
