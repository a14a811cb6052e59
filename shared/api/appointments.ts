/**
 * Rendez-vous and convocations: a référent plans a rendez-vous (with or without a convocation letter), records
 * présent / absent excusé / absent non excusé afterwards; two unexcused absences in a row → a proposed fiche
 * « demande de suspension » with the convocation letters attached (handbook: « A chaque demande de suspension,
 * transmettre aussi les différents courriers de convocations »). The référent still decides: accepting the proposal
 * makes a DRAFT fiche, which they review and send.
 *
 * Access: the dossier's rules (main/services/foundation/dossiers.ts); planning and recording are for the dossier's
 * référent and the SLAI (correspondant, administrateur), never the EP secretary, who only reads.
 */
import { z } from 'zod';
import { idSchema, isoDateSchema, isoDateTimeSchema, optionalText, requiredText } from './common';
import { def, type MethodDef } from './method';

const versionSchema = z.number().int().nonnegative();

export const APPOINTMENT_OUTCOMES = ['present', 'absent_excuse', 'absent_non_excuse'] as const;
export type AppointmentOutcome = (typeof APPOINTMENT_OUTCOMES)[number];
export const APPOINTMENT_OUTCOME_LABELS: Record<AppointmentOutcome, string> = {
  present: 'Présent',
  absent_excuse: 'Absent excusé',
  absent_non_excuse: 'Absent non excusé',
};
export const appointmentOutcomeSchema = z.enum(APPOINTMENT_OUTCOMES, { error: 'Choisissez : présent, absent excusé ou absent non excusé' });

/** 'HH:MM', 24 hours. */
export const appointmentTimeSchema = z
  .string({ error: 'Heure : ce champ est obligatoire' })
  .trim()
  .min(1, 'Heure : ce champ est obligatoire')
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Heure invalide (hh:mm attendu, par exemple 09:30)');

/** The form of a rendez-vous (plan and update). */
export const appointmentFormSchema = z.object({
  date: isoDateSchema,
  time: appointmentTimeSchema,
  place: requiredText('Lieu', 200),
  object: requiredText('Objet', 300),
  /** A convocation letter is printed (documents capability) and archived. */
  withConvocation: z.boolean().default(true),
});
export type AppointmentFormInput = z.input<typeof appointmentFormSchema>;

/** What can be done with a rendez-vous now, by this user. */
export const APPOINTMENT_ACTIONS = ['modifier', 'annuler', 'presence', 'convocation'] as const;

export const appointmentViewSchema = z.object({
  id: idSchema,
  personId: idSchema,
  date: isoDateSchema,
  time: z.string(),
  place: z.string(),
  object: z.string(),
  withConvocation: z.boolean(),
  referent: z.object({ id: idSchema, displayName: z.string() }).nullable(),
  outcome: appointmentOutcomeSchema.nullable(),
  outcomeLabel: z.string().nullable(),
  outcomeNote: z.string().nullable(),
  outcomeRecordedAt: isoDateTimeSchema.nullable(),
  cancelledAt: isoDateTimeSchema.nullable(),
  cancelReason: z.string().nullable(),
  /** The archived convocation letter (documents archive), once printed. */
  convocationDocumentId: idSchema.nullable(),
  /** The fiche « demande de suspension » made from this absence, once the référent accepted the proposal. */
  suspensionFicheId: idSchema.nullable(),
  allowedActions: z.array(z.enum(APPOINTMENT_ACTIONS)),
  version: z.number().int(),
  createdAt: isoDateTimeSchema,
  updatedAt: isoDateTimeSchema,
});
export type AppointmentView = z.output<typeof appointmentViewSchema>;

/** The proposal made after two unexcused absences in a row (null when there is none). */
export const suspensionProposalSchema = z
  .object({
    /** The two absences, oldest first. */
    absences: z.array(z.object({ appointmentId: idSchema, date: isoDateSchema, time: z.string(), object: z.string() })),
    /** The fiche « demande de suspension » as it will be pre-filled (a draft). */
    fiche: z.object({ type: z.literal('suspension'), date: isoDateSchema, motif: z.string(), motifLabel: z.string(), motifPrecision: z.string() }),
    /** The archived convocation letters that will be attached. */
    convocations: z.array(z.object({ appointmentId: idSchema, documentId: idSchema, fileName: z.string(), letterDate: isoDateSchema })),
    /** Absences whose convocation letter was never printed (nothing to attach for them). */
    withoutConvocation: z.array(isoDateSchema),
  })
  .nullable();
export type SuspensionProposal = z.output<typeof suspensionProposalSchema>;

const AUTHORS = ['referent', 'correspondant', 'administrateur'] as const;
const byPerson = z.object({ personId: idSchema });
const byAppointment = { appointmentId: idSchema, version: versionSchema };

export const appointmentsMethods = {
  /** The dossier's rendez-vous: upcoming (from today, not yet held; soonest first) and held or cancelled (latest first). */
  'appointments.listForDossier': def({
    input: byPerson,
    output: z.object({ today: isoDateSchema, upcoming: z.array(appointmentViewSchema), past: z.array(appointmentViewSchema) }),
    access: 'authenticated',
    writes: false,
  }),
  /** Plans a rendez-vous (not in the past). */
  'appointments.plan': def({ input: appointmentFormSchema.extend({ personId: idSchema }), output: appointmentViewSchema, access: AUTHORS, writes: true }),
  /** Changes a rendez-vous that has not taken place (no outcome, not before today). */
  'appointments.update': def({ input: appointmentFormSchema.extend(byAppointment), output: appointmentViewSchema, access: AUTHORS, writes: true }),
  /** Cancels a rendez-vous that has not taken place, with the reason. */
  'appointments.cancel': def({
    input: z.object({ ...byAppointment, reason: requiredText('Motif de l’annulation', 500) }),
    output: appointmentViewSchema,
    access: AUTHORS,
    writes: true,
  }),
  /** On or after the date: présent, absent excusé or absent non excusé (may be corrected until a suspension fiche is made from it). */
  'appointments.recordOutcome': def({
    input: z.object({ ...byAppointment, outcome: appointmentOutcomeSchema, note: optionalText(1000) }),
    output: appointmentViewSchema,
    access: AUTHORS,
    writes: true,
  }),
  /** Prints the convocation letter: archived like every document (a reprint of the same content returns the archived bytes). */
  'appointments.printConvocation': def({
    input: z.object({ appointmentId: idSchema }),
    output: z.object({ documentId: idSchema, sha256: z.string(), reprint: z.boolean() }),
    access: AUTHORS,
    writes: true,
  }),
  /** When the last two recorded outcomes (in date order) are unexcused absences: the proposed fiche « demande de suspension ». */
  'appointments.suspensionProposal': def({ input: byPerson, output: suspensionProposalSchema, access: 'authenticated', writes: false }),
  /** Accepts the proposal: a DRAFT fiche « demande de suspension » with the convocation letters attached; the référent reviews and sends it. */
  'appointments.acceptSuspension': def({
    input: z.object({ personId: idSchema, appointmentIds: z.array(idSchema).length(2) }),
    output: z.object({ ficheId: idSchema }),
    access: AUTHORS,
    writes: true,
  }),
} as const satisfies Record<string, MethodDef>;
