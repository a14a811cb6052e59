/** Contracts: the life cycle (sign, transmit, validate or reject, start, term, early closure) through one generic transition. */
import { attachmentsOf, type DbOrTx, saisineOfContract, updateContract } from '../../../db/queries';
import { latestEdeOf, orientationInForce } from '../../../db/queries/contracts-interview';
import type { MethodOutput, MethodParsedInput } from '../../../shared/api/contract';
import type { ContractView } from '../../../shared/api/contracts';
import {
  checkCersCap,
  type ContractCore,
  type ContractEvent,
  contractOutcomesAtTerm,
  type ContractTransitionContext,
  missingBilans,
  type RuleError,
  saisineFromCers12Months,
  type SuiviEmploiLineInput,
  transitionContract,
} from '../../../shared/domain/rules';
import { type AuthedCall } from '../context';
import { etatCivilOf } from '../foundation';
import { checkVersion, notInFuture, ruleFailure, throwIfErrors, todayOf } from '../kit';
import {
  type AccessibleContract,
  accessibleContract,
  ACTIONS,
  auditSnapshot,
  coreOf,
  historyOf,
  loadContract,
  type LoadedContract,
  NO_ORIENTATION,
  overlapErrors,
  referentIdentityFor,
  suiviForRules,
  journalContract,
} from './model';
import { recordSaisine } from './saisines';
import { edeWaiverAt, recomputeSanctionsAtSignature } from './signature';
import { papPath } from './support';
import { contractView, type StoredCerp } from './views';
import { formatDate } from '../../../shared/domain/format';

type ContractSet = Parameters<typeof updateContract>[2];

/**
 * Runs a life-cycle event through transitionContract. A refused transition (wrong state) is reported alone;
 * otherwise `more` adds the service's checks. Then writes `set` (and `also`) with the journal entry.
 */
function transition(
  call: AuthedCall,
  input: { contractId: number; version: number },
  event: ContractEvent,
  ctx: (l: AccessibleContract, today: string) => ContractTransitionContext,
  options: {
    more?: (l: AccessibleContract, today: string) => RuleError[];
    mapPath?: (path: string) => string;
    set: (l: AccessibleContract, next: ContractCore) => ContractSet;
    also?: (tx: DbOrTx, l: LoadedContract, at: string) => void;
  },
): ContractView {
  const { actor } = call;
  const db = call.open.db;
  const l = accessibleContract(db, actor, input.contractId);
  checkVersion(call, l.row.version, input.version, 'contrat', l.row.id);
  const today = todayOf(call);
  const suivi = suiviForRules(l.row.suiviEmploi as SuiviEmploiLineInput[], l.row.start, l.row.renewalOfId !== null);
  const mapPath = (p: string) => papPath(suivi.mapPath(options.mapPath ? options.mapPath(p) : p));
  const result = transitionContract({ ...coreOf(l), suiviEmploi: suivi.lines }, event, ctx(l, today));
  if (!result.ok && result.errors.some((e) => e.path === 'status')) {
    throw ruleFailure(result.errors.filter((e) => e.path === 'status'), { mapPath });
  }
  const errors: RuleError[] = result.ok ? [] : [...result.errors];
  errors.push(...(options.more?.(l, today) ?? []));
  throwIfErrors(errors, { mapPath });
  if (!result.ok) throw new Error('transition refusée sans message');
  const at = call.app.nowIso();
  db.transaction((tx) => {
    const before = auditSnapshot(l);
    updateContract(tx, l.row.id, { status: result.contract.status, ...options.set(l, result.contract) }, at);
    options.also?.(tx, loadContract(tx, l.row.id), at);
    journalContract(tx, actor, at, l.row.id, 'update', before);
  });
  return contractView(db, actor, loadContract(db, l.row.id), today);
}

const datedCtx = (date: string) => () => ({ date });
const notFuture = (date: string) => (_l: AccessibleContract, today: string) => notInFuture(date, today, 'date');

/**
 * Signature: the contract's own checks, the EDE before the contract (an administrator may sign without it, with a
 * written reason kept on the contract) and, in the same transaction, the sanction schedules the signature ends.
 */
export function sign(input: MethodParsedInput<'contracts.sign'>, call: AuthedCall): MethodOutput<'contracts.sign'> {
  const db = call.open.db;
  const { actor } = call;
  const laterIsReferent = input.referent.date >= input.beneficiaire.date;
  const date = laterIsReferent ? input.referent.date : input.beneficiaire.date;
  let waiver: string | null = null;
  let sanctionChanges: string[] = [];
  const view = transition(
    call,
    input,
    'signer',
    (l) => {
      const orientation = orientationInForce(db, l.row.personId);
      return {
        date,
        actions: ACTIONS,
        signatures: { referent: true, beneficiaire: true },
        orientation: orientation ? { date: orientation.date, orientation: orientation.orientation } : undefined,
      };
    },
    {
      mapPath: (p) => (p === 'date' ? (laterIsReferent ? 'referent.date' : 'beneficiaire.date') : p),
      more: (l, today) => {
        const errors: RuleError[] = [...notInFuture(input.referent.date, today, 'referent.date'), ...notInFuture(input.beneficiaire.date, today, 'beneficiaire.date')];
        if (!orientationInForce(db, l.row.personId)) errors.push({ message: NO_ORIENTATION });
        const cerp = l.row.content.cerp as StoredCerp | null;
        if (l.row.type === 'CERP' && (cerp?.metiers ?? []).length === 0) {
          errors.push({ path: 'cerp.metiers', message: 'Indiquez au moins un métier recherché (code ROME) avant la signature du CERP.' });
        }
        errors.push(...overlapErrors(db, l.row.personId, l.row.start, l.row.end, l.row.id));
        errors.push(...checkCersCap(coreOf(l), historyOf(db, l.row.personId, l.row.id)));
        const ede = edeWaiverAt(db, l, actor, date, input.edeWaiverReason);
        waiver = ede.waiver;
        errors.push(...ede.errors);
        return errors;
      },
      set: (l) => ({
        signedOn: date,
        signatureReferentNom: input.referent.nom,
        signatureReferentDate: input.referent.date,
        signatureBeneficiaireNom: input.beneficiaire.nom,
        signatureBeneficiaireDate: input.beneficiaire.date,
        // The état civil and the référent's identity are frozen as signed.
        etatCivil: etatCivilOf(db, l.row.personId),
        referentIdentity: referentIdentityFor(db, l.person, actor),
        edeWaiverReason: waiver,
        edeWaiverById: waiver === null ? null : actor.id,
        edeWaiverByName: waiver === null ? null : actor.displayName,
      }),
      also: (tx, l, at) => {
        sanctionChanges = recomputeSanctionsAtSignature(tx, actor, at, l.row.personId, date);
      },
    },
  );
  return { ...view, sanctionChanges };
}

export function transmit(input: MethodParsedInput<'contracts.transmit'>, call: AuthedCall): MethodOutput<'contracts.transmit'> {
  return transition(call, input, 'transmettre', datedCtx(input.date), { more: notFuture(input.date), set: () => ({ transmittedOn: input.date }) });
}

export function validate(input: MethodParsedInput<'contracts.validate'>, call: AuthedCall): MethodOutput<'contracts.validate'> {
  return transition(call, input, 'valider', datedCtx(input.date), {
    more: notFuture(input.date),
    set: () => ({ decidedOn: input.date, decidedById: call.actor.id, rejectionMotif: null }),
  });
}

export function reject(input: MethodParsedInput<'contracts.reject'>, call: AuthedCall): MethodOutput<'contracts.reject'> {
  return transition(call, input, 'rejeter', () => ({ date: input.date, motif: input.motif }), {
    more: notFuture(input.date),
    set: (_l, next) => ({ decidedOn: input.date, decidedById: call.actor.id, rejectionMotif: next.rejectionMotif ?? null }),
  });
}

export function start(input: MethodParsedInput<'contracts.start'>, call: AuthedCall): MethodOutput<'contracts.start'> {
  return transition(call, input, 'demarrer', datedCtx(input.date), { more: notFuture(input.date), set: () => ({ startedOn: input.date }) });
}

/**
 * At term (Cas 1, and Cas 3 for a CERS reaching 12 months): every PAP row (and CERP suivi line) needs its bilan;
 * a CERS at 12 months seizes the EP (saisineFromCers12Months) in the same transaction.
 */
export function terminate(input: MethodParsedInput<'contracts.terminate'>, call: AuthedCall): MethodOutput<'contracts.terminate'> {
  const db = call.open.db;
  return transition(call, input, 'echoir', datedCtx(input.date), {
    more: (l, today) => {
      const errors = [...notInFuture(input.date, today, 'date'), ...missingBilans(coreOf(l))];
      const term = contractOutcomesAtTerm(coreOf(l), historyOf(db, l.row.personId, l.row.id));
      if (term.outcomes.some((o) => o.kind === 'saisine_ep')) {
        const saisine = saisineFromCers12Months(coreOf(l), historyOf(db, l.row.personId, l.row.id), input.date);
        if (!saisine.ok) errors.push(...saisine.errors);
      }
      return errors;
    },
    set: () => ({ endedOn: input.date, ...(input.bilanGeneral === undefined ? {} : { bilanGeneral: input.bilanGeneral }) }),
    also: (tx, l, at) => {
      const history = historyOf(tx, l.row.personId, l.row.id);
      const term = contractOutcomesAtTerm(coreOf(l), history);
      if (!term.outcomes.some((o) => o.kind === 'saisine_ep') || saisineOfContract(tx, l.row.id)) return;
      const saisine = saisineFromCers12Months(coreOf(l), history, input.date);
      if (!saisine.ok) throw ruleFailure(saisine.errors);
      recordSaisine(tx, call.actor, at, saisine.saisine, {
        personId: l.row.personId,
        theme: `Suivi solidarité arrivé à ${term.solidarityMonths} mois (CERS du ${formatDate(l.row.start)} au ${formatDate(l.row.end)}) : l’équipe pluridisciplinaire statue sur la suite du parcours.`,
        edeId: latestEdeOf(tx, l.row.personId)?.id ?? null,
        contractId: l.row.id,
        papId: l.pap.id,
        attachmentIds: attachmentsOf(tx, 'contract', l.row.id).map((a) => a.id),
      });
    },
  });
}

export function closeEarly(input: MethodParsedInput<'contracts.closeEarly'>, call: AuthedCall): MethodOutput<'contracts.closeEarly'> {
  return transition(call, input, 'clore', () => ({ date: input.date, motif: input.motif }), {
    more: notFuture(input.date),
    set: (_l, next) => ({ endedOn: input.date, closureMotif: next.closureMotif ?? null }),
  });
}
