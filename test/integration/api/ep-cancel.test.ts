/**
 * Issue 11: a session emptied by postponing its only case can be cancelled, with a letter to everyone convened
 * (archived, dated on the production day or the chosen sending date); refused while a case is still inscribed,
 * and a refused call changes nothing. And the motif told to the beneficiary: once, in the words of the letter.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EpSession } from '../../../shared/api/ep';
import { letterMotif } from '../../../shared/domain/rules/ep-sessions';
import { epWorld, TODAY, type EpWorld } from './ep-fixtures';
import { storedState, startHarness, type Harness } from './harness';

let h: Harness;
let w: EpWorld;
let dir: string;
const sec = () => w.staff.secretaire.session;
const newSession = (date: string) =>
  h.ok('ep.sessions.create', { date, place: 'Salle du conseil', startTime: '09:00', casesPerSlot: 2, slotMinutes: 30, lunchStart: '12:00', lunchEnd: '13:30' }, sec());

/** The text of a PDF received in base64 (pdftotext, spaces collapsed). */
function textOf(base64: string, name: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, Buffer.from(base64, 'base64'));
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/[\s\u00a0\u202f]+/g, ' ');
}

const occurrences = (text: string, part: string) => text.split(part).length - 1;

beforeAll(async () => {
  h = await startHarness();
  w = await epWorld(h);
  dir = mkdtempSync(path.join(os.tmpdir(), 'ep-cancel-'));
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await h.dispose();
});

describe('the motif told to the beneficiary', () => {
  it('is said once, in the words of the letter, without « (fiche de liaison) » nor the saisine’s repeated theme', async () => {
    let session = await newSession('2026-03-16');
    session = await h.ok('ep.sessions.addSaisines', { sessionId: session.id, saisineIds: [w.saisines.susp, w.saisines.reo] }, sec());
    const data = await h.ok('ep.sessions.convocations', { sessionId: session.id }, sec());
    const susp = letterMotif({ origin: 'fiche_suspension', suspensionMotif: 'non_signature', cible: null });
    const reo = letterMotif({ origin: 'fiche_reorientation', suspensionMotif: null, cible: 'professionnelle_autre' });
    expect(data.beneficiaries.map((b) => b.reason).sort()).toEqual([susp, reo].sort());

    const pdf = await h.ok('ep.sessions.letterPdf', { sessionId: session.id, kind: 'informations' }, sec());
    const text = textOf(pdf.contentBase64, 'informations.pdf');
    expect(occurrences(text, susp)).toBe(1);
    expect(occurrences(text, reo)).toBe(1);
    expect(text).not.toContain('(fiche de liaison)');
    expect(text).not.toContain('Demande de suspension');
    expect(text).not.toContain('Demande de réorientation');
    // The session is emptied again for the next tests.
    for (const item of session.items) {
      session = await h.ok('ep.sessions.removeItem', { sessionId: session.id, itemId: item.itemId, status: 'retire', reason: 'Séance d’essai' }, sec());
    }
  });
});

describe('cancelling a session', () => {
  let session: EpSession;

  it('is refused while a case is inscribed, and a refused or invalid call changes nothing', async () => {
    session = await newSession('2026-03-20');
    session = await h.ok('ep.sessions.addSaisines', { sessionId: session.id, saisineIds: [w.saisines.susp] }, sec());
    session = await h.ok('ep.sessions.advance', { sessionId: session.id, to: 'dossiers_inscrits' }, sec());
    session = await h.ok('ep.sessions.advance', { sessionId: session.id, to: 'convocations_envoyees' }, sec());
    const before = await storedState(h);
    const input = { sessionId: session.id, version: session.version, reason: 'Plus aucun dossier' };

    const refused = await h.err('ep.sessions.cancel', input, 'RULE', sec());
    expect(refused.message).toBe('1 dossier est encore inscrit à l’ordre du jour : reportez-le ou retirez-le d’abord, puis annulez la séance.');
    await h.err('ep.sessions.cancel', { ...input, reason: '   ' }, 'VALIDATION', sec());
    await h.err('ep.sessions.cancel', { ...input, version: session.version - 1 }, 'CONFLICT', sec());
    const past = await h.err('ep.sessions.cancel', { ...input, sendingDate: '2026-03-01' }, 'RULE', sec());
    expect(past.fieldErrors?.sendingDate).toMatch(/antérieure à aujourd’hui/);
    await h.err('ep.sessions.cancel', input, 'FORBIDDEN', w.staff.correspondant.session);
    await h.err('ep.sessions.cancel', input, 'FORBIDDEN', w.staff.referentA.session);
    expect(await storedState(h)).toEqual(before);
  });

  it('once its only case is postponed: cancelled, with one letter per person convened, archived and dated on the sending date', async () => {
    const item = session.items.find((i) => i.status === 'inscrit')!;
    session = await h.ok('ep.sessions.removeItem', { sessionId: session.id, itemId: item.itemId, status: 'reporte', reason: 'Bénéficiaire hospitalisé' }, sec());
    expect(session.status).toBe('convocations_envoyees');
    const result = await h.ok('ep.sessions.cancel', { sessionId: session.id, version: session.version, reason: 'Le seul dossier inscrit a été reporté', sendingDate: '2026-03-05' }, sec());
    expect(result.session).toMatchObject({ status: 'annulee', statusLabel: 'Annulée', cancelledOn: TODAY, cancelReason: 'Le seul dossier inscrit a été reporté', next: null });
    expect(result.letters).not.toBeNull();
    expect(result.letters!.document).toMatchObject({ kind: 'ep_annulation', sourceEntity: 'ep_session', sourceId: session.id, isFinal: true, createdBy: 'Sam Secrétaire' });

    const text = textOf(result.letters!.contentBase64, 'annulation.pdf');
    expect(occurrences(text, 'Annulation de la séance de l’équipe pluridisciplinaire du 20 mars 2026')).toBe(6);
    for (const name of ['Jean Conseiller', 'Marie Solidarité', 'Claude Caf', 'Pierre Emploi', 'Rose Usager']) expect(text).toContain(name);
    expect(text).toMatch(/(Madame|Monsieur) FONTAINE Marc/);
    expect(text).toContain('reporté à une prochaine séance');
    expect(text).toContain('Le seul dossier inscrit a été reporté');
    expect(text).toContain('le 5 mars 2026');
    expect(text).not.toContain('le 2 mars 2026');

    // The saisine is back in the queue; the sessions list says « Annulée ».
    expect((await h.ok('ep.queue', {}, sec())).map((q) => q.saisineId)).toContain(w.saisines.susp);
    expect((await h.ok('ep.sessions.list', {}, sec())).find((s) => s.id === session.id)?.statusLabel).toBe('Annulée');

    // The same letters again: the archived bytes; the journal names the cancellation.
    const again = await h.ok('ep.sessions.letterPdf', { sessionId: session.id, kind: 'annulation', sendingDate: '2026-03-05' }, w.staff.correspondant.session);
    expect(again).toMatchObject({ reprint: true, contentBase64: result.letters!.contentBase64 });
    const audit = (await storedState(h)).tables.audit_log as { entity: string; entity_id: string; after_json?: string; after?: string }[];
    expect(audit.filter((r) => r.entity === 'ep_session' && r.entity_id === String(session.id)).length).toBeGreaterThanOrEqual(4);
  });

  it('is final: no step follows, nothing is inscribed, it cannot be cancelled twice', async () => {
    const current = await h.ok('ep.sessions.get', { sessionId: session.id }, sec());
    await h.err('ep.sessions.advance', { sessionId: session.id, to: 'tenue' }, 'RULE', sec());
    await h.err('ep.sessions.addSaisines', { sessionId: session.id, saisineIds: [w.saisines.cers] }, 'RULE', sec());
    const twice = await h.err('ep.sessions.cancel', { sessionId: session.id, version: current.version, reason: 'Encore' }, 'RULE', sec());
    expect(twice.message).toBe('La séance est déjà annulée.');
    await h.err('ep.sessions.letterPdf', { sessionId: session.id, kind: 'proces_verbal' }, 'RULE', sec());
  });

  it('before the convocations: cancelled without any letter, since nobody was convened', async () => {
    const empty = await newSession('2026-04-02');
    const result = await h.ok('ep.sessions.cancel', { sessionId: empty.id, version: empty.version, reason: 'Séance créée par erreur' }, sec());
    expect(result.session.status).toBe('annulee');
    expect(result.letters).toBeNull();
    const none = await h.err('ep.sessions.letterPdf', { sessionId: empty.id, kind: 'annulation' }, 'RULE', sec());
    expect(none.message).toMatch(/personne n’est à prévenir/);
    await h.err('ep.sessions.letterPdf', { sessionId: session.id, kind: 'annulation' }, 'FORBIDDEN', w.staff.referentA.session);
  });
});
