/**
 * Orientation: the proposal (latest EDE, with the DSP's elements), the decision, the periods and the contract
 * deadline.
 *
 * A decision (correspondent or administrator: the contract restricts the role) names the orientation, the
 * organisme référent (active, of the type the orientation requires), optionally one of its référents, the SLAI
 * correspondent (an active correspondent account of the MDS), a date (not in the future) and a motif. It opens a
 * new period on its date and closes the current one the day before (`openOrientation`: a decision on or before
 * the current start is refused). The contract deadline follows from the decision (`contractDeadline`).
 *
 * The dossier's named référent follows the decision (handbook: « Décision d’orientation avec désignation de
 * l’organisme référent et du correspondant »; the DUI shows a référent only the dossiers where they are named):
 * - a référent linked to a user account → that account becomes the dossier's référent;
 * - a référent without an account → the dossier has no named référent among the users any more (the person is
 *   followed outside the application; the previous référent no longer sees the dossier);
 * - no référent named → the dossier's référent is unchanged.
 * The dossier's correspondent becomes the decision's correspondent. The change is journaled on the person.
 */
import {
  closeOrientation,
  currentOrientation,
  findOrganisme,
  findReferent,
  findUserById,
  insertOrientation,
  findOrientation,
  findPreconisation,
  latestEdeAssessment,
  latestPendingPreconisation,
  listEdeAssessments,
  listOrientations,
  personSnapshot,
  recordInterviewAudit,
  setDossierStaff,
  userRefs,
  type DbOrTx,
} from '../../../db/queries';
import type { Foyer, OrientationRow, Person } from '../../../db/schema';
import type { MethodOutput, MethodParsedInput } from '../../../shared/api/contract';
import {
  ORGANISME_TYPE_FOR_ORIENTATION,
  ORGANISME_TYPE_LABELS,
  type OrientationPeriodOutput,
} from '../../../shared/api/interview';
import { dspOrientationElements } from '../../../shared/domain/rules/dsp-elements';
import { checkDecisionAgainstReference, decisionReference } from '../../../shared/domain/rules/preconisation';
import {
  contractDeadline,
  openOrientation,
  ORIENTATION_LABELS,
  proposeOrientation,
  validateOrientationDecision,
  type Orientation,
  type OrientationPeriodInput,
} from '../../../shared/domain/rules/orientation';
import { ApiError } from '../../../shared/api/errors';
import { auditActor, type Actor, type AuthedCall } from '../context';
import { accessibleDossier } from '../foundation';
import { latestDspSummary } from './dsp';
import { latestEdeSummary } from './ede';
import { pendingPreconisation, preconisationOf } from './preconisations';
import { fieldError, notAfterToday, ruleFailure, renamed, todayOf, userRefOf } from '../kit';

export function periodOf(db: DbOrTx, row: OrientationRow): OrientationPeriodOutput {
  return {
    id: row.id,
    personId: row.personId,
    date: row.decisionDate,
    orientation: row.orientation,
    start: row.startDate,
    end: row.endDate,
    organismeReferent: { id: row.organismeId, name: row.organismeName, type: row.organismeType },
    referent: row.referentId === null ? null : { id: row.referentId, name: row.referentName ?? '', userId: row.referentUserId },
    correspondant: { id: row.correspondantId, displayName: row.correspondantName },
    motif: row.motif,
    preconisation: row.preconisationId === null ? null : preconisationOrNull(db, row.preconisationId),
    divergenceReason: row.divergenceReason,
    contract: contractDeadline({ date: row.decisionDate, orientation: row.orientation }),
    createdAt: row.createdAt,
    createdBy: userRefOf(userRefs(db, [row.createdBy]), row.createdBy),
  };
}

const preconisationOrNull = (db: DbOrTx, id: number) => {
  const row = findPreconisation(db, id);
  return row ? preconisationOf(db, row) : null;
};

/** The current orientation of a person with its contract deadline, or null. */
export function currentPeriod(db: DbOrTx, personId: number): OrientationPeriodOutput | null {
  const row = currentOrientation(db, personId);
  return row ? periodOf(db, row) : null;
}

/** The proposal for a person: from the latest EDE (solidarité for a diagnosis without one). */
export function proposalFor(db: DbOrTx, personId: number) {
  const row = latestEdeAssessment(db, personId);
  return proposeOrientation({ ede: row ? { proposal: row.proposal } : null });
}

export function proposal(input: MethodParsedInput<'orientation.proposal'>, call: AuthedCall): MethodOutput<'orientation.proposal'> {
  const db = call.open.db;
  const { person } = accessibleDossier(db, call.actor, input.personId);
  const ede = latestEdeSummary(db, person.id);
  const dsp = latestDspSummary(db, person.id);
  const { orientation, reason } = proposalFor(db, person.id);
  return {
    orientation,
    reason,
    ede,
    dsp: dsp?.summary ?? null,
    elements: dsp ? dspOrientationElements(dsp.content) : [],
    preconisation: pendingPreconisation(db, person.id),
  };
}

const periodInput = (row: OrientationRow): OrientationPeriodInput => ({
  date: row.decisionDate,
  orientation: row.orientation,
  organismeReferent: row.organismeName,
  correspondant: row.correspondantName,
  start: row.startDate,
  end: row.endDate,
});

const orientationSnapshot = (row: OrientationRow) => ({
  personId: row.personId,
  decisionDate: row.decisionDate,
  orientation: row.orientation,
  startDate: row.startDate,
  endDate: row.endDate,
  organismeId: row.organismeId,
  organismeName: row.organismeName,
  referentId: row.referentId,
  referentName: row.referentName,
  referentUserId: row.referentUserId,
  correspondantId: row.correspondantId,
  correspondantName: row.correspondantName,
  motif: row.motif,
  preconisationId: row.preconisationId,
  divergenceReason: row.divergenceReason,
});

/** What a decision names (the API's `orientation.decide` input without the person). */
export interface OrientationDecisionValues {
  date: string;
  orientation: Orientation;
  organismeReferentId: number;
  referentId?: number | null;
  correspondantId: number;
  motif: string;
  /** The préconisation of the équipe d’orientation relied on, and the reason of a difference (orientation.decide). */
  preconisationId?: number | null;
  divergenceReason?: string | null;
}

export interface RecordedOrientation {
  row: OrientationRow;
  /** The previous period, closed the day before the decision. */
  closed: OrientationRow | null;
  /** The dossier's named référent (user id) after the decision. */
  dossierReferentId: number | null;
}

/**
 * Checks and records an orientation decision for a person, INSIDE the caller's transaction (so another
 * capability — e.g. the EP's Président decision — can open an orientation with its own writes): validates the
 * organisme, référent and correspondent, opens the period (closing the current one), names the dossier's
 * référent and correspondent, and journals everything. Throws a French ApiError (VALIDATION / RULE) before
 * writing anything when the decision is refused; the caller's transaction then rolls back.
 * Access to the dossier is the caller's to check.
 */
export function recordOrientationDecision(
  tx: DbOrTx,
  ctx: { actor: Actor; person: Person; foyer: Foyer; today: string; at: string },
  values: OrientationDecisionValues,
): RecordedOrientation {
  const { actor, person, foyer, today, at } = ctx;
  notAfterToday(values.date, today, 'date', 'La date de la décision');

  const organisme = findOrganisme(tx, values.organismeReferentId);
  // An organisme of the dossier's MDS (or shared): another MDS's organismes are not offered.
  if (!organisme || !organisme.active || (organisme.mdsId !== null && organisme.mdsId !== foyer.mdsId)) {
    throw fieldError('VALIDATION', 'organismeReferentId', 'L’organisme référent choisi n’existe pas ou n’est plus actif.');
  }
  const expectedType = ORGANISME_TYPE_FOR_ORIENTATION[values.orientation];
  if (organisme.type !== expectedType) {
    throw fieldError(
      'RULE',
      'organismeReferentId',
      `${ORIENTATION_LABELS[values.orientation]} : l’organisme référent doit être de type « ${ORGANISME_TYPE_LABELS[expectedType]} » ; « ${organisme.name} » est de type « ${ORGANISME_TYPE_LABELS[organisme.type]} ».`,
    );
  }

  const referentId = values.referentId ?? null;
  const referent = referentId === null ? null : findReferent(tx, referentId);
  if (referentId !== null) {
    if (!referent || !referent.active) throw fieldError('VALIDATION', 'referentId', 'Le référent choisi n’existe pas ou n’est plus actif.');
    if (referent.organismeId !== organisme.id) {
      throw fieldError('VALIDATION', 'referentId', `Le référent choisi ne fait pas partie de l’organisme « ${organisme.name} ».`);
    }
    if (referent.userId !== null) {
      const account = findUserById(tx, referent.userId);
      if (!account || !account.active || account.role !== 'referent' || account.mdsId !== foyer.mdsId) {
        throw fieldError(
          'VALIDATION',
          'referentId',
          'Le compte utilisateur lié à ce référent n’est pas un compte de référent actif de la MDS : corrigez la fiche du référent.',
        );
      }
    }
  }

  const correspondant = findUserById(tx, values.correspondantId);
  if (!correspondant || !correspondant.active || correspondant.role !== 'correspondant' || correspondant.mdsId !== foyer.mdsId) {
    throw fieldError('VALIDATION', 'correspondantId', 'Le correspondant choisi n’est pas un correspondant actif de la MDS.');
  }

  const decision = { date: values.date, orientation: values.orientation, organismeReferent: organisme.name, correspondant: correspondant.displayName };
  const checked = validateOrientationDecision(decision);
  if (!checked.ok) {
    throw ruleFailure(checked.errors, { code: 'VALIDATION', mapPath: renamed({ organismeReferent: 'organismeReferentId', correspondant: 'correspondantId' }) });
  }
  const existing = listOrientations(tx, person.id);
  const opened = openOrientation(existing.map(periodInput), decision);
  if (!opened.ok) throw ruleFailure(opened.errors, { mapPath: renamed({ 'decision.date': 'date' }) });
  const current = existing.find((r) => r.endDate === null);

  const names = {
    referentId: referent ? referent.userId : person.referentId,
    correspondantId: correspondant.id,
  };
  const who = auditActor(actor);
  let closed: OrientationRow | null = null;
  if (current && opened.closed?.end) {
    closed = closeOrientation(tx, current.id, opened.closed.end);
    recordInterviewAudit(tx, {
      actor: who,
      at,
      entity: 'orientation',
      entityId: current.id,
      action: 'update',
      before: orientationSnapshot(current),
      after: orientationSnapshot(closed),
    });
  }
  const row = insertOrientation(tx, {
    personId: person.id,
    decisionDate: values.date,
    orientation: values.orientation,
    startDate: opened.opened.start,
    endDate: null,
    preconisationId: values.preconisationId ?? null,
    divergenceReason: values.divergenceReason ?? null,
    organismeId: organisme.id,
    organismeName: organisme.name,
    organismeType: organisme.type,
    referentId: referent?.id ?? null,
    referentName: referent?.name ?? null,
    referentUserId: referent?.userId ?? null,
    correspondantId: correspondant.id,
    correspondantName: correspondant.displayName,
    motif: values.motif,
    createdAt: at,
    createdBy: actor.id,
  });
  recordInterviewAudit(tx, { actor: who, at, entity: 'orientation', entityId: row.id, action: 'create', before: null, after: orientationSnapshot(row) });
  if (names.referentId !== person.referentId || names.correspondantId !== person.correspondantId) {
    const updated = setDossierStaff(tx, person.id, names, at);
    recordInterviewAudit(tx, {
      actor: who,
      at,
      entity: 'person',
      entityId: person.id,
      action: 'update',
      before: personSnapshot(person),
      after: personSnapshot(updated),
    });
  }
  return { row, closed, dossierReferentId: names.referentId };
}

/**
 * A correspondent’s decision against the équipe d’orientation and the EDE (shared rule
 * `checkDecisionAgainstReference`): the latest EDE dated on or before the decision, the latest préconisation not
 * yet followed by a decision. Throws when the EO must préconise first, or when a difference has no reason.
 */
function checkAgainstEoAndEde(
  tx: DbOrTx,
  personId: number,
  values: { date: string; orientation: Orientation; divergenceReason?: string | undefined },
): { preconisationId: number | null; divergenceReason: string | null } {
  const ede = listEdeAssessments(tx, personId).find((e) => e.date <= values.date) ?? null;
  const pending = latestPendingPreconisation(tx, personId) ?? null;
  const reference = decisionReference({ date: values.date, ede, preconisation: pending });
  const checked = checkDecisionAgainstReference(reference, values);
  if (!checked.ok) throw ruleFailure(checked.errors);
  return { preconisationId: checked.preconisationId, divergenceReason: checked.divergenceReason };
}

export function decide(input: MethodParsedInput<'orientation.decide'>, call: AuthedCall): MethodOutput<'orientation.decide'> {
  const { app, actor } = call;
  const db = call.open.db;
  const { person, foyer } = accessibleDossier(db, actor, input.personId);
  const { personId: _personId, ...values } = input;
  const ctx = { actor, person, foyer, today: todayOf(call), at: app.nowIso() };
  notAfterToday(values.date, ctx.today, 'date', 'La date de la décision');
  const result = db.transaction((tx) => recordOrientationDecision(tx, ctx, { ...values, ...checkAgainstEoAndEde(tx, person.id, values) }));
  const referentId = result.dossierReferentId;
  return {
    period: periodOf(db, result.row),
    closed: result.closed ? periodOf(db, result.closed) : null,
    dossierReferent: referentId === null ? null : userRefOf(userRefs(db, [referentId]), referentId),
  };
}

export function current(input: MethodParsedInput<'orientation.current'>, call: AuthedCall): MethodOutput<'orientation.current'> {
  const db = call.open.db;
  const { person } = accessibleDossier(db, call.actor, input.personId);
  return currentPeriod(db, person.id);
}

export function history(input: MethodParsedInput<'orientation.history'>, call: AuthedCall): MethodOutput<'orientation.history'> {
  const db = call.open.db;
  const { person } = accessibleDossier(db, call.actor, input.personId);
  return listOrientations(db, person.id)
    .map((row) => periodOf(db, row))
    .reverse();
}

/**
 * One orientation decision for its paper (« Décision d’orientation »), with the EDE it relied on (the latest dated
 * on or before it); the dossier's access rules apply.
 */
export function decisionForDocument(orientationId: number, call: AuthedCall) {
  const db = call.open.db;
  const row = findOrientation(db, orientationId);
  if (!row) throw new ApiError('NOT_FOUND', 'Cette décision d’orientation est introuvable.');
  accessibleDossier(db, call.actor, row.personId);
  const ede = listEdeAssessments(db, row.personId).find((e) => e.date <= row.decisionDate);
  return { period: periodOf(db, row), ede: ede ? { date: ede.date, total: ede.total, proposal: ede.proposal } : null };
}
