/**
 * kill -9 in the middle of a batch: a child process (imports-crash-writer.ts) runs the real app, previews a CAF
 * list of 4,000 foyers and applies it; it is killed with SIGKILL once the progress says some chunks are done.
 * Then nothing of the batch is in the database — no foyer, person, child, journal line or échéance — the database
 * is intact, the batch is still an « aperçu », and it applies whole after the restart.
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APPLY_CHUNK } from '../../../main/services/imports/engine';
import { withSql } from './ep-fixtures';
import { PASSWORDS, startHarness, type Harness } from './harness';
import { generatedCafFile, importWorld } from './imports-fixtures';

const WRITER = path.join(path.dirname(fileURLToPath(import.meta.url)), 'imports-crash-writer.ts');
const LINES = 4_000;
const FIRST_CAF = 7_000_000;

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
  await importWorld(h);
}, 60_000);
afterAll(async () => {
  await h?.dispose();
});

/** Runs the writer and kills it with SIGKILL once `killAt` lines are applied (but not all). */
function runAndKill(file: string, killAt: number): Promise<{ signal: NodeJS.Signals | null; batchId: number; lastProgress: number; applied: boolean }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', WRITER, h.dataDir, file, 'cora', PASSWORDS.correspondant], { stdio: ['ignore', 'pipe', 'pipe'] });
    let batchId = 0;
    let lastProgress = 0;
    let applied = false;
    let out = '';
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const lines = out.split('\n');
      out = lines.pop() ?? '';
      for (const line of lines) {
        if (line.startsWith('BATCH ')) batchId = Number(line.slice(6));
        if (line === 'APPLIED') applied = true;
        if (line.startsWith('PROGRESS ')) {
          lastProgress = Math.max(lastProgress, Number(line.slice(9)));
          if (lastProgress >= killAt && lastProgress < LINES && child.exitCode === null) child.kill('SIGKILL');
        }
      }
    });
    child.on('error', reject);
    child.on('exit', (_code, signal) => (batchId === 0 ? reject(new Error(`le processus enfant s’est arrêté sans lot : ${err}`)) : resolve({ signal, batchId, lastProgress, applied })));
  });
}

const batchRows = (s: Parameters<Parameters<typeof withSql>[1]>[0]) => ({
  foyers: s.prepare('SELECT count(*) FROM foyers WHERE caf_number BETWEEN ? AND ?').pluck().get(String(FIRST_CAF), String(FIRST_CAF + LINES - 1)),
  persons: s.prepare(`SELECT count(*) FROM persons WHERE nom_patronymique LIKE 'NOM%'`).pluck().get(),
  children: s.prepare('SELECT count(*) FROM children c JOIN foyers f ON f.id = c.foyer_id WHERE f.caf_number BETWEEN ? AND ?').pluck().get(String(FIRST_CAF), String(FIRST_CAF + LINES - 1)),
  journal: s.prepare(`SELECT count(*) FROM audit_log WHERE entity = 'person' AND after_json LIKE '%"nomPatronymique":"NOM%'`).pluck().get(),
  dueItems: s.prepare(`SELECT count(*) FROM due_items WHERE person_name LIKE 'NOM%'`).pluck().get(),
});

describe('kill -9 in the middle of a batch', () => {
  it('leaves nothing half-written; the batch applies whole after the restart', async () => {
    await h.app.close();
    const file = path.join(h.dataDir, 'gros.csv');
    writeFileSync(file, generatedCafFile(LINES, FIRST_CAF));
    const run = await runAndKill(file, 2 * APPLY_CHUNK);
    expect(run.signal).toBe('SIGKILL');
    expect(run.applied).toBe(false);
    expect(run.lastProgress).toBeGreaterThanOrEqual(2 * APPLY_CHUNK);
    expect(run.lastProgress).toBeLessThan(LINES);

    await h.restart();
    expect(await withSql(h, (s) => s.pragma('integrity_check', { simple: true }))).toBe('ok');
    expect(await withSql(h, batchRows)).toEqual({ foyers: 0, persons: 0, children: 0, journal: 0, dueItems: 0 });
    expect(await withSql(h, (s) => s.prepare('SELECT status FROM import_batches WHERE id = ?').pluck().get(run.batchId))).toBe('apercu');

    const { session } = await h.ok('auth.login', { login: 'cora', password: PASSWORDS.correspondant });
    const batch = await h.ok('imports.apply', { batchId: run.batchId }, session);
    expect(batch.counts.nouveau).toBe(LINES);
    expect(await withSql(h, batchRows)).toMatchObject({ foyers: LINES, persons: LINES, journal: LINES, dueItems: LINES });
  }, 180_000);
});
