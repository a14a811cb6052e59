/**
 * Migration of the printed documents' archive (`migrationCase`): migrate to n−1, insert data, migrate to n, check the data kept,
 * the new table, its blob column and its constraints.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { insertDossier, insertMds, insertUser, migrationCase, tableNames } from './testing';

describe('migration of the documents archive', () => {
  it('0005_documents adds the documents table (PDF bytes as a blob), keeping earlier data', () => {
    migrationCase(
      '0005_documents',
      (sqlite) => {
        const mdsId = insertMds(sqlite);
        const userId = insertUser(sqlite, { login: 'remi', displayName: 'Rémi Référent', mdsId });
        const { personId } = insertDossier(sqlite, { cafNumber: '7654321', mdsId, nomPatronymique: 'LEFÈVRE', prenoms: 'Hélène' });
        expect(tableNames(sqlite)).not.toContain('documents');
        return { userId, personId };
      },
      (sqlite, { userId, personId }) => {
        expect(tableNames(sqlite)).toContain('documents');
        expect(sqlite.prepare('SELECT nom_patronymique AS nom, prenoms FROM persons WHERE id = ?').get(personId)).toEqual({
          nom: 'LEFÈVRE',
          prenoms: 'Hélène',
        });

        const bytes = Buffer.from('%PDF-1.3\n%\xff\xff\xff\xff\n% archive\n', 'latin1');
        const sha = createHash('sha256').update(bytes).digest('hex');
        const insert = sqlite.prepare(
          `INSERT INTO documents (kind, person_id, source_entity, source_id, source_version, input_hash, title, file_name, page_count, sha256, size, pdf, is_final, created_by, created_by_name)
           VALUES (?, ?, 'contract', 12, 3, ?, 'CERP n° 12', 'CERP 12.pdf', 10, ?, ?, ?, ?, ?, 'Rémi Référent')`,
        );
        const id = Number(insert.run('contrat', personId, 'h1', sha, bytes.length, bytes, 1, userId).lastInsertRowid);
        const row = sqlite.prepare('SELECT pdf, sha256, mime, copies, is_final AS isFinal, created_at AS createdAt FROM documents WHERE id = ?').get(id) as {
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
      },
    );
  });

  it('0006_ep_documents lets a document belong to no dossier (an EP session’s), keeping the archive byte for byte', () => {
    migrationCase(
      '0006_ep_documents',
      (sqlite) => {
        const mdsId = insertMds(sqlite);
        const userId = insertUser(sqlite, { login: 'remi', displayName: 'Rémi Référent', mdsId });
        const { personId } = insertDossier(sqlite, { cafNumber: '7654321', mdsId, nomPatronymique: 'LEFÈVRE', prenoms: 'Hélène' });
        const bytes = Buffer.from('%PDF-1.3\n%\xff\xff\n% archive\n', 'latin1');
        const id = Number(
          sqlite
            .prepare(
              `INSERT INTO documents (kind, person_id, source_entity, source_id, source_version, input_hash, title, file_name, page_count, sha256, size, pdf, created_by, created_by_name)
               VALUES ('contrat', ?, 'contract', 12, 3, 'h1', 'CERP n° 12', 'CERP 12.pdf', 10, 'abc', ?, ?, ?, 'Rémi Référent')`,
            )
            .run(personId, bytes.length, bytes, userId).lastInsertRowid,
        );
        expect(() =>
          sqlite
            .prepare(
              `INSERT INTO documents (kind, person_id, source_entity, source_id, source_version, input_hash, title, file_name, page_count, sha256, size, pdf, created_by_name)
               VALUES ('ep_convocations', NULL, 'ep_session', 1, 0, 'h2', 'Convocations', 'Convocations.pdf', 1, 'abc', 1, x'25', 'Sam')`,
            )
            .run(),
        ).toThrow(/NOT NULL/);
        return { id, personId, userId, bytes };
      },
      (sqlite, { id, personId, userId, bytes }) => {
        const kept = sqlite.prepare('SELECT person_id AS personId, pdf, created_by AS createdBy FROM documents WHERE id = ?').get(id) as {
          personId: number;
          pdf: Buffer;
          createdBy: number;
        };
        expect(kept).toMatchObject({ personId, createdBy: userId });
        expect(Buffer.compare(kept.pdf, bytes)).toBe(0);
        const insert = sqlite.prepare(
          `INSERT INTO documents (kind, person_id, source_entity, source_id, source_version, input_hash, title, file_name, page_count, sha256, size, pdf, created_by_name)
           VALUES ('ep_convocations', ?, 'ep_session', 1, 0, ?, 'Convocations', 'Convocations.pdf', 1, 'abc', 1, x'25', 'Sam')`,
        );
        expect(() => insert.run(null, 'h2')).not.toThrow();
        // Still one final document per source and content, and a dossier that exists.
        expect(() => insert.run(null, 'h2')).toThrow(/UNIQUE/);
        expect(() => insert.run(9999, 'h3')).toThrow(/FOREIGN KEY/);
        expect(sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'documents' ORDER BY name").all()).toEqual([
          { name: 'documents_final_input_uq' },
          { name: 'documents_person_idx' },
          { name: 'documents_source_idx' },
        ]);
      },
    );
  });
});
