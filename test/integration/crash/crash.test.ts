/**
 * kill -9 during writes, and during a backup (issue 13 §5), short version: 3 kills. The long one, 20 kills with the
 * figures: `npm run proof:crash` (test/crash/proof.ts, figures in docs/performance.md « Preuve : arrêt brutal »).
 *
 * A real app in a child process (writer.ts) writes in parallel through the typed API — dossiers, fiches with a PDF
 * attachment, DSP, orientation, EDE, contracts created and signed, archived PDFs, drafts, and backups in the last
 * round — and logs each acknowledged write; it is killed with SIGKILL at a random moment; check.ts then opens the
 * folder again and finds every acknowledged write, every record with its audit line, the échéancier equal to a
 * recomputation, the database intact, and every backup complete and verifiable or temporary.
 *
 * The second test shows that the checks fail when what they look for is broken: an acknowledged write missing, a
 * record without its audit line (what a service writing its journal outside the write's transaction would leave after
 * a kill between both), an audit line without its record, a stale échéancier, a broken foreign key, a damaged backup,
 * a damaged database.
 */
import { appendFileSync, closeSync, openSync, readdirSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_FILE_NAME } from '../../../db/keyslots';
import { DEFAULT_FOLDER_NAME } from '../../../main/services/backup/settings';
import { checkCrashFolder, crashKey, openKeyed, readAcks } from './check';
import { CrashProof, type RoundResult } from './rounds';
import { workFiles, type Ack } from './world';

let proof: CrashProof;
beforeAll(() => {
  proof = new CrashProof();
});
afterAll(() => {
  proof?.dispose();
});

const reached = (acks: readonly Ack[], method: string) => acks.some((a) => a.kind === 'row' && a.method === method);

describe('kill -9 during writes and during a backup', () => {
  it('3 kills: nothing acknowledged is lost, the database is intact, every record has its audit line', async () => {
    const results: RoundResult[] = [];
    results.push(await proof.run());
    // Not killed before the burst reached attachments and archived PDFs.
    results.push(await proof.run({ killWhen: (acks, fresh) => fresh > 0 && reached(acks, 'attachments.upload') && reached(acks, 'documents.generate') }));
    results.push(await proof.run({ withBackup: true }));
    for (const r of results) {
      expect(r.refusals, `tour ${r.round}`).toEqual([]);
      expect(r.killed, `tour ${r.round} : arrêté par SIGKILL`).toBe(true);
      expect(r.newAcks, `tour ${r.round} : écritures acquittées`).toBeGreaterThan(0);
      expect(r.check.problems, `tour ${r.round}`).toEqual([]);
      expect(r.check.lost).toBe(0);
    }
    // The last kill came while a backup was being written: its temporary folder stays, ignored.
    expect(results[2]!.check.killedDuringBackup).toBe(true);
    expect(results[2]!.check.backups.temporary).toBeGreaterThan(0);

    // The app starts again on the folder, reads, writes, backs up; everything still holds.
    expect(await proof.restartAndUse()).toEqual([]);
    const after = await proof.check();
    expect(after.problems).toEqual([]);
    expect(after.backups.complete).toBeGreaterThan(0);
    expect(after.acked['attachments.upload']).toBeGreaterThan(0);
    expect(after.acked['documents.generate']).toBeGreaterThan(0);
  }, 180_000);

  it('the checks fail on a folder where an acknowledged write, an audit line, the échéancier, a key or a backup is wrong', async () => {
    const files = workFiles(proof.workDir);
    const acks = readAcks(files.ackLog);
    const person = acks.find((a) => a.kind === 'row' && a.table === 'persons');
    expect(person).toBeDefined();
    // Acknowledged writes the folder does not hold.
    const fake: Ack[] = [
      { kind: 'row', method: 'dossiers.create', table: 'persons', id: 999_999, audit: 'create' },
      { kind: 'row', method: 'dossiers.update', table: 'persons', id: (person as { id: number }).id, audit: 'update', version: 999 },
      { kind: 'draft', userId: 1, key: 'crash:admin:0', n: 999_999_999 },
      { kind: 'backup', id: 999_999, path: path.join(files.dataDir, DEFAULT_FOLDER_NAME, 'parcours-absente') },
    ];
    appendFileSync(files.ackLog, fake.map((a) => `${JSON.stringify(a)}\n`).join(''));

    const db = path.join(files.dataDir, DATABASE_FILE_NAME);
    const sqlite = openKeyed(db, await crashKey(files.dataDir));
    let auditRootPage: number | undefined;
    try {
      auditRootPage = sqlite.prepare("SELECT rootpage FROM sqlite_master WHERE name = 'audit_log'").pluck().get() as number;
      expect(sqlite.pragma('page_size', { simple: true })).toBe(4096);
      // A record written without its audit line, an audit line without its record.
      sqlite.prepare("INSERT INTO organismes_referents (mds_id, name, type) VALUES (1, 'Sans journal', 'solidarite')").run();
      sqlite
        .prepare("INSERT INTO audit_log (at, user_id, user_login, entity, entity_id, action, before_json, after_json) VALUES (?, 1, 'admin', 'fiche_liaison', '888888', 'create', NULL, '{}')")
        .run(new Date().toISOString());
      // A stale échéancier; a broken foreign key.
      const due = sqlite.prepare('DELETE FROM due_items WHERE id = (SELECT min(id) FROM due_items)').run();
      expect(due.changes).toBe(1);
      sqlite.pragma('foreign_keys = OFF');
      sqlite.prepare("INSERT INTO children (foyer_id, prenom, date_naissance) VALUES (777777, 'Orphelin', '2020-01-01')").run();
    } finally {
      sqlite.close();
    }
    // A backup altered after it was written.
    const root = path.join(files.dataDir, DEFAULT_FOLDER_NAME);
    const backup = readdirSync(root).find((n) => n.startsWith('parcours-'));
    expect(backup).toBeDefined();
    const backupDb = path.join(root, backup!, DATABASE_FILE_NAME);
    const bytes = readFileSync(backupDb);
    bytes.writeUInt8(bytes.readUInt8(bytes.length - 100) ^ 0xff, bytes.length - 100);
    writeFileSync(backupDb, bytes);

    const { problems, lost } = await checkCrashFolder(proof.workDir);
    const expected = [
      /perdue : dossiers\.create → persons n° 999999/,
      /perdue : dossiers\.update → persons n° \d+ version 999/,
      /perdue : drafts\.save → brouillon crash:admin:0 n° 999999999 /,
      /perdue : backups\.create → sauvegarde n° 999999/,
      /organismes_referents : 1 ligne\(s\) sans ligne de journal/,
      /journal : 1 ligne\(s\) « create » de fiche_liaison sans l’enregistrement \(n° 888888\)/,
      /due_items : 0 élément\(s\) en trop, 1 manquant/,
      /foreign_key_check : children/,
      new RegExp(`sauvegarde ${backup!}.*endommagée`),
    ];
    for (const pattern of expected) expect(problems.some((p) => pattern.test(p)), `${pattern} dans ${JSON.stringify(problems)}`).toBe(true);
    expect(lost).toBeGreaterThanOrEqual(5);

    // A damaged database: one 4 KiB page zeroed (the journal's root page, which every check reads).
    expect(auditRootPage).toBeGreaterThan(1);
    const fd = openSync(db, 'r+');
    try {
      writeSync(fd, Buffer.alloc(4096), 0, 4096, (auditRootPage! - 1) * 4096);
    } finally {
      closeSync(fd);
    }
    const damaged = await checkCrashFolder(proof.workDir).then(
      (r) => r.problems,
      (error: unknown) => [String(error)],
    );
    expect(damaged.length).toBeGreaterThan(0);
  }, 60_000);
});
