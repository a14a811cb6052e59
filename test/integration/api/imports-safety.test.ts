/**
 * A batch is all or nothing: an error in the middle (injected by a trigger refusing one person, line 1,702 of
 * 2,400) or a cancel while it runs leaves the database exactly as it was — no person, foyer, event, journal line or
 * échéance of the batch — and the progress says so. The batch can then be applied once the cause is gone.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { APPLY_CHUNK } from '../../../main/services/imports/engine';
import { withSql } from './ep-fixtures';
import { storedState, type Harness } from './harness';
import { generatedCafFile, previewInput, useImportWorld } from './imports-fixtures';

const world = useImportWorld();
let h: Harness;
let corr: string;
beforeAll(() => ({ h, corr } = world));

const LINES = 2_400;

describe('a batch is all or nothing', () => {
  it('an error in the middle leaves nothing; the batch applies once the cause is gone', async () => {
    const file = generatedCafFile(LINES, 5_000_000, { line: 1_702, nom: 'PANNE' });
    const preview = await h.ok('imports.preview', previewInput('caf_nouveaux', file, 'panne.csv'), corr);
    expect(preview.counts.nouveau).toBe(LINES);
    await withSql(h, (s) =>
      s.exec(`CREATE TRIGGER test_panne BEFORE INSERT ON persons WHEN NEW.nom_patronymique = 'PANNE' BEGIN SELECT RAISE(ABORT, 'panne injectée'); END`),
    );
    const before = await storedState(h);
    const error = await h.err('imports.apply', { batchId: preview.batchId! }, 'INTERNAL', corr);
    expect(error.message).toContain('n’a pas abouti');
    expect(await storedState(h)).toEqual(before);
    const progress = await h.ok('imports.progress', { batchId: preview.batchId! }, corr);
    expect(progress.state).toBe('echoue');
    expect(progress.done).toBeGreaterThanOrEqual(3 * APPLY_CHUNK);
    expect(progress.message).toContain('rien n’a été enregistré');

    await withSql(h, (s) => s.exec('DROP TRIGGER test_panne'));
    const batch = await h.ok('imports.apply', { batchId: preview.batchId! }, corr);
    expect(batch.counts.nouveau).toBe(LINES);
    const created = await withSql(h, (s) => s.prepare(`SELECT count(*) AS n FROM foyers WHERE caf_number BETWEEN '5000000' AND '5002399'`).get());
    expect(created).toEqual({ n: LINES });
    // The whole batch undone: back to nothing.
    await h.ok('imports.undo', { batchId: preview.batchId! }, corr);
    const left = await withSql(h, (s) => s.prepare(`SELECT count(*) AS n FROM foyers WHERE caf_number BETWEEN '5000000' AND '5002399'`).get());
    expect(left).toEqual({ n: 0 });
  }, 120_000);

  it('a cancel while it runs: rolled back whole at the next chunk', async () => {
    const file = generatedCafFile(LINES, 5_100_000);
    const preview = await h.ok('imports.preview', previewInput('caf_nouveaux', file, 'annule.csv'), corr);
    const batchId = preview.batchId!;
    const before = await storedState(h);
    const applying = h.call('imports.apply', { batchId }, corr);
    let seen = 0;
    for (let i = 0; i < 10_000; i += 1) {
      const p = await h.ok('imports.progress', { batchId }, corr);
      if (p.state === 'en_cours' && p.done >= APPLY_CHUNK) {
        seen = p.done;
        expect(p.total).toBe(LINES);
        expect(await h.ok('imports.cancel', { batchId }, corr)).toEqual({ ok: true, running: true });
        break;
      }
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(seen).toBeGreaterThan(0);
    expect(seen).toBeLessThan(LINES);
    const response = await applying;
    expect(response.ok).toBe(false);
    if (!response.ok) expect(response.error).toMatchObject({ code: 'RULE', message: 'Import annulé : rien n’a été enregistré.' });
    expect(await h.ok('imports.progress', { batchId }, corr)).toMatchObject({ state: 'annule' });
    expect(await storedState(h)).toEqual(before);
    expect(await h.ok('imports.cancel', { batchId }, corr)).toEqual({ ok: true, running: false });
  }, 120_000);
});
