/**
 * Codification des thèmes et des actions d'insertion (livret du référent, « LES DESCRIPTION D'ACTIONS »
 * and the fiches synthétiques of Annexe 6). Used by the PAP of every CER.
 *
 * How the fiches were read:
 * - `spheres`: the « Les actions concernent » box of each fiche lists, per sphere, the actions allowed;
 *   « Non concerné(e)s » excludes the sphere. A parent's spheres are the union of its children's.
 *   The H.2 fiche lists « Pôle emploi » (H.3) under the professionnelle sphere only; J concerns both.
 * - `services`: the « Services ou organismes sollicités » list of the fiche covering the action; sub-actions
 *   inherit it. The G.1/G.2 fiche has two lists: the first sits beside G.1 (Démarches administratives), the
 *   second beside G.2.4, at the end of the G.2 part, so G.2 and its sub-actions take the second one.
 *   Placeholders (« … ») are dropped; « Autres » is kept because it is a real choice.
 * - `definition`: the fiche's text for that action, PDF line breaks removed, one paragraph or list item per
 *   line. The « Attention : … » sentences are in `notes` (verbatim) rather than in the definition.
 *   H.3.1–H.3.3 have no text of their own: they show the H.3 text.
 * - `notAlone`: the fiche says « ne peut être la seule action » / « ne peut être une action seule »
 *   (A.2, D.2, G.1, G.2.2, G.4.4, I.1). B.1 says « Dans certains cas » only → `notAlone: false` with
 *   `notAloneWarning: true`: a warning, not a blocking rule.
 *
 * Which actions a PAP may use: see `selectableActions`.
 */
import type { ActionDef, Sphere, ThemeCode, ThemeDef, Versioned } from './types';
import { deepFreeze } from './util';

/** One paragraph or list item per line. */
function paragraphs(...lines: string[]): string {
  return lines.join('\n');
}

/** « Services ou organismes sollicités » of each fiche synthétique (Annexe 6). */
const SERVICES = {
  FSL: [
    'Services du Département',
    'Maisons du Département Solidarité',
    'Associations agréées au titre du FSL (PACT, CHRS, …)',
    'CCAS, CIAS',
    'Bailleurs',
    'EPCI, Communes',
    'CAF',
    'MSA',
  ],
  LOGEMENT: [
    'Services du Département',
    'Maisons du Département Solidarités',
    'Associations agréées',
    'Bailleurs',
    'Le PACT',
    'Le toit de l’Espoir',
  ],
  SANTE: [
    'Caisse Primaire d’Assurance Maladie',
    'Caisse d’allocation Familiale',
    'Caisse National d’Assurance Vieillesse',
    'Mutualité Sociale Agricole',
    'Maison du Département du Handicap',
    'Etat – ARS : Programme Régional des Actions de prévention et de santé (PRAPS)',
    'Conseil Régional : Programme Régional de Santé',
    'Conseil Général – Dispositif IS',
    'EPCI, Communes : Programme Territorial de santé (PTS)',
  ],
  PARENTALITE: [
    'Conseil Général - Maison du Département Solidarité',
    'Conseil Général – Dispositif Enfance',
    'Caisse d’allocation Familiale - service sociaux',
    'Mutualité Sociale Agricole - service sociaux',
    'Etablissement Public Coopération Intercommunale CIAS',
    'Commune, CCAS',
    'Centre Social, Maison de quartiers',
    'Intervenants ou structures médicaux',
    'Associations de lutte contre les exclusions (AREAS, CIDF, …)',
  ],
  BUDGET: [
    'Conseil Général – Dispositif MASP',
    'Conseil Général – Dispositif IS',
    'Conseil Général - Maison du Département Solidarité',
    'Conseil Général – Dispositif Enfance',
    'Caisse d’allocation Familiale - service sociaux',
    'Mutualité Sociale Agricole - service sociaux',
    'Associations caritatives',
    'Etablissement Public Coopération Intercommunale CIAS',
    'Commune, CCAS',
    'Centre Social, Maison de quartiers',
    'Intervenants ou structures médicaux',
    'Associations de lutte contre les exclusions (AREAS, CIDF, …)',
    'Associations de consommateurs',
    'Ecole de Consommateurs/Epicerie Sociale',
  ],
  ISOLEMENT: [
    'Conseil Régional – Dispositif culture/sport',
    'Conseil Général – Dispositif IS',
    'Etablissement Public Coopération Intercommunale CIAS',
    'Commune, CCAS',
    'Caisse d’allocation Familiale',
    'Centre Social, Maison de quartiers',
    'Intervenants ou structures médicaux',
    'Associations de lutte contre les exclusions',
  ],
  SENSIBILISATION: [
    'Conseil Général – Dispositif IS',
    'Etablissement Public Coopération Intercommunale CIAS',
    'Commune, CCAS',
    'Caisse d’allocation Familiale',
    'Centre Social, Maison de quartiers',
    'Intervenants ou structures médicaux',
    'Associations de lutte contre les exclusions',
  ],
  COMPETENCES_CLES: ['Conseil Régional – dispositif de formation'],
  ACTIONS_INNOVANTES_F: [
    'Conseil Général – Dispositif IS',
    'Etablissement Public Coopération Intercommunale CIAS',
    'Commune, CCAS',
    'Caisse d’allocation Familiale',
    'Centre Social, Maison de quartiers',
    'Associations de lutte contre les exclusions',
  ],
  DEMARCHES_EMPLOI: [
    'Pôle Emploi',
    'CAP’ Emploi',
    'PLIE',
    'Mission Locale',
    'Maisons de l’Emploi',
    'Centre de gestion',
    'CNFPT',
    'SIAE',
    'Autres',
  ],
  REMOBILISATION: [
    'Pôle Emploi',
    'Conseil Régional – Formation continue',
    'AFPA, GRETA',
    'Conseil Général – Dispositif IP',
    'AGEFIPH/ CAP’ Emploi',
    'PLIE',
    'Maisons de l’Emploi',
    'Mission Locale',
    'Autres',
  ],
  IAE: [
    'Pôle Emploi',
    'Conseil Général – Dispositif IP',
    'AGEFIPH/ CAP’ Emploi',
    'Plan Locaux pour l’Insertion et l’Emploi',
    'Maisons de l’Emploi',
    'Mission Locale',
    'Autres',
  ],
  FORMATION: [
    'Etat',
    'Conseil Régional',
    'AFPA',
    'GRETA',
    'AGEFIPH/ CAP’ Emploi',
    'Plan Locaux pour l’Insertion et l’Emploi',
    'Maisons de l’Emploi',
    'Mission Locale',
    'Autres',
    'Conseil Général – Dispositif IP',
    'Pôle Emploi',
  ],
  ACCES_EMPLOI: [
    'Pôle Emploi',
    'Conseil Général – Dispositif IP',
    'Conseil Général – Dispositif MIE',
    'AGEFIPH/ CAP’ Emploi',
    'Plan Locaux pour l’Insertion et l’Emploi',
    'Maisons de l’Emploi',
    'Mission Locale',
    'Autres',
  ],
  MAINTIEN_EMPLOI: [
    'Pôle Emploi',
    'Conseil Régional',
    'Conseil Général – Dispositif IP',
    'AGEFIPH/ CAP’ Emploi',
    'Plan Locaux pour l’Insertion et l’Emploi',
    'Maisons de l’Emploi',
    'Mission Locale',
    'Autres',
  ],
  MOBILITE: [
    'Pôle Emploi',
    'Conseil Régional',
    'AFPA',
    'GRETA',
    'Conseil Général – Dispositif IP',
    'AGEFIPH/ CAP’ Emploi',
    'Plan Locaux pour l’Insertion et l’Emploi',
    'Maisons de l’Emploi',
    'Mission Locale',
    'Autres',
  ],
  SUIVI_ADMINISTRATIF: ['Conseil Général', 'Caisse National d’Assurance Vieillesse', 'Mutuelle Sociale Agricole'],
} satisfies Record<string, string[]>;

/** « LES THEMES » of the codification. */
const THEMES: ThemeDef[] = [
  { code: 'A', label: 'Le logement' },
  { code: 'B', label: 'La santé' },
  { code: 'C', label: 'La parentalité' },
  { code: 'D', label: 'La gestion et les aides financières' },
  { code: 'E', label: 'L’isolement' },
  { code: 'F', label: 'Développement et valorisation des compétences' },
  { code: 'G', label: 'Accompagnement vers l’emploi' },
  { code: 'H', label: 'Accès et maintien dans l’emploi' },
  { code: 'I', label: 'La mobilité' },
  { code: 'J', label: 'Le suivi administratif et gestion de la prestation' },
];

const ACTIONS: ActionDef[] = [
  {
    code: 'A.1',
    label: 'Démarches de logement dans le cadre du FSL',
    theme: 'A',
    parent: null,
    spheres: ['solidarite', 'professionnelle'],
    notAlone: false,
    services: SERVICES.FSL,
    definition: paragraphs(
      'L’aide du Fonds Solidarité Logement (FSL) doit permettre à des familles défavorisées d’accéder ou se maintenir dans un logement autonome adapté à leur situation familiale et financière.',
      'Le FSL n’est ni une prestation, ni un droit, ni un complément de ressources. Il n’a pas vocation à se substituer au droit commun.',
      'Le FSL intervient sur quatre volets différents concurremment ou de manière complémentaire : l’accès (Logement Identifié ou Logement Non Identifié), le maintien, l’Eau-Energie-Téléphone (EET), l’Accompagnement Social.',
    ),
    notes: [],
  },
  {
    code: 'A.1.1',
    label: 'Accompagnement Logement dans le cadre du FSL',
    theme: 'A',
    parent: 'A.1',
    spheres: ['solidarite'],
    notAlone: false,
    services: SERVICES.FSL,
    definition: paragraphs(
      'a. L’Accompagnement Social lié au Logement (ASL) :',
      'Il doit être mis en œuvre lorsque les difficultés rencontrées par un ménage hypothèquent ses chances d’insertion pour accéder ou se maintenir dans un logement.',
      'Les mesures s’exercent à des moments clés de l’accès ou du maintien dans le logement (à l’entrée dans le logement, en prévention des expulsions, de surendettement, de troubles de voisinage…).',
      'b. L’Aide à la Médiation Locative (AML) :',
      'Elle doit être replacée au cœur du parcours résidentiel. C’est une mesure destinée à un public susceptible d’intégrer un logement autonome après une période de mise en situation et d’accompagnement.',
      'L’AML ne doit pas être un passage préalable et obligatoire pour accéder au parc public.',
      'c. L’enquête sociale avant audience :',
      'Les associations mandatées interviennent dans le cadre des assignations suite à une dette locative.',
      'Le but est de réaliser un diagnostic de la situation sociale et financière, d’évaluer la capacité du ménage à se maintenir dans le logement, d’inciter la famille à se présenter à l’audience en lui expliquant l’importance de sa présence, de faire une proposition cohérente au juge de maintien dans les lieux ou de plan d’apurement.',
    ),
    notes: [],
  },
  {
    code: 'A.1.2',
    label: 'Démarches administratives dans le cadre du FSL',
    theme: 'A',
    parent: 'A.1',
    spheres: ['solidarite', 'professionnelle'],
    notAlone: false,
    services: SERVICES.FSL,
    definition: paragraphs(
      'L’aide à l’accès permet à une personne d’accéder à un logement autonome et durable adapté à sa situation familiale et financière.',
      'Cette aide est décomposée comme suit :',
      'a. L’aide à la recherche d’un logement (Logement Non Identifié) par :',
      '- l’identification des ménages prioritaires du Départemental d’Action pour le Logement des Personnes Défavorisées (PDALPD),',
      '- l’identification des ménages prioritaires au relogement dans le cadre de la loi Droit au Logement Opposable (loi dite DALO) conformément au PDALPD,',
      '- la mise en œuvre d’un accompagnement social pour la recherche d’un logement,',
      '- le recours à un bailleur chef de file.',
      'b. L’aide à l’entrée dans un logement (Logement Identifié) par :',
      '- l’attribution d’une aide financière,',
      '- l’octroi de garanties de paiement et/ou de dégradations.',
      'L’aide au maintien dans le logement consiste à apurer une dette de loyer sous réserve que le bailleur accepte de maintenir la famille dans les lieux ou de la muter dans un logement adapté à sa situation financière et familiale.',
      'L’aide au maintien ne saurait donc intervenir pour la dette d’un logement déjà quitté ou sur le point de l’être sauf à justifier d’une mutation ou d’un relogement vers un logement adapté aux ressources du ménage.',
      'L’aide du Fonds Solidarité Logement volet « Eau-Energie-Téléphone » consiste à apurer une dette d’eau, d’énergie ou de téléphonie sous réserve que la famille habite dans un logement adapté à sa situation financière et familiale et qu’elle reprenne le paiement des factures courantes arrivées après le dépôt du dossier.',
    ),
    notes: [],
  },
  {
    code: 'A.2',
    label: 'Démarches Administratives',
    theme: 'A',
    parent: null,
    spheres: ['solidarite', 'professionnelle'],
    notAlone: true,
    services: SERVICES.LOGEMENT,
    definition: paragraphs(
      'Elles peuvent concerner une démarche liée :',
      '• à l’Etat du logement (un relevé d’observation logement, procédure administrative ou juridique),',
      '• au dépôt d’une demande de logement, de dossier FSL,',
      '• à l’orientation vers le FSL.',
      'La démarche administrative intervient quand le logement est un frein à l’insertion vers l’emploi. Elle peut intervenir dans la réalisation du parcours d’une personne quelque soit l’orientation au préalable (Solidarité ou professionnel).',
    ),
    notes: [
      'Attention : Elle ne peut être la seule action dans le cadre du Plan d’accompagnement solidarité ou professionnel – Parcours personnalisé.',
    ],
  },
  {
    code: 'A.3',
    label: 'Mission relogement Rsa',
    theme: 'A',
    parent: null,
    spheres: ['solidarite'],
    notAlone: false,
    services: SERVICES.LOGEMENT,
    definition: paragraphs(
      'Trouver une solution de logement au BRSA, éligible au FSL, et dont le logement est un frein pour le retour à l’emploi.',
      'Mission spécifique pour les BRSA, qui sont dans un parcours d’insertion professionnelle (formation, action, …) afin d’apporter une solution logement pour continuer à évoluer dans leur parcours.',
      'Accompagnement au relogement financé par le Département. Le repérage du public est fait par le Département (commission locale FSL) sur proposition.',
      'A titre d’exemple, un référent peut faire la proposition à travers de la fiche de liaison.',
    ),
    notes: [
      'Le repérage du public est fait par le Département (commission locale FSL) ; le référent peut proposer la personne par la fiche de liaison.',
    ],
  },
  {
    code: 'A.4',
    label: 'Ateliers ou projets collectifs',
    theme: 'A',
    parent: null,
    spheres: ['solidarite'],
    notAlone: false,
    services: SERVICES.LOGEMENT,
    definition: paragraphs(
      'Ateliers ou projets tendant à développer la prévention des risques d’exclusion liés au logement et complémentaires aux actions des dispositifs de droit commun et ceux relevant du logement des personnes défavorisées.',
      '- Le soutien aux actions collectives innovantes en matière d’accès et de maintien au logement et de maîtrise d’eau, énergies et téléphone.',
      '- Le soutien aux expérimentations locales et novatrices en faveur de la lutte contre l’exclusion par le logement.',
    ),
    notes: [],
  },
  {
    code: 'B.1',
    label: 'Démarches Administratives',
    theme: 'B',
    parent: null,
    spheres: ['solidarite', 'professionnelle'],
    notAlone: false,
    // « Dans certains cas » only: not a hard rule (B.1 alone is legitimate when health formalities are
    // the only obstacle), so the PAP warns instead of refusing.
    notAloneWarning: true,
    services: SERVICES.SANTE,
    definition: paragraphs(
      'Les démarches administratives regroupent les actions individuelles du bénéficiaire dans le but de résoudre ses problèmes de santé qui sont un frein à l’insertion.',
      'On y retrouve les démarches d’accès aux soins : La Couverture Maladie Universel (CMU), la Couverture Maladie Universel Complémentaire, nomination médecin traitant, ... et les démarches liées à son état de santé : la reconnaissance travailleur handicapé (RQTH), l’invalidité, Allocation Adulte Handicapé (AAH), déclaration de grossesse, ...',
    ),
    notes: [
      'Attention : Dans certains cas, elle ne peut être la seule action du Plan d’accompagnement solidarité ou professionnel – parcours personnalisé.',
    ],
  },
  {
    code: 'B.2',
    label: 'Accompagnement individuel',
    theme: 'B',
    parent: null,
    spheres: ['solidarite'],
    notAlone: false,
    services: SERVICES.SANTE,
    definition: paragraphs(
      "L’accompagnement individuel correspond à un suivi régulier auprès d'une personne en difficulté afin de l’aider à résoudre ses problèmes de santé.",
      'Il concerne 3 types d’accompagnement :',
      '• Les suivis médicaux réguliers pour des problèmes de santé (Médecin traitant ou spécialisé, psychologue, psychiatre, CMP,...),',
      '• Les accompagnements individuels dans le cadre d’action des politiques de santé (bilan de santé, actions du programme régional d’accès aux soins (PRAPS) ou des programmes territoriaux de santé,',
      '• Les actions individuelles via les politiques d’insertion sociale du Conseil Général (Bien-être, accès aux soins, prévention des conduites additives).',
    ),
    notes: [],
  },
  {
    code: 'B.3',
    label: 'Accompagnement collectif',
    theme: 'B',
    parent: null,
    spheres: ['solidarite'],
    notAlone: false,
    services: SERVICES.SANTE,
    definition: paragraphs(
      'Favorise la prise de conscience de son Etat de santé, le bien-être, l’accès aux soins, la prévention des conduites additives.',
      'Il Concerne 4 types d’accompagnement :',
      '• Actions d’accompagnement dans le cadre du PRAPS sur l’accès à la prévention et aux soins,',
      '• Actions d’accompagnement dans le cadre des Programme Territoriaux de Santé (PTS),',
      '• Actions d’accompagnement dans le cadre des politiques d’insertion sociale du Conseil Général,',
      '• Actions collectives innovantes en matière de santé.',
    ),
    notes: [],
  },
  {
    code: 'C.1',
    label: 'Accompagnement social à la fonction parentale',
    theme: 'C',
    parent: null,
    spheres: ['solidarite'],
    notAlone: false,
    services: SERVICES.PARENTALITE,
    definition: paragraphs(
      'Cet accompagnement est un soutien aux familles dans leur rôle de parents face aux aléas de la vie quotidienne.',
      "L'accompagnement social nécessite un engagement réciproque entre les bénéficiaires et les professionnels, il renvoie à la notion de projet en utilisant les ressources des territoires et des dispositifs publics existants.",
      '• Accompagnement par les Services sociaux et médico-sociaux qu’ils soient du Département ou un autre partenaire (CAF, MSA, ...),',
      '• Accompagner l’enfant pour un suivi médical régulier (orthophoniste, PMI…),',
      '• Education des enfants, Suivi scolarité, y compris par correspondance (AREAS Gens du voyage),',
      '• Participation aux actions ou ateliers liés à la parentalité.',
    ),
    notes: [],
  },
  {
    code: 'C.2',
    label: 'Accompagnement professionnel',
    theme: 'C',
    parent: null,
    spheres: ['solidarite', 'professionnelle'],
    notAlone: false,
    services: SERVICES.PARENTALITE,
    definition: paragraphs(
      'Cet accompagnement doit permettre de concilier la vie familiale avec la vie professionnelle',
      '• Recherche d’un mode de garde (Assistante Maternelle, crèches, garderie),',
      '• Inscrire ponctuellement son enfant en crèche ou à des activités pour préparer à l’autonomie.',
    ),
    notes: [],
  },
  {
    code: 'C.3',
    label: 'Soutien familial',
    theme: 'C',
    parent: null,
    spheres: ['solidarite'],
    notAlone: false,
    services: SERVICES.PARENTALITE,
    definition: paragraphs(
      "Cette action concerne les familles en démarches individuelles liées à l'enfant.",
      "• Garde d'enfants en bas âge (moins de 3 ans),",
      '• Accompagnement lié à la santé,',
      '• Garde d’enfant malade ou handicapé.',
    ),
    notes: [],
  },
  {
    code: 'D.1',
    label: 'Accompagnement',
    theme: 'D',
    parent: null,
    spheres: ['solidarite'],
    notAlone: false,
    services: SERVICES.BUDGET,
    definition: "Démarche qui vise à aider les personnes en difficulté à résoudre les problèmes financiers générés par des situations d'exclusion ; L'accompagnement mise sur les capacités des personnes à développer leurs ressources propres, leurs capacités d'initiative et de choix, et leur possibilité de bâtir un projet de vie.",
    notes: [],
  },
  {
    code: 'D.1.1',
    label: 'Accompagnement individuel',
    theme: 'D',
    parent: 'D.1',
    spheres: ['solidarite'],
    notAlone: false,
    services: SERVICES.BUDGET,
    definition: paragraphs(
      'Actions individuelles permettant la prise en charge des difficultés dans la gestion du budget et de la consommation :',
      '• La Mesure d’Accompagnement Social Personnalisé (MASP),',
      '• Les accompagnements CAF,',
      '• Les accompagnements du Conseil Général,',
      '• Les actions partenaires,',
      '• Les actions des associations caritatives, .....',
    ),
    notes: [],
  },
  {
    code: 'D.1.2',
    label: 'Accompagnement collectif',
    theme: 'D',
    parent: 'D.1',
    spheres: ['solidarite'],
    notAlone: false,
    services: SERVICES.BUDGET,
    definition: paragraphs(
      'Actions collectives permettant la prise en charge des difficultés liées à la gestion du budget et la consommation afin de :',
      '• permettre de mieux gérer son budget (prévision des dépenses, des charges mensuelles incompressibles …)',
      '• favoriser l’éducation alimentaire : avoir et conserver une alimentation équilibrée pour soi et sa famille en tenant compte d’un budget établi',
      '• gestion de la vie quotidienne : développer les compétences à la gestion du budget familial et à la prévention du surendettement.',
    ),
    notes: [],
  },
  {
    code: 'D.2',
    label: 'Démarches Administratives',
    theme: 'D',
    parent: null,
    spheres: ['solidarite', 'professionnelle'],
    notAlone: true,
    services: SERVICES.BUDGET,
    definition: paragraphs(
      'La démarche administrative regroupe les actions individuelles du bénéficiaire dans le but de résoudre ses problèmes financiers qui sont un frein à l’insertion.',
      'Les actions peuvent être :',
      '• Dossier de surendettement,',
      '• Inscription aux colis alimentaires,',
      '• Démarches liées à la gestion budgétaire, ....',
    ),
    notes: [
      'Attention : Cette codification ne peut être la seule action d’insertion dans le cadre de la réalisation du parcours personnalisé du Bénéficiaire.',
    ],
  },
  {
    code: 'D.3',
    label: 'Aides financières',
    theme: 'D',
    parent: null,
    spheres: ['solidarite', 'professionnelle'],
    notAlone: false,
    services: SERVICES.BUDGET,
    definition: paragraphs(
      'Cette codification correspond aux différentes démarches entreprises afin d’obtenir une aide dans le but de résoudre ses problèmes financiers qui sont un frein à l’insertion.',
      '• Demande de secours,',
      '• Aide Financière Personnalisée, (AFP),',
      '• Aides facultatives autres partenaires (CCAS, …),',
      '• Intervention d’associations caritatives.',
    ),
    notes: [],
  },
  {
    code: 'E.1',
    label: 'Accompagnement',
    theme: 'E',
    parent: null,
    spheres: ['solidarite'],
    notAlone: false,
    services: SERVICES.ISOLEMENT,
    definition: "L’accompagnement consiste à suivre les personnes en rupture et dans une situation de grande exclusion. Il mise sur les capacités des personnes à développer leurs ressources propres, leurs capacités d'initiative et de choix, et leur possibilité de bâtir un projet de vie.",
    notes: [],
  },
  {
    code: 'E.1.1',
    label: 'Accompagnement individuel',
    theme: 'E',
    parent: 'E.1',
    spheres: ['solidarite'],
    notAlone: false,
    services: SERVICES.ISOLEMENT,
    definition: paragraphs(
      "Toutes les actions d’accompagnement individuel qui permettent de rompre avec une situation de grande exclusion, prendre ou reprendre confiance en soi, mobiliser la personne sur la définition d'un projet de vie, l'ébauche d'un projet d'insertion sociale et/ou professionnelle :",
      'A titre d’exemple : l’émergence de projet de vie – dispositif du Conseil Général.',
    ),
    notes: [],
  },
  {
    code: 'E.1.2',
    label: 'Accompagnement collectif',
    theme: 'E',
    parent: 'E.1',
    spheres: ['solidarite'],
    notAlone: false,
    services: SERVICES.ISOLEMENT,
    definition: paragraphs(
      '1 - Toutes actions collectives ou atelier visant à accueillir les bénéficiaires du Rsa au travers d’activités manuelles, culinaires, culturelles, sportives, … et lui permettre de rompre l’isolement, de prendre ou reprendre confiance en lui et de la mobiliser sur un projet collectif ou individuel.',
      '• Projet collectifs dans le cadre des politiques d’insertion sociale du Département,',
      '• Ateliers à l’échelle communale, intercommunale, régionale.',
      '2 – Le bénévolat actif : Dans l’objectif de prévenir de l’isolement, les personnes qui participent à la vie associative, en tant que bénévole actif de l’association.',
      'Ex : Bénévole aux restos du cœur, pour aider à la distribution des colis.',
    ),
    notes: [
      'Attention : cette action ne concerne que les personnes très éloignées de l’emploi et la participation à la vie associative est un moyen de ne pas rentrer dans l’isolement.',
    ],
  },
  {
    code: 'F.1',
    label: 'Sensibilisation des bénéficiaires à l’insertion professionnelle',
    theme: 'F',
    parent: null,
    spheres: ['solidarite'],
    notAlone: false,
    services: SERVICES.SENSIBILISATION,
    definition: paragraphs(
      'Concerne les Actions qui permettent aux bénéficiaires, éloignés de l’emploi, et pour lesquels les difficultés sociales constituent un obstacle, de lever les freins sociaux pour la mise en place d’un parcours d’insertion dynamique permettant l’accès à l’emploi et à l’insertion durable.',
      'Cette codification regroupe les actions favorisant la sociabilisation et rendant la personne actrice de son parcours d’insertion. Les professionnels l’accompagneront dans l’élaboration et le pilotage d’un projet.',
    ),
    notes: [],
  },
  {
    code: 'F.1.1',
    label: 'Développer l’autonomie et lever les freins',
    theme: 'F',
    parent: 'F.1',
    spheres: ['solidarite'],
    notAlone: false,
    services: SERVICES.SENSIBILISATION,
    definition: paragraphs(
      'Actions dont les objectifs sont :',
      "• Travailler et développer le lire, écrire, compter au travers d'actions concrètes et de réalisations, développer l'autonomie et lever les freins liés à la communication,",
      '• Rendre la personne actrice de son parcours,',
      "• Développer et renforcer l'acquisition des compétences de base.",
      'Ex. : Dispositif d’insertion sociale du Conseil Général « Maîtrise des Savoirs de base »',
    ),
    notes: [],
  },
  {
    code: 'F.1.2',
    label: 'S’impliquer dans un projet',
    theme: 'F',
    parent: 'F.1',
    spheres: ['solidarite'],
    notAlone: false,
    services: SERVICES.SENSIBILISATION,
    definition: paragraphs(
      'Actions dont les objectifs sont :',
      '• Permettre de se stabiliser et de commencer à approcher la dimension travail,',
      "• Développer des compétences favorisant la socialisation : développer le sens de l'organisation, le travail d'équipe, la gestion du temps... par le biais d'ateliers,",
      "• S'impliquer dans un projet et le mener à son terme,",
      '• Elaborer un projet professionnel,',
      '• Evaluer les compétences transférables dans la sphère emploi,',
      '• Ateliers – reprendre contact avec l’insertion professionnelle, avec un aménagement prenant en compte ses problèmes.',
      'Ex. : Dispositif d’insertion sociale du Conseil général « les ateliers du savoir ».',
    ),
    notes: [],
  },
  {
    code: 'F.2',
    label: 'Accès aux compétences clés',
    theme: 'F',
    parent: null,
    spheres: ['solidarite', 'professionnelle'],
    notAlone: false,
    services: SERVICES.COMPETENCES_CLES,
    definition: paragraphs(
      'Les actions de formation du Programme Régional de Formation sont organisées en cinq programmes :',
      'Programme Orientation, programme Réapprentissage des savoirs de base – Lutte contre l’illettrisme, programme Langues étrangères, programme Ateliers de Pédagogie Personnalisée pour l’Accès aux Savoirs Généraux- APPASG, programme TIMP@SS.',
    ),
    notes: [],
  },
  {
    code: 'F.2.1',
    label: 'Programme orientation',
    theme: 'F',
    parent: 'F.2',
    spheres: ['solidarite', 'professionnelle'],
    notAlone: false,
    services: SERVICES.COMPETENCES_CLES,
    definition: paragraphs(
      'Les actions du programme orientation ont pour finalité de contribuer à la progression personnelle et sociale des personnes en leur permettant de clarifier leurs aspirations et leurs compétences tout en tenant compte de l’environnement socio-économique.',
      'Leur mise en œuvre doit permettre aux bénéficiaires de développer les compétences clés du cadre de référence européen en particulier les trois suivantes : apprendre à apprendre, compétences sociales et civiques, esprit d’initiative et d’entreprise.',
      'On distingue deux types de prestations :',
      '• les bilans pour l’orientation (prestation individuelle),',
      '• l’appui à l’élaboration de projet professionnel – AEPP – (prestation collective).',
    ),
    notes: [],
  },
  {
    code: 'F.2.2',
    label: 'Programme de réapprentissage des savoirs de base – lutte contre l’illettrisme',
    theme: 'F',
    parent: 'F.2',
    spheres: ['solidarite', 'professionnelle'],
    notAlone: false,
    services: SERVICES.COMPETENCES_CLES,
    definition: paragraphs(
      'Le programme réapprentissage de base- lutte contre l’illettrisme s’inscrit dans la volonté de lutter contre les exclusions sociales, professionnelles et culturelles liées à l’absence de savoirs fondamentaux.',
      'L’objectif principal du programme doit permettre la maîtrise des savoirs de base soit :',
      '- La lecture et l’écriture,',
      '- Les opérations mathématiques.',
      'Le programme réapprentissage des savoirs de base assure des actions de formation visant l’accès aux compétences clés à l’exception de la communication en langues étrangères.',
    ),
    notes: [],
  },
  {
    code: 'F.2.3',
    label: 'Programme langues étrangères',
    theme: 'F',
    parent: 'F.2',
    spheres: ['solidarite', 'professionnelle'],
    notAlone: false,
    services: SERVICES.COMPETENCES_CLES,
    definition: paragraphs(
      'Ce programme s’intègre dans l’objectif de développement des 8 compétences clés du cadre de référence européen. La situation particulière de la Région Nord Pas de Calais, au carrefour de l’Europe nécessite l’acquisition de compétences linguistiques, en particulier l’anglais et le néerlandais, permettant d’appréhender au mieux les situations de communication orale courantes.',
      'Le programme langues étrangères s’inscrit dans la volonté d’initier aux savoirs fondamentaux des langues étrangères que sont l’anglais et le néerlandais, de promouvoir les savoirs utiles à la communication de premier niveau dans ces langues.',
    ),
    notes: [],
  },
  {
    code: 'F.2.4',
    label: 'Ateliers pédagogiques personnalisée pour l’accès aux savoirs généraux',
    theme: 'F',
    parent: 'F.2',
    spheres: ['solidarite', 'professionnelle'],
    notAlone: false,
    services: SERVICES.COMPETENCES_CLES,
    definition: paragraphs(
      'Ce programme s’inscrit dans la volonté de lutter contre les exclusions sociales, professionnelles et culturelles liées à l’absence des savoirs généraux.',
      'Le programme a pour objectifs :',
      '• La remise à niveau en vue de favoriser l’insertion professionnelle,',
      '• Le renforcement des compétences utiles nécessaires dans l’activité professionnelle,',
      '• La promotion sociale.',
      'Le programme assure des actions de formations visant l’accès aux compétences clés à l’exception de la communication en langues étrangères et de la compétence numérique de base. Il répond de façon permanente, individualisée et contractuelle aux demandes de formation des publics de niveau VI à IV.',
    ),
    notes: [
      'Publics de niveau VI à IV.',
    ],
  },
  {
    code: 'F.2.5',
    label: 'Programme TIMPASS',
    theme: 'F',
    parent: 'F.2',
    spheres: ['solidarite', 'professionnelle'],
    notAlone: false,
    services: SERVICES.COMPETENCES_CLES,
    definition: paragraphs(
      'Le Programme TIMP@SS vise prioritairement la compétence clé culture numérique.',
      'L’objectif principal de ce programme est d’amener progressivement l’ensemble de la population du Nord Pas de Calais à maîtriser les savoirs de base en technique de l’information et de la communication.',
    ),
    notes: [],
  },
  {
    code: 'F.3',
    label: 'Actions innovantes',
    theme: 'F',
    parent: null,
    spheres: ['solidarite', 'professionnelle'],
    notAlone: false,
    services: SERVICES.ACTIONS_INNOVANTES_F,
    definition: paragraphs(
      'Actions ou ateliers innovants permettant le développement et la valorisation des compétences, ne rentrant pas dans les dispositifs existants et dans la volonté de s’inscrire dans le cadre de la lutte contre les exclusions sociales, professionnelles et culturelles liées à l’absence des savoirs généraux.',
      'Les actions développées dans cette codification ont pour finalité de permettre aux bénéficiaires :',
      '• De construire un parcours d’insertion personnelle,',
      '• D’accéder, autant que faire se peut, à des actions d’insertion professionnelle,',
      '• De stabiliser les bénéficiaires et de commencer à approcher la dimension du travail,',
      '• D’acquérir et développer des compétences, des savoirs et savoirs faire, transférables dans la sphère emploi.',
    ),
    notes: [],
  },
  {
    code: 'G.1',
    label: 'Démarches administratives',
    theme: 'G',
    parent: null,
    spheres: ['solidarite', 'professionnelle'],
    notAlone: true,
    services: SERVICES.DEMARCHES_EMPLOI,
    definition: paragraphs(
      'La démarche administrative regroupe les actions individuelles du bénéficiaire dans le but d’accéder aux prestations emploi (recherche d’emploi, …) ou favorisant le retour à l’emploi.',
      'Les actions peuvent être :',
      '• Inscription Pôle Emploi,',
      '• Inscription Mission Locale,',
      '• Inscription associations intermédiaires,',
      '• Inscription entreprises intérimaires,',
      '• Inscription préparation concours, ...',
    ),
    notes: [
      'Attention : Cette codification ne peut être la seule action d’insertion dans le cadre de la réalisation du parcours personnalisé du Bénéficiaire.',
    ],
  },
  {
    code: 'G.2',
    label: 'Remobilisation autour du projet',
    theme: 'G',
    parent: null,
    spheres: ['solidarite', 'professionnelle'],
    notAlone: false,
    services: SERVICES.REMOBILISATION,
    definition: paragraphs(
      'Cette étape se traduit par une définition du projet, sa validation pratique et ce, à travers un accompagnement individuel et renforcé.',
      'Ce faisant, l’utilisation d’un support d’activité spécifique comme les structures relevant de l’insertion par l’activité économique permet d’assurer un accompagnement personnalisé tout en abordant une mise en situation réelle de travail.',
    ),
    notes: [],
  },
  {
    code: 'G.2.1',
    label: 'Sensibilisation',
    theme: 'G',
    parent: 'G.2',
    spheres: ['solidarite', 'professionnelle'],
    notAlone: false,
    services: SERVICES.REMOBILISATION,
    definition: 'Les opérations de découverte et de sensibilisation des métiers afin de repérer les potentiels des candidats, grâce à des jeux de rôle, des simulations et des plateaux techniques ou l’Immersion en entreprise, …',
    notes: [],
  },
  {
    code: 'G.2.2',
    label: 'Démarches administratives',
    theme: 'G',
    parent: 'G.2',
    spheres: ['solidarite', 'professionnelle'],
    notAlone: true,
    services: SERVICES.REMOBILISATION,
    definition: paragraphs(
      'Concernent toutes les démarches liées à la remobilisation autour du projet.',
      '• Demande d’agrément tel que les assistantes maternelles,',
      '• Demande de formation ou d’entrée en formation.',
    ),
    notes: [
      'Attention : action sur quelques jours, ne peut être une action seule.',
    ],
  },
  {
    code: 'G.2.3',
    label: 'Définition/validation de projet professionnel',
    theme: 'G',
    parent: 'G.2',
    spheres: ['solidarite', 'professionnelle'],
    notAlone: false,
    services: SERVICES.REMOBILISATION,
    definition: paragraphs(
      'Définir et valider un projet professionnel afin de proposer une suite de parcours mettant en œuvre ce projet :',
      '• Actions individuelles,',
      '• Actions collectives,',
      '• Accompagnement PLIE dans les étapes de définition et de remobilisation vers l’emploi,',
      '• Accompagnement lié à la création Entreprise (SAO/étude de faisabilité).',
      'Pour information :',
      'L’étude de faisabilité : soutien conseil dans l’élaboration de l’étude de faisabilité en vue de la création d’entreprise.',
    ),
    notes: [],
  },
  {
    code: 'G.2.4',
    label: 'Actions innovantes individuelles ou collectives',
    theme: 'G',
    parent: 'G.2',
    spheres: ['solidarite', 'professionnelle'],
    notAlone: false,
    services: SERVICES.REMOBILISATION,
    definition: paragraphs(
      "Remobilisation du projet autour d'une thématique spécifique :",
      '• La santé,',
      '• Les diversifications des emplois,',
      '• Les publics cibles,...',
    ),
    notes: [],
  },
  {
    code: 'G.3',
    label: 'Insertion par l’activité économique',
    theme: 'G',
    parent: null,
    spheres: ['solidarite', 'professionnelle'],
    notAlone: false,
    services: SERVICES.IAE,
    definition: paragraphs(
      'L’insertion par l’activité économique (ou IAE) concerne toutes structures d’insertion par l’activité économique, responsables d’une activité de production et d’insertion, permettant une réadaptation au travail des bénéficiaires du RSA, ne pouvant du fait de leurs difficultés, intégrer un emploi en milieu ordinaire de travail.',
      'L’IAE est également un secteur favorisant la dynamique de parcours d’insertion des publics en insertion. L’objectif commun des Structures d’Insertion par l’Activité Economique (SIAE) est l’utilisation du support « travail » comme outil d’insertion professionnelle des personnes.',
    ),
    notes: [],
  },
  {
    code: 'G.3.1',
    label: 'Contrats aidés non marchand',
    theme: 'G',
    parent: 'G.3',
    spheres: ['solidarite', 'professionnelle'],
    notAlone: false,
    services: SERVICES.IAE,
    definition: paragraphs(
      'Le Contrat Unique d’Insertion :',
      'La loi généralisant le Revenu de Solidarité Active (RSA) et réformant les politiques d’insertion a apporté un nouveau dispositif regroupant la totalité des contrats aidés auparavant mobilisables (CAE, CAV, CIE, CI-RMA).',
      'Désormais, le Contrat Unique d’Insertion du secteur non marchand regroupant le CAV et le CAE est effectif depuis le 1er janvier 2010.',
    ),
    notes: [],
  },
  {
    code: 'G.3.2',
    label: 'Accompagnement individuel et/ou collectif en SIAE',
    theme: 'G',
    parent: 'G.3',
    spheres: ['solidarite', 'professionnelle'],
    notAlone: false,
    services: SERVICES.IAE,
    definition: paragraphs(
      'Dispositif permettant d’apporter aux bénéficiaires du RSA, un parcours professionnel et un accompagnement personnalisé afin de sortir de la spirale d’exclusion et de s’insérer, notamment par l’accès à l’emploi, en milieu «ordinaire».',
      'Pour aider la personne à évoluer, elles mettent en place des outils pour organiser des parcours d’orientation, de formation et d’accès à l’emploi, mais apportent aussi, en parallèle, un véritable accompagnement pour régler les problèmes périphériques comme ceux concernant le logement, la santé, la famille ou les problèmes financiers.',
      'Les structures :',
      '• Les Chantiers d’Insertion (ACI), y compris dans le cadre des chantiers écoles,',
      '• Les Associations Intermédiaires (AI),',
      '• Les Entreprises d’insertion (EI),',
      '• Les Entreprises de Travail Temporaire d’Insertion (ETTI),',
      '• Et les Régies de Quartier (RQ).',
    ),
    notes: [],
  },
  {
    code: 'G.4',
    label: 'Formation/Qualification',
    theme: 'G',
    parent: null,
    spheres: ['solidarite', 'professionnelle'],
    notAlone: false,
    services: SERVICES.FORMATION,
    definition: 'Toutes les actions de professionnalisation visant à améliorer l’employabilité de la personne suivie et/ou à lever un dernier frein à l’embauche.',
    notes: [],
  },
  {
    code: 'G.4.1',
    label: 'Formation pré-qualifiante',
    theme: 'G',
    parent: 'G.4',
    spheres: ['solidarite', 'professionnelle'],
    notAlone: false,
    services: SERVICES.FORMATION,
    definition: paragraphs(
      'La formation pré-qualifiante constitue la première étape du projet de formation :',
      '• un bilan de compétences,',
      '• une remise à niveau hors maîtrise des savoirs de base,',
      '• une mise à jour des connaissances dans un domaine précis,',
      '• un perfectionnement des connaissances dans un domaine précis,',
      "• un stage préparatoire, d'insertion ou de préprofessionnalisation.",
    ),
    notes: [],
  },
  {
    code: 'G.4.2',
    label: 'Formation qualifiante',
    theme: 'G',
    parent: 'G.4',
    spheres: ['solidarite', 'professionnelle'],
    notAlone: false,
    services: SERVICES.FORMATION,
    definition: paragraphs(
      'Elle permet d’initier ou d’accroître une qualification, qui peut s’effectuer en auto-formation, en interne, en réseau, au sein d’organismes comme l’AFPA ou d’organismes privés.',
      'Elles aboutissent souvent à une attestation de stage en fin de formation ou à un « certificat d’aptitude » lié au milieu professionnel et en général reconnu par Pôle Emploi ou par les employeurs dans le cadre d’une convention collective. Elle est diplomante si elle est validée par un diplôme défini par arrêté ministériel et reconnu sur le marché du travail local ou national.',
      '• la formation initiale est celle que l’on reçoit lorsqu’on est élève ou étudiant,',
      '• la formation continue, lorsqu’on est déjà engagé dans la vie active et que l’on se trouve en poste ou en recherche d’emploi,',
      '• un diplôme national (licence, Master, Doctorat), ou universitaire (DU), est reconnu partout en France.',
      'Un certificat de compétences professionnelles reconnaît des compétences acquises par des formations ou par l’expérience dans un domaine bien délimité.',
    ),
    notes: [],
  },
  {
    code: 'G.4.3',
    label: 'Professionnalisation',
    theme: 'G',
    parent: 'G.4',
    spheres: ['solidarite', 'professionnelle'],
    notAlone: false,
    services: SERVICES.FORMATION,
    definition: paragraphs(
      "C'est le processus qui permet aux demandeurs d’emploi ou salariés d'acquérir et de développer les compétences nécessaires à l'exercice de ses activités, reconnues et transférables pour permettre leur maintien dans l'emploi ou une mobilité professionnelle.",
      '• Validation d’Acquis et d’expérience (VAE).',
    ),
    notes: [],
  },
  {
    code: 'G.4.4',
    label: 'Certification/habilitation',
    theme: 'G',
    parent: 'G.4',
    spheres: ['solidarite', 'professionnelle'],
    notAlone: true,
    services: SERVICES.FORMATION,
    definition: paragraphs(
      'Agrément : C’est la reconnaissance de la conformité d’un savoir-faire :',
      '• Agrément d’Assistante maternelle.',
      "Certification : La certification professionnelle est un système d'évaluation des compétences qui permet, à l'issue d'un parcours de formation, de délivrer aux stagiaires un Certificat Professionnel qui atteste de la maîtrise d'une fonction, d'une activité ou d'un métier.",
      '• Certification en peintre bâtiment, …',
      'Habilitation : C’est la reconnaissance d’un niveau de compétence : savoir et savoir-faire.',
      '• Habilitation électrique, ….',
    ),
    notes: [
      'Attention : action sur quelques jours, ne peut être une action seule.',
    ],
  },
  {
    code: 'G.4.5',
    label: 'Reprise d’étude',
    theme: 'G',
    parent: 'G.4',
    spheres: ['solidarite', 'professionnelle'],
    notAlone: false,
    services: SERVICES.FORMATION,
    definition: paragraphs(
      'Attention, la loi sur le Rsa ne permet pas au bénéficiaire de reprendre des études.',
      'Cependant, il est possible d’interpeller le Président du Conseil Général pour demander une dérogation.',
    ),
    notes: [
      'La loi sur le RSA ne permet pas au bénéficiaire de reprendre des études : cette action demande une dérogation du Président du Conseil Général.',
    ],
    requiresDerogation: true,
  },
  {
    code: 'H.1',
    label: 'Accès à l’emploi',
    theme: 'H',
    parent: null,
    spheres: ['solidarite', 'professionnelle'],
    notAlone: false,
    services: SERVICES.ACCES_EMPLOI,
    definition: 'Cette codification regroupe toutes les actions de retour à l’emploi mais aussi les opérations de développement de passerelles entre les publics en voie d’insertion et le monde économique.',
    notes: [],
  },
  {
    code: 'H.1.1',
    label: 'Médiation et placement',
    theme: 'H',
    parent: 'H.1',
    spheres: ['solidarite', 'professionnelle'],
    notAlone: false,
    services: SERVICES.ACCES_EMPLOI,
    definition: paragraphs(
      'Action ou accompagnement de BRSA dans le cadre du placement dans une entreprise.',
      '• Les structures de placement en entreprise,',
      '• La Mission Insertion par l’Emploi (MIE),',
      '• Les grands projets sur le Département : Opération grand site, tramway, Implantation de lieu culturel (Louvre),',
      "• La suppléance Adjoint technique territorial des établissements d'enseignement (ATTEE),",
      "• Les clauses d'insertion,",
      '• Les évaluations en milieu de travail préalables au recrutement (EMTPR),',
      '• …',
    ),
    notes: [],
  },
  {
    code: 'H.1.2',
    label: 'Contrat de travail',
    theme: 'H',
    parent: 'H.1',
    spheres: ['solidarite', 'professionnelle'],
    notAlone: false,
    services: SERVICES.ACCES_EMPLOI,
    definition: paragraphs(
      'Les différents contrats d’emploi non marchand :',
      '• Contrats aidés non marchand,',
      '• Contrats professionnalisations, de qualification,',
      '• Contrats CDD, CDI,',
      '• Contrats intérimaires,',
      '• Travail saisonnier.',
    ),
    notes: [],
  },
  {
    code: 'H.1.3',
    label: 'Finalisation du projet et création d’entreprise',
    theme: 'H',
    parent: 'H.1',
    spheres: ['professionnelle'],
    notAlone: false,
    services: SERVICES.ACCES_EMPLOI,
    definition: paragraphs(
      '2ème partie de la création d’entreprise visant sa réalisation par le bénéficiaire :',
      '• La recherche d’aide financière visant au renforcement des fonds propres du créateur, pour les projets dont l’examen fait apparaître la viabilité économique.',
      '• Les Couveuses d’entreprises et les Coopératives d’entreprise.',
      'Il s’agit d’un outil complémentaire aux actions déjà mises en œuvre pour la création d’entreprises. Ce dispositif s’adresse à des bénéficiaires du RSA pour lesquels le parcours et/ou le projet présentent de fortes interrogations quant aux perspectives de réussite de leur projet de création d’entreprise.',
      '• Les Travailleurs indépendants, Agricoles, Auto Entrepreneurs.',
    ),
    notes: [],
  },
  {
    code: 'H.2',
    label: 'Maintien dans l’emploi',
    theme: 'H',
    parent: null,
    spheres: ['professionnelle'],
    notAlone: false,
    services: SERVICES.MAINTIEN_EMPLOI,
    definition: paragraphs(
      'Tous les dispositifs assurant le suivi dans l’emploi et dans l’entreprise.',
      'Ces actions ont pour objectifs :',
      '• d’accompagner le bénéficiaire dans la pérennisation de son poste, ou de son entreprise,',
      '• d’augmenter la quotité de travail.',
    ),
    notes: [],
  },
  {
    code: 'H.2.1',
    label: 'Accompagnement individuel des travailleurs indépendants',
    theme: 'H',
    parent: 'H.2',
    spheres: ['professionnelle'],
    notAlone: false,
    services: SERVICES.MAINTIEN_EMPLOI,
    definition: paragraphs(
      'Suivi de l’entreprise qui consiste en un accompagnement du porteur de projet dans ses démarches :',
      '• Post-création d’Entreprise,',
      '• Travailleurs indépendants,',
      '• …',
    ),
    notes: [],
  },
  {
    code: 'H.2.2',
    label: 'Accompagnement individuel',
    theme: 'H',
    parent: 'H.2',
    spheres: ['professionnelle'],
    notAlone: false,
    services: SERVICES.MAINTIEN_EMPLOI,
    definition: paragraphs(
      "Accompagnement de salariés dans les entreprises dans l’objectif de la pérennisation de l'emploi et de l'augmentation de la quotité de travail.",
      '• suivi PLIE dans les clauses d’insertion,',
      '• Suivi Pôle Emploi,',
      '• …',
    ),
    notes: [],
  },
  {
    code: 'H.3',
    label: 'Action spécifique Pôle Emploi',
    theme: 'H',
    parent: null,
    spheres: ['professionnelle'],
    notAlone: false,
    services: SERVICES.MAINTIEN_EMPLOI,
    definition: 'Ses actions ne sont réservées que dans le cadre d’un échange informatique avec Pôle Emploi.',
    notes: [
      'Action réservée à l’échange informatique avec Pôle Emploi : elle ne se choisit pas directement dans un plan d’accompagnement.',
    ],
    restricted: true,
  },
  {
    code: 'H.3.1',
    label: 'Recherche d’emploi autonome',
    theme: 'H',
    parent: 'H.3',
    spheres: ['professionnelle'],
    notAlone: false,
    services: SERVICES.MAINTIEN_EMPLOI,
    definition: 'Ses actions ne sont réservées que dans le cadre d’un échange informatique avec Pôle Emploi.',
    notes: [
      'Action réservée à l’échange informatique avec Pôle Emploi : elle ne se choisit pas directement dans un plan d’accompagnement.',
    ],
    restricted: true,
  },
  {
    code: 'H.3.2',
    label: 'Candidater une offre d’emploi',
    theme: 'H',
    parent: 'H.3',
    spheres: ['professionnelle'],
    notAlone: false,
    services: SERVICES.MAINTIEN_EMPLOI,
    definition: 'Ses actions ne sont réservées que dans le cadre d’un échange informatique avec Pôle Emploi.',
    notes: [
      'Action réservée à l’échange informatique avec Pôle Emploi : elle ne se choisit pas directement dans un plan d’accompagnement.',
    ],
    restricted: true,
  },
  {
    code: 'H.3.3',
    label: 'Accompagnement dans les recherches d’emploi',
    theme: 'H',
    parent: 'H.3',
    spheres: ['professionnelle'],
    notAlone: false,
    services: SERVICES.MAINTIEN_EMPLOI,
    definition: 'Ses actions ne sont réservées que dans le cadre d’un échange informatique avec Pôle Emploi.',
    notes: [
      'Action réservée à l’échange informatique avec Pôle Emploi : elle ne se choisit pas directement dans un plan d’accompagnement.',
    ],
    restricted: true,
  },
  {
    code: 'I.1',
    label: 'Démarches administratives',
    theme: 'I',
    parent: null,
    spheres: ['solidarite', 'professionnelle'],
    notAlone: true,
    services: SERVICES.MOBILITE,
    definition: paragraphs(
      'Toutes démarches permettant au bénéficiaire de résoudre la problématique de mobilité qu’il rencontre, et qui ne nécessitent pas d’accompagnement :',
      'On y retrouve notamment les actions suivantes :',
      '• location de moyen de transport,',
      '• recherche de moyen de mobilité,',
      '• Carte de Bus,',
      '• Inscription au permis B,',
      '• Formation au permis B.',
    ),
    notes: [
      'Attention : Elle ne peut être la seule action dans le cadre du Plan d’accompagnement solidarité ou professionnel – Parcours personnalisé.',
    ],
  },
  {
    code: 'I.2',
    label: 'Accompagnement collectif',
    theme: 'I',
    parent: null,
    spheres: ['solidarite', 'professionnelle'],
    notAlone: false,
    services: SERVICES.MOBILITE,
    definition: paragraphs(
      'Toutes actions, ou complémentaire aux actions d’accompagnement, permettant au bénéficiaire de résoudre la problématique de mobilité.',
      '• Auto-école sociale,',
      '• Dispositif du Conseil Général – Insertion sociale, …',
      '• Mobilité psychologique, géographique (se repérer dans l’espace, prendre les transports en commun, …).',
    ),
    notes: [],
  },
  {
    code: 'I.3',
    label: 'Aides financières',
    theme: 'I',
    parent: null,
    spheres: ['solidarite', 'professionnelle'],
    notAlone: false,
    services: SERVICES.MOBILITE,
    definition: paragraphs(
      'Toute prestation individuelle non obligatoire visant à lever les obstacles ponctuels en fonction des besoins des bénéficiaires du RSA liée au déplacement, à l’entretien, l’assurance, l’achat d’un véhicule, l’hébergement, … :',
      '• Aides Financières de droit commun,',
      '• Aides Financières Personnalisées,',
      '• Aide Personnalisée de Retour à l’Emploi (APRE),',
      '• Financement permis.',
    ),
    notes: [],
  },
  {
    code: 'J.1',
    label: 'Suivi administratif et gestion de la prestation',
    theme: 'J',
    parent: null,
    spheres: ['solidarite', 'professionnelle'],
    notAlone: false,
    services: SERVICES.SUIVI_ADMINISTRATIF,
    definition: paragraphs(
      'Cette codification est à utiliser pour des bénéficiaires en fin d’accompagnement dans le dispositif.',
      '1 - L’orientation en continu :',
      'Elle concerne un bénéficiaire en cours de droit, qui voit un changement de situation par rapport au seuil des devoirs :',
      '- le bénéficiaire passe au dessus du seuil de 500€ de revenu d’activité mensuel.',
      'Le Conseil Général a fait le choix dans cette situation, de poursuivre l’accompagnement en cours pour une durée au minimum de 6 mois. La persistance d’un revenu supérieur à 500€ au-delà de ce délai est de nature à permettre la fin de l’accompagnement.',
      'La durée de l’accompagnement par Pôle Emploi peut être supérieure en fonction des mesures issues des catégories de droit commun ou de la nature du contrat de travail (contrat aidé).',
      '2 – Bénéficiaire du Rsa en démarches administratives pour faire valoir ses droits retraites.',
    ),
    notes: [
      'À utiliser pour des bénéficiaires en fin d’accompagnement dans le dispositif (orientation en continu au-delà du seuil de 500 € de revenu d’activité, démarches de retraite).',
    ],
  },
];

export interface ActionsReferentialData {
  themes: ThemeDef[];
  actions: ActionDef[];
}

/**
 * Each action gets its own copy of its fiche's services and of its spheres, so that an administrator editing
 * one action (a new version) never changes another through a shared array.
 */
export const ACTIONS_REFERENTIAL: Versioned<ActionsReferentialData> = deepFreeze({
  version: 1,
  validFrom: '2009-06-01',
  data: {
    themes: THEMES,
    actions: ACTIONS.map((a) => ({ ...a, spheres: [...a.spheres], services: [...a.services], notes: [...a.notes] })),
  },
});

export const THEME_CODES: readonly ThemeCode[] = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', 'J'];

/** 'a.1.1.', ' A.1.1 ' → 'A.1.1' (the handbook writes both « A.1. » and « F.1 »). */
export function normalizeActionCode(code: string): string {
  return code.trim().toUpperCase().replace(/\.+$/, '');
}

/** The action of a code, or undefined if the referential lacks it. */
export function findAction(code: string, ref: Versioned<ActionsReferentialData> = ACTIONS_REFERENTIAL): ActionDef | undefined {
  const wanted = normalizeActionCode(code);
  return ref.data.actions.find((a) => a.code === wanted);
}

/** Like findAction, but an unknown code is an error (French message, for the boundaries). */
export function getAction(code: string, ref: Versioned<ActionsReferentialData> = ACTIONS_REFERENTIAL): ActionDef {
  const action = findAction(code, ref);
  if (!action) {
    throw new Error(`Code d’action inconnu : « ${code} » (référentiel des actions, version ${ref.version}).`);
  }
  return action;
}

/** The theme of a letter, or undefined. */
export function findTheme(code: string, ref: Versioned<ActionsReferentialData> = ACTIONS_REFERENTIAL): ThemeDef | undefined {
  const wanted = code.trim().toUpperCase();
  return ref.data.themes.find((t) => t.code === wanted);
}

/** Every action of a theme (parents and sub-actions), in the handbook's order. */
export function actionsForTheme(
  theme: ThemeCode,
  ref: Versioned<ActionsReferentialData> = ACTIONS_REFERENTIAL,
): ActionDef[] {
  return ref.data.actions.filter((a) => a.theme === theme);
}

/** The sub-actions of an action (A.1 → A.1.1, A.1.2); empty for a leaf. */
export function childActions(code: string, ref: Versioned<ActionsReferentialData> = ACTIONS_REFERENTIAL): ActionDef[] {
  const wanted = normalizeActionCode(code);
  return ref.data.actions.filter((a) => a.parent === wanted);
}

/** True when the fiche lists the action under that sphere. An unknown code is an error. */
export function isActionAllowedInSphere(
  action: ActionDef | string,
  sphere: Sphere,
  ref: Versioned<ActionsReferentialData> = ACTIONS_REFERENTIAL,
): boolean {
  const def = typeof action === 'string' ? getAction(action, ref) : action;
  return def.spheres.includes(sphere);
}

/**
 * The actions a référent may put in a PAP of that sphere, in the handbook's order.
 * - Only leaves: an action with sub-actions (A.1, D.1, E.1, F.1, F.2, G.2, G.3, G.4, H.1, H.2, H.3) is a
 *   heading; the fiches describe and place in spheres its sub-actions, which are what is worked on and
 *   evaluated. Actions without sub-actions (A.2, B.1, …, J.1) are leaves and selectable.
 * - Allowed in the sphere by the fiche.
 * - Not restricted: H.3.x only arrive through the exchange with Pôle Emploi.
 * G.4.5 is selectable but `requiresDerogation`: the PAP must record the Président's derogation.
 */
export function selectableActions(
  sphere: Sphere,
  ref: Versioned<ActionsReferentialData> = ACTIONS_REFERENTIAL,
): ActionDef[] {
  const parents = new Set(ref.data.actions.map((a) => a.parent).filter((p): p is string => p !== null));
  return ref.data.actions.filter((a) => !parents.has(a.code) && !a.restricted && a.spheres.includes(sphere));
}
