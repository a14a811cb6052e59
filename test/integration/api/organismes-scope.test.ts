/**
 * Organismes référents and their référents belong to an MDS: an administrator of another MDS neither sees nor
 * renames nor deactivates them (issue 13), and a dossier is oriented only to an organisme of its own MDS.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withSql } from './ep-fixtures';
import { startHarness, storedState, type Harness } from './harness';
import { interviewWorld, type InterviewWorld } from './interview-fixtures';

let h: Harness;
let w: InterviewWorld;
let otherAdmin = '';

beforeAll(async () => {
  h = await startHarness();
  w = await interviewWorld(h);
  const user = await h.ok('users.create', { login: 'admin-bapaume', displayName: 'Admin Bapaume', role: 'administrateur', structure: 'MDS de Bapaume', password: 'autre-mot-de-passe-1' }, w.staff.admin.session);
  await withSql(h, (sqlite) => {
    const mdsId = Number(sqlite.prepare("INSERT INTO mds (name, territory) VALUES ('MDS de Bapaume', 'Arrageois')").run().lastInsertRowid);
    sqlite.prepare('UPDATE users SET mds_id = ? WHERE id = ?').run(mdsId, user.id);
  });
  otherAdmin = (await h.ok('auth.login', { login: 'admin-bapaume', password: 'autre-mot-de-passe-1' })).session;
}, 120_000);
afterAll(async () => {
  await h?.dispose();
});

describe('organismes référents per MDS', () => {
  it('another MDS’s administrator does not see them, and cannot rename, deactivate or remove them', async () => {
    expect(await h.ok('organismes.list', { includeInactive: true }, otherAdmin)).toEqual([]);
    expect(await h.ok('referents.list', { includeInactive: true }, otherAdmin)).toEqual([]);
    const before = (await storedState(h)).tables;
    const pe = w.organismes.pe;
    await h.err('organismes.update', { id: pe.id, name: 'Renommé', type: pe.type, active: false }, 'FORBIDDEN', otherAdmin);
    await h.err('organismes.remove', { id: pe.id }, 'FORBIDDEN', otherAdmin);
    await h.err('referents.update', { id: w.referents.peAgent.id, organismeId: pe.id, name: 'Renommé', active: false }, 'FORBIDDEN', otherAdmin);
    await h.err('referents.remove', { id: w.referents.peAgent.id }, 'FORBIDDEN', otherAdmin);
    await h.err('referents.create', { organismeId: pe.id, name: 'Intrus' }, 'VALIDATION', otherAdmin);
    const after = (await storedState(h)).tables;
    expect(after.organismes_referents).toEqual(before.organismes_referents);
    expect(after.orientation_referents).toEqual(before.orientation_referents);
  });

  it('each MDS has its own list (the same name may exist in both), and the first MDS still manages its own', async () => {
    const own = await h.ok('organismes.create', { name: 'Pôle Emploi Arras', type: 'pole_emploi' }, otherAdmin);
    expect((await h.ok('organismes.list', {}, otherAdmin)).map((o) => o.id)).toEqual([own.id]);
    expect((await h.ok('organismes.list', {}, w.staff.admin.session)).map((o) => o.id)).not.toContain(own.id);
    const renamed = await h.ok('organismes.update', { id: w.organismes.plie.id, name: 'PLIE du Pays d’Artois', type: 'professionnel', active: true }, w.staff.admin.session);
    expect(renamed.name).toBe('PLIE du Pays d’Artois');
    // A dossier of the first MDS is not oriented to the other MDS's organisme.
    await h.err(
      'orientation.decide',
      {
        personId: w.dA.person.id,
        date: '2026-02-01',
        orientation: 'professionnelle_pole_emploi',
        organismeReferentId: own.id,
        correspondantId: w.staff.correspondant.id,
        motif: 'Orientation',
      },
      'VALIDATION',
      w.staff.correspondant.session,
    );
  });
});
