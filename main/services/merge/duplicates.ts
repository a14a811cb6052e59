/**
 * The possible duplicates of an MDS, waiting for a person's answer:
 * - the lines of applied import batches that looked like an existing dossier (verdict « doublon possible »);
 * - the pairs of live dossiers (neither merged nor anonymised) with the same identity key (shared/domain/identity.ts:
 *   name without accents, case, hyphens or particles — birth name or usage name —, first prénom, birth date), found
 *   in one pass over the MDS's persons — except the pairs answered « Ce ne sont pas les mêmes personnes »
 *   (`dismissPair`, table identity_exclusions).
 * An import line answered « C'est la même personne » is applied to the existing dossier as an update line of its kind
 * would be (the imports engine's `confirm`); answered « Ce n'est pas la même personne », its dossier is created.
 */
import {
  excludedPairsOfMds,
  identityPairKey,
  insertIdentityExclusion,
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
import { cafEngine, Communes, createCafDossier, engineOf, Identities, type BatchContext, type CafLine } from '../imports';
import { duplicateDossiers, mdsDossiers, NOT_FOUND } from './dossiers';

type Sqlite = AuthedCall['open']['sqlite'];

/** At most this many pairs of dossiers are listed (the list says when there are more). */
export const MAX_PAIRS = 200;

/**
 * The pairs of live dossiers of the MDS sharing an identity key, each once, in the order of their ids; not the pairs
 * answered « not the same persons ».
 */
export function identityPairs(sqlite: Sqlite, mdsId: number): [number, number][] {
  const excluded = excludedPairsOfMds(sqlite, mdsId);
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
    for (let i = 0; i < unique.length; i += 1) {
      for (let j = i + 1; j < unique.length; j += 1) {
        const key = identityPairKey(unique[i]!, unique[j]!);
        if (!excluded.has(key)) pairs.set(key, [unique[i]!, unique[j]!]);
      }
    }
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

/** The context of the imports engine for one line of a batch, now. */
function lineContext(call: AuthedCall, row: PendingImportRow, identities: Identities): BatchContext {
  const { sqlite, db } = call.open;
  return {
    sqlite,
    db,
    mdsId: call.actor.mdsId,
    batchId: row.batchId,
    actor: auditActor(call.actor),
    at: call.app.nowIso(),
    communes: new Communes(sqlite),
    identities,
    seen: new Map(),
  };
}

/**
 * « C’est la même personne »: the line applied to the existing dossier by its kind's engine (`confirm`: a CAF line
 * updates the foyer, a France Travail line the person's identifiant and situation), the line pointing at what it
 * changed and keeping the values before (its batch is no longer undoable: engine.ts says why). Refused (RULE, nothing
 * written) when the line no longer applies.
 */
function applyConfirmedLine(call: AuthedCall, row: PendingImportRow): string {
  const ctx = lineContext(call, row, new Identities());
  const values = JSON.parse(row.dataJson) as Record<string, string>;
  const done = engineOf(row.kind as ImportKind).confirm(values, row.line, ctx, row.candidatePersonId);
  if (done.refused !== undefined) throw new ApiError('RULE', `La ligne ${row.line} ne peut pas être appliquée à ce dossier : ${done.refused}.`);
  call.open.sqlite
    .prepare('UPDATE import_rows SET person_id = ?, foyer_id = ?, before_json = ? WHERE id = ?')
    .run(done.personId, done.foyerId, done.before === null ? null : JSON.stringify(done.before), row.rowId);
  const what = done.changes.length > 0 ? ` Mis à jour : ${done.changes.join(', ')}.` : ' Rien n’a changé dans le dossier.';
  return `${what}${done.note ? ` ${done.note}` : ''}`;
}

/**
 * « Ce n’est pas la même personne » for a CAF line: its foyer and persons are created now, as the import creates a new
 * line's (the imports engine's `createCafDossier`, the line read again with today's communes and dossiers). Nothing
 * is created when its CAF number is now a known foyer, or when the line no longer reads (a commune removed since).
 */
function createRefusedLine(call: AuthedCall, row: PendingImportRow): { personId: number | null; note: string } {
  if (row.kind !== 'caf_nouveaux') return { personId: null, note: '' };
  const { sqlite } = call.open;
  const ctx = lineContext(call, row, Identities.ofMds(sqlite, call.actor.mdsId));
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
  const applied = input.resolution === 'confirme' ? applyConfirmedLine(call, row) : '';
  const at = call.app.nowIso();
  recordAudit(db, {
    actor: auditActor(call.actor),
    at,
    entity: 'duplicate_resolution',
    entityId: row.rowId,
    action: 'update',
    before: { resolution: null },
    after: {
      resolution: input.resolution,
      batchId: row.batchId,
      line: row.line,
      candidatePersonId: row.candidatePersonId,
      createdPersonId: created.personId,
      ...(applied ? { applied: applied.trim() } : {}),
    },
  });
  const who = `${candidate.dossier.name} (dossier n° ${candidate.row.personId})`;
  return {
    rowId: row.rowId,
    resolution: input.resolution,
    personId: input.resolution === 'confirme' ? row.candidatePersonId : created.personId,
    message:
      input.resolution === 'confirme'
        ? `Ligne ${row.line} : c’est la même personne que ${who} ; aucun nouveau dossier n’est créé.${applied}`
        : `Ligne ${row.line} : ce n’est pas la même personne que ${who}.${created.note}`,
  };
}

/**
 * « Ce ne sont pas les mêmes personnes » for a pair of dossiers: recorded once (smaller id first), in the journal; the
 * list no longer offers the pair. Both must be live dossiers of the caller's MDS (NOT_FOUND / FORBIDDEN otherwise,
 * nothing written).
 */
export function dismissPair(input: MethodParsedInput<'duplicates.dismissPair'>, call: AuthedCall): MethodOutput<'duplicates.dismissPair'> {
  const [aId, bId] = input.personAId < input.personBId ? [input.personAId, input.personBId] : [input.personBId, input.personAId];
  const { kept: a, merged: b } = mdsDossiers(call, aId, bId);
  for (const d of [a, b]) {
    if (d.row.mergedIntoId !== null) throw new ApiError('NOT_FOUND', `${NOT_FOUND} (n° ${d.row.personId} : fusionné dans le dossier n° ${d.row.mergedIntoId})`);
    if (d.row.purgedAt !== null) throw new ApiError('NOT_FOUND', `${NOT_FOUND} (n° ${d.row.personId} : anonymisé)`);
  }
  const at = call.app.nowIso();
  const id = insertIdentityExclusion(call.open.sqlite, { personAId: aId, personBId: bId, userId: call.actor.id, at });
  const pair = `Les dossiers n° ${aId} (${a.dossier.name}) et n° ${bId} (${b.dossier.name})`;
  if (id === null) return { personAId: aId, personBId: bId, message: `${pair} sont déjà notés comme deux personnes différentes.` };
  recordAudit(call.open.db, {
    actor: auditActor(call.actor),
    at,
    entity: 'identity_exclusion',
    entityId: id,
    action: 'create',
    before: null,
    after: { personAId: aId, personBId: bId, answer: 'Ce ne sont pas les mêmes personnes' },
  });
  return { personAId: aId, personBId: bId, message: `${pair} ne sont plus proposés comme doublons : ce ne sont pas les mêmes personnes.` };
}
