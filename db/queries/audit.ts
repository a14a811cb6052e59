import { and, count, desc, eq, or } from 'drizzle-orm';
import { auditLog } from '../schema';
import type { DbOrTx } from './types';

/**
 * Journal entity names, per capability (entity id: the row's id; foyer_resources: the foyer's; person_income: the
 * person's). A capability adds its entities here; the journal column itself is free text.
 */
export const AUDIT_ENTITIES = {
  foundation: ['mds', 'user', 'foyer', 'person'],
  interview: [
    'dsp_revision',
    'ede_assessment',
    'orientation',
    'orientation_preconisation',
    'organisme_referent',
    'orientation_referent',
    'foyer_resources',
    'person_income',
  ],
  contracts: ['contract', 'contract_pap', 'fiche_liaison', 'attachment', 'ep_saisine'],
  ep: ['ep', 'ep_member', 'ep_session', 'ep_session_item', 'ep_attendance', 'ep_avis', 'ep_decision', 'ep_sanction'],
  documents: ['document'],
  /** An export of a list (CSV): entity id = the file name; after = { list, filter, rows }. */
  desk: ['export'],
  appointments: ['appointment'],
  /** A purge (entity id: its instant; after: how many, which ids) and a right-of-access export (entity id: the person). */
  rgpd: ['rgpd_purge', 'rgpd_export'],
  /** The backup folder chosen by an administrator (entity id 'dossier'; before/after = { dossier }). */
  backup: ['backup_settings'],
  /** An import batch (after: kind, file, counts; its undo), a saved column mapping, a commune of the MDS. */
  imports: ['import_batch', 'import_mapping', 'commune'],
  /**
   * A merge of two dossiers (entity id: the merged person; after: the kept one, what moved), the answer for an import
   * line's possible duplicate (entity id: the line) and a pair of dossiers answered « not the same persons » (entity
   * id: the identity_exclusions row).
   */
  merge: ['person_merge', 'duplicate_resolution', 'identity_exclusion'],
} as const;
type AuditEntities = typeof AUDIT_ENTITIES;
/** The entities of one capability. */
export type AuditEntityOf<C extends keyof AuditEntities> = AuditEntities[C][number];
/** Every entity the journal knows: the union of every capability's. */
export type AuditEntity = AuditEntityOf<keyof AuditEntities>;
export type AuditAction = 'create' | 'update' | 'delete';

export interface AuditActor {
  id: number | null;
  login: string;
}

export interface AuditWrite {
  actor: AuditActor;
  at: string;
  entity: AuditEntity;
  entityId: number | string;
  action: AuditAction;
  before: unknown;
  after: unknown;
}

const toJson = (value: unknown): string | null => (value === null || value === undefined ? null : JSON.stringify(value));

/** Appends one entry to the journal. Call it inside the transaction of the write it records. */
export function recordAudit(db: DbOrTx, entry: AuditWrite): void {
  db.insert(auditLog)
    .values({
      at: entry.at,
      userId: entry.actor.id,
      userLogin: entry.actor.login,
      entity: entry.entity,
      entityId: String(entry.entityId),
      action: entry.action,
      beforeJson: toJson(entry.before),
      afterJson: toJson(entry.after),
    })
    .run();
}

export interface AuditRow {
  id: number;
  at: string;
  userLogin: string;
  entity: string;
  entityId: string;
  action: AuditAction;
  before: unknown;
  after: unknown;
}

const fromJson = (text: string | null): unknown => (text === null ? null : (JSON.parse(text) as unknown));

/** Entries about any of the given entities, newest first. */
export function auditFor(db: DbOrTx, targets: readonly { entity: AuditEntity; entityId: number | string }[]): AuditRow[] {
  if (targets.length === 0) return [];
  const rows = db
    .select()
    .from(auditLog)
    .where(or(...targets.map((t) => and(eq(auditLog.entity, t.entity), eq(auditLog.entityId, String(t.entityId))))))
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .all();
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    userLogin: r.userLogin,
    entity: r.entity,
    entityId: r.entityId,
    action: r.action,
    before: fromJson(r.beforeJson),
    after: fromJson(r.afterJson),
  }));
}

export function countAudit(db: DbOrTx): number {
  return db.select({ n: count() }).from(auditLog).get()?.n ?? 0;
}
