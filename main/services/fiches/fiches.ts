/**
 * Fiches de liaison référent – Conseil Général (handbook « LA FICHE DE LIAISON », « PROCEDURE », Annexe 7):
 * from the référent's request to the correspondent's answer.
 *
 * brouillon → (send: validateFicheForSending) envoyée → (correspondent) acceptée | refusée, with the answer made
 * to the référent → close (never without that answer). Accepting a réorientation or a suspension seizes the EP
 * (saisineFromFiche). An accepted request for actions CG or avenant then waits for the « Partie réservée au
 * Président » (checkPresidentDecision): the Président's accord on an avenant gives the contract a new PAP version
 * (applyAvenant), the old one stays readable; an accord on actions CG names the structure, whose feedback follows.
 */
import {
  attachmentsOf,
  contractsOfPerson,
  deleteAttachment,
  deleteFiche,
  fichesInStates,
  fichesOfPerson,
  findContract,
  findFiche,
  findMds,
  findUserById,
  insertFiche,
  insertPap,
  papOfAvenantFiche,
  recordContractsAudit,
  releaseSuspensionFiche,
  saisineOfFiche,
  updateContract,
  updateFiche,
  type DbOrTx,
} from '../../../db/queries';
import { latestEdeOf, orientationInForce } from '../../../db/queries/contracts-interview';
import type { Foyer, Person } from '../../../db/schema';
import type { Contract, FicheLiaison, SnapshotJson } from '../../../db/schema-contracts';
import type { MethodOutput, MethodParsedInput } from '../../../shared/api/contract';
import type { PapRow } from '../../../shared/api/contracts';
import { ApiError } from '../../../shared/api/errors';
import {
  FICHE_STATE_LABELS,
  STRUCTURE_OUTCOMES,
  type FicheAdministratif,
  type FicheForm,
  type FicheState,
  type FicheSummary,
  type FicheView,
} from '../../../shared/api/fiches';
import { ACTIONS_REFERENTIAL, findAction, REFERENTIAL_VERSIONS } from '../../../shared/domain/referentials';
import {
  ACTIONS_CG_BY_CODE,
  ACTIONS_CG_LISTS_VERSION,
  applyAvenant,
  awaitsPresidentDecision,
  checkPresidentDecision,
  FICHE_TYPE_LABELS,
  goesToEp,
  needsPresidentDecision,
  PRESIDENT_DECISION_LABELS,
  ORIENTATION_LABELS,
  REORIENTATION_MOTIF_LABELS,
  saisineFromFiche,
  SUSPENSION_MOTIF_LABELS,
  transitionFiche,
  validateFicheForSending,
  validatePap,
  type FicheDeLiaison,
  type FicheSendingContext,
  type FicheStatus,
  type Orientation,
  type ReorientationMotif,
  type RuleError,
  type SuspensionMotif,
} from '../../../shared/domain/rules';
import { auditActor, type Actor, type AuthedCall } from '../context';
import { coreOf, loadContract, normalizeRow, papPath, recordSaisine, rowValues, ruleRow } from '../contracts';
import { accessibleDossier, etatCivilOf } from '../foundation';
import { checkVersion, compact, notInFuture, ruleFailure, throwIfErrors, todayOf } from '../kit';
import { attachmentMeta } from './attachments';
import { formatDate, personName } from '../../../shared/domain/format';

const ACTIONS = ACTIONS_REFERENTIAL.data.actions;

/** The fiche's request as stored (the form without type, date and contract). */
interface StoredContent {
  texte?: string;
  lieu?: string;
  remarquesBeneficiaire?: string;
  parCourriel?: boolean;
  motif?: string | null;
  motifPrecision?: string;
  cible?: Orientation | null;
  actionsCg?: { code: string; precision?: string }[];
  structureSouhaitee?: string;
  pap?: { actions: PapRow[] };
  contrat?: { start: string; end: string } | null;
  signatures?: { referent?: string | null; beneficiaire?: string | null };
}

const contentOf = (f: FicheLiaison): StoredContent => f.content as StoredContent;

function storedContent(form: FicheForm): SnapshotJson {
  const { type: _type, date: _date, contractId: _contractId, ...rest } = form;
  const withRows = 'pap' in rest ? { ...rest, pap: { actions: rest.pap.actions.map(normalizeRow) } } : rest;
  return compact(withRows) as SnapshotJson;
}

// ---------------------------------------------------------------------------------------------------------
// Access and context
// ---------------------------------------------------------------------------------------------------------

interface AccessibleFiche {
  fiche: FicheLiaison;
  person: Person;
  foyer: Foyer;
}

function accessibleFiche(db: DbOrTx, actor: Actor, id: number): AccessibleFiche {
  const fiche = findFiche(db, id);
  if (!fiche) throw new ApiError('NOT_FOUND', 'Cette fiche de liaison est introuvable.');
  const { person, foyer } = accessibleDossier(db, actor, fiche.personId);
  return { fiche, person, foyer };
}

const IN_PROGRESS: readonly Contract['status'][] = ['signe', 'transmis_slai', 'valide', 'en_cours'];
const AMENDABLE: readonly Contract['status'][] = ['valide', 'en_cours'];

/** The contract the fiche refers to: the one named (it must be the person's), else the one in progress. */
function resolveContract(db: DbOrTx, personId: number, form: FicheForm): number | null {
  if (form.contractId !== undefined && form.contractId !== null) {
    const c = findContract(db, form.contractId);
    if (!c || c.personId !== personId) {
      const message = 'Ce contrat n’est pas un contrat de ce bénéficiaire.';
      throw new ApiError('VALIDATION', message, { contractId: message });
    }
    return c.id;
  }
  const wanted = form.type === 'avenant' ? AMENDABLE : IN_PROGRESS;
  const current = contractsOfPerson(db, personId)
    .filter((c) => wanted.includes(c.status))
    .at(-1);
  return current?.id ?? null;
}

/** Première partie : informations administratives. */
function administratifOf(db: DbOrTx, person: Person, foyer: Foyer, contractId: number | null): FicheAdministratif {
  const orientation = orientationInForce(db, person.id);
  const referent = person.referentId === null ? undefined : findUserById(db, person.referentId);
  const correspondant = person.correspondantId === null ? undefined : findUserById(db, person.correspondantId);
  const contract = contractId === null ? undefined : findContract(db, contractId);
  return compact({
    mds: findMds(db, foyer.mdsId)?.name ?? '',
    correspondant: correspondant?.displayName ?? orientation?.correspondantName ?? null,
    referent: referent ? { displayName: referent.displayName, structure: referent.structure } : null,
    organisme: orientation?.organismeName ?? referent?.structure ?? null,
    beneficiaire: etatCivilOf(db, person.id),
    contrat: contract ? { id: contract.id, type: contract.type, start: contract.start, end: contract.end, status: contract.status } : null,
  });
}

/** The rule's status for a stored state (an accepted réorientation / suspension is « en EP »). */
function ruleStatus(f: FicheLiaison): FicheStatus {
  switch (f.status) {
    case 'brouillon':
      return 'brouillon';
    case 'close':
      return 'close';
    case 'acceptee':
      return goesToEp(f.type) ? 'en_ep' : 'envoyee';
    default:
      return 'envoyee';
  }
}

/** The fiche as the rules see it: convocations and CV come from its attachments. */
function ruleFiche(db: DbOrTx, f: FicheLiaison): FicheDeLiaison {
  const c = contentOf(f);
  const contract = f.contractId === null ? undefined : findContract(db, f.contractId);
  const files = attachmentsOf(db, 'fiche', f.id);
  const contractDates = contract ? { start: contract.start, end: contract.end } : null;
  return {
    id: f.id,
    type: f.type,
    status: ruleStatus(f),
    date: f.date,
    contrat: f.type === 'avenant' ? (c.contrat ?? contractDates) : contractDates,
    // Empty rather than null: the rule's schema then says what is missing (« … : ce champ est obligatoire »).
    texte: c.texte ?? '',
    parCourriel: c.parCourriel ?? false,
    motif: c.motif ?? '',
    motifPrecision: c.motifPrecision ?? '',
    cible: c.cible ?? null,
    edeId: f.edeId,
    convocations: files.filter((a) => a.kind === 'convocation').map((a) => ({ date: a.documentDate ?? f.date, objet: a.label ?? a.fileName })),
    actionsCg: c.actionsCg ?? [],
    structureSouhaitee: c.structureSouhaitee ?? null,
    cvJoint: files.some((a) => a.kind === 'cv'),
    pap: (c.pap?.actions ?? []).map(ruleRow),
    signatures: c.signatures ?? {},
    sentOn: f.sentOn,
    reponse: f.answerText && f.answerDate ? { date: f.answerDate, texte: f.answerText, auteur: f.answeredByName ?? '' } : null,
    closedOn: f.closedOn,
  };
}

function sendingContext(db: DbOrTx, f: FicheLiaison): FicheSendingContext {
  const contract = f.contractId === null ? undefined : findContract(db, f.contractId);
  return { actions: ACTIONS, contract: contract ? { type: contract.type, start: contract.start, durationMonths: contract.durationMonths } : undefined };
}

/** What the fiche still needs before it can be sent (rule errors, form paths). */
function sendingErrors(db: DbOrTx, f: FicheLiaison): RuleError[] {
  const errors: RuleError[] = [];
  if (f.type === 'avenant') {
    const contract = f.contractId === null ? undefined : findContract(db, f.contractId);
    if (!contract || !AMENDABLE.includes(contract.status)) {
      errors.push({
        path: 'contractId',
        message: 'Un avenant modifie un contrat en cours de validité (validé ou en cours) : choisissez ce contrat.',
      });
      return errors;
    }
  }
  const check = validateFicheForSending(ruleFiche(db, f), sendingContext(db, f));
  if (!check.ok) errors.push(...check.errors.map((e) => (e.path === undefined ? e : { ...e, path: papPath(e.path) })));
  const contract = f.contractId === null ? undefined : findContract(db, f.contractId);
  if (f.type === 'avenant' && contract) {
    // The rule stops at the first missing field; the modified PAP is checked on its own too, so that every
    // row's error shows at once.
    const pap = validatePap(
      { actions: (contentOf(f).pap?.actions ?? []).map(ruleRow) },
      { actions: ACTIONS, contract: { type: contract.type, start: contract.start, end: contract.end } },
    );
    if (!pap.ok) errors.push(...pap.errors.map((e) => ({ ...e, path: e.path === undefined ? 'pap.actions' : `pap.${e.path}` })));
    const written = contentOf(f).contrat;
    if (written && (written.start !== contract.start || written.end !== contract.end)) {
      errors.push({
        path: 'contrat',
        message: `L’avenant ne modifie pas la durée initialement prévue dans le contrat (du ${formatDate(contract.start)} au ${formatDate(contract.end)}).`,
      });
    }
  }
  const seen = new Set<string>();
  return errors.filter((e) => {
    const key = `${e.path ?? ''}|${e.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

const AWAITING_ANSWER = 'Réponse du correspondant au référent (acceptation ou refus)';
const AWAITING_PRESIDENT = 'Décision du Président (partie réservée au Président)';
const AWAITING_FEEDBACK = 'Retour de la structure (partie réservée à la structure)';
const AWAITING_CLOSE = 'Clôture de la fiche';

const wantsCgActions = (f: FicheLiaison) =>
  f.type === 'actions_cg' || (f.type === 'avenant' && (contentOf(f).actionsCg ?? []).length > 0);

/** An accepted actions CG or avenant fiche without the Président's accord or refus yet. */
const awaitingPresident = (f: FicheLiaison) => awaitsPresidentDecision(f.type, f.answerDecision, f.presidentDecision);

/** The structure's feedback follows the Président's accord (it names the structure). */
const expectsFeedback = (f: FicheLiaison) => f.status === 'acceptee' && wantsCgActions(f) && f.presidentDecision === 'accord';

/** What is missing, in French: before sending (a draft), or in the correspondent's handling. */
function missingOf(db: DbOrTx, f: FicheLiaison): { missing: string[]; missingFields: Record<string, string> } {
  if (f.status === 'brouillon') {
    const errors = sendingErrors(db, f);
    const missingFields: Record<string, string> = {};
    for (const e of errors) if (e.path !== undefined && !(e.path in missingFields)) missingFields[e.path] = e.message;
    return { missing: [...new Set(errors.map((e) => e.message))], missingFields };
  }
  const missing: string[] = [];
  if (f.status === 'envoyee') missing.push(AWAITING_ANSWER);
  if (awaitingPresident(f)) missing.push(AWAITING_PRESIDENT);
  if (f.status === 'acceptee' && wantsCgActions(f) && f.presidentDecision !== 'refus' && !f.structureFeedback) missing.push(AWAITING_FEEDBACK);
  if (f.status === 'acceptee' || f.status === 'refusee') missing.push(AWAITING_CLOSE);
  return { missing, missingFields: {} };
}

// ---------------------------------------------------------------------------------------------------------
// Views
// ---------------------------------------------------------------------------------------------------------

type FicheAction = FicheView['allowedActions'][number];

function allowedActions(actor: Actor, f: FicheLiaison): FicheAction[] {
  if (actor.role === 'secretaire_ep') return [];
  const slai = actor.role === 'correspondant' || actor.role === 'administrateur';
  switch (f.status) {
    case 'brouillon':
      return ['modifier', 'supprimer', 'joindre', 'envoyer'];
    case 'envoyee':
      return slai ? ['repondre'] : [];
    case 'acceptee':
      if (awaitingPresident(f)) return slai ? ['decision_president'] : [];
      return [
        ...(wantsCgActions(f) && (!needsPresidentDecision(f.type) || expectsFeedback(f)) ? (['retour_structure'] as const) : []),
        ...(slai ? (['clore'] as const) : []),
      ];
    case 'refusee':
      return slai ? ['clore'] : [];
    default:
      return [];
  }
}

function ficheView(db: DbOrTx, actor: Actor, f: FicheLiaison): FicheView {
  const c = contentOf(f);
  const { missing, missingFields } = missingOf(db, f);
  const contract = f.contractId === null ? undefined : findContract(db, f.contractId);
  const saisine = saisineOfFiche(db, f.id);
  const avenantPap =
    f.type === 'avenant' && f.status !== 'brouillon' && contract
      ? papOfAvenantFiche(db, contract.id, f.id)
      : undefined;
  let papFlags: FicheView['papFlags'] = [];
  if (f.type === 'avenant' && contract) {
    const check = validateFicheForSending(ruleFiche(db, f), sendingContext(db, f));
    papFlags = check.ok ? check.flags.map((flag) => ({ ...flag, path: `pap.${flag.path}` })) : [];
  }
  const feedback = f.structureFeedback as (Record<string, string> & { outcome: keyof typeof STRUCTURE_OUTCOMES }) | null;
  return {
    id: f.id,
    personId: f.personId,
    typeLabel: FICHE_TYPE_LABELS[f.type],
    status: f.status,
    statusLabel: FICHE_STATE_LABELS[f.status],
    fiche: {
      type: f.type,
      date: f.date,
      contractId: f.contractId,
      texte: c.texte ?? null,
      lieu: c.lieu ?? null,
      remarquesBeneficiaire: c.remarquesBeneficiaire ?? null,
      parCourriel: c.parCourriel ?? false,
      motif: c.motif ?? null,
      motifPrecision: c.motifPrecision ?? null,
      cible: c.cible ?? null,
      actionsCg: (c.actionsCg ?? []).map((a) => ({ code: a.code, label: ACTIONS_CG_BY_CODE.get(a.code)?.label ?? a.code, precision: a.precision ?? null })),
      structureSouhaitee: c.structureSouhaitee ?? null,
      pap: c.pap
        ? {
            actions: c.pap.actions.map((r) => ({
              ...r,
              actionLabel: findAction(r.actionCode)?.label ?? r.actionCode,
              resultat: r.resultat ?? null,
              bilan: r.bilan ?? null,
            })),
          }
        : null,
      contrat: c.contrat ?? null,
      signatures: { referent: c.signatures?.referent ?? null, beneficiaire: c.signatures?.beneficiaire ?? null },
    },
    administratif: f.administratif as unknown as FicheAdministratif,
    edeId: f.edeId,
    attachments: attachmentsOf(db, 'fiche', f.id).map(attachmentMeta),
    missing,
    missingFields,
    papFlags,
    sentOn: f.sentOn,
    answer:
      f.answerDecision && f.answerDate && f.answerText
        ? { decision: f.answerDecision, date: f.answerDate, texte: f.answerText, auteur: f.answeredByName ?? '' }
        : null,
    closedOn: f.closedOn,
    president: presidentOf(db, f),
    awaitingPresident: awaitingPresident(f),
    structureFeedback: feedback ? { ...feedback, outcomeLabel: STRUCTURE_OUTCOMES[feedback.outcome] } as FicheView['structureFeedback'] : null,
    epSaisineId: saisine?.id ?? null,
    avenantPapVersion: avenantPap?.version ?? null,
    allowedActions: allowedActions(actor, f),
    version: f.version,
    createdAt: f.createdAt,
    updatedAt: f.updatedAt,
  };
}

/** The « Partie réservée au Président » as recorded. */
function presidentOf(db: DbOrTx, f: FicheLiaison): FicheView['president'] {
  if (!f.presidentDecision || !f.presidentDate || !f.presidentRecordedAt) return null;
  const recordedBy = f.presidentRecordedById === null ? undefined : findUserById(db, f.presidentRecordedById);
  return {
    decision: f.presidentDecision,
    decisionLabel: PRESIDENT_DECISION_LABELS[f.presidentDecision],
    reason: f.presidentReason,
    structure: f.presidentStructure,
    date: f.presidentDate,
    signatoryName: f.presidentSignatoryName ?? '',
    signatoryFunction: f.presidentSignatoryFunction ?? '',
    signatoryDelegation: f.presidentSignatoryDelegation,
    recordedBy: recordedBy?.displayName ?? `Compte n° ${f.presidentRecordedById ?? '?'}`,
    recordedAt: f.presidentRecordedAt,
  };
}

function summaryOf(db: DbOrTx, f: FicheLiaison, names: { beneficiaire: string; referent: string | null }): FicheSummary {
  return {
    id: f.id,
    personId: f.personId,
    type: f.type,
    typeLabel: FICHE_TYPE_LABELS[f.type],
    status: f.status,
    statusLabel: FICHE_STATE_LABELS[f.status],
    date: f.date,
    sentOn: f.sentOn,
    beneficiaire: names.beneficiaire,
    referent: names.referent,
    missing: missingOf(db, f).missing,
    awaitingPresident: awaitingPresident(f),
    updatedAt: f.updatedAt,
  };
}

// ---------------------------------------------------------------------------------------------------------
// Reads
// ---------------------------------------------------------------------------------------------------------

export function prefill(input: MethodParsedInput<'fiches.prefill'>, call: AuthedCall): MethodOutput<'fiches.prefill'> {
  const db = call.open.db;
  const { person, foyer } = accessibleDossier(db, call.actor, input.personId);
  const inProgress = contractsOfPerson(db, person.id).filter((c) => IN_PROGRESS.includes(c.status)).at(-1);
  const amendable = contractsOfPerson(db, person.id).filter((c) => AMENDABLE.includes(c.status)).at(-1);
  const ede = latestEdeOf(db, person.id);
  let avenantContract: MethodOutput<'fiches.prefill'>['avenantContract'] = null;
  if (amendable) {
    const l = loadContract(db, amendable.id);
    avenantContract = {
      id: amendable.id,
      type: amendable.type,
      start: amendable.start,
      end: amendable.end,
      papVersion: amendable.papVersion,
      pap: {
        actions: l.rows.map((r) => ({
          theme: r.theme,
          actionCode: r.actionCode,
          actionLabel: findAction(r.actionCode)?.label ?? r.actionCode,
          services: r.services,
          start: r.start,
          end: r.end,
          engagementReferent: r.engagementReferent,
          engagementBeneficiaire: r.engagementBeneficiaire,
          resultat: r.resultat,
          bilan: r.bilan,
          origin: r.origin,
          carriedOver: r.carriedOver,
          derogationObtained: r.derogationObtained,
        })),
      },
    };
  }
  return {
    administratif: administratifOf(db, person, foyer, inProgress?.id ?? null),
    latestEde: ede ? { id: ede.id, date: ede.date, themes: ede.themes } : null,
    avenantContract,
  };
}

export function listForDossier(input: MethodParsedInput<'fiches.listForDossier'>, call: AuthedCall): MethodOutput<'fiches.listForDossier'> {
  const db = call.open.db;
  const { person } = accessibleDossier(db, call.actor, input.personId);
  const referent = person.referentId === null ? null : (findUserById(db, person.referentId)?.displayName ?? null);
  return fichesOfPerson(db, person.id).map((f) => summaryOf(db, f, { beneficiaire: personName(person), referent }));
}

export function get(input: MethodParsedInput<'fiches.get'>, call: AuthedCall): MethodOutput<'fiches.get'> {
  const db = call.open.db;
  return ficheView(db, call.actor, accessibleFiche(db, call.actor, input.ficheId).fiche);
}

/** The correspondent's inbox: fiches of the MDS sent and not closed, oldest sending first. */
export function inbox(_input: MethodParsedInput<'fiches.inbox'>, call: AuthedCall): MethodOutput<'fiches.inbox'> {
  const db = call.open.db;
  return fichesInStates(db, call.actor.mdsId, ['envoyee', 'acceptee', 'refusee']).map((r) =>
    summaryOf(db, r.fiche, { beneficiaire: personName(r), referent: r.referentName }),
  );
}

/** Demande d’appui « dématérialisée sous forme de mail »: subject and body to send to the correspondent. */
export function emailDraft(input: MethodParsedInput<'fiches.emailDraft'>, call: AuthedCall): MethodOutput<'fiches.emailDraft'> {
  const db = call.open.db;
  const { fiche, person, foyer } = accessibleFiche(db, call.actor, input.ficheId);
  if (fiche.type !== 'appui') {
    throw new ApiError('RULE', 'Seule une demande d’appui peut partir par courriel ; les autres demandes sont des fiches signées.');
  }
  const c = contentOf(fiche);
  const admin = fiche.administratif as unknown as FicheAdministratif;
  const referent = person.referentId === null ? undefined : findUserById(db, person.referentId);
  const who = personName(person);
  const contract = admin.contrat ? `Contrat en cours : ${admin.contrat.type} du ${formatDate(admin.contrat.start)} au ${formatDate(admin.contrat.end)}.` : 'Pas de contrat en cours.';
  const body = [
    `Bonjour${admin.correspondant ? ` ${admin.correspondant}` : ''},`,
    '',
    `Je sollicite votre appui pour ${who}, N° allocataire CAF ${foyer.cafNumber}${person.peNumber ? `, N° France Travail ${person.peNumber}` : ''}.`,
    contract,
    '',
    c.texte ?? '(objet de la demande à compléter)',
    '',
    'Cordialement,',
    referent ? `${referent.displayName}, ${referent.structure}` : call.actor.displayName,
  ].join('\n');
  return {
    to: admin.correspondant,
    subject: `Fiche de liaison – demande d’appui – ${who} (N° CAF ${foyer.cafNumber})`,
    body,
  };
}

// ---------------------------------------------------------------------------------------------------------
// Drafts
// ---------------------------------------------------------------------------------------------------------

const referentials = () => ({ actions: REFERENTIAL_VERSIONS.actions, actionsCg: ACTIONS_CG_LISTS_VERSION });

export function create(input: MethodParsedInput<'fiches.create'>, call: AuthedCall): MethodOutput<'fiches.create'> {
  const { actor } = call;
  const db = call.open.db;
  const { personId, ...form } = input;
  const { person, foyer } = accessibleDossier(db, actor, personId);
  const contractId = resolveContract(db, personId, form);
  const at = call.app.nowIso();
  const id = db.transaction((tx) => {
    const row = insertFiche(tx, {
      personId,
      type: form.type,
      status: 'brouillon',
      date: form.date,
      contractId,
      edeId: form.type === 'reorientation' ? (latestEdeOf(tx, personId)?.id ?? null) : null,
      content: storedContent(form),
      administratif: administratifOf(tx, person, foyer, contractId) as unknown as SnapshotJson,
      referentials: referentials(),
      createdById: actor.id,
      createdAt: at,
      updatedAt: at,
    });
    recordContractsAudit(tx, { actor: auditActor(actor), at, entity: 'fiche_liaison', entityId: row.id, action: 'create', before: null, after: row });
    return row.id;
  });
  return ficheView(db, actor, findFiche(db, id)!);
}

function requireDraft(f: FicheLiaison): void {
  if (f.status !== 'brouillon') {
    throw ruleFailure([{ path: 'status', message: `Cette fiche est « ${FICHE_STATE_LABELS[f.status]} » : elle ne se modifie plus.` }]);
  }
}

export function update(input: MethodParsedInput<'fiches.update'>, call: AuthedCall): MethodOutput<'fiches.update'> {
  const { actor } = call;
  const db = call.open.db;
  const { ficheId, version, ...form } = input;
  const { fiche, person, foyer } = accessibleFiche(db, actor, ficheId);
  checkVersion(call, fiche.version, version, 'fiche', fiche.id);
  requireDraft(fiche);
  const contractId = resolveContract(db, person.id, form);
  const at = call.app.nowIso();
  db.transaction((tx) => {
    const after = updateFiche(
      tx,
      fiche.id,
      {
        type: form.type,
        date: form.date,
        contractId,
        edeId: form.type === 'reorientation' ? (latestEdeOf(tx, person.id)?.id ?? null) : null,
        content: storedContent(form),
        administratif: administratifOf(tx, person, foyer, contractId) as unknown as SnapshotJson,
        referentials: referentials(),
      },
      at,
    );
    recordContractsAudit(tx, { actor: auditActor(actor), at, entity: 'fiche_liaison', entityId: fiche.id, action: 'update', before: fiche, after });
  });
  return ficheView(db, actor, findFiche(db, fiche.id)!);
}

export function deleteDraft(input: MethodParsedInput<'fiches.deleteDraft'>, call: AuthedCall): MethodOutput<'fiches.deleteDraft'> {
  const { actor } = call;
  const db = call.open.db;
  const { fiche } = accessibleFiche(db, actor, input.ficheId);
  checkVersion(call, fiche.version, input.version, 'fiche', fiche.id);
  requireDraft(fiche);
  const at = call.app.nowIso();
  db.transaction((tx) => {
    for (const a of attachmentsOf(tx, 'fiche', fiche.id)) {
      deleteAttachment(tx, a.id);
      recordContractsAudit(tx, { actor: auditActor(actor), at, entity: 'attachment', entityId: a.id, action: 'delete', before: a, after: null });
    }
    releaseSuspensionFiche(tx, fiche.id);
    deleteFiche(tx, fiche.id);
    recordContractsAudit(tx, { actor: auditActor(actor), at, entity: 'fiche_liaison', entityId: fiche.id, action: 'delete', before: fiche, after: null });
  });
  return { ok: true };
}

// ---------------------------------------------------------------------------------------------------------
// Life cycle
// ---------------------------------------------------------------------------------------------------------

/** The avenant the fiche carries, checked against its contract now (applyAvenant). */
function avenantOf(db: DbOrTx, f: FicheLiaison) {
  const c = contentOf(f);
  if (f.contractId === null) {
    return { ok: false as const, errors: [{ path: 'contractId', message: 'Choisissez le contrat que l’avenant modifie.' }] };
  }
  const l = loadContract(db, f.contractId);
  const result = applyAvenant(
    coreOf(l),
    {
      date: f.date,
      motif: c.motif ?? '',
      pap: (c.pap?.actions ?? []).map(ruleRow),
      signatures: { referent: Boolean(c.signatures?.referent), beneficiaire: Boolean(c.signatures?.beneficiaire) },
    },
    { actions: ACTIONS },
  );
  if (!result.ok) {
    return {
      ok: false as const,
      errors: result.errors.map((e) => (e.path === 'status' ? { ...e, path: 'contractId' } : e.path === undefined ? e : { ...e, path: papPath(e.path) })),
    };
  }
  return { ok: true as const, contract: l, rows: c.pap?.actions ?? [], motif: c.motif ?? '' };
}

export function send(input: MethodParsedInput<'fiches.send'>, call: AuthedCall): MethodOutput<'fiches.send'> {
  const { actor } = call;
  const db = call.open.db;
  const { fiche, person, foyer } = accessibleFiche(db, actor, input.ficheId);
  checkVersion(call, fiche.version, input.version, 'fiche', fiche.id);
  // A réorientation carries the latest EDE (« transmettre également l’échelle de distance à l’emploi »).
  const current: FicheLiaison = fiche.type === 'reorientation' ? { ...fiche, edeId: latestEdeOf(db, person.id)?.id ?? null } : fiche;
  const transition = transitionFiche(ruleFiche(db, current), 'envoyer', { ...sendingContext(db, current), date: input.date });
  if (!transition.ok && transition.errors.some((e) => e.path === 'status')) throw ruleFailure(transition.errors);
  const errors: RuleError[] = [...sendingErrors(db, current), ...notInFuture(input.date, todayOf(call), 'date')];
  if (!transition.ok) errors.push(...transition.errors);
  if (current.type === 'avenant' && errors.length === 0) {
    const avenant = avenantOf(db, current);
    if (!avenant.ok) errors.push(...avenant.errors);
  }
  throwIfErrors(errors, { mapPath: papPath });
  const at = call.app.nowIso();
  db.transaction((tx) => {
    const after = updateFiche(
      tx,
      fiche.id,
      {
        status: 'envoyee',
        sentOn: input.date,
        edeId: current.edeId,
        // The administrative part is frozen as sent.
        administratif: administratifOf(tx, person, foyer, fiche.contractId) as unknown as SnapshotJson,
      },
      at,
    );
    recordContractsAudit(tx, { actor: auditActor(actor), at, entity: 'fiche_liaison', entityId: fiche.id, action: 'update', before: fiche, after });
  });
  return ficheView(db, actor, findFiche(db, fiche.id)!);
}

const ANSWER_REFUSALS: Record<FicheState, string> = {
  brouillon: 'La fiche n’a pas encore été envoyée au correspondant.',
  envoyee: '',
  acceptee: 'Cette fiche a déjà reçu une réponse (acceptée).',
  refusee: 'Cette fiche a déjà reçu une réponse (refusée).',
  close: 'Cette fiche est close.',
};

function saisineTheme(f: FicheLiaison): string {
  const c = contentOf(f);
  if (f.type === 'reorientation') {
    const motif = c.motif ? REORIENTATION_MOTIF_LABELS[c.motif as ReorientationMotif] : 'motif non précisé';
    return `Demande de réorientation (${motif})${c.cible ? ` vers : ${ORIENTATION_LABELS[c.cible]}` : ''}`;
  }
  const motif = c.motif ? SUSPENSION_MOTIF_LABELS[c.motif as SuspensionMotif] : 'motif non précisé';
  return `Demande de suspension : ${motif}`;
}

/** The Président's accord on an avenant: the contract's new PAP version (the previous one stays readable). */
function recordAvenantPap(tx: DbOrTx, actor: Actor, at: string, fiche: FicheLiaison, avenant: Extract<ReturnType<typeof avenantOf>, { ok: true }>): void {
  const l = avenant.contract;
  const nextVersion = l.row.papVersion + 1;
  const before = { ...l.row, pap: { version: l.pap.version } };
  const { pap } = insertPap(
    tx,
    {
      contractId: l.row.id,
      version: nextVersion,
      origin: 'avenant',
      ficheId: fiche.id,
      avenantDate: fiche.date,
      avenantMotif: avenant.motif,
      actionsReferentialVersion: ACTIONS_REFERENTIAL.version,
      createdById: actor.id,
      createdAt: at,
    },
    avenant.rows.map(rowValues),
  );
  const updated = updateContract(tx, l.row.id, { papVersion: nextVersion }, at);
  recordContractsAudit(tx, { actor: auditActor(actor), at, entity: 'contract_pap', entityId: pap.id, action: 'create', before: null, after: { pap, actions: avenant.rows } });
  recordContractsAudit(tx, { actor: auditActor(actor), at, entity: 'contract', entityId: l.row.id, action: 'update', before, after: { ...updated, pap: { version: nextVersion } } });
}

/**
 * The correspondent's answer to the référent: accepted or refused, with the text. Accepting a réorientation or a
 * suspension seizes the EP; an accepted avenant is checked against its contract now, and makes the contract's new PAP
 * version at the Président's accord (presidentDecision).
 */
export function answer(input: MethodParsedInput<'fiches.answer'>, call: AuthedCall): MethodOutput<'fiches.answer'> {
  const { actor } = call;
  const db = call.open.db;
  const { fiche, person } = accessibleFiche(db, actor, input.ficheId);
  checkVersion(call, fiche.version, input.version, 'fiche', fiche.id);
  if (fiche.status !== 'envoyee') throw ruleFailure([{ path: 'status', message: ANSWER_REFUSALS[fiche.status] }]);
  const errors: RuleError[] = [...notInFuture(input.date, todayOf(call), 'date')];
  if (fiche.sentOn && input.date < fiche.sentOn) {
    errors.push({ path: 'date', message: `La réponse ne peut pas précéder l’envoi de la fiche (${formatDate(fiche.sentOn)}).` });
  }
  const accepted = input.decision === 'acceptee';
  let saisine: ReturnType<typeof saisineFromFiche> | undefined;
  let avenant: ReturnType<typeof avenantOf> | undefined;
  if (accepted && goesToEp(fiche.type)) {
    const toEp = transitionFiche(ruleFiche(db, fiche), 'saisir_ep', { date: input.date });
    if (!toEp.ok) errors.push(...toEp.errors);
    saisine = saisineFromFiche({ id: fiche.id, type: fiche.type, motif: contentOf(fiche).motif ?? null, cible: contentOf(fiche).cible ?? null }, input.date);
    if (!saisine.ok) errors.push(...saisine.errors);
  }
  if (accepted && fiche.type === 'avenant') {
    avenant = avenantOf(db, fiche);
    if (!avenant.ok) errors.push(...avenant.errors);
  }
  throwIfErrors(errors, { mapPath: papPath });
  const at = call.app.nowIso();
  db.transaction((tx) => {
    const after = updateFiche(
      tx,
      fiche.id,
      {
        status: input.decision,
        answerDecision: input.decision,
        answerDate: input.date,
        answerText: input.texte,
        answeredById: actor.id,
        answeredByName: actor.displayName,
      },
      at,
    );
    recordContractsAudit(tx, { actor: auditActor(actor), at, entity: 'fiche_liaison', entityId: fiche.id, action: 'update', before: fiche, after });
    if (saisine?.ok) {
      const contract = fiche.contractId === null ? undefined : loadContract(tx, fiche.contractId);
      recordSaisine(tx, actor, at, saisine.saisine, {
        personId: person.id,
        theme: saisineTheme(fiche),
        edeId: fiche.edeId,
        contractId: contract?.row.id ?? null,
        papId: contract?.pap.id ?? null,
        attachmentIds: attachmentsOf(tx, 'fiche', fiche.id).map((a) => a.id),
      });
    }
  });
  return ficheView(db, actor, findFiche(db, fiche.id)!);
}

/**
 * « Partie réservée au Président » of an accepted actions CG or avenant fiche: accord, refus or ajournement (then
 * decided again later), the structure designated, the date and who signed by delegation. The Président's accord on
 * an avenant makes the contract's new PAP version, checked against the contract now.
 */
export function presidentDecision(input: MethodParsedInput<'fiches.presidentDecision'>, call: AuthedCall): MethodOutput<'fiches.presidentDecision'> {
  const { actor } = call;
  const db = call.open.db;
  const { fiche } = accessibleFiche(db, actor, input.ficheId);
  checkVersion(call, fiche.version, input.version, 'fiche', fiche.id);
  if (fiche.status === 'close') throw ruleFailure([{ path: 'status', message: 'Cette fiche est close.' }]);
  const check = checkPresidentDecision(input, {
    type: fiche.type,
    sentOn: fiche.sentOn,
    answer: fiche.answerDecision && fiche.answerDate ? { decision: fiche.answerDecision, date: fiche.answerDate } : null,
    previous: fiche.presidentDecision && fiche.presidentDate ? { decision: fiche.presidentDecision, date: fiche.presidentDate } : null,
    today: todayOf(call),
  });
  if (!check.ok) throw ruleFailure(check.errors);
  const avenant = fiche.type === 'avenant' && input.decision === 'accord' ? avenantOf(db, fiche) : undefined;
  if (avenant && !avenant.ok) throwIfErrors(avenant.errors, { mapPath: papPath });
  const at = call.app.nowIso();
  db.transaction((tx) => {
    const after = updateFiche(
      tx,
      fiche.id,
      {
        presidentDecision: input.decision,
        presidentReason: input.reason ?? null,
        presidentStructure: input.structure ?? null,
        presidentDate: input.date,
        presidentSignatoryName: input.signatoryName,
        presidentSignatoryFunction: input.signatoryFunction,
        presidentSignatoryDelegation: input.signatoryDelegation ?? null,
        presidentRecordedById: actor.id,
        presidentRecordedAt: at,
      },
      at,
    );
    recordContractsAudit(tx, { actor: auditActor(actor), at, entity: 'fiche_liaison', entityId: fiche.id, action: 'update', before: fiche, after });
    if (avenant?.ok) recordAvenantPap(tx, actor, at, fiche, avenant);
  });
  return ficheView(db, actor, findFiche(db, fiche.id)!);
}

/** Closes a fiche once the correspondent has answered the référent (transitionFiche 'repondre'), and the Président decided when his part applies. */
export function close(input: MethodParsedInput<'fiches.close'>, call: AuthedCall): MethodOutput<'fiches.close'> {
  const { actor } = call;
  const db = call.open.db;
  const { fiche } = accessibleFiche(db, actor, input.ficheId);
  checkVersion(call, fiche.version, input.version, 'fiche', fiche.id);
  const rf = ruleFiche(db, fiche);
  const result = transitionFiche(rf, 'repondre', { date: input.date, reponse: rf.reponse ? { texte: rf.reponse.texte, auteur: rf.reponse.auteur } : undefined });
  const errors: RuleError[] = result.ok ? [] : [...result.errors];
  if (errors.length === 0 && awaitingPresident(fiche)) {
    errors.push({
      path: 'status',
      message: `En attente de la décision du Président : la fiche se clôt après l’accord ou le refus enregistré dans la partie réservée au Président${fiche.presidentDecision === 'ajournement' ? ` (décision ajournée le ${formatDate(fiche.presidentDate)})` : ''}.`,
    });
  }
  if (errors.length === 0) {
    errors.push(...notInFuture(input.date, todayOf(call), 'date'));
    if (fiche.answerDate && input.date < fiche.answerDate) {
      errors.push({ path: 'date', message: `La clôture ne peut pas précéder la réponse du correspondant (${formatDate(fiche.answerDate)}).` });
    }
  }
  throwIfErrors(
    errors.map((e) =>
      e.path === 'reponse.texte' ? { ...e, message: 'La fiche se clôt avec la réponse du correspondant au référent : acceptez ou refusez d’abord la demande.' } : e,
    ),
  );
  const at = call.app.nowIso();
  db.transaction((tx) => {
    const after = updateFiche(tx, fiche.id, { status: 'close', closedOn: input.date }, at);
    recordContractsAudit(tx, { actor: auditActor(actor), at, entity: 'fiche_liaison', entityId: fiche.id, action: 'update', before: fiche, after });
  });
  return ficheView(db, actor, findFiche(db, fiche.id)!);
}

/** « Partie réservée à la structure »: feedback on an accepted CG action. */
export function structureFeedback(input: MethodParsedInput<'fiches.structureFeedback'>, call: AuthedCall): MethodOutput<'fiches.structureFeedback'> {
  const { actor } = call;
  const db = call.open.db;
  const { fiche } = accessibleFiche(db, actor, input.ficheId);
  checkVersion(call, fiche.version, input.version, 'fiche', fiche.id);
  if (!wantsCgActions(fiche)) {
    throw ruleFailure([{ message: 'Le retour d’une structure ne concerne qu’une demande d’action du Conseil Général.' }]);
  }
  if (fiche.status !== 'acceptee') {
    throw ruleFailure([
      {
        path: 'status',
        message:
          fiche.status === 'close'
            ? 'Cette fiche est close.'
            : 'Le retour de la structure suit l’acceptation de la demande d’action par le correspondant.',
      },
    ]);
  }
  if (fiche.presidentDecision !== 'accord') {
    throw ruleFailure([
      {
        path: 'status',
        message:
          fiche.presidentDecision === 'refus'
            ? 'Le Président a refusé la demande : il n’y a pas de retour de structure.'
            : 'Le retour de la structure suit l’accord du Président, qui désigne la structure (partie réservée au Président).',
      },
    ]);
  }
  const at = call.app.nowIso();
  db.transaction((tx) => {
    const after = updateFiche(tx, fiche.id, { structureFeedback: compact({ ...input.feedback, recordedAt: at }) as SnapshotJson }, at);
    recordContractsAudit(tx, { actor: auditActor(actor), at, entity: 'fiche_liaison', entityId: fiche.id, action: 'update', before: fiche, after });
  });
  return ficheView(db, actor, findFiche(db, fiche.id)!);
}
