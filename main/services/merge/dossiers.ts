/**
 * A dossier as the duplicate screens show it: identity, CAF, dates and the counts of its records — the same shape in
 * the duplicates list, on both sides of a pair, and in the merge preview.
 */
import { dossierIdentities, recordCounts, type DossierIdentityRow } from '../../../db/queries';
import type { DuplicateDossier } from '../../../shared/api/merge';
import { ApiError } from '../../../shared/api/errors';
import { personName } from '../../../shared/domain/format';
import type { AuthedCall } from '../context';

type Sqlite = AuthedCall['open']['sqlite'];

export const OTHER_MDS = 'Ce dossier relève d’une autre MDS : vous ne pouvez ni le consulter ni le modifier.';
export const NOT_FOUND = 'Ce dossier est introuvable.';

export function duplicateDossier(row: DossierIdentityRow, counts: DuplicateDossier['counts']): DuplicateDossier {
  return {
    personId: row.personId,
    name: personName(row),
    nomPatronymique: row.nomPatronymique,
    nomUsage: row.nomUsage,
    prenoms: row.prenoms,
    sexe: row.sexe,
    dateNaissance: row.dateNaissance,
    cafNumber: row.cafNumber,
    peNumber: row.peNumber,
    rsaDepuis: row.rsaDepuis,
    city: row.city,
    referentName: row.referentName,
    createdAt: row.createdAt,
    counts,
  };
}

/** The identities and counts of the given persons, by id. */
export function duplicateDossiers(sqlite: Sqlite, personIds: readonly number[]): Map<number, { row: DossierIdentityRow; dossier: DuplicateDossier }> {
  const unique = [...new Set(personIds)];
  const counts = recordCounts(sqlite, unique);
  return new Map(dossierIdentities(sqlite, unique).map((row) => [row.personId, { row, dossier: duplicateDossier(row, counts.get(row.personId)!) }]));
}

/** Both dossiers of a merge, each of the actor's MDS (NOT_FOUND / FORBIDDEN otherwise). */
export function mdsDossiers(call: AuthedCall, keptId: number, mergedId: number) {
  const found = duplicateDossiers(call.open.sqlite, [keptId, mergedId]);
  const pick = (id: number) => {
    const d = found.get(id);
    if (!d) throw new ApiError('NOT_FOUND', `${NOT_FOUND} (n° ${id})`);
    if (d.row.mdsId !== call.actor.mdsId) throw new ApiError('FORBIDDEN', OTHER_MDS);
    return d;
  };
  return { kept: pick(keptId), merged: pick(mergedId) };
}
