/**
 * The EP from saisine to decision: a session with three saisines (réorientation, suspension, CERS at 12 months),
 * slots, convocations, attendance and quorum, avis, the Président's decisions, and their effects on the dossiers
 * (new orientation, sanction schedule). Then the session file as a PDF (pdftotext), full and anonymised.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EpSession } from '../../../shared/api/ep';
import { montantForfaitaire } from '../../../shared/domain/referentials/rsa-amounts';
import { epWorld, SIGNATORY, TODAY, type EpWorld } from './ep-fixtures';
import { startHarness, type Harness } from './harness';

let h: Harness;
let w: EpWorld;
let session: EpSession;
const sec = () => w.staff.secretaire.session;
const item = (saisineId: number) => {
  const found = session.items.find((i) => i.saisineId === saisineId && i.status === 'inscrit');
  if (!found) throw new Error(`saisine ${saisineId} absente de la séance`);
  return found;
};

beforeAll(async () => {
  h = await startHarness();
  w = await epWorld(h);
});
afterAll(async () => {
  await h.dispose();
});

describe('EP: full flow', () => {
  it('lists the three saisines in the queue, nearest deadline first, with their flags and documents', async () => {
    const queue = await h.ok('ep.queue', {}, sec());
    expect(queue.map((q) => q.saisineId)).toEqual([w.saisines.cers, w.saisines.reo, w.saisines.susp]);
    expect(queue.map((q) => q.avisDeadline)).toEqual(['2026-02-25', '2026-03-05', '2026-03-20']);
    // Today is 2 March: 25 February is past, 5 March within 7 days, 20 March later.
    expect(queue.map((q) => q.flag)).toEqual(['en_retard', 'bientot', 'dans_les_temps']);
    expect(queue.map((q) => q.daysLeft)).toEqual([-5, 3, 18]);
    expect(queue[1]!.person.nomPatronymique).toBe('LEBRUN');
    expect(queue[2]!.origin).toBe('fiche_suspension');
    // The suspension's documents: the convocation letters joined to the fiche.
    expect(queue[2]!.documents.map((d) => d.kind)).toEqual(['convocation', 'convocation']);
    // Correspondents read the queue; référents don't.
    expect(await h.ok('ep.queue', {}, w.staff.correspondant.session)).toHaveLength(3);
    await h.err('ep.queue', {}, 'FORBIDDEN', w.staff.referentA.session);
  });

  it('creates the session, inscribes the saisines and assigns the slots (deadline order, lunch break skipped)', async () => {
    session = await h.ok(
      'ep.sessions.create',
      { date: TODAY, place: 'MDS de l’Arrageois, salle du conseil', startTime: '11:00', casesPerSlot: 1, slotMinutes: 40, lunchStart: '12:00', lunchEnd: '13:30' },
      sec(),
    );
    expect(session.status).toBe('creee');
    session = await h.ok('ep.sessions.addSaisines', { sessionId: session.id, saisineIds: [w.saisines.cers, w.saisines.susp, w.saisines.reo] }, sec());
    expect(session.items.map((i) => [i.saisineId, i.position, i.slotStart])).toEqual([
      [w.saisines.cers, 1, '11:00'],
      [w.saisines.reo, 2, '13:30'],
      [w.saisines.susp, 3, '14:10'],
    ]);
    expect(await h.ok('ep.queue', {}, sec())).toEqual([]);
    // A slot is editable.
    session = await h.ok('ep.sessions.setSlot', { sessionId: session.id, itemId: item(w.saisines.susp).itemId, slotStart: '14:30' }, sec());
    expect(item(w.saisines.susp).slotStart).toBe('14:30');
    // Two cases per slot of 30 minutes from 9:00.
    session = await h.ok(
      'ep.sessions.assignSlots',
      { sessionId: session.id, config: { startTime: '09:00', casesPerSlot: 2, slotMinutes: 30, lunchStart: '12:00', lunchEnd: '13:30' } },
      sec(),
    );
    expect(session.items.map((i) => i.slotStart)).toEqual(['09:00', '09:00', '09:30']);
    session = await h.ok('ep.sessions.advance', { sessionId: session.id, to: 'dossiers_inscrits' }, sec());
    expect(session.status).toBe('dossiers_inscrits');
  });

  it('gives the convocations: one per member, an information letter per beneficiary', async () => {
    const conv = await h.ok('ep.sessions.convocations', { sessionId: session.id }, sec());
    expect(conv.members.map((m) => m.name).sort()).toEqual(['Claude Caf', 'Jean Conseiller', 'Marie Solidarité', 'Pierre Emploi', 'Rose Usager']);
    expect(conv.members.find((m) => m.name === 'Claude Caf')!.text).toContain('Dominique Suppléant');
    expect(conv.beneficiaries).toHaveLength(3);
    const lucie = conv.beneficiaries.find((b) => b.personId === w.reo.person.id)!;
    expect(lucie).toMatchObject({ civilite: 'Madame', name: 'LEBRUN Lucie', date: TODAY, time: '09:00', place: 'MDS de l’Arrageois, salle du conseil' });
    expect(lucie.reason).toContain('réorientation');
    expect(lucie.observations).toContain('présenter vos observations');
    expect(lucie.address).toEqual(['3 rue des Lilas', '62000 Arras']);
    session = await h.ok('ep.sessions.advance', { sessionId: session.id, to: 'convocations_envoyees' }, sec());
    expect(session.convocationsSentOn).toBe(TODAY);
    // After the convocations, the ordre du jour is fixed.
    await h.err('ep.sessions.setSlot', { sessionId: session.id, itemId: item(w.saisines.reo).itemId, slotStart: '10:00' }, 'RULE', sec());
    session = await h.ok('ep.sessions.advance', { sessionId: session.id, to: 'tenue' }, sec());
    expect(session.heldOn).toBe(TODAY);
  });

  it('records the attendance and warns when the quorum is not reached', async () => {
    const ids = Object.fromEntries(session.attendance.map((a) => [a.name, a.memberId]));
    session = await h.ok(
      'ep.sessions.recordAttendance',
      {
        sessionId: session.id,
        attendance: [
          { memberId: ids['Jean Conseiller']!, status: 'present' },
          { memberId: ids['Marie Solidarité']!, status: 'present' },
          { memberId: ids['Claude Caf']!, status: 'excuse' },
          { memberId: ids['Pierre Emploi']!, status: 'excuse' },
          { memberId: ids['Rose Usager']!, status: 'absent' },
        ],
      },
      sec(),
    );
    expect(session.quorum).toMatchObject({ members: 5, counted: 2, required: 3, reached: false });
    expect(session.quorum.warning).toMatch(/Quorum non atteint/);
    session = await h.ok(
      'ep.sessions.recordAttendance',
      {
        sessionId: session.id,
        attendance: [
          { memberId: ids['Jean Conseiller']!, status: 'present' },
          { memberId: ids['Marie Solidarité']!, status: 'present' },
          { memberId: ids['Claude Caf']!, status: 'remplace' },
          { memberId: ids['Pierre Emploi']!, status: 'excuse' },
          { memberId: ids['Rose Usager']!, status: 'absent' },
        ],
      },
      sec(),
    );
    expect(session.quorum).toMatchObject({ counted: 3, reached: true, warning: null });
    expect(session.attendance.find((a) => a.name === 'Claude Caf')).toMatchObject({ status: 'remplace', replacedBy: 'Dominique Suppléant' });
  });

  it('records the avis of each case (a suspension proposes its sanction) and gives the procès-verbal', async () => {
    const avis = (saisineId: number, motivation: string) =>
      h.ok('ep.sessions.recordAvis', { sessionId: session.id, itemId: item(saisineId).itemId, date: TODAY, sens: 'favorable', motivation }, sec());
    await avis(w.saisines.reo, 'Projet professionnel construit : accompagnement par le PLIE.');
    await avis(w.saisines.susp, 'Contrat non signé malgré trois convocations.');
    session = await avis(w.saisines.cers, 'Douze mois de suivi solidarité : passage vers Pôle Emploi.');
    expect(item(w.saisines.susp).avis).toMatchObject({ sens: 'favorable', proposedSanction: 'non_conclusion', late: false, recordedBy: 'Sam Secrétaire' });
    // The CERS case was due on 25 February: recorded, flagged late.
    expect(item(w.saisines.cers).avis).toMatchObject({ late: true, proposedSanction: null });
    const pv = await h.ok('ep.sessions.minutes', { sessionId: session.id }, w.staff.correspondant.session);
    expect(pv.quorum.reached).toBe(true);
    expect(pv.cases.map((c) => c.avis?.sens)).toEqual(['favorable', 'favorable', 'favorable']);
    expect(pv.session.president).toBe('Jean Conseiller');
    session = await h.ok('ep.sessions.advance', { sessionId: session.id, to: 'avis_rendus' }, sec());
    expect(session.status).toBe('avis_rendus');
    expect(session.next).toMatchObject({ state: 'decisions_enregistrees' });
    expect(session.next!.blockers[0]).toMatch(/3 dossiers sans décision/);
  });

  it('records the Président’s decisions with their effects on the dossiers', async () => {
    session = await h.ok(
      'ep.sessions.recordDecision',
      {
        sessionId: session.id,
        itemId: item(w.saisines.reo).itemId,
        date: TODAY,
        sens: 'favorable',
        organismeReferentId: w.organismes.plie.id,
        correspondantId: w.staff.correspondant.id,
        ...SIGNATORY,
      },
      sec(),
    );
    session = await h.ok('ep.sessions.recordDecision', { sessionId: session.id, itemId: item(w.saisines.susp).itemId, date: TODAY, sens: 'favorable', ...SIGNATORY }, sec());
    session = await h.ok(
      'ep.sessions.recordDecision',
      {
        sessionId: session.id,
        itemId: item(w.saisines.cers).itemId,
        date: TODAY,
        sens: 'favorable',
        orientation: 'professionnelle_pole_emploi',
        organismeReferentId: w.organismes.pe.id,
        referentId: w.referents.peAgent.id,
        correspondantId: w.staff.correspondant.id,
        ...SIGNATORY,
      },
      sec(),
    );
    expect(item(w.saisines.reo).decision).toMatchObject({
      effect: 'ouvrir_orientation',
      orientation: 'professionnelle_autre',
      organismeName: 'PLIE de l’Arrageois',
      contractDeadline: { kind: 'CERP', deadline: '2026-04-02' },
      recordedBy: 'Sam Secrétaire',
    });

    // Réorientation: the new orientation is open on the dossier, the previous one closed the day before.
    const current = await h.ok('orientation.current', { personId: w.reo.person.id }, w.staff.correspondant.session);
    expect(current).toMatchObject({ orientation: 'professionnelle_autre', start: TODAY, end: null, organismeReferent: { name: 'PLIE de l’Arrageois' } });
    expect(current!.contract.deadline).toBe('2026-04-02');
    const history = await h.ok('orientation.history', { personId: w.reo.person.id }, w.staff.correspondant.session);
    expect(history.map((p) => [p.orientation, p.start, p.end])).toEqual([
      ['professionnelle_autre', TODAY, null],
      ['solidarite', '2026-01-05', '2026-03-01'],
    ]);
    const cersNow = await h.ok('orientation.current', { personId: w.cers.person.id }, w.staff.correspondant.session);
    expect(cersNow).toMatchObject({ orientation: 'professionnelle_pole_emploi', referent: { name: 'Paul Conseiller' } });

    // Suspension: the schedule for that household (one parent, one child: coefficient 1.5), from April.
    const sanctions = await h.ok('ep.sanctionsForDossier', { personId: w.susp.person.id }, w.staff.referentA.session);
    expect(sanctions).toHaveLength(1);
    const s = sanctions[0]!;
    expect(s).toMatchObject({ kind: 'non_conclusion', start: '2026-04-01', household: { couple: false, dependants: 1 }, personAlone: false, resources: null });
    const mfApril = montantForfaitaire('2026-04-01', { couple: false, dependants: 1 });
    expect(mfApril).toBe(977.54);
    expect(s.lines[0]).toMatchObject({ month: '2026-04-01', step: 'reduction_initiale', reduction: 100, amountPaid: 877.54 });
    expect(s.lines[1]).toMatchObject({ month: '2026-05-01', step: 'reduction_moitie', reduction: 488.77, amountPaid: 488.77 });
    expect(s.lines).toHaveLength(24);

    // What the référent sees on the dossier.
    const outcomes = await h.ok('ep.outcomesForDossier', { personId: w.susp.person.id }, w.staff.referentA.session);
    expect(outcomes).toHaveLength(1);
    expect(outcomes[0]).toMatchObject({ stage: 'decidee', session: { date: TODAY, slotStart: '09:30' }, avis: { sens: 'favorable' } });
    expect(outcomes[0]!.decision!.sanction!.lines).toHaveLength(24);
    // Who signed, by which delegation, and the decision's own date (not the session's slot).
    expect(outcomes[0]!.decision).toMatchObject({
      date: TODAY,
      signatory: { name: 'Claire Delattre', function: 'Chef du Service Local Allocation Insertion', delegation: 'Par délégation, le Chef du Service Local Allocation Insertion' },
    });
    await h.err('ep.outcomesForDossier', { personId: w.susp.person.id }, 'FORBIDDEN', w.staff.referentB.session);
    // The saisine listed with the dossier's contracts and fiches says where it stands in the EP.
    const saisines = await h.ok('epSaisines.forDossier', { personId: w.susp.person.id }, w.staff.referentA.session);
    expect(saisines.map((x) => x.status)).toEqual(['decidee']);

    // Decision letters.
    const letter = await h.ok('ep.sessions.decisionLetter', { sessionId: session.id, itemId: item(w.saisines.reo).itemId }, sec());
    expect(letter.name).toBe('LEBRUN Lucie');
    expect(letter.effectText.join(' ')).toContain('au plus tard le 02/04/2026');
    const suspLetter = await h.ok('ep.sessions.decisionLetter', { sessionId: session.id, itemId: item(w.saisines.susp).itemId }, sec());
    expect(suspLetter.effectText[0]).toContain('Non-conclusion du contrat, à compter du 01/04/2026');
    expect(suspLetter).toMatchObject({ signatoryName: 'Claire Delattre', signature: 'Par délégation, le Chef du Service Local Allocation Insertion' });

    session = await h.ok('ep.sessions.advance', { sessionId: session.id, to: 'decisions_enregistrees' }, sec());
    session = await h.ok('ep.sessions.advance', { sessionId: session.id, to: 'close' }, sec());
    expect(session).toMatchObject({ status: 'close', closedOn: TODAY, next: null });
  });

  it('prints the session file (ordre du jour, three cases) and an anonymised copy without surnames', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ep-pdf-'));
    try {
      const text = async (anonymised: boolean) => {
        const pdf = await h.ok('ep.sessions.filePdf', { sessionId: session.id, anonymised }, sec());
        const file = path.join(dir, `${anonymised ? 'anon' : 'full'}.pdf`);
        writeFileSync(file, Buffer.from(pdf.contentBase64, 'base64'));
        return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
      };
      const full = await text(false);
      expect(full).toContain('ORDRE DU JOUR');
      for (const name of ['LEBRUN', 'FONTAINE', 'GIRARD']) expect(full).toContain(name);
      expect(full.match(/FICHE DE SYNTHÈSE/g)).toHaveLength(3);
      const anon = await text(true);
      expect(anon).toContain('ORDRE DU JOUR');
      expect(anon.match(/FICHE DE SYNTHÈSE/g)).toHaveLength(3);
      for (const name of ['LEBRUN', 'FONTAINE', 'GIRARD', 'Lebrun', 'Fontaine', 'Girard', 'rue des Lilas', '1988']) expect(anon).not.toContain(name);
      expect(full).toContain('rue des Lilas');
      expect(anon).toContain('L. L.');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
