/** Reading the imports: saved mappings, batches, their rows, the rejected lines as a CSV for Excel. */
import { listImportBatches, listImportMappings, listImportRows, type ImportBatchListed } from '../../../db/queries';
import type { MethodOutput, MethodParsedInput } from '../../../shared/api/contract';
import { importCountsSchema, importFieldsOf, type ImportBatch, type ImportMapping } from '../../../shared/api/imports';
import { toCsv, type CsvColumn } from '../../../shared/domain/csv';
import { todayOf } from '../kit';
import type { AuthedCall } from '../context';
import { batchOf, toApiRow } from './engine';

export function toApiBatch(b: ImportBatchListed): ImportBatch {
  return {
    id: b.id,
    kind: b.kind,
    source: b.source,
    fileName: b.fileName,
    fileSha256: b.fileSha256,
    status: b.status,
    counts: importCountsSchema.parse(JSON.parse(b.countsJson)),
    user: b.userName,
    createdAt: b.createdAt,
    appliedAt: b.appliedAt,
    undoneAt: b.undoneAt,
    undoneBy: b.undoneByName,
  };
}

export function sources(input: MethodParsedInput<'imports.sources'>, call: AuthedCall): MethodOutput<'imports.sources'> {
  return listImportMappings(call.open.db, call.actor.mdsId, input.kind).map((m) => ({
    kind: m.kind,
    source: m.source,
    mapping: JSON.parse(m.mappingJson) as ImportMapping,
    updatedAt: m.updatedAt,
  }));
}

export function batches(input: MethodParsedInput<'imports.batches'>, call: AuthedCall): MethodOutput<'imports.batches'> {
  return listImportBatches(call.open.db, call.actor.mdsId, input.kind, input.limit).map(toApiBatch);
}

export function rows(input: MethodParsedInput<'imports.rows'>, call: AuthedCall): MethodOutput<'imports.rows'> {
  batchOf(call, input.batchId);
  const page = listImportRows(call.open.sqlite, input.batchId, input.verdict, input.offset, input.limit);
  return { total: page.total, rows: page.rows.map(toApiRow) };
}

type RejectedRow = { line: number; reason: string | null; values: Record<string, string> };

/** The rejected lines: « Ligne », the file's columns as mapped (French labels), « Motif du rejet ». */
export function rejectedFile(input: MethodParsedInput<'imports.rejectedFile'>, call: AuthedCall): MethodOutput<'imports.rejectedFile'> {
  const batch = batchOf(call, input.batchId);
  const page = listImportRows(call.open.sqlite, input.batchId, 'rejete', 0, Number.MAX_SAFE_INTEGER);
  const columns: CsvColumn<RejectedRow>[] = [
    { header: 'Ligne', value: (r) => r.line },
    ...importFieldsOf(batch.kind).map((f): CsvColumn<RejectedRow> => ({ header: f.label, value: (r) => r.values[f.key] ?? '' })),
    { header: 'Motif du rejet', value: (r) => r.reason },
  ];
  const csv = toCsv(columns, page.rows.map((r) => ({ line: r.line, reason: r.reason, values: JSON.parse(r.data_json) as Record<string, string> })));
  const base = batch.fileName.replace(/\.[^.]*$/, '').replace(/[^\p{L}\p{N}_-]+/gu, '-');
  return { fileName: `${base}-rejets-${todayOf(call)}.csv`, csv, count: page.total };
}
