/**
 * The Président's decision on each case, separate from the EP's avis (Annexe 7, « Partie réservée au
 * Président »): favourable or not, dated (never before the avis: `recordPresidentDecision`), with who recorded it.
 * Its effect, in the same transaction:
 * - a réorientation decided (or the decision after a CERS at 12 months) opens the new orientation on the dossier
 *   through the interview capability's `orientation.decide` service (the contract deadline restarts from it);
 * - a suspension decided starts the sanction: its month-by-month schedule (`sanctionSchedule`) for the foyer's
 *   household (montant forfaitaire of the referential, minus the foyer's known resources) is stored.
 * Also: the decision letters' data and what a dossier shows of the EP (référents: their dossiers only).
 */
import {
  avisOfSaisine,
  decisionOfSaisine,
  decisionsOfItems,
  findFoyer,
  findFoyerResources,
  findOrganisme,
  findSaisineWithPerson,
  findUserById,
  householdOf,
  insertDecision,
  insertSanction,
  itemsOfSaisines,
  itemsOfSession,
  recordEpAudit,
  sanctionsOfDecisions,
  sanctionsOfPerson,
  saisinesOfPerson,
} from '../../../db/queries';
import type { MethodOutput, MethodParsedInput } from '../../../shared/api/contract';
import { EP_CASE_STAGE_LABELS, type EpCaseStage, type EpSignatory } from '../../../shared/api/ep';
import { ApiError, ROOT_FIELD } from '../../../shared/api/errors';
import { montantForfaitaire, RSA_BASE_AMOUNTS } from '../../../shared/domain/referentials/rsa-amounts';
import { type IsoDate } from '../../../shared/domain/rules/dates';
import { recordPresidentDecision, SAISINE_ORIGIN_LABELS, type Saisine } from '../../../shared/domain/rules/ep';
import type { SuspensionMotif } from '../../../shared/domain/rules/fiche-liaison';
import { ORIENTATION_LABELS } from '../../../shared/domain/rules/orientation';
import { sanctionSchedule, type SanctionKind } from '../../../shared/domain/rules/sanctions';
import { auditActor, type AuthedCall } from '../context';
import { accessibleDossier } from '../foundation';
import { accessibleSession, avisView, decisionView, reloadSession, sanctionView, sessionView } from './common';
import { SECOND_RECORDING, conflictError, fieldError, notAfterToday, ruleFailure, renamed, todayOf } from '../kit';
import { decideOrientation } from '../interview';
import { agree, formatDate, personName } from '../../../shared/domain/format';

const cents = (n: number): number => Math.round(n * 100) / 100;

export function recordDecision(input: MethodParsedInput<'ep.sessions.recordDecision'>, call: AuthedCall): MethodOutput<'ep.sessions.recordDecision'> {
  const { app, actor } = call;
  const db = call.open.db;
  const { session, ep } = accessibleSession(db, actor, input.sessionId, 'secretariat');
  if (session.status !== 'tenue' && session.status !== 'avis_rendus') {
    throw new ApiError(
      'RULE',
      session.status === 'decisions_enregistrees' || session.status === 'close'
        ? 'Les décisions de cette séance sont déjà enregistrées.'
        : 'La décision du Président suit l’avis rendu en séance : la séance n’a pas encore été tenue.',
    );
  }
  const item = itemsOfSession(db, session.id).find((i) => i.id === input.itemId);
  if (!item || item.status !== 'inscrit') throw new ApiError('NOT_FOUND', 'Ce dossier ne figure pas à l’ordre du jour de la séance.');
  const found = findSaisineWithPerson(db, item.saisineId)!;
  const s = found.saisine;
  const today = todayOf(call);
  notAfterToday(input.date, today, 'date', 'La date de la décision');

  const avis = avisOfSaisine(db, s.id);
  const existing = decisionOfSaisine(db, s.id);
  if (existing) throw conflictError(call, { entity: 'ep_decision', id: existing.id }, 'Le Président a déjà pris sa décision sur cette saisine.', SECOND_RECORDING);
  const organisme = input.organismeReferentId ? findOrganisme(db, input.organismeReferentId) : undefined;
  if (input.organismeReferentId && !organisme) throw fieldError('VALIDATION', 'organismeReferentId', 'L’organisme référent choisi n’existe pas.');
  const correspondant = input.correspondantId ? findUserById(db, input.correspondantId) : undefined;
  if (input.correspondantId && !correspondant) throw fieldError('VALIDATION', 'correspondantId', 'Le correspondant choisi n’existe pas.');

  const saisine: Saisine = {
    origin: s.origin,
    date: s.date,
    ficheId: s.ficheId,
    cible: s.cible,
    suspensionMotif: s.suspensionMotif as SuspensionMotif | null,
    avis: avis ? { date: avis.date, sens: avis.sens, motivation: avis.motivation } : null,
    decision: null,
  };
  const ruled = recordPresidentDecision(saisine, {
    date: input.date,
    sens: input.sens,
    orientation: input.orientation ?? null,
    organismeReferent: organisme?.name ?? null,
    correspondant: correspondant?.displayName ?? null,
    sanctionKind: input.sanctionKind ?? avis?.proposedSanction ?? null,
    sanctionStart: input.sanctionStart ?? null,
    commentaire: input.commentaire ?? null,
  });
  if (!ruled.ok) {
    throw ruleFailure(ruled.errors, { mapPath: renamed({ organismeReferent: 'organismeReferentId', correspondant: 'correspondantId', avis: ROOT_FIELD, decision: ROOT_FIELD }) });
  }
  const effect = ruled.effect;

  // The sanction's schedule, computed before anything is written.
  let sanction: { kind: SanctionKind; start: IsoDate; household: { couple: boolean; dependants: number }; resourcesCents: number | null; scheduleJson: string } | null =
    null;
  if (effect.type === 'demarrer_sanction') {
    const foyer = findFoyer(db, found.foyer.id)!;
    const household = householdOf(db, foyer.id);
    const resourcesCents = findFoyerResources(db, foyer.id)?.householdResourcesCents ?? null;
    const mf = (month: IsoDate) => montantForfaitaire(month, household);
    const allowance = (month: IsoDate) => cents(mf(month) - (resourcesCents ?? 0) / 100);
    let firstAllowance: number;
    try {
      firstAllowance = allowance(effect.start);
    } catch (error) {
      throw fieldError('RULE', 'sanctionStart', error instanceof Error ? error.message : 'Montant forfaitaire introuvable.');
    }
    if (firstAllowance <= 0) {
      throw new ApiError('RULE', 'Les ressources connues du foyer atteignent le montant forfaitaire : aucun RSA n’est versé, il n’y a pas de sanction à calculer.');
    }
    const schedule = sanctionSchedule({ kind: effect.kind, start: effect.start, household, montantForfaitaire: mf, allowance });
    if (!schedule.ok) throw ruleFailure(schedule.errors);
    const { ok: _ok, ...stored } = schedule;
    sanction = { kind: effect.kind, start: effect.start, household, resourcesCents, scheduleJson: JSON.stringify(stored) };
  }

  const at = app.nowIso();
  const who = auditActor(actor);
  db.transaction((tx) => {
    let orientationId: number | null = null;
    if (effect.type === 'ouvrir_orientation') {
      if (!input.organismeReferentId || !input.correspondantId) throw new Error('organisme / correspondant manquant après la règle');
      // The interview capability opens the period (checks, closes the current one, journals, names the dossier's staff).
      const opened = decideOrientation(
        {
          personId: s.personId,
          date: input.date,
          orientation: effect.decision.orientation,
          organismeReferentId: input.organismeReferentId,
          referentId: input.referentId ?? null,
          correspondantId: input.correspondantId,
          motif: `Décision du Président du Conseil Général après avis de l’équipe pluridisciplinaire (séance du ${formatDate(session.date)}) : ${SAISINE_ORIGIN_LABELS[s.origin].toLowerCase()}.`,
          // The EP's avis and the Président's decision are the reason of a difference with the EDE's proposal.
          divergenceReason: `Décision du Président du Conseil Général après avis de l’équipe pluridisciplinaire du ${formatDate(session.date)}.`,
        },
        call,
      );
      orientationId = opened.period.id;
    }
    const row = insertDecision(tx, {
      itemId: item.id,
      saisineId: s.id,
      date: input.date,
      sens: input.sens,
      commentaire: input.commentaire ?? null,
      effect: effect.type,
      orientation: effect.type === 'ouvrir_orientation' ? effect.decision.orientation : null,
      organismeName: effect.type === 'ouvrir_orientation' ? effect.decision.organismeReferent : null,
      correspondantName: effect.type === 'ouvrir_orientation' ? effect.decision.correspondant : null,
      orientationId,
      signatoryName: input.signatoryName,
      signatoryFunction: input.signatoryFunction,
      signatoryDelegation: input.signatoryDelegation ?? null,
      recordedBy: actor.id,
      recordedByName: actor.displayName,
      recordedAt: at,
    });
    recordEpAudit(tx, { actor: who, at, entity: 'ep_decision', entityId: row.id, action: 'create', before: null, after: { ...row, id: undefined } });
    if (sanction) {
      const stored = insertSanction(tx, {
        decisionId: row.id,
        personId: s.personId,
        kind: sanction.kind,
        start: sanction.start,
        couple: sanction.household.couple,
        dependants: sanction.household.dependants,
        resourcesCents: sanction.resourcesCents,
        scheduleJson: sanction.scheduleJson,
        rsaAmountsVersion: RSA_BASE_AMOUNTS.version,
        contractSignedOn: null,
        recomputedAt: null,
        previousScheduleJson: null,
        createdAt: at,
      });
      recordEpAudit(tx, { actor: who, at, entity: 'ep_sanction', entityId: stored.id, action: 'create', before: null, after: { ...stored, id: undefined } });
    }
  });
  return sessionView(db, reloadSession(db, session.id), ep, today);
}

/** The signature line: the delegation recorded with the decision, else the signatory's function (older decisions: the SLAI's chief). */
function signatureOf(signatory: EpSignatory | null): string {
  if (!signatory) return 'Le Président du Conseil Général, par délégation, le Chef du Service Local Allocation Insertion';
  return signatory.delegation ?? signatory.function;
}

/** What a decision letter is about, in the words of a letter (never the app's « fiche de liaison »). */
const DECISION_SUBJECTS: Record<Saisine['origin'], string> = {
  fiche_suspension: 'réduction ou suspension du revenu de solidarité active',
  fiche_reorientation: 'réorientation du parcours d’insertion',
  cers_12_mois: 'suite du parcours après douze mois d’accompagnement social',
};

const civiliteOf = (sexe: 'F' | 'M') => (sexe === 'F' ? 'Madame' : 'Monsieur');

export function decisionLetter(input: MethodParsedInput<'ep.sessions.decisionLetter'>, call: AuthedCall): MethodOutput<'ep.sessions.decisionLetter'> {
  const db = call.open.db;
  const { session, ownMdsOnly } = accessibleSession(db, call.actor, input.sessionId);
  const item = itemsOfSession(db, session.id).find((i) => i.id === input.itemId);
  // Outside the EP's secretariat, a case of another MDS is not on the caller's ordre du jour.
  if (!item || (ownMdsOnly !== null && findSaisineWithPerson(db, item.saisineId)?.foyer.mdsId !== ownMdsOnly)) {
    throw new ApiError('NOT_FOUND', 'Ce dossier ne figure pas à l’ordre du jour de la séance.');
  }
  const decision = decisionsOfItems(db, [item.id]).get(item.id);
  const avis = avisOfSaisine(db, item.saisineId);
  if (!decision || !avis) throw new ApiError('RULE', 'Le Président n’a pas encore pris sa décision sur ce dossier : pas de courrier de décision.');
  const { saisine, person, foyer } = findSaisineWithPerson(db, item.saisineId)!;
  const view = decisionView(decision, sanctionsOfDecisions(db, [decision.id]).get(decision.id));
  const effectText: string[] = [];
  if (view.effect === 'ouvrir_orientation' && view.orientation) {
    effectText.push(`Vous êtes ${agree('orienté', person.sexe === 'F' ? 'f' : 'm')} vers : ${ORIENTATION_LABELS[view.orientation]}, à compter du ${formatDate(view.date)}.`);
    if (view.organismeName) effectText.push(`Organisme référent : ${view.organismeName}.`);
    if (view.contractDeadline) {
      effectText.push(`Votre contrat (${view.contractDeadline.kind}) doit être signé au plus tard le ${formatDate(view.contractDeadline.deadline)}.`);
    }
  } else if (view.effect === 'demarrer_sanction' && view.sanction) {
    effectText.push(`Sanction : ${view.sanction.kindLabel}, à compter du ${formatDate(view.sanction.start)}.`);
    for (const line of view.sanction.lines) {
      effectText.push(`${formatDate(line.month)} : ${line.label} Réduction ${line.reduction.toFixed(2)} €, montant versé ${line.amountPaid.toFixed(2)} €.`);
    }
  } else {
    effectText.push('Votre situation reste inchangée.');
  }
  return {
    itemId: item.id,
    personId: person.id,
    civilite: civiliteOf(person.sexe),
    name: personName(person),
    address: [foyer.addressLine1, foyer.addressLine2, `${foyer.postalCode} ${foyer.city}`].filter((l): l is string => !!l),
    date: view.date,
    objet: `Décision du Président du Conseil Général – ${DECISION_SUBJECTS[saisine.origin]}`,
    avis: { date: avis.date, sens: avis.sens, motivation: avis.motivation },
    decision: { date: view.date, sens: view.sens, commentaire: view.commentaire },
    effectText,
    signature: signatureOf(view.signatory),
    signatoryName: view.signatory?.name ?? null,
  };
}

// --- On the dossier ----------------------------------------------------------------------------------------

export function outcomesForDossier(input: MethodParsedInput<'ep.outcomesForDossier'>, call: AuthedCall): MethodOutput<'ep.outcomesForDossier'> {
  const db = call.open.db;
  const { person } = accessibleDossier(db, call.actor, input.personId);
  const saisines = saisinesOfPerson(db, person.id);
  const items = itemsOfSaisines(db, saisines.map((s) => s.id));
  return saisines.map((s) => {
    const mine = items.filter((i) => i.item.saisineId === s.id);
    const active = mine.find((i) => i.item.active) ?? null;
    const avis = avisOfSaisine(db, s.id);
    const decision = decisionOfSaisine(db, s.id);
    const sanction = decision ? sanctionsOfDecisions(db, [decision.id]).get(decision.id) : undefined;
    const stage: EpCaseStage = decision ? 'decidee' : avis ? 'avis_rendu' : active ? 'inscrite' : 'en_attente';
    const withoutRecorder = <T extends { recordedBy: string }>({ recordedBy: _r, ...rest }: T) => rest;
    return {
      saisineId: s.id,
      origin: s.origin,
      originLabel: SAISINE_ORIGIN_LABELS[s.origin],
      theme: s.theme,
      date: s.date,
      avisDeadline: s.avisDeadline,
      stage,
      stageLabel: EP_CASE_STAGE_LABELS[stage],
      session: active ? { date: active.session.date, place: active.session.place, slotStart: active.item.slotStart } : null,
      avis: avis ? withoutRecorder(avisView(db, avis)) : null,
      decision: decision ? withoutRecorder(decisionView(decision, sanction)) : null,
    };
  });
}

export function sanctionsForDossier(input: MethodParsedInput<'ep.sanctionsForDossier'>, call: AuthedCall): MethodOutput<'ep.sanctionsForDossier'> {
  const db = call.open.db;
  const { person } = accessibleDossier(db, call.actor, input.personId);
  return sanctionsOfPerson(db, person.id).map(sanctionView);
}

