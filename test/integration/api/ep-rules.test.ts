/**
 * The EP's refusals: a saisine in two sessions, a decision before the avis, a session of another territory,
 * state transitions out of order, the roles — each refused with a French message and nothing written.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EpSession } from '../../../shared/api/ep';
import { epWorld, moveToOtherTerritory, SIGNATORY, TODAY, type EpWorld } from './ep-fixtures';
import { startHarness, type Harness } from './harness';
import { allTablesState } from './interview-fixtures';

let h: Harness;
let w: EpWorld;
const sec = () => w.staff.secretaire.session;
const place = 'MDS de l’Arrageois';
const newSession = (date = TODAY) => h.ok('ep.sessions.create', { date, place, startTime: '09:00' }, sec());
const itemOf = (s: EpSession, saisineId: number) => s.items.find((i) => i.saisineId === saisineId && i.status === 'inscrit')!;

beforeAll(async () => {
  h = await startHarness();
  w = await epWorld(h);
});
afterAll(async () => {
  await h.dispose();
});

describe('EP: refusals', () => {
  it('refuses to inscribe a saisine in a second session, and writes nothing', async () => {
    const first = await newSession();
    await h.ok('ep.sessions.addSaisines', { sessionId: first.id, saisineIds: [w.saisines.reo] }, sec());
    const second = await newSession('2026-03-20');
    const before = await allTablesState(h);
    const error = await h.err('ep.sessions.addSaisines', { sessionId: second.id, saisineIds: [w.saisines.susp, w.saisines.reo] }, 'CONFLICT', sec());
    expect(error.message).toBe('La saisine de LEBRUN Lucie est déjà inscrite à la séance du 02/03/2026 : retirez-la ou reportez-la d’abord.');
    expect(await allTablesState(h)).toEqual(before);
    await h.err('ep.sessions.addSaisines', { sessionId: first.id, saisineIds: [w.saisines.reo] }, 'CONFLICT', sec());
    // The same saisine twice in one request.
    await h.err('ep.sessions.addSaisines', { sessionId: second.id, saisineIds: [w.saisines.susp, w.saisines.susp] }, 'VALIDATION', sec());

    // Postponed, it goes back to the queue with the reason, and may then go to the other session.
    const postponed = await h.ok(
      'ep.sessions.removeItem',
      { sessionId: first.id, itemId: itemOf(await h.ok('ep.sessions.get', { sessionId: first.id }, sec()), w.saisines.reo).itemId, status: 'reporte', reason: 'Bénéficiaire hospitalisée' },
      sec(),
    );
    expect(postponed.items.find((i) => i.saisineId === w.saisines.reo)).toMatchObject({ status: 'reporte', removalReason: 'Bénéficiaire hospitalisée' });
    const queue = await h.ok('ep.queue', {}, sec());
    expect(queue.find((q) => q.saisineId === w.saisines.reo)!.lastRemoval).toMatchObject({ status: 'reporte', reason: 'Bénéficiaire hospitalisée', sessionDate: TODAY });
    const moved = await h.ok('ep.sessions.addSaisines', { sessionId: second.id, saisineIds: [w.saisines.reo] }, sec());
    expect(moved.items.map((i) => i.saisineId)).toEqual([w.saisines.reo]);
    expect((await h.ok('ep.queue', {}, sec())).some((q) => q.saisineId === w.saisines.reo)).toBe(false);
  });

  it('refuses state transitions out of order', async () => {
    const s = await newSession();
    const transitionError = (to: EpSession['status']) => h.err('ep.sessions.advance', { sessionId: s.id, to }, 'RULE', sec());
    expect((await transitionError('convocations_envoyees')).message).toMatch(/l’étape suivante est « Dossiers inscrits »/);
    expect((await transitionError('dossiers_inscrits')).message).toBe('Inscrivez au moins un dossier à l’ordre du jour.');
    await h.ok('ep.sessions.addSaisines', { sessionId: s.id, saisineIds: [w.saisines.cers] }, sec());
    await h.ok('ep.sessions.advance', { sessionId: s.id, to: 'dossiers_inscrits' }, sec());
    await transitionError('creee');
    await transitionError('tenue');
    await transitionError('dossiers_inscrits');
    await h.ok('ep.sessions.advance', { sessionId: s.id, to: 'convocations_envoyees' }, sec());
    // Avis only once the session is held; the avis step needs the attendance and every avis.
    const session = await h.ok('ep.sessions.get', { sessionId: s.id }, sec());
    await h.err('ep.sessions.recordAvis', { sessionId: s.id, itemId: itemOf(session, w.saisines.cers).itemId, date: TODAY, sens: 'favorable', motivation: 'x' }, 'RULE', sec());
    await h.ok('ep.sessions.advance', { sessionId: s.id, to: 'tenue' }, sec());
    const blocked = await transitionError('avis_rendus');
    expect(blocked.message).toMatch(/Relevez la présence de chaque membre/);

    // A session dated later cannot be held today.
    const later = await newSession('2026-03-20');
    await h.ok('ep.sessions.addSaisines', { sessionId: later.id, saisineIds: [w.saisines.susp] }, sec());
    await h.ok('ep.sessions.advance', { sessionId: later.id, to: 'dossiers_inscrits' }, sec());
    await h.ok('ep.sessions.advance', { sessionId: later.id, to: 'convocations_envoyees' }, sec());
    const before = await allTablesState(h);
    expect((await h.err('ep.sessions.advance', { sessionId: later.id, to: 'tenue' }, 'RULE', sec())).message).toBe(
      'La séance ne peut pas être déclarée tenue avant sa date.',
    );
    expect(await allTablesState(h)).toEqual(before);
  });

  it('refuses a decision before the avis, or dated before it, and writes nothing', async () => {
    const list = await h.ok('ep.sessions.list', {}, sec());
    const held = list.find((s) => s.status === 'tenue')!;
    let session = await h.ok('ep.sessions.get', { sessionId: held.id }, sec());
    const itemId = itemOf(session, w.saisines.cers).itemId;
    const decision = {
      sessionId: held.id,
      itemId,
      date: TODAY,
      sens: 'favorable' as const,
      orientation: 'professionnelle_pole_emploi' as const,
      organismeReferentId: w.organismes.pe.id,
      correspondantId: w.staff.correspondant.id,
      ...SIGNATORY,
    };
    const before = await allTablesState(h);
    const noAvis = await h.err('ep.sessions.recordDecision', decision, 'RULE', sec());
    expect(noAvis.message).toBe('Le Président décide après l’avis de l’équipe pluridisciplinaire : l’avis manque.');
    expect(await allTablesState(h)).toEqual(before);

    session = await h.ok('ep.sessions.recordAvis', { sessionId: held.id, itemId, date: TODAY, sens: 'favorable', motivation: 'Passage vers Pôle Emploi.' }, sec());
    expect(itemOf(session, w.saisines.cers).avis).not.toBeNull();
    const afterAvis = await allTablesState(h);
    const early = await h.err('ep.sessions.recordDecision', { ...decision, date: '2026-03-01' }, 'RULE', sec());
    expect(early.fieldErrors?.date).toBe('La décision du Président ne peut pas précéder l’avis de l’équipe pluridisciplinaire (02/03/2026).');
    expect(await allTablesState(h)).toEqual(afterAvis);
    // A second avis on the same case is refused.
    await h.err('ep.sessions.recordAvis', { sessionId: held.id, itemId, date: TODAY, sens: 'defavorable', motivation: 'Autre avis.' }, 'RULE', sec());
    // Without its signatory (name and function), the decision is refused and nothing changes.
    const noSignatory = await h.err('ep.sessions.recordDecision', { ...decision, signatoryName: '', signatoryFunction: ' ' }, 'VALIDATION', sec());
    expect(Object.keys(noSignatory.fieldErrors ?? {}).sort()).toEqual(['signatoryFunction', 'signatoryName']);
    expect(await allTablesState(h)).toEqual(afterAvis);
    // The decision then goes through, once.
    await h.ok('ep.sessions.recordDecision', decision, sec());
    await h.err('ep.sessions.recordDecision', decision, 'RULE', sec());
  });

  it('hides a session from a secretary of another territory; correspondents read, référents don’t', async () => {
    const [session] = await h.ok('ep.sessions.list', {}, sec());
    const other = await h.ok('users.create', { login: 'otto', displayName: 'Otto Secrétaire', role: 'secretaire_ep', structure: 'MDS de l’Audomarois', password: 'otto-mot-de-passe' }, w.staff.admin.session);
    await moveToOtherTerritory(h, other.id);
    const { session: otto } = await h.ok('auth.login', { login: 'otto', password: 'otto-mot-de-passe' });
    const denied = await h.err('ep.sessions.get', { sessionId: session!.id }, 'FORBIDDEN', otto);
    expect(denied.message).toBe('Cette séance relève de l’équipe pluridisciplinaire du territoire « Arrageois » : vous ne pouvez ni la consulter ni la modifier.');
    await h.err('ep.sessions.file', { sessionId: session!.id, anonymised: true }, 'FORBIDDEN', otto);
    await h.err('ep.sessions.convocations', { sessionId: session!.id }, 'FORBIDDEN', otto);
    const before = await allTablesState(h);
    await h.err('ep.sessions.addSaisines', { sessionId: session!.id, saisineIds: [w.saisines.susp] }, 'FORBIDDEN', otto);
    expect(await allTablesState(h)).toEqual(before);
    // Their territory has no EP, no sessions, and an empty queue (the saisines are of the Arrageois).
    expect(await h.ok('ep.get', {}, otto)).toBeNull();
    expect(await h.ok('ep.queue', {}, otto)).toEqual([]);
    await h.err('ep.sessions.list', {}, 'NOT_FOUND', otto);

    expect((await h.ok('ep.sessions.get', { sessionId: session!.id }, w.staff.correspondant.session)).id).toBe(session!.id);
    await h.err('ep.sessions.create', { date: TODAY, place, startTime: '09:00' }, 'FORBIDDEN', w.staff.correspondant.session);
    await h.err('ep.sessions.get', { sessionId: session!.id }, 'FORBIDDEN', w.staff.referentA.session);
    await h.err('ep.addMember', { name: 'X', function: 'Y', organisation: 'caf' }, 'FORBIDDEN', w.staff.referentA.session);
  });

  it('keeps one president, a Conseiller général, per EP', async () => {
    const error = await h.err('ep.addMember', { name: 'Autre Élu', function: 'Conseiller général', organisation: 'conseil_general', isPresident: true }, 'RULE', sec());
    expect(error.message).toBe('L’équipe a déjà un président (Jean Conseiller) : retirez-lui d’abord la présidence.');
    await h.err('ep.addMember', { name: 'Agent', function: 'Agent', organisation: 'caf', isPresident: true }, 'RULE', sec());
    const ep = await h.ok('ep.get', {}, w.staff.correspondant.session);
    expect(ep!.president!.name).toBe('Jean Conseiller');
    expect(ep!.members).toHaveLength(5);
  });
});
