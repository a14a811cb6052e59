/** The `backups` table: one row per verified backup, the rotation (7 dailies, 4 weeklies), the last backup's date. */
import path from 'node:path';
import { desc, eq, isNull, max } from 'drizzle-orm';
import type { BackupKind, BackupResult } from '../../../db/backup';
import type { Db } from '../../../db/open';
import { backups, users } from '../../../db/schema';
import type { BackupItem } from '../../../shared/api/backup';
import { toIso } from '../../../shared/domain/rules/dates';

type DbOrTx = Pick<Db, 'select' | 'insert' | 'update'>;
type Row = typeof backups.$inferSelect;

export const KEEP_DAILY = 7;
export const KEEP_WEEKLY = 4;

export function recordBackup(db: DbOrTx, result: BackupResult, userId: number | null): number {
  const { manifest } = result;
  const row = db
    .insert(backups)
    .values({
      at: manifest.at,
      kind: manifest.kind,
      fileName: result.fileName,
      folder: result.root,
      sizeBytes: manifest.database.sizeBytes + manifest.keys.sizeBytes,
      sha256: manifest.database.sha256,
      countsJson: JSON.stringify(manifest.counts),
      verifiedAt: manifest.verifiedAt,
      userId,
    })
    .returning({ id: backups.id })
    .get();
  return row.id;
}

const toItem = (row: Row & { byUser: string | null }): BackupItem => ({
  id: row.id,
  at: row.at,
  kind: row.kind as BackupKind,
  path: path.join(row.folder, row.fileName),
  sizeBytes: row.sizeBytes,
  counts: JSON.parse(row.countsJson) as Record<string, number>,
  verifiedAt: row.verifiedAt,
  byUser: row.byUser,
  removedAt: row.removedAt,
});

const withUser = (db: DbOrTx) =>
  db
    .select({ row: backups, byUser: users.displayName })
    .from(backups)
    .leftJoin(users, eq(users.id, backups.userId));

/** Newest first. */
export function listBackups(db: DbOrTx): BackupItem[] {
  return withUser(db)
    .orderBy(desc(backups.at), desc(backups.id))
    .all()
    .map(({ row, byUser }) => toItem({ ...row, byUser }));
}

export function findBackup(db: DbOrTx, id: number): BackupItem | undefined {
  const found = withUser(db).where(eq(backups.id, id)).get();
  return found ? toItem({ ...found.row, byUser: found.byUser }) : undefined;
}

/** The date of the last verified backup (every recorded backup was verified before being recorded), or null. */
export function lastBackup(db: DbOrTx): string | null {
  return db.select({ at: max(backups.at) }).from(backups).get()?.at ?? null;
}

/** Monday of the backup's week (local time), as 'YYYY-MM-DD'. */
const weekOf = (at: string): string => {
  const d = new Date(at);
  return toIso(new Date(d.getFullYear(), d.getMonth(), d.getDate() - ((d.getDay() + 6) % 7)));
};

/** An automatic backup is the week's one (« hebdomadaire ») when no kept weekly backup was made that week. */
export function automaticKind(db: DbOrTx, at: Date, otherwise: 'demarrage' | 'quotidienne'): BackupKind {
  const week = weekOf(at.toISOString());
  const weeklies = db.select({ at: backups.at }).from(backups).where(eq(backups.kind, 'hebdomadaire')).all();
  return weeklies.some((w) => weekOf(w.at) === week) ? otherwise : 'hebdomadaire';
}

export interface RotationRow {
  id: number;
  at: string;
  kind: string;
}

/**
 * The automatic backups the rotation removes: it keeps the 4 latest weekly backups, and for each of the 7 latest days
 * with a start or daily backup, that day's latest. Manual backups are the administrator's: never removed.
 */
export function rotationVictims(rows: readonly RotationRow[], keepDaily = KEEP_DAILY, keepWeekly = KEEP_WEEKLY): number[] {
  const newestFirst = [...rows].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : b.id - a.id));
  const keep = new Set(newestFirst.filter((r) => r.kind === 'hebdomadaire').slice(0, keepWeekly).map((r) => r.id));
  const days = new Set<string>();
  for (const r of newestFirst) {
    if (r.kind !== 'demarrage' && r.kind !== 'quotidienne') continue;
    const day = toIso(new Date(r.at));
    if (days.has(day)) continue;
    if (days.size === keepDaily) break;
    days.add(day);
    keep.add(r.id);
  }
  return newestFirst.filter((r) => r.kind !== 'manuelle' && !keep.has(r.id)).map((r) => r.id);
}

/** Automatic backups not removed yet, with their folder. */
export function keptAutomatic(db: DbOrTx): (RotationRow & { path: string })[] {
  return db
    .select()
    .from(backups)
    .where(isNull(backups.removedAt))
    .all()
    .filter((r) => r.kind !== 'manuelle')
    .map((r) => ({ id: r.id, at: r.at, kind: r.kind, path: path.join(r.folder, r.fileName) }));
}

export function markRemoved(db: DbOrTx, ids: readonly number[], at: string): void {
  for (const id of ids) db.update(backups).set({ removedAt: at }).where(eq(backups.id, id)).run();
}
