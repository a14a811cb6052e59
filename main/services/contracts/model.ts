/** Contracts: loading a contract and its PAP, conversions between the stored rows, the forms and the rules, and the checks a draft must pass. */
import {
  contractsOfPerson,
  type DbOrTx,
  findContract,
  findPapVersion,
  findUserById,
  insertContract,
  insertPap,
  type PapRowValues,
  recordContractsAudit,
} from '../../../db/queries';
import { orientationInForce, type OrientationInForce } from '../../../db/queries/contracts-interview';
import type { Person } from '../../../db/schema';
import type { Contract, ContractContentJson, ContractPap, ContractPapAction, NewContract } from '../../../db/schema-contracts';
import type { ContractForm, PapRow } from '../../../shared/api/contracts';
import { ApiError } from '../../../shared/api/errors';
import { ACTIONS_REFERENTIAL, normalizeActionCode, REFERENTIAL_VERSIONS } from '../../../shared/domain/referentials';
import {
  checkCersCap,
  CONTRACT_STATUS_LABELS,
  type ContractCore,
  contractEndDate,
  type ContractStatus,
  type PapActionInput,
  type RuleError,
  type SuiviEmploiLineInput,
  validateContract,
} from '../../../shared/domain/rules';
import { auditActor, type Actor } from '../context';
import { accessibleDossier, etatCivilOf } from '../foundation';
import { compact, ruleFailure, throwIfErrors } from '../kit';
import { papPath, staffIdentity } from './support';
import { formatDate } from '../../../shared/domain/format';

export const ACTIONS = ACTIONS_REFERENTIAL.data.actions;

export const NO_ORIENTATION =
  'Aucune décision d’orientation n’est enregistrée pour ce bénéficiaire : le référent attend la décision d’orientation (avec la désignation de l’organisme référent et du correspondant) pour établir le contrat.';

export interface LoadedContract {
  row: Contract;
  pap: ContractPap;
  rows: ContractPapAction[];
}

export function loadContract(db: DbOrTx, id: number): LoadedContract {
  const row = findContract(db, id);
  if (!row) throw new ApiError('NOT_FOUND', 'Ce contrat est introuvable.');
  const current = findPapVersion(db, id, row.papVersion);
  if (!current) throw new Error(`contrat ${id} : PAP version ${row.papVersion} absente`);
  return { row, pap: current.pap, rows: current.rows };
}

/** The contract, if the actor may access its dossier (NOT_FOUND / FORBIDDEN otherwise). */
export type AccessibleContract = LoadedContract & { person: Person };

export function accessibleContract(db: DbOrTx, actor: Actor, id: number): AccessibleContract {
  const loaded = loadContract(db, id);
  const { person } = accessibleDossier(db, actor, loaded.row.personId);
  return { ...loaded, person };
}

/** A stored PAP row in the form's shape. */
export const formRowOf = (r: ContractPapAction): PapRow => ({
  theme: r.theme,
  actionCode: r.actionCode,
  start: r.start,
  end: r.end,
  engagementReferent: r.engagementReferent,
  engagementBeneficiaire: r.engagementBeneficiaire,
  services: r.services,
  resultat: r.resultat,
  bilan: r.bilan ?? undefined,
  origin: r.origin,
  carriedOver: r.carriedOver,
  derogationObtained: r.derogationObtained,
});

/** A row as the rules take it (services are free text there: the list, joined). */
/**
 * A stored PAP row as the domain rule reads it. The services were already checked one by one against the action's
 * list by the API schema; joined, a long list exceeds the rule's free-text limit, so they are not passed again.
 */
export const ruleRow = ({ services: _services, ...row }: PapRow): PapActionInput => ({ ...row, services: null });

export const normalizeRow = (r: PapRow): PapRow => ({ ...r, actionCode: normalizeActionCode(r.actionCode) });

export const rowValues = (r: PapRow): PapRowValues => ({
  theme: r.theme,
  actionCode: normalizeActionCode(r.actionCode),
  services: r.services,
  start: r.start,
  end: r.end,
  engagementReferent: r.engagementReferent,
  engagementBeneficiaire: r.engagementBeneficiaire,
  resultat: r.resultat ?? null,
  bilan: r.bilan ?? null,
  origin: r.origin,
  carriedOver: r.carriedOver,
  derogationObtained: r.derogationObtained,
});

/** The contract as the rules see it. */
export function coreOf(l: LoadedContract): ContractCore {
  const r = l.row;
  return {
    id: r.id,
    type: r.type,
    status: r.status,
    orientationDate: r.orientationDate,
    start: r.start,
    durationMonths: r.durationMonths,
    pap: l.rows.map((x) => ruleRow(formRowOf(x))),
    suiviEmploi: r.suiviEmploi as SuiviEmploiLineInput[],
    signedOn: r.signedOn,
    transmittedOn: r.transmittedOn,
    decidedOn: r.decidedOn,
    rejectionMotif: r.rejectionMotif,
    startedOn: r.startedOn,
    endedOn: r.endedOn,
    closureMotif: r.closureMotif,
    renewalOf: r.renewalOfId,
  };
}

/** The person's other contracts, for the 12-month count (PAPs not needed). */
export function historyOf(db: DbOrTx, personId: number, exceptId: number | null): ContractCore[] {
  return contractsOfPerson(db, personId)
    .filter((c) => c.id !== exceptId)
    .map((c) => ({
      id: c.id,
      type: c.type,
      status: c.status,
      orientationDate: c.orientationDate,
      start: c.start,
      durationMonths: c.durationMonths,
      signedOn: c.signedOn,
      pap: [],
    }));
}

/**
 * The fiche de suivi emploi lines the period check applies to. A renewal carries the previous lines over (with
 * their bilan, « il en est de même pour le bilan complémentaire »), dated in the previous period: like the
 * carried-over PAP rows, they are exempt from the « inside the contract » check — on a renewal, a line dated
 * before its start is a carried-over one. `mapPath` brings the rules' paths back to the full list.
 */
export function suiviForRules(
  lines: readonly SuiviEmploiLineInput[],
  start: string,
  isRenewal: boolean,
): { lines: SuiviEmploiLineInput[]; mapPath: (path: string) => string } {
  const kept = lines.map((line, i) => ({ line, i })).filter(({ line }) => !isRenewal || !line.date || line.date >= start);
  const mapPath = (path: string) =>
    path.replace(/^suiviEmploi\.(\d+)/, (_m, k: string) => `suiviEmploi.${kept[Number(k)]?.i ?? k}`);
  return { lines: kept.map((k) => k.line), mapPath };
}

export const contentOf = (form: ContractForm): ContractContentJson =>
  compact({
    objectifs: form.objectifs,
    resultatsAttendus: form.resultatsAttendus,
    emploisRecherches: form.emploisRecherches,
    referent: form.referent,
    remarquesBeneficiaire: form.remarquesBeneficiaire,
    cerp: form.cerp,
  });

/** The record checkContractEdit compares (everything a user edits; the life cycle is left to the transitions). */
export function editRecord(
  base: Pick<ContractCore, 'type' | 'status' | 'orientationDate' | 'start' | 'durationMonths'>,
  content: ContractContentJson,
  rows: readonly PapRow[],
  suiviEmploi: readonly unknown[],
): ContractCore & Record<string, unknown> {
  return {
    type: base.type,
    status: base.status,
    orientationDate: base.orientationDate,
    start: base.start,
    durationMonths: base.durationMonths,
    objectifs: content.objectifs,
    resultatsAttendus: content.resultatsAttendus,
    emploisRecherches: content.emploisRecherches,
    referent: content.referent,
    remarquesBeneficiaire: content.remarquesBeneficiaire,
    cerp: content.cerp,
    pap: rows.map((r) => ruleRow(normalizeRow(r))),
    suiviEmploi: compact([...suiviEmploi]) as SuiviEmploiLineInput[],
  };
}

export const currentReferentials = () => ({
  actions: REFERENTIAL_VERSIONS.actions,
  rome: REFERENTIAL_VERSIONS.rome,
  diplomas: REFERENTIAL_VERSIONS.diplomas,
});

/** Partie réservée au référent: the dossier's named référent (the actor when nobody is named). */
export function referentIdentityFor(db: DbOrTx, person: Person, actor: Actor) {
  const named = person.referentId === null ? undefined : findUserById(db, person.referentId);
  return staffIdentity(named ?? actor);
}

export const OCCUPYING: readonly ContractStatus[] = ['signe', 'transmis_slai', 'valide', 'en_cours', 'echu', 'clos'];

/** A signed contract of the person whose period meets [start, end]. */
export function overlapErrors(db: DbOrTx, personId: number, start: string, end: string, exceptId: number | null): RuleError[] {
  for (const c of contractsOfPerson(db, personId)) {
    if (c.id === exceptId || !OCCUPYING.includes(c.status)) continue;
    const cEnd = c.status === 'clos' && c.endedOn ? c.endedOn : c.end;
    if (start <= cEnd && c.start <= end) {
      return [
        {
          path: 'start',
          message: `Ce contrat chevaucherait le ${c.type} du ${formatDate(c.start)} au ${formatDate(cEnd)} (${CONTRACT_STATUS_LABELS[c.status].toLowerCase()}) : il commence au plus tôt le lendemain de sa fin.`,
        },
      ];
    }
  }
  return [];
}

export function requireOrientation(db: DbOrTx, personId: number): OrientationInForce {
  const orientation = orientationInForce(db, personId);
  if (!orientation) throw ruleFailure([{ message: NO_ORIENTATION }]);
  return orientation;
}

/** Everything a draft must satisfy: orientation, type, duration, start, PAP, suivi emploi, no overlap. */
export function checkDraft(
  db: DbOrTx,
  personId: number,
  form: ContractForm,
  exceptId: number | null,
  isRenewal = false,
): { orientation: OrientationInForce; end: string } {
  const orientation = requireOrientation(db, personId);
  const suivi = suiviForRules(form.suiviEmploi, form.start, isRenewal);
  const core: ContractCore = {
    type: form.type,
    status: 'brouillon',
    orientationDate: orientation.date,
    start: form.start,
    durationMonths: form.durationMonths,
    pap: form.pap.actions.map((r) => ruleRow(normalizeRow(r))),
    suiviEmploi: suivi.lines,
  };
  const check = validateContract(core, { actions: ACTIONS, orientation: { date: orientation.date, orientation: orientation.orientation } });
  const errors: RuleError[] = check.ok ? [] : check.errors.map((e) => (e.path === undefined ? e : { ...e, path: suivi.mapPath(e.path) }));
  const end = contractEndDate(form.start, form.durationMonths);
  errors.push(...overlapErrors(db, personId, form.start, end, exceptId));
  // The 12-month cap holds on every write of a CERS, not only on renewal (docs/rules.md).
  errors.push(...checkCersCap({ ...core, id: exceptId }, historyOf(db, personId, exceptId)));
  throwIfErrors(errors, { mapPath: papPath });
  return { orientation, end };
}


/** What the journal keeps of a contract: its row and its current PAP. */
export function auditSnapshot(l: LoadedContract) {
  return { ...l.row, pap: { version: l.pap.version, origin: l.pap.origin, actions: l.rows.map(formRowOf) } };
}

/** The journal entry of a contract written in `tx` (its row and PAP as they now are). */
export function journalContract(tx: DbOrTx, actor: Actor, at: string, id: number, action: 'create' | 'update', before: ReturnType<typeof auditSnapshot> | null): void {
  recordContractsAudit(tx, { actor: auditActor(actor), at, entity: 'contract', entityId: id, action, before, after: auditSnapshot(loadContract(tx, id)) });
}

/** What a draft states from its form, once checkDraft has found the orientation in force and the end. */
export const draftValuesOf = (form: ContractForm, checked: { orientation: OrientationInForce; end: string }) => ({
  type: form.type,
  orientationId: checked.orientation.id,
  orientationDate: checked.orientation.date,
  orientation: checked.orientation.orientation,
  start: form.start,
  durationMonths: form.durationMonths,
  end: checked.end,
  content: contentOf(form),
  suiviEmploi: compact(form.suiviEmploi),
});

/** The parts a draft takes from the dossier as it is now: état civil, the référent's identity, referential versions. */
export const preparedParts = (tx: DbOrTx, person: Person, actor: Actor) => ({
  etatCivil: etatCivilOf(tx, person.id),
  referentIdentity: referentIdentityFor(tx, person, actor),
  referentials: currentReferentials(),
});

/** What a new draft states; the rest (status, état civil, référent, referentials, authorship) is set here. */
export type DraftValues = Omit<
  NewContract,
  'id' | 'status' | 'papVersion' | 'etatCivil' | 'referentIdentity' | 'referentials' | 'createdById' | 'createdAt' | 'updatedAt' | 'version'
>;

/** Inserts a draft (a new contract or a renewal) and its first PAP, journaled, in `tx`; returns its id. */
export function insertDraft(tx: DbOrTx, actor: Actor, at: string, person: Person, values: DraftValues, rows: readonly PapRow[]): number {
  const row = insertContract(tx, {
    ...values,
    status: 'brouillon',
    papVersion: 1,
    ...preparedParts(tx, person, actor),
    createdById: actor.id,
    createdAt: at,
    updatedAt: at,
  });
  insertPap(
    tx,
    { contractId: row.id, version: 1, origin: 'initial', actionsReferentialVersion: ACTIONS_REFERENTIAL.version, createdById: actor.id, createdAt: at },
    rows.map(rowValues),
  );
  journalContract(tx, actor, at, row.id, 'create', null);
  return row.id;
}

