/**
 * « LES CONTRATS D’ENGAGEMENTS RECIPROQUES (CER) »: durations (CERS 6 months renewable once; CERP 3, 6, 9 or
 * 12 months), end date, no contract before its orientation decision, the life cycle
 * brouillon → signe → transmis_slai → valide | rejete → en_cours → echu | clos, the avenant (« LA FICHE DE
 * LIAISON »: it changes the PAP, never the duration), the renewal (previous actions carried over with their
 * bilan, plus new ones; for a CERP the fiche de suivi emploi too) and the three cases at term.
 */
import type { ActionDef } from '../referentials/types';
import { addMonthsIso, contractEndDate, isIsoDate, nextPeriodStart, type IsoDate } from './dates';
import type { Orientation } from './orientation';
import { type PapActionInput, validatePap, type PapFlag } from './pap';
import { failure, prefixErrors, rebaseErrors, ruleError, type RuleError, type RuleResult } from './result';
import { type SuiviEmploiLineInput, validateSuiviEmploi } from './suivi-emploi';
import { formatDate, formatDateTime, plural } from '../format';

export const CONTRACT_TYPES = ['CERS', 'CERP'] as const;
export type ContractType = (typeof CONTRACT_TYPES)[number];

/** Allowed durations in months. */
export const CONTRACT_DURATIONS: Record<ContractType, readonly number[]> = { CERS: [6], CERP: [3, 6, 9, 12] };
/** A CERS is renewable once: at most 12 months of solidarité follow-up under one orientation. */
export const CERS_MAX_MONTHS = 12;

export const CONTRACT_STATUSES = ['brouillon', 'signe', 'transmis_slai', 'valide', 'rejete', 'en_cours', 'echu', 'clos'] as const;
export type ContractStatus = (typeof CONTRACT_STATUSES)[number];
export const CONTRACT_STATUS_LABELS: Record<ContractStatus, string> = {
  brouillon: 'Brouillon',
  signe: 'Signé',
  transmis_slai: 'Transmis au SLAI',
  valide: 'Validé par le Président',
  rejete: 'Rejeté par le Président',
  en_cours: 'En cours',
  echu: 'Échu',
  clos: 'Clos avant échéance',
};

export const CONTRACT_EVENTS = ['signer', 'transmettre', 'valider', 'rejeter', 'demarrer', 'echoir', 'clore'] as const;
export type ContractEvent = (typeof CONTRACT_EVENTS)[number];
export const CONTRACT_EVENT_LABELS: Record<ContractEvent, string> = {
  signer: 'signer',
  transmettre: 'transmettre au SLAI',
  valider: 'valider',
  rejeter: 'rejeter',
  demarrer: 'démarrer',
  echoir: 'constater l’échéance',
  clore: 'clore avant échéance',
};

/** The ONLY allowed transitions. */
export const CONTRACT_TRANSITIONS: Record<ContractStatus, Partial<Record<ContractEvent, ContractStatus>>> = {
  brouillon: { signer: 'signe' },
  signe: { transmettre: 'transmis_slai' },
  transmis_slai: { valider: 'valide', rejeter: 'rejete' },
  valide: { demarrer: 'en_cours' },
  rejete: {},
  en_cours: { echoir: 'echu', clore: 'clos' },
  echu: {},
  clos: {},
};

export interface AvenantRecord {
  date: IsoDate;
  motif: string;
  /** The PAP before the avenant (kept for the history). */
  previousPap: PapActionInput[];
}

/** The part of a contract the rules look at; records may carry more fields (objectifs, emplois…). */
export interface ContractCore {
  id?: number | null;
  type: ContractType;
  status: ContractStatus;
  /** Date of the orientation decision the contract follows. */
  orientationDate: IsoDate;
  start: IsoDate;
  durationMonths: number;
  pap: PapActionInput[];
  /** CERP only: fiche de suivi emploi. */
  suiviEmploi?: SuiviEmploiLineInput[];
  signedOn?: IsoDate | null;
  transmittedOn?: IsoDate | null;
  /** Date of the Président's decision (validation or rejection). */
  decidedOn?: IsoDate | null;
  rejectionMotif?: string | null;
  startedOn?: IsoDate | null;
  /** Date the contract became échu or was closed. */
  endedOn?: IsoDate | null;
  closureMotif?: string | null;
  renewalOf?: number | null;
  avenants?: AvenantRecord[];
}

export const contractEnd = (c: Pick<ContractCore, 'start' | 'durationMonths'>): IsoDate => contractEndDate(c.start, c.durationMonths);

/** Checks the duration for the type: CERS 6 months; CERP 3, 6, 9 or 12 months. */
export function validateContractDuration(type: ContractType, months: number): RuleError[] {
  const allowed = CONTRACT_DURATIONS[type];
  if (allowed.includes(months)) return [];
  return [
    ruleError(
      type === 'CERS'
        ? 'Le CERS est conclu pour une durée de 6 mois (renouvelable une fois).'
        : 'Le CERP est conclu pour une durée de 3, 6, 9 ou 12 mois.',
      'durationMonths',
    ),
  ];
}

export interface ContractValidationContext {
  actions: readonly ActionDef[];
  /** The orientation the contract follows; when given, the contract type must match it. */
  orientation?: { date: IsoDate; orientation: Orientation };
  phase?: 'elaboration' | 'bilan';
}

/** Everything a contract needs before signature: type vs orientation, duration, dates, PAP, suivi emploi. */
export function validateContract(contract: ContractCore, ctx: ContractValidationContext): RuleResult<{ end: IsoDate; flags: PapFlag[] }> {
  const errors: RuleError[] = [];
  if (!isIsoDate(contract.start)) return failure([ruleError('Date de début du contrat invalide.', 'start')]);
  if (!isIsoDate(contract.orientationDate)) return failure([ruleError('Date de la décision d’orientation invalide.', 'orientationDate')]);
  errors.push(...validateContractDuration(contract.type, contract.durationMonths));
  if (ctx.orientation) {
    const o = ctx.orientation.orientation;
    if (contract.type === 'CERS' && o !== 'solidarite') {
      errors.push(ruleError('Un CERS suit une orientation solidarité.', 'type'));
    }
    if (contract.type === 'CERP' && o === 'solidarite') {
      errors.push(ruleError('Un CERP suit une orientation professionnelle.', 'type'));
    }
    if (contract.type === 'CERP' && o === 'professionnelle_pole_emploi') {
      errors.push(ruleError('Une orientation professionnelle France Travail (ex-Pôle Emploi) se contractualise par un PPAE avec France Travail, pas par un CERP.', 'type'));
    }
    if (ctx.orientation.date !== contract.orientationDate) {
      errors.push(ruleError('Le contrat ne se rattache pas à cette décision d’orientation.', 'orientationDate'));
    }
  }
  if (contract.start < contract.orientationDate) {
    errors.push(
      ruleError(
        `Le contrat ne peut pas commencer (${formatDate(contract.start)}) avant la décision d’orientation (${formatDate(contract.orientationDate)}).`,
        'start',
      ),
    );
  }
  if (errors.length > 0) return failure(errors);
  const end = contractEnd(contract);
  const pap = validatePap({ actions: contract.pap }, { actions: ctx.actions, contract: { type: contract.type, start: contract.start, end }, phase: ctx.phase });
  if (!pap.ok) errors.push(...rebaseErrors(pap.errors, 'actions', 'pap'));
  if (contract.type === 'CERP') {
    const suivi = validateSuiviEmploi({ offres: contract.suiviEmploi ?? [] }, { contract: { start: contract.start, end }, phase: ctx.phase === 'bilan' ? 'bilan' : 'suivi' });
    if (!suivi.ok) errors.push(...rebaseErrors(suivi.errors, 'offres', 'suiviEmploi'));
  } else if ((contract.suiviEmploi ?? []).length > 0) {
    errors.push(ruleError('La fiche de suivi emploi ne concerne que le CERP.', 'suiviEmploi'));
  }
  return errors.length > 0 ? failure(errors) : { ok: true, end, flags: pap.ok ? pap.flags : [] };
}

export interface ContractTransitionContext {
  /** Date of the event (signature, transmission, decision…). */
  date: IsoDate;
  /** Required to reject (motif of the Président's rejection) and to close before term. */
  motif?: string;
  /** Required to sign: the PAP is checked against the referential. */
  actions?: readonly ActionDef[];
  /** Required to sign: both signatures. */
  signatures?: { referent: boolean; beneficiaire: boolean };
  orientation?: { date: IsoDate; orientation: Orientation };
}

const REFUSALS: Partial<Record<ContractStatus, Partial<Record<ContractEvent, string>>>> = {
  brouillon: {
    transmettre: 'Un contrat non signé ne peut pas être transmis au SLAI : faites-le d’abord signer par le bénéficiaire et le référent.',
    valider: 'Un contrat non signé ne peut pas être validé : faites-le signer par le bénéficiaire et le référent, puis transmettez-le au SLAI.',
    rejeter: 'Un contrat non signé ne peut pas être rejeté : seul un contrat transmis au SLAI reçoit la décision du Président.',
    demarrer: 'Un contrat non signé ne peut pas démarrer.',
    echoir: 'Un contrat non signé ne peut pas arriver à échéance.',
    clore: 'Un brouillon ne se clôt pas : supprimez-le s’il n’a plus lieu d’être.',
  },
  signe: {
    signer: 'Ce contrat est déjà signé : il ne se modifie plus que par un avenant (fiche de liaison).',
    valider: 'Le contrat doit d’abord être transmis au SLAI pour la décision du Président.',
    rejeter: 'Le contrat doit d’abord être transmis au SLAI pour la décision du Président.',
    demarrer: 'Le contrat doit être transmis au SLAI et validé par le Président avant de démarrer.',
  },
  transmis_slai: {
    signer: 'Ce contrat est déjà signé : il ne se modifie plus que par un avenant (fiche de liaison).',
    transmettre: 'Ce contrat est déjà transmis au SLAI.',
    demarrer: 'Le contrat attend la décision du Président (validation ou rejet).',
    echoir: 'Le contrat attend la décision du Président (validation ou rejet).',
  },
  valide: {
    signer: 'Ce contrat est déjà signé : il ne se modifie plus que par un avenant (fiche de liaison).',
    valider: 'Ce contrat est déjà validé.',
    rejeter: 'Ce contrat est déjà validé : il ne peut plus être rejeté.',
    echoir: 'Ce contrat n’a pas démarré.',
  },
  rejete: {
    signer: 'Ce contrat a été rejeté : établissez un nouveau contrat.',
    valider: 'Ce contrat a été rejeté : établissez un nouveau contrat.',
  },
  en_cours: {
    signer: 'Ce contrat est en cours : il ne se modifie plus que par un avenant (fiche de liaison).',
    valider: 'Ce contrat est déjà validé et en cours.',
    rejeter: 'Ce contrat est déjà validé et en cours.',
  },
};

/**
 * Applies a life-cycle event. Returns the contract with its new status and the event's date recorded, or a
 * French refusal (a transition that is not in CONTRACT_TRANSITIONS, or whose conditions are not met).
 */
export function transitionContract<C extends ContractCore>(
  contract: C,
  event: ContractEvent,
  ctx: ContractTransitionContext,
): RuleResult<{ contract: C; from: ContractStatus; to: ContractStatus }> {
  const from = contract.status;
  if (!CONTRACT_EVENTS.includes(event)) return failure([ruleError(`Action inconnue : « ${String(event)} ».`)]);
  const to = CONTRACT_TRANSITIONS[from]?.[event];
  if (!to) {
    const specific = REFUSALS[from]?.[event];
    if (specific) return failure([ruleError(specific, 'status')]);
    const allowed = Object.keys(CONTRACT_TRANSITIONS[from] ?? {}) as ContractEvent[];
    const hint = allowed.length > 0 ? ` Actions possibles : ${allowed.map((e) => CONTRACT_EVENT_LABELS[e]).join(', ')}.` : ' Il ne change plus d’état.';
    return failure([
      ruleError(`Impossible de ${CONTRACT_EVENT_LABELS[event]} : le contrat est « ${CONTRACT_STATUS_LABELS[from] ?? from} ».${hint}`, 'status'),
    ]);
  }
  if (!isIsoDate(ctx.date)) return failure([ruleError('Date invalide.', 'date')]);
  const end = contractEnd(contract);
  const errors: RuleError[] = [];
  const next: C = { ...contract, status: to };
  switch (event) {
    case 'signer': {
      if (!ctx.signatures?.referent || !ctx.signatures.beneficiaire) {
        errors.push(ruleError('Le contrat doit être signé par le bénéficiaire et par le référent.', 'signatures'));
      }
      if (!ctx.actions) {
        errors.push(ruleError('Le référentiel des actions d’insertion est nécessaire pour vérifier le plan d’accompagnement.'));
      } else {
        const check = validateContract(contract, { actions: ctx.actions, orientation: ctx.orientation });
        if (!check.ok) errors.push(...check.errors);
      }
      if (ctx.date < contract.orientationDate) {
        errors.push(ruleError('Le contrat ne peut pas être signé avant la décision d’orientation.', 'date'));
      }
      next.signedOn = ctx.date;
      break;
    }
    case 'transmettre':
      if (contract.signedOn && ctx.date < contract.signedOn) errors.push(ruleError('La transmission ne peut pas précéder la signature.', 'date'));
      next.transmittedOn = ctx.date;
      break;
    case 'valider':
      if (contract.transmittedOn && ctx.date < contract.transmittedOn) {
        errors.push(ruleError('La décision du Président ne peut pas précéder la transmission au SLAI.', 'date'));
      }
      next.decidedOn = ctx.date;
      break;
    case 'rejeter':
      if (!ctx.motif?.trim()) errors.push(ruleError('Indiquez le motif du rejet.', 'motif'));
      if (contract.transmittedOn && ctx.date < contract.transmittedOn) {
        errors.push(ruleError('La décision du Président ne peut pas précéder la transmission au SLAI.', 'date'));
      }
      next.decidedOn = ctx.date;
      next.rejectionMotif = ctx.motif?.trim() ?? null;
      break;
    case 'demarrer':
      if (ctx.date < contract.start) errors.push(ruleError(`Le contrat commence le ${formatDate(contract.start)}.`, 'date'));
      if (ctx.date > end) errors.push(ruleError(`Le contrat a pris fin le ${formatDate(end)} : il ne peut plus démarrer.`, 'date'));
      next.startedOn = ctx.date;
      break;
    case 'echoir':
      if (ctx.date <= end) errors.push(ruleError(`Le contrat court jusqu’au ${formatDate(end)} inclus.`, 'date'));
      next.endedOn = ctx.date;
      break;
    case 'clore':
      if (!ctx.motif?.trim()) errors.push(ruleError('Indiquez le motif de la clôture avant échéance.', 'motif'));
      if (ctx.date > end) errors.push(ruleError(`Le contrat a pris fin le ${formatDate(end)} : constatez son échéance.`, 'date'));
      if (ctx.date < contract.start) errors.push(ruleError('La clôture ne peut pas précéder le début du contrat.', 'date'));
      next.endedOn = ctx.date;
      next.closureMotif = ctx.motif?.trim() ?? null;
      break;
  }
  return errors.length > 0 ? failure(errors) : { ok: true, contract: next, from, to };
}

/** Fields that follow the life cycle (changed by transitionContract, not by an edit). */
const LIFECYCLE_FIELDS = new Set([
  'status',
  'signedOn',
  'transmittedOn',
  'decidedOn',
  'rejectionMotif',
  'startedOn',
  'endedOn',
  'closureMotif',
  'avenants',
  'updatedAt',
  'version',
]);
/** Columns of a PAP row that stay open once the contract is signed (the bilan phase). */
const BILAN_FIELDS = new Set(['resultat', 'bilan']);

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
/** Structural equality of plain data (JSON-like records); undefined and null are the same "empty". */
function sameData(a: unknown, b: unknown): boolean {
  if ((a === undefined || a === null) && (b === undefined || b === null)) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => sameData(x, b[i]));
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].every((k) => sameData(a[k], b[k]));
  }
  return a === b;
}
const withoutKeys = (row: unknown, keys: Set<string>): unknown =>
  isPlainObject(row) ? Object.fromEntries(Object.entries(row).filter(([k]) => !keys.has(k))) : row;

/**
 * Checks an edit of a contract record (before → after). A draft changes freely (except its status, which only
 * transitions change). A signed contract changes only through an avenant: the only edits left are the bilan
 * columns of the PAP (résultat, bilan) and the fiche de suivi emploi; a rejected contract does not change.
 */
export function checkContractEdit<C extends ContractCore>(before: C, after: C): RuleResult<{ contract: C }> {
  const errors: RuleError[] = [];
  if (after.status !== before.status) {
    errors.push(ruleError('L’état du contrat ne se modifie pas directement : utilisez l’action correspondante (signer, transmettre…).', 'status'));
  }
  if (before.status === 'brouillon') return errors.length > 0 ? failure(errors) : { ok: true, contract: after };
  if (before.status === 'rejete') {
    if (!sameData(withoutKeys(before, new Set(['updatedAt', 'version'])), withoutKeys(after, new Set(['updatedAt', 'version'])))) {
      errors.push(ruleError('Ce contrat a été rejeté : il ne se modifie plus. Établissez un nouveau contrat.'));
    }
    return errors.length > 0 ? failure(errors) : { ok: true, contract: after };
  }
  const avenantMessage = 'Contrat signé : il ne se modifie que par un avenant (fiche de liaison).';
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  for (const key of keys) {
    if (LIFECYCLE_FIELDS.has(key) || key === 'pap' || key === 'suiviEmploi') continue;
    if (!sameData((before as Record<string, unknown>)[key], (after as Record<string, unknown>)[key])) {
      errors.push(ruleError(avenantMessage, key));
    }
  }
  const papBefore = before.pap;
  const papAfter = after.pap;
  if (papBefore.length !== papAfter.length) {
    errors.push(ruleError('Le plan d’accompagnement d’un contrat signé ne se modifie que par un avenant (fiche de liaison avec le PAP modifié).', 'pap'));
  } else {
    papAfter.forEach((row, i) => {
      if (!sameData(withoutKeys(papBefore[i], BILAN_FIELDS), withoutKeys(row, BILAN_FIELDS))) {
        errors.push(ruleError(`Ligne ${i + 1} : seuls le résultat et le bilan se remplissent sur un contrat signé ; le reste passe par un avenant.`, `pap.${i}`));
      }
    });
  }
  return errors.length > 0 ? failure(errors) : { ok: true, contract: after };
}

export interface AvenantInput {
  date: IsoDate;
  /** Raisons de la modification du PAP. */
  motif: string;
  /** The modified PAP (the whole table). */
  pap: PapActionInput[];
  signatures: { referent: boolean; beneficiaire: boolean };
  /** Must be absent or unchanged: an avenant never changes the duration. */
  start?: IsoDate;
  durationMonths?: number;
}

/** Statuses in which a contract is « en cours de validité » and may receive an avenant. */
export const AVENANT_STATUSES: readonly ContractStatus[] = ['valide', 'en_cours'];

/** Applies an avenant: the PAP is replaced (and checked), the duration never changes, both signatures required. */
export function applyAvenant<C extends ContractCore>(
  contract: C,
  avenant: AvenantInput,
  ctx: { actions: readonly ActionDef[] },
): RuleResult<{ contract: C; flags: PapFlag[] }> {
  const errors: RuleError[] = [];
  if (!AVENANT_STATUSES.includes(contract.status)) {
    return failure([
      ruleError(
        contract.status === 'brouillon'
          ? 'Le contrat n’est pas encore signé : modifiez-le directement.'
          : `Un avenant concerne un contrat en cours de validité (validé ou en cours) ; ce contrat est « ${CONTRACT_STATUS_LABELS[contract.status]} ».`,
        'status',
      ),
    ]);
  }
  if (!isIsoDate(avenant.date)) return failure([ruleError('Date de l’avenant invalide.', 'date')]);
  const end = contractEnd(contract);
  if (avenant.date < contract.start || avenant.date > end) {
    errors.push(ruleError(`L’avenant est daté hors de la durée du contrat (${formatDate(contract.start)} – ${formatDate(end)}).`, 'date'));
  }
  if (!avenant.motif?.trim()) errors.push(ruleError('Expliquez brièvement les raisons de la modification du PAP.', 'motif'));
  if ((avenant.start !== undefined && avenant.start !== contract.start) || (avenant.durationMonths !== undefined && avenant.durationMonths !== contract.durationMonths)) {
    errors.push(ruleError('L’avenant ne modifie pas la durée initialement prévue dans le contrat.', 'durationMonths'));
  }
  if (!avenant.signatures.referent) errors.push(ruleError('La signature du référent est obligatoire pour un avenant.', 'signatures.referent'));
  if (!avenant.signatures.beneficiaire) errors.push(ruleError('La signature du bénéficiaire est obligatoire pour un avenant.', 'signatures.beneficiaire'));
  const pap = validatePap({ actions: avenant.pap }, { actions: ctx.actions, contract: { type: contract.type, start: contract.start, end } });
  if (!pap.ok) errors.push(...rebaseErrors(pap.errors, 'actions', 'pap'));
  if (errors.length > 0 || !pap.ok) return failure(errors);
  const record: AvenantRecord = { date: avenant.date, motif: avenant.motif.trim(), previousPap: contract.pap };
  return {
    ok: true,
    contract: { ...contract, pap: avenant.pap, avenants: [...(contract.avenants ?? []), record] },
    flags: pap.flags,
  };
}

const COUNTED_STATUSES: readonly ContractStatus[] = ['signe', 'transmis_slai', 'valide', 'en_cours', 'echu', 'clos'];

/**
 * Months of solidarité follow-up (CERS) under the contract's orientation, up to and including it: the CERS of
 * the history with the same orientation decision, signed and not rejected, starting no later than it.
 */
export function solidarityMonths(contract: ContractCore, history: readonly ContractCore[]): number {
  if (contract.type !== 'CERS') return 0;
  const seen = new Set<string>([contract.start]);
  let months = contract.durationMonths;
  for (const c of history) {
    if (c === contract || c.type !== 'CERS' || c.orientationDate !== contract.orientationDate) continue;
    if (!COUNTED_STATUSES.includes(c.status) || c.start > contract.start || seen.has(c.start)) continue;
    seen.add(c.start);
    months += c.durationMonths;
  }
  return months;
}

/**
 * The 12-month cap of the solidarité follow-up (« 6 mois, renouvelable une fois »; « Cas 3 : le suivi solidarité
 * arrive à échéance des douze mois → équipe pluridisciplinaire »), checked on every write of a CERS — creation,
 * update, signature, renewal — not only on renewal: the CERS already signed under the same orientation decision
 * (rejected ones aside, whatever their start) plus this one may not exceed 12 months. A new orientation decision
 * (after the EP has ruled) starts a new count.
 */
export function checkCersCap(contract: ContractCore, history: readonly ContractCore[]): RuleError[] {
  if (contract.type !== 'CERS') return [];
  let done = 0;
  for (const c of history) {
    if (c === contract || (contract.id != null && c.id === contract.id)) continue;
    if (c.type !== 'CERS' || c.orientationDate !== contract.orientationDate || !COUNTED_STATUSES.includes(c.status)) continue;
    done += c.durationMonths;
  }
  if (done + contract.durationMonths <= CERS_MAX_MONTHS) return [];
  return [
    ruleError(
      `Le suivi solidarité a déjà ${done} mois de CERS sous cette décision d’orientation : un CERS de plus dépasserait ${CERS_MAX_MONTHS} mois. ` +
        'Envoyez le parcours personnalisé avec le bilan pour que l’équipe pluridisciplinaire statue sur la suite à donner.',
      'type',
    ),
  ];
}

/** What the user is told to do when the EDE rule refuses a signature. */
export const EDE_BEFORE_SIGNATURE = 'Réalisez l’échelle de distance à l’emploi avec le bénéficiaire avant la signature.';

/**
 * « Au préalable, à l’élaboration du contrat, l’échelle de distance à l’emploi est à réaliser avec le
 * bénéficiaire » and « elle sera demandée à chaque renouvellement de contrat »: at signature, the person's latest
 * EDE made on or before the signature date (`latestEdeDate`) must exist and — when the contract follows another
 * (drafts and rejected ones aside) — be dated on or after the start of that previous contract and after its
 * signature (made during it, for the renewal: not the EDE that prepared it). A first contract may rely on the EDE that prepared the orientation (within the contract's
 * preparation). An EDE dated after the signature does not count (`signature.laterEdeDate` only words the message).
 * Same reading as the dossier's warning (docs/rules.md, « EDE and contracts »); an administrator may waive it with
 * a written reason (the service's part).
 */
export function checkEdeBeforeContract(
  contract: Pick<ContractCore, 'id' | 'start' | 'status'>,
  others: readonly Pick<ContractCore, 'id' | 'start' | 'status' | 'signedOn'>[],
  latestEdeDate: IsoDate | null,
  signature?: { date: IsoDate; laterEdeDate: IsoDate | null },
): RuleError[] {
  if (latestEdeDate === null) {
    const later = signature?.laterEdeDate;
    return [
      ruleError(
        later && signature
          ? `L’échelle de distance à l’emploi du ${formatDate(later)} est postérieure à la signature (${formatDate(signature.date)}) : aucune n’a été réalisée avant. ${EDE_BEFORE_SIGNATURE}`
          : `Aucune échelle de distance à l’emploi n’est enregistrée pour ce bénéficiaire. ${EDE_BEFORE_SIGNATURE}`,
        'ede',
      ),
    ];
  }
  const previous = others
    .filter((c) => c.status !== 'rejete' && c.status !== 'brouillon' && (contract.id == null || c.id !== contract.id) && c.start < contract.start)
    .sort((a, b) => a.start.localeCompare(b.start))
    .at(-1);
  if (previous?.signedOn && latestEdeDate <= previous.signedOn && latestEdeDate >= previous.start) {
    return [
      ruleError(
        `La dernière échelle de distance à l’emploi (${formatDate(latestEdeDate)}) est celle de la signature du contrat précédent (${formatDate(previous.signedOn)}) : une nouvelle EDE est demandée à chaque renouvellement de contrat. ${EDE_BEFORE_SIGNATURE}`,
        'ede',
      ),
    ];
  }
  if (previous && latestEdeDate < previous.start) {
    return [
      ruleError(
        `La dernière échelle de distance à l’emploi (${formatDate(latestEdeDate)}) est antérieure au contrat précédent (${formatDate(previous.start)}) : une nouvelle EDE est demandée à chaque renouvellement de contrat. ${EDE_BEFORE_SIGNATURE}`,
        'ede',
      ),
    ];
  }
  return [];
}

/** Minimum length of an administrator's written reason for signing without the EDE. */
export const EDE_WAIVER_MIN_LENGTH = 10;

/** The parts of a stored sanction schedule the signature's recomputation compares. */
export interface ScheduleOutline {
  stoppedBy: string;
  radiation: IsoDate | null;
  lines: readonly { month: IsoDate }[];
}

/**
 * « … jusqu’à la signature du contrat »: a non-conclusion (or non-renouvellement) sanction stops when the contract is
 * signed. The French sentence shown where the sanction is shown once its schedule was recomputed at the signature:
 * the first month no longer sanctioned, and what the schedule said before.
 */
export function sanctionRecomputationText(
  start: IsoDate,
  schedule: ScheduleOutline,
  previous: ScheduleOutline,
  contractSignedOn: IsoDate,
  /** The instant of the recomputation (ISO date-time). */
  recomputedAt: string,
): string {
  const endsOn = addMonthsIso(start, schedule.lines.length);
  const months = (n: number) => plural(n, 'mois de sanction', 'mois de sanction');
  const before =
    previous.stoppedBy === 'radiation' && previous.radiation
      ? `${months(previous.lines.length - 1)} puis radiation du dispositif au ${formatDate(previous.radiation)}`
      : `${months(previous.lines.length)}, sans fin prévue avant la signature du contrat`;
  return `Échéancier recalculé le ${formatDateTime(recomputedAt)} : le contrat signé le ${formatDate(contractSignedOn)} met fin à la sanction au ${formatDate(endsOn)}, soit ${months(schedule.lines.length)} (avant : ${before}).`;
}

/** PAP rows (and CERP suivi lines) whose bilan is missing: the errors to fix before the term's outcome. */
export function missingBilans(contract: ContractCore): RuleError[] {
  const errors: RuleError[] = [];
  contract.pap.forEach((row, i) => {
    if (!row.resultat) errors.push(ruleError(`Ligne ${i + 1} du PAP : indiquez le résultat.`, `pap.${i}.resultat`));
    if (!row.bilan?.trim()) errors.push(ruleError(`Ligne ${i + 1} du PAP : remplissez le bilan-commentaires.`, `pap.${i}.bilan`));
  });
  if (contract.type === 'CERP') {
    (contract.suiviEmploi ?? []).forEach((line, i) => {
      if (!line.bilan?.trim()) errors.push(ruleError(`Ligne ${i + 1} de la fiche de suivi emploi : remplissez le bilan-commentaires.`, `suiviEmploi.${i}.bilan`));
    });
  }
  return errors;
}

export interface RenewalInput {
  /** Default: the day after the previous contract's end. */
  start?: IsoDate;
  durationMonths: number;
  /** New actions added to the carried-over ones. */
  newActions: PapActionInput[];
  /** CERP: new lines of the fiche de suivi emploi (the previous ones are carried over). */
  newSuiviEmploi?: SuiviEmploiLineInput[];
}

/**
 * Builds the renewal of a contract (a new draft): the previous PAP rows are carried over with their bilan
 * (every one must have its résultat and bilan) plus the new ones; for a CERP the fiche de suivi emploi is
 * carried over too. A CERS renews only once (12 months at most): beyond, the EP decides.
 */
export function renewContract<C extends ContractCore>(
  previous: C,
  input: RenewalInput,
  ctx: { actions: readonly ActionDef[]; history: readonly ContractCore[] },
): RuleResult<{ contract: ContractCore; flags: PapFlag[] }> {
  if (!['en_cours', 'echu'].includes(previous.status)) {
    return failure([
      ruleError(`Seul un contrat en cours ou échu se renouvelle ; ce contrat est « ${CONTRACT_STATUS_LABELS[previous.status]} ».`, 'status'),
    ]);
  }
  const errors: RuleError[] = [];
  errors.push(...validateContractDuration(previous.type, input.durationMonths));
  if (previous.type === 'CERS') {
    const done = solidarityMonths(previous, ctx.history);
    if (done + input.durationMonths > CERS_MAX_MONTHS) {
      return failure([
        ruleError(
          `Le CERS n’est renouvelable qu’une fois : le suivi solidarité atteint ${done} mois. Envoyez le parcours personnalisé avec le bilan pour que l’équipe pluridisciplinaire statue sur la suite à donner.`,
        ),
      ]);
    }
  }
  const previousEnd = contractEnd(previous);
  const start = input.start ?? nextPeriodStart(previous.start, previous.durationMonths);
  if (!isIsoDate(start)) return failure([ruleError('Date de début invalide.', 'start')]);
  if (start <= previousEnd) {
    errors.push(ruleError(`Le renouvellement commence après la fin du contrat précédent (${formatDate(previousEnd)}).`, 'start'));
  }
  errors.push(...prefixErrors('previous', missingBilans(previous)));
  if (errors.length > 0) return failure(errors);

  const carried = previous.pap.map((row) => ({ ...row, carriedOver: true }));
  const renewal: ContractCore = {
    type: previous.type,
    status: 'brouillon',
    orientationDate: previous.orientationDate,
    start,
    durationMonths: input.durationMonths,
    pap: [...carried, ...input.newActions],
    renewalOf: previous.id ?? null,
  };
  if (previous.type === 'CERP') renewal.suiviEmploi = [...(previous.suiviEmploi ?? []), ...(input.newSuiviEmploi ?? [])];
  const end = contractEnd(renewal);
  const pap = validatePap({ actions: renewal.pap }, { actions: ctx.actions, contract: { type: renewal.type, start, end } });
  if (!pap.ok) return failure(rebaseErrors(pap.errors, 'actions', 'pap'));
  return { ok: true, contract: renewal, flags: pap.flags };
}

export type TermOutcomeKind = 'clore_avec_bilan' | 'renouveler' | 'saisine_ep';

export interface TermOutcome {
  kind: TermOutcomeKind;
  /** The handbook's case number (Cas 1, 2, 3). */
  handbookCase: 1 | 2 | 3;
  label: string;
  /** What must be sent or filled. */
  requirements: string[];
  /** What is still missing (bilans); the outcome can be carried out once empty. */
  blockers: RuleError[];
}

/**
 * The possible outcomes at the term of a contract: Cas 1 (the follow-up ends: send the PAP with the bilan —
 * and, for a CERP, the fiche de suivi emploi), Cas 2 (renewal), Cas 3 (a CERS reaching 12 months: send the
 * parcours with the bilan so the EP decides). `history`: the person's other contracts.
 */
export function contractOutcomesAtTerm(
  contract: ContractCore,
  history: readonly ContractCore[],
): { end: IsoDate; solidarityMonths: number; outcomes: TermOutcome[] } {
  const end = contractEnd(contract);
  const blockers = missingBilans(contract);
  const months = solidarityMonths(contract, history);
  const bilan =
    contract.type === 'CERP'
      ? ['Bilan de chaque action du PAP (résultat et bilan-commentaires)', 'Bilan complémentaire : fiche de suivi emploi']
      : ['Bilan de chaque action du PAP (résultat et bilan-commentaires)'];
  if (contract.type === 'CERS' && months >= CERS_MAX_MONTHS) {
    return {
      end,
      solidarityMonths: months,
      outcomes: [
        {
          kind: 'saisine_ep',
          handbookCase: 3,
          label:
            'Cas 3 : le suivi solidarité arrive à échéance des douze mois. Envoi du parcours personnalisé avec le bilan afin que l’équipe pluridisciplinaire statue sur la suite à donner.',
          requirements: [...bilan, 'Saisine de l’équipe pluridisciplinaire'],
          blockers,
        },
      ],
    };
  }
  const referent = contract.type === 'CERS' ? 'référent solidarité' : 'référent professionnel';
  return {
    end,
    solidarityMonths: months,
    outcomes: [
      {
        kind: 'clore_avec_bilan',
        handbookCase: 1,
        label: `Cas 1 : le bénéficiaire a évolué dans son parcours, le suivi avec le ${referent} n’a plus lieu de continuer. Envoi du parcours personnalisé avec le bilan${contract.type === 'CERP' ? ' et le bilan complémentaire (fiche de suivi emploi)' : ''}.`,
        requirements: bilan,
        blockers,
      },
      {
        kind: 'renouveler',
        handbookCase: 2,
        label: `Cas 2 : la prolongation est nécessaire. Le contrat est renouvelé, avec une reprise des anciennes actions complétées du bilan plus les nouvelles actions${contract.type === 'CERP' ? ' ; il en est de même pour la fiche de suivi emploi' : ''}.`,
        requirements: [...bilan, contract.type === 'CERS' ? 'Nouveau CERS de 6 mois (dernier renouvellement possible)' : 'Nouveau CERP de 3, 6, 9 ou 12 mois'],
        blockers,
      },
    ],
  };
}
