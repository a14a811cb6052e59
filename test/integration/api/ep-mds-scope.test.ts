/**
 * An EP serves every MDS of its territory, but only what a session needs crosses, and only to the EP's secretariat
 * (the MDS that keeps it): per role, another MDS of the same territory sees its own saisines and cases only, no
 * session-wide paper, and changes nothing of the EP (docs/rules.md, issue 13).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MethodName } from '../../../shared/api/contract';
import { epWorld, withSql, type EpWorld } from './ep-fixtures';
import { startHarness, type Harness } from './harness';

let h: Harness;
let w: EpWorld;
const other: Record<'correspondant' | 'secretaire_ep' | 'administrateur', string> = { correspondant: '', secretaire_ep: '', administrateur: '' };
let sessionId = 0;

beforeAll(async () => {
  h = await startHarness();
  w = await epWorld(h);
  const admin = w.staff.admin.session;
  // A second MDS in the same territory, with its own correspondant, secrétaire EP and administrateur.
  const created: Record<string, number> = {};
  for (const role of ['correspondant', 'secretaire_ep', 'administrateur'] as const) {
    const login = `autre-${role.replace('_', '-')}`;
    const user = await h.ok('users.create', { login, displayName: `Autre ${role}`, role, structure: 'MDS de Bapaume', password: 'autre-mot-de-passe-1' }, admin);
    created[role] = user.id;
  }
  await withSql(h, (sqlite) => {
    const mdsId = Number(sqlite.prepare("INSERT INTO mds (name, territory) VALUES ('MDS de Bapaume', 'Arrageois')").run().lastInsertRowid);
    for (const id of Object.values(created)) sqlite.prepare('UPDATE users SET mds_id = ? WHERE id = ?').run(mdsId, id);
    // The CERS-at-12-months dossier belongs to the second MDS.
    sqlite.prepare('UPDATE foyers SET mds_id = ? WHERE id = ?').run(mdsId, w.cers.foyer.id);
  });
  for (const role of ['correspondant', 'secretaire_ep', 'administrateur'] as const) {
    other[role] = (await h.ok('auth.login', { login: `autre-${role.replace('_', '-')}`, password: 'autre-mot-de-passe-1' })).session;
  }
  // The secretariat (MDS de l’Arrageois) inscribes the three saisines, the other MDS's one included.
  const session = await h.ok('ep.sessions.create', { date: '2026-03-20', place: 'Salle du conseil', startTime: '09:00', casesPerSlot: 2, slotMinutes: 30 }, w.staff.secretaire.session);
  sessionId = session.id;
  await h.ok('ep.sessions.addSaisines', { sessionId, saisineIds: [w.saisines.reo, w.saisines.susp, w.saisines.cers] }, w.staff.secretaire.session);
}, 180_000);
afterAll(async () => {
  await h?.dispose();
});

const names = (s: { items: { person: { nomPatronymique: string } }[] }) => s.items.map((i) => i.person.nomPatronymique).sort();

describe('EP across the MDS of a territory', () => {
  it('the secretariat sees every case; each role of the other MDS only its own', async () => {
    const whole = await h.ok('ep.sessions.get', { sessionId }, w.staff.secretaire.session);
    expect(whole.items).toHaveLength(3);
    expect((await h.ok('ep.sessions.get', { sessionId }, w.staff.correspondant.session)).items).toHaveLength(3);
    for (const role of Object.keys(other) as (keyof typeof other)[]) {
      const seen = await h.ok('ep.sessions.get', { sessionId }, other[role]);
      expect(names(seen), role).toEqual([whole.items.find((i) => i.person.personId === w.cers.person.id)!.person.nomPatronymique]);
      // The session itself (date, place, count) is shared.
      const list = await h.ok('ep.sessions.list', {}, other[role]);
      expect(list.map((s) => s.id)).toContain(sessionId);
    }
  });

  it('the queue: the whole territory for the secretariat, the own MDS elsewhere (no names nor CAF numbers of another MDS)', async () => {
    // Take the CERS case back to the queue to look at it there.
    const s = await h.ok('ep.sessions.get', { sessionId }, w.staff.secretaire.session);
    const item = s.items.find((i) => i.person.personId === w.cers.person.id)!;
    await h.ok('ep.sessions.removeItem', { sessionId, itemId: item.itemId, status: 'reporte', reason: 'Dossier incomplet' }, w.staff.secretaire.session);
    const keeper = await h.ok('ep.queue', {}, w.staff.secretaire.session);
    expect(keeper.map((q) => q.person.personId)).toContain(w.cers.person.id);
    for (const role of Object.keys(other) as (keyof typeof other)[]) {
      const q = await h.ok('ep.queue', {}, other[role]);
      expect(q.map((x) => x.person.personId), role).toEqual([w.cers.person.id]);
    }
    await h.ok('ep.sessions.addSaisines', { sessionId, saisineIds: [w.saisines.cers] }, w.staff.secretaire.session);
  });

  it('session-wide papers and every change of the EP are refused to the other MDS', async () => {
    const s = await h.ok('ep.sessions.get', { sessionId }, w.staff.secretaire.session);
    const reads: [MethodName, object][] = [
      ['ep.sessions.file', { sessionId }],
      ['ep.sessions.convocations', { sessionId }],
      ['ep.sessions.minutes', { sessionId }],
    ];
    for (const role of Object.keys(other) as (keyof typeof other)[]) {
      for (const [method, input] of reads) await h.err(method, input as never, 'FORBIDDEN', other[role]);
      const theirs = s.items.find((i) => i.person.personId === w.reo.person.id)!;
      // A decision letter of a case of another MDS is not on this caller's ordre du jour.
      await h.err('ep.sessions.decisionLetter', { sessionId, itemId: theirs.itemId }, 'NOT_FOUND', other[role]);
    }
    for (const role of ['secretaire_ep', 'administrateur'] as const) {
      const writes: [MethodName, object][] = [
        ['ep.save', { name: 'Autre nom' }],
        ['ep.addMember', { name: 'Intrus', function: 'Conseiller', organisation: 'caf' }],
        ['ep.removeMember', { memberId: w.ep.members[0]!.id }],
        ['ep.sessions.create', { date: '2026-04-10', place: 'Bapaume', startTime: '09:00', casesPerSlot: 2, slotMinutes: 30 }],
        ['ep.sessions.update', { sessionId, version: s.version, date: '2026-03-21', place: 'Ailleurs', startTime: '10:00', casesPerSlot: 2, slotMinutes: 30 }],
        ['ep.sessions.assignSlots', { sessionId, version: s.version }],
      ];
      for (const [method, input] of writes) await h.err(method, input as never, 'FORBIDDEN', other[role]);
    }
    // Nothing changed.
    const after = await h.ok('ep.sessions.get', { sessionId }, w.staff.secretaire.session);
    expect(after.version).toBe(s.version);
    expect((await h.ok('ep.get', {}, w.staff.secretaire.session))?.name).toBe(w.ep.name);
  });
});
