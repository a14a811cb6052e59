/**
 * The communes of the administrateur's MDS (a CAF line goes to the MDS of its commune; an unknown one is rejected).
 * A commune belongs to one MDS: its INSEE code is unique across the database.
 */
import { deleteCommune, findCommune, findCommuneByInsee, insertCommune, listCommunes, recordAudit, updateCommune, type CommuneRow } from '../../../db/queries';
import type { MethodOutput, MethodParsedInput } from '../../../shared/api/contract';
import { ApiError } from '../../../shared/api/errors';
import { communeInputSchema, type Commune } from '../../../shared/api/imports';
import { auditActor, type AuthedCall } from '../context';
import { fieldError } from '../kit';
import { decodeText, detectDelimiter } from './parse';
import { parse } from 'csv-parse/sync';

const toApi = (c: CommuneRow): Commune => ({ id: c.id, inseeCode: c.inseeCode, postalCode: c.postalCode, name: c.name });
const snapshot = (c: CommuneRow) => ({ inseeCode: c.inseeCode, postalCode: c.postalCode, name: c.name, mdsId: c.mdsId });

export function list(_input: unknown, call: AuthedCall): MethodOutput<'communes.list'> {
  return listCommunes(call.open.db, call.actor.mdsId).map(toApi);
}

type Saved = { row: CommuneRow; created: boolean };

/** Adds a commune to the MDS or changes one of its communes; an INSEE code of another MDS is refused. */
function saveOne(input: MethodParsedInput<'communes.save'>, call: AuthedCall): Saved {
  const { db } = call.open;
  const mdsId = call.actor.mdsId;
  const values = { inseeCode: input.inseeCode, postalCode: input.postalCode, name: input.name };
  const sameInsee = findCommuneByInsee(db, input.inseeCode);
  const target = input.id !== undefined ? findCommune(db, input.id) : sameInsee;
  if (input.id !== undefined && (!target || target.mdsId !== mdsId)) throw new ApiError('NOT_FOUND', 'Cette commune est introuvable.');
  if (sameInsee && sameInsee.mdsId !== mdsId) {
    throw fieldError('CONFLICT', 'inseeCode', `La commune ${input.inseeCode} (${sameInsee.name}) est déjà rattachée à une autre MDS.`);
  }
  if (sameInsee && target && sameInsee.id !== target.id) throw fieldError('CONFLICT', 'inseeCode', `Le code INSEE ${input.inseeCode} est déjà celui de ${sameInsee.name}.`);
  const at = call.app.nowIso();
  const actor = auditActor(call.actor);
  if (target) {
    const row = updateCommune(db, target.id, values);
    recordAudit(db, { actor, at, entity: 'commune', entityId: row.id, action: 'update', before: snapshot(target), after: snapshot(row) });
    return { row, created: false };
  }
  const row = insertCommune(db, { ...values, mdsId });
  recordAudit(db, { actor, at, entity: 'commune', entityId: row.id, action: 'create', before: null, after: snapshot(row) });
  return { row, created: true };
}

export const save = (input: MethodParsedInput<'communes.save'>, call: AuthedCall): MethodOutput<'communes.save'> => toApi(saveOne(input, call).row);

export function remove(input: MethodParsedInput<'communes.remove'>, call: AuthedCall): MethodOutput<'communes.remove'> {
  const { db } = call.open;
  const row = findCommune(db, input.id);
  if (!row || row.mdsId !== call.actor.mdsId) throw new ApiError('NOT_FOUND', 'Cette commune est introuvable.');
  deleteCommune(db, row.id);
  recordAudit(db, { actor: auditActor(call.actor), at: call.app.nowIso(), entity: 'commune', entityId: row.id, action: 'delete', before: snapshot(row), after: null });
  return { ok: true };
}

/** « code INSEE;code postal;nom » per line (a header line is recognised and skipped). */
export function importCommunes(input: MethodParsedInput<'communes.import'>, call: AuthedCall): MethodOutput<'communes.import'> {
  const { text } = decodeText(Buffer.from(input.contentBase64, 'base64'));
  const records = parse(text, { delimiter: detectDelimiter(text), relax_column_count: true, skip_empty_lines: true, trim: true, info: true }) as unknown as {
    record: string[];
    info: { lines: number };
  }[];
  let added = 0;
  let updated = 0;
  const rejected: { line: number; reason: string }[] = [];
  for (const { record, info } of records) {
    if (info.lines === 1 && !/\d/.test(record[0] ?? '')) continue;
    if (record.length !== 3) {
      rejected.push({ line: info.lines, reason: `Nombre de colonnes incorrect : ${record.length} au lieu de 3 (code INSEE ; code postal ; nom)` });
      continue;
    }
    const parsed = communeInputSchema.safeParse({ inseeCode: record[0], postalCode: record[1], name: record[2] });
    if (!parsed.success) {
      rejected.push({ line: info.lines, reason: parsed.error.issues.map((i) => i.message).join(' ; ') });
      continue;
    }
    try {
      const saved = saveOne(parsed.data, call);
      if (saved.created) added += 1;
      else updated += 1;
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      rejected.push({ line: info.lines, reason: error.message });
    }
  }
  return { added, updated, rejected };
}
