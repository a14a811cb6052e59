/**
 * EDE – Échelle de distance à l'emploi (Annexe 3 of the livret). The handbook fixes the frame: 8 items,
 * 6 paliers, points from 1 (weakest) to 20 (heaviest obstacle), three colours and the orientation bands.
 * The wording of this default grid is our design (domain-notes §3): one item per PAP theme so that an EDE
 * points straight at the themes the contract should work on. Administrators may edit it: each edit is a new
 * version, and an assessment keeps the version it was scored with.
 *
 * Palier 1 is « aucun frein, tel que le bénéficiaire le voit », palier 6 « frein majeur, bloquant ».
 * The grid records the person's own view, negotiated with the référent (a caravan may be no obstacle).
 */
import type { EdeColour, EdeGrid, EdeItem, EdePalier, ThemeCode, Versioned } from './types';
import { deepFreeze } from './util';

type Level = EdePalier['level'];
const LEVELS: readonly Level[] = [1, 2, 3, 4, 5, 6];

/** Default points per palier (the same for every item; the grid stores them per item and palier). */
export const EDE_DEFAULT_POINTS: Readonly<Record<Level, number>> = deepFreeze({ 1: 1, 2: 2, 3: 4, 4: 8, 5: 14, 6: 20 });

/** Default colour per palier: 1–2 none, 3 vert, 4 rose, 5–6 bleu. */
export const EDE_DEFAULT_COLOURS: Readonly<Record<Level, EdeColour>> = deepFreeze({
  1: 'aucune',
  2: 'aucune',
  3: 'vert',
  4: 'rose',
  5: 'bleu',
  6: 'bleu',
});

/** What each colour means (livret, « L'analyse de l'échelle à distance pour l'emploi »). */
export const EDE_COLOUR_LABELS: Readonly<Record<EdeColour, string>> = deepFreeze({
  aucune: 'Pas de couleur : pas de frein signalé à ce palier',
  vert: 'Point de vigilance, qui peut être un frein important ou non pour le retour à l’emploi',
  rose: 'À l’appréciation de l’Équipe pluridisciplinaire ou de l’Équipe d’orientation',
  bleu: 'Réel frein à l’emploi : l’orientation vers la sphère solidarité est à prioriser',
});

function item(
  number: number,
  key: string,
  label: string,
  themes: ThemeCode[],
  descriptions: [string, string, string, string, string, string],
): EdeItem {
  return {
    number,
    key,
    label,
    themes,
    paliers: LEVELS.map((level) => ({
      level,
      description: descriptions[level - 1] as string,
      points: EDE_DEFAULT_POINTS[level],
      colour: EDE_DEFAULT_COLOURS[level],
    })),
  };
}

const ITEMS: EdeItem[] = [
  item(1, 'logement', 'Logement', ['A'], [
    'Aucune difficulté de logement : la personne est satisfaite de son logement actuel.',
    'Le logement convient, avec une petite gêne (taille, confort, charges) sans effet sur la recherche d’emploi.',
    'Difficultés de logement à surveiller : charges lourdes, logement mal adapté, retards de loyer ponctuels.',
    'Logement fragile : impayés installés, fin de bail annoncée ou hébergement provisoire chez un tiers.',
    'Hébergement d’urgence ou précaire, ou procédure d’expulsion en cours : le logement accapare la personne.',
    'Sans logement ou expulsion imminente : trouver un toit passe avant tout, la recherche d’emploi est bloquée.',
  ]),
  item(2, 'sante', 'Santé', ['B'], [
    'Aucun problème de santé ne gêne le travail, selon la personne.',
    'Petits soucis de santé bien suivis, sans effet sur la disponibilité pour un emploi.',
    'Problème de santé qui limite certains postes ou horaires ; un suivi médical est à maintenir.',
    'Problème de santé ou handicap qui demande des démarches : soins réguliers, RQTH, adaptation du poste.',
    'Problème de santé important (physique, psychique ou addiction) : pas d’emploi régulier possible pour l’instant.',
    'Problème de santé majeur (hospitalisation, soins lourds, invalidité) : tout projet d’emploi est suspendu.',
  ]),
  item(3, 'famille', 'Contraintes familiales, garde d’enfants', ['C'], [
    'Aucune contrainte familiale ne gêne la disponibilité pour un emploi.',
    'Contraintes familiales organisées : mode de garde trouvé, relais familiaux disponibles.',
    'Garde d’enfants possible mais fragile (horaires limités, solution ponctuelle) : elle est à consolider.',
    'Pas de mode de garde pour certains jours ou horaires, ou un proche à accompagner régulièrement.',
    'Enfant de moins de 3 ans sans mode de garde, enfant malade ou handicapé, proche dépendant : très peu disponible.',
    'Situation familiale bloquante (crise familiale, protection de l’enfant en cours) : aucune disponibilité à ce jour.',
  ]),
  item(4, 'budget', 'Budget et situation financière', ['D'], [
    'Budget maîtrisé : pas de dette, les dépenses courantes sont couvertes.',
    'Budget serré mais géré seul, sans retard de paiement.',
    'Quelques retards de paiement ou difficultés ponctuelles pour finir le mois.',
    'Dettes installées (loyer, énergie, crédits) ou besoin d’aide pour tenir le budget.',
    'Surendettement ou dettes multiples qui mobilisent la personne : dossier ou mesure d’accompagnement nécessaire.',
    'Plus de ressources pour les besoins de base (alimentation, énergie coupée) : situation d’urgence.',
  ]),
  item(5, 'vie_sociale', 'Vie sociale, isolement', ['E'], [
    'Vie sociale satisfaisante : entourage, activités et relations régulières.',
    'Entourage présent, mais peu d’activités en dehors du foyer.',
    'Relations limitées : la personne sort peu et souhaite retrouver des contacts.',
    'Isolement marqué : peu de contacts, manque de confiance en soi, démarches difficiles à faire seul.',
    'Grand isolement ou rupture avec l’entourage : la personne ne se sent pas prête à aller vers les autres.',
    'Rupture sociale totale, grande exclusion : aucun lien sur lequel s’appuyer.',
  ]),
  item(6, 'competences', 'Savoirs de base, compétences, formation', ['F'], [
    'Savoirs de base maîtrisés et qualification ou expérience reconnue pour le métier visé.',
    'Savoirs de base maîtrisés ; une mise à jour ponctuelle (informatique, habilitation) suffirait.',
    'Qualification ancienne ou éloignée du métier visé, ou légères difficultés à l’écrit ou en calcul.',
    'Pas de qualification, ou difficultés en lecture, écriture, calcul ou numérique qui gênent les démarches.',
    'Maîtrise insuffisante du français ou des savoirs de base : une formation est nécessaire avant un emploi.',
    'Ne lit pas, n’écrit pas ou ne comprend pas le français : aucune démarche écrite possible sans aide.',
  ]),
  item(7, 'projet_emploi', 'Projet professionnel et recherche d’emploi', ['G', 'H'], [
    'Projet professionnel clair et recherche d’emploi active et autonome.',
    'Projet défini ; la recherche d’emploi demande un appui ponctuel (CV, candidatures).',
    'Projet à préciser ou à valider ; recherche d’emploi irrégulière.',
    'Pas de projet défini, ou projet sans rapport avec les possibilités ; longue période sans emploi.',
    'Aucune démarche vers l’emploi depuis longtemps : la personne ne se projette pas dans un emploi pour l’instant.',
    'La personne ne peut envisager aucune activité professionnelle à ce jour.',
  ]),
  item(8, 'mobilite', 'Mobilité', ['I'], [
    'Se déplace sans difficulté : permis et véhicule, ou transports en commun adaptés.',
    'Se déplace avec quelques contraintes : horaires des transports, véhicule partagé.',
    'Mobilité limitée à la commune ou au secteur proche : certains emplois restent hors de portée.',
    'Ni permis ni véhicule, transports en commun rares : la recherche est très limitée géographiquement.',
    'Très grande difficulté à se déplacer : aucun moyen de transport, peur ou incapacité de prendre les transports.',
    'Aucun déplacement possible hors du domicile ou du quartier.',
  ]),
];

/**
 * The default grid. Bands (livret): total < 18 → orientation professionnelle (Pôle Emploi); total > 35 →
 * sphère solidarité; otherwise, 18 and 35 included, the EP/EO decides.
 */
export const DEFAULT_EDE_GRID: Versioned<EdeGrid> = deepFreeze({
  version: 1,
  validFrom: '2009-06-01',
  data: {
    items: ITEMS,
    thresholds: { professionnelleBelow: 18, solidariteAbove: 35 },
  },
});

/** The item of a grid by key or number. */
export function findEdeItem(keyOrNumber: string | number, grid: EdeGrid = DEFAULT_EDE_GRID.data): EdeItem | undefined {
  return grid.items.find((i) => (typeof keyOrNumber === 'number' ? i.number === keyOrNumber : i.key === keyOrNumber));
}

/** Lowest and highest total a grid can give (one palier per item). */
export function edeTotalRange(grid: EdeGrid = DEFAULT_EDE_GRID.data): { min: number; max: number } {
  let min = 0;
  let max = 0;
  for (const i of grid.items) {
    const points = i.paliers.map((p) => p.points);
    min += Math.min(...points);
    max += Math.max(...points);
  }
  return { min, max };
}

const THEMES: readonly ThemeCode[] = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', 'J'];
const COLOURS: readonly EdeColour[] = ['aucune', 'vert', 'rose', 'bleu'];

/**
 * Checks a grid an administrator edited; returns the problems in French (empty: the grid can be published).
 * Rules: 8 items numbered 1–8 with distinct keys, a label and known themes; 6 paliers 1–6 each with a
 * description, a whole number of points ≥ 0 never decreasing from palier 1 to 6, a known colour; thresholds
 * with professionnelleBelow ≤ solidariteAbove.
 */
export function edeGridProblems(grid: EdeGrid): string[] {
  const problems: string[] = [];
  if (grid.items.length !== 8) problems.push(`La grille doit compter 8 items (elle en compte ${grid.items.length}).`);
  const keys = new Set<string>();
  grid.items.forEach((it, index) => {
    const name = it.label.trim() || `n° ${index + 1}`;
    if (it.number !== index + 1) problems.push(`L’item « ${name} » doit porter le numéro ${index + 1}.`);
    if (!it.key.trim()) problems.push(`L’item n° ${index + 1} n’a pas de clé.`);
    if (keys.has(it.key)) problems.push(`La clé « ${it.key} » est utilisée par deux items.`);
    keys.add(it.key);
    if (!it.label.trim()) problems.push(`L’item n° ${index + 1} n’a pas d’intitulé.`);
    for (const t of it.themes) {
      if (!THEMES.includes(t)) problems.push(`L’item « ${name} » renvoie à un thème inconnu : « ${t} ».`);
    }
    if (it.paliers.length !== 6) {
      problems.push(`L’item « ${name} » doit compter 6 paliers (il en compte ${it.paliers.length}).`);
      return;
    }
    it.paliers.forEach((p, i) => {
      if (p.level !== i + 1) problems.push(`L’item « ${name} » : le palier en position ${i + 1} doit être le palier ${i + 1}.`);
      if (!p.description.trim()) problems.push(`L’item « ${name} » : le palier ${i + 1} n’a pas de description.`);
      if (!Number.isInteger(p.points) || p.points < 0) {
        problems.push(`L’item « ${name} » : les points du palier ${i + 1} doivent être un nombre entier positif.`);
      }
      const previous = it.paliers[i - 1];
      if (previous && p.points < previous.points) {
        problems.push(`L’item « ${name} » : le palier ${i + 1} ne peut pas valoir moins de points que le palier ${i}.`);
      }
      if (!COLOURS.includes(p.colour)) problems.push(`L’item « ${name} » : couleur inconnue au palier ${i + 1}.`);
    });
  });
  const { professionnelleBelow, solidariteAbove } = grid.thresholds;
  if (!Number.isInteger(professionnelleBelow) || !Number.isInteger(solidariteAbove)) {
    problems.push('Les seuils d’orientation doivent être des nombres entiers.');
  } else if (professionnelleBelow > solidariteAbove) {
    problems.push('Le seuil de l’orientation professionnelle doit être inférieur ou égal à celui de la solidarité.');
  }
  return problems;
}
