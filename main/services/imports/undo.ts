/**
 * Undoing the dossiers a batch created, all at once: allowed only when nobody touched them since — the foyers and
 * their persons still at their first version, and no record anywhere pointing at them (an interview, a contract, a
 * fiche, an appointment, a later import line, a merge…: every foreign key to `persons` or `foyers` is looked at, so
 * a table added later is covered too). Then the foyers, their children and their persons are deleted, each in the
 * journal.
 */
import { sql } from 'drizzle-orm';
import type { Sqlite } from '../../../db/open';
import { foyers, persons } from '../../../db/schema';
import type { FoyerValues } from '../../../db/queries';
import type { BatchContext } from './context';
import { audit, foyerValuesSnapshot, personSnapshot } from './writer';

/** Tables whose rows follow a dossier without being a use of it (derived, or the dossier's own parts). */
const OWN_OR_DERIVED = new Set(['persons', 'children', 'due_items', 'due_dirty', 'person_search_key']);

interface Reference {
  table: string;
  column: string;
  target: 'persons' | 'foyers';
}

const referencesCache = new WeakMap<Sqlite, Reference[]>();

/** Every (table, column) with a foreign key to persons or foyers. */
function references(sqlite: Sqlite): Reference[] {
  const cached = referencesCache.get(sqlite);
  if (cached) return cached;
  const rows = sqlite
    .prepare(
      `SELECT m.name AS "table", f."from" AS "column", f."table" AS target
       FROM sqlite_master m, pragma_foreign_key_list(m.name) f
       WHERE m.type = 'table' AND f."table" IN ('persons', 'foyers')`,
    )
    .all() as Reference[];
  const list = rows.filter((r) => !OWN_OR_DERIVED.has(r.table));
  referencesCache.set(sqlite, list);
  return list;
}

const IN = (column: string) => `${column} IN (SELECT value FROM json_each(?))`;

export interface CreatedRow {
  line: number;
  foyerId: number;
}

/** Why the dossiers these lines created cannot be undone (the first found), or nothing. */
export function createdTouched(ctx: BatchContext, rows: readonly CreatedRow[]): string[] {
  if (rows.length === 0) return [];
  const { sqlite } = ctx;
  const lineOf = new Map(rows.map((r) => [r.foyerId, r.line]));
  const foyerIds = JSON.stringify(rows.map((r) => r.foyerId));
  const changed = (foyerId: number) => `le dossier créé ligne ${lineOf.get(foyerId)} a été modifié ou complété depuis l’import`;
  const gone = sqlite.prepare(`SELECT j.value FROM json_each(?) j LEFT JOIN foyers f ON f.id = j.value WHERE f.id IS NULL LIMIT 1`).pluck().get(foyerIds) as number | undefined;
  if (gone !== undefined) return [`le foyer créé ligne ${lineOf.get(gone)} n’existe plus`];
  const foyerChanged = sqlite.prepare(`SELECT id FROM foyers WHERE ${IN('id')} AND version <> 0 LIMIT 1`).pluck().get(foyerIds) as number | undefined;
  if (foyerChanged !== undefined) return [changed(foyerChanged)];
  const members = sqlite.prepare(`SELECT id, foyer_id, version FROM persons WHERE ${IN('foyer_id')}`).raw().all(foyerIds) as [number, number, number][];
  const personChanged = members.find(([, , version]) => version !== 0);
  if (personChanged) return [changed(personChanged[1])];
  const foyerOfPerson = new Map(members.map(([id, foyerId]) => [id, foyerId]));
  const ids = { persons: JSON.stringify(members.map(([id]) => id)), foyers: foyerIds };
  for (const r of references(sqlite)) {
    const own = r.table === 'import_rows' ? ` AND batch_id <> ${ctx.batchId}` : '';
    const used = sqlite.prepare(`SELECT "${r.column}" FROM "${r.table}" WHERE ${IN(`"${r.column}"`)}${own} LIMIT 1`).pluck().get(ids[r.target]) as number | undefined;
    if (used !== undefined) return [changed(r.target === 'foyers' ? used : foyerOfPerson.get(used)!)];
  }
  return [];
}

/** Deletes the foyers these lines created, with their persons and children (journal: one 'delete' each). */
export function deleteCreated(ctx: BatchContext, rows: readonly CreatedRow[]): void {
  if (rows.length === 0) return;
  const { sqlite, db, actor, at } = ctx;
  const foyerIds = JSON.stringify(rows.map((r) => r.foyerId));
  const members = db.select().from(persons).where(sql`${persons.foyerId} IN (SELECT value FROM json_each(${foyerIds}))`).all();
  const personIds = JSON.stringify(members.map((p) => p.id));
  const foyerRows = db.select().from(foyers).where(sql`${foyers.id} IN (SELECT value FROM json_each(${foyerIds}))`).all();
  const enfants = new Map<number, { prenom: string; dateNaissance: string }[]>();
  for (const [foyerId, prenom, dateNaissance] of sqlite.prepare(`SELECT foyer_id, prenom, date_naissance FROM children WHERE ${IN('foyer_id')} ORDER BY id`).raw().all(foyerIds) as [
    number,
    string,
    string,
  ][]) {
    enfants.set(foyerId, [...(enfants.get(foyerId) ?? []), { prenom, dateNaissance }]);
  }
  sqlite.prepare(`UPDATE import_rows SET person_id = NULL, foyer_id = NULL WHERE batch_id = ? AND ${IN('foyer_id')}`).run(ctx.batchId, foyerIds);
  sqlite.prepare(`DELETE FROM due_items WHERE ${IN('person_id')}`).run(personIds);
  sqlite.prepare(`DELETE FROM due_dirty WHERE ${IN('person_id')}`).run(personIds);
  for (const p of members) audit(sqlite, { actor, at, entity: 'person', entityId: p.id, action: 'delete', before: personSnapshot(p), after: null });
  for (const f of foyerRows) {
    const values: FoyerValues = {
      cafNumber: f.cafNumber,
      rsaDepuis: f.rsaDepuis ?? undefined,
      situationFamiliale: f.situationFamiliale as FoyerValues['situationFamiliale'],
      address: { line1: f.addressLine1, line2: f.addressLine2 ?? undefined, postalCode: f.postalCode, city: f.city },
      enfants: enfants.get(f.id) ?? [],
    };
    audit(sqlite, { actor, at, entity: 'foyer', entityId: f.id, action: 'delete', before: foyerValuesSnapshot(values, f.mdsId), after: null });
  }
  sqlite.prepare(`DELETE FROM persons WHERE ${IN('id')}`).run(personIds);
  sqlite.prepare(`DELETE FROM children WHERE ${IN('foyer_id')}`).run(foyerIds);
  sqlite.prepare(`DELETE FROM foyers WHERE ${IN('id')}`).run(foyerIds);
}
