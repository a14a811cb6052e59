/**
 * DSP – Données socio-professionnelles (Annexe 2 of the livret, national CNAF structure; domain-notes §2).
 * The codes are the stored values (as in the CNAF flows and WebRSA); the labels are for display.
 * `multiple: true` marks the questions where several answers may be ticked; `noneCode` is the « aucun(e) »
 * answer, which excludes every other answer of the same question.
 */
import type { CodeLabel, Versioned } from './types';
import type { DiplomaLevelCode } from './diplomas';
import { deepFreeze } from './util';

export interface DspCodeList {
  /** Field name of the national structure, e.g. 'difsoc'. */
  name: string;
  /** The question, as shown on the form. */
  label: string;
  /** Several answers may be ticked. */
  multiple: boolean;
  /** The « aucun(e) » answer of a multiple list: it cannot be combined with another answer. */
  noneCode?: string;
  /** Answers whose label needs a free text (« autres », « autre organisme »). */
  withText?: string[];
  codes: CodeLabel[];
}

/** Housing groups of `natlog` (domain-notes §2). */
export type NatlogGroup = 'autonome' | 'urgence' | 'temporaire' | 'precaire';

export const NATLOG_GROUP_LABELS: Record<NatlogGroup, string> = {
  autonome: 'Logement autonome',
  urgence: 'Hébergement d’urgence',
  temporaire: 'Logement temporaire',
  precaire: 'Situation précaire',
};

export interface NatlogCode extends CodeLabel {
  group: NatlogGroup;
}

/** Answers of the yes/no questions (`top*` fields); some questions also allow the last two. */
export const DSP_YES_NO: CodeLabel[] = [
  { code: 'oui', label: 'Oui' },
  { code: 'non', label: 'Non' },
  { code: 'ne_sait_pas', label: 'Ne sait pas' },
  { code: 'ne_veut_pas_repondre', label: 'Ne veut pas répondre' },
];

const sitpersdemrsa: DspCodeList = {
  name: 'sitpersdemrsa',
  label: 'Situation à la demande de RSA',
  multiple: false,
  codes: [
    { code: '0101', label: 'Fin de droits ASSEDIC' },
    { code: '0102', label: 'Fin de droits AAH' },
    { code: '0103', label: 'Fin d’indemnités journalières (maternité)' },
    { code: '0104', label: 'Fin d’indemnités journalières (maladie, accident du travail)' },
    { code: '0105', label: 'Attente de pension vieillesse ou invalidité, ou d’allocation handicap' },
    { code: '0106', label: 'Changement de situation familiale' },
    { code: '0107', label: 'Faibles ressources' },
    { code: '0108', label: 'Cessation d’activité' },
    { code: '0109', label: 'Fin d’études' },
  ],
};

const nataccosocfam: DspCodeList = {
  name: 'nataccosocfam',
  label: 'Accompagnement social familial en cours',
  multiple: true,
  withText: ['0413'],
  codes: [
    { code: '0410', label: 'Logement' },
    { code: '0411', label: 'Endettement' },
    { code: '0412', label: 'Familiale' },
    { code: '0413', label: 'Autres' },
  ],
};

const nataccosocindi: DspCodeList = {
  name: 'nataccosocindi',
  label: 'Accompagnement social individuel en cours',
  multiple: true,
  withText: ['0420'],
  codes: [
    { code: '0416', label: 'Santé' },
    { code: '0417', label: 'Emploi' },
    { code: '0418', label: 'Insertion professionnelle' },
    { code: '0419', label: 'Formation' },
    { code: '0420', label: 'Autres' },
  ],
};

const difsoc: DspCodeList = {
  name: 'difsoc',
  label: 'Difficultés sociales',
  multiple: true,
  noneCode: '0401',
  withText: ['0407'],
  codes: [
    { code: '0401', label: 'Aucune' },
    { code: '0402', label: 'Santé' },
    { code: '0403', label: 'Reconnaissance de travailleur handicapé' },
    { code: '0404', label: 'Lecture, écriture ou compréhension du français' },
    { code: '0405', label: 'Démarches administratives' },
    { code: '0406', label: 'Endettement' },
    { code: '0407', label: 'Autres' },
  ],
};

/** 0501–0506 are national; 0507–0513 are the codes commonly added locally. */
const difdisp: DspCodeList = {
  name: 'difdisp',
  label: 'Obstacles à une recherche d’emploi',
  multiple: true,
  noneCode: '0501',
  codes: [
    { code: '0501', label: 'Aucun' },
    { code: '0502', label: 'Garde d’enfant(s) de moins de 6 ans' },
    { code: '0503', label: 'Garde d’enfant(s) de plus de 6 ans' },
    { code: '0504', label: 'Enfant ou proche invalide' },
    { code: '0505', label: 'Proche dépendant' },
    { code: '0506', label: 'Éloignement d’un parent ou du conjoint (hospitalisation, incarcération)' },
    { code: '0507', label: 'Mobilité' },
    { code: '0508', label: 'Santé' },
    { code: '0509', label: 'Logement' },
    { code: '0510', label: 'Illettrisme' },
    { code: '0511', label: 'Absence de qualification' },
    { code: '0512', label: 'Qualification trop spécifique' },
    { code: '0513', label: 'Discrimination' },
  ],
};

/** Local additions to the national `difdisp` list. */
export const DIFDISP_LOCAL_CODES: readonly string[] = ['0507', '0508', '0509', '0510', '0511', '0512', '0513'];

const nivetu: DspCodeList = {
  name: 'nivetu',
  label: 'Niveau d’étude',
  multiple: false,
  codes: [
    { code: '1201', label: 'Niveau I/II : enseignement supérieur' },
    { code: '1202', label: 'Niveau III : BAC + 2' },
    { code: '1203', label: 'Niveau IV : niveau BAC' },
    { code: '1204', label: 'Niveau V : année de CAP/BEP' },
    { code: '1205', label: 'Niveau V bis : fin de scolarité obligatoire' },
    { code: '1206', label: 'Niveau VI : sortie avant la fin du collège' },
    { code: '1207', label: 'Niveau VII : jamais scolarisé' },
  ],
};

const nivdipmaxobt: DspCodeList = {
  name: 'nivdipmaxobt',
  label: 'Diplôme le plus élevé obtenu',
  multiple: false,
  codes: [
    { code: '2601', label: 'Niveau I/II : enseignement supérieur' },
    { code: '2602', label: 'Niveau III : BAC + 2' },
    { code: '2603', label: 'Niveau IV : BAC ou équivalent' },
    { code: '2604', label: 'Niveau V : CAP/BEP' },
    { code: '2605', label: 'Niveau VI : sans diplôme ou brevet des collèges' },
    { code: '2606', label: 'Niveau VII : aucun diplôme' },
  ],
};

const hispro: DspCodeList = {
  name: 'hispro',
  label: 'Parcours professionnel',
  multiple: false,
  codes: [
    { code: '1901', label: 'A toujours travaillé' },
    { code: '1902', label: 'A travaillé par intermittence' },
    { code: '1903', label: 'A déjà exercé une activité professionnelle' },
    { code: '1904', label: 'N’a jamais travaillé' },
  ],
};

const cessderact: DspCodeList = {
  name: 'cessderact',
  label: 'Arrêt de la dernière activité',
  multiple: false,
  codes: [
    { code: '2701', label: 'En activité ou arrêt depuis moins d’un an' },
    { code: '2702', label: 'Arrêt depuis plus d’un an' },
  ],
};

const duractdomi: DspCodeList = {
  name: 'duractdomi',
  label: 'Durée de l’emploi principal exercé',
  multiple: false,
  codes: [
    { code: '2104', label: 'Moins d’un an' },
    { code: '2105', label: 'De 1 à 3 ans' },
    { code: '2106', label: 'De 4 à 6 ans' },
    { code: '2107', label: 'Plus de 6 ans' },
  ],
};

const inscdememploi: DspCodeList = {
  name: 'inscdememploi',
  label: 'Inscription comme demandeur d’emploi',
  multiple: false,
  codes: [
    { code: '4301', label: 'Non inscrit ou inscription en cours' },
    { code: '4302', label: 'Inscrit depuis moins d’un an' },
    { code: '4303', label: 'Inscrit depuis 1 à 5 ans' },
    { code: '4304', label: 'Inscrit depuis plus de 5 ans' },
  ],
};

const accoemploi: DspCodeList = {
  name: 'accoemploi',
  label: 'Accompagnement dans la recherche d’emploi',
  multiple: false,
  withText: ['1803'],
  codes: [
    { code: '1801', label: 'Aucun' },
    { code: '1802', label: 'France Travail (ex-Pôle Emploi)' },
    { code: '1803', label: 'Autre organisme' },
  ],
};

/** One answer: the widest range the person can reach (domain-notes does not mark it « several »). */
const natmob: DspCodeList = {
  name: 'natmob',
  label: 'Rayon de mobilité',
  multiple: false,
  codes: [
    { code: '2501', label: 'Dans la commune' },
    { code: '2502', label: 'Dans le département' },
    { code: '2503', label: 'Hors du département' },
    { code: '2504', label: 'Aucune mobilité' },
  ],
};

const NATLOG_CODES: NatlogCode[] = [
  { code: '0901', label: 'Logement autonome individuel', group: 'autonome' },
  { code: '0902', label: 'Logement autonome collectif', group: 'autonome' },
  { code: '0903', label: 'Foyer d’urgence', group: 'urgence' },
  { code: '0904', label: 'CHRS', group: 'urgence' },
  { code: '0905', label: 'Hôtel social', group: 'urgence' },
  { code: '0906', label: 'Autre hébergement d’urgence', group: 'urgence' },
  { code: '0907', label: 'Appartement relais', group: 'temporaire' },
  { code: '0908', label: 'Bail glissant', group: 'temporaire' },
  { code: '0909', label: 'Chez un parent ou un tiers', group: 'temporaire' },
  { code: '0910', label: 'Caravane ou bateau', group: 'precaire' },
  { code: '0911', label: 'Résidence sociale', group: 'precaire' },
  { code: '0912', label: 'Sans hébergement', group: 'precaire' },
  { code: '0913', label: 'Autre situation précaire', group: 'precaire' },
];

const natlog: DspCodeList = {
  name: 'natlog',
  label: 'Nature du logement',
  multiple: false,
  codes: NATLOG_CODES,
};

const demarlog: DspCodeList = {
  name: 'demarlog',
  label: 'Démarches de logement en cours',
  multiple: false,
  codes: [
    { code: '1101', label: 'Accès à un logement' },
    { code: '1102', label: 'Maintien dans le logement' },
    { code: '1103', label: 'Aucune démarche' },
  ],
};

const diflog: DspCodeList = {
  name: 'diflog',
  label: 'Difficultés liées au logement',
  multiple: true,
  noneCode: '1001',
  withText: ['1009'],
  codes: [
    { code: '1001', label: 'Aucune' },
    { code: '1002', label: 'Impayés de loyer ou de charges' },
    { code: '1003', label: 'Problèmes financiers' },
    { code: '1004', label: 'Logement insalubre ou indécent' },
    { code: '1005', label: 'Logement isolé, sans transport collectif' },
    { code: '1006', label: 'Fin de bail ou expulsion' },
    { code: '1007', label: 'Logement surpeuplé' },
    { code: '1008', label: 'Logement éloigné du lieu de travail' },
    { code: '1009', label: 'Autres' },
  ],
};

export const DSP_LIST_NAMES = [
  'sitpersdemrsa',
  'nataccosocfam',
  'nataccosocindi',
  'difsoc',
  'difdisp',
  'nivetu',
  'nivdipmaxobt',
  'hispro',
  'cessderact',
  'duractdomi',
  'inscdememploi',
  'accoemploi',
  'natmob',
  'natlog',
  'demarlog',
  'diflog',
] as const;
export type DspListName = (typeof DSP_LIST_NAMES)[number];

export interface DspReferentialData {
  lists: Record<DspListName, DspCodeList>;
}

export const DSP_REFERENTIAL: Versioned<DspReferentialData> = deepFreeze({
  version: 1,
  validFrom: '2009-06-01',
  data: {
    lists: {
      sitpersdemrsa,
      nataccosocfam,
      nataccosocindi,
      difsoc,
      difdisp,
      nivetu,
      nivdipmaxobt,
      hispro,
      cessderact,
      duractdomi,
      inscdememploi,
      accoemploi,
      natmob,
      natlog,
      demarlog,
      diflog,
    },
  },
});

/** The code list of a DSP question. */
export function dspList(name: DspListName, ref: Versioned<DspReferentialData> = DSP_REFERENTIAL): DspCodeList {
  return ref.data.lists[name];
}

/** The label of a code in a DSP list, or undefined if the list lacks it. */
export function dspLabel(
  name: DspListName,
  code: string,
  ref: Versioned<DspReferentialData> = DSP_REFERENTIAL,
): string | undefined {
  return ref.data.lists[name].codes.find((c) => c.code === code)?.label;
}

/**
 * Checks the answers to one DSP question and returns the French problems (empty: valid): unknown codes,
 * several answers to a single-answer question, duplicates, « aucun(e) » combined with another answer.
 */
export function dspAnswerProblems(
  name: DspListName,
  codes: readonly string[],
  ref: Versioned<DspReferentialData> = DSP_REFERENTIAL,
): string[] {
  const list = ref.data.lists[name];
  const problems: string[] = [];
  for (const code of codes) {
    if (!list.codes.some((c) => c.code === code)) problems.push(`${list.label} : code inconnu « ${code} ».`);
  }
  if (new Set(codes).size !== codes.length) problems.push(`${list.label} : une réponse est cochée deux fois.`);
  if (!list.multiple && codes.length > 1) problems.push(`${list.label} : une seule réponse est possible.`);
  if (list.noneCode && codes.includes(list.noneCode) && codes.length > 1) {
    const none = list.codes.find((c) => c.code === list.noneCode)?.label ?? list.noneCode;
    problems.push(`${list.label} : « ${none} » ne se combine pas avec une autre réponse.`);
  }
  return problems;
}

/** The housing group of a `natlog` code (0903–0906 urgence, 0907–0909 temporaire, 0910–0913 précaire). */
export function natlogGroup(code: string): NatlogGroup | undefined {
  return NATLOG_CODES.find((c) => c.code === code)?.group;
}

// ---------------------------------------------------------------------------------------------------------
// DSP level of education ↔ Annexe 1 diploma levels (diplomas.ts), so the level carries over to the CER.
// ---------------------------------------------------------------------------------------------------------

/**
 * DSP `nivetu` (level of study reached) and `nivdipmaxobt` (highest diploma obtained) → Annexe 1 level.
 * - 1201 / 2601 « I/II » → 'I': Annexe 1 calls level I « enseignement supérieur », the DSP's own words for
 *   I/II; the référent refines it to II (BAC +3/+4) in the CER when that is the case.
 * - Levels Vbis, VI, VII (1205–1207) and « sans diplôme ou brevet » / « aucun » (2605, 2606) have no
 *   diploma level in Annexe 1 → « Pas de formation / Pas de diplôme ».
 * « Formation courte max 1 mois » has no DSP counterpart.
 */
export const DSP_LEVEL_TO_DIPLOMA_LEVEL: Readonly<Record<string, DiplomaLevelCode>> = deepFreeze({
  '1201': 'I',
  '1202': 'III',
  '1203': 'IV',
  '1204': 'V',
  '1205': 'AUCUNE',
  '1206': 'AUCUNE',
  '1207': 'AUCUNE',
  '2601': 'I',
  '2602': 'III',
  '2603': 'IV',
  '2604': 'V',
  '2605': 'AUCUNE',
  '2606': 'AUCUNE',
});

/** The Annexe 1 level of a DSP `nivetu` or `nivdipmaxobt` code. An unknown code is an error. */
export function dspNiveauToDiplomaLevel(code: string): DiplomaLevelCode {
  const level = DSP_LEVEL_TO_DIPLOMA_LEVEL[code.trim()];
  if (!level) {
    throw new Error(`Code de niveau DSP inconnu : « ${code} » (niveau d’étude 1201–1207 ou diplôme 2601–2606 attendu).`);
  }
  return level;
}

/**
 * Default `nivdipmaxobt` for an Annexe 1 level (CER → DSP): I and II → 2601, III → 2602, IV → 2603,
 * V → 2604, no diploma → 2606; null for « Formation courte », which has no DSP counterpart.
 */
export function diplomaLevelToDspNivdipmaxobt(level: DiplomaLevelCode): string | null {
  const map: Record<DiplomaLevelCode, string | null> = {
    I: '2601',
    II: '2601',
    III: '2602',
    IV: '2603',
    V: '2604',
    FORMATION_COURTE: null,
    AUCUNE: '2606',
  };
  return map[level];
}

/**
 * Default `nivetu` for an Annexe 1 level: I and II → 1201, III → 1202, IV → 1203, V → 1204; null for
 * « Formation courte » and « Pas de diplôme », which do not say how far the person went at school.
 */
export function diplomaLevelToDspNivetu(level: DiplomaLevelCode): string | null {
  const map: Record<DiplomaLevelCode, string | null> = {
    I: '1201',
    II: '1201',
    III: '1202',
    IV: '1203',
    V: '1204',
    FORMATION_COURTE: null,
    AUCUNE: null,
  };
  return map[level];
}
