/**
 * The DSP wizard's form model. The form holds strings ('' = not answered) and string arrays (multi-select);
 * `contentInputFromForm` turns them into the shared schema's input (`dspContentSchema`), leaving out the
 * fields that do not apply (their condition does not hold), so a hidden field never blocks the save.
 */
import type { Resolver } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import {
  DSP_FIELDS,
  DSP_SECTIONS,
  dspContentSchema,
  type DspContent,
  type DspContentInput,
  type DspFieldDef,
  type DspFieldValue,
  type DspSection,
} from '../../../../../shared/api/dsp';

export type DspFormValue = string | string[];
export type DspFormValues = Record<DspSection, Record<string, DspFormValue>>;

/** The stored content's shape (`dsp.latest.prefill`, `dsp.get().content`). */
export type DspStoredContent = Record<DspSection, Record<string, DspFieldValue>>;

export const dspDraftKey = (personId: number) => `dsp:${personId}`;

const emptyValue = (field: DspFieldDef): DspFormValue => (field.kind === 'codes' ? [] : '');

export function emptyDspFormValues(): DspFormValues {
  const values = Object.fromEntries(DSP_SECTIONS.map((s) => [s, {}])) as DspFormValues;
  for (const field of DSP_FIELDS) values[field.section][field.key] = emptyValue(field);
  return values;
}

function formValueOf(field: DspFieldDef, value: DspFieldValue | undefined): DspFormValue {
  if (field.kind === 'codes') return Array.isArray(value) ? [...value] : [];
  if (value === null || value === undefined || Array.isArray(value)) return '';
  return String(value);
}

/** A stored DSP (the previous revision, or the dossier's prefill) as form values. */
export function formValuesFromContent(content: DspStoredContent): DspFormValues {
  const values = emptyDspFormValues();
  for (const field of DSP_FIELDS) values[field.section][field.key] = formValueOf(field, content[field.section]?.[field.key]);
  return values;
}

/** A draft read back from main: only the known fields, with the expected types; the rest from `base`. */
export function mergeDspDraft(base: DspFormValues, data: unknown): DspFormValues {
  const values = structuredClone(base);
  if (!data || typeof data !== 'object') return values;
  const draft = data as Record<string, unknown>;
  for (const field of DSP_FIELDS) {
    const section = draft[field.section];
    if (!section || typeof section !== 'object') continue;
    const v = (section as Record<string, unknown>)[field.key];
    if (field.kind === 'codes') {
      if (Array.isArray(v) && v.every((c) => typeof c === 'string')) values[field.section][field.key] = [...(v as string[])];
    } else if (typeof v === 'string') {
      values[field.section][field.key] = v;
    }
  }
  return values;
}

const codesOf = (v: DspFormValue | undefined): string[] => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]);

/** Whether a field applies given the answers (a field without condition always applies). */
export function fieldApplies(values: DspFormValues, field: DspFieldDef): boolean {
  if (!field.when) return true;
  const [section, key] = field.when.path.split('.') as [DspSection, string];
  const when = field.when;
  return codesOf(values[section]?.[key]).some((c) => when.codes.includes(c));
}

function yearInput(v: string): number | string {
  const t = v.trim();
  if (t === '') return '';
  return /^\d+$/.test(t) ? Number(t) : t;
}

/** Form values → the input of `dspContentSchema` (fields that do not apply left empty). */
export function contentInputFromForm(values: DspFormValues): DspContentInput {
  const content: Record<string, Record<string, unknown>> = Object.fromEntries(DSP_SECTIONS.map((s) => [s, {}]));
  for (const field of DSP_FIELDS) {
    const raw = values[field.section]?.[field.key] ?? emptyValue(field);
    const target = content[field.section]!;
    if (!fieldApplies(values, field)) {
      target[field.key] = null;
    } else if (field.kind === 'codes') {
      target[field.key] = codesOf(raw);
    } else if (field.kind === 'year') {
      target[field.key] = yearInput(Array.isArray(raw) ? '' : raw);
    } else {
      target[field.key] = Array.isArray(raw) ? (raw[0] ?? '') : raw;
    }
  }
  return content as DspContentInput;
}

const zod = zodResolver(dspContentSchema);

/** Validates the form with the shared DSP schema (referential checks included); errors at `section.key`. */
export const dspResolver: Resolver<DspFormValues, unknown, DspContent> = (values, context, options) =>
  zod(contentInputFromForm(values) as never, context, options as never) as ReturnType<Resolver<DspFormValues, unknown, DspContent>>;

/** Parses the form with the shared schema: the content, or null while something is invalid. */
export function parsedContent(values: DspFormValues): DspContent | null {
  const parsed = dspContentSchema.safeParse(contentInputFromForm(values));
  return parsed.success ? parsed.data : null;
}

/** Field paths of a section, in form order (the paths the step validates). */
export const sectionPaths = (section: DspSection): string[] => DSP_FIELDS.filter((f) => f.section === section).map((f) => f.path);

/** An API field path (`content.logement.natlog`) → the form's (`logement.natlog`); null if not a DSP field. */
export function dspFormPath(apiPath: string): string | null {
  const path = apiPath.startsWith('content.') ? apiPath.slice('content.'.length) : apiPath;
  return DSP_FIELDS.some((f) => f.path === path) ? path : null;
}
