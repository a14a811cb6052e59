/**
 * Retention of personal data (RGPD art. 5(1)(e) « limitation de la conservation »): the durations, as dated and
 * versioned reference data with the text that justifies each one next to it (domain-notes §5). A Département that
 * chooses other durations publishes a new version; the code reads the durations from here, never from constants.
 *
 * « Dernière activité » and « fin du RSA » are defined from what the database holds: see docs/rules.md, « Issue 13 —
 * RGPD », and `main/services/rgpd/` (the query that computes them is db/queries/rgpd.ts).
 */
import { addDays, addYears, formatISO, parseISO } from 'date-fns';
import type { Versioned } from './types';
import { deepFreeze } from './util';

export interface RetentionReferential {
  /** A dossier (a person, their foyer when no one else remains in it, every record and document about them). */
  dossier: {
    /** Base active: the years after the reference date (see `startsFrom`) during which the dossier is used. */
    activeYears: number;
    /** Archivage intermédiaire: the years after the base active, for litigation and recovery of undue payments. */
    intermediateYears: number;
    startsFrom: string;
    action: string;
    basis: string[];
  };
  /** Drafts of half-filled forms (per user). */
  drafts: { maxAgeDays: number; maxPerUser: number; action: string; basis: string[] };
  /** The audit journal's lines about a dossier. */
  journal: { action: string; basis: string[] };
  /** Backups of the database (the backups capability rotates them). */
  backups: { dailies: number; weeklies: number; action: string; basis: string[] };
}

export const RETENTION_REFERENTIAL: Versioned<RetentionReferential> = deepFreeze({
  version: 1,
  validFrom: '2026-01-01',
  data: {
    dossier: {
      activeYears: 2,
      intermediateYears: 3,
      startsFrom:
        'la fin du RSA connue (mois de radiation d’un échéancier de sanction) ou, à défaut, la dernière activité du dossier (dernier enregistrement, fin du dernier contrat, dernier rendez-vous, dernière décision…)',
      action:
        'Anonymisation : identité, coordonnées, textes libres, pièces jointes et documents archivés effacés ; dates, codes et montants gardés pour les statistiques.',
      basis: [
        'RGPD, art. 5.1.e (limitation de la conservation) et art. 17.3.b (effacement, sauf obligation légale ou mission d’intérêt public).',
        'CNIL, délibération n° 2023-095 du 14 septembre 2023 (référentiel « durées de conservation » du secteur social et médico-social) : accompagnement social, base active de 2 ans à compter du dernier contact avec la personne accompagnée.',
        'Archivage intermédiaire de 3 ans : action en recouvrement des sommes indûment versées (CASF, art. L. 262-45 : 2 ans, sauf fraude ou fausse déclaration) et prescription de droit commun en cas de fraude (code civil, art. 2224 : 5 ans à compter de la dernière activité).',
        'CNIL, délibération n° 2021-028 du 11 mars 2021 (référentiel de l’accompagnement social et médico-social des personnes en difficulté) : à l’issue des durées, données supprimées ou anonymisées.',
      ],
    },
    drafts: {
      maxAgeDays: 30,
      maxPerUser: 50,
      action: 'Suppression : un brouillon de plus de 30 jours est effacé ; au-delà de 50 brouillons par compte, les plus anciens sont effacés.',
      basis: [
        'RGPD, art. 5.1.c (minimisation) et 5.1.e : un brouillon est une copie de travail d’un formulaire non enregistré, sans utilité une fois le travail abandonné.',
      ],
    },
    journal: {
      action: 'Les valeurs avant / après des lignes du journal sur un dossier anonymisé sont anonymisées avec lui ; la ligne (qui, quand, quoi) reste.',
      basis: ['RGPD, art. 32 (traçabilité des accès et des modifications) et art. 5.1.e : le journal ne garde pas plus longtemps que le dossier les données de la personne.'],
    },
    backups: {
      dailies: 7,
      weeklies: 4,
      action: 'Suppression par rotation : 7 sauvegardes quotidiennes et 4 hebdomadaires ; une donnée effacée disparaît des sauvegardes au plus tard 5 semaines après.',
      basis: ['RGPD, art. 32.1.c (rétablir la disponibilité des données en cas d’incident).'],
    },
  },
});

export type RetentionStage = 'base_active' | 'archivage_intermediaire' | 'a_anonymiser';

const iso = (d: Date) => formatISO(d, { representation: 'date' });

/** The day from which a dossier whose reference date is `reference` ('YYYY-MM-DD') is to be anonymised. */
export function dossierPurgeDate(reference: string, rules: RetentionReferential = RETENTION_REFERENTIAL.data): string {
  return iso(addYears(parseISO(reference), rules.dossier.activeYears + rules.dossier.intermediateYears));
}

/** Where a dossier stands on `today`: in the base active, in archivage intermédiaire, or due for anonymisation. */
export function dossierRetentionStage(reference: string, today: string, rules: RetentionReferential = RETENTION_REFERENTIAL.data): RetentionStage {
  if (today >= dossierPurgeDate(reference, rules)) return 'a_anonymiser';
  if (today >= iso(addYears(parseISO(reference), rules.dossier.activeYears))) return 'archivage_intermediaire';
  return 'base_active';
}

/** The instant (ISO) before which a draft saved is too old to keep. */
export function draftsExpiryInstant(now: Date, rules: RetentionReferential = RETENTION_REFERENTIAL.data): string {
  return addDays(now, -rules.drafts.maxAgeDays).toISOString();
}

/**
 * Drafts of one user to delete: those older than the maximum age, then the oldest beyond the cap (`keep`: a key never
 * deleted, the draft being saved).
 */
export function draftsToDelete(
  drafts: readonly { key: string; updatedAt: string }[],
  now: Date,
  keep?: string,
  rules: RetentionReferential = RETENTION_REFERENTIAL.data,
): string[] {
  const expiry = draftsExpiryInstant(now, rules);
  const old = drafts.filter((d) => d.updatedAt < expiry && d.key !== keep).map((d) => d.key);
  const left = drafts
    .filter((d) => d.updatedAt >= expiry || d.key === keep)
    .sort((a, b) => (a.key === keep ? -1 : b.key === keep ? 1 : a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : 0));
  return [...old, ...left.slice(rules.drafts.maxPerUser).map((d) => d.key)];
}
