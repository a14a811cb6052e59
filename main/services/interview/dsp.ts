/**
 * DSP revisions. Every save is a new revision (numbered per person, author and instant recorded), never an
 * overwrite; a save names the revision it started from, and is refused (CONFLICT) if another one was saved since.
 * A save identical to the latest revision is accepted: it records that the DSP was reviewed on that day.
 */
import {
  findDspRevision,
  insertDspRevision,
  latestDspRevision,
  listDspRevisions,
  previousDspRevision,
  recordInterviewAudit,
  userRefs,
  type DbOrTx,
} from '../../../db/queries';
import type { DspRevisionRow, Person } from '../../../db/schema';
import type { MethodOutput, MethodParsedInput } from '../../../shared/api/contract';
import { dspStoredContentSchema, EMPTY_DSP, type DspContent } from '../../../shared/api/dsp';
import { ApiError } from '../../../shared/api/errors';
import type { DspRevision, DspRevisionSummary } from '../../../shared/api/interview';
import { diplomaLevelToDspNivdipmaxobt, diplomaLevelToDspNivetu, DSP_REFERENTIAL } from '../../../shared/domain/referentials/dsp';
import { diffDsp } from '../../../shared/domain/rules/dsp-diff';
import { auditActor, type AuthedCall } from '../context';
import { accessibleDossier } from '../foundation';
import { conflictError, fieldError, todayOf, userRefOf } from '../kit';

const NOT_FOUND = 'Cette version de la DSP est introuvable.';

export function dspContentOf(row: DspRevisionRow): DspContent {
  return dspStoredContentSchema.parse(JSON.parse(row.contentJson));
}

function summaryOf(db: DbOrTx, row: DspRevisionRow, previous: DspRevisionRow | undefined): DspRevisionSummary {
  const refs = userRefs(db, [row.createdBy]);
  return {
    id: row.id,
    personId: row.personId,
    number: row.number,
    createdAt: row.createdAt,
    createdBy: userRefOf(refs, row.createdBy),
    referentialVersion: row.referentialVersion,
    changedCount: diffDsp(previous ? dspContentOf(previous) : null, dspContentOf(row)).length,
  };
}

function revisionOf(db: DbOrTx, row: DspRevisionRow): DspRevision {
  return { ...summaryOf(db, row, previousDspRevision(db, row.personId, row.number)), content: dspContentOf(row) };
}

/** The summary of a person's latest revision (for the dossier summary and the orientation proposal). */
export function latestDspSummary(db: DbOrTx, personId: number): { summary: DspRevisionSummary; content: DspContent } | null {
  const row = latestDspRevision(db, personId);
  if (!row) return null;
  return { summary: summaryOf(db, row, previousDspRevision(db, personId, row.number)), content: dspContentOf(row) };
}

/** A first DSP starts from what the dossier knows: the Annexe 1 diploma level (nivetu / nivdipmaxobt). */
function prefillFromDossier(person: Person): DspContent {
  if (!person.niveauFormation) return EMPTY_DSP;
  return {
    ...EMPTY_DSP,
    niveauEtude: {
      ...EMPTY_DSP.niveauEtude,
      nivetu: diplomaLevelToDspNivetu(person.niveauFormation),
      nivdipmaxobt: diplomaLevelToDspNivdipmaxobt(person.niveauFormation),
    },
  };
}

export function latest(input: MethodParsedInput<'dsp.latest'>, call: AuthedCall): MethodOutput<'dsp.latest'> {
  const db = call.open.db;
  const { person } = accessibleDossier(db, call.actor, input.personId);
  const row = latestDspRevision(db, person.id);
  if (!row) return { revision: null, prefill: prefillFromDossier(person) };
  const revision = revisionOf(db, row);
  return { revision, prefill: revision.content };
}

export function save(input: MethodParsedInput<'dsp.save'>, call: AuthedCall): MethodOutput<'dsp.save'> {
  const { app, actor } = call;
  const db = call.open.db;
  const { person } = accessibleDossier(db, actor, input.personId);
  const current = latestDspRevision(db, person.id);
  if ((current?.id ?? null) !== input.basedOnRevisionId) {
    const stale = { basedOnRevisionId: 'Version de la DSP dépassée' };
    if (!current) throw new ApiError('CONFLICT', 'La version de la DSP indiquée n’existe pas : rechargez la DSP.', stale);
    const { message, conflict } = conflictError(call, { entity: 'dsp_revision', id: current.id }, `La DSP a été enregistrée entre-temps (version ${current.number}).`);
    throw new ApiError('CONFLICT', message, stale, conflict);
  }
  const year = input.content.niveauEtude.annobtnivdipmax;
  const thisYear = Number(todayOf(call).slice(0, 4));
  if (year !== null && year > thisYear) {
    throw fieldError(
      'VALIDATION',
      'content.niveauEtude.annobtnivdipmax',
      `L’année d’obtention du diplôme (${year}) ne peut pas être postérieure à l’année en cours (${thisYear}).`,
    );
  }
  const before = current ? dspContentOf(current) : null;
  const at = app.nowIso();
  const row = db.transaction((tx) => {
    const inserted = insertDspRevision(tx, {
      personId: person.id,
      number: (current?.number ?? 0) + 1,
      content: input.content,
      referentialVersion: DSP_REFERENTIAL.version,
      createdAt: at,
      createdBy: actor.id,
    });
    recordInterviewAudit(tx, {
      actor: auditActor(actor),
      at,
      entity: 'dsp_revision',
      entityId: inserted.id,
      action: 'create',
      before: null,
      after: { personId: person.id, number: inserted.number, referentialVersion: inserted.referentialVersion, content: input.content },
    });
    return inserted;
  });
  return { revision: revisionOf(db, row), changes: diffDsp(before, input.content) };
}

export function history(input: MethodParsedInput<'dsp.history'>, call: AuthedCall): MethodOutput<'dsp.history'> {
  const db = call.open.db;
  const { person } = accessibleDossier(db, call.actor, input.personId);
  const rows = listDspRevisions(db, person.id);
  return rows.map((row, i) => summaryOf(db, row, rows[i - 1])).reverse();
}

/** A revision the actor may read (through its dossier); NOT_FOUND / FORBIDDEN otherwise. */
function accessibleRevision(call: AuthedCall, id: number): DspRevisionRow {
  const row = findDspRevision(call.open.db, id);
  if (!row) throw new ApiError('NOT_FOUND', NOT_FOUND);
  accessibleDossier(call.open.db, call.actor, row.personId);
  return row;
}

export function get(input: MethodParsedInput<'dsp.get'>, call: AuthedCall): MethodOutput<'dsp.get'> {
  return revisionOf(call.open.db, accessibleRevision(call, input.revisionId));
}

export function compare(input: MethodParsedInput<'dsp.compare'>, call: AuthedCall): MethodOutput<'dsp.compare'> {
  const db = call.open.db;
  const from = accessibleRevision(call, input.fromRevisionId);
  const to = accessibleRevision(call, input.toRevisionId);
  if (from.personId !== to.personId) {
    throw fieldError('VALIDATION', 'toRevisionId', 'Les deux versions comparées doivent être des DSP de la même personne.');
  }
  return {
    from: summaryOf(db, from, previousDspRevision(db, from.personId, from.number)),
    to: summaryOf(db, to, previousDspRevision(db, to.personId, to.number)),
    changes: diffDsp(dspContentOf(from), dspContentOf(to)),
  };
}
