/**
 * Contrats d’engagements réciproques (CERS, CERP): drafts, PAP, life cycle, bilan, renewal, term; the ROME picker;
 * the EP saisines a contract (or a fiche) files.
 *
 * Every write: the dispatcher has parsed the input with the shared schemas; here access is checked (the dossier's
 * référent only, or the MDS's correspondents / administrators), the handbook's rules decide
 * (`shared/domain/rules/contracts.ts`, `pap.ts`, `suivi-emploi.ts`, `ep.ts`), and the write and its journal entry
 * happen in one transaction. A refusal is an ApiError whose fieldErrors use the form's paths
 * (`pap.actions.2.end`); nothing is written.
 */
import type { contractsMethods } from '../../../shared/api/contracts';
import type { HandlersFor } from '../../app/types';
import * as drafts from './drafts';
import * as lifecycle from './lifecycle';
import * as reads from './reads';
import { renew } from './renewal';
import * as saisines from './saisines';

export { coreOf, loadContract, normalizeRow, rowValues, ruleRow } from './model';
export { get as getContract, listForDossier as contractsOfDossier } from './reads';
export { recordSaisine } from './saisines';
export { papPath } from './support';

export const contractsHandlers: HandlersFor<keyof typeof contractsMethods> = {
  'contracts.prefill': reads.prefill,
  'contracts.listForDossier': reads.listForDossier,
  'contracts.get': reads.get,
  'contracts.papVersion': reads.papVersion,
  'contracts.outcomes': reads.outcomes,
  'contracts.awaitingDecision': reads.awaitingDecision,
  'contracts.create': drafts.create,
  'contracts.update': drafts.update,
  'contracts.saveBilan': drafts.saveBilan,
  'contracts.deleteDraft': drafts.deleteDraft,
  'contracts.sign': lifecycle.sign,
  'contracts.transmit': lifecycle.transmit,
  'contracts.validate': lifecycle.validate,
  'contracts.reject': lifecycle.reject,
  'contracts.start': lifecycle.start,
  'contracts.terminate': lifecycle.terminate,
  'contracts.closeEarly': lifecycle.closeEarly,
  'contracts.renew': renew,
  'contracts.papActions': reads.papActions,
  'rome.search': reads.romeSearch,
  'epSaisines.forDossier': saisines.forDossier,
};
