import { WORKLISTS, type WorklistKind } from '../../../../shared/api/desk';

/** What each list says around its rows: the date column, the words of its count, an explanation, the empty state. */
export interface WorklistText {
  dateLabel: string;
  unit: readonly [one: string, many: string];
  intro: string;
  empty: string;
}

export const WORKLIST_TEXTS: Record<WorklistKind, WorklistText> = {
  dsp_manquante: {
    dateLabel: 'En attente depuis le',
    unit: ['dossier', 'dossiers'],
    intro:
      'Les bénéficiaires dont aucune DSP (Annexe 2) n’est saisie. La DSP se remplit au premier entretien puis se met à jour au fil du parcours : chaque enregistrement est une nouvelle version.',
    empty: 'Tous les dossiers ont leur DSP.',
  },
  ede_a_faire: {
    dateLabel: 'Depuis le',
    unit: ['dossier', 'dossiers'],
    intro:
      'Les bénéficiaires sans échelle de distance à l’emploi (Annexe 3), ou dont la dernière EDE ne prépare pas le contrat en cours : elle est demandée avant le contrat et à chaque renouvellement.',
    empty: 'Aucune EDE n’est à faire.',
  },
  orientation_a_proposer: {
    dateLabel: 'En attente depuis le',
    unit: ['dossier', 'dossiers'],
    intro:
      'Les bénéficiaires sans décision d’orientation pour qui rien n’est encore proposé : ni préconisation de l’équipe d’orientation, ni EDE qui propose une orientation.',
    empty: 'Aucune orientation n’est à proposer.',
  },
  orientation_a_decider: {
    dateLabel: 'Proposée le',
    unit: ['dossier', 'dossiers'],
    intro:
      'Une préconisation de l’équipe d’orientation ou une EDE qui propose une orientation, plus récente que la dernière décision : la décision désigne l’organisme référent et le correspondant et fait courir le délai du contrat.',
    empty: 'Aucune orientation n’attend de décision.',
  },
  contrats_a_valider: {
    dateLabel: 'Transmis le',
    unit: ['contrat', 'contrats'],
    intro: 'Les contrats signés et transmis au SLAI, qui attendent la validation (ou le rejet) du Président du Conseil Général.',
    empty: 'Aucun contrat n’attend de validation.',
  },
  fiches_envoyees: {
    dateLabel: 'Envoyée le',
    unit: ['fiche', 'fiches'],
    intro: 'Les fiches de liaison envoyées et pas encore closes.',
    empty: 'Aucune fiche de liaison envoyée n’est en cours.',
  },
  validations_recues: {
    dateLabel: 'Décidé le',
    unit: ['décision', 'décisions'],
    intro: 'Les décisions du Président des 30 derniers jours : contrats validés ou rejetés, fiches de liaison, décisions après l’équipe pluridisciplinaire.',
    empty: 'Aucune décision du Président ces 30 derniers jours.',
  },
};

export const worklistTitle = (list: WorklistKind): string => WORKLISTS[list];

/** The lists a menu entry shows (switched by links above the list). */
export const WORKLIST_GROUPS: readonly (readonly WorklistKind[])[] = [
  ['dsp_manquante'],
  ['ede_a_faire'],
  ['orientation_a_proposer', 'orientation_a_decider'],
  ['contrats_a_valider'],
  ['fiches_envoyees'],
  ['validations_recues'],
];

export const groupOf = (list: WorklistKind): readonly WorklistKind[] => WORKLIST_GROUPS.find((g) => g.includes(list)) ?? [list];

export const isWorklistKind = (value: string | null | undefined): value is WorklistKind => value != null && Object.hasOwn(WORKLISTS, value);
