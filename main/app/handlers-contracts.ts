import type { contractsMethods } from '../../shared/api/contracts';
import * as contracts from '../services/contracts';
import * as saisines from '../services/contracts-saisines';
import type { HandlersFor } from './handlers';

/** Contracts (CERS, CERP), their PAP and life cycle, the ROME picker, the EP saisines → their services. */
export const contractsHandlers: HandlersFor<keyof typeof contractsMethods> = {
  'contracts.prefill': contracts.prefill,
  'contracts.listForDossier': contracts.listForDossier,
  'contracts.get': contracts.get,
  'contracts.papVersion': contracts.papVersion,
  'contracts.outcomes': contracts.outcomes,
  'contracts.awaitingDecision': contracts.awaitingDecision,
  'contracts.create': contracts.create,
  'contracts.update': contracts.update,
  'contracts.saveBilan': contracts.saveBilan,
  'contracts.deleteDraft': contracts.deleteDraft,
  'contracts.sign': contracts.sign,
  'contracts.transmit': contracts.transmit,
  'contracts.validate': contracts.validate,
  'contracts.reject': contracts.reject,
  'contracts.start': contracts.start,
  'contracts.terminate': contracts.terminate,
  'contracts.closeEarly': contracts.closeEarly,
  'contracts.renew': contracts.renew,
  'contracts.papActions': contracts.papActions,
  'rome.search': contracts.romeSearch,
  'epSaisines.forDossier': saisines.forDossier,
};
