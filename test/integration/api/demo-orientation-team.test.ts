/**
 * The demo's équipe d'orientation, seeded into a real app: one batch of préconisations, one decision that differs
 * from its préconisation with the reason, one dossier (EDE between the thresholds) still awaiting its préconisation.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, seedDemo } from '../../../main/demo/seed';
import { DEMO_EO_TEAM } from '../../../main/demo/orientation-team';
import { startHarness, type Harness } from './harness';

let h: Harness | undefined;
afterEach(async () => {
  await h?.dispose();
  h = undefined;
});

describe('demo data: the équipe d’orientation', () => {
  it('has a batch of préconisations, a decision differing with its reason, and a dossier awaiting its préconisation', async () => {
    h = await startHarness();
    await seedDemo(h.app, { foyers: 1, orientationTeam: true, epToday: '2026-03-02' });
    const { session } = await h.ok('auth.login', { login: 'correspondant1', password: DEMO_PASSWORD });
    const awaiting = await h.ok('orientation.awaiting', {}, session);
    const waiting = awaiting.filter((a) => a.ede !== null && a.proposal === null && a.preconisation === null);
    expect(waiting).toHaveLength(1);
    expect(waiting[0]!.ede?.total).toBe(28);

    const decided: number[] = [];
    for (const caf of ['9910010', '9910011', '9910012']) {
      const hits = await h.ok('dossiers.search', { query: caf }, session);
      decided.push(...hits.filter((hit) => hit.cafNumber === caf).map((hit) => hit.personId));
    }
    // Three foyers (with a conjoint, possibly: same CAF number).
    expect(decided.length).toBeGreaterThanOrEqual(3);
    expect(decided).toContain(waiting[0]!.personId);
    const periods = (await Promise.all(decided.map((personId) => h!.ok('orientation.current', { personId }, session)))).filter((p) => p !== null);
    expect(periods).toHaveLength(2);
    const batchIds = new Set(periods.map((p) => p.preconisation?.batchId));
    expect(batchIds.size).toBe(1);
    expect(periods.every((p) => p.preconisation?.team === DEMO_EO_TEAM)).toBe(true);
    const differing = periods.find((p) => p.divergenceReason !== null);
    expect(differing).toMatchObject({ orientation: 'solidarite', preconisation: { preconisation: 'professionnelle_autre' } });
    expect(differing?.divergenceReason).toMatch(/Hébergement précaire/);
  });
});
