/**
 * Rendez-vous and convocations through the API: planning (never in the past, only the dossier's référent or the
 * SLAI), the convocation letter archived like every document, présence recorded on or after the date, and two
 * unexcused absences in a row → a proposed draft fiche « demande de suspension » with the convocation letters
 * attached, whose bytes are the archived letters.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppointmentView } from '../../../shared/api/appointments';
import { contractsWorld, everyTable, expectNothingWritten, sessions, type ContractsWorld } from './contracts-fixtures';
import { ADMIN, PASSWORDS, startHarness, type Harness } from './harness';

let h: Harness;
let w: ContractsWorld;
let s: ReturnType<typeof sessions>;

/** Moves the clock to `day` (sessions expire meanwhile: everyone logs in again). */
async function setToday(day: string) {
  h.clock.now = new Date(`${day}T09:00:00.000Z`);
  const login = async (name: string, password: string) => (await h.ok('auth.login', { login: name, password })).session;
  s.admin = await login(ADMIN.login, ADMIN.password);
  s.corr = await login('cora', PASSWORDS.correspondant);
  s.sec = await login('sam', PASSWORDS.secretaire);
  s.refA = await login('remi', PASSWORDS.referentA);
  s.refB = await login('berthe', PASSWORDS.referentB);
}
const rdv = (date: string, object = 'Point d’étape du contrat') => ({ date, time: '09:30', place: 'MDS de l’Arrageois, bureau 2', object, withConvocation: true });
const sha = (base64: string) => createHash('sha256').update(Buffer.from(base64, 'base64')).digest('hex');

beforeAll(async () => {
  h = await startHarness();
  w = await contractsWorld(h);
  s = sessions(w.staff);
}, 120_000);
afterAll(async () => {
  await h?.dispose();
});

/** Plans a rendez-vous on `date` (today is set to `plannedOn`), prints its convocation, then records `outcome` on the day. */
async function heldRendezVous(personId: number, plannedOn: string, date: string, outcome: 'present' | 'absent_excuse' | 'absent_non_excuse') {
  await setToday(plannedOn);
  const a = await h.ok('appointments.plan', { personId, ...rdv(date) }, s.refA);
  const printed = await h.ok('appointments.printConvocation', { appointmentId: a.id }, s.refA);
  await setToday(date);
  const version = (await h.ok('appointments.listForDossier', { personId }, s.refA)).upcoming.find((x) => x.id === a.id)!.version;
  await h.ok('appointments.recordOutcome', { appointmentId: a.id, version, outcome }, s.refA);
  return { appointment: a, documentId: printed.documentId };
}

describe('planning', () => {
  let planned: AppointmentView;

  it('plans a rendez-vous and lists it as upcoming, journaled', async () => {
    planned = await h.ok('appointments.plan', { personId: w.dA.person.id, ...rdv('2026-03-10') }, s.refA);
    expect(planned).toMatchObject({ date: '2026-03-10', time: '09:30', outcome: null, referent: { id: w.staff.referentA.id, displayName: 'Rémi Référent' } });
    expect(planned.allowedActions).toEqual(['modifier', 'annuler', 'convocation']);
    const list = await h.ok('appointments.listForDossier', { personId: w.dA.person.id }, s.refA);
    expect(list.today).toBe('2026-03-02');
    expect(list.upcoming.map((a) => a.id)).toEqual([planned.id]);
    expect(list.past).toEqual([]);
    const audit = (await everyTable(h)).audit_log as { entity: string; entity_id: string; action: string }[];
    expect(audit.filter((e) => e.entity === 'appointment' && e.entity_id === String(planned.id)).map((e) => e.action)).toEqual(['create']);
  });

  it('refuses a date in the past; nothing written', async () => {
    await expectNothingWritten(h, async () => {
      const e = await h.err('appointments.plan', { personId: w.dA.person.id, ...rdv('2026-03-01') }, 'VALIDATION', s.refA);
      expect(e.fieldErrors).toEqual({ date: 'La date du rendez-vous (01/03/2026) est passée : choisissez aujourd’hui ou une date à venir.' });
      const time = await h.err('appointments.plan', { personId: w.dA.person.id, ...rdv('2026-03-20'), time: '25:00' }, 'VALIDATION', s.refA);
      expect(time.fieldErrors?.time).toMatch(/Heure invalide/);
    });
  });

  it('refuses the référent of another dossier and the EP secretary; the correspondent may plan', async () => {
    await expectNothingWritten(h, async () => {
      await h.err('appointments.plan', { personId: w.dA.person.id, ...rdv('2026-03-20') }, 'FORBIDDEN', s.refB);
      await h.err('appointments.plan', { personId: w.dA.person.id, ...rdv('2026-03-20') }, 'FORBIDDEN', s.sec);
      await h.err('appointments.listForDossier', { personId: w.dA.person.id }, 'FORBIDDEN', s.refB);
      await h.err('appointments.cancel', { appointmentId: planned.id, version: planned.version, reason: 'Empêchement' }, 'FORBIDDEN', s.refB);
    });
    const byCorrespondent = await h.ok('appointments.plan', { personId: w.dA.person.id, ...rdv('2026-03-25', 'Bilan') }, s.corr);
    // The dossier's référent holds it, whoever planned it.
    expect(byCorrespondent.referent?.id).toBe(w.staff.referentA.id);
    const cancelled = await h.ok('appointments.cancel', { appointmentId: byCorrespondent.id, version: byCorrespondent.version, reason: 'Doublon' }, s.refA);
    expect(cancelled).toMatchObject({ cancelReason: 'Doublon', allowedActions: [] });
    const list = await h.ok('appointments.listForDossier', { personId: w.dA.person.id }, s.sec);
    expect(list.past.map((a) => a.id)).toEqual([byCorrespondent.id]);
    expect(list.upcoming.every((a) => a.allowedActions.length === 0)).toBe(true);
  });

  it('refuses the présence before the date; changes the rendez-vous until it takes place', async () => {
    const e = await h.err('appointments.recordOutcome', { appointmentId: planned.id, version: planned.version, outcome: 'present' }, 'RULE', s.refA);
    expect(e.fieldErrors?.outcome).toMatch(/n’a pas encore eu lieu/);
    const moved = await h.ok('appointments.update', { appointmentId: planned.id, version: planned.version, ...rdv('2026-03-11'), time: '14:00' }, s.refA);
    expect(moved).toMatchObject({ date: '2026-03-11', time: '14:00', version: planned.version + 1 });
    await h.err('appointments.update', { appointmentId: planned.id, version: planned.version, ...rdv('2026-03-12') }, 'CONFLICT', s.refA);
    await setToday('2026-03-12');
    await h.err('appointments.update', { appointmentId: planned.id, version: moved.version, ...rdv('2026-03-20') }, 'RULE', s.refA);
    await h.err('appointments.cancel', { appointmentId: planned.id, version: moved.version, reason: 'Trop tard' }, 'RULE', s.refA);
    const present = await h.ok('appointments.recordOutcome', { appointmentId: planned.id, version: moved.version, outcome: 'present', note: 'Venue avec sa fille' }, s.refA);
    expect(present).toMatchObject({ outcome: 'present', outcomeLabel: 'Présent', outcomeNote: 'Venue avec sa fille' });
  });

  it('prefills the contract’s « prochains rendez-vous » with the rendez-vous planned', async () => {
    await setToday('2026-03-12');
    await h.ok('appointments.plan', { personId: w.dA.person.id, ...rdv('2026-04-02') }, s.refA);
    const prefill = await h.ok('contracts.prefill', { personId: w.dA.person.id }, s.refA);
    expect(prefill.prochainsRendezVous).toEqual(['2026-04-02']);
  });
});

describe('convocation letter', () => {
  it('is archived once: printing again returns the same archived document', async () => {
    await setToday('2026-03-12');
    const a = await h.ok('appointments.plan', { personId: w.dB.person.id, ...rdv('2026-03-19') }, s.refB);
    const first = await h.ok('appointments.printConvocation', { appointmentId: a.id }, s.refB);
    const again = await h.ok('appointments.printConvocation', { appointmentId: a.id }, s.refB);
    expect(first.reprint).toBe(false);
    expect(again).toEqual({ ...first, reprint: true });
    const file = await h.ok('documents.get', { id: first.documentId }, s.refB);
    expect(file.document).toMatchObject({ kind: 'convocation', sourceEntity: 'appointment', sourceId: a.id, personId: w.dB.person.id });
    expect(sha(file.base64)).toBe(first.sha256);
    const list = await h.ok('appointments.listForDossier', { personId: w.dB.person.id }, s.refB);
    expect(list.upcoming[0]?.convocationDocumentId).toBe(first.documentId);
    await h.err('appointments.printConvocation', { appointmentId: a.id }, 'FORBIDDEN', s.refA);
  });
});

describe('two unexcused absences in a row', () => {
  it('one excused absence in between: no proposal', async () => {
    const personId = w.dNone.person.id;
    await heldRendezVous(personId, '2026-03-02', '2026-03-03', 'absent_non_excuse');
    await heldRendezVous(personId, '2026-03-03', '2026-03-04', 'absent_excuse');
    expect(await h.ok('appointments.suspensionProposal', { personId }, s.refA)).toBeNull();
    await heldRendezVous(personId, '2026-03-04', '2026-03-05', 'absent_non_excuse');
    expect(await h.ok('appointments.suspensionProposal', { personId }, s.refA)).toBeNull();
  });

  it('proposes a pre-filled fiche; accepting makes a draft with the archived convocation letters attached', async () => {
    const personId = w.dA.person.id;
    expect(await h.ok('appointments.suspensionProposal', { personId }, s.refA)).toBeNull();
    const one = await heldRendezVous(personId, '2026-04-01', '2026-04-06', 'absent_non_excuse');
    expect(await h.ok('appointments.suspensionProposal', { personId }, s.refA)).toBeNull();
    const two = await heldRendezVous(personId, '2026-04-07', '2026-04-13', 'absent_non_excuse');
    const proposal = await h.ok('appointments.suspensionProposal', { personId }, s.refA);
    expect(proposal).toEqual({
      absences: [
        { appointmentId: one.appointment.id, date: '2026-04-06', time: '09:30', object: 'Point d’étape du contrat' },
        { appointmentId: two.appointment.id, date: '2026-04-13', time: '09:30', object: 'Point d’étape du contrat' },
      ],
      fiche: {
        type: 'suspension',
        date: '2026-04-13',
        motif: 'autres',
        motifLabel: 'Autres',
        motifPrecision:
          'Non-respect de l’obligation de répondre aux convocations du référent : absences non excusées aux rendez-vous du 06/04/2026 à 09 h 30 (Point d’étape du contrat) et du 13/04/2026 à 09 h 30 (Point d’étape du contrat).',
      },
      convocations: [
        { appointmentId: one.appointment.id, documentId: one.documentId, fileName: 'Convocation MARTIN 2026-04-06.pdf', letterDate: '2026-04-01' },
        { appointmentId: two.appointment.id, documentId: two.documentId, fileName: 'Convocation MARTIN 2026-04-13.pdf', letterDate: '2026-04-07' },
      ],
      withoutConvocation: [],
    });
    const ids = [two.appointment.id, one.appointment.id];
    await h.err('appointments.acceptSuspension', { personId, appointmentIds: ids }, 'FORBIDDEN', s.refB);
    await h.err('appointments.acceptSuspension', { personId, appointmentIds: ids }, 'FORBIDDEN', s.sec);
    const { ficheId } = await h.ok('appointments.acceptSuspension', { personId, appointmentIds: ids }, s.refA);

    const fiche = await h.ok('fiches.get', { ficheId }, s.refA);
    expect(fiche).toMatchObject({ status: 'brouillon', fiche: { type: 'suspension', date: '2026-04-13', motif: 'autres', motifPrecision: proposal!.fiche.motifPrecision } });
    expect(fiche.attachments.map((a) => [a.kind, a.documentDate, a.label])).toEqual([
      ['convocation', '2026-04-01', 'Convocation au rendez-vous du 06/04/2026'],
      ['convocation', '2026-04-07', 'Convocation au rendez-vous du 13/04/2026'],
    ]);
    for (const [i, attachment] of fiche.attachments.entries()) {
      const archived = await h.ok('documents.get', { id: [one.documentId, two.documentId][i]! }, s.refA);
      const attached = await h.ok('attachments.download', { attachmentId: attachment.id }, s.refA);
      expect(attached.contentBase64).toBe(archived.base64);
      expect(attachment.sha256).toBe(archived.sha256);
    }
    // The référent decides: the draft waits for their signature; the absences are now tied to it.
    expect(fiche.missing.join(' ')).toMatch(/signature/i);
    expect(await h.ok('appointments.suspensionProposal', { personId }, s.refA)).toBeNull();
    const past = (await h.ok('appointments.listForDossier', { personId }, s.refA)).past;
    const absent = past.find((a) => a.id === two.appointment.id)!;
    expect(absent).toMatchObject({ suspensionFicheId: ficheId });
    expect(absent.allowedActions).not.toContain('presence');
    await h.err('appointments.recordOutcome', { appointmentId: absent.id, version: absent.version, outcome: 'absent_excuse' }, 'RULE', s.refA);
    await h.err('appointments.acceptSuspension', { personId, appointmentIds: ids }, 'CONFLICT', s.refA);
    const audit = (await everyTable(h)).audit_log as { entity: string; entity_id: string; action: string; after_json: string }[];
    expect(audit.filter((e) => e.entity === 'appointment' && e.entity_id === String(two.appointment.id) && e.after_json.includes(`"suspensionFicheId":${ficheId}`))).toHaveLength(1);

    // Deleting the draft frees the absences: the proposal comes back.
    await h.ok('fiches.deleteDraft', { ficheId, version: fiche.version }, s.refA);
    expect((await h.ok('appointments.suspensionProposal', { personId }, s.refA))?.absences.map((a) => a.appointmentId)).toEqual([one.appointment.id, two.appointment.id]);
  });
});
