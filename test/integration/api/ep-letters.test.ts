/**
 * The EP's letters as PDFs (pdftotext): the members' convocations and the beneficiaries' information letters (one
 * letter per person, each numbered on its own), the procès-verbal (attendance, quorum, avis), and the decision
 * letters to the beneficiary and to the référent (new orientation with its contract deadline; sanction schedule
 * with fr-FR amounts) — refused before the Président's decision.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EpLetterKind, EpSession } from '../../../shared/api/ep';
import { epWorld, SIGNATORY, TODAY, type EpWorld } from './ep-fixtures';
import { storedState, startHarness, type Harness } from './harness';

let h: Harness;
let w: EpWorld;
let session: EpSession;
let dir: string;
const sec = () => w.staff.secretaire.session;
const item = (saisineId: number) => {
  const found = session.items.find((i) => i.saisineId === saisineId && i.status === 'inscrit');
  if (!found) throw new Error(`saisine ${saisineId} absente de la séance`);
  return found;
};
/** pdftotext -layout, spaces (incl. narrow no-break ones) collapsed to one. */
const pdfText = async (kind: EpLetterKind, itemId?: number, as = sec()) => {
  const pdf = await h.ok('ep.sessions.letterPdf', { sessionId: session.id, kind, ...(itemId === undefined ? {} : { itemId }) }, as);
  expect(pdf.mime).toBe('application/pdf');
  expect(pdf.fileName).toMatch(/\.pdf$/);
  const file = path.join(dir, `${kind}-${itemId ?? 0}.pdf`);
  writeFileSync(file, Buffer.from(pdf.contentBase64, 'base64'));
  const raw = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  return { raw, text: raw.replace(/[\s\u00a0\u202f]+/g, ' '), fileName: pdf.fileName };
};

beforeAll(async () => {
  h = await startHarness();
  w = await epWorld(h);
  dir = mkdtempSync(path.join(os.tmpdir(), 'ep-letters-'));
  session = await h.ok(
    'ep.sessions.create',
    { date: TODAY, place: 'MDS de l’Arrageois, salle du conseil', startTime: '09:00', casesPerSlot: 2, slotMinutes: 30, lunchStart: '12:00', lunchEnd: '13:30' },
    sec(),
  );
  session = await h.ok('ep.sessions.addSaisines', { sessionId: session.id, saisineIds: [w.saisines.cers, w.saisines.susp, w.saisines.reo] }, sec());
  session = await h.ok('ep.sessions.advance', { sessionId: session.id, to: 'dossiers_inscrits' }, sec());
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await h.dispose();
});

describe('EP letters as PDFs', () => {
  it('prints one convocation per member with date, time, place and the ordre du jour, each letter numbered on its own', async () => {
    const { text, raw } = await pdfText('convocations');
    for (const name of ['Jean Conseiller', 'Marie Solidarité', 'Claude Caf', 'Pierre Emploi', 'Rose Usager']) expect(text).toContain(name);
    expect(text.match(/ORDRE DU JOUR/g)).toHaveLength(5);
    expect(text).toContain('2 mars 2026');
    expect(text).toContain('09 h 00');
    expect(text).toContain('MDS de l’Arrageois, salle du conseil');
    expect(text).toContain('3 dossiers inscrits');
    expect(text).toContain('Dominique Suppléant');
    // Five one-page letters: each says « page 1 / 1 », never « page 2 ».
    expect(raw.match(/page 1 \/ 1/g)).toHaveLength(5);
    expect(raw).not.toMatch(/page 2 \//);
  });

  it('prints one information letter per beneficiary with the reason and their right to present observations', async () => {
    const { text, raw } = await pdfText('informations', undefined, w.staff.correspondant.session);
    for (const name of ['LEBRUN Lucie', 'FONTAINE Marc', 'GIRARD Nina']) expect(text).toMatch(new RegExp(`(Madame|Monsieur) ${name}`));
    expect(text).toContain('2 mars 2026');
    expect(text).toContain('MDS de l’Arrageois, salle du conseil');
    expect(text).toContain('3 rue des Lilas');
    expect(text.match(/observations/g)!.length).toBeGreaterThanOrEqual(3);
    expect(text).toMatch(/réorientation/i);
    expect(raw.match(/page 1 \/ \d/g)).toHaveLength(3);
    // Référents don't print the EP's letters.
    await h.err('ep.sessions.letterPdf', { sessionId: session.id, kind: 'informations' }, 'FORBIDDEN', w.staff.referentA.session);
  });

  it('refuses the procès-verbal before the session is held and the decision letters before the decision', async () => {
    await h.err('ep.sessions.letterPdf', { sessionId: session.id, kind: 'proces_verbal' }, 'RULE', sec());
    const refused = await h.err('ep.sessions.letterPdf', { sessionId: session.id, kind: 'decision_beneficiaire', itemId: item(w.saisines.reo).itemId }, 'RULE', sec());
    expect(refused.message).toMatch(/pas encore pris sa décision/);
    await h.err('ep.sessions.letterPdf', { sessionId: session.id, kind: 'decision_referent' }, 'VALIDATION', sec());
  });

  it('prints the procès-verbal: attendance, quorum, avis with motivation and proposed sanction', async () => {
    session = await h.ok('ep.sessions.advance', { sessionId: session.id, to: 'convocations_envoyees' }, sec());
    session = await h.ok('ep.sessions.advance', { sessionId: session.id, to: 'tenue' }, sec());
    const ids = Object.fromEntries(session.attendance.map((a) => [a.name, a.memberId]));
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
    const avis = (saisineId: number, motivation: string) =>
      h.ok('ep.sessions.recordAvis', { sessionId: session.id, itemId: item(saisineId).itemId, date: TODAY, sens: 'favorable', motivation }, sec());
    await avis(w.saisines.reo, 'Projet professionnel construit.');
    await avis(w.saisines.susp, 'Contrat non signé malgré trois convocations.');
    session = await avis(w.saisines.cers, 'Douze mois de suivi solidarité.');
    const { text } = await pdfText('proces_verbal');
    expect(text).toContain('PROCÈS-VERBAL');
    expect(text).toMatch(/Quorum : 3 membres présents ou représentés sur 5, 3 requis — quorum atteint/);
    expect(text).toContain('Remplacé par Dominique Suppléant');
    expect(text).toContain('Excusé');
    expect(text.match(/favorable/g)!.length).toBeGreaterThanOrEqual(3);
    // Motivation and proposed sanction (the table's cells wrap).
    expect(text).toContain('Contrat non signé malgré trois');
    expect(text).toContain('Projet professionnel construit.');
    expect(text).toMatch(/Non-conclusion du/);
    for (const name of ['LEBRUN Lucie', 'FONTAINE Marc', 'GIRARD Nina']) expect(text).toContain(name);
    // Still no decision letter after the avis.
    await h.err('ep.sessions.letterPdf', { sessionId: session.id, kind: 'decision_referent', itemId: item(w.saisines.susp).itemId }, 'RULE', sec());
  });

  it('prints the decision letters: new orientation with the contract deadline, sanction schedule in fr-FR amounts', async () => {
    session = await h.ok('ep.sessions.advance', { sessionId: session.id, to: 'avis_rendus' }, sec());
    session = await h.ok(
      'ep.sessions.recordDecision',
      { sessionId: session.id, itemId: item(w.saisines.reo).itemId, date: TODAY, sens: 'favorable', organismeReferentId: w.organismes.plie.id, correspondantId: w.staff.correspondant.id, ...SIGNATORY },
      sec(),
    );
    session = await h.ok('ep.sessions.recordDecision', { sessionId: session.id, itemId: item(w.saisines.susp).itemId, date: TODAY, sens: 'favorable', ...SIGNATORY }, sec());

    const reo = await pdfText('decision_beneficiaire', item(w.saisines.reo).itemId);
    expect(reo.text).toContain('Madame LEBRUN Lucie');
    expect(reo.text).toContain('3 rue des Lilas');
    expect(reo.text).toContain('Décision favorable du 2 mars 2026');
    expect(reo.text).toContain('PLIE de l’Arrageois');
    expect(reo.text).toContain('2 avril 2026');
    expect(reo.text).toContain('Projet professionnel construit.');

    const susp = await pdfText('decision_beneficiaire', item(w.saisines.susp).itemId);
    expect(susp.text).toMatch(/(Madame|Monsieur) FONTAINE Marc/);
    expect(susp.text).toContain('avril 2026');
    // April: 977,54 € forfaitaire, 100,00 € reduction, 877,54 € paid; May: half (488,77 €).
    expect(susp.text).toContain('977,54 €');
    expect(susp.text).toContain('877,54 €');
    expect(susp.text).toContain('488,77 €');
    expect(susp.text).toContain('mai 2026');
    // The signatory recorded with the decision, under its delegation.
    expect(susp.text).toContain('Claire Delattre');
    expect(susp.text).toContain('Par délégation, le Chef du Service Local Allocation Insertion');

    const toReferent = await pdfText('decision_referent', item(w.saisines.susp).itemId);
    expect(toReferent.text).toContain('Référent RSA');
    expect(toReferent.text).toContain('dont vous êtes le référent');
    expect(toReferent.text).toContain('FONTAINE Marc');
    expect(toReferent.text).toContain('877,54 €');
    expect(toReferent.fileName).not.toBe(susp.fileName);

    // The CERS case has no decision yet: still refused.
    await h.err('ep.sessions.letterPdf', { sessionId: session.id, kind: 'decision_beneficiaire', itemId: item(w.saisines.cers).itemId }, 'RULE', sec());
  });

  it('archives each letter like every document: with its sha256, in the dossier it concerns; a reprint gives the identical bytes', async () => {
    const sha256 = (base64: string) => createHash('sha256').update(Buffer.from(base64, 'base64')).digest('hex');
    const input = { sessionId: session.id, kind: 'decision_beneficiaire', itemId: item(w.saisines.susp).itemId } as const;
    const first = await h.ok('ep.sessions.letterPdf', input, sec());
    // Already printed by the test above: archived then, found now.
    expect(first.reprint).toBe(true);
    expect(first.document).toMatchObject({
      kind: 'ep_decision_beneficiaire',
      personId: w.susp.person.id,
      sourceEntity: 'ep_session_item',
      sourceId: input.itemId,
      isFinal: true,
      createdBy: 'Sam Secrétaire',
      sha256: sha256(first.contentBase64),
    });
    const before = await storedState(h);
    const again = await h.ok('ep.sessions.letterPdf', input, sec());
    expect(again.contentBase64).toBe(first.contentBase64);
    expect(again.document.id).toBe(first.document.id);
    expect(await storedState(h)).toEqual(before);

    // Printable like every other document: in the person's dossier (their référent reads it), the exact bytes.
    const listed = await h.ok('documents.list', { personId: w.susp.person.id }, w.staff.referentA.session);
    expect(listed.map((d) => d.id)).toContain(first.document.id);
    const reprint = await h.ok('documents.get', { id: first.document.id }, w.staff.referentA.session);
    expect(reprint.base64).toBe(first.contentBase64);
    expect(reprint.sha256).toBe(first.document.sha256);
    const generated = await h.ok('documents.generate', { kind: 'ep_decision_beneficiaire', sourceId: input.itemId, final: true }, sec());
    expect(generated).toMatchObject({ reprint: true, base64: first.contentBase64, document: { id: first.document.id } });

    // A session's document (no dossier) is archived too, and read by the EP's readers only.
    const convocations = await h.ok('ep.sessions.letterPdf', { sessionId: session.id, kind: 'convocations' }, sec());
    expect(convocations.document).toMatchObject({ kind: 'ep_convocations', personId: null, sourceEntity: 'ep_session', sourceId: session.id });
    expect((await h.ok('documents.get', { id: convocations.document.id }, w.staff.correspondant.session)).base64).toBe(convocations.contentBase64);
    await h.err('documents.get', { id: convocations.document.id }, 'FORBIDDEN', w.staff.referentA.session);
    const audit = (await storedState(h)).tables.audit_log as { entity: string; entity_id: string; action: string }[];
    for (const id of [first.document.id, convocations.document.id]) {
      expect(audit.filter((r) => r.entity === 'document' && r.entity_id === String(id))).toEqual([expect.objectContaining({ action: 'create' })]);
    }
  });
});
