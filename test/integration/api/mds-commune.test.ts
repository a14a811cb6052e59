/**
 * The MDS's postal address and commune (administration: `mds.update`), and the papers made there: « Fait à Arras,
 * le … », never a place of follow-up or a territory.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { epWorld, TODAY } from './ep-fixtures';
import { rowCounts, setupWithStaff, startHarness, type Harness } from './harness';

let h: Harness | undefined;
afterEach(async () => {
  await h?.dispose();
  h = undefined;
});

describe('mds.update', () => {
  it('records the postal address and the commune, with an audit entry; the territory stays', async () => {
    h = await startHarness();
    const staff = await setupWithStaff(h);
    expect((await h.ok('mds.get', {}, staff.admin.session)).commune).toBeUndefined();
    const before = await rowCounts(h);
    const updated = await h.ok('mds.update', { name: 'MDS de l’Arrageois', address: '3 rue Gambetta, 62000 Arras', commune: ' Arras ' }, staff.admin.session);
    expect(updated).toMatchObject({ name: 'MDS de l’Arrageois', territory: 'Arrageois', address: '3 rue Gambetta, 62000 Arras', commune: 'Arras' });
    expect(await h.ok('mds.get', {}, staff.referentA.session)).toEqual(updated);
    expect((await rowCounts(h)).audit_log).toBe(before.audit_log! + 1);
  });

  it('refuses bad input and non-administrators with a French error, and changes nothing', async () => {
    h = await startHarness();
    const staff = await setupWithStaff(h);
    const before = await h.ok('mds.get', {}, staff.admin.session);
    const error = await h.err('mds.update', { name: 'MDS', commune: 'A'.repeat(121) }, 'VALIDATION', staff.admin.session);
    expect(error.fieldErrors?.commune).toBe('120 caractères au plus');
    await h.err('mds.update', { name: '  ', commune: 'Arras' }, 'VALIDATION', staff.admin.session);
    await h.err('mds.update', { name: 'MDS', commune: 'Arras' }, 'FORBIDDEN', staff.referentA.session);
    expect(await h.ok('mds.get', {}, staff.admin.session)).toEqual(before);
  });
});

describe('papers made at the MDS’s commune', () => {
  it('say « Arras, le … » and « Fait à Arras, le … » on the EP letters once the commune is given', async () => {
    h = await startHarness();
    const w = await epWorld(h);
    const sec = w.staff.secretaire.session;
    let session = await h.ok('ep.sessions.create', { date: TODAY, place: 'MDS de l’Arrageois, salle du conseil', startTime: '09:00', casesPerSlot: 2, slotMinutes: 30 }, sec);
    session = await h.ok('ep.sessions.addSaisines', { sessionId: session.id, saisineIds: [w.saisines.susp] }, sec);
    await h.ok('ep.sessions.advance', { sessionId: session.id, to: 'dossiers_inscrits' }, sec);
    const dir = mkdtempSync(path.join(os.tmpdir(), 'mds-commune-'));
    const text = async () => {
      const pdf = await h!.ok('ep.sessions.letterPdf', { sessionId: session.id, kind: 'informations' }, sec);
      const file = path.join(dir, `informations-${Date.now()}.pdf`);
      writeFileSync(file, Buffer.from(pdf.contentBase64, 'base64'));
      return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/[\s\u00a0\u202f]+/g, ' ');
    };
    try {
      // Without a commune, the territory as before.
      expect(await text()).toContain('Fait à Arrageois, le');
      await h.ok('mds.update', { name: 'MDS de l’Arrageois', address: '3 rue Gambetta, 62000 Arras', commune: 'Arras' }, w.staff.admin.session);
      const after = await text();
      expect(after).toContain('Arras, le 2 mars 2026');
      expect(after).toContain('Fait à Arras, le');
      expect(after).not.toContain('Fait à Arrageois');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
