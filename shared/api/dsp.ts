/**
 * DSP – Données socio-professionnelles (Annexe 2; national CNAF structure, domain-notes §2): the zod schema
 * of one DSP, shared by the API (main re-validates every save) and the renderer's form (zodResolver).
 *
 * Field names are those of the national structure (as in the CNAF flows and WebRSA), grouped in the seven
 * sections of domain-notes §2. Code answers are the referential's codes (`DSP_REFERENTIAL`); yes/no questions
 * (`top*`) take `oui`, `non`, `ne_sait_pas` or `ne_veut_pas_repondre` (`DSP_YES_NO`).
 *
 * Output shape (what is stored): EVERY field is present, `null` when not answered and `[]` for an empty
 * multi-select (codes sorted), so two DSPs compare field by field (`shared/domain/rules/dsp-diff.ts`).
 * Input shape (what a form sends): any field may be left out, '' counts as not answered.
 *
 * `DSP_FIELDS` describes every field (section, label, kind, code list, and when it applies). The schema's
 * cross-field checks are driven by it:
 * - a code must exist in its list; a single-answer list takes one code; « aucun(e) » excludes the others
 *   (`dspAnswerProblems`);
 * - a field with `when` is answered only when its condition holds (e.g. « Autres (précisez) » only when
 *   « Autres » is ticked; the last job only for someone who has worked); `required: true` makes it compulsory
 *   then (the « Autres » texts, the other job-search organism, the other driving licences).
 */
import { z } from 'zod';
import {
  DSP_REFERENTIAL,
  DSP_YES_NO,
  dspAnswerProblems,
  dspList,
  type DspCodeList,
  type DspListName,
} from '../domain/referentials/dsp';
import type { CodeLabel } from '../domain/referentials/types';
// French messages for zod (the locale is configured there).
import './common';

export const DSP_SECTIONS = [
  'generalites',
  'situationSociale',
  'disponibilite',
  'niveauEtude',
  'situationProfessionnelle',
  'mobilite',
  'logement',
] as const;
export type DspSection = (typeof DSP_SECTIONS)[number];
export const DSP_SECTION_LABELS: Record<DspSection, string> = {
  generalites: 'Généralités',
  situationSociale: 'Situation sociale',
  disponibilite: 'Disponibilité',
  niveauEtude: 'Niveau d’étude',
  situationProfessionnelle: 'Situation professionnelle',
  mobilite: 'Mobilité',
  logement: 'Logement',
};

export const DSP_YES_NO_CODES = ['oui', 'non', 'ne_sait_pas', 'ne_veut_pas_repondre'] as const;
export type DspYesNo = (typeof DSP_YES_NO_CODES)[number];

/**
 * Social cover (domain-notes §2: « social cover (CMU, CMU-C, mutuelle) »). Not a CNAF code list: our own codes,
 * stored like the others.
 */
export const DSP_COUVERTURE_SOCIALE: DspCodeList = {
  name: 'couvsoc',
  label: 'Couverture sociale',
  multiple: true,
  codes: [
    { code: 'cmu', label: 'CMU (couverture maladie universelle)' },
    { code: 'cmu_c', label: 'CMU complémentaire' },
    { code: 'mutuelle', label: 'Mutuelle' },
  ],
};

/** Lists a DSP field may take its codes from: the referential's, plus the local `couvsoc`. */
export type DspFieldList = DspListName | 'couvsoc';

export type DspFieldKind = 'code' | 'codes' | 'yesno' | 'text' | 'year';

export interface DspFieldDef {
  section: DspSection;
  /** Field name inside its section (national structure name). */
  key: string;
  /** `section.key`: the path used by the form, the field errors and the comparison. */
  path: string;
  /** The question, as the form and the comparison show it. */
  label: string;
  kind: DspFieldKind;
  /** Code list of a 'code' / 'codes' field. */
  list?: DspFieldList;
  /** Maximum length of a 'text' field. */
  max?: number;
  /** The field applies only when the field at `when.path` holds one of `when.codes`; otherwise it stays empty. */
  when?: { path: string; codes: readonly string[] };
  /** Compulsory whenever it applies (only with `when`). */
  required?: boolean;
}

const allCodes = (name: DspListName): string[] => dspList(name).codes.map((c) => c.code);
const WORKED = ['1901', '1902', '1903'];

type FieldSpec = Omit<DspFieldDef, 'section' | 'path'>;
const section = (s: DspSection, fields: FieldSpec[]): DspFieldDef[] => fields.map((f) => ({ ...f, section: s, path: `${s}.${f.key}` }));

/** Every field of the DSP, in the order of the form. */
export const DSP_FIELDS: readonly DspFieldDef[] = [
  ...section('generalites', [
    { key: 'sitpersdemrsa', label: 'Situation à la demande de RSA', kind: 'code', list: 'sitpersdemrsa' },
    { key: 'topisogroouenf', label: 'Personne isolée enceinte ou avec enfant(s) à charge', kind: 'yesno' },
    { key: 'topdrorsarmiant', label: 'A déjà bénéficié du RMI ou du RSA', kind: 'yesno' },
    {
      key: 'drorsarmianta2',
      label: 'Il y a plus de 2 ans',
      kind: 'yesno',
      when: { path: 'generalites.topdrorsarmiant', codes: ['oui'] },
    },
    { key: 'topcouvsoc', label: 'Dispose d’une couverture sociale', kind: 'yesno' },
    {
      key: 'couvsoc',
      label: 'Couverture sociale',
      kind: 'codes',
      list: 'couvsoc',
      when: { path: 'generalites.topcouvsoc', codes: ['oui'] },
    },
  ]),
  ...section('situationSociale', [
    { key: 'nataccosocfam', label: 'Accompagnement social familial en cours', kind: 'codes', list: 'nataccosocfam' },
    {
      key: 'libautraccosocfam',
      label: 'Autre accompagnement social familial (précisez)',
      kind: 'text',
      max: 250,
      when: { path: 'situationSociale.nataccosocfam', codes: ['0413'] },
      required: true,
    },
    {
      key: 'libcooraccosocfam',
      label: 'Organisme qui coordonne l’accompagnement social familial',
      kind: 'text',
      max: 250,
      when: { path: 'situationSociale.nataccosocfam', codes: allCodes('nataccosocfam') },
    },
    { key: 'nataccosocindi', label: 'Accompagnement social individuel en cours', kind: 'codes', list: 'nataccosocindi' },
    {
      key: 'libautraccosocindi',
      label: 'Autre accompagnement social individuel (précisez)',
      kind: 'text',
      max: 250,
      when: { path: 'situationSociale.nataccosocindi', codes: ['0420'] },
      required: true,
    },
    {
      key: 'libcooraccosocindi',
      label: 'Organisme qui coordonne l’accompagnement social individuel',
      kind: 'text',
      max: 250,
      when: { path: 'situationSociale.nataccosocindi', codes: allCodes('nataccosocindi') },
    },
    { key: 'soutdemarsoc', label: 'Aide de la famille ou de l’entourage dans les démarches', kind: 'yesno' },
    { key: 'difsoc', label: 'Difficultés sociales', kind: 'codes', list: 'difsoc' },
    {
      key: 'libautrdifsoc',
      label: 'Autres difficultés sociales (précisez)',
      kind: 'text',
      max: 250,
      when: { path: 'situationSociale.difsoc', codes: ['0407'] },
      required: true,
    },
  ]),
  ...section('disponibilite', [
    { key: 'difdisp', label: 'Obstacles à une recherche d’emploi', kind: 'codes', list: 'difdisp' },
    { key: 'topengdemarechemploi', label: 'Prêt(e) à engager rapidement une recherche d’emploi', kind: 'yesno' },
  ]),
  ...section('niveauEtude', [
    { key: 'nivetu', label: 'Niveau d’étude', kind: 'code', list: 'nivetu' },
    { key: 'nivdipmaxobt', label: 'Diplôme le plus élevé obtenu', kind: 'code', list: 'nivdipmaxobt' },
    {
      key: 'annobtnivdipmax',
      label: 'Année d’obtention du diplôme le plus élevé',
      kind: 'year',
      when: { path: 'niveauEtude.nivdipmaxobt', codes: ['2601', '2602', '2603', '2604', '2605'] },
    },
    { key: 'topqualipro', label: 'Dispose d’une qualification professionnelle', kind: 'yesno' },
    {
      key: 'libautrqualipro',
      label: 'Qualification professionnelle (précisez)',
      kind: 'text',
      max: 250,
      when: { path: 'niveauEtude.topqualipro', codes: ['oui'] },
    },
    { key: 'topcompeextrapro', label: 'Dispose de compétences extra-professionnelles', kind: 'yesno' },
    {
      key: 'libcompeextrapro',
      label: 'Compétences extra-professionnelles (précisez)',
      kind: 'text',
      max: 250,
      when: { path: 'niveauEtude.topcompeextrapro', codes: ['oui'] },
    },
  ]),
  ...section('situationProfessionnelle', [
    { key: 'hispro', label: 'Parcours professionnel', kind: 'code', list: 'hispro' },
    {
      key: 'libderact',
      label: 'Dernier emploi occupé',
      kind: 'text',
      max: 250,
      when: { path: 'situationProfessionnelle.hispro', codes: WORKED },
    },
    {
      key: 'libsecactderact',
      label: 'Secteur d’activité du dernier emploi',
      kind: 'text',
      max: 250,
      when: { path: 'situationProfessionnelle.hispro', codes: WORKED },
    },
    {
      key: 'cessderact',
      label: 'Arrêt de la dernière activité',
      kind: 'code',
      list: 'cessderact',
      when: { path: 'situationProfessionnelle.hispro', codes: WORKED },
    },
    {
      key: 'libactdomi',
      label: 'Emploi principal exercé',
      kind: 'text',
      max: 250,
      when: { path: 'situationProfessionnelle.hispro', codes: WORKED },
    },
    {
      key: 'libsecactdomi',
      label: 'Secteur d’activité de l’emploi principal',
      kind: 'text',
      max: 250,
      when: { path: 'situationProfessionnelle.hispro', codes: WORKED },
    },
    {
      key: 'duractdomi',
      label: 'Durée de l’emploi principal exercé',
      kind: 'code',
      list: 'duractdomi',
      when: { path: 'situationProfessionnelle.hispro', codes: WORKED },
    },
    { key: 'inscdememploi', label: 'Inscription comme demandeur d’emploi', kind: 'code', list: 'inscdememploi' },
    { key: 'accoemploi', label: 'Accompagnement dans la recherche d’emploi', kind: 'code', list: 'accoemploi' },
    {
      key: 'libcooraccoemploi',
      label: 'Autre organisme d’accompagnement (précisez)',
      kind: 'text',
      max: 250,
      when: { path: 'situationProfessionnelle.accoemploi', codes: ['1803'] },
      required: true,
    },
    { key: 'topprojpro', label: 'A un projet professionnel', kind: 'yesno' },
    {
      key: 'libemploirech',
      label: 'Emploi recherché',
      kind: 'text',
      max: 250,
      when: { path: 'situationProfessionnelle.topprojpro', codes: ['oui'] },
    },
    {
      key: 'libsecactrech',
      label: 'Secteur d’activité recherché',
      kind: 'text',
      max: 250,
      when: { path: 'situationProfessionnelle.topprojpro', codes: ['oui'] },
    },
    { key: 'topcreareprientre', label: 'Projet de création ou de reprise d’entreprise', kind: 'yesno' },
    { key: 'concoformqualiemploi', label: 'Souhaite suivre une formation', kind: 'yesno' },
  ]),
  ...section('mobilite', [
    { key: 'topmoyloco', label: 'Dispose d’un moyen de transport', kind: 'yesno' },
    { key: 'toppermicondub', label: 'Permis de conduire B', kind: 'yesno' },
    { key: 'topautrpermicondu', label: 'Autre(s) permis de conduire', kind: 'yesno' },
    {
      key: 'libautrpermicondu',
      label: 'Autre(s) permis de conduire (précisez)',
      kind: 'text',
      max: 250,
      when: { path: 'mobilite.topautrpermicondu', codes: ['oui'] },
      required: true,
    },
    { key: 'natmob', label: 'Rayon de mobilité', kind: 'code', list: 'natmob' },
  ]),
  ...section('logement', [
    { key: 'natlog', label: 'Nature du logement', kind: 'code', list: 'natlog' },
    { key: 'demarlog', label: 'Démarches de logement en cours', kind: 'code', list: 'demarlog' },
    { key: 'diflog', label: 'Difficultés liées au logement', kind: 'codes', list: 'diflog' },
    {
      key: 'libautrdiflog',
      label: 'Autres difficultés de logement (précisez)',
      kind: 'text',
      max: 250,
      when: { path: 'logement.diflog', codes: ['1009'] },
      required: true,
    },
  ]),
];

export const DSP_FIELDS_BY_PATH: Readonly<Record<string, DspFieldDef>> = Object.fromEntries(DSP_FIELDS.map((f) => [f.path, f]));

/** Label of a DSP field path ('logement.natlog' → 'Nature du logement'). */
export const dspFieldLabel = (path: string): string | undefined => DSP_FIELDS_BY_PATH[path]?.label;

/** The code list behind a field's list name. */
export function dspFieldCodeList(list: DspFieldList): DspCodeList {
  return list === 'couvsoc' ? DSP_COUVERTURE_SOCIALE : dspList(list);
}

/** The answers a field offers (codes of its list, or the yes/no answers); [] for text and year fields. */
export function dspFieldOptions(field: DspFieldDef): readonly CodeLabel[] {
  if (field.kind === 'yesno') return DSP_YES_NO;
  if (field.list) return dspFieldCodeList(field.list).codes;
  return [];
}

// --- Field schemas -------------------------------------------------------------------------------------

const YES_NO_ERROR = 'Réponse invalide : oui, non, ne sait pas ou ne veut pas répondre';
const yesNo = z
  .union([z.enum(DSP_YES_NO_CODES), z.literal('')], { error: YES_NO_ERROR })
  .nullish()
  .transform((v): DspYesNo | null => (v ? v : null));
const code = z
  .string({ error: 'Choisissez une réponse de la liste' })
  .trim()
  .max(20, 'Code invalide')
  .nullish()
  .transform((v) => (v ? v : null));
const codes = z
  .array(z.string({ error: 'Choisissez des réponses de la liste' }).trim().max(20, 'Code invalide'), {
    error: 'Choisissez des réponses de la liste',
  })
  .max(30, 'Trop de réponses cochées')
  .nullish()
  .transform((v) => (v ? [...v].sort() : []));
const text = (max = 250) =>
  z
    .string({ error: 'Texte attendu' })
    .trim()
    .max(max, `${max} caractères au plus`)
    .nullish()
    .transform((v) => (v ? v : null));
const year = z
  .union([
    z
      .number({ error: 'Année invalide' })
      .int('L’année est un nombre entier')
      .min(1930, 'Année invalide (1930 au plus tôt)')
      .max(2100, 'Année invalide'),
    z.literal(''),
  ], { error: 'Année invalide : une année de 4 chiffres est attendue' })
  .nullish()
  .transform((v) => (typeof v === 'number' ? v : null));

const generalitesSchema = z.object({
  sitpersdemrsa: code,
  topisogroouenf: yesNo,
  topdrorsarmiant: yesNo,
  drorsarmianta2: yesNo,
  topcouvsoc: yesNo,
  couvsoc: codes,
});
const situationSocialeSchema = z.object({
  nataccosocfam: codes,
  libautraccosocfam: text(),
  libcooraccosocfam: text(),
  nataccosocindi: codes,
  libautraccosocindi: text(),
  libcooraccosocindi: text(),
  soutdemarsoc: yesNo,
  difsoc: codes,
  libautrdifsoc: text(),
});
const disponibiliteSchema = z.object({
  difdisp: codes,
  topengdemarechemploi: yesNo,
});
const niveauEtudeSchema = z.object({
  nivetu: code,
  nivdipmaxobt: code,
  annobtnivdipmax: year,
  topqualipro: yesNo,
  libautrqualipro: text(),
  topcompeextrapro: yesNo,
  libcompeextrapro: text(),
});
const situationProfessionnelleSchema = z.object({
  hispro: code,
  libderact: text(),
  libsecactderact: text(),
  cessderact: code,
  libactdomi: text(),
  libsecactdomi: text(),
  duractdomi: code,
  inscdememploi: code,
  accoemploi: code,
  libcooraccoemploi: text(),
  topprojpro: yesNo,
  libemploirech: text(),
  libsecactrech: text(),
  topcreareprientre: yesNo,
  concoformqualiemploi: yesNo,
});
const mobiliteSchema = z.object({
  topmoyloco: yesNo,
  toppermicondub: yesNo,
  topautrpermicondu: yesNo,
  libautrpermicondu: text(),
  natmob: code,
});
const logementSchema = z.object({
  natlog: code,
  demarlog: code,
  diflog: codes,
  libautrdiflog: text(),
});

/** A value of a DSP field, as stored. */
export type DspFieldValue = string | number | string[] | null;

/** The value at a field path of a (parsed) DSP. */
export function dspValueAt(content: DspContent, path: string): DspFieldValue {
  const [s, key] = path.split('.') as [DspSection, string];
  const sectionValues = content[s] as Record<string, DspFieldValue> | undefined;
  return sectionValues?.[key] ?? null;
}

const isEmpty = (v: DspFieldValue): boolean => v === null || (Array.isArray(v) && v.length === 0);
const asCodes = (v: DspFieldValue): string[] => (v === null ? [] : Array.isArray(v) ? v : [String(v)]);

/** Problems of the codes of a local list (same rules as `dspAnswerProblems` for the referential's lists). */
function localListProblems(list: DspCodeList, values: readonly string[]): string[] {
  const problems: string[] = [];
  for (const c of values) {
    if (!list.codes.some((x) => x.code === c)) problems.push(`${list.label} : code inconnu « ${c} ».`);
  }
  if (new Set(values).size !== values.length) problems.push(`${list.label} : une réponse est cochée deux fois.`);
  if (!list.multiple && values.length > 1) problems.push(`${list.label} : une seule réponse est possible.`);
  return problems;
}

/** The French problems of one field of a DSP (codes unknown to the referential, field answered out of place…). */
export function dspFieldProblems(content: DspContent, field: DspFieldDef): string[] {
  const value = dspValueAt(content, field.path);
  const problems: string[] = [];
  if (field.list && !isEmpty(value)) {
    const values = asCodes(value);
    problems.push(
      ...(field.list === 'couvsoc'
        ? localListProblems(DSP_COUVERTURE_SOCIALE, values)
        : dspAnswerProblems(field.list, values, DSP_REFERENTIAL)),
    );
  }
  if (field.when) {
    const controller = DSP_FIELDS_BY_PATH[field.when.path];
    const applies = asCodes(dspValueAt(content, field.when.path)).some((c) => field.when!.codes.includes(c));
    const condition = controller ? `« ${controller.label} »` : field.when.path;
    if (!applies && !isEmpty(value)) {
      problems.push(`${field.label} : ne se renseigne que selon la réponse à ${condition} ; effacez ce champ ou modifiez cette réponse.`);
    }
    if (applies && field.required && isEmpty(value)) {
      problems.push(`${field.label} : ce champ est obligatoire d’après la réponse à ${condition}.`);
    }
  }
  return problems;
}

const dspShape = {
  generalites: generalitesSchema.prefault({}),
  situationSociale: situationSocialeSchema.prefault({}),
  disponibilite: disponibiliteSchema.prefault({}),
  niveauEtude: niveauEtudeSchema.prefault({}),
  situationProfessionnelle: situationProfessionnelleSchema.prefault({}),
  mobilite: mobiliteSchema.prefault({}),
  logement: logementSchema.prefault({}),
};

/**
 * The shape of a stored DSP, without the referential checks: what the API returns (a revision made with an
 * older referential version still reads back).
 */
export const dspStoredContentSchema = z.object(dspShape);

/** One DSP, all seven sections, validated against the DSP referential (current version): what a save sends. */
export const dspContentSchema = z
  .object(dspShape)
  .superRefine((content, ctx) => {
    for (const field of DSP_FIELDS) {
      for (const message of dspFieldProblems(content, field)) {
        ctx.addIssue({ code: 'custom', path: [field.section, field.key], message });
      }
    }
  });
export type DspContent = z.output<typeof dspContentSchema>;
export type DspContentInput = z.input<typeof dspContentSchema>;

/** A DSP with nothing answered (every field null or []). */
export const EMPTY_DSP: DspContent = dspContentSchema.parse({});
