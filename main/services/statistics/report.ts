/**
 * The printable « rapport d’activité »: every figure of the screen under the same filter, printed by the documents
 * capability (main/documents/templates/activity-report.tsx), never archived; recorded in the journal as an export
 * (who, which filter, how many tables).
 */
import { findMds } from '../../../db/queries';
import { ApiError } from '../../../shared/api/errors';
import type { MethodOutput, MethodParsedInput } from '../../../shared/api/contract';
import type { AuthedCall } from '../context';
import { renderActivityReport } from '../documents';
import { recordExport, todayOf } from '../kit';
import { resolveStatistics, statisticsTables } from './resolve';

export async function report(input: MethodParsedInput<'statistics.report'>, call: AuthedCall): Promise<MethodOutput<'statistics.report'>> {
  const today = todayOf(call);
  const resolved = resolveStatistics(call.open.sqlite, call.actor, input.filter, today);
  const mds = findMds(call.open.db, call.actor.mdsId);
  if (!mds) throw new ApiError('NOT_FOUND', 'Votre MDS est introuvable.');
  const tables = statisticsTables(call.open.sqlite, resolved);
  const { pdf, pageCount } = await renderActivityReport(
    { scope: resolved.scope, tables, madeOn: today, madeBy: call.actor.displayName },
    { mds: { name: mds.name, territory: mds.territory, address: mds.address, commune: mds.commune } },
  );
  const fileName = `Rapport d’activité ${resolved.scope.from} ${resolved.scope.to}.pdf`;
  recordExport(call, fileName, { list: 'statistiques', format: 'pdf', filter: input.filter, rows: tables.length });
  return { fileName, mime: 'application/pdf', base64: pdf.toString('base64'), size: pdf.length, pageCount };
}
