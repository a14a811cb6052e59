/**
 * The possible duplicates of an MDS, waiting for a person's answer:
 * - the lines of applied import batches that looked like an existing dossier (verdict « doublon possible »);
 * - the pairs of live dossiers (neither merged nor anonymised) with the same identity key (shared/domain/identity.ts:
 *   name without accents, case, hyphens or particles — birth name or usage name —, first prénom, birth date), found
 *   in one pass over the MDS's persons.
 */
import {
  liveIdentitiesOfMds,
  pendingImportDuplicate,
  pendingImportDuplicates,
  recordAudit,
  setImportRowResolution,
  type PendingImportRow,
} from '../../../db/queries';
import type { MethodOutput, MethodParsedInput } from '../../../shared/api/contract';
import { ApiError } from '../../../shared/api/errors';
import { IMPORT_KIND_LABELS, type ImportKind } from '../../../shared/api/imports';
import type { ImportDuplicate } from '../../../shared/api/merge';
import { identityKeys } from '../../../shared/domain/identity';
import { auditActor, type AuthedCall } from '../context';
import { cafEngine, Communes, createCafDossier, Identities, type BatchContext, type CafLine } from '../imports';
import { duplicateDossiers } from './dossiers';

type Sqlite = AuthedCall['open']['sqlite'];

/** At most this many pairs of dossiers are listed (the list says when there are more). */
export const MAX_PAIRS = 200;

/** The pairs of live dossiers of the MDS sharing an identity key, each once, in the order of their ids. */
export function identityPairs(sqlite: Sqlite, mdsId: number): [number, number][] {
  const byKey = new Map<string, number[]>();
  for (const p of liveIdentitiesOfMds(sqlite, mdsId)) {
    for (const key of identityKeys(p)) {
      const list = byKey.get(key);
      if (list) list.push(p.personId);
      else byKey.set(key, [p.personId]);
    }
  }
  const pairs = new Map<string, [number, number]>();
  for (const list of byKey.values()) {
    if (list.length < 2) continue;
    const unique = [...new Set(list)].sort((x, y) => x - y);
    for (let i = 0; i < unique.length; i += 1) for (let j = i + 1; j < unique.length; j += 1) pairs.set(`${unique[i]}-${unique[j]}`, [unique[i]!, unique[j]!]);
  }
  return [...pairs.values()].sort((x, y) => x[0] - y[0] || x[1] - y[1]);
}

const text = (values: Record<string, unknown>, ...keys: string[]): string | null => {
  for (const key of keys) {
    const v = values[key];
    if (typeof v === 'string' && v.trim() !== '') return v.trim();
  }
  return null;
};

/** The identity a line gives, as read in the file (CAF and France Travail lists name their columns differently). */
function lineIdentity(row: PendingImportRow): ImportDuplicate['lineIdentity'] {
  let values: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(row.dataJson);
    if (parsed && typeof parsed === 'object') values = parsed as Record<string, unknown>;
  } catch {
    values = {};
  }
  return {
    nom: text(values, 'nom') ?? '',
    prenoms: text(values, 'prenoms', 'prenom') ?? '',
    dateNaissance: text(values, 'dateNaissance') ?? '',
    cafNumber: text(values, 'numeroAllocataire'),
    peNumber: text(values, 'identifiant'),
    commune: text(values, 'commune'),
  };
}

const kindLabel = (kind: string): string => IMPORT_KIND_LABELS[kind as ImportKind] ?? kind;

export function list(_input: MethodParsedInput<'duplicates.list'>, call: AuthedCall): MethodOutput<'duplicates.list'> {
  const { sqlite } = call.open;
  const mdsId = call.actor.mdsId;
  const lines = pendingImportDuplicates(sqlite, mdsId);
  const allPairs = identityPairs(sqlite, mdsId);
  const pairs = allPairs.slice(0, MAX_PAIRS);
  const dossiers = duplicateDossiers(sqlite, [...lines.map((l) => l.candidatePersonId), ...pairs.flat()]);
  const inMds = (id: number) => {
    const d = dossiers.get(id);
    return d && d.row.mdsId === mdsId ? d.dossier : undefined;
  };
  const imports: ImportDuplicate[] = [];
  for (const l of lines) {
    const candidate = inMds(l.candidatePersonId);
    if (!candidate) continue;
    imports.push({
      rowId: l.rowId,
      batchId: l.batchId,
      line: l.line,
      kindLabel: kindLabel(l.kind),
      fileName: l.fileName,
      importedAt: l.importedAt,
      reason: l.reason,
      lineIdentity: lineIdentity(l),
      candidate,
    });
  }
  return {
    imports,
    dossiers: pairs.map(([a, b]) => ({ a: inMds(a)!, b: inMds(b)! })),
    truncated: allPairs.length > pairs.length,
  };
}

/**
 * « Ce n’est pas la même personne » for a CAF line: its foyer and persons are created now, as the import creates a new
 * line's (the imports engine's `createCafDossier`, the line read again with today's communes and dossiers). Nothing
 * is created when its CAF number is now a known foyer, or when the line no longer reads (a commune removed since).
 */
function createRefusedLine(call: AuthedCall, row: PendingImportRow): { personId: number | null; note: string } {
  if (row.kind !== 'caf_nouveaux') return { personId: null, note: '' };
  const { sqlite, db } = call.open;
  const ctx: BatchContext = {
    sqlite,
    db,
    mdsId: call.actor.mdsId,
    batchId: row.batchId,
    actor: auditActor(call.actor),
    at: call.app.nowIso(),
    communes: new Communes(sqlite),
    identities: Identities.ofMds(sqlite, call.actor.mdsId),
    seen: new Map(),
  };
  const values = JSON.parse(row.dataJson) as Record<string, string>;
  const ev = cafEngine.evaluate(values, row.line, ctx);
  if (ev.verdict === 'rejete') throw new ApiError('RULE', `La ligne ${row.line} ne peut plus être créée : ${ev.reason ?? 'ligne invalide'}.`);
  if (ev.verdict === 'mise_a_jour' || ev.verdict === 'inchange') return { personId: null, note: ' Son foyer est déjà connu : aucun dossier n’est créé.' };
  const created = createCafDossier(ctx, ev.parsed as CafLine);
  sqlite.prepare('UPDATE import_rows SET person_id = ?, foyer_id = ? WHERE id = ?').run(created.personId, created.foyerId, row.rowId);
  return { personId: created.personId, note: ` Le dossier n° ${created.personId} est créé.` };
}

export function resolve(input: MethodParsedInput<'duplicates.resolve'>, call: AuthedCall): MethodOutput<'duplicates.resolve'> {
  const { sqlite, db } = call.open;
  const row = pendingImportDuplicate(sqlite, call.actor.mdsId, input.rowId);
  if (!row) throw new ApiError('NOT_FOUND', 'Cette ligne n’attend pas de réponse : introuvable, d’une autre MDS ou déjà traitée.');
  const candidate = duplicateDossiers(sqlite, [row.candidatePersonId]).get(row.candidatePersonId);
  if (!candidate || candidate.row.mdsId !== call.actor.mdsId) throw new ApiError('NOT_FOUND', 'Le dossier proposé n’est plus un dossier de votre MDS.');
  setImportRowResolution(sqlite, row.rowId, input.resolution);
  const created = input.resolution === 'refuse' ? createRefusedLine(call, row) : { personId: null, note: '' };
  const at = call.app.nowIso();
  recordAudit(db, {
    actor: auditActor(call.actor),
    at,
    entity: 'duplicate_resolution',
    entityId: row.rowId,
    action: 'update',
    before: { resolution: null },
    after: { resolution: input.resolution, batchId: row.batchId, line: row.line, candidatePersonId: row.candidatePersonId, createdPersonId: created.personId },
  });
  const who = `${candidate.dossier.name} (dossier n° ${candidate.row.personId})`;
  return {
    rowId: row.rowId,
    resolution: input.resolution,
    personId: input.resolution === 'confirme' ? row.candidatePersonId : created.personId,
    message:
      input.resolution === 'confirme'
        ? `Ligne ${row.line} : c’est la même personne que ${who} ; aucun nouveau dossier n’est créé.`
        : `Ligne ${row.line} : ce n’est pas la même personne que ${who}.${created.note}`,
  };
}
