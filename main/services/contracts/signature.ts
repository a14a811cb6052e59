/**
 * What the signature of a contract checks and changes beyond its own row:
 * - the EDE before the contract (`checkEdeBeforeContract`), which an administrator may waive with a written reason;
 * - the sanction schedules it ends: a non-conclusion (or non-renouvellement) sanction runs « jusqu’à la signature
 *   du contrat », so a schedule stored by the Président's decision is recomputed with the signature date, the one
 *   it replaces kept beside it, in the signature's transaction, journaled.
 */
import { type DbOrTx, listEdeAssessments, recordEpAudit, sanctionsOfPerson, updateSanctionSchedule } from '../../../db/queries';
import type { Contract } from '../../../db/schema-contracts';
import type { EpSanctionRow } from '../../../db/schema-ep';
import { ApiError } from '../../../shared/api/errors';
import { montantForfaitaire, RSA_BASE_AMOUNTS } from '../../../shared/domain/referentials/rsa-amounts';
import {
  checkEdeBeforeContract,
  EDE_BEFORE_SIGNATURE,
  type IsoDate,
  type RuleError,
  sanctionRecomputationText,
  sanctionSchedule,
  type SanctionSchedule,
} from '../../../shared/domain/rules';
import { auditActor, type Actor } from '../context';
import { type AccessibleContract, historyOf } from './model';

export const WAIVER_ADMIN_ONLY = `Seul un administrateur peut faire signer un contrat sans échelle de distance à l’emploi, avec un motif écrit. ${EDE_BEFORE_SIGNATURE}`;

/** The EDE rule at a signature dated `date`: the latest EDE made on or before that day, and the person's other contracts. */
export function edeErrors(db: DbOrTx, row: Pick<Contract, 'id' | 'personId' | 'start' | 'status'>, date: IsoDate): RuleError[] {
  const edes = listEdeAssessments(db, row.personId);
  const before = edes.find((e) => e.date <= date)?.date ?? null;
  const later = edes.filter((e) => e.date > date).at(-1)?.date ?? null;
  return checkEdeBeforeContract(row, historyOf(db, row.personId, row.id), before, { date, laterEdeDate: later });
}

/**
 * The EDE part of the signature: refused without a qualifying EDE unless an administrator gives the written
 * reason (which a non-administrator may not give). Returns the waiver to store (null when none is needed).
 */
export function edeWaiverAt(db: DbOrTx, l: AccessibleContract, actor: Actor, date: IsoDate, reason: string | undefined): { errors: RuleError[]; waiver: string | null } {
  if (reason !== undefined && actor.role !== 'administrateur') throw new ApiError('FORBIDDEN', WAIVER_ADMIN_ONLY, { edeWaiverReason: WAIVER_ADMIN_ONLY });
  const errors = edeErrors(db, l.row, date);
  if (errors.length === 0) return { errors, waiver: null };
  return reason === undefined ? { errors, waiver: null } : { errors: [], waiver: reason };
}

const cents = (n: number): number => Math.round(n * 100) / 100;

/** The schedule of a stored sanction as if the contract were signed on `signedOn` (same household, resources and referential). */
function scheduleSignedOn(s: EpSanctionRow, signedOn: IsoDate): SanctionSchedule | null {
  const household = { couple: s.couple, dependants: s.dependants };
  const mf = (month: IsoDate) => montantForfaitaire(month, household);
  const result = sanctionSchedule({
    kind: s.kind,
    start: s.start,
    household,
    montantForfaitaire: mf,
    allowance: (month: IsoDate) => cents(mf(month) - (s.resourcesCents ?? 0) / 100),
    contractSignedOn: signedOn,
  });
  if (!result.ok) return null;
  const { ok: _ok, ...schedule } = result;
  return schedule;
}

/**
 * Recomputes, in `tx`, every non-conclusion / non-renouvellement sanction of the person whose schedule did not
 * already stop at a signature, when this signature ends it (before a radiation); journaled. Returns the changes in French.
 */
export function recomputeSanctionsAtSignature(tx: DbOrTx, actor: Actor, at: string, personId: number, signedOn: IsoDate): string[] {
  const changes: string[] = [];
  for (const s of sanctionsOfPerson(tx, personId)) {
    if (s.kind === 'non_respect' || s.contractSignedOn !== null) continue;
    const previous = JSON.parse(s.scheduleJson) as SanctionSchedule;
    if (previous.stoppedBy === 'signature') continue;
    const next = scheduleSignedOn(s, signedOn);
    if (!next || next.stoppedBy !== 'signature') continue;
    const updated = updateSanctionSchedule(tx, s.id, {
      scheduleJson: JSON.stringify(next),
      previousScheduleJson: s.scheduleJson,
      contractSignedOn: signedOn,
      recomputedAt: at,
      rsaAmountsVersion: RSA_BASE_AMOUNTS.version,
    });
    recordEpAudit(tx, { actor: auditActor(actor), at, entity: 'ep_sanction', entityId: s.id, action: 'update', before: { ...s, id: undefined }, after: { ...updated, id: undefined } });
    changes.push(sanctionRecomputationText(s.start, next, previous, signedOn, at));
  }
  return changes;
}
