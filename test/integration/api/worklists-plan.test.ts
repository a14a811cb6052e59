/**
 * The work lists stay fast at 50,000 foyers (issue 12): no statement reads a whole table. The person lists walk the
 * scope's persons through an index (a référent's: persons_referent_id_idx; an MDS's: foyers_mds_id_idx), every
 * other table is reached by an index or its primary key. Figures measured: docs/rules.md « Issue 12 — listes de
 * travail » and the lead's report.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { worklistCountSql, worklistPageSql } from '../../../db/queries/worklists';
import { openTestDatabase, removeTempDir, type TestDatabase } from '../../../db/testing';
import { WORKLISTS, type WorklistKind } from '../../../shared/api/desk';

let t: TestDatabase;
beforeAll(() => {
  t = openTestDatabase();
});
afterAll(() => {
  t.close();
  removeTempDir(t.dir);
});

const PARAMS = { mdsId: 1, referentId: 2, terms: '["dupont"]', today: '2026-03-02', since: '2026-01-31', limit: 50, offset: 0 };

function plan(sql: string): string[] {
  const used = Object.fromEntries(Object.entries(PARAMS).filter(([name]) => new RegExp(`@${name}\\b`).test(sql)));
  return (t.sqlite.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(used) as { detail: string }[]).map((r) => r.detail);
}

/** A full scan of a stored table (scans of subquery results, json_each or the query's own rows are fine). */
const tableScans = (lines: string[]) => lines.filter((l) => /^SCAN /.test(l) && !/^SCAN (x|y|z|t VIRTUAL TABLE|\(subquery-\d+\))/.test(l));

describe('query plans of the work lists', () => {
  const lists = Object.keys(WORKLISTS) as WorklistKind[];
  it.each(lists)('%s: no full table scan, the scope through its index', (list) => {
    for (const referent of [false, true]) {
      for (const filtered of [false, true]) {
        const count = plan(worklistCountSql(list, referent, filtered));
        const page = plan(worklistPageSql(list, referent, filtered, 'person', 'ASC'));
        for (const lines of [count, page]) {
          expect(tableScans(lines), `${list} référent=${referent} filtre=${filtered}\n${lines.join('\n')}`).toEqual([]);
          const scope = lines.join('\n');
          if (referent) expect(scope).toMatch(/persons_referent_id_idx|contracts_status_idx|fiches_liaison_status_sent_idx/);
          else expect(scope).toMatch(/foyers_mds_id_idx|contracts_status_idx|fiches_liaison_status_sent_idx/);
        }
      }
    }
  });

  it('a référent’s record lists start from their persons, not from every record of the département', () => {
    for (const list of ['contrats_a_valider', 'fiches_envoyees'] as const) {
      const lines = plan(worklistCountSql(list, true, false));
      expect(lines[0], lines.join('\n')).toMatch(/persons_referent_id_idx/);
    }
  });
});
