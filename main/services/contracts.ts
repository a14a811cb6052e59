/**
 * Contrats d’engagements réciproques (CERS, CERP): drafts, PAP, life cycle, bilan, renewal, term.
 *
 * Every write: the dispatcher has parsed the input with the shared schemas; here access is checked (the dossier's
 * référent only, or the MDS's correspondents / administrators), the handbook's rules decide
 * (`shared/domain/rules/contracts.ts`, `pap.ts`, `suivi-emploi.ts`, `ep.ts`), and the write and its journal entry
 * happen in one transaction. A refusal is an ApiError whose fieldErrors use the form's paths
 * (`pap.actions.2.end`); nothing is written.
 */
import {
  attachmentsOf,
  contractsAwaitingDecision,
  contractsOfPerson,
  deleteAttachment,
  deleteContract,
  fichesOfContract,
  findContract,
  findPapVersion,
  findUserById,
  insertContract,
  insertPap,
  papVersionsOf,
  recordContractsAudit,
  renewalOfContract,
  replacePapRows,
  saisineOfContract,
  updateContract,
  updatePapRowBilan,
  type DbOrTx,
  type PapRowValues,
} from '../../db/queries';
import { latestEdeOf, orientationInForce, type OrientationInForce } from '../../db/queries/contracts-interview';
import type { Person } from '../../db/schema';
import type { Contract, ContractContentJson, ContractPap, ContractPapAction } from '../../db/schema-contracts';
import type { MethodOutput, MethodParsedInput } from '../../shared/api/contract';
import type {
  ContractForm,
  ContractSummary,
  ContractView,
  EtatCivil,
  PapRow,
  papViewSchema,
  CONTRACT_ACTIONS,
} from '../../shared/api/contracts';
import { ApiError } from '../../shared/api/errors';
import {
  ACTIONS_REFERENTIAL,
  findAction,
  findRome,
  findRomeDomain,
  findTheme,
  normalizeActionCode,
  REFERENTIAL_VERSIONS,
  searchRome,
} from '../../shared/domain/referentials';
import {
  actionsForPicker,
  checkContractEdit,
  CONTRACT_DURATIONS,
  CONTRACT_STATUS_LABELS,
  contractDeadline,
  contractEndDate,
  contractKindFor,
  contractOutcomesAtTerm,
  formatFr,
  missingBilans,
  ORIENTATION_LABELS,
  renewContract,
  saisineFromCers12Months,
  sphereOfOrientation,
  transitionContract,
  validateContract,
  validatePap,
  validateSuiviEmploi,
  rebaseErrors,
  type ContractCore,
  type ContractEvent,
  type ContractStatus,
  type ContractTransitionContext,
  type PapActionInput,
  type RuleError,
  type SuiviEmploiLineInput,
} from '../../shared/domain/rules';
import type { z } from 'zod';
import { auditActor, type Actor, type AuthedCall } from './context';
import {
  checkVersion,
  compact,
  displayName,
  etatCivilOf,
  notInFuture,
  papPath,
  ruleFailure,
  staffIdentity,
  throwIfErrors,
  todayOf,
} from './contracts-support';
import { recordSaisine } from './contracts-saisines';
import { accessibleDossier } from './dossiers';

const ACTIONS = ACTIONS_REFERENTIAL.data.actions;

const NO_ORIENTATION =
  'Aucune décision d’orientation n’est enregistrée pour ce bénéficiaire : le référent attend la décision d’orientation (avec la désignation de l’organisme référent et du correspondant) pour établir le contrat.';

// ---------------------------------------------------------------------------------------------------------
// Loading and conversions
// ---------------------------------------------------------------------------------------------------------

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
function historyOf(db: DbOrTx, personId: number, exceptId: number | null): ContractCore[] {
  return contractsOfPerson(db, personId)
    .filter((c) => c.id !== exceptId)
    .map((c) => ({ id: c.id, type: c.type, status: c.status, orientationDate: c.orientationDate, start: c.start, durationMonths: c.durationMonths, pap: [] }));
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

const contentOf = (form: ContractForm): ContractContentJson =>
  compact({
    objectifs: form.objectifs,
    resultatsAttendus: form.resultatsAttendus,
    emploisRecherches: form.emploisRecherches,
    referent: form.referent,
    remarquesBeneficiaire: form.remarquesBeneficiaire,
    cerp: form.cerp,
  });

/** The record checkContractEdit compares (everything a user edits; the life cycle is left to the transitions). */
function editRecord(
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

const currentReferentials = () => ({
  actions: REFERENTIAL_VERSIONS.actions,
  rome: REFERENTIAL_VERSIONS.rome,
  diplomas: REFERENTIAL_VERSIONS.diplomas,
});

/** Partie réservée au référent: the dossier's named référent (the actor when nobody is named). */
function referentIdentityFor(db: DbOrTx, person: Person, actor: Actor) {
  const named = person.referentId === null ? undefined : findUserById(db, person.referentId);
  return staffIdentity(named ?? actor);
}

// ---------------------------------------------------------------------------------------------------------
// Checks
// ---------------------------------------------------------------------------------------------------------

const OCCUPYING: readonly ContractStatus[] = ['signe', 'transmis_slai', 'valide', 'en_cours', 'echu', 'clos'];

/** A signed contract of the person whose period meets [start, end]. */
function overlapErrors(db: DbOrTx, personId: number, start: string, end: string, exceptId: number | null): RuleError[] {
  for (const c of contractsOfPerson(db, personId)) {
    if (c.id === exceptId || !OCCUPYING.includes(c.status)) continue;
    const cEnd = c.status === 'clos' && c.endedOn ? c.endedOn : c.end;
    if (start <= cEnd && c.start <= end) {
      return [
        {
          path: 'start',
          message: `Ce contrat chevaucherait le ${c.type} du ${formatFr(c.start)} au ${formatFr(cEnd)} (${CONTRACT_STATUS_LABELS[c.status].toLowerCase()}) : il commence au plus tôt le lendemain de sa fin.`,
        },
      ];
    }
  }
  return [];
}

function requireOrientation(db: DbOrTx, personId: number): OrientationInForce {
  const orientation = orientationInForce(db, personId);
  if (!orientation) throw ruleFailure([{ message: NO_ORIENTATION }]);
  return orientation;
}

/** Everything a draft must satisfy: orientation, type, duration, start, PAP, suivi emploi, no overlap. */
function checkDraft(
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
  throwIfErrors(errors, { mapPath: papPath });
  return { orientation, end };
}

// ---------------------------------------------------------------------------------------------------------
// Views
// ---------------------------------------------------------------------------------------------------------

type PapView = z.input<typeof papViewSchema>;

function papViewOf(l: { pap: ContractPap; rows: ContractPapAction[] }, contract: Pick<Contract, 'type' | 'start' | 'end'>): PapView {
  const rows = l.rows.map(formRowOf);
  const check = validatePap({ actions: rows.map(ruleRow) }, { actions: ACTIONS, contract: { type: contract.type, start: contract.start, end: contract.end } });
  return {
    id: l.pap.id,
    version: l.pap.version,
    origin: l.pap.origin,
    date: l.pap.avenantDate,
    motif: l.pap.avenantMotif,
    ficheId: l.pap.ficheId,
    actionsReferentialVersion: l.pap.actionsReferentialVersion,
    createdAt: l.pap.createdAt,
    actions: l.rows.map((r) => ({
      ...formRowOf(r),
      actionLabel: findAction(r.actionCode)?.label ?? r.actionCode,
      resultat: r.resultat,
      bilan: r.bilan,
    })),
    flags: check.ok ? check.flags.map((f) => ({ ...f, path: `pap.${f.path}` })) : [],
  };
}

interface StoredCerp {
  metiers?: { romeCode: string }[];
}

function cerpViewOf(cerp: unknown): ContractView['cerp'] {
  if (!cerp) return null;
  const c = cerp as ContractView['cerp'] & StoredCerp;
  return {
    ...c,
    metiers: (c.metiers ?? []).map((m) => {
      const rome = findRome(m.romeCode);
      const domain = findRomeDomain(m.romeCode.charAt(0));
      return { ...m, romeLabel: rome?.label ?? m.romeCode, domaine: { letter: domain?.letter ?? m.romeCode.charAt(0), label: domain?.label ?? '' } };
    }),
  };
}

type ContractAction = (typeof CONTRACT_ACTIONS)[number];

function allowedActions(actor: Actor, row: Contract, renewed: boolean, today: string): ContractAction[] {
  if (actor.role === 'secretaire_ep') return [];
  const slai = actor.role === 'correspondant' || actor.role === 'administrateur';
  switch (row.status) {
    case 'brouillon':
      return ['modifier', 'supprimer', 'signer'];
    case 'signe':
      return ['bilan', 'transmettre'];
    case 'transmis_slai':
      return slai ? ['bilan', 'valider', 'rejeter'] : ['bilan'];
    case 'valide':
      return ['bilan', 'demarrer', 'avenant'];
    case 'en_cours':
      return ['bilan', 'avenant', ...(renewed ? [] : (['renouveler'] as const)), today > row.end ? 'echoir' : 'clore'];
    case 'echu':
      return renewed ? ['bilan'] : ['bilan', 'renouveler'];
    default:
      return [];
  }
}

export function contractView(db: DbOrTx, actor: Actor, l: LoadedContract, today: string): ContractView {
  const r = l.row;
  const content = r.content;
  const renewal = renewalOfContract(db, r.id);
  const saisine = saisineOfContract(db, r.id);
  const decidedBy = r.decidedById === null ? null : (findUserById(db, r.decidedById)?.displayName ?? null);
  return {
    id: r.id,
    personId: r.personId,
    type: r.type,
    status: r.status,
    statusLabel: CONTRACT_STATUS_LABELS[r.status],
    orientation: { id: r.orientationId, date: r.orientationDate, orientation: r.orientation },
    start: r.start,
    durationMonths: r.durationMonths,
    end: r.end,
    renewalOfId: r.renewalOfId,
    renewedById: renewal?.id ?? null,
    etatCivil: r.etatCivil as unknown as EtatCivil,
    referentIdentity: r.referentIdentity as unknown as ContractView['referentIdentity'],
    objectifs: content.objectifs,
    resultatsAttendus: content.resultatsAttendus,
    emploisRecherches: content.emploisRecherches,
    referent: content.referent,
    remarquesBeneficiaire: content.remarquesBeneficiaire,
    cerp: cerpViewOf(content.cerp),
    pap: papViewOf(l, r) as ContractView['pap'],
    papVersions: papVersionsOf(db, r.id).map((p) => ({
      version: p.version,
      origin: p.origin,
      date: p.avenantDate,
      motif: p.avenantMotif,
      ficheId: p.ficheId,
      actionsReferentialVersion: p.actionsReferentialVersion,
      createdAt: p.createdAt,
    })),
    suiviEmploi: r.suiviEmploi as ContractView['suiviEmploi'],
    signatures: {
      referent: r.signatureReferentNom && r.signatureReferentDate ? { nom: r.signatureReferentNom, date: r.signatureReferentDate } : null,
      beneficiaire:
        r.signatureBeneficiaireNom && r.signatureBeneficiaireDate ? { nom: r.signatureBeneficiaireNom, date: r.signatureBeneficiaireDate } : null,
    },
    signedOn: r.signedOn,
    transmittedOn: r.transmittedOn,
    decision:
      r.decidedOn && (r.status === 'rejete' || r.status === 'valide' || r.status === 'en_cours' || r.status === 'echu' || r.status === 'clos')
        ? { sens: r.status === 'rejete' ? 'rejete' : 'valide', date: r.decidedOn, motif: r.rejectionMotif, par: decidedBy }
        : null,
    startedOn: r.startedOn,
    endedOn: r.endedOn,
    closureMotif: r.closureMotif,
    bilanGeneral: r.bilanGeneral,
    epSaisineId: saisine?.id ?? null,
    referentials: r.referentials,
    readOnly: r.status !== 'brouillon',
    allowedActions: allowedActions(actor, r, renewal !== undefined, today),
    version: r.version,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}

function summaryOf(row: Contract, names: { beneficiaire: string; referent: string | null }): ContractSummary {
  return {
    id: row.id,
    personId: row.personId,
    type: row.type,
    status: row.status,
    statusLabel: CONTRACT_STATUS_LABELS[row.status],
    start: row.start,
    end: row.end,
    durationMonths: row.durationMonths,
    papVersion: row.papVersion,
    renewalOfId: row.renewalOfId,
    renewedById: null,
    transmittedOn: row.transmittedOn,
    beneficiaire: names.beneficiaire,
    referent: names.referent ?? '',
    updatedAt: row.updatedAt,
  };
}

/** What the journal keeps of a contract: its row and its current PAP. */
function auditSnapshot(l: LoadedContract) {
  return { ...l.row, pap: { version: l.pap.version, origin: l.pap.origin, actions: l.rows.map(formRowOf) } };
}

// ---------------------------------------------------------------------------------------------------------
// Reads
// ---------------------------------------------------------------------------------------------------------

export function prefill(input: MethodParsedInput<'contracts.prefill'>, call: AuthedCall): MethodOutput<'contracts.prefill'> {
  const db = call.open.db;
  const { person } = accessibleDossier(db, call.actor, input.personId);
  const today = todayOf(call);
  const orientation = orientationInForce(db, person.id);
  const ede = latestEdeOf(db, person.id);
  const kind = orientation ? contractKindFor(orientation.orientation) : null;
  const type = kind === 'CERS' || kind === 'CERP' ? kind : null;
  const blockers: string[] = [];
  if (!orientation) blockers.push(NO_ORIENTATION);
  else if (kind === 'PPAE') {
    blockers.push(`${ORIENTATION_LABELS[orientation.orientation]} : le bénéficiaire signe un PPAE avec Pôle Emploi, pas un contrat d’engagements réciproques.`);
  }
  const deadline = orientation ? contractDeadline({ date: orientation.date, orientation: orientation.orientation }) : null;
  return {
    personId: person.id,
    etatCivil: etatCivilOf(db, person.id),
    referentIdentity: referentIdentityFor(db, person, call.actor),
    orientation:
      orientation && deadline
        ? {
            id: orientation.id,
            date: orientation.date,
            orientation: orientation.orientation,
            sphere: sphereOfOrientation(orientation.orientation),
            contractKind: deadline.contractKind,
            deadline: deadline.deadline,
            deadlineRule: deadline.rule,
          }
        : null,
    type,
    allowedDurations: type ? [...CONTRACT_DURATIONS[type]] : [],
    defaultStart: orientation && orientation.date > today ? orientation.date : today,
    latestEde: ede ? { id: ede.id, date: ede.date, themes: ede.themes } : null,
    suggestedThemes: (ede?.themes ?? []).map((code) => ({ code, label: findTheme(code)?.label ?? code })),
    cerp:
      type === 'CERP'
        ? {
            situationProfessionnelle: { rqth: false, niveauFormation: person.niveauFormation ?? undefined, permisConduire: false },
            situationEmploi: { inscriptions: { poleEmploi: person.peNumber !== null, plie: false, maisonEmploi: false, ett: false }, experiences: [] },
          }
        : null,
    blockers,
  };
}

export function listForDossier(input: MethodParsedInput<'contracts.listForDossier'>, call: AuthedCall): MethodOutput<'contracts.listForDossier'> {
  const db = call.open.db;
  const { person } = accessibleDossier(db, call.actor, input.personId);
  const referent = person.referentId === null ? null : (findUserById(db, person.referentId)?.displayName ?? null);
  const rows = contractsOfPerson(db, person.id);
  const renewedBy = new Map(rows.filter((c) => c.renewalOfId !== null && c.status !== 'rejete').map((c) => [c.renewalOfId, c.id]));
  return rows.map((c) => ({ ...summaryOf(c, { beneficiaire: displayName(person), referent }), renewedById: renewedBy.get(c.id) ?? null }));
}

export function get(input: MethodParsedInput<'contracts.get'>, call: AuthedCall): MethodOutput<'contracts.get'> {
  const db = call.open.db;
  return contractView(db, call.actor, accessibleContract(db, call.actor, input.contractId), todayOf(call));
}

export function papVersion(input: MethodParsedInput<'contracts.papVersion'>, call: AuthedCall): MethodOutput<'contracts.papVersion'> {
  const db = call.open.db;
  const { row } = accessibleContract(db, call.actor, input.contractId);
  const version = findPapVersion(db, row.id, input.papVersion);
  if (!version) throw new ApiError('NOT_FOUND', `Ce contrat n’a pas de version ${input.papVersion} du plan d’accompagnement.`);
  return papViewOf(version, row);
}

export function outcomes(input: MethodParsedInput<'contracts.outcomes'>, call: AuthedCall): MethodOutput<'contracts.outcomes'> {
  const db = call.open.db;
  const l = accessibleContract(db, call.actor, input.contractId);
  const result = contractOutcomesAtTerm(coreOf(l), historyOf(db, l.row.personId, l.row.id));
  return {
    end: result.end,
    solidarityMonths: result.solidarityMonths,
    outcomes: result.outcomes.map((o) => ({ ...o, blockers: o.blockers.map((b) => (b.path === undefined ? b : { ...b, path: papPath(b.path) })) })),
  };
}

export function awaitingDecision(_input: MethodParsedInput<'contracts.awaitingDecision'>, call: AuthedCall): MethodOutput<'contracts.awaitingDecision'> {
  return contractsAwaitingDecision(call.open.db, call.actor.mdsId).map((r) =>
    summaryOf(r.contract, { beneficiaire: displayName(r), referent: r.referentName }),
  );
}

export function papActions(input: MethodParsedInput<'contracts.papActions'>): MethodOutput<'contracts.papActions'> {
  return actionsForPicker(ACTIONS, input.theme, input.type).map((a) => ({
    code: a.code,
    label: a.label,
    theme: a.theme,
    services: [...a.services],
    definition: a.definition,
    notes: [...a.notes],
    notAlone: a.notAlone,
    notAloneWarning: a.notAloneWarning === true,
    requiresDerogation: a.requiresDerogation === true,
  }));
}

export function romeSearch(input: MethodParsedInput<'rome.search'>): MethodOutput<'rome.search'> {
  return searchRome(input.query, input.limit).map((c) => {
    const domain = findRomeDomain(c.domain);
    return { code: c.code, label: c.label, domaine: { letter: c.domain, label: domain?.label ?? '' } };
  });
}

// ---------------------------------------------------------------------------------------------------------
// Drafts
// ---------------------------------------------------------------------------------------------------------

export function create(input: MethodParsedInput<'contracts.create'>, call: AuthedCall): MethodOutput<'contracts.create'> {
  const { actor } = call;
  const db = call.open.db;
  const { personId, ...form } = input;
  const { person } = accessibleDossier(db, actor, personId);
  const { orientation, end } = checkDraft(db, personId, form, null);
  const at = call.app.nowIso();
  const id = db.transaction((tx) => {
    const row = insertContract(tx, {
      personId,
      type: form.type,
      status: 'brouillon',
      orientationId: orientation.id,
      orientationDate: orientation.date,
      orientation: orientation.orientation,
      start: form.start,
      durationMonths: form.durationMonths,
      end,
      renewalOfId: null,
      papVersion: 1,
      content: contentOf(form),
      suiviEmploi: compact(form.suiviEmploi),
      etatCivil: etatCivilOf(tx, personId),
      referentIdentity: referentIdentityFor(tx, person, actor),
      referentials: currentReferentials(),
      createdById: actor.id,
      createdAt: at,
      updatedAt: at,
    });
    insertPap(
      tx,
      { contractId: row.id, version: 1, origin: 'initial', actionsReferentialVersion: ACTIONS_REFERENTIAL.version, createdById: actor.id, createdAt: at },
      form.pap.actions.map(rowValues),
    );
    recordContractsAudit(tx, { actor: auditActor(actor), at, entity: 'contract', entityId: row.id, action: 'create', before: null, after: auditSnapshot(loadContract(tx, row.id)) });
    return row.id;
  });
  return contractView(db, actor, loadContract(db, id), todayOf(call));
}

/**
 * Bilan columns (résultat, bilan), fiche de suivi emploi and bilan général, after checkContractEdit has accepted
 * the change (a rejected contract refuses it; everything else of a signed contract goes through an avenant).
 */
function saveBilanColumns(
  call: AuthedCall,
  l: LoadedContract,
  bilans: readonly { resultat?: PapRow['resultat']; bilan?: string | undefined }[],
  suiviEmploi: readonly SuiviEmploiLineInput[] | undefined,
  bilanGeneral: string | undefined,
): ContractView {
  const { actor } = call;
  const db = call.open.db;
  const errors: RuleError[] = [];
  if (bilans.length !== l.rows.length) {
    throw ruleFailure(
      [{ path: 'pap.actions', message: `Le bilan porte sur les ${l.rows.length} actions du plan d’accompagnement en vigueur (version ${l.pap.version}).` }],
      { code: 'VALIDATION' },
    );
  }
  const suivi = suiviEmploi ?? (l.row.suiviEmploi as SuiviEmploiLineInput[]);
  if (l.row.type === 'CERS' && suivi.length > 0) errors.push({ path: 'suiviEmploi', message: 'La fiche de suivi emploi ne concerne que le CERP.' });
  if (l.row.type === 'CERP') {
    const forRules = suiviForRules(suivi, l.row.start, l.row.renewalOfId !== null);
    const check = validateSuiviEmploi({ offres: forRules.lines }, { contract: { start: l.row.start, end: l.row.end } });
    if (!check.ok) {
      errors.push(...rebaseErrors(check.errors, 'offres', 'suiviEmploi').map((e) => (e.path === undefined ? e : { ...e, path: forRules.mapPath(e.path) })));
    }
  }
  const beforeRows = l.rows.map(formRowOf);
  const afterRows = beforeRows.map((r, i) => ({ ...r, resultat: bilans[i]?.resultat ?? null, bilan: bilans[i]?.bilan }));
  const base = { ...coreOf(l) };
  const edit = checkContractEdit(
    editRecord(base, l.row.content, beforeRows, l.row.suiviEmploi),
    editRecord(base, l.row.content, afterRows, suivi),
  );
  if (!edit.ok) errors.push(...edit.errors);
  throwIfErrors(errors, { mapPath: papPath });
  const at = call.app.nowIso();
  db.transaction((tx) => {
    const before = auditSnapshot(l);
    l.rows.forEach((row, i) => {
      const next = afterRows[i]!;
      if ((row.resultat ?? null) !== (next.resultat ?? null) || (row.bilan ?? null) !== (next.bilan ?? null)) {
        updatePapRowBilan(tx, row.id, { resultat: next.resultat ?? null, bilan: next.bilan ?? null });
      }
    });
    updateContract(tx, l.row.id, { suiviEmploi: compact([...suivi]), ...(bilanGeneral === undefined ? {} : { bilanGeneral }) }, at);
    recordContractsAudit(tx, { actor: auditActor(actor), at, entity: 'contract', entityId: l.row.id, action: 'update', before, after: auditSnapshot(loadContract(tx, l.row.id)) });
  });
  return contractView(db, actor, loadContract(db, l.row.id), todayOf(call));
}

export function update(input: MethodParsedInput<'contracts.update'>, call: AuthedCall): MethodOutput<'contracts.update'> {
  const { actor } = call;
  const db = call.open.db;
  const { contractId, version, ...form } = input;
  const l = accessibleContract(db, actor, contractId);
  checkVersion(l.row.version, version, 'contrat');
  if (l.row.status !== 'brouillon') {
    // A signed contract: only the bilan columns and the fiche de suivi emploi may change (checkContractEdit).
    const base = coreOf(l);
    const edit = checkContractEdit(
      editRecord(base, l.row.content, l.rows.map(formRowOf), l.row.suiviEmploi),
      editRecord({ ...base, type: form.type, start: form.start, durationMonths: form.durationMonths }, contentOf(form), form.pap.actions, form.suiviEmploi),
    );
    if (!edit.ok) throw ruleFailure(edit.errors, { mapPath: papPath });
    return saveBilanColumns(call, l, form.pap.actions, form.suiviEmploi, undefined);
  }
  const { orientation, end } = checkDraft(db, l.row.personId, form, l.row.id, l.row.renewalOfId !== null);
  const at = call.app.nowIso();
  db.transaction((tx) => {
    const before = auditSnapshot(l);
    updateContract(
      tx,
      l.row.id,
      {
        type: form.type,
        orientationId: orientation.id,
        orientationDate: orientation.date,
        orientation: orientation.orientation,
        start: form.start,
        durationMonths: form.durationMonths,
        end,
        content: contentOf(form),
        suiviEmploi: compact(form.suiviEmploi),
        etatCivil: etatCivilOf(tx, l.row.personId),
        referentIdentity: referentIdentityFor(tx, l.person, actor),
        referentials: currentReferentials(),
      },
      at,
    );
    replacePapRows(tx, l.pap.id, form.pap.actions.map(rowValues));
    recordContractsAudit(tx, { actor: auditActor(actor), at, entity: 'contract', entityId: l.row.id, action: 'update', before, after: auditSnapshot(loadContract(tx, l.row.id)) });
  });
  return contractView(db, actor, loadContract(db, l.row.id), todayOf(call));
}

export function saveBilan(input: MethodParsedInput<'contracts.saveBilan'>, call: AuthedCall): MethodOutput<'contracts.saveBilan'> {
  const l = accessibleContract(call.open.db, call.actor, input.contractId);
  checkVersion(l.row.version, input.version, 'contrat');
  return saveBilanColumns(call, l, input.pap.actions, input.suiviEmploi, input.bilanGeneral);
}

export function deleteDraft(input: MethodParsedInput<'contracts.deleteDraft'>, call: AuthedCall): MethodOutput<'contracts.deleteDraft'> {
  const { actor } = call;
  const db = call.open.db;
  const l = accessibleContract(db, actor, input.contractId);
  checkVersion(l.row.version, input.version, 'contrat');
  if (l.row.status !== 'brouillon') {
    throw ruleFailure([
      { path: 'status', message: `Seul un brouillon se supprime ; ce contrat est « ${CONTRACT_STATUS_LABELS[l.row.status]} » et reste au dossier.` },
    ]);
  }
  if (fichesOfContract(db, l.row.id).length > 0) {
    throw ruleFailure([{ message: 'Une fiche de liaison se rapporte à ce contrat : supprimez-la ou rattachez-la à un autre contrat d’abord.' }]);
  }
  const at = call.app.nowIso();
  db.transaction((tx) => {
    for (const a of attachmentsOf(tx, 'contract', l.row.id)) {
      deleteAttachment(tx, a.id);
      recordContractsAudit(tx, { actor: auditActor(actor), at, entity: 'attachment', entityId: a.id, action: 'delete', before: a, after: null });
    }
    deleteContract(tx, l.row.id);
    recordContractsAudit(tx, { actor: auditActor(actor), at, entity: 'contract', entityId: l.row.id, action: 'delete', before: auditSnapshot(l), after: null });
  });
  return { ok: true };
}

// ---------------------------------------------------------------------------------------------------------
// Life cycle
// ---------------------------------------------------------------------------------------------------------

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
  checkVersion(l.row.version, input.version, 'contrat');
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
    recordContractsAudit(tx, { actor: auditActor(actor), at, entity: 'contract', entityId: l.row.id, action: 'update', before, after: auditSnapshot(loadContract(tx, l.row.id)) });
  });
  return contractView(db, actor, loadContract(db, l.row.id), today);
}

const datedCtx = (date: string) => () => ({ date });
const notFuture = (date: string) => (_l: AccessibleContract, today: string) => notInFuture(date, today, 'date');

export function sign(input: MethodParsedInput<'contracts.sign'>, call: AuthedCall): MethodOutput<'contracts.sign'> {
  const db = call.open.db;
  const laterIsReferent = input.referent.date >= input.beneficiaire.date;
  const date = laterIsReferent ? input.referent.date : input.beneficiaire.date;
  return transition(
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
        referentIdentity: referentIdentityFor(db, l.person, call.actor),
      }),
    },
  );
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
        theme: `Suivi solidarité arrivé à ${term.solidarityMonths} mois (CERS du ${formatFr(l.row.start)} au ${formatFr(l.row.end)}) : l’équipe pluridisciplinaire statue sur la suite du parcours.`,
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

/**
 * Cas 2: a new draft with the previous rows carried over (with their bilan, their old dates, `carriedOver`) and
 * the new actions; for a CERP the fiche de suivi emploi too. The other parts are copied as a starting point.
 */
export function renew(input: MethodParsedInput<'contracts.renew'>, call: AuthedCall): MethodOutput<'contracts.renew'> {
  const { actor } = call;
  const db = call.open.db;
  const l = accessibleContract(db, actor, input.contractId);
  checkVersion(l.row.version, input.version, 'contrat');
  const existing = renewalOfContract(db, l.row.id);
  if (existing) {
    throw ruleFailure([{ message: `Ce contrat a déjà été renouvelé (contrat du ${formatFr(existing.start)}, « ${CONTRACT_STATUS_LABELS[existing.status]} »).` }]);
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
                message: `Une nouvelle décision d’orientation a été prise le ${formatFr(orientation.date)} : établissez un nouveau contrat plutôt qu’un renouvellement.`,
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
  const id = db.transaction((tx) => {
    const row = insertContract(tx, {
      personId: l.row.personId,
      type: l.row.type,
      status: 'brouillon',
      orientationId: orientation?.id ?? l.row.orientationId,
      orientationDate: renewal.orientationDate,
      orientation: l.row.orientation,
      start: renewal.start,
      durationMonths: renewal.durationMonths,
      end,
      renewalOfId: l.row.id,
      papVersion: 1,
      content: l.row.content,
      suiviEmploi: compact(renewal.suiviEmploi ?? []),
      etatCivil: etatCivilOf(tx, l.row.personId),
      referentIdentity: referentIdentityFor(tx, l.person, actor),
      referentials: currentReferentials(),
      createdById: actor.id,
      createdAt: at,
      updatedAt: at,
    });
    insertPap(
      tx,
      { contractId: row.id, version: 1, origin: 'initial', actionsReferentialVersion: ACTIONS_REFERENTIAL.version, createdById: actor.id, createdAt: at },
      rows.map(rowValues),
    );
    recordContractsAudit(tx, { actor: auditActor(actor), at, entity: 'contract', entityId: row.id, action: 'create', before: null, after: auditSnapshot(loadContract(tx, row.id)) });
    return row.id;
  });
  return contractView(db, actor, loadContract(db, id), todayOf(call));
}
