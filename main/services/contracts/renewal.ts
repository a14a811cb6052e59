/** Contracts: renewal (Cas 2), a new draft carrying the previous PAP over. */
import { renewalOfContract } from '../../../db/queries';
import { orientationInForce } from '../../../db/queries/contracts-interview';
import type { MethodOutput, MethodParsedInput } from '../../../shared/api/contract';
import type { PapRow } from '../../../shared/api/contracts';
import {
  CONTRACT_STATUS_LABELS,
  contractEndDate,
  renewContract,
  type RuleError,
  validateContract,
} from '../../../shared/domain/rules';
import { type AuthedCall } from '../context';
import { checkVersion, compact, ruleFailure, throwIfErrors, todayOf } from '../kit';
import {
  accessibleContract,
  ACTIONS,
  coreOf,
  formRowOf,
  historyOf,
  loadContract,
  NO_ORIENTATION,
  normalizeRow,
  overlapErrors,
  ruleRow,
  insertDraft,
  suiviForRules,
} from './model';
import { papPath } from './support';
import { contractView } from './views';
import { formatDate } from '../../../shared/domain/format';

/**
 * Cas 2: a new draft with the previous rows carried over (with their bilan, their old dates, `carriedOver`) and
 * the new actions; for a CERP the fiche de suivi emploi too. The other parts are copied as a starting point.
 */
export function renew(input: MethodParsedInput<'contracts.renew'>, call: AuthedCall): MethodOutput<'contracts.renew'> {
  const { actor } = call;
  const db = call.open.db;
  const l = accessibleContract(db, actor, input.contractId);
  checkVersion(call, l.row.version, input.version, 'contrat', l.row.id);
  const existing = renewalOfContract(db, l.row.id);
  if (existing) {
    throw ruleFailure([{ message: `Ce contrat a déjà été renouvelé (contrat du ${formatDate(existing.start)}, « ${CONTRACT_STATUS_LABELS[existing.status]} »).` }]);
  }
  const newRows = input.newActions.map(normalizeRow);
  const carried = l.rows.length;
  const result = renewContract(
    coreOf(l),
    { start: input.start, durationMonths: input.durationMonths, newActions: newRows.map(ruleRow), newSuiviEmploi: input.newSuiviEmploi },
    { actions: ACTIONS, history: historyOf(db, l.row.personId, l.row.id) },
  );
  /** Rows of the renewal are numbered carried first: new ones go back to newActions.<i>. */
  const mapPath = (p: string): string => {
    const m = /^pap\.(\d+)(\..*)?$/.exec(p);
    if (m) {
      const i = Number(m[1]);
      return i < carried ? `pap.actions.${i}${m[2] ?? ''}` : `newActions.${i - carried}${m[2] ?? ''}`;
    }
    return p === 'pap' ? 'newActions' : papPath(p);
  };
  if (!result.ok) throw ruleFailure(result.errors, { mapPath });
  const renewal = result.contract;
  const errors: RuleError[] = [];
  const orientation = orientationInForce(db, l.row.personId);
  if (!orientation) errors.push({ message: NO_ORIENTATION });
  else {
    const suivi = suiviForRules(renewal.suiviEmploi ?? [], renewal.start, true);
    const check = validateContract(
      { ...renewal, suiviEmploi: suivi.lines },
      { actions: ACTIONS, orientation: { date: orientation.date, orientation: orientation.orientation } },
    );
    if (!check.ok) {
      errors.push(
        ...check.errors.map((e) => (e.path === undefined ? e : { ...e, path: suivi.mapPath(e.path) })).map((e) =>
          e.path === 'orientationDate'
            ? {
                message: `Une nouvelle décision d’orientation a été prise le ${formatDate(orientation.date)} : établissez un nouveau contrat plutôt qu’un renouvellement.`,
              }
            : e,
        ),
      );
    }
  }
  const end = contractEndDate(renewal.start, renewal.durationMonths);
  errors.push(...overlapErrors(db, l.row.personId, renewal.start, end, l.row.id));
  throwIfErrors(errors, { mapPath });
  const rows: PapRow[] = [...l.rows.map((r) => ({ ...formRowOf(r), carriedOver: true })), ...newRows];
  const at = call.app.nowIso();
  const id = db.transaction((tx) =>
    insertDraft(
      tx,
      actor,
      at,
      l.person,
      {
        personId: l.row.personId,
        type: l.row.type,
        orientationId: orientation?.id ?? l.row.orientationId,
        orientationDate: renewal.orientationDate,
        orientation: l.row.orientation,
        start: renewal.start,
        durationMonths: renewal.durationMonths,
        end,
        renewalOfId: l.row.id,
        content: l.row.content,
        suiviEmploi: compact(renewal.suiviEmploi ?? []),
      },
      rows,
    ),
  );
  return contractView(db, actor, loadContract(db, id), todayOf(call));
}
