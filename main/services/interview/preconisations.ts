/**
 * The équipe d’orientation (EO): « Les bénéficiaires sont orientés par l’équipe d’orientation du territoire via le
 * SLAI »; the EO « préconise l’orientation … s’appuiera sur le diagnostic socioprofessionnel et sur l’échelle de
 * distance à l’emploi ». A correspondent (or an administrator) records the EO’s préconisations of one meeting for
 * one or several dossiers at once (one date, team and comment; one préconisation per dossier, optionally naming the
 * EDE relied on): all or nothing, under one batch id, journaled per person. The decision then relies on the latest
 * préconisation (`orientation.ts`, rules in shared/domain/rules/preconisation.ts).
 */
import { randomUUID } from 'node:crypto';
import {
  findEdeAssessment,
  findPerson,
  findFoyer,
  insertPreconisation,
  latestEdeAssessment,
  latestPendingPreconisation,
  listPreconisations,
  personsWithoutOrientation,
  recordInterviewAudit,
  userRefs,
  type DbOrTx,
} from '../../../db/queries';
import type { EdeAssessmentRow, OrientationPreconisationRow } from '../../../db/schema';
import type { MethodOutput, MethodParsedInput } from '../../../shared/api/contract';
import type { Preconisation } from '../../../shared/api/interview';
import { personName } from '../../../shared/domain/format';
import { preconisationFollowsEde } from '../../../shared/domain/rules/preconisation';
import type { RuleError } from '../../../shared/domain/rules/result';
import { auditActor, type AuthedCall } from '../context';
import { accessibleDossier, checkDossierAccess } from '../foundation';
import { notAfterToday, throwIfErrors, todayOf, userRefOf } from '../kit';

/** EDE between the thresholds first, then the other EDEs, then the dossiers without one. */
const awaitingRank = (ede: { proposal: string } | null): number => (ede === null ? 2 : ede.proposal === 'decision_ep_eo' ? 0 : 1);

const edeRefOf = (row: EdeAssessmentRow | undefined) => (row ? { id: row.id, date: row.date, total: row.total, proposal: row.proposal } : null);

export function preconisationOf(db: DbOrTx, row: OrientationPreconisationRow): Preconisation {
  return {
    id: row.id,
    personId: row.personId,
    date: row.date,
    team: row.team,
    preconisation: row.preconisation,
    comment: row.comment,
    ede: row.edeId === null ? null : edeRefOf(findEdeAssessment(db, row.edeId)),
    batchId: row.batchId,
    recordedBy: { id: row.recordedBy, displayName: row.recordedByName },
    recordedAt: row.recordedAt,
  };
}

/** The latest préconisation not yet followed by a decision, when it still counts (not older than the latest EDE). */
export function pendingPreconisation(db: DbOrTx, personId: number): Preconisation | null {
  const row = latestPendingPreconisation(db, personId);
  if (!row) return null;
  const ede = latestEdeAssessment(db, personId);
  return preconisationFollowsEde(row, ede ?? null) ? preconisationOf(db, row) : null;
}

const snapshot = (row: OrientationPreconisationRow) => ({
  personId: row.personId,
  date: row.date,
  team: row.team,
  preconisation: row.preconisation,
  comment: row.comment,
  edeId: row.edeId,
  batchId: row.batchId,
});

export function record(
  input: MethodParsedInput<'orientation.preconisations.record'>,
  call: AuthedCall,
): MethodOutput<'orientation.preconisations.record'> {
  const { app, actor } = call;
  const db = call.open.db;
  notAfterToday(input.date, todayOf(call), 'date', 'La date de la préconisation');
  const errors: RuleError[] = [];
  input.items.forEach((item, i) => {
    const person = findPerson(db, item.personId);
    const foyer = person ? findFoyer(db, person.foyerId) : undefined;
    if (!person || !foyer) {
      errors.push({ path: `items.${i}.personId`, message: `Dossier n° ${item.personId} introuvable.` });
      return;
    }
    checkDossierAccess(actor, person, foyer);
    if (item.edeId !== undefined && item.edeId !== null) {
      const ede = findEdeAssessment(db, item.edeId);
      const name = personName(person);
      if (!ede || ede.personId !== person.id) {
        errors.push({ path: `items.${i}.edeId`, message: `${name} : l’échelle de distance à l’emploi choisie n’est pas la sienne.` });
      } else if (ede.date > input.date) {
        errors.push({ path: `items.${i}.edeId`, message: `${name} : l’échelle de distance à l’emploi choisie est postérieure à la préconisation.` });
      }
    }
  });
  throwIfErrors(errors, { code: 'VALIDATION' });

  const at = app.nowIso();
  const batchId = randomUUID();
  const who = auditActor(actor);
  const rows = db.transaction((tx) =>
    input.items.map((item) => {
      const row = insertPreconisation(tx, {
        personId: item.personId,
        date: input.date,
        team: input.team,
        preconisation: item.preconisation,
        comment: input.comment ?? null,
        edeId: item.edeId ?? null,
        batchId,
        recordedBy: actor.id,
        recordedByName: actor.displayName,
        recordedAt: at,
      });
      recordInterviewAudit(tx, { actor: who, at, entity: 'orientation_preconisation', entityId: row.id, action: 'create', before: null, after: snapshot(row) });
      return row;
    }),
  );
  return { batchId, preconisations: rows.map((row) => preconisationOf(db, row)) };
}

export function list(input: MethodParsedInput<'orientation.preconisations.list'>, call: AuthedCall): MethodOutput<'orientation.preconisations.list'> {
  const db = call.open.db;
  const { person } = accessibleDossier(db, call.actor, input.personId);
  return listPreconisations(db, person.id).map((row) => preconisationOf(db, row));
}

export function awaiting(_input: MethodParsedInput<'orientation.awaiting'>, call: AuthedCall): MethodOutput<'orientation.awaiting'> {
  const db = call.open.db;
  const persons = personsWithoutOrientation(db, call.actor.mdsId);
  const referents = userRefs(
    db,
    persons.flatMap((p) => (p.referentId === null ? [] : [p.referentId])),
  );
  const out = persons.map((p) => {
    const ede = edeRefOf(latestEdeAssessment(db, p.id));
    return {
      personId: p.id,
      name: personName(p),
      cafNumber: p.cafNumber,
      referent: p.referentId === null ? null : userRefOf(referents, p.referentId),
      ede,
      proposal: ede === null || ede.proposal === 'decision_ep_eo' ? null : ede.proposal,
      preconisation: pendingPreconisation(db, p.id),
    };
  });
  return out.sort((a, b) => awaitingRank(a.ede) - awaitingRank(b.ede));
}
