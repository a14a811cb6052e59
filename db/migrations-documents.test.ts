/**
 * Migration of the printed documents' archive: migrate to n−1, insert data, migrate to n, check the data kept,
 * the new table, its blob column and its constraints.
 */
import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { knownMigrations, migrate, schemaVersion } from './migrate';
import type { TestDatabase } from './testing';
import { insertDossier, insertMds, insertUser, openTestDatabase, removeTempDir } from './testing';

const opened: TestDatabase[] = [];
afterEach(() => {
  while (opened.length) {
    const t = opened.pop()!;
    t.close();
    removeTempDir(t.dir);
  }
});

const tableNames = (t: TestDatabase) =>
  (t.sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((r) => r.name);

describe('migration of the documents archive', () => {
  it('0005_documents adds the documents table (PDF bytes as a blob), keeping earlier data', () => {
    const n = knownMigrations().findIndex((m) => m.tag === '0005_documents');
    expect(n).toBeGreaterThan(0);
    const t = openTestDatabase({ upTo: n });
    opened.push(t);
    const mdsId = insertMds(t.sqlite);
    const userId = insertUser(t.sqlite, { login: 'remi', displayName: 'Rémi Référent', mdsId });
    const { personId } = insertDossier(t.sqlite, { cafNumber: '7654321', mdsId, nomPatronymique: 'LEFÈVRE', prenoms: 'Hélène' });
    expect(tableNames(t)).not.toContain('documents');

    expect(migrate(t.sqlite, { upTo: n + 1 }).applied).toEqual([{ idx: n, tag: '0005_documents' }]);
    expect(schemaVersion(t.sqlite)).toBe(n + 1);
    expect(tableNames(t)).toContain('documents');
    expect(t.sqlite.prepare('SELECT nom_patronymique AS nom, prenoms FROM persons WHERE id = ?').get(personId)).toEqual({
      nom: 'LEFÈVRE',
      prenoms: 'Hélène',
    });

    const bytes = Buffer.from('%PDF-1.3\n%\xff\xff\xff\xff\n% archive\n', 'latin1');
    const sha = createHash('sha256').update(bytes).digest('hex');
    const insert = t.sqlite.prepare(
      `INSERT INTO documents (kind, person_id, source_entity, source_id, source_version, input_hash, title, file_name, page_count, sha256, size, pdf, is_final, created_by, created_by_name)
       VALUES (?, ?, 'contract', 12, 3, ?, 'CERP n° 12', 'CERP 12.pdf', 10, ?, ?, ?, ?, ?, 'Rémi Référent')`,
    );
    const id = Number(insert.run('contrat', personId, 'h1', sha, bytes.length, bytes, 1, userId).lastInsertRowid);
    const row = t.sqlite.prepare('SELECT pdf, sha256, mime, copies, is_final AS isFinal, created_at AS createdAt FROM documents WHERE id = ?').get(id) as {
      pdf: Buffer;
      sha256: string;
      mime: string;
      copies: number;
      isFinal: number;
      createdAt: string;
    };
    // The bytes come back identical; defaults apply.
    expect(Buffer.compare(row.pdf, bytes)).toBe(0);
    expect(createHash('sha256').update(row.pdf).digest('hex')).toBe(sha);
    expect(row).toMatchObject({ mime: 'application/pdf', copies: 1, isFinal: 1 });
    expect(row.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);

    // One final document per source and content; drafts (is_final = 0) are not constrained.
    expect(() => insert.run('contrat', personId, 'h1', sha, bytes.length, bytes, 1, userId)).toThrow(/UNIQUE/);
    expect(() => insert.run('contrat', personId, 'h2', sha, bytes.length, bytes, 1, userId)).not.toThrow();
    expect(() => insert.run('contrat', personId, 'h1', sha, bytes.length, bytes, 0, userId)).not.toThrow();
    // A document belongs to an existing person and an existing author.
    expect(() => insert.run('contrat', 9999, 'h3', sha, bytes.length, bytes, 1, userId)).toThrow(/FOREIGN KEY/);
    expect(() => insert.run('contrat', personId, 'h4', sha, bytes.length, bytes, 1, 9999)).toThrow(/FOREIGN KEY/);
  });
});
