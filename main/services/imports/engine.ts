/**
 * The import engine: a file → a batch « aperçu » (each line's verdict, nothing else written) → applied in one
 * transaction, chunk after chunk (progress readable, cancellable between chunks: a cancel or an error rolls the
 * whole batch back) → undone as a whole if nobody touched its records since.
 *
 * Lines are judged again when the batch is applied (the database may have changed since the preview); the preview
 * and the apply share the same code (`evaluate`). A file already imported (same kind, same content, applied and
 * not undone) changes nothing: every line is « inchangé ».
 */
import { createHash } from 'node:crypto';
import {
  countImportRows,
  findAppliedSameFile,
  findImportBatch,
  findImportMapping,
  importRowStatements,
  insertImportBatch,
  recordAudit,
  saveImportMapping,
  updateImportBatch,
  type ImportBatchListed,
  type ImportRowRecord,
} from '../../../db/queries';
import { ApiError } from '../../../shared/api/errors';
import {
  importFieldsOf,
  type ImportCounts,
  type ImportKind,
  type ImportMapping,
  type ImportPreview,
  type ImportProgress,
  type ImportVerdict,
} from '../../../shared/api/imports';
import type { MethodParsedInput } from '../../../shared/api/contract';
import { formatDateTime } from '../../../shared/domain/format';
import { auditActor, type AppContext, type AuthedCall } from '../context';
import { cafEngine } from './caf';
import { Communes, Identities, type BatchContext, type Evaluation, type ImportKindEngine } from './context';
import { ftEngine } from './franceTravail';
import { openFile, type FileRecord } from './parse';
import { wordsKey, type LineValues } from './values';

/** The page cache while a batch is read or applied (KiB; the connection's usual one is 32 MiB): bounded, restored after. */
const BATCH_CACHE_KIB = 131_072;

/** Runs a batch's work with a larger page cache (an encrypted page read again is decrypted again). */
async function withBatchCache<T>(call: AuthedCall, work: () => Promise<T>): Promise<T> {
  const { sqlite } = call.open;
  const usual = sqlite.pragma('cache_size', { simple: true }) as number;
  sqlite.pragma(`cache_size = -${BATCH_CACHE_KIB}`);
  try {
    return await work();
  } finally {
    sqlite.pragma(`cache_size = ${usual}`);
  }
}

/** Lines applied between two looks at the cancel flag (and two progress updates). */
export const APPLY_CHUNK = 500;
/** Lines stored per statement batch in the preview. */
const PREVIEW_ROWS = 100;
/** A line whose column count is not the header's (judged once, at the preview: the count is not stored). */
const COLUMN_COUNT = 'Nombre de colonnes incorrect';

export const engineOf = (kind: ImportKind): ImportKindEngine => (kind === 'caf_nouveaux' ? cafEngine : ftEngine(kind));

/** Other ways a file names a column (compared without accents, case or punctuation). */
const SYNONYMS: Readonly<Record<string, readonly string[]>> = {
  numeroAllocataire: ['n allocataire', 'no allocataire', 'numero allocataire', 'num allocataire', 'matricule', 'numero caf', 'n caf', 'allocataire'],
  nom: ['nom de naissance', 'nom patronymique', 'nom usuel', 'nom allocataire'],
  prenoms: ['prenom', 'prenoms allocataire', 'prenom allocataire'],
  prenom: ['prenoms'],
  dateNaissance: ['date naissance', 'ne le', 'nee le', 'ne e le', 'date de naiss', 'ddn'],
  sexe: ['civilite', 'genre'],
  adresse: ['adresse postale', 'voie', 'rue', 'ligne adresse'],
  codePostal: ['cp', 'code post'],
  commune: ['ville', 'localite', 'code insee', 'insee'],
  situationFamiliale: ['situation de famille', 'situation'],
  enfants: ['nombre d enfants', 'nb enfants', 'enfants', 'personnes a charge'],
  rsaDepuis: ['date d ouverture des droits', 'ouverture rsa', 'date ouverture', 'droit rsa depuis', 'rsa depuis'],
  identifiant: ['identifiant', 'identifiant ft', 'identifiant pe', 'identifiant pole emploi', 'n france travail', 'numero france travail', 'id ft'],
  date: ['date evenement', 'date de l evenement', 'date d effet', 'date inscription', 'date radiation', 'date cessation'],
  code: ['code motif', 'code evenement', 'categorie'],
  motif: ['libelle motif', 'motif de radiation', 'motif de cessation', 'libelle'],
};

/** The mapping to use: the one given, else the one saved for the source, else guessed from the headers. */
export function resolveMapping(kind: ImportKind, headers: readonly string[], given: ImportMapping | undefined, saved: ImportMapping | undefined): ImportMapping {
  const present = new Set(headers);
  const byKey = new Map(headers.map((h) => [wordsKey(h), h]));
  const mapping: ImportMapping = {};
  for (const field of importFieldsOf(kind)) {
    const chosen = given?.[field.key] ?? saved?.[field.key];
    if (chosen !== undefined && chosen !== null && present.has(chosen)) {
      mapping[field.key] = chosen;
      continue;
    }
    if (given && field.key in given) {
      mapping[field.key] = null;
      continue;
    }
    const names = [field.label, field.key, ...(SYNONYMS[field.key] ?? [])].map(wordsKey);
    mapping[field.key] = names.map((n) => byKey.get(n)).find((h) => h !== undefined) ?? null;
  }
  return mapping;
}

const emptyCounts = (): ImportCounts => ({ lines: 0, nouveau: 0, mise_a_jour: 0, doublon_possible: 0, rejete: 0, inchange: 0 });

function batchContext(call: AuthedCall, batchId: number): BatchContext {
  const { sqlite, db } = call.open;
  return {
    sqlite,
    db,
    mdsId: call.actor.mdsId,
    batchId,
    actor: auditActor(call.actor),
    at: call.app.nowIso(),
    communes: new Communes(sqlite),
    identities: Identities.ofMds(sqlite, call.actor.mdsId),
    seen: new Map(),
  };
}

/** The line's values by field key (a wrong column count is a rejection of its own). */
function valuesOf(record: FileRecord, headerCount: number, columns: [string, number][]): { values: Record<string, string>; columnError: string | null } {
  const values: Record<string, string> = {};
  for (const [key, index] of columns) values[key] = record.cells[index] ?? '';
  const cells = record.cells.length;
  const columnError = cells !== headerCount ? `${COLUMN_COUNT} : ${cells} au lieu de ${headerCount}` : null;
  return { values, columnError };
}

/** The batch of the actor's MDS, or NOT_FOUND. */
export function batchOf(call: AuthedCall, batchId: number): ImportBatchListed {
  const batch = findImportBatch(call.open.db, batchId);
  if (!batch || batch.mdsId !== call.actor.mdsId) throw new ApiError('NOT_FOUND', 'Cet import est introuvable.');
  return batch;
}

export const preview = (input: MethodParsedInput<'imports.preview'>, call: AuthedCall): Promise<ImportPreview> => withBatchCache(call, () => previewFile(input, call));

async function previewFile(input: MethodParsedInput<'imports.preview'>, call: AuthedCall): Promise<ImportPreview> {
  const { db, sqlite } = call.open;
  const { actor } = call;
  const bytes = Buffer.from(input.contentBase64, 'base64');
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const file = await openFile(bytes);
  const saved = findImportMapping(db, actor.mdsId, input.kind, input.source);
  const mapping = resolveMapping(input.kind, file.headers, input.mapping, saved ? (JSON.parse(saved.mappingJson) as ImportMapping) : undefined);
  const missingFields = importFieldsOf(input.kind)
    .filter((f) => f.required && !mapping[f.key])
    .map((f) => f.label);
  const base = { format: file.format, encoding: file.encoding, delimiter: file.delimiter, headers: file.headers, mapping, missingFields };
  const at = call.app.nowIso();
  // The mapping the user chose is kept for the source, even before it is complete; a guessed one once it is.
  if (input.mapping || missingFields.length === 0) {
    saveImportMapping(db, { mdsId: actor.mdsId, kind: input.kind, source: input.source, mappingJson: JSON.stringify(mapping), userId: actor.id, at });
  }
  if (missingFields.length > 0) return { ...base, batchId: null, counts: emptyCounts(), rows: [], alreadyImported: null };
  const same = findAppliedSameFile(db, actor.mdsId, input.kind, sha256);
  const batchId = insertImportBatch(db, {
    kind: input.kind,
    source: input.source,
    fileName: input.fileName,
    fileSha256: sha256,
    countsJson: JSON.stringify(emptyCounts()),
    mdsId: actor.mdsId,
    userId: actor.id,
    createdAt: at,
  });
  const ctx = batchContext(call, batchId);
  const engine = engineOf(input.kind);
  const columns = Object.entries(mapping)
    .filter((e): e is [string, string] => e[1] !== null)
    .map(([key, header]) => [key, file.headers.indexOf(header)] as [string, number]);
  const statements = importRowStatements(sqlite);
  const counts = emptyCounts();
  const alreadyReason = same ? `Fichier déjà importé le ${formatDateTime(same.appliedAt ?? same.createdAt)} (import n° ${same.id})` : null;
  for await (const record of file.records) {
    const { values, columnError } = valuesOf(record, file.headers.length, columns);
    const ev: Evaluation = alreadyReason
      ? { verdict: 'inchange', reason: alreadyReason, candidatePersonId: null }
      : columnError
        ? { verdict: 'rejete', reason: columnError, candidatePersonId: null }
        : engine.evaluate(values, record.line, ctx);
    statements.insert.run(batchId, record.line, ev.verdict, ev.reason, JSON.stringify(values), ev.candidatePersonId);
    counts.lines += 1;
    counts[ev.verdict] += 1;
  }
  updateImportBatch(db, batchId, { countsJson: JSON.stringify(counts) });
  const rows = (statements.after.all(batchId, 0, PREVIEW_ROWS) as ImportRowRecord[]).map(toApiRow);
  return { ...base, batchId, counts, rows, alreadyImported: same ? { batchId: same.id, appliedAt: same.appliedAt ?? same.createdAt } : null };
}

export function toApiRow(r: ImportRowRecord) {
  return {
    id: r.id,
    line: r.line,
    verdict: r.verdict,
    reason: r.reason,
    values: JSON.parse(r.data_json) as Record<string, string>,
    personId: r.person_id,
    foyerId: r.foyer_id,
    candidatePersonId: r.candidate_person_id,
    resolution: r.resolution,
  };
}

// Progress and cancel, in memory (per app) ----------------------------------------------------------------------

interface Running extends ImportProgress {
  cancel: boolean;
}
const progressByApp = new WeakMap<AppContext, Map<number, Running>>();
const progressOf = (app: AppContext) => {
  let map = progressByApp.get(app);
  if (!map) {
    map = new Map();
    progressByApp.set(app, map);
  }
  return map;
};

export function progress(batchId: number, call: AuthedCall): ImportProgress {
  batchOf(call, batchId);
  const p = progressOf(call.app).get(batchId);
  if (!p) return { batchId, state: 'inconnu', done: 0, total: 0, message: null };
  return { batchId, state: p.state, done: p.done, total: p.total, message: p.message };
}

export function cancel(batchId: number, call: AuthedCall): { ok: true; running: boolean } {
  batchOf(call, batchId);
  const p = progressOf(call.app).get(batchId);
  const running = p?.state === 'en_cours';
  if (p && running) p.cancel = true;
  return { ok: true, running };
}

const CANCELLED = 'Import annulé : rien n’a été enregistré.';
/** Lets the other calls (progress, cancel, reads) run between two chunks. */
const yieldToOthers = () => new Promise<void>((resolve) => setImmediate(resolve));

const APPLIED: readonly ImportVerdict[] = ['nouveau', 'mise_a_jour'];

/** Applies a batch « aperçu » (inside the dispatcher's write transaction: all or nothing). */
export const apply = (batchId: number, call: AuthedCall): Promise<ImportBatchListed> => withBatchCache(call, () => applyBatch(batchId, call));

async function applyBatch(batchId: number, call: AuthedCall): Promise<ImportBatchListed> {
  const batch = batchOf(call, batchId);
  if (batch.status !== 'apercu') throw new ApiError('RULE', 'Cet import a déjà été traité : prévisualisez le fichier à nouveau.');
  const { db, sqlite } = call.open;
  const same = findAppliedSameFile(db, batch.mdsId, batch.kind, batch.fileSha256);
  const ctx = batchContext(call, batchId);
  const engine = engineOf(batch.kind);
  const statements = importRowStatements(sqlite);
  const total = (sqlite.prepare('SELECT count(*) AS n FROM import_rows WHERE batch_id = ?').get(batchId) as { n: number }).n;
  const running: Running = { batchId, state: 'en_cours', done: 0, total, message: null, cancel: false };
  progressOf(call.app).set(batchId, running);
  const counts = emptyCounts();
  try {
    let lastId = 0;
    for (;;) {
      const rows = statements.after.all(batchId, lastId, APPLY_CHUNK) as ImportRowRecord[];
      if (rows.length === 0) break;
      for (const row of rows) {
        const values = JSON.parse(row.data_json) as LineValues;
        let ev: Evaluation;
        if (same) ev = { verdict: 'inchange', reason: `Fichier déjà importé (import n° ${same.id})`, candidatePersonId: null };
        else if (row.verdict === 'rejete' && row.reason?.startsWith(COLUMN_COUNT)) ev = { verdict: 'rejete', reason: row.reason, candidatePersonId: null };
        else ev = engine.evaluate(values, row.line, ctx);
        const applied = APPLIED.includes(ev.verdict) ? engine.apply(ev, row.line, ctx) : null;
        statements.applied.run(
          ev.verdict,
          ev.reason,
          applied?.personId ?? null,
          applied?.foyerId ?? null,
          ev.candidatePersonId,
          applied?.before === null || applied?.before === undefined ? null : JSON.stringify(applied.before),
          row.id,
        );
        counts.lines += 1;
        counts[ev.verdict] += 1;
      }
      lastId = rows[rows.length - 1]!.id;
      running.done += rows.length;
      await yieldToOthers();
      if (running.cancel) throw new ApiError('RULE', CANCELLED);
    }
    const at = call.app.nowIso();
    moveBatch(ctx, { status: 'termine', countsJson: JSON.stringify(counts), appliedAt: at }, {
      status: 'termine',
      kind: batch.kind,
      source: batch.source,
      fileName: batch.fileName,
      fileSha256: batch.fileSha256,
      counts,
    });
    running.state = 'termine';
    return batchOf(call, batchId);
  } catch (error) {
    running.state = running.cancel ? 'annule' : 'echoue';
    running.message = running.cancel ? CANCELLED : `L’import a échoué, rien n’a été enregistré : ${error instanceof ApiError ? error.message : 'erreur inattendue'}.`;
    throw error;
  }
}

/** A batch's new status, in the journal (before: the status it leaves). */
function moveBatch(ctx: BatchContext, values: Parameters<typeof updateImportBatch>[2] & { status: 'termine' | 'annule' }, after: Record<string, unknown>): void {
  updateImportBatch(ctx.db, ctx.batchId, values);
  const before = { status: values.status === 'termine' ? 'apercu' : 'termine' };
  recordAudit(ctx.db, { actor: ctx.actor, at: ctx.at, entity: 'import_batch', entityId: ctx.batchId, action: 'update', before, after });
}

/** Undoes an applied batch as a whole, if none of its records was touched since; else RULE with the reason. */
export function undo(batchId: number, call: AuthedCall): ImportBatchListed {
  const batch = batchOf(call, batchId);
  if (batch.status !== 'termine') throw new ApiError('RULE', batch.status === 'annule' ? 'Cet import est déjà annulé.' : 'Seul un import appliqué peut être annulé.');
  const { sqlite } = call.open;
  const ctx = batchContext(call, batchId);
  const engine = engineOf(batch.kind);
  const rows = (sqlite.prepare('SELECT * FROM import_rows WHERE batch_id = ? ORDER BY line DESC, id DESC').all(batchId) as ImportRowRecord[]).map((r) => ({
    line: r.line,
    verdict: r.verdict,
    personId: r.person_id,
    foyerId: r.foyer_id,
    before: r.before_json ? (JSON.parse(r.before_json) as unknown) : null,
    resolution: r.resolution,
  }));
  const applied = rows.filter((r) => APPLIED.includes(r.verdict));
  const reasons = [
    ...rows
      .filter((r) => r.resolution)
      .map((r) =>
        r.resolution === 'confirme' && r.personId !== null
          ? `la ligne ${r.line} a été appliquée depuis au dossier n° ${r.personId} (« C’est la même personne »)`
          : `le doublon possible de la ligne ${r.line} a été traité depuis`,
      ),
    ...engine.undo(applied, ctx, true),
  ];
  if (reasons.length > 0) {
    const more = reasons.length > 1 ? ` (et ${reasons.length - 1} autre${reasons.length > 2 ? 's' : ''} ligne${reasons.length > 2 ? 's' : ''})` : '';
    throw new ApiError('RULE', `Cet import ne peut plus être annulé : ${reasons[0]}${more}.`);
  }
  engine.undo(applied, ctx, false);
  moveBatch(ctx, { status: 'annule', undoneAt: ctx.at, undoneById: call.actor.id }, { status: 'annule', counts: countImportRows(sqlite, batchId) });
  return batchOf(call, batchId);
}
