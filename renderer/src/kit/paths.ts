import type { FicheType, ReorientationMotif } from '../../../shared/domain/rules/fiche-liaison';

/**
 * Paths of every screen (hash router: '#/beneficiaires/12'), in one place: a screen links to another
 * screen through these, never by importing it.
 */
export const paths = {
  beneficiaries: '/beneficiaires',
  newDossier: '/beneficiaires/nouveau',
  dossier: (personId: number) => `/beneficiaires/${personId}`,
  editDossier: (personId: number) => `/beneficiaires/${personId}/modifier`,
  users: '/administration/comptes',
  firstSteps: '/administration/premiers-pas',
  mds: '/administration/mds',
} as const;

/** Hash-router paths of the contract screens. */
export const contractPaths = {
  home: '/contrats',
  newContract: (personId: number) => `/beneficiaires/${personId}/contrats/nouveau`,
  contract: (contractId: number) => `/contrats/${contractId}`,
  edit: (contractId: number) => `/contrats/${contractId}/modifier`,
} as const;

/** Hash-router paths of the fiche de liaison screens. */
export const fichePaths = {
  home: '/fiches-de-liaison',
  newFiche: (personId: number, options: { type?: FicheType; contractId?: number; motif?: ReorientationMotif } = {}) => {
    const query = new URLSearchParams();
    if (options.type) query.set('type', options.type);
    if (options.motif) query.set('motif', options.motif);
    if (options.contractId) query.set('contrat', String(options.contractId));
    const qs = query.toString();
    return `/beneficiaires/${personId}/fiches/nouvelle${qs ? `?${qs}` : ''}`;
  },
  fiche: (ficheId: number) => `/fiches-de-liaison/${ficheId}`,
  edit: (ficheId: number) => `/fiches-de-liaison/${ficheId}/modifier`,
} as const;

/** Hash-router paths of the équipe pluridisciplinaire screens. */
export const epPaths = {
  home: '/equipes-pluridisciplinaires',
  team: '/equipes-pluridisciplinaires/equipe',
  newSession: '/equipes-pluridisciplinaires/seances/nouvelle',
  session: (sessionId: number) => `/equipes-pluridisciplinaires/seances/${sessionId}`,
  dossier: paths.dossier,
} as const;

const person = paths.dossier;

function withQuery(path: string, query: Record<string, number | undefined>): string {
  const entries = Object.entries(query).filter((e): e is [string, number] => e[1] !== undefined);
  if (entries.length === 0) return path;
  return `${path}?${new URLSearchParams(entries.map(([k, v]) => [k, String(v)])).toString()}`;
}

/** Paths of the first-interview screens (DSP, EDE, orientation). */
export const interviewPaths = {
  dossier: person,
  /** DSP history (and the comparison of two revisions: `?de=<id>&a=<id>`). */
  dspHistory: (personId: number, from?: number, to?: number) => withQuery(`${person(personId)}/dsp`, { de: from, a: to }),
  dspNew: (personId: number) => `${person(personId)}/dsp/nouvelle`,
  edeList: (personId: number) => `${person(personId)}/ede`,
  edeNew: (personId: number) => `${person(personId)}/ede/nouvelle`,
  edeView: (personId: number, edeId: number) => `${person(personId)}/ede/${edeId}`,
  edeCompare: (personId: number, from?: number, to?: number) => withQuery(`${person(personId)}/ede/comparer`, { de: from, a: to }),
  orientationDecision: (personId: number) => `${person(personId)}/orientation/decision`,
  droitsDevoirs: (personId: number) => `${person(personId)}/droits-devoirs`,
  organismes: '/administration/organismes',
  dspModule: '/dsp',
  edeModule: '/ede',
  orientationModule: '/orientation',
  /** The équipe d’orientation’s préconisations, recorded for several dossiers at once. */
  orientationTeam: '/orientation/equipe',
} as const;

/** Hash-router paths of the desk: « Mon activité » (home), the échéancier, the work lists. */
export const deskPaths = {
  home: '/',
  /** The échéancier; its filter travels in the query (see kit/deskLinks.ts). */
  echeancier: '/echeancier',
  /** A work list: '/listes/dsp_manquante'… (the DSP, EDE and Orientation menus open theirs). */
  worklist: (list: string) => `/listes/${list}`,
} as const;

/** Administration › Clé de secours: the recovery key, accounts without a key, orphan key slots. */
export const recoveryPaths = {
  admin: '/administration/cle-de-secours',
} as const;

/** Administration › Sauvegardes (backups and restore). */
export const backupPaths = { page: '/administration/sauvegardes' } as const;

/** Administration › Protection des données (RGPD: retention rules, dossiers due for anonymisation). */
export const rgpdPaths = { page: '/administration/donnees-personnelles' } as const;

/** Imports (CAF, France Travail): the guided import, the batches' history; Administration › Communes de la MDS. */
export const importPaths = {
  wizard: '/imports',
  batches: '/imports/historique',
  communes: '/administration/communes',
} as const;

/**
 * Doublons à vérifier and the merge of two dossiers (the duplicates screens; the imports' result links to the list).
 * Added by the imports screens: the duplicates screens' owner may extend this object (e.g. the merge screen's path).
 */
export const mergePaths = {
  duplicates: '/doublons',
  /** The merge of two dossiers (the first shown as kept; the screen lets the user choose). */
  merge: (a: number, b: number) => `/doublons/fusion/${a}/${b}`,
} as const;

/** Statistiques (issue 15 §3): the figures of the MDS, their charts and tables, the « rapport d’activité ». */
export const statisticsPaths = { page: '/statistiques' } as const;
