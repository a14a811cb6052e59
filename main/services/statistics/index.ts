/**
 * Statistics and evaluation (issue 15 §3): the figures of the « Statistiques » screen (tables.ts), the filter's
 * choices, and the printable « rapport d’activité » (report.ts, through the documents capability). Correspondants,
 * secrétaires EP and administrateurs see their own MDS, never another; small cells are hidden in every table.
 * `statisticsTable` serves the exports (one figure as a table, the same cells as the screen).
 */
import { statOptions } from '../../../db/queries';
import type { StatFigure, statisticsMethods, StatisticsFilter } from '../../../shared/api/statistics';
import type { HandlersFor } from '../../app/types';
import type { AuthedCall } from '../context';
import { todayOf } from '../kit';
import { report } from './report';
import { resolveStatistics, statisticsTables } from './resolve';

export { resolveStatistics, statisticsTable, statisticsTables, type ResolvedStatistics } from './resolve';

const get = (input: { filter: StatisticsFilter; figures?: StatFigure[] | undefined }, call: AuthedCall) => {
  const resolved = resolveStatistics(call.open.sqlite, call.actor, input.filter, todayOf(call));
  return { scope: resolved.scope, tables: statisticsTables(call.open.sqlite, resolved, input.figures) };
};

export const statisticsHandlers: HandlersFor<keyof typeof statisticsMethods> = {
  'statistics.get': get,
  'statistics.options': (_input, call) => {
    resolveStatistics(call.open.sqlite, call.actor, {}, todayOf(call));
    return statOptions(call.open.sqlite, call.actor.mdsId);
  },
  'statistics.report': report,
};
