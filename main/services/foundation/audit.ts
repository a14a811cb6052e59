import { auditFor, contractsAuditTargets, interviewAuditTargets } from '../../../db/queries';
import type { MethodOutput, MethodParsedInput } from '../../../shared/api/contract';
import type { AuthedCall } from '../context';
import { accessibleDossier } from './dossiers';

/**
 * The journal of one dossier, newest first: the person's entries and their foyer's (children included), and those
 * of each capability's records of that person (DSP, EDE, orientations, incomes…).
 */
export function forDossier(input: MethodParsedInput<'audit.forDossier'>, call: AuthedCall): MethodOutput<'audit.forDossier'> {
  const db = call.open.db;
  const { person, foyer } = accessibleDossier(db, call.actor, input.personId);
  return auditFor(db, [
    { entity: 'person', entityId: person.id },
    { entity: 'foyer', entityId: foyer.id },
    ...interviewAuditTargets(db, person.id, foyer.id),
    ...contractsAuditTargets(db, person.id),
  ]).map((row) => ({
    id: row.id,
    at: row.at,
    user: row.userLogin,
    entity: row.entity,
    entityId: row.entityId,
    action: row.action,
    before: row.before,
    after: row.after,
  }));
}
