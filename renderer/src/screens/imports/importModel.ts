import { z } from 'zod';
import {
  IMPORT_MAX_BYTES,
  importFieldsOf,
  importKindSchema,
  type ImportCounts,
  type ImportKind,
  type ImportMapping,
  type ImportRow,
} from '../../../../shared/api/imports';
import { plural, pluralForm } from '../../../../shared/domain/format';
import type { FileLimits } from '../../kit/FilePicker';

/** The wizard's choices, kept as a draft (the file itself is not: it is chosen again after a reload). */
export interface ImportFormValues {
  kind: ImportKind | '';
  source: string;
  /** Field key → the file's column header ('' : not in the file). */
  mapping: Record<string, string>;
}

export const IMPORT_DRAFT_KEY = 'imports:assistant';
export const emptyImportValues = (): ImportFormValues => ({ kind: '', source: '', mapping: {} });

export const IMPORT_FILE_LIMITS: FileLimits = {
  accept: ['.csv', '.txt', '.xlsx', 'text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
  maxBytes: IMPORT_MAX_BYTES,
  typesLabel: 'CSV ou Excel (XLSX)',
};

/** The form's schema: the kind and source (step 1), and every required field of the kind mapped to a column (step 3). */
export const importFormSchema = z
  .object({
    kind: importKindSchema,
    source: z.string().trim().min(1, 'Indiquez la source du fichier (par exemple « CAF du Pas-de-Calais »)').max(120, '120 caractères au plus'),
    mapping: z.record(z.string(), z.string()),
  })
  .superRefine((values, ctx) => {
    for (const field of importFieldsOf(values.kind)) {
      if (field.required && !values.mapping[field.key]) {
        ctx.addIssue({ code: 'custom', path: ['mapping', field.key], message: `Choisissez la colonne de « ${field.label} » (obligatoire)` });
      }
    }
  });

/** A restored draft over the empty values (a draft of an older shape keeps what still fits). */
export function mergeImportDraft(data: unknown): ImportFormValues {
  const base = emptyImportValues();
  if (!data || typeof data !== 'object') return base;
  const d = data as Partial<ImportFormValues>;
  const kind = importKindSchema.safeParse(d.kind);
  const mapping = d.mapping && typeof d.mapping === 'object' ? d.mapping : {};
  return {
    kind: kind.success ? kind.data : '',
    source: typeof d.source === 'string' ? d.source : '',
    mapping: Object.fromEntries(Object.entries(mapping).filter((e): e is [string, string] => typeof e[1] === 'string')),
  };
}

/**
 * The mapping shown once the file's headers are known: the user's earlier choice (a draft, another file of the same
 * source) when that column exists in this file, else what main proposes (the saved mapping, or the nearest header).
 */
export function mergeMapping(kind: ImportKind, headers: readonly string[], chosen: Record<string, string>, proposed: ImportMapping): Record<string, string> {
  const known = new Set(headers);
  return Object.fromEntries(
    importFieldsOf(kind).map((f) => {
      const mine = chosen[f.key];
      const theirs = proposed[f.key];
      return [f.key, mine && known.has(mine) ? mine : theirs && known.has(theirs) ? theirs : ''];
    }),
  );
}

/** The form's mapping as the API takes it (a field without column: null). */
export const toApiMapping = (kind: ImportKind, mapping: Record<string, string>): ImportMapping =>
  Object.fromEntries(importFieldsOf(kind).map((f) => [f.key, mapping[f.key] || null]));

/** Two mappings choose the same columns. */
export const sameMapping = (kind: ImportKind, a: ImportMapping, b: ImportMapping): boolean =>
  importFieldsOf(kind).every((f) => (a[f.key] ?? null) === (b[f.key] ?? null));

/** « 120 lignes : 80 nouveaux dossiers, 5 mises à jour, 2 doublons possibles, 3 lignes rejetées, 30 inchangées ». */
export function countsSentence(counts: ImportCounts): string {
  const parts = [
    plural(counts.nouveau, 'nouveau dossier', 'nouveaux dossiers'),
    plural(counts.mise_a_jour, 'mise à jour', 'mises à jour'),
    plural(counts.doublon_possible, 'doublon possible', 'doublons possibles'),
    plural(counts.rejete, 'ligne rejetée', 'lignes rejetées'),
    plural(counts.inchange, 'ligne inchangée', 'lignes inchangées'),
  ];
  return `${plural(counts.lines, 'ligne', 'lignes')} : ${parts.join(', ')}.`;
}

/** What applying the batch did, said once it is done. */
export function resultSentence(counts: ImportCounts): string {
  const created = `${counts.nouveau} ${pluralForm(counts.nouveau, 'dossier créé', 'dossiers créés')}`;
  const updated = `${counts.mise_a_jour} mis à jour`;
  const duplicates = `${plural(counts.doublon_possible, 'doublon possible', 'doublons possibles')} à vérifier`;
  return `Import terminé : ${created}, ${updated}, ${duplicates}, ${plural(counts.rejete, 'ligne rejetée', 'lignes rejetées')}.`;
}

/** The person a line names, and its identifier, whatever the kind. */
export function rowIdentity(row: ImportRow): { name: string; identifier: string } {
  const v = row.values;
  const name = [v.nom, v.prenoms ?? v.prenom].filter(Boolean).join(' ');
  return { name: name || '—', identifier: v.numeroAllocataire ?? v.identifiant ?? '—' };
}

/** UTF-8 text → base64 (a pasted list of communes sent as a file). */
export function textToBase64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}
