/**
 * What contracts and fiches need from the interview capability (its queries, db/queries/interview.ts): the
 * orientation in force and the latest EDE, in the shapes the contract rules use.
 */
import type { ThemeCode } from '../../shared/domain/referentials/types';
import type { Orientation } from '../../shared/domain/rules/orientation';
import { currentOrientation, findEdeAssessment, latestEdeAssessment } from './interview';
import type { DbOrTx } from './types';

export interface OrientationInForce {
  id: number;
  /** Date of the decision: no contract starts before it. */
  date: string;
  orientation: Orientation;
  start: string;
  organismeName: string;
  correspondantName: string;
  referentName: string | null;
}

/** The person's current orientation period (the open one), or undefined when no decision was recorded. */
export function orientationInForce(db: DbOrTx, personId: number): OrientationInForce | undefined {
  const row = currentOrientation(db, personId);
  if (!row) return undefined;
  return {
    id: row.id,
    date: row.decisionDate,
    orientation: row.orientation,
    start: row.startDate,
    organismeName: row.organismeName,
    correspondantName: row.correspondantName,
    referentName: row.referentName,
  };
}

export interface LatestEde {
  id: number;
  date: string;
  total: number;
  /** PAP themes the coloured items point to (A–J order). */
  themes: ThemeCode[];
}

const THEMES = new Set<string>(['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', 'J']);

function themesOf(scoreJson: string): ThemeCode[] {
  try {
    const score = JSON.parse(scoreJson) as { themes?: unknown };
    return Array.isArray(score.themes) ? score.themes.filter((t): t is ThemeCode => typeof t === 'string' && THEMES.has(t)) : [];
  } catch {
    return [];
  }
}

/** The person's most recent EDE (by date, then by entry), with the PAP themes its coloured items point to. */
export function latestEdeOf(db: DbOrTx, personId: number): LatestEde | undefined {
  const row = latestEdeAssessment(db, personId);
  return row ? { id: row.id, date: row.date, total: row.total, themes: themesOf(row.scoreJson) } : undefined;
}

/** true when the EDE exists and belongs to the person. */
export function edeBelongsTo(db: DbOrTx, edeId: number, personId: number): boolean {
  return findEdeAssessment(db, edeId)?.personId === personId;
}
