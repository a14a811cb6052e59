/**
 * The purge: an administrator confirms a list of dossiers due for anonymisation; each is anonymised in the same
 * transaction (db/queries/rgpd.ts `purgePerson`), the journal's values about them too, and the purge itself is
 * recorded in the journal (who, when, how many; no personal data). Never automatic, never silent: a dossier not due,
 * blocked, already anonymised or of another MDS refuses the whole list.
 */
import {
  anonymiseAuditMentions,
  optimiseSearchIndex,
  purgePerson,
  recordAudit,
  retentionFacts,
  withFrozenRecordsWritable,
} from '../../../db/queries';
import type { MethodOutput, MethodParsedInput } from '../../../shared/api/contract';
import { ApiError } from '../../../shared/api/errors';
import { formatDate } from '../../../shared/domain/format';
import { auditActor, type AuthedCall } from '../context';
import { todayOf } from '../kit';
import { assess } from './retention';

const NOT_FOUND = (id: number) => `Le dossier n° ${id} n’est pas un dossier de votre MDS à anonymiser (introuvable, d’une autre MDS ou déjà anonymisé).`;

export function purge(input: MethodParsedInput<'rgpd.purge'>, call: AuthedCall): MethodOutput<'rgpd.purge'> {
  const { sqlite } = call.open;
  const today = todayOf(call);
  const personIds = [...new Set(input.personIds)];
  const facts = new Map(retentionFacts(sqlite, call.actor.mdsId, personIds).map((f) => [f.personId, f]));
  for (const id of personIds) {
    const f = facts.get(id);
    if (!f) throw new ApiError('RULE', NOT_FOUND(id));
    const { stage, candidate } = assess(f, today);
    if (candidate.blocker) throw new ApiError('RULE', `Dossier n° ${id} : ${candidate.blocker}`);
    if (stage !== 'a_anonymiser') {
      throw new ApiError(
        'RULE',
        `Le dossier n° ${id} n’est pas à anonymiser : dernière activité le ${formatDate(candidate.lastActivity)}, durée de conservation écoulée le ${formatDate(candidate.dueSince)} seulement.`,
      );
    }
  }

  const at = call.app.nowIso();
  const secureDelete = sqlite.pragma('secure_delete', { simple: true }) as number;
  // Erased values are overwritten on disk, not only unlinked (pages and free space of the file).
  sqlite.pragma('secure_delete = ON');
  try {
    const outcomes = withFrozenRecordsWritable(sqlite, () => personIds.map((id) => purgePerson(sqlite, id, at)));
    const mentions = anonymiseAuditMentions(sqlite, outcomes.flatMap((o) => o.terms), at);
    optimiseSearchIndex(sqlite);
    const result = {
      purged: personIds.length,
      foyers: outcomes.filter((o) => o.foyerPurged).length,
      auditLines: outcomes.reduce((n, o) => n + o.auditLines, 0) + mentions,
    };
    recordAudit(call.open.db, {
      actor: auditActor(call.actor),
      at,
      entity: 'rgpd_purge',
      entityId: at,
      action: 'update',
      before: null,
      after: { ...result, personIds, retention: 'dossier' },
    });
    // After COMMIT (the write queue runs it next): the WAL's copies of the erased pages are folded into the file.
    void call.app.workspace.writes.run(() => {
      try {
        call.app.workspace.current?.sqlite.pragma('wal_checkpoint(TRUNCATE)');
      } catch (error) {
        console.error('[rgpd] point de reprise du journal WAL impossible après l’anonymisation', error);
      }
    });
    return result;
  } finally {
    sqlite.pragma(`secure_delete = ${secureDelete}`);
  }
}
