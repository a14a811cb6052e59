/**
 * The demo's fiches de liaison with a Président's part (main/demo/fiche-cases.ts), seeded into a real app: an
 * actions CG fiche agreed by the Président with the structure designated, an avenant awaiting his decision.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_DESIGNATED_STRUCTURE } from '../../../main/demo/fiche-cases';
import { DEMO_PASSWORD, seedDemo } from '../../../main/demo/seed';
import { startHarness, type Harness } from './harness';

let h: Harness | undefined;
afterEach(async () => {
  await h?.dispose();
  h = undefined;
});

describe('demo fiches with the Président’s part', () => {
  it('an actions CG fiche agreed with its structure, an avenant waiting for the Président', async () => {
    h = await startHarness();
    await seedDemo(h.app, { foyers: 1, ficheCases: true, epToday: '2026-03-02' });
    const { session } = await h.ok('auth.login', { login: 'correspondant1', password: DEMO_PASSWORD });
    const inbox = await h.ok('fiches.inbox', {}, session);
    const cg = await h.ok('fiches.get', { ficheId: inbox.find((f) => f.type === 'actions_cg')!.id }, session);
    expect(cg).toMatchObject({ awaitingPresident: false, president: { decision: 'accord', structure: DEMO_DESIGNATED_STRUCTURE, signatoryDelegation: 'Par délégation' } });
    const avenant = inbox.find((f) => f.type === 'avenant');
    expect(avenant).toMatchObject({ status: 'acceptee', awaitingPresident: true });
    expect((await h.ok('fiches.get', { ficheId: avenant!.id }, session)).allowedActions).toEqual(['decision_president']);
  }, 120_000);
});
