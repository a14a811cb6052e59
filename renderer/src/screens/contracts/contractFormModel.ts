/**
 * The contract wizard's values (what the fields hold), their conversion to the API's schema input, the steps
 * of the CERS and CERP wizards and which fields each step validates.
 */
import type { FieldErrors, Resolver } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import {
  contractFormSchema,
  type ContractForm,
  type ContractFormInput,
  type ContractPrefill,
  type ContractView,
} from '../../../../shared/api/contracts';
import type { Resultat } from '../../../../shared/domain/rules/pap';
import { papRowValuesOf, papRowsForApi, type ContractKind, type PapRowValues } from '../../kit/pap/papModel';

/** Key of the API's fieldErrors for a message about the whole record. */
export { ROOT_FIELD as ROOT_ERROR_KEY } from '../../../../shared/api/errors';

export interface MetierValues {
  romeCode: string;
  caracteristiques: string;
  salaireAttendu: string;
  marcheLocal: string;
  avisReferent: string;
}

export interface ExperienceValues {
  emploi: string;
  formation: string;
  competences: string;
  typeContrat: string;
  duree: string;
  entreprise: string;
}

export interface SuiviLineValues {
  date: string;
  offre: string;
  raisonnable: boolean;
  domaine: string;
  romeCode: string;
  moyens: string;
  resultat: Resultat | null;
  motif: string;
  bilan: string;
}

export interface CerpValues {
  situationProfessionnelle: { rqth: boolean; niveauFormation: string; permisConduire: boolean; autresPermis: string; zoneGeographique: string };
  situationEmploi: {
    inscriptions: { poleEmploi: boolean; plie: boolean; maisonEmploi: boolean; ett: boolean };
    experiences: ExperienceValues[];
  };
  metiers: MetierValues[];
  conclusion: string;
}

export interface ContractFormValues {
  type: ContractKind;
  start: string;
  durationMonths: number | null;
  objectifs: string;
  resultatsAttendus: string;
  emploisRecherches: string;
  pap: { actions: PapRowValues[] };
  /** Dates in objects: react-hook-form's field arrays hold objects. */
  referent: { lieuSuivi: string; prochainsRendezVous: { date: string }[] };
  remarquesBeneficiaire: string;
  cerp: CerpValues | null;
  suiviEmploi: SuiviLineValues[];
}

export const emptyMetier = (): MetierValues => ({ romeCode: '', caracteristiques: '', salaireAttendu: '', marcheLocal: '', avisReferent: '' });
export const emptyExperience = (): ExperienceValues => ({ emploi: '', formation: '', competences: '', typeContrat: '', duree: '', entreprise: '' });
export const emptySuiviLine = (): SuiviLineValues => ({
  date: '',
  offre: '',
  raisonnable: false,
  domaine: '',
  romeCode: '',
  moyens: '',
  resultat: null,
  motif: '',
  bilan: '',
});

const s = (v: string | null | undefined): string => v ?? '';

/** A new contract from what the dossier knows (état civil, orientation, CERP situation). */
export function valuesFromPrefill(prefill: ContractPrefill, type: ContractKind): ContractFormValues {
  const durations = prefill.allowedDurations;
  const cerp = prefill.cerp;
  return {
    type,
    start: prefill.defaultStart,
    durationMonths: durations.length === 1 ? (durations[0] ?? null) : type === 'CERS' ? 6 : null,
    objectifs: '',
    resultatsAttendus: '',
    emploisRecherches: '',
    pap: { actions: [] },
    referent: { lieuSuivi: '', prochainsRendezVous: (prefill.prochainsRendezVous ?? []).map((date) => ({ date })) },
    remarquesBeneficiaire: '',
    cerp:
      type === 'CERP'
        ? {
            situationProfessionnelle: {
              rqth: cerp?.situationProfessionnelle.rqth ?? false,
              niveauFormation: s(cerp?.situationProfessionnelle.niveauFormation ?? prefill.etatCivil.niveauFormation),
              permisConduire: cerp?.situationProfessionnelle.permisConduire ?? false,
              autresPermis: s(cerp?.situationProfessionnelle.autresPermis),
              zoneGeographique: s(cerp?.situationProfessionnelle.zoneGeographique),
            },
            situationEmploi: {
              inscriptions: cerp?.situationEmploi.inscriptions ?? { poleEmploi: !!prefill.etatCivil.peNumber, plie: false, maisonEmploi: false, ett: false },
              experiences: (cerp?.situationEmploi.experiences ?? []).map((e) => ({
                emploi: e.emploi,
                formation: s(e.formation),
                competences: s(e.competences),
                typeContrat: s(e.typeContrat),
                duree: s(e.duree),
                entreprise: s(e.entreprise),
              })),
            },
            metiers: [emptyMetier()],
            conclusion: '',
          }
        : null,
    suiviEmploi: [],
  };
}

/** A stored draft (or a renewal) in the wizard. */
export function valuesFromContract(c: ContractView): ContractFormValues {
  return {
    type: c.type,
    start: c.start,
    durationMonths: c.durationMonths,
    objectifs: c.objectifs,
    resultatsAttendus: c.resultatsAttendus,
    emploisRecherches: s(c.emploisRecherches),
    pap: { actions: c.pap.actions.map((r) => papRowValuesOf({ ...r, resultat: r.resultat, bilan: r.bilan ?? undefined })) },
    referent: { lieuSuivi: c.referent.lieuSuivi, prochainsRendezVous: c.referent.prochainsRendezVous.map((date) => ({ date })) },
    remarquesBeneficiaire: s(c.remarquesBeneficiaire),
    cerp: c.cerp
      ? {
          situationProfessionnelle: {
            rqth: c.cerp.situationProfessionnelle.rqth,
            niveauFormation: s(c.cerp.situationProfessionnelle.niveauFormation),
            permisConduire: c.cerp.situationProfessionnelle.permisConduire,
            autresPermis: s(c.cerp.situationProfessionnelle.autresPermis),
            zoneGeographique: s(c.cerp.situationProfessionnelle.zoneGeographique),
          },
          situationEmploi: {
            inscriptions: { ...c.cerp.situationEmploi.inscriptions },
            experiences: c.cerp.situationEmploi.experiences.map((e) => ({
              emploi: e.emploi,
              formation: s(e.formation),
              competences: s(e.competences),
              typeContrat: s(e.typeContrat),
              duree: s(e.duree),
              entreprise: s(e.entreprise),
            })),
          },
          metiers: c.cerp.metiers.length > 0
            ? c.cerp.metiers.map((m) => ({
                romeCode: m.romeCode,
                caracteristiques: s(m.caracteristiques),
                salaireAttendu: s(m.salaireAttendu),
                marcheLocal: s(m.marcheLocal),
                avisReferent: s(m.avisReferent),
              }))
            : [emptyMetier()],
          conclusion: s(c.cerp.conclusion),
        }
      : null,
    suiviEmploi: c.suiviEmploi.map(suiviLineValuesOf),
  };
}

export const suiviLineValuesOf = (l: ContractView['suiviEmploi'][number]): SuiviLineValues => ({
  date: s(l.date),
  offre: l.offre,
  raisonnable: l.raisonnable,
  domaine: l.domaine,
  romeCode: s(l.romeCode),
  moyens: l.moyens,
  resultat: l.resultat,
  motif: s(l.motif),
  bilan: s(l.bilan),
});

/** Suivi lines as the schema takes them (an empty date is no date). */
export const suiviLinesForApi = (lines: readonly SuiviLineValues[]) =>
  lines.map(({ date, resultat, ...rest }) => ({ ...rest, date: date === '' ? undefined : date, resultat: resultat as Resultat }));

/** The wizard's values as `contractFormSchema` input. */
export function toSchemaInput(v: ContractFormValues): ContractFormInput {
  return {
    type: v.type,
    start: v.start,
    durationMonths: v.durationMonths as number,
    objectifs: v.objectifs,
    resultatsAttendus: v.resultatsAttendus,
    emploisRecherches: v.type === 'CERS' ? v.emploisRecherches : undefined,
    pap: { actions: papRowsForApi(v.pap.actions) },
    referent: { lieuSuivi: v.referent.lieuSuivi, prochainsRendezVous: v.referent.prochainsRendezVous.map((r) => r.date) },
    remarquesBeneficiaire: v.remarquesBeneficiaire,
    cerp: v.type === 'CERP' ? v.cerp : null,
    suiviEmploi: v.type === 'CERP' ? suiviLinesForApi(v.suiviEmploi) : [],
  } as ContractFormInput;
}

/**
 * zodResolver over the shared schema, on the converted values; errors on an appointment date
 * (`referent.prochainsRendezVous.1`) go to its field (`….1.date`).
 */
export function contractResolver(): Resolver<ContractFormValues, unknown, ContractForm> {
  const base = zodResolver(contractFormSchema);
  return async (values, context, options) => {
    const result = await base(toSchemaInput(values) as never, context, options as never);
    const errors = result.errors as FieldErrors<ContractFormValues> & Record<string, unknown>;
    const rdv = (errors.referent as { prochainsRendezVous?: unknown } | undefined)?.prochainsRendezVous;
    if (Array.isArray(rdv)) {
      (errors.referent as { prochainsRendezVous?: unknown }).prochainsRendezVous = rdv.map((e) => (e && typeof e === 'object' && 'message' in e ? { date: e } : e));
    }
    return result as unknown as Awaited<ReturnType<Resolver<ContractFormValues, unknown, ContractForm>>>;
  };
}

/** API paths to the wizard's fields (`referent.prochainsRendezVous.1` → `….1.date`). */
export const fieldPathOf = (path: string): string => path.replace(/^(referent\.prochainsRendezVous\.\d+)$/, '$1.date');

export interface WizardStep {
  key: string;
  label: string;
  /** Field paths (or prefixes) the step validates and shows. */
  fields: string[];
}

export function contractSteps(type: ContractKind): WizardStep[] {
  const first: WizardStep = { key: 'beneficiaire', label: 'Bénéficiaire et durée', fields: ['type', 'start', 'durationMonths'] };
  const objectifs: WizardStep = {
    key: 'objectifs',
    label: 'Objectifs',
    fields: type === 'CERS' ? ['objectifs', 'resultatsAttendus', 'emploisRecherches'] : ['objectifs', 'resultatsAttendus'],
  };
  const pap: WizardStep = { key: 'pap', label: 'Plan d’accompagnement', fields: ['pap'] };
  const referent: WizardStep = { key: 'referent', label: 'Référent et bénéficiaire', fields: ['referent', 'remarquesBeneficiaire'] };
  const recap: WizardStep = { key: 'recap', label: 'Récapitulatif', fields: [] };
  if (type === 'CERS') return [first, objectifs, pap, referent, recap];
  return [
    first,
    { key: 'situation', label: 'Situation professionnelle', fields: ['cerp.situationProfessionnelle', 'cerp.situationEmploi'] },
    { key: 'metiers', label: 'Métiers recherchés', fields: ['cerp.metiers', 'cerp.conclusion', 'cerp'] },
    objectifs,
    pap,
    { key: 'suivi', label: 'Fiche de suivi emploi', fields: ['suiviEmploi'] },
    referent,
    recap,
  ];
}

/** The step showing a field path (API errors), or -1. */
export function stepOfPath(steps: readonly WizardStep[], path: string): number {
  return steps.findIndex((step) => step.fields.some((f) => path === f || path.startsWith(`${f}.`)));
}

export const contractDraftKey = (personId: number, contractId?: number) =>
  contractId === undefined ? `contrats:${personId}:nouveau` : `contrats:${personId}:${contractId}`;

/** A draft found for this form, merged over the base values (unknown shapes are ignored). */
export function mergeContractDraft(base: ContractFormValues, data: unknown): ContractFormValues {
  if (!data || typeof data !== 'object') return base;
  const d = data as Partial<ContractFormValues>;
  if (d.type !== base.type) return base;
  return {
    ...base,
    ...d,
    pap: { actions: Array.isArray(d.pap?.actions) ? d.pap.actions : base.pap.actions },
    referent: {
      lieuSuivi: typeof d.referent?.lieuSuivi === 'string' ? d.referent.lieuSuivi : base.referent.lieuSuivi,
      prochainsRendezVous: Array.isArray(d.referent?.prochainsRendezVous) ? d.referent.prochainsRendezVous : base.referent.prochainsRendezVous,
    },
    cerp: base.type === 'CERP' ? (d.cerp ?? base.cerp) : null,
    suiviEmploi: Array.isArray(d.suiviEmploi) ? d.suiviEmploi : base.suiviEmploi,
  };
}

export const papRowsFromView = (rows: ContractView['pap']['actions']): PapRowValues[] =>
  rows.map((r) => papRowValuesOf({ ...r, bilan: r.bilan ?? undefined }));

/** Labels of the wizard's fields, for the differences shown on a conflict (paths without the array indexes). */
export const CONTRACT_FIELD_LABELS: Readonly<Record<string, string>> = {
  type: 'Type de contrat',
  start: 'Date de début du contrat',
  durationMonths: 'Durée du contrat (mois)',
  objectifs: 'Objectif(s) de l’accompagnement',
  resultatsAttendus: 'Résultats escomptés',
  emploisRecherches: 'Perspective professionnelle : emploi(s) recherché(s)',
  'pap.actions.theme': 'PAP : thème',
  'pap.actions.actionCode': 'PAP : action',
  'pap.actions.services': 'PAP : services ou organismes sollicités',
  'pap.actions.start': 'PAP : début',
  'pap.actions.end': 'PAP : échéance',
  'pap.actions.engagementReferent': 'PAP : engagement du référent',
  'pap.actions.engagementBeneficiaire': 'PAP : engagement du bénéficiaire',
  'pap.actions.resultat': 'PAP : résultat',
  'pap.actions.bilan': 'PAP : bilan-commentaires',
  'pap.actions.derogationObtained': 'PAP : dérogation obtenue',
  'referent.lieuSuivi': 'Lieu du suivi',
  'referent.prochainsRendezVous': 'Prochains rendez-vous',
  remarquesBeneficiaire: 'Remarques du bénéficiaire',
  'cerp.situationProfessionnelle': 'Situation professionnelle',
  'cerp.situationEmploi': 'Situation au regard de l’emploi',
  'cerp.metiers': 'Métiers recherchés',
  'cerp.conclusion': 'Conclusion',
  suiviEmploi: 'Fiche de suivi emploi',
};
