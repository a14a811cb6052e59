/**
 * The fiche de liaison wizard's values, their conversion to the API's input, and what is missing before sending
 * (`validateFicheForSending` run on the form and the attached files, as main does).
 */
import type { FieldErrors, Resolver } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import type { z } from 'zod';
import {
  ficheFormSchema,
  type AttachmentMeta,
  type FicheForm,
  type FicheFormInput,
  type FicheView,
  type fichePrefillSchema,
} from '../../../../shared/api/fiches';
import {
  ACTIONS_CG_BY_CODE,
  FICHE_TYPES,
  validateFicheForSending,
  type FicheDeLiaison,
  type FicheType,
} from '../../../../shared/domain/rules/fiche-liaison';
import type { Orientation } from '../../../../shared/domain/rules/orientation';
import type { ThemeCode } from '../../../../shared/domain/referentials/types';
import { papRowValuesOf, papRowsForApi, type PapRowValues } from '../../kit/pap/papModel';

export type FichePrefill = z.output<typeof fichePrefillSchema>;

export interface FicheFormValues {
  type: FicheType | '';
  date: string;
  contractId: number | null;
  texte: string;
  lieu: string;
  remarquesBeneficiaire: string;
  parCourriel: boolean;
  /** Réorientation / suspension: a code; avenant: the reasons (free text). */
  motif: string;
  motifPrecision: string;
  cible: Orientation | '';
  /** Annexe 7's boxes ticked (codes), and the « précisez » text by code. */
  actionsCg: string[];
  actionsCgPrecision: Record<string, string>;
  structureSouhaitee: string;
  pap: { actions: PapRowValues[] };
  signatures: { referent: string; beneficiaire: string };
}

export const isFicheType = (v: unknown): v is FicheType => typeof v === 'string' && (FICHE_TYPES as readonly string[]).includes(v);

export function emptyFicheValues(today: string, type: FicheType | '' = ''): FicheFormValues {
  return {
    type,
    date: today,
    contractId: null,
    texte: '',
    lieu: '',
    remarquesBeneficiaire: '',
    parCourriel: false,
    motif: '',
    motifPrecision: '',
    cible: '',
    actionsCg: [],
    actionsCgPrecision: {},
    structureSouhaitee: '',
    pap: { actions: [] },
    signatures: { referent: '', beneficiaire: '' },
  };
}

/** A new fiche: for an avenant, the amended contract and its current PAP to modify. */
export function valuesFromPrefill(prefill: FichePrefill, today: string, type: FicheType | '', contractId?: number): FicheFormValues {
  const values = emptyFicheValues(today, type);
  const amended = prefill.avenantContract;
  if (type === 'avenant' && amended && (contractId === undefined || contractId === amended.id)) {
    values.contractId = amended.id;
    values.pap = { actions: amended.pap.actions.map((r) => papRowValuesOf({ ...r, bilan: r.bilan ?? undefined })) };
  }
  return values;
}

export function valuesFromView(view: FicheView): FicheFormValues {
  const f = view.fiche;
  const precision: Record<string, string> = {};
  for (const a of f.actionsCg) precision[a.code] = a.precision ?? '';
  return {
    type: f.type,
    date: f.date,
    contractId: f.contractId,
    texte: f.texte ?? '',
    lieu: f.lieu ?? '',
    remarquesBeneficiaire: f.remarquesBeneficiaire ?? '',
    parCourriel: f.parCourriel,
    motif: f.motif ?? '',
    motifPrecision: f.motifPrecision ?? '',
    cible: f.cible ?? '',
    actionsCg: f.actionsCg.map((a) => a.code),
    actionsCgPrecision: precision,
    structureSouhaitee: f.structureSouhaitee ?? '',
    pap: { actions: (f.pap?.actions ?? []).map((r) => papRowValuesOf({ ...r, theme: r.theme as ThemeCode, bilan: r.bilan ?? undefined })) },
    signatures: { referent: f.signatures.referent ?? '', beneficiaire: f.signatures.beneficiaire ?? '' },
  };
}

/** The form as `ficheFormSchema` input: only the fields of the chosen request. */
export function toFicheInput(v: FicheFormValues, amended?: { start: string; end: string } | null): FicheFormInput {
  const common = {
    date: v.date,
    contractId: v.contractId,
    texte: v.texte,
    lieu: v.lieu,
    remarquesBeneficiaire: v.remarquesBeneficiaire,
  };
  const actionsCg = v.actionsCg.map((code) => ({ code, precision: v.actionsCgPrecision[code] ?? '' }));
  const signatures = { referent: v.signatures.referent, beneficiaire: v.signatures.beneficiaire };
  switch (v.type) {
    case 'appui':
      return { ...common, type: 'appui', parCourriel: v.parCourriel };
    case 'reorientation':
      return { ...common, type: 'reorientation', motif: v.motif as never, motifPrecision: v.motifPrecision, cible: v.cible as never };
    case 'suspension':
      return { ...common, type: 'suspension', motif: v.motif as never, motifPrecision: v.motifPrecision, signatures };
    case 'actions_cg':
      return { ...common, type: 'actions_cg', actionsCg, structureSouhaitee: v.structureSouhaitee, signatures };
    case 'avenant':
      return {
        ...common,
        type: 'avenant',
        motif: v.motif,
        pap: { actions: papRowsForApi(v.pap.actions) },
        contrat: amended ?? null,
        actionsCg,
        structureSouhaitee: v.structureSouhaitee,
        signatures,
      };
    default:
      return { ...common, type: '' } as never;
  }
}

/** Form paths of an API / schema path: `actionsCg.1.precision` → `actionsCgPrecision.<code>`. */
export function fichePathOf(path: string, v: FicheFormValues): string {
  const m = /^actionsCg\.(\d+)\.(precision|code)$/.exec(path);
  if (m) {
    const code = v.actionsCg[Number(m[1])];
    return code ? `actionsCgPrecision.${code}` : 'actionsCg';
  }
  if (path === 'contrat' || path.startsWith('contrat.')) return 'contractId';
  return path;
}

/** zodResolver over the shared fiche schema on the converted values; errors go back to the form's paths. */
export function ficheResolver(amended: () => { start: string; end: string } | null): Resolver<FicheFormValues, unknown, FicheForm> {
  const base = zodResolver(ficheFormSchema);
  return async (values, context, options) => {
    const result = await base(toFicheInput(values, amended()) as never, context, options as never);
    const errors = result.errors as FieldErrors & Record<string, unknown>;
    const cg = errors.actionsCg;
    if (Array.isArray(cg)) {
      delete errors.actionsCg;
      const precision: Record<string, unknown> = {};
      cg.forEach((e, i) => {
        const code = values.actionsCg[i];
        if (e && code) precision[code] = (e as { precision?: unknown; code?: unknown }).precision ?? (e as { code?: unknown }).code;
      });
      (errors as Record<string, unknown>).actionsCgPrecision = precision;
    }
    return result as never;
  };
}

export interface MissingItem {
  path?: string | undefined;
  message: string;
}

/**
 * What the fiche lacks before it can be sent (French), from the handbook's rule on the form and the attached
 * files: convocation letters for a suspension, the CV for a CUI positioning, the latest EDE for a réorientation.
 */
export function missingBeforeSending(
  v: FicheFormValues,
  ctx: { attachments: readonly AttachmentMeta[]; edeId: number | null; contract: { start: string; end: string } | null; amended: { start: string; end: string } | null },
): MissingItem[] {
  if (v.type === '') return [{ path: 'type', message: 'Choisissez l’objet de la demande' }];
  const record: FicheDeLiaison = {
    type: v.type,
    status: 'brouillon',
    date: v.date,
    contrat: v.type === 'avenant' ? ctx.amended : ctx.contract,
    texte: v.texte,
    parCourriel: v.parCourriel,
    motif: v.motif === '' ? null : v.motif,
    motifPrecision: v.motifPrecision,
    cible: v.cible === '' ? null : v.cible,
    edeId: ctx.edeId,
    convocations: ctx.attachments.filter((a) => a.kind === 'convocation').map((a) => ({ date: a.documentDate ?? v.date, objet: a.label ?? a.fileName })),
    actionsCg: v.actionsCg.map((code) => ({ code, precision: v.actionsCgPrecision[code] ?? null })),
    structureSouhaitee: v.structureSouhaitee,
    cvJoint: ctx.attachments.some((a) => a.kind === 'cv'),
    // The services are checked against each action's list by the API schema.
    pap: papRowsForApi(v.pap.actions).map((r) => ({ ...r, services: null })),
    signatures: { referent: v.signatures.referent || null, beneficiaire: v.signatures.beneficiaire || null },
  };
  const check = validateFicheForSending(record);
  if (check.ok) return [];
  const seen = new Set<string>();
  return check.errors
    .filter((e) => {
      if (seen.has(e.message)) return false;
      seen.add(e.message);
      return true;
    })
    .map((e) => ({ path: e.path === undefined ? undefined : fichePathOf(e.path, v), message: e.message }));
}

export const ficheDraftKey = (personId: number, ficheId?: number) =>
  ficheId === undefined ? `fiches:${personId}:nouvelle` : `fiches:${personId}:${ficheId}`;

export function mergeFicheDraft(base: FicheFormValues, data: unknown): FicheFormValues {
  if (!data || typeof data !== 'object') return base;
  const d = data as Partial<FicheFormValues>;
  return {
    ...base,
    ...d,
    type: isFicheType(d.type) ? d.type : base.type,
    actionsCg: Array.isArray(d.actionsCg) ? d.actionsCg.filter((c) => ACTIONS_CG_BY_CODE.has(c)) : base.actionsCg,
    actionsCgPrecision: d.actionsCgPrecision && typeof d.actionsCgPrecision === 'object' ? d.actionsCgPrecision : base.actionsCgPrecision,
    pap: { actions: Array.isArray(d.pap?.actions) ? d.pap.actions : base.pap.actions },
    signatures: { ...base.signatures, ...(d.signatures ?? {}) },
  };
}

/** Labels of the fiche's fields, for the differences shown on a conflict (paths without the array indexes). */
export const FICHE_FIELD_LABELS: Readonly<Record<string, string>> = {
  type: 'Objet de la demande',
  date: 'Date de la demande',
  contractId: 'Contrat concerné',
  texte: 'Texte de la demande',
  lieu: 'Fait à',
  remarquesBeneficiaire: 'Remarques du bénéficiaire',
  parCourriel: 'Demande envoyée par e-mail',
  motif: 'Motif',
  motifPrecision: 'Précisions sur le motif',
  cible: 'Orientation demandée',
  actionsCg: 'Actions demandées',
  actionsCgPrecision: 'Précisions des actions demandées',
  structureSouhaitee: 'Structure souhaitée',
  'pap.actions': 'PAP',
  'signatures.referent': 'Signature du référent (date)',
  'signatures.beneficiaire': 'Signature du bénéficiaire (date)',
};
