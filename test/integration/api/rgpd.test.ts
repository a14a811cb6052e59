/**
 * RGPD through the API: the right of access (a JSON file with every category, a PDF, recorded in the journal), the
 * purge (only the dossiers due, confirmed by an administrator; afterwards no trace of the person's name anywhere: every
 * table, the search index, the journal, the raw decrypted file; the counts unchanged), and the drafts' retention.
 */
import { copyFileSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unwrapKey } from '../../../db/keyslots';
import { everyTable, expectNothingWritten } from './contracts-fixtures';
import { withSql } from './ep-fixtures';
import { ADMIN, dossierInput, PASSWORDS, startHarness, type Harness } from './harness';
import { interviewWorld, paliers, type InterviewWorld } from './interview-fixtures';
import { addContract, addEpDecision, addPreconisation } from './worklists-fixtures';

const MARKER = 'ZORGLUBIENNE';
const FIRST = 'Quasimodine';
const CAF = '7654321';
/** The business tables whose row counts a purge keeps (statistics). */
const COUNTED = [
  'persons', 'foyers', 'children', 'dsp_revisions', 'ede_assessments', 'orientations', 'orientation_preconisations', 'contracts', 'contract_paps',
  'contract_pap_actions', 'fiches_liaison', 'attachments', 'ep_saisines', 'ep_session_items', 'ep_avis', 'ep_decisions', 'ep_sanctions', 'appointments',
  'documents', 'audit_log',
];

let h: Harness;
let w: InterviewWorld;
let personId: number;
let admin: string;

/** A dossier with data in every category, its name and free text carrying the marker. */
async function markedDossier(): Promise<number> {
  const ref = w.staff.referentA;
  const d = await h.ok('dossiers.create', dossierInput({ nom: MARKER, prenoms: FIRST, caf: CAF, correspondantId: w.staff.correspondant.id }), ref.session);
  const id = d.person.id;
  const ede = await h.ok('ede.create', { personId: id, date: '2026-02-05', gridVersion: 1, paliers: paliers([1, 1, 2, 1, 1, 2, 1, 1]) }, ref.session);
  await h.ok(
    'orientation.decide',
    {
      personId: id,
      date: '2026-02-10',
      orientation: 'solidarite',
      organismeReferentId: w.organismes.mds.id,
      referentId: w.referents.mdsA.id,
      correspondantId: w.staff.correspondant.id,
      motif: `Première orientation de ${MARKER}`,
      divergenceReason: `Situation de ${FIRST}`,
    },
    w.staff.correspondant.session,
  );
  const fiche = await h.ok('fiches.create', { personId: id, date: '2026-02-12', type: 'appui', texte: `Demande d’appui pour ${MARKER} ${FIRST}` } as never, ref.session);
  await h.ok(
    'attachments.upload',
    {
      owner: { type: 'fiche', id: fiche.id },
      kind: 'courrier',
      fileName: `courrier-${MARKER}.pdf`,
      mime: 'application/pdf',
      contentBase64: Buffer.from(`%PDF-1.4\n% ${MARKER}\n%%EOF\n`).toString('base64'),
      documentDate: '2026-02-12',
      label: `Courrier de ${MARKER}`,
    },
    ref.session,
  );
  await h.ok('documents.generate', { kind: 'ede', sourceId: ede.id, final: true }, ref.session);
  await withSql(h, (s) => {
    const by = ref.id;
    s.prepare(`INSERT INTO dsp_revisions (person_id, number, content_json, referential_version, created_by) VALUES (?, 1, ?, 1, ?)`).run(
      id,
      JSON.stringify({ situation: { commentaire: `${MARKER} vit seule` } }),
      by,
    );
    addPreconisation(s, id, by, '2026-02-08');
    s.prepare('UPDATE orientation_preconisations SET comment = ? WHERE person_id = ?').run(`Avis sur ${FIRST}`, id);
    const contract = addContract(s, id, by, { status: 'brouillon', start: '2026-01-01', end: '2026-02-28' });
    s.prepare('UPDATE contracts SET content = ?, etat_civil = ? WHERE id = ?').run(
      JSON.stringify({ objectifs: `Objectifs de ${MARKER}`, resultatsAttendus: 'Emploi', referent: { lieuSuivi: 'MDS', prochainsRendezVous: [] }, cerp: null }),
      JSON.stringify({ nomPatronymique: MARKER, prenoms: FIRST, dateNaissance: '1988-11-03', cafNumber: CAF }),
      contract,
    );
    const pap = s.prepare(`INSERT INTO contract_paps (contract_id, version, origin, actions_referential_version) VALUES (?, 1, 'initial', 1)`).run(contract).lastInsertRowid;
    s.prepare(
      `INSERT INTO contract_pap_actions (pap_id, position, theme, action_code, services, start, "end", engagement_referent, engagement_beneficiaire, origin)
       VALUES (?, 1, 'A', 'A.1', '[]', '2026-01-01', '2026-02-28', ?, ?, 'referent')`,
    ).run(pap, `Accompagner ${MARKER}`, `${FIRST} s’engage`);
    // Signed: frozen by the triggers of migration 0004 (the purge must still erase its free text).
    s.prepare(`UPDATE contracts SET status = 'en_cours', signed_on = '2026-01-01' WHERE id = ?`).run(contract);
    const decision = addEpDecision(s, id, by, '2026-02-20');
    const { item_id: item, saisine_id: saisine } = s.prepare('SELECT item_id, saisine_id FROM ep_decisions WHERE id = ?').get(decision) as { item_id: number; saisine_id: number };
    s.prepare(`INSERT INTO ep_avis (item_id, saisine_id, date, sens, motivation, late, recorded_by) VALUES (?, ?, '2026-02-15', 'favorable', ?, 0, ?)`).run(
      item,
      saisine,
      `${MARKER} n’a pas répondu`,
      by,
    );
    s.prepare(
      `INSERT INTO ep_sanctions (decision_id, person_id, kind, start, couple, dependants, schedule_json, rsa_amounts_version) VALUES (?, ?, 'non_signature', '2026-03-01', 0, 0, ?, 1)`,
    ).run(decision, id, JSON.stringify({ personAlone: true, lines: [{ month: '2026-03-01' }], stoppedBy: 'horizon', radiation: null }));
    s.prepare(
      `INSERT INTO appointments (person_id, referent_user_id, date, time, place, object, with_convocation, outcome, outcome_note) VALUES (?, ?, '2026-02-25', '09:30', 'MDS', ?, 0, 'present', ?)`,
    ).run(id, by, `Point avec ${MARKER}`, `${FIRST} est venue`);
    // Rows written here are stamped by SQLite's clock: put them on the test's day.
    const at = h.clock.now.toISOString();
    for (const [table, column] of [
      ['dsp_revisions', 'created_at'],
      ['orientation_preconisations', 'recorded_at'],
      ['contracts', 'updated_at'],
      ['appointments', 'updated_at'],
    ]) {
      s.prepare(`UPDATE ${table} SET ${column} = ? WHERE person_id = ?`).run(at, id);
    }
  });
  return id;
}

beforeAll(async () => {
  h = await startHarness();
  w = await interviewWorld(h);
  admin = w.staff.admin.session;
  personId = await markedDossier();
}, 120_000);

afterAll(async () => {
  await h.dispose();
});

describe('right of access', () => {
  it('exports every category held on the person as JSON and a PDF, recorded in the journal', async () => {
    const out = await h.ok('rgpd.exportPerson', { personId }, w.staff.correspondant.session);
    const file = JSON.parse(out.json.text) as { personId: number; data: Record<string, unknown> };
    expect(file.personId).toBe(personId);
    const d = file.data as Record<string, unknown[] & Record<string, unknown[]>> & { identite: { personne: { nomPatronymique: string } } };
    expect(d.identite.personne.nomPatronymique).toBe(MARKER);
    for (const category of ['dsp', 'ede', 'preconisations', 'orientations', 'contrats', 'fichesDeLiaison', 'piecesJointes', 'rendezVous', 'documents', 'journal']) {
      expect(d[category], category).not.toHaveLength(0);
    }
    const ep = d.equipePluridisciplinaire as unknown as Record<string, unknown[]>;
    for (const category of ['saisines', 'inscriptions', 'avis', 'decisions', 'sanctions']) expect(ep[category], category).not.toHaveLength(0);
    expect((d.contrats![0] as unknown as { pap: { actions: unknown[] }[] }).pap[0]!.actions).toHaveLength(1);
    // The bytes of attachments and archived PDFs are listed, not exported.
    expect(out.json.text).not.toContain('"pdf"');
    const pdf = Buffer.from(out.pdf.base64, 'base64');
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(out.pdf.pageCount).toBeGreaterThan(0);
    const exports = await withSql(h, (s) => s.prepare(`SELECT user_login, after_json FROM audit_log WHERE entity = 'rgpd_export' AND entity_id = ?`).all(String(personId)));
    expect(exports).toEqual([{ user_login: 'cora', after_json: expect.stringContaining('"dsp":1') as string }]);
  }, 60_000);

  it('is refused to a référent and to the EP secretary', async () => {
    await h.err('rgpd.exportPerson', { personId }, 'FORBIDDEN', w.staff.referentA.session);
    await h.err('rgpd.exportPerson', { personId }, 'FORBIDDEN', w.staff.secretaire.session);
  });
});

describe('purge', () => {
  it('lists nothing today: every dossier is in active use', async () => {
    const out = await h.ok('rgpd.purgeCandidates', {}, admin);
    expect(out.candidates).toEqual([]);
    await expectNothingWritten(h, () => h.err('rgpd.purge', { personIds: [personId], confirm: true }, 'RULE', admin));
  });

  it('after 5 years without activity, lists the dossier with why, and refuses a dossier still in use', async () => {
    h.clock.now = new Date('2031-03-02T09:00:00.000Z');
    admin = (await h.ok('auth.login', { login: ADMIN.login, password: ADMIN.password })).session;
    const referent = (await h.ok('auth.login', { login: 'remi', password: PASSWORDS.referentA })).session;
    const fresh = await h.ok('dossiers.create', dossierInput({ nom: 'RECENT', prenoms: 'Rita' }), referent);
    const out = await h.ok('rgpd.purgeCandidates', {}, admin);
    const mine = out.candidates.find((c) => c.personId === personId);
    expect(mine).toMatchObject({ cafNumber: CAF, lastActivity: '2026-03-02', dueSince: '2031-03-02', blocker: null });
    expect(mine?.reason).toMatch(/^Aucune activité depuis le 02\/03\/2026/);
    expect(out.candidates.map((c) => c.personId)).not.toContain(fresh.person.id);
    await expectNothingWritten(h, async () => {
      await h.err('rgpd.purge', { personIds: [personId, fresh.person.id], confirm: true }, 'RULE', admin);
      await h.err('rgpd.purge', { personIds: [personId], confirm: true }, 'FORBIDDEN', referent);
      await h.err('rgpd.purge', { personIds: [personId], confirm: false as never }, 'VALIDATION', admin);
    });
  });

  it('anonymises the dossier: no trace of the name anywhere, raw file included; counts unchanged; the purge is journalled', async () => {
    const count = async () => withSql(h, (s) => Object.fromEntries(COUNTED.map((t) => [t, (s.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n])));
    const before = await count();
    expect(JSON.stringify(await everyTable(h))).toContain(MARKER);
    const result = await h.ok('rgpd.purge', { personIds: [personId], confirm: true }, admin);
    expect(result).toMatchObject({ purged: 1, foyers: 1 });
    expect(result.auditLines).toBeGreaterThan(3);

    const after = await count();
    expect(after).toEqual({ ...before, audit_log: before.audit_log! + 1 });
    const tables = JSON.stringify(await everyTable(h));
    for (const term of [MARKER, FIRST, CAF]) expect(tables, term).not.toContain(term);
    expect(tables).toContain('"nomPatronymique\\":\\"MARTIN\\"');
    expect(tables).toContain(`Personne anonymisée n° ${personId}`);
    await withSql(h, (s) => {
      expect(s.prepare(`SELECT rowid FROM person_search WHERE person_search MATCH ?`).all(`"${MARKER.slice(0, 6)}"`)).toEqual([]);
      expect(s.prepare(`SELECT count(*) AS n FROM attachment_blobs b JOIN attachments a ON a.id = b.attachment_id WHERE a.person_id = ?`).get(personId)).toEqual({ n: 0 });
      expect(s.prepare(`SELECT length(pdf) AS n FROM documents WHERE person_id = ?`).all(personId)).toEqual([{ n: 0 }]);
      expect(s.prepare(`SELECT date_naissance, purged_at FROM persons WHERE id = ?`).get(personId)).toEqual({ date_naissance: '1988-01-01', purged_at: h.clock.now.toISOString() });
      // The other dossiers' journal lines are untouched (though they share the fixture's phone and address).
      expect(s.prepare(`SELECT count(*) AS n FROM audit_log WHERE anonymised_at IS NOT NULL AND entity IN ('person', 'foyer') AND entity_id <> ?`).get(String(personId))).toEqual({ n: 1 });
      const purge = s.prepare(`SELECT user_login, after_json FROM audit_log WHERE entity = 'rgpd_purge'`).get() as { user_login: string; after_json: string };
      expect(purge.user_login).toBe(ADMIN.login);
      expect(JSON.parse(purge.after_json)).toMatchObject({ purged: 1, personIds: [personId] });
    });
    // Another dossier keeps its name (the search still finds it).
    expect(await h.ok('dossiers.search', { query: 'MARTIN' }, admin)).not.toHaveLength(0);

    // The raw file, decrypted page by page (free pages included): the name is gone, another is there.
    await h.app.close();
    const key = await unwrapKey(path.join(h.dataDir, 'parcours.keys.json'), ADMIN.login, ADMIN.password);
    const copy = path.join(h.dataDir, 'raw-copy.db');
    copyFileSync(path.join(h.dataDir, 'parcours.db'), copy);
    const raw = new Database(copy);
    raw.pragma("cipher = 'sqlcipher'");
    raw.pragma(`key = "x'${key!.toString('hex')}'"`);
    raw.pragma("rekey = ''");
    raw.close();
    const bytes = readFileSync(copy);
    expect(bytes.includes('SQLite format 3')).toBe(true);
    expect(bytes.includes('MARTIN')).toBe(true);
    for (const term of [MARKER, FIRST, CAF]) {
      expect(bytes.includes(term), term).toBe(false);
      expect(bytes.includes(Buffer.from(term, 'utf16le')), term).toBe(false);
    }
    await h.restart();
    admin = (await h.ok('auth.login', { login: ADMIN.login, password: ADMIN.password })).session;
    expect((await h.ok('dossiers.get', { personId }, admin)).person.nomPatronymique).toBe(`Personne anonymisée n° ${personId}`);
    expect((await h.ok('rgpd.purgeCandidates', {}, admin)).candidates.map((c) => c.personId)).not.toContain(personId);
    await h.err('rgpd.purge', { personIds: [personId], confirm: true }, 'RULE', admin);
  }, 60_000);
});

describe('drafts', () => {
  it('a draft older than 30 days is not offered and is deleted at the next save', async () => {
    await h.ok('drafts.save', { key: 'dsp:1', data: { a: 1 } }, admin);
    h.clock.now = new Date(h.clock.now.getTime() + 31 * 86_400_000);
    admin = (await h.ok('auth.login', { login: ADMIN.login, password: ADMIN.password })).session;
    expect(await h.ok('drafts.get', { key: 'dsp:1' }, admin)).toBeNull();
    expect(await withSql(h, (s) => s.prepare(`SELECT count(*) AS n FROM drafts WHERE key = 'dsp:1'`).get())).toEqual({ n: 1 });
    await h.ok('drafts.save', { key: 'ede:1', data: { b: 1 } }, admin);
    expect(await withSql(h, (s) => s.prepare(`SELECT key FROM drafts`).pluck().all())).toEqual(['ede:1']);
  });

  it('keeps the 50 newest drafts of a user: the oldest go', async () => {
    for (let i = 0; i < 52; i++) {
      h.clock.advanceMinutes(1);
      await h.ok('drafts.save', { key: `cap:${i}`, data: { i } }, admin);
    }
    const keys = await withSql(h, (s) => s.prepare(`SELECT key FROM drafts ORDER BY updated_at`).pluck().all() as string[]);
    expect(keys).toHaveLength(50);
    expect(keys).not.toContain('ede:1');
    // With ede:1 from the test above, 53 drafts: the 3 oldest went.
    expect(keys).not.toContain('cap:0');
    expect(keys).not.toContain('cap:1');
    expect(keys[0]).toBe('cap:2');
    expect(keys.at(-1)).toBe('cap:51');
  });
});
