import { deleteDraft, deleteDraftsOf, deleteExpiredDrafts, draftStamps, findDraft, saveDraft } from '../../../db/queries';
import type { MethodOutput, MethodParsedInput } from '../../../shared/api/contract';
import { ApiError } from '../../../shared/api/errors';
import { draftsExpiryInstant, draftsToDelete } from '../../../shared/domain/referentials/retention';
import type { AuthedCall } from '../context';

/** Largest draft kept, as JSON text (UTF-8 bytes). */
export const MAX_DRAFT_BYTES = 256 * 1024;

/*
 * Retention (shared/domain/referentials/retention.ts): a draft older than 30 days is never offered (`get` ignores it)
 * and is deleted at the next `drafts.save` of anyone; each save also keeps the user's 50 newest drafts (the oldest go,
 * never the one saved).
 */

export function get(input: MethodParsedInput<'drafts.get'>, call: AuthedCall): MethodOutput<'drafts.get'> {
  const row = findDraft(call.open.db, call.actor.id, input.key);
  if (!row || row.updatedAt < draftsExpiryInstant(call.app.options.now())) return null;
  return { data: JSON.parse(row.dataJson) as unknown, updatedAt: row.updatedAt };
}

export function save(input: MethodParsedInput<'drafts.save'>, call: AuthedCall): MethodOutput<'drafts.save'> {
  let json: string | undefined;
  try {
    json = JSON.stringify(input.data);
  } catch {
    json = undefined;
  }
  if (json === undefined) {
    throw new ApiError('VALIDATION', 'Ce brouillon ne peut pas être enregistré (contenu illisible).', {
      data: 'Contenu de brouillon illisible.',
    });
  }
  if (Buffer.byteLength(json, 'utf8') > MAX_DRAFT_BYTES) {
    throw new ApiError('VALIDATION', 'Ce brouillon est trop volumineux (256 Ko au plus) : il n’a pas été enregistré.', {
      data: 'Brouillon trop volumineux (256 Ko au plus).',
    });
  }
  const db = call.open.db;
  const now = call.app.options.now();
  deleteExpiredDrafts(db, draftsExpiryInstant(now));
  saveDraft(db, call.actor.id, input.key, json, now.toISOString());
  deleteDraftsOf(db, call.actor.id, draftsToDelete(draftStamps(db, call.actor.id), now, input.key));
  return { ok: true };
}

export function remove(input: MethodParsedInput<'drafts.delete'>, call: AuthedCall): MethodOutput<'drafts.delete'> {
  deleteDraft(call.open.db, call.actor.id, input.key);
  return { ok: true };
}
