/**
 * The dossier's documents: a contract (two originals), a DSP revision, an EDE, an orientation decision, a fiche de
 * liaison and its answer, the convocation to a rendez-vous.
 */
import { findAppointment, findMds, findUserById } from '../../../db/queries';
import type { DossierDocumentKind } from '../../../shared/api/documents';
import { ApiError } from '../../../shared/api/errors';
import { PROJECT_WATERMARK, type DocumentContext } from '../../documents';
import type { AuthedCall } from '../context';
import { todayOf } from '../kit';
import { getContract } from '../contracts';
import { getFiche } from '../fiches';
import { accessibleDossier, etatCivilOf } from '../foundation';
import { currentEdeGrid, decisionForDocument, getDspRevision, getEde } from '../interview';
import { laidOut, type Source } from './archive';

export const NOT_SIGNED =
  'Ce contrat n’est pas encore signé : il ne s’imprime qu’en projet (filigrane « PROJET – ne vaut pas contrat »). Enregistrez les signatures pour archiver les exemplaires originaux.';
const NO_ANSWER = 'Cette fiche de liaison n’a pas encore de réponse du correspondant.';

/** Why a rendez-vous's convocation cannot be archived (printed for sending) now, or null. */
function convocationBlocker(a: { date: string; withConvocation: boolean; cancelledAt: string | null }, today: string): string | null {
  if (a.cancelledAt) return 'Ce rendez-vous est annulé : sa convocation ne s’imprime plus.';
  if (!a.withConvocation) return 'Ce rendez-vous est prévu sans courrier de convocation.';
  if (a.date < today) return 'Ce rendez-vous est passé : sa convocation ne s’imprime plus.';
  return null;
}

/** The issuing MDS of a dossier (its name, territory and address). */
function contextOf(call: AuthedCall, personId: number): DocumentContext {
  const { foyer } = accessibleDossier(call.open.db, call.actor, personId);
  const mds = findMds(call.open.db, foyer.mdsId);
  if (!mds) throw new ApiError('NOT_FOUND', 'La MDS de ce dossier est introuvable.');
  return { mds: { name: mds.name, territory: mds.territory, address: mds.address, commune: mds.commune } };
}

/**
 * A record of a dossier as a document. Sources are loaded through their own capability's reads, which apply the
 * dossier's access rules.
 */
export function dossierSource(kind: DossierDocumentKind, sourceId: number, call: AuthedCall): Source {
  const db = call.open.db;
  const base = { kind, sourceId, finalBlocker: null, watermark: null };
  switch (kind) {
    case 'contrat': {
      const view = getContract({ contractId: sourceId }, call);
      const ctx = contextOf(call, view.personId);
      const draft = view.status === 'brouillon';
      return {
        ...base,
        personId: view.personId,
        sourceEntity: 'contract',
        sourceVersion: view.version,
        model: { kind, view, ctx },
        ...laidOut({ template: 'contract', args: [view, ctx] }),
        finalBlocker: draft ? NOT_SIGNED : null,
        watermark: draft ? PROJECT_WATERMARK : null,
      };
    }
    case 'dsp': {
      const revision = getDspRevision({ revisionId: sourceId }, call);
      const ctx = contextOf(call, revision.personId);
      const etatCivil = etatCivilOf(db, revision.personId);
      return {
        ...base,
        personId: revision.personId,
        sourceEntity: 'dsp_revision',
        sourceVersion: 0,
        model: { kind, revision, etatCivil, ctx },
        ...laidOut({ template: 'dsp', args: [revision, etatCivil, ctx] }),
      };
    }
    case 'ede': {
      const assessment = getEde({ edeId: sourceId }, call);
      const ctx = contextOf(call, assessment.personId);
      const etatCivil = etatCivilOf(db, assessment.personId);
      const grid = currentEdeGrid();
      const usable = grid.version === assessment.gridVersion ? grid : null;
      return {
        ...base,
        personId: assessment.personId,
        sourceEntity: 'ede_assessment',
        sourceVersion: 0,
        model: { kind, assessment, etatCivil, ctx, grid: usable },
        ...laidOut({ template: 'ede', args: [assessment, usable, etatCivil, ctx] }),
      };
    }
    case 'orientation': {
      const { period, ede } = decisionForDocument(sourceId, call);
      const ctx = contextOf(call, period.personId);
      const data = { period, ede, etatCivil: etatCivilOf(db, period.personId) };
      return { ...base, personId: period.personId, sourceEntity: 'orientation', sourceVersion: 0, model: { kind, data, ctx }, ...laidOut({ template: 'orientation', args: [data, ctx] }) };
    }
    case 'fiche_liaison':
    case 'reponse_fiche': {
      const view = getFiche({ ficheId: sourceId }, call);
      const ctx = contextOf(call, view.personId);
      if (kind === 'reponse_fiche' && !view.answer) throw new ApiError('RULE', NO_ANSWER);
      return {
        ...base,
        personId: view.personId,
        sourceEntity: 'fiche_liaison',
        sourceVersion: view.version,
        model: { kind, view, ctx },
        ...laidOut({ template: kind === 'reponse_fiche' ? 'ficheAnswer' : 'fiche', args: [view, ctx] }),
      };
    }
    case 'convocation': {
      const row = findAppointment(db, sourceId);
      if (!row) throw new ApiError('NOT_FOUND', 'Ce rendez-vous est introuvable.');
      const ctx = contextOf(call, row.personId);
      const user = row.referentUserId === null ? undefined : findUserById(db, row.referentUserId);
      // The letter is dated on the day it is printed; that day is not part of the content (`model`): archived once, the
      // letter is reprinted as it was sent.
      const model = {
        kind,
        appointment: { id: row.id, date: row.date, time: row.time, place: row.place, object: row.object },
        etatCivil: etatCivilOf(db, row.personId),
        referent: user ? { displayName: user.displayName, structure: user.structure } : null,
        ctx,
      };
      const today = todayOf(call);
      return {
        ...base,
        personId: row.personId,
        sourceEntity: 'appointment',
        sourceVersion: row.version,
        model,
        ...laidOut({ template: 'convocation', args: [{ ...model, letterDate: today }, ctx] }),
        finalBlocker: convocationBlocker(row, today),
      };
    }
  }
}
