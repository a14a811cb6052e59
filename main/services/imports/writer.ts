/**
 * The hot path of a batch: prepared statements (prepared once per connection, then run for each of 50,000 lines),
 * writing exactly what `dossiers.create` writes through drizzle — the foyer, its children, its persons, and their
 * journal lines with the same snapshots (`personSnapshot`; the foyer's as `foyerSnapshot` gives it). The search
 * index and the échéancier follow through the same triggers.
 */
import type { Statement } from 'better-sqlite3-multiple-ciphers';
import type { Sqlite } from '../../../db/open';
import { personSnapshot, type AuditActor, type AuditEntity, type FoyerValues, type IdentityValues } from '../../../db/queries';
import type { Person } from '../../../db/schema';

const cache = new WeakMap<Sqlite, Map<string, Statement>>();

/** A statement prepared once per connection. */
export function statement(sqlite: Sqlite, text: string): Statement {
  let map = cache.get(sqlite);
  if (!map) {
    map = new Map();
    cache.set(sqlite, map);
  }
  let s = map.get(text);
  if (!s) {
    s = sqlite.prepare(text);
    map.set(text, s);
  }
  return s;
}

const json = (value: unknown): string | null => (value === null || value === undefined ? null : JSON.stringify(value));

/** One journal line, as `recordAudit` writes it. */
export function audit(
  sqlite: Sqlite,
  entry: { actor: AuditActor; at: string; entity: AuditEntity; entityId: number | string; action: 'create' | 'update' | 'delete'; before: unknown; after: unknown },
): void {
  statement(sqlite, 'INSERT INTO audit_log (at, user_id, user_login, entity, entity_id, action, before_json, after_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
    entry.at,
    entry.actor.id,
    entry.actor.login,
    entry.entity,
    String(entry.entityId),
    entry.action,
    json(entry.before),
    json(entry.after),
  );
}

/** The foyer's journal snapshot (the shape of `foyerSnapshot` in db/queries/dossiers.ts). */
export const foyerValuesSnapshot = (values: FoyerValues, mdsId: number) => ({
  cafNumber: values.cafNumber,
  rsaDepuis: values.rsaDepuis ?? null,
  situationFamiliale: values.situationFamiliale,
  address: { line1: values.address.line1, line2: values.address.line2 ?? null, postalCode: values.address.postalCode, city: values.address.city },
  enfants: [...values.enfants].sort((a, b) => a.dateNaissance.localeCompare(b.dateNaissance)).map((e) => ({ prenom: e.prenom, dateNaissance: e.dateNaissance })),
  mdsId,
});

/** A new foyer with its children, as `insertFoyer`. */
export function writeFoyer(sqlite: Sqlite, mdsId: number, values: FoyerValues, at: string): number {
  const id = Number(
    statement(
      sqlite,
      `INSERT INTO foyers (caf_number, rsa_depuis, situation_familiale, address_line1, address_line2, postal_code, city, mds_id, version, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)`,
    ).run(values.cafNumber, values.rsaDepuis ?? null, values.situationFamiliale, values.address.line1, values.address.line2 ?? null, values.address.postalCode, values.address.city, mdsId, at, at)
      .lastInsertRowid,
  );
  const child = statement(sqlite, 'INSERT INTO children (foyer_id, prenom, date_naissance) VALUES (?, ?, ?)');
  for (const e of values.enfants) child.run(id, e.prenom, e.dateNaissance);
  return id;
}

/** A new person of a foyer (identity only, nobody named yet), as `insertPerson`; returns the stored row. */
export function writePerson(sqlite: Sqlite, foyerId: number, roleInFoyer: Person['roleInFoyer'], values: IdentityValues, at: string): Person {
  const id = Number(
    statement(
      sqlite,
      `INSERT INTO persons (foyer_id, role_in_foyer, nom_patronymique, nom_usage, prenoms, sexe, date_naissance, version, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, ?)`,
    ).run(foyerId, roleInFoyer, values.nomPatronymique, values.nomUsage ?? null, values.prenoms, values.sexe, values.dateNaissance, at, at).lastInsertRowid,
  );
  return {
    id,
    foyerId,
    roleInFoyer,
    nomPatronymique: values.nomPatronymique,
    nomUsage: values.nomUsage ?? null,
    prenoms: values.prenoms,
    sexe: values.sexe,
    dateNaissance: values.dateNaissance,
    telephone: null,
    portable: null,
    email: null,
    peNumber: null,
    niveauFormation: null,
    referentId: null,
    correspondantId: null,
    purgedAt: null,
    ftStatus: null,
    ftStatusDate: null,
    mergedIntoId: null,
    version: 0,
    createdAt: at,
    updatedAt: at,
  };
}

export { personSnapshot };
