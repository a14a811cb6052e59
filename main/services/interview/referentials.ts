/**
 * Reference data of the orientations: organismes référents and their référents. Read by every logged-in user
 * (to choose them in a decision), managed by administrators (the contract restricts the writes), audited.
 *
 * Removing: a record nothing refers to is deleted; one named by a référent or a decision is deactivated
 * instead (it stays in the decisions that name it, and can no longer be chosen). `update` can reactivate it.
 * A référent may be linked to the user account (role référent, of the MDS) of the same person: a decision
 * naming that référent makes the account the dossier's référent (see interview-orientation.ts).
 */
import {
  deleteOrganisme,
  deleteReferent,
  findOrganisme,
  findReferent,
  findReferentByUser,
  findUserById,
  insertOrganisme,
  insertReferent,
  listOrganismes,
  listReferents,
  organismeInUse,
  recordInterviewAudit,
  referentInUse,
  updateOrganisme,
  updateReferent,
  type DbOrTx,
  type OrganismeValues,
  type ReferentValues,
  type ReferentWithNames,
} from '../../../db/queries';
import type { OrganismeReferentRow } from '../../../db/schema';
import type { MethodOutput, MethodParsedInput } from '../../../shared/api/contract';
import { ApiError } from '../../../shared/api/errors';
import type { Organisme, Referent } from '../../../shared/api/interview';
import { auditActor, type Actor, type AuthedCall } from '../context';
import { fieldError } from '../kit';

const ORGANISME_NOT_FOUND = 'Cet organisme référent est introuvable.';
const REFERENT_NOT_FOUND = 'Ce référent est introuvable.';

const organismeOf = (row: OrganismeReferentRow): Organisme => ({
  id: row.id,
  name: row.name,
  type: row.type,
  address: row.address,
  telephone: row.telephone,
  email: row.email,
  active: row.active,
  updatedAt: row.updatedAt,
});

const referentOf = (row: ReferentWithNames): Referent => ({
  id: row.id,
  organismeId: row.organismeId,
  organismeName: row.organismeName,
  name: row.name,
  telephone: row.telephone,
  email: row.email,
  user: row.userId === null ? null : { id: row.userId, displayName: row.userDisplayName ?? `Compte n° ${row.userId}` },
  active: row.active,
  updatedAt: row.updatedAt,
});

const organismeSnapshot = (row: OrganismeReferentRow) => ({
  name: row.name,
  type: row.type,
  address: row.address,
  telephone: row.telephone,
  email: row.email,
  active: row.active,
});

const referentSnapshot = (row: { organismeId: number; name: string; telephone: string | null; email: string | null; userId: number | null; active: boolean }) => ({
  organismeId: row.organismeId,
  name: row.name,
  telephone: row.telephone,
  email: row.email,
  userId: row.userId,
  active: row.active,
});

const fold = (s: string) => s.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();

function organismeValues(input: MethodParsedInput<'organismes.create'>): OrganismeValues {
  return {
    name: input.name,
    type: input.type,
    address: input.address ?? null,
    telephone: input.telephone ?? null,
    email: input.email ?? null,
  };
}

function checkNameFree(db: DbOrTx, actor: Actor, name: string, exceptId?: number): void {
  const taken = listOrganismes(db, true, actor.mdsId).some((o) => o.id !== exceptId && fold(o.name) === fold(name));
  if (taken) throw fieldError('CONFLICT', 'name', 'Un organisme référent porte déjà ce nom.');
}

// --- Organismes --------------------------------------------------------------------------------------------

const OTHER_MDS_ORGANISME = 'Cet organisme référent relève d’une autre MDS : seuls les administrateurs de cette MDS le modifient.';

/**
 * An organisme the actor's MDS may manage: its own, or one made before organismes belonged to an MDS (shared).
 * Another MDS's is FORBIDDEN (issue 13: an administrator could rename and deactivate another MDS's organismes).
 */
function organismeInScope(db: DbOrTx, actor: Actor, id: number): OrganismeReferentRow {
  const row = findOrganisme(db, id);
  if (!row) throw new ApiError('NOT_FOUND', ORGANISME_NOT_FOUND);
  if (row.mdsId !== null && row.mdsId !== actor.mdsId) throw new ApiError('FORBIDDEN', OTHER_MDS_ORGANISME);
  return row;
}

export function organismesList(input: MethodParsedInput<'organismes.list'>, call: AuthedCall): MethodOutput<'organismes.list'> {
  return listOrganismes(call.open.db, input.includeInactive ?? false, call.actor.mdsId).map(organismeOf);
}

export function organismesCreate(input: MethodParsedInput<'organismes.create'>, call: AuthedCall): MethodOutput<'organismes.create'> {
  const { app, actor } = call;
  const db = call.open.db;
  checkNameFree(db, actor, input.name);
  const at = app.nowIso();
  const row = db.transaction((tx) => {
    const created = insertOrganisme(tx, organismeValues(input), at, actor.mdsId);
    recordInterviewAudit(tx, {
      actor: auditActor(actor),
      at,
      entity: 'organisme_referent',
      entityId: created.id,
      action: 'create',
      before: null,
      after: organismeSnapshot(created),
    });
    return created;
  });
  return organismeOf(row);
}

export function organismesUpdate(input: MethodParsedInput<'organismes.update'>, call: AuthedCall): MethodOutput<'organismes.update'> {
  const { app, actor } = call;
  const db = call.open.db;
  const current = organismeInScope(db, actor, input.id);
  checkNameFree(db, actor, input.name, current.id);
  const at = app.nowIso();
  const row = db.transaction((tx) => {
    const updated = updateOrganisme(tx, current.id, { ...organismeValues(input), active: input.active }, at);
    recordInterviewAudit(tx, {
      actor: auditActor(actor),
      at,
      entity: 'organisme_referent',
      entityId: current.id,
      action: 'update',
      before: organismeSnapshot(current),
      after: organismeSnapshot(updated),
    });
    return updated;
  });
  return organismeOf(row);
}

export function organismesRemove(input: MethodParsedInput<'organismes.remove'>, call: AuthedCall): MethodOutput<'organismes.remove'> {
  const { app, actor } = call;
  const db = call.open.db;
  const current = organismeInScope(db, actor, input.id);
  const at = app.nowIso();
  const who = auditActor(actor);
  if (organismeInUse(db, current.id)) {
    if (current.active) {
      db.transaction((tx) => {
        const updated = updateOrganisme(tx, current.id, { ...current, active: false }, at);
        recordInterviewAudit(tx, {
          actor: who,
          at,
          entity: 'organisme_referent',
          entityId: current.id,
          action: 'update',
          before: organismeSnapshot(current),
          after: organismeSnapshot(updated),
        });
      });
    }
    return { outcome: 'desactive' };
  }
  db.transaction((tx) => {
    deleteOrganisme(tx, current.id);
    recordInterviewAudit(tx, {
      actor: who,
      at,
      entity: 'organisme_referent',
      entityId: current.id,
      action: 'delete',
      before: organismeSnapshot(current),
      after: null,
    });
  });
  return { outcome: 'supprime' };
}

// --- Référents ---------------------------------------------------------------------------------------------

/** Checks the organisme and the linked account of a référent; returns the values to store. */
function referentValues(
  db: DbOrTx,
  actor: Actor,
  input: MethodParsedInput<'referents.create'>,
  current: { id: number; organismeId: number; userId: number | null } | null,
): ReferentValues {
  const organisme = findOrganisme(db, input.organismeId);
  if (!organisme || (organisme.mdsId !== null && organisme.mdsId !== actor.mdsId) || (!organisme.active && organisme.id !== current?.organismeId)) {
    throw fieldError('VALIDATION', 'organismeId', 'L’organisme choisi n’existe pas ou n’est plus actif.');
  }
  const userId = input.userId ?? null;
  if (userId !== null && userId !== current?.userId) {
    const user = findUserById(db, userId);
    if (!user || !user.active || user.role !== 'referent' || user.mdsId !== actor.mdsId) {
      throw fieldError('VALIDATION', 'userId', 'Le compte choisi n’est pas un compte de référent actif de la MDS.');
    }
  }
  if (userId !== null && findReferentByUser(db, userId, current?.id)) {
    throw fieldError('CONFLICT', 'userId', 'Ce compte utilisateur est déjà lié à un autre référent.');
  }
  return {
    organismeId: organisme.id,
    name: input.name,
    telephone: input.telephone ?? null,
    email: input.email ?? null,
    userId,
  };
}

function mustFindReferent(db: DbOrTx, id: number): ReferentWithNames {
  const row = findReferent(db, id);
  if (!row) throw new Error(`orientation_referents.id ${id} absent après écriture`);
  return row;
}

export function referentsList(input: MethodParsedInput<'referents.list'>, call: AuthedCall): MethodOutput<'referents.list'> {
  return listReferents(call.open.db, { organismeId: input.organismeId, includeInactive: input.includeInactive ?? false, mdsId: call.actor.mdsId }).map(referentOf);
}

export function referentsCreate(input: MethodParsedInput<'referents.create'>, call: AuthedCall): MethodOutput<'referents.create'> {
  const { app, actor } = call;
  const db = call.open.db;
  const values = referentValues(db, actor, input, null);
  const at = app.nowIso();
  const id = db.transaction((tx) => {
    const created = insertReferent(tx, values, at);
    recordInterviewAudit(tx, {
      actor: auditActor(actor),
      at,
      entity: 'orientation_referent',
      entityId: created.id,
      action: 'create',
      before: null,
      after: referentSnapshot(created),
    });
    return created.id;
  });
  return referentOf(mustFindReferent(db, id));
}

export function referentsUpdate(input: MethodParsedInput<'referents.update'>, call: AuthedCall): MethodOutput<'referents.update'> {
  const { app, actor } = call;
  const db = call.open.db;
  const current = findReferent(db, input.id);
  if (!current) throw new ApiError('NOT_FOUND', REFERENT_NOT_FOUND);
  organismeInScope(db, actor, current.organismeId);
  const values = referentValues(db, actor, input, current);
  const at = app.nowIso();
  db.transaction((tx) => {
    const updated = updateReferent(tx, current.id, { ...values, active: input.active }, at);
    recordInterviewAudit(tx, {
      actor: auditActor(actor),
      at,
      entity: 'orientation_referent',
      entityId: current.id,
      action: 'update',
      before: referentSnapshot(current),
      after: referentSnapshot(updated),
    });
  });
  return referentOf(mustFindReferent(db, current.id));
}

export function referentsRemove(input: MethodParsedInput<'referents.remove'>, call: AuthedCall): MethodOutput<'referents.remove'> {
  const { app, actor } = call;
  const db = call.open.db;
  const current = findReferent(db, input.id);
  if (!current) throw new ApiError('NOT_FOUND', REFERENT_NOT_FOUND);
  organismeInScope(db, actor, current.organismeId);
  const at = app.nowIso();
  const who = auditActor(actor);
  if (referentInUse(db, current.id)) {
    if (current.active) {
      db.transaction((tx) => {
        const updated = updateReferent(tx, current.id, { ...referentSnapshot(current), active: false }, at);
        recordInterviewAudit(tx, {
          actor: who,
          at,
          entity: 'orientation_referent',
          entityId: current.id,
          action: 'update',
          before: referentSnapshot(current),
          after: referentSnapshot(updated),
        });
      });
    }
    return { outcome: 'desactive' };
  }
  db.transaction((tx) => {
    deleteReferent(tx, current.id);
    recordInterviewAudit(tx, {
      actor: who,
      at,
      entity: 'orientation_referent',
      entityId: current.id,
      action: 'delete',
      before: referentSnapshot(current),
      after: null,
    });
  });
  return { outcome: 'supprime' };
}
