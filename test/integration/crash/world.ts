/**
 * What the crash writer (writer.ts) and the crash checks (check.ts) share: the files of a work folder, the accounts,
 * the day the app's clock is set to, and the lines of the « ack log » (one per acknowledged write).
 */
import path from 'node:path';

/** A work folder holds the app's data folder, the ack log and the ids of the prepared world. */
export const workFiles = (workDir: string) => ({
  dataDir: path.join(workDir, 'donnees'),
  ackLog: path.join(workDir, 'acquittements.jsonl'),
  world: path.join(workDir, 'monde.json'),
});

/** The app's clock: this day, from 09:00 UTC, moving with real time (`CRASH_BASE_MS` continues it across rounds). */
export const CRASH_DAY = '2026-03-02';
export const CRASH_BASE_MS = Date.parse(`${CRASH_DAY}T09:00:00.000Z`);

export const CRASH_ADMIN = { login: 'admin', password: 'admin-crash-mot-de-passe', displayName: 'Alice Admin' } as const;
export const CRASH_STAFF = [
  { login: 'cora', password: 'cora-crash-mot-de-passe', displayName: 'Cora Correspondante', role: 'correspondant' },
  { login: 'remi', password: 'remi-crash-mot-de-passe', displayName: 'Rémi Référent', role: 'referent' },
  { login: 'berthe', password: 'berthe-crash-mot-de-passe', displayName: 'Berthe Référente', role: 'referent' },
  { login: 'hugo', password: 'hugo-crash-mot-de-passe', displayName: 'Hugo Référent', role: 'referent' },
] as const;

/** The ids the setup created (kept in `monde.json` so that the next rounds reuse the data folder). */
export interface CrashWorld {
  users: Record<string, number>;
  organismeId: number;
  /** Per référent login: their référent row (reference data) in the organisme. */
  referentRows: Record<string, number>;
}

/**
 * One line of the ack log, written (and fsync'd) after the app answered `ok`:
 * - `row`: a row created or updated, by id in its table, and the action of its audit line; `version`: the version the
 *   answer returned (the stored one may only be higher: later writes of the same worker);
 * - `draft`: the n-th save of a draft key by a user (the stored n may only be higher);
 * - `backup`: a backup recorded (`backups` row id) and its folder;
 * - `backup-start`: a backup asked for (a kill after it and before its `backup` line is a kill during a backup).
 */
export type Ack =
  | { kind: 'row'; method: string; table: string; id: number; audit: 'create' | 'update'; version?: number }
  | { kind: 'draft'; userId: number; key: string; n: number }
  | { kind: 'backup'; id: number; path: string }
  | { kind: 'backup-start' };

/** One acknowledged call per ack, but `dossiers.create`'s second line (its foyer) and the `backup-start` marks. */
export const isAcknowledgedCall = (a: Ack): boolean => a.kind !== 'backup-start' && !(a.kind === 'row' && a.method === 'dossiers.create' && a.table === 'foyers');

/** The line the writer prints once logged in, when its burst of writes starts. */
export const READY_LINE = 'PRET';
/** Printed (stdout) when a call was refused: the writer's inputs are wrong, the proof is void. */
export const REFUSED_PREFIX = 'REFUS ';
