/**
 * Merge of two dossiers found to be the same person (issue 15 §1). One is kept; every record of the other — DSP
 * revisions, EDE, préconisations, orientations, contracts (with their PAP), fiches de liaison, attachments, EP
 * saisines (with their avis and decisions), sanctions, rendez-vous, documents, France Travail events, incomes — moves
 * to it, in the one write transaction of the call. The merged dossier keeps its identity, points to the kept one
 * (persons.merged_into_id), leaves the search and refuses every write (foundation/dossiers.ts `accessibleDossier`).
 * A person_merges row records what moved (ids per table); the journal has the merge and a line on each dossier.
 *
 * Refused whole, nothing written, when the moves would break a rule: an orientation in force on both sides (one
 * orientation in force per person), a contract in progress on both sides (brouillon to en cours), a dossier already
 * merged or anonymised.
 */
import { insertPersonMerge, mergeFacts, mergePersons, recordAudit, type DossierIdentityRow, type MergeFacts } from '../../../db/queries';
import type { MethodOutput, MethodParsedInput } from '../../../shared/api/contract';
import type { RecordCounts } from '../../../shared/api/merge';
import { CONTRACT_STATUS_LABELS, type ContractStatus } from '../../../shared/domain/rules/contracts';
import { ORIENTATION_LABELS, type Orientation } from '../../../shared/domain/rules/orientation';
import { formatDate } from '../../../shared/domain/format';
import { auditActor, type AuthedCall } from '../context';
import { ruleFailure } from '../kit';
import { mdsDossiers } from './dossiers';

type Sqlite = AuthedCall['open']['sqlite'];

/** A contract that is not over: being drafted, signed, at the SLAI, validated or running. */
const IN_PROGRESS: readonly string[] = ['brouillon', 'signe', 'transmis_slai', 'valide', 'en_cours'] satisfies ContractStatus[];

const dossierNo = (row: DossierIdentityRow) => `dossier n° ${row.personId}`;

/** Why these two dossiers cannot be merged (empty: they can). */
export function mergeRefusals(sqlite: Sqlite, kept: DossierIdentityRow, merged: DossierIdentityRow): string[] {
  const out: string[] = [];
  for (const row of [kept, merged]) {
    if (row.mergedIntoId !== null) out.push(`Le ${dossierNo(row)} a déjà été fusionné dans le dossier n° ${row.mergedIntoId} : il ne se fusionne plus.`);
    if (row.purgedAt !== null) out.push(`Le ${dossierNo(row)} est anonymisé : il ne se fusionne pas.`);
  }
  if (out.length > 0) return out;

  const facts = mergeFacts(sqlite, [kept.personId, merged.personId]);
  const sides = (list: MergeFacts['openOrientations'] | MergeFacts['contracts']) =>
    [kept, merged].every((row) => list.some((x) => x.personId === row.personId));
  if (sides(facts.openOrientations)) {
    const what = facts.openOrientations
      .map((o) => `${(ORIENTATION_LABELS[o.orientation as Orientation] ?? o.orientation).toLowerCase()} depuis le ${formatDate(o.startDate)}, dossier n° ${o.personId}`)
      .join(' ; ');
    out.push(`Les deux dossiers ont chacun une orientation en cours (${what}) : une personne n’a qu’une orientation en cours. Mettez fin à l’une d’elles avant de fusionner.`);
  }
  const current = facts.contracts.filter((c) => IN_PROGRESS.includes(c.status));
  if (sides(current)) {
    const what = current
      .map((c) => `${c.type} du ${formatDate(c.start)} au ${formatDate(c.end)}, ${CONTRACT_STATUS_LABELS[c.status as ContractStatus].toLowerCase()}, dossier n° ${c.personId}`)
      .join(' ; ');
    out.push(`Les deux dossiers ont chacun un contrat en cours (${what}) : une personne n’a qu’un contrat en cours. Clôturez ou supprimez l’un d’eux avant de fusionner.`);
  }
  return out;
}

/** What the merge moves: every record of the merged dossier; its incomes only when the kept one has none. */
function movesOf(kept: RecordCounts, merged: RecordCounts): RecordCounts {
  return { ...merged, incomes: kept.incomes > 0 ? 0 : merged.incomes };
}

export function preview(input: MethodParsedInput<'merge.preview'>, call: AuthedCall): MethodOutput<'merge.preview'> {
  const { kept, merged } = mdsDossiers(call, input.keptPersonId, input.mergedPersonId);
  return {
    kept: kept.dossier,
    merged: merged.dossier,
    moves: movesOf(kept.dossier.counts, merged.dossier.counts),
    refusals: mergeRefusals(call.open.sqlite, kept.row, merged.row),
  };
}

export function apply(input: MethodParsedInput<'merge.apply'>, call: AuthedCall): MethodOutput<'merge.apply'> {
  const { sqlite, db } = call.open;
  const { kept, merged } = mdsDossiers(call, input.keptPersonId, input.mergedPersonId);
  const refusals = mergeRefusals(sqlite, kept.row, merged.row);
  if (refusals.length > 0) throw ruleFailure(refusals.map((message) => ({ message })));

  const at = call.app.nowIso();
  const keptId = kept.row.personId;
  const mergedId = merged.row.personId;
  const moves = mergePersons(sqlite, keptId, mergedId, at);
  const mergeId = insertPersonMerge(sqlite, { keptId, mergedId, moves, userId: call.actor.id, at });
  const moved: RecordCounts = {
    ...(Object.fromEntries(Object.entries(moves.moved).map(([k, list]) => [k, list.length])) as Omit<RecordCounts, 'incomes'>),
    incomes: moves.incomes === 'moved' ? 1 : 0,
  };

  const actor = auditActor(call.actor);
  recordAudit(db, {
    actor,
    at,
    entity: 'person_merge',
    entityId: mergedId,
    action: 'create',
    before: null,
    after: { mergeId, keptPersonId: keptId, mergedPersonId: mergedId, counts: moved, ...moves },
  });
  recordAudit(db, {
    actor,
    at,
    entity: 'person',
    entityId: mergedId,
    action: 'update',
    before: { mergedIntoId: null },
    after: { mergedIntoId: keptId, fusion: `fusionné dans le dossier n° ${keptId} (${kept.dossier.name})` },
  });
  recordAudit(db, {
    actor,
    at,
    entity: 'person',
    entityId: keptId,
    action: 'update',
    before: { peNumber: kept.row.peNumber },
    after: { fusion: `dossier n° ${mergedId} (${merged.dossier.name}) fusionné dans ce dossier`, moved, ...moves.kept },
  });
  return { mergeId, keptPersonId: keptId, mergedPersonId: mergedId, moved };
}
