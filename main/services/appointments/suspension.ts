/**
 * Two unexcused absences in a row → a proposed fiche de liaison « demande de suspension », pre-filled, with the
 * convocation letters to attach (handbook, fiche de liaison: « A chaque demande de suspension, transmettre aussi les
 * différents courriers de convocations »). The référent still decides: accepting makes a DRAFT fiche (through the
 * fiches capability) that they review, sign and send.
 *
 * « In a row »: the last two rendez-vous whose outcome is recorded (not cancelled), in date and time order, are both
 * « absent non excusé », and neither already led to a fiche. Motif: « Autres » — not answering the référent's
 * convocations is a devoir lié à l’accompagnement of its own, apart from the contract (docs/rules.md).
 */
import { appointmentsOfPerson, findDocument, listDocumentsOfPerson, recordAudit, setSuspensionFiche, type DbOrTx } from '../../../db/queries';
import type { AppointmentRow } from '../../../db/schema-desk';
import type { SuspensionProposal } from '../../../shared/api/appointments';
import type { MethodOutput, MethodParsedInput } from '../../../shared/api/contract';
import { ApiError } from '../../../shared/api/errors';
import { attachmentUploadInputSchema, ficheCreateInputSchema } from '../../../shared/api/fiches';
import { formatDate } from '../../../shared/domain/format';
import { toIso } from '../../../shared/domain/rules/dates';
import { SUSPENSION_MOTIF_LABELS } from '../../../shared/domain/rules/fiche-liaison';
import { auditActor, type AuthedCall } from '../context';
import { createFiche, uploadAttachment } from '../fiches';
import { accessibleDossier } from '../foundation';
import { todayOf } from '../kit';

const MOTIF = 'autres' as const;

/** The last two recorded outcomes when both are unexcused absences not yet used for a fiche, oldest first; else null. */
export function lastTwoUnexcusedAbsences(rows: readonly AppointmentRow[]): [AppointmentRow, AppointmentRow] | null {
  const recorded = rows.filter((r) => r.outcome !== null && r.cancelledAt === null);
  const [first, second] = recorded.slice(-2);
  if (!first || !second) return null;
  const unexcused = (r: AppointmentRow) => r.outcome === 'absent_non_excuse' && r.suspensionFicheId === null;
  return unexcused(first) && unexcused(second) ? [first, second] : null;
}

const when = (a: AppointmentRow) => `du ${formatDate(a.date)} à ${a.time.replace(':', ' h ')} (${a.object})`;

/** The motif's precision: the duty not met and the two dates. */
export const suspensionPrecision = (absences: readonly AppointmentRow[]): string =>
  `Non-respect de l’obligation de répondre aux convocations du référent : absences non excusées aux rendez-vous ${absences.map(when).join(' et ')}.`;

function proposalOf(db: DbOrTx, personId: number, today: string): { proposal: NonNullable<SuspensionProposal>; absences: AppointmentRow[] } | null {
  const absences = lastTwoUnexcusedAbsences(appointmentsOfPerson(db, personId));
  if (!absences) return null;
  const documents = new Map(listDocumentsOfPerson(db, personId).map((d) => [d.id, d]));
  const convocations: NonNullable<SuspensionProposal>['convocations'] = [];
  const withoutConvocation: string[] = [];
  for (const a of absences) {
    const doc = a.convocationDocumentId === null ? undefined : documents.get(a.convocationDocumentId);
    if (doc) convocations.push({ appointmentId: a.id, documentId: doc.id, fileName: doc.fileName, letterDate: toIso(new Date(doc.createdAt)) });
    else withoutConvocation.push(a.date);
  }
  return {
    absences,
    proposal: {
      absences: absences.map((a) => ({ appointmentId: a.id, date: a.date, time: a.time, object: a.object })),
      fiche: { type: 'suspension', date: today, motif: MOTIF, motifLabel: SUSPENSION_MOTIF_LABELS[MOTIF], motifPrecision: suspensionPrecision(absences) },
      convocations,
      withoutConvocation,
    },
  };
}

export function suspensionProposal(input: MethodParsedInput<'appointments.suspensionProposal'>, call: AuthedCall): MethodOutput<'appointments.suspensionProposal'> {
  const db = call.open.db;
  const { person } = accessibleDossier(db, call.actor, input.personId);
  return proposalOf(db, person.id, todayOf(call))?.proposal ?? null;
}

export function acceptSuspension(input: MethodParsedInput<'appointments.acceptSuspension'>, call: AuthedCall): MethodOutput<'appointments.acceptSuspension'> {
  const db = call.open.db;
  const { person } = accessibleDossier(db, call.actor, input.personId);
  const found = proposalOf(db, person.id, todayOf(call));
  const ids = found?.absences.map((a) => a.id) ?? [];
  if (!found || ids.join(',') !== [...input.appointmentIds].sort((a, b) => a - b).join(',')) {
    throw new ApiError('CONFLICT', 'Les rendez-vous de ce dossier ont changé entre-temps : rechargez le dossier avant de préparer la demande de suspension.');
  }
  const { proposal, absences } = found;
  const at = call.app.nowIso();
  return db.transaction((tx) => {
    const fiche = createFiche(
      ficheCreateInputSchema.parse({ personId: person.id, type: 'suspension', date: proposal.fiche.date, motif: MOTIF, motifPrecision: proposal.fiche.motifPrecision }),
      call,
    );
    for (const c of proposal.convocations) {
      const pdf = findDocument(tx, c.documentId)!.pdf;
      const appointment = absences.find((a) => a.id === c.appointmentId)!;
      uploadAttachment(
        attachmentUploadInputSchema.parse({
          owner: { type: 'fiche', id: fiche.id },
          kind: 'convocation',
          fileName: c.fileName,
          mime: 'application/pdf',
          contentBase64: pdf.toString('base64'),
          documentDate: c.letterDate,
          label: `Convocation au rendez-vous du ${formatDate(appointment.date)}`,
        }),
        call,
      );
    }
    const updated = setSuspensionFiche(tx, ids, fiche.id, at);
    for (const after of updated) {
      const before = absences.find((a) => a.id === after.id) ?? null;
      recordAudit(tx, { actor: auditActor(call.actor), at, entity: 'appointment', entityId: after.id, action: 'update', before, after });
    }
    return { ficheId: fiche.id };
  });
}
