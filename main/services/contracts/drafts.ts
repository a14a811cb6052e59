/** Contracts: drafts (create, update, delete) and the bilan columns of a signed contract. */
import {
  attachmentsOf,
  deleteAttachment,
  deleteContract,
  fichesOfContract,
  recordContractsAudit,
  replacePapRows,
  updateContract,
  updatePapRowBilan,
} from '../../../db/queries';
import type { MethodOutput, MethodParsedInput } from '../../../shared/api/contract';
import type { ContractView, PapRow } from '../../../shared/api/contracts';
import {
  checkContractEdit,
  CONTRACT_STATUS_LABELS,
  rebaseErrors,
  type RuleError,
  type SuiviEmploiLineInput,
  validateSuiviEmploi,
} from '../../../shared/domain/rules';
import { auditActor, type AuthedCall } from '../context';
import { accessibleDossier } from '../foundation';
import { checkVersion, compact, ruleFailure, throwIfErrors, todayOf } from '../kit';
import {
  accessibleContract,
  auditSnapshot,
  checkDraft,
  contentOf,
  coreOf,
  editRecord,
  formRowOf,
  loadContract,
  type LoadedContract,
  rowValues,
  suiviForRules,
  draftValuesOf,
  insertDraft,
  journalContract,
  preparedParts,
} from './model';
import { papPath } from './support';
import { contractView } from './views';

export function create(input: MethodParsedInput<'contracts.create'>, call: AuthedCall): MethodOutput<'contracts.create'> {
  const { actor } = call;
  const db = call.open.db;
  const { personId, ...form } = input;
  const { person } = accessibleDossier(db, actor, personId);
  const checked = checkDraft(db, personId, form, null);
  const at = call.app.nowIso();
  const id = db.transaction((tx) =>
    insertDraft(tx, actor, at, person, { personId, renewalOfId: null, ...draftValuesOf(form, checked) }, form.pap.actions),
  );
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
    journalContract(tx, actor, at, l.row.id, 'update', before);
  });
  return contractView(db, actor, loadContract(db, l.row.id), todayOf(call));
}

export function update(input: MethodParsedInput<'contracts.update'>, call: AuthedCall): MethodOutput<'contracts.update'> {
  const { actor } = call;
  const db = call.open.db;
  const { contractId, version, ...form } = input;
  const l = accessibleContract(db, actor, contractId);
  checkVersion(call, l.row.version, version, 'contrat', l.row.id);
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
  const checked = checkDraft(db, l.row.personId, form, l.row.id, l.row.renewalOfId !== null);
  const at = call.app.nowIso();
  db.transaction((tx) => {
    const before = auditSnapshot(l);
    updateContract(tx, l.row.id, { ...draftValuesOf(form, checked), ...preparedParts(tx, l.person, actor) }, at);
    replacePapRows(tx, l.pap.id, form.pap.actions.map(rowValues));
    journalContract(tx, actor, at, l.row.id, 'update', before);
  });
  return contractView(db, actor, loadContract(db, l.row.id), todayOf(call));
}

export function saveBilan(input: MethodParsedInput<'contracts.saveBilan'>, call: AuthedCall): MethodOutput<'contracts.saveBilan'> {
  const l = accessibleContract(call.open.db, call.actor, input.contractId);
  checkVersion(call, l.row.version, input.version, 'contrat', l.row.id);
  return saveBilanColumns(call, l, input.pap.actions, input.suiviEmploi, input.bilanGeneral);
}

export function deleteDraft(input: MethodParsedInput<'contracts.deleteDraft'>, call: AuthedCall): MethodOutput<'contracts.deleteDraft'> {
  const { actor } = call;
  const db = call.open.db;
  const l = accessibleContract(db, actor, input.contractId);
  checkVersion(call, l.row.version, input.version, 'contrat', l.row.id);
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
