/**
 * Issue 11: the demo lets a new user run an EP session end to end — saisines waiting in the queue (a suspension with
 * its convocation letters, a réorientation), a session with its cases inscribed, and one whose avis awaits the
 * Président's decision, which the secretary can then record.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, seedDemo } from '../../../main/demo/seed';
import { TODAY } from './ep-fixtures';
import { startHarness, type Harness } from './harness';

let h: Harness | undefined;
afterEach(async () => {
  await h?.dispose();
  h = undefined;
});

describe('the demo’s EP cases', () => {
  it('has a queue, a session inscribed and an avis awaiting the Président’s decision', async () => {
    h = await startHarness();
    const today = TODAY; // the harness's clock
    await seedDemo(h.app, { foyers: 2, epCases: true, epToday: today });
    const { session } = await h.ok('auth.login', { login: 'secretaire', password: DEMO_PASSWORD });

    const queue = await h.ok('ep.queue', {}, session);
    expect(queue.map((q) => q.origin).sort()).toEqual(['fiche_reorientation', 'fiche_suspension']);
    expect(queue.find((q) => q.origin === 'fiche_suspension')?.documents.filter((d) => d.kind === 'convocation')).toHaveLength(2);

    const sessions = await h.ok('ep.sessions.list', {}, session);
    expect(sessions.map((s) => s.status).sort()).toEqual(['avis_rendus', 'dossiers_inscrits']);
    expect(sessions.find((s) => s.status === 'dossiers_inscrits')?.cases).toBe(2);

    const held = await h.ok('ep.sessions.get', { sessionId: sessions.find((s) => s.status === 'avis_rendus')!.id }, session);
    const item = held.items[0]!;
    expect(item.avis?.sens).toBe('favorable');
    expect(item.decision).toBeNull();
    const decided = await h.ok(
      'ep.sessions.recordDecision',
      { sessionId: held.id, itemId: item.itemId, date: today, sens: 'favorable', signatoryName: 'Claire Delattre', signatoryFunction: 'Chef du Service Local Allocation Insertion' },
      session,
    );
    expect(decided.items[0]!.decision?.effect).toBe('demarrer_sanction');
  });
});
