/**
 * EP letters are dated on the day they are produced, or on the sending date the secretary chooses — never on the
 * session day; a sending date in the past is refused and nothing is archived.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EpLetterKind, EpSession } from '../../../shared/api/ep';
import { epWorld, type EpWorld } from './ep-fixtures';
import { rowCounts, startHarness, type Harness } from './harness';

let h: Harness;
let w: EpWorld;
let session: EpSession;
let dir: string;

beforeAll(async () => {
  h = await startHarness();
  w = await epWorld(h);
  dir = mkdtempSync(path.join(os.tmpdir(), 'ep-letter-date-'));
  const sec = w.staff.secretaire.session;
  session = await h.ok('ep.sessions.create', { date: '2026-03-20', place: 'Salle du conseil', startTime: '09:00', casesPerSlot: 2, slotMinutes: 30 }, sec);
  session = await h.ok('ep.sessions.addSaisines', { sessionId: session.id, saisineIds: [w.saisines.susp] }, sec);
  session = await h.ok('ep.sessions.advance', { sessionId: session.id, to: 'dossiers_inscrits' }, sec);
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await h.dispose();
});

const letterText = async (kind: EpLetterKind, sendingDate?: string) => {
  const pdf = await h.ok('ep.sessions.letterPdf', { sessionId: session.id, kind, ...(sendingDate ? { sendingDate } : {}) }, w.staff.secretaire.session);
  const file = path.join(dir, `${kind}-${sendingDate ?? 'today'}.pdf`);
  writeFileSync(file, Buffer.from(pdf.contentBase64, 'base64'));
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/[\s\u00a0\u202f]+/g, ' ');
};

describe('the date of EP letters', () => {
  it('is the day the letter is produced, not the session day', async () => {
    const text = await letterText('convocations');
    expect(text).toContain('Arrageois, le 2 mars 2026');
    expect(text).not.toContain('Arrageois, le 20 mars 2026');
    expect(text).toContain('20 mars 2026');
  });

  it('is the sending date the secretary chooses', async () => {
    const text = await letterText('informations', '2026-03-05');
    expect(text).toContain('Arrageois, le 5 mars 2026');
    expect(text).not.toContain('Arrageois, le 2 mars 2026');
  });

  it('refuses a sending date in the past with a French error, and archives nothing', async () => {
    const before = await rowCounts(h);
    const error = await h.err('ep.sessions.letterPdf', { sessionId: session.id, kind: 'convocations', sendingDate: '2026-03-01' }, 'RULE', w.staff.secretaire.session);
    expect(error.message).toContain('La date d’envoi (01/03/2026) ne peut pas être antérieure à aujourd’hui (02/03/2026).');
    await h.err('ep.sessions.letterPdf', { sessionId: session.id, kind: 'convocations', sendingDate: '5 mars' }, 'VALIDATION', w.staff.secretaire.session);
    expect(await rowCounts(h)).toEqual(before);
  });
});
