/**
 * Reference data of the équipe pluridisciplinaire: one EP per territory (« Une équipe par territoire présidée par
 * un Conseiller Général »), its members with their function, organisation and substitute. Managed by the
 * administrators and EP secretaries of the territory; read by the correspondents.
 */
import {
  findEpByTerritory,
  findMember,
  insertEp,
  insertMember,
  membersOfEp,
  recordEpAudit,
  renameEp,
  updateMember as updateMemberRow,
  type DbOrTx,
  type EpMemberValues,
} from '../../../db/queries';
import type { EpMemberRow, EpRow } from '../../../db/schema-ep';
import type { MethodOutput, MethodParsedInput } from '../../../shared/api/contract';
import type { EpMemberInput } from '../../../shared/api/ep';
import { ApiError } from '../../../shared/api/errors';
import { auditActor, type AuthedCall } from '../context';
import { actorTerritory, epView, requireActorEp, requireSecretariat } from './common';

export function get(_input: MethodParsedInput<'ep.get'>, call: AuthedCall): MethodOutput<'ep.get'> {
  const db = call.open.db;
  const ep = findEpByTerritory(db, actorTerritory(db, call.actor));
  return ep ? epView(db, ep) : null;
}

export function save(input: MethodParsedInput<'ep.save'>, call: AuthedCall): MethodOutput<'ep.save'> {
  const { app, actor } = call;
  const db = call.open.db;
  const territory = actorTerritory(db, actor);
  const at = app.nowIso();
  const existing = findEpByTerritory(db, territory);
  if (existing) requireSecretariat(db, actor, existing);
  const ep = db.transaction((tx) => {
    if (existing) {
      if (existing.name === input.name) return existing;
      const row = renameEp(tx, existing.id, input.name, at);
      recordEpAudit(tx, { actor: auditActor(actor), at, entity: 'ep', entityId: row.id, action: 'update', before: { name: existing.name }, after: { name: row.name } });
      return row;
    }
    const row = insertEp(tx, { territory, name: input.name, mdsId: actor.mdsId }, at);
    recordEpAudit(tx, { actor: auditActor(actor), at, entity: 'ep', entityId: row.id, action: 'create', before: null, after: { territory, name: row.name, mdsId: actor.mdsId } });
    return row;
  });
  return epView(db, ep);
}

const memberValues = (input: MethodParsedInput<'ep.addMember'>): EpMemberValues => ({
  name: input.name,
  function: input.function,
  organisation: input.organisation,
  isPresident: input.isPresident,
  substituteName: input.substituteName ?? null,
  substituteFunction: input.substituteFunction ?? null,
  address: input.address ?? null,
});

const memberSnapshot = (m: EpMemberRow) => ({
  epId: m.epId,
  name: m.name,
  function: m.function,
  organisation: m.organisation,
  isPresident: m.isPresident,
  substituteName: m.substituteName,
  substituteFunction: m.substituteFunction,
  address: m.address,
  active: m.active,
});

/** The president is a Conseiller général, one per EP. */
function checkPresident(db: DbOrTx, ep: EpRow, values: Pick<EpMemberInput, 'isPresident' | 'organisation'>, exceptId: number | null): void {
  if (!values.isPresident) return;
  if (values.organisation !== 'conseil_general') {
    const message = 'L’équipe pluridisciplinaire est présidée par un Conseiller général : choisissez l’organisme « Conseil général ».';
    throw new ApiError('RULE', message, { organisation: message });
  }
  const other = membersOfEp(db, ep.id).find((m) => m.isPresident && m.id !== exceptId);
  if (other) {
    const message = `L’équipe a déjà un président (${other.name}) : retirez-lui d’abord la présidence.`;
    throw new ApiError('RULE', message, { isPresident: message });
  }
}

function memberOfActorEp(db: DbOrTx, call: AuthedCall, memberId: number): { ep: EpRow; member: EpMemberRow } {
  const ep = requireActorEp(db, call.actor);
  requireSecretariat(db, call.actor, ep);
  const member = findMember(db, memberId);
  if (!member || member.epId !== ep.id || !member.active) throw new ApiError('NOT_FOUND', 'Ce membre de l’équipe pluridisciplinaire est introuvable.');
  return { ep, member };
}

export function addMember(input: MethodParsedInput<'ep.addMember'>, call: AuthedCall): MethodOutput<'ep.addMember'> {
  const { app, actor } = call;
  const db = call.open.db;
  const ep = requireActorEp(db, actor);
  requireSecretariat(db, actor, ep);
  checkPresident(db, ep, input, null);
  const at = app.nowIso();
  db.transaction((tx) => {
    const row = insertMember(tx, ep.id, memberValues(input), at);
    recordEpAudit(tx, { actor: auditActor(actor), at, entity: 'ep_member', entityId: row.id, action: 'create', before: null, after: memberSnapshot(row) });
  });
  return epView(db, ep);
}

export function updateMember(input: MethodParsedInput<'ep.updateMember'>, call: AuthedCall): MethodOutput<'ep.updateMember'> {
  const { app, actor } = call;
  const db = call.open.db;
  const { ep, member } = memberOfActorEp(db, call, input.memberId);
  checkPresident(db, ep, input, member.id);
  const at = app.nowIso();
  db.transaction((tx) => {
    const row = updateMemberRow(tx, member.id, memberValues(input), at);
    recordEpAudit(tx, { actor: auditActor(actor), at, entity: 'ep_member', entityId: row.id, action: 'update', before: memberSnapshot(member), after: memberSnapshot(row) });
  });
  return epView(db, ep);
}

export function removeMember(input: MethodParsedInput<'ep.removeMember'>, call: AuthedCall): MethodOutput<'ep.removeMember'> {
  const { app, actor } = call;
  const db = call.open.db;
  const { ep, member } = memberOfActorEp(db, call, input.memberId);
  const at = app.nowIso();
  db.transaction((tx) => {
    const row = updateMemberRow(tx, member.id, { active: false }, at);
    recordEpAudit(tx, { actor: auditActor(actor), at, entity: 'ep_member', entityId: row.id, action: 'update', before: memberSnapshot(member), after: memberSnapshot(row) });
  });
  return epView(db, ep);
}
