/**
 * Shapes of the versioned referentials (data, not code branches). A record made with a referential keeps
 * its version, so an old contract still shows the labels it was signed with.
 */

export type Sphere = 'solidarite' | 'professionnelle';

export interface Versioned<T> {
  /** Increases each time an administrator changes the data; records keep the version they used. */
  version: number;
  /** ISO date from which this version applies. */
  validFrom: string;
  data: T;
}

/** Theme letter A–J of the codification des actions d'insertion. */
export type ThemeCode = 'A' | 'B' | 'C' | 'D' | 'E' | 'F' | 'G' | 'H' | 'I' | 'J';

export interface ThemeDef {
  code: ThemeCode;
  /** e.g. "Le logement" */
  label: string;
}

export interface ActionDef {
  /** e.g. 'A.1', 'A.1.1', 'J.1' */
  code: string;
  /** The handbook's exact label, e.g. "Accompagnement Logement dans le cadre du FSL" */
  label: string;
  theme: ThemeCode;
  /** Parent code for a sub-action (A.1.1 → A.1), null for a top-level action. */
  parent: string | null;
  /** Spheres in which the action may be used (empty: "non concernée" for both). */
  spheres: Sphere[];
  /** The fiche says it "ne peut être la seule action" of a PAP. */
  notAlone: boolean;
  /**
   * The fiche says only « dans certains cas » it cannot be the only action (B.1): the PAP should warn,
   * not refuse.
   */
  notAloneWarning?: boolean;
  /** "Services ou organismes sollicités" of its fiche. */
  services: string[];
  /** The fiche synthétique's definition text, shown when a user picks the action. */
  definition: string;
  /** Special notes, e.g. G.4.5 needs a derogation from the Président; H.3 only through Pôle Emploi. */
  notes: string[];
  /** true where the action cannot be chosen directly (H.3.x: only through the exchange with Pôle Emploi). */
  restricted?: boolean;
  /** true where choosing it requires the Président's derogation (G.4.5). */
  requiresDerogation?: boolean;
}

export interface RomeCode {
  /** e.g. 'A1101' */
  code: string;
  /** Domain letter A–N */
  domain: string;
  label: string;
}

export interface RomeDomain {
  letter: string;
  label: string;
}

/** EDE grid: 8 items × 6 paliers. */
export type EdeColour = 'aucune' | 'vert' | 'rose' | 'bleu';

export interface EdePalier {
  /** 1 (aucun frein) … 6 (frein majeur) */
  level: 1 | 2 | 3 | 4 | 5 | 6;
  description: string;
  points: number;
  colour: EdeColour;
}

export interface EdeItem {
  /** 1..8 */
  number: number;
  key: string;
  label: string;
  /** PAP themes this item points to (e.g. ['G','H']). */
  themes: ThemeCode[];
  paliers: EdePalier[];
}

export interface EdeGrid {
  items: EdeItem[];
  thresholds: {
    /** total < professionnelleBelow → orientation professionnelle Pôle Emploi (default 18) */
    professionnelleBelow: number;
    /** total > solidariteAbove → solidarité (default 35) */
    solidariteAbove: number;
  };
}

export interface CodeLabel {
  code: string;
  label: string;
}

/** Dated base amount of the montant forfaitaire for one person. */
export interface RsaBaseAmount {
  /** ISO date of effect */
  from: string;
  /** euros, one person */
  amount: number;
}
