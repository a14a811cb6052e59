/**
 * EDE assessments (Annexe 3). An assessment is scored with the current grid (`scoreEde`) and stored with the
 * grid version, the answers, the total, the proposal and the score's detail (points and colours per item), so it
 * reads back as it was scored even after the grid changes. A missing item, a palier outside 1..6 or a stale grid
 * version is refused (VALIDATION) and nothing is written.
 */
import {
  findEdeAssessment,
  insertEdeAssessment,
  latestEdeAssessment,
  listEdeAssessments,
  recordInterviewAudit,
  userRefs,
  type DbOrTx,
} from '../../../db/queries';
import type { EdeAssessmentRow } from '../../../db/schema';
import type { MethodOutput, MethodParsedInput } from '../../../shared/api/contract';
import { ApiError } from '../../../shared/api/errors';
import type { EdeAssessment, EdeSummary } from '../../../shared/api/interview';
import { DEFAULT_EDE_GRID } from '../../../shared/domain/referentials/ede-grid';
import type { EdeGrid, Versioned } from '../../../shared/domain/referentials/types';
import { compareEde, scoreEde, type EdeScore } from '../../../shared/domain/rules/ede';
import { auditActor, type AuthedCall } from '../context';
import { accessibleDossier } from '../foundation';
import { fieldError, notAfterToday, ruleFailure, todayOf, userRefOf } from '../kit';

/** The grid new assessments are scored with. (Grid editing, when it comes, plugs in here.) */
export function currentEdeGrid(): Versioned<EdeGrid> {
  return DEFAULT_EDE_GRID;
}

interface StoredAnswers {
  paliers: Record<string, number>;
  comments: Record<string, string>;
}
type StoredScore = Omit<EdeScore, 'gridVersion' | 'total' | 'proposal'>;

function summaryOf(db: DbOrTx, row: EdeAssessmentRow): EdeSummary {
  return {
    id: row.id,
    personId: row.personId,
    date: row.date,
    gridVersion: row.gridVersion,
    total: row.total,
    proposal: row.proposal,
    createdAt: row.createdAt,
    createdBy: userRefOf(userRefs(db, [row.createdBy]), row.createdBy),
  };
}

/** The score as computed when the assessment was made. */
export function storedScore(row: EdeAssessmentRow): EdeScore {
  const score = JSON.parse(row.scoreJson) as StoredScore;
  return { ...score, gridVersion: row.gridVersion, total: row.total, proposal: row.proposal };
}

function assessmentOf(db: DbOrTx, row: EdeAssessmentRow): EdeAssessment {
  const score = storedScore(row);
  const answers = JSON.parse(row.answersJson) as StoredAnswers;
  return {
    ...summaryOf(db, row),
    reason: score.reason,
    items: score.items.map((item) => ({ ...item, comment: answers.comments[item.key] ?? null })),
    flags: score.flags,
    themes: score.themes,
  };
}

/** The summary of a person's latest assessment, if any. */
export function latestEdeSummary(db: DbOrTx, personId: number): EdeSummary | null {
  const row = latestEdeAssessment(db, personId);
  return row ? summaryOf(db, row) : null;
}

export function grid(_input: MethodParsedInput<'ede.grid'>, _call: AuthedCall): MethodOutput<'ede.grid'> {
  const g = currentEdeGrid();
  return { version: g.version, validFrom: g.validFrom, items: g.data.items, thresholds: g.data.thresholds };
}

export function create(input: MethodParsedInput<'ede.create'>, call: AuthedCall): MethodOutput<'ede.create'> {
  const { app, actor } = call;
  const db = call.open.db;
  const { person } = accessibleDossier(db, actor, input.personId);
  notAfterToday(input.date, todayOf(call), 'date', 'La date de l’échelle');
  const g = currentEdeGrid();
  const score = scoreEde(g, { gridVersion: input.gridVersion, paliers: input.paliers });
  if (!score.ok) throw ruleFailure(score.errors, { code: 'VALIDATION' });
  const keys = new Set(g.data.items.map((i) => i.key));
  const comments: Record<string, string> = {};
  for (const [key, comment] of Object.entries(input.comments ?? {})) {
    if (!keys.has(key)) throw fieldError('VALIDATION', `comments.${key}`, `Commentaire d’un item inconnu de la grille : « ${key} ».`);
    if (comment !== undefined) comments[key] = comment;
  }
  const { ok: _ok, gridVersion, total, proposal, ...detail } = score;
  const at = app.nowIso();
  const row = db.transaction((tx) => {
    const inserted = insertEdeAssessment(tx, {
      personId: person.id,
      date: input.date,
      gridVersion,
      total,
      proposal,
      answers: { paliers: input.paliers, comments } satisfies StoredAnswers,
      score: detail satisfies StoredScore,
      createdAt: at,
      createdBy: actor.id,
    });
    recordInterviewAudit(tx, {
      actor: auditActor(actor),
      at,
      entity: 'ede_assessment',
      entityId: inserted.id,
      action: 'create',
      before: null,
      after: { personId: person.id, date: input.date, gridVersion, paliers: input.paliers, comments, total, proposal },
    });
    return inserted;
  });
  return assessmentOf(db, row);
}

export function list(input: MethodParsedInput<'ede.list'>, call: AuthedCall): MethodOutput<'ede.list'> {
  const db = call.open.db;
  const { person } = accessibleDossier(db, call.actor, input.personId);
  return listEdeAssessments(db, person.id).map((row) => summaryOf(db, row));
}

function accessibleAssessment(call: AuthedCall, id: number): EdeAssessmentRow {
  const row = findEdeAssessment(call.open.db, id);
  if (!row) throw new ApiError('NOT_FOUND', 'Cette échelle de distance à l’emploi est introuvable.');
  accessibleDossier(call.open.db, call.actor, row.personId);
  return row;
}

export function get(input: MethodParsedInput<'ede.get'>, call: AuthedCall): MethodOutput<'ede.get'> {
  return assessmentOf(call.open.db, accessibleAssessment(call, input.edeId));
}

export function compare(input: MethodParsedInput<'ede.compare'>, call: AuthedCall): MethodOutput<'ede.compare'> {
  const db = call.open.db;
  const from = accessibleAssessment(call, input.fromEdeId);
  const to = accessibleAssessment(call, input.toEdeId);
  if (from.personId !== to.personId) {
    throw fieldError('VALIDATION', 'toEdeId', 'Les deux échelles comparées doivent concerner la même personne.');
  }
  return { from: summaryOf(db, from), to: summaryOf(db, to), comparison: compareEde(storedScore(from), storedScore(to)) };
}
