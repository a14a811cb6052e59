/**
 * EP saisines (minimal): created by an accepted fiche of réorientation / suspension or by a CERS reaching
 * 12 months; listed on the dossier. The EP capability adds sessions, avis and decisions.
 */
import { insertEpSaisine, recordContractsAudit, saisinesOfPerson, type DbOrTx, epStageOfSaisines } from '../../../db/queries';
import type { EpSaisine, NewEpSaisine } from '../../../db/schema-contracts';
import type { EpSaisineView } from '../../../shared/api/contracts';
import type { MethodOutput, MethodParsedInput } from '../../../shared/api/contract';
import { avisDeadline, SAISINE_ORIGIN_LABELS, type Saisine } from '../../../shared/domain/rules/ep';
import { auditActor, type Actor, type AuthedCall } from '../context';
import { accessibleDossier } from '../foundation';

export function saisineView(s: EpSaisine): EpSaisineView {
  return {
    id: s.id,
    personId: s.personId,
    origin: s.origin,
    originLabel: SAISINE_ORIGIN_LABELS[s.origin],
    theme: s.theme,
    date: s.date,
    avisDeadline: s.avisDeadline,
    status: s.status,
    ficheId: s.ficheId,
    edeId: s.edeId,
    contractId: s.contractId,
    papId: s.papId,
    attachmentIds: s.attachmentIds,
    cible: s.cible,
    suspensionMotif: s.suspensionMotif,
    createdAt: s.createdAt,
  };
}

/**
 * Records a saisine built by the rules (`saisineFromFiche`, `saisineFromCers12Months`), with its avis deadline
 * (one month), its links and a journal entry. Call inside the transaction of the write that causes it.
 */
export function recordSaisine(
  tx: DbOrTx,
  actor: Actor,
  at: string,
  saisine: Saisine,
  links: Pick<NewEpSaisine, 'personId' | 'theme' | 'edeId' | 'contractId' | 'papId' | 'attachmentIds'>,
): EpSaisine {
  const row = insertEpSaisine(tx, {
    ...links,
    origin: saisine.origin,
    date: saisine.date,
    avisDeadline: avisDeadline(saisine),
    status: 'en_attente',
    ficheId: saisine.ficheId ?? null,
    cible: saisine.cible ?? null,
    suspensionMotif: saisine.suspensionMotif ?? null,
    createdById: actor.id,
    createdAt: at,
  });
  recordContractsAudit(tx, { actor: auditActor(actor), at, entity: 'ep_saisine', entityId: row.id, action: 'create', before: null, after: row });
  return row;
}

export function forDossier(input: MethodParsedInput<'epSaisines.forDossier'>, call: AuthedCall): MethodOutput<'epSaisines.forDossier'> {
  const db = call.open.db;
  accessibleDossier(db, call.actor, input.personId);
  const saisines = saisinesOfPerson(db, input.personId);
  // The EP capability keeps the progress of a saisine in its own tables (session item, avis, decision).
  const stage = epStageOfSaisines(db, saisines.map((s) => s.id));
  return saisines.map((s) => ({ ...saisineView(s), status: stage.get(s.id) ?? s.status }));
}
