/** The statistics' filter resolved for one actor, and the tables built under it. */
import type { StatisticsScope } from '../../../db/queries';
import type { Sqlite } from '../../../db/open';
import { ApiError } from '../../../shared/api/errors';
import { STAT_FIGURES, statisticsFilterSchema, type StatFigure, type StatisticsFilter, type StatScope, type StatTable } from '../../../shared/api/statistics';
import { addDaysIso, addMonthsIso, toIso } from '../../../shared/domain/rules/dates';
import type { Actor } from '../context';
import { fieldError } from '../kit';
import { buildTable } from './tables';

const READERS = new Set(['correspondant', 'secretaire_ep', 'administrateur']);

export interface ResolvedStatistics {
  query: StatisticsScope;
  scope: StatScope;
}

/**
 * The filter checked against the actor: their MDS only (the default), an organisme and a référent of that MDS; the
 * period defaults to the twelve months up to today.
 */
export function resolveStatistics(sqlite: Sqlite, actor: Actor, filter: StatisticsFilter, today: string): ResolvedStatistics {
  if (!READERS.has(actor.role)) throw new ApiError('FORBIDDEN', 'Les statistiques sont réservées aux correspondants, aux secrétaires de l’EP et aux administrateurs.');
  const f = statisticsFilterSchema.parse(filter);
  if (f.mdsId !== undefined && f.mdsId !== actor.mdsId) throw new ApiError('FORBIDDEN', 'Les statistiques d’une autre MDS ne vous sont pas accessibles.');
  const to = f.to ?? today;
  const from = f.from ?? addDaysIso(addMonthsIso(to, -12), 1);
  if (from > to) throw fieldError('VALIDATION', 'filter.to', 'La date de début doit précéder la date de fin');
  const mds = sqlite.prepare('SELECT id, name, territory FROM mds WHERE id = ?').get(actor.mdsId) as StatScope['mds'] | undefined;
  if (!mds) throw new ApiError('NOT_FOUND', 'Votre MDS est introuvable.');
  /** An organisme or a référent of the actor's MDS, by id (undefined: not asked; otherwise refused when not found). */
  const ofMds = <T>(id: number | undefined, sql: string, field: string, message: string): T | null => {
    if (id === undefined) return null;
    const found = sqlite.prepare(sql).get(id, actor.mdsId) as T | undefined;
    if (!found) throw fieldError('VALIDATION', field, message);
    return found;
  };
  const organisme = ofMds<NonNullable<StatScope['organisme']>>(
    f.organismeId,
    'SELECT id, name FROM organismes_referents WHERE id = ? AND (mds_id = ? OR mds_id IS NULL)',
    'filter.organismeId',
    'Cet organisme n’est pas un organisme de votre MDS.',
  );
  const referent = ofMds<NonNullable<StatScope['referent']>>(
    f.referentId,
    "SELECT id, display_name AS displayName FROM users WHERE id = ? AND role = 'referent' AND mds_id = ?",
    'filter.referentId',
    'Ce référent n’est pas un référent de votre MDS.',
  );
  return {
    query: { mdsId: actor.mdsId, from, to, today, referentId: referent?.id ?? null, organismeId: organisme?.id ?? null },
    scope: { from, to, mds, organisme, referent },
  };
}

/** One figure as a table for the actor (small cells hidden), as the screen shows it: for the exports (pass `todayOf(call)`). */
export function statisticsTable(sqlite: Sqlite, actor: Actor, figure: StatFigure, filter: StatisticsFilter, today: string = toIso(new Date())): StatTable {
  return buildTable(sqlite, resolveStatistics(sqlite, actor, filter, today).query, figure);
}

/** Every figure asked for (all by default). */
export function statisticsTables(sqlite: Sqlite, resolved: ResolvedStatistics, figures: readonly StatFigure[] = STAT_FIGURES): StatTable[] {
  return figures.map((figure) => buildTable(sqlite, resolved.query, figure));
}

