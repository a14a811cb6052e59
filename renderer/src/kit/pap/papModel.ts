/**
 * The PAP as the editor holds it, and the handbook's PAP rules run on it while the user types
 * (`validatePap` on the rows filled so far): messages keyed by row path (`3.end`) for the rows, plus the
 * message about the whole plan (only « ne peut être la seule action » actions) and the flags (G.4.5 derogation,
 * B.1 « dans certains cas »). Main checks the same rules again when the contract is saved.
 */
import type { PapRow, PapRowInput } from '../../../../shared/api/contracts';
import { ACTIONS_REFERENTIAL, findAction, findTheme, normalizeActionCode } from '../../../../shared/domain/referentials/actions';
import type { ActionDef, ThemeCode } from '../../../../shared/domain/referentials/types';
import { contractEndDate, isIsoDate } from '../../../../shared/domain/rules/dates';
import { actionsForPicker, validatePap, type PapActionInput, type PapFlag, type Resultat } from '../../../../shared/domain/rules/pap';

export type ContractKind = 'CERS' | 'CERP';

export const ACTIONS: readonly ActionDef[] = ACTIONS_REFERENTIAL.data.actions;
export const THEMES = ACTIONS_REFERENTIAL.data.themes;

/** One PAP row in the form (strings for what the user types; résultat null until the bilan). */
export interface PapRowValues {
  theme: ThemeCode | '';
  actionCode: string;
  services: string[];
  start: string;
  end: string;
  engagementReferent: string;
  engagementBeneficiaire: string;
  resultat: Resultat | null;
  bilan: string;
  origin: 'saisie' | 'echange_pole_emploi';
  carriedOver: boolean;
  derogationObtained: boolean;
}

export interface PapContract {
  type: ContractKind;
  /** 'YYYY-MM-DD' or anything the user is still typing. */
  start: string;
  durationMonths: number | null;
  /** The end when it is known directly (an avenant: the amended contract's end). */
  end?: string | undefined;
}

/** The contract's period, when its start and duration are known. */
export function contractPeriod(c: PapContract): { start: string; end: string } | null {
  if (!isIsoDate(c.start)) return null;
  if (c.end !== undefined) return isIsoDate(c.end) ? { start: c.start, end: c.end } : null;
  if (!c.durationMonths || c.durationMonths < 1) return null;
  return { start: c.start, end: contractEndDate(c.start, c.durationMonths) };
}

/** A new row: the theme chosen, dates defaulting to the contract's period. */
export function emptyPapRow(theme: ThemeCode | '' = '', period: { start: string; end: string } | null = null): PapRowValues {
  return {
    theme,
    actionCode: '',
    services: [],
    start: period?.start ?? '',
    end: period?.end ?? '',
    engagementReferent: '',
    engagementBeneficiaire: '',
    resultat: null,
    bilan: '',
    origin: 'saisie',
    carriedOver: false,
    derogationObtained: false,
  };
}

/** A stored row (API view or form input) as the editor holds it. */
export function papRowValuesOf(row: Partial<PapRowInput> & { theme: ThemeCode; actionCode: string }): PapRowValues {
  return {
    theme: row.theme,
    actionCode: row.actionCode,
    services: [...(row.services ?? [])],
    start: row.start ?? '',
    end: row.end ?? '',
    engagementReferent: row.engagementReferent ?? '',
    engagementBeneficiaire: row.engagementBeneficiaire ?? '',
    resultat: row.resultat ?? null,
    bilan: row.bilan ?? '',
    origin: row.origin ?? 'saisie',
    carriedOver: row.carriedOver ?? false,
    derogationObtained: row.derogationObtained ?? false,
  };
}

/** Actions the picker offers for a theme and contract type (leaves of the sphere; H.3.x left out). */
export function pickerActions(theme: ThemeCode | '', type: ContractKind): ActionDef[] {
  return theme === '' ? [] : actionsForPicker(ACTIONS, theme, type);
}

/** Actions of a theme that cannot be picked (H.3.x: only through the exchange with Pôle Emploi), with their notes. */
export function restrictedActions(theme: ThemeCode | ''): ActionDef[] {
  return ACTIONS.filter((a) => a.theme === theme && a.restricted && a.parent === null);
}

export const themeLabel = (code: string): string => {
  const t = findTheme(code);
  return t ? `${t.code} — ${t.label}` : code;
};

export const actionOf = (code: string): ActionDef | undefined => (code.trim() === '' ? undefined : findAction(code));

export interface PapIssues {
  /** Row messages by path relative to the rows array (`0.actionCode`, `2.end`). */
  rows: Record<string, string>;
  /** A message about the whole plan (no action, only « not alone » actions). */
  plan?: string;
  /** Non-blocking warnings by row path. */
  flags: Record<string, PapFlag>;
}

const FAR_PAST = '1900-01-01';
const FAR_FUTURE = '9999-12-31';

/**
 * Runs `validatePap` on the rows whose action is chosen, with placeholders for what is not typed yet (so a
 * missing engagement does not hide the handbook's rules), and brings the messages back to the rows' own
 * indexes and numbers. Date checks of a row wait until both its dates are complete.
 */
export function papIssues(rows: readonly PapRowValues[], contract: PapContract, options: { phase?: 'elaboration' | 'bilan' } = {}): PapIssues {
  const period = contractPeriod(contract);
  const ctxContract = { type: contract.type, start: period?.start ?? FAR_PAST, end: period?.end ?? FAR_FUTURE };
  const kept: number[] = [];
  const datesPending = new Set<number>();
  const input: PapActionInput[] = [];
  rows.forEach((row, i) => {
    if (row.actionCode.trim() === '') return;
    const def = actionOf(row.actionCode);
    const datesOk = isIsoDate(row.start) && isIsoDate(row.end);
    if (!datesOk || !period) datesPending.add(kept.length);
    kept.push(i);
    input.push({
      theme: row.theme === '' ? (def?.theme ?? 'A') : row.theme,
      actionCode: row.actionCode,
      start: datesOk ? row.start : ctxContract.start,
      end: datesOk ? row.end : ctxContract.start,
      engagementReferent: row.engagementReferent.trim() || '—',
      engagementBeneficiaire: row.engagementBeneficiaire.trim() || '—',
      // The services are checked against the action's list by the API schema (papRowSchema).
      services: null,
      resultat: row.resultat,
      bilan: row.bilan,
      origin: row.origin,
      carriedOver: row.carriedOver,
      derogationObtained: row.derogationObtained,
    });
  });
  const renumber = (message: string) =>
    message
      .replace(/^Ligne (\d+)/, (_m, n: string) => `Ligne ${(kept[Number(n) - 1] ?? Number(n) - 1) + 1}`)
      .replace(/ligne (\d+) \(/g, (_m, n: string) => `ligne ${(kept[Number(n) - 1] ?? Number(n) - 1) + 1} (`);
  const issues: PapIssues = { rows: {}, flags: {} };
  if (input.length === 0) {
    if (rows.length === 0) issues.plan = 'Le plan d’accompagnement compte au moins une action.';
    return issues;
  }
  const result = validatePap({ actions: input }, { actions: ACTIONS, contract: ctxContract, phase: options.phase });
  const toRowPath = (path: string): string | null => {
    const m = /^actions\.(\d+)\.(.+)$/.exec(path);
    if (!m) return null;
    const j = Number(m[1]);
    const field = m[2]!;
    if (datesPending.has(j) && (field === 'start' || field === 'end')) return null;
    return `${kept[j]}.${field}`;
  };
  if (!result.ok) {
    for (const e of result.errors) {
      if (e.path === 'actions' || e.path === undefined) {
        issues.plan ??= renumber(e.message);
        continue;
      }
      const p = toRowPath(e.path);
      if (p && !(p in issues.rows)) issues.rows[p] = renumber(e.message);
    }
  } else {
    for (const f of result.flags) {
      const p = toRowPath(f.path);
      if (p) issues.flags[p] = { ...f, path: p, message: renumber(f.message) };
    }
  }
  return issues;
}

/** The rows as the API takes them (`papRowSchema` input). */
export function papRowsForApi(rows: readonly PapRowValues[]): PapRowInput[] {
  return rows.map((r) => ({
    theme: r.theme as ThemeCode,
    actionCode: normalizeActionCode(r.actionCode),
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
  }));
}

export type { PapRow };
