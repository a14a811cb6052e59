/** 0013: import batches and rows, mappings, France Travail events, the communes of each MDS, merges; persons keep their rows. */
import { describe, expect, it } from 'vitest';
import { insertDossier, insertMds, migrationCase, tableNames } from './testing';

describe('migration of the imports', () => {
  it('0013_imports_merges_communes adds the tables and the persons’ France Travail status and merge link, keeping rows', () => {
    migrationCase(
      '0013_imports_merges_communes',
      (sqlite) => {
        const mdsId = insertMds(sqlite);
        const { personId } = insertDossier(sqlite, { cafNumber: '1234567', mdsId, nomPatronymique: 'Martin', prenoms: 'Léa' });
        expect(tableNames(sqlite)).not.toContain('import_batches');
        return { personId };
      },
      (sqlite, { personId }) => {
        expect(tableNames(sqlite)).toEqual(expect.arrayContaining(['import_batches', 'import_rows', 'import_mappings', 'ft_events', 'mds_communes', 'person_merges']));
        expect(sqlite.prepare('SELECT nom_patronymique, ft_status, merged_into_id FROM persons WHERE id = ?').get(personId)).toEqual({
          nom_patronymique: 'Martin',
          ft_status: null,
          merged_into_id: null,
        });
      },
    );
  });

  it('0014_import_rows_indexes_fiche_due indexes the import rows’ foreign keys and marks a person dirty when a fiche changes', () => {
    migrationCase(
      '0014_import_rows_indexes_fiche_due',
      (sqlite) => {
        const mdsId = insertMds(sqlite);
        return insertDossier(sqlite, { cafNumber: '7654321', mdsId, nomPatronymique: 'Durand', prenoms: 'Paul' });
      },
      (sqlite, { personId }) => {
        const indexes = (sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'import_rows'").all() as { name: string }[]).map((r) => r.name);
        expect(indexes).toEqual(expect.arrayContaining(['import_rows_candidate_idx', 'import_rows_foyer_idx']));
        sqlite
          .prepare("INSERT INTO fiches_liaison (person_id, type, status, date, content, administratif, referentials) VALUES (?, 'reorientation', 'brouillon', '2026-12-01', '{}', '{}', '{}')")
          .run(personId);
        expect(sqlite.prepare('SELECT person_id FROM due_dirty').all()).toEqual([{ person_id: personId }]);
      },
    );
  });
});
