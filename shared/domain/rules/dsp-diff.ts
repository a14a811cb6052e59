/**
 * DSP revisions (« LES DONNEES SOCIOPROFESSIONNELLES », Annexe 2): a DSP is completed at the first interview and
 * updated along the parcours; every save is a revision. `diffDsp` lists exactly the fields that changed between
 * two revisions, in the order of the form, with their French label and the answers before and after, both raw
 * (codes) and as shown to users (labels). Multi-select answers compare as sets (order does not matter).
 *
 * Shared by main (`dsp.compare`, `dsp.history`) and the renderer (live « what changed » before saving).
 */
import {
  DSP_FIELDS,
  DSP_SECTION_LABELS,
  dspFieldCodeList,
  dspValueAt,
  EMPTY_DSP,
  type DspContent,
  type DspFieldDef,
  type DspFieldValue,
  type DspSection,
} from '../../api/dsp';
import { DSP_YES_NO } from '../referentials/dsp';

export interface DspChange {
  /** `section.key`, as the form names the field. */
  path: string;
  section: DspSection;
  sectionLabel: string;
  label: string;
  before: DspFieldValue;
  after: DspFieldValue;
  /** The answers as shown to users (labels, « Non renseigné »). */
  beforeText: string;
  afterText: string;
}

export const DSP_NOT_ANSWERED = 'Non renseigné';

const sortedCodes = (v: DspFieldValue): string[] => (Array.isArray(v) ? [...v].sort() : []);

function sameValue(field: DspFieldDef, a: DspFieldValue, b: DspFieldValue): boolean {
  if (field.kind === 'codes') {
    const x = sortedCodes(a);
    const y = sortedCodes(b);
    return x.length === y.length && x.every((c, i) => c === y[i]);
  }
  return a === b;
}

/** The answer of a field as users read it: labels of codes, « Oui », the text, or « Non renseigné ». */
export function dspValueText(field: DspFieldDef, value: DspFieldValue): string {
  if (value === null || (Array.isArray(value) && value.length === 0)) return DSP_NOT_ANSWERED;
  if (field.kind === 'yesno') {
    return DSP_YES_NO.find((c) => c.code === value)?.label ?? String(value);
  }
  if (field.list) {
    const list = dspFieldCodeList(field.list);
    const label = (code: string) => list.codes.find((c) => c.code === code)?.label ?? `code inconnu « ${code} »`;
    return Array.isArray(value) ? value.map(label).join(', ') : label(String(value));
  }
  return Array.isArray(value) ? value.join(', ') : String(value);
}

/**
 * The fields that differ between `before` and `after`, in form order. `before` null (first revision): compared
 * with an empty DSP, so the answered fields are listed.
 */
export function diffDsp(before: DspContent | null, after: DspContent): DspChange[] {
  const from = before ?? EMPTY_DSP;
  const changes: DspChange[] = [];
  for (const field of DSP_FIELDS) {
    const a = dspValueAt(from, field.path);
    const b = dspValueAt(after, field.path);
    if (sameValue(field, a, b)) continue;
    changes.push({
      path: field.path,
      section: field.section,
      sectionLabel: DSP_SECTION_LABELS[field.section],
      label: field.label,
      before: a,
      after: b,
      beforeText: dspValueText(field, a),
      afterText: dspValueText(field, b),
    });
  }
  return changes;
}

/** Number of answered fields of a DSP (to show how complete it is). */
export function dspAnsweredCount(content: DspContent): number {
  return DSP_FIELDS.filter((f) => {
    const v = dspValueAt(content, f.path);
    return !(v === null || (Array.isArray(v) && v.length === 0));
  }).length;
}
