/**
 * Live events (issue 14 §4), App side: one event after the COMMIT of each data-changing write, with its audience (the
 * actor's MDS; the actor and the référents / correspondents of the dossier named); none for a refused write; and
 * `live.poll`, the polling fallback.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eventVisibleTo, type LiveEvent } from '../../../main/app';
import { dossierInput, startServerHarness, type Harness, type Staff } from './harness';

let h: Harness;
let staff: Staff;
let events: LiveEvent[];
beforeEach(async () => {
  ({ h, staff } = await startServerHarness());
  events = [];
  h.app.events.subscribe((event) => events.push(event));
}, 60_000);
afterEach(async () => {
  await h?.dispose();
});

describe('live events', () => {
  it('a dossier written reaches the MDS, the actor and its référent and correspondent; nothing else is sent', async () => {
    const mdsId = (await h.ok('mds.get', {}, staff.admin.session)).id;
    const dossier = await h.ok(
      'dossiers.create',
      dossierInput({ referentId: staff.referentA.id, correspondantId: staff.correspondant.id }),
      staff.admin.session,
    );
    expect(events).toHaveLength(1);
    const [event] = events;
    expect(event).toEqual({ seq: expect.any(Number), kind: 'dossier', mdsIds: [mdsId], userIds: expect.any(Array) });
    expect([...event!.userIds].sort()).toEqual([staff.admin.id, staff.referentA.id, staff.correspondant.id].sort());
    // The event names no person: only numbers and a kind.
    expect(JSON.stringify(event)).not.toMatch(/DURAND|Claire|\d{7}/);

    // Reads, drafts and refused writes publish nothing.
    await h.ok('dossiers.get', { personId: dossier.person.id }, staff.referentA.session);
    await h.ok('drafts.save', { key: 'brouillon', data: { a: 1 } }, staff.referentA.session);
    await h.err('dossiers.create', dossierInput(), 'FORBIDDEN', staff.secretaire.session);
    await h.err('dossiers.create', { ...dossierInput(), person: undefined } as never, 'VALIDATION', staff.admin.session);
    expect(events).toHaveLength(1);
  });

  it('live.poll answers the latest sequence number the caller may see', async () => {
    expect(await h.ok('live.poll', { after: 0 }, staff.referentB.session)).toEqual({ seq: 0 });
    await h.ok('dossiers.create', dossierInput({ referentId: staff.referentA.id }), staff.referentA.session);
    const seq = events.at(-1)!.seq;
    for (const who of [staff.referentA, staff.referentB, staff.secretaire]) expect(await h.ok('live.poll', { after: 0 }, who.session)).toEqual({ seq });
    await h.err('live.poll', { after: 0 }, 'UNAUTHENTICATED');
    // A host filters per session with sessionInfo + eventVisibleTo.
    const viewer = h.app.sessionInfo(staff.referentB.session)!;
    expect(eventVisibleTo(events.at(-1)!, viewer)).toBe(true);
    expect(eventVisibleTo(events.at(-1)!, { ...viewer, mdsId: viewer.mdsId + 1 })).toBe(false);
  });

  it('polling does not keep an idle session alive (the client polls, the user does not act)', async () => {
    // 20 minutes after the login, both poll; only the correspondent also reads a screen.
    h.clock.advanceMinutes(20);
    await h.ok('live.poll', { after: 0 }, staff.referentB.session);
    await h.ok('live.poll', { after: 0 }, staff.correspondant.session);
    await h.ok('mds.get', {}, staff.correspondant.session);
    // 35 minutes after the login: the référent's 30 minutes of inactivity are over, polls or not.
    h.clock.advanceMinutes(15);
    await h.err('live.poll', { after: 0 }, 'UNAUTHENTICATED', staff.referentB.session);
    expect(await h.ok('live.poll', { after: 0 }, staff.correspondant.session)).toEqual({ seq: 0 });
  });
});
