/**
 * API of the printed documents (generated in main, offline): the archive of a dossier's final documents, their
 * download, generating a document (a draft is only returned; a final one is archived, once per content), and
 * printing through the system dialog when the app runs in Electron.
 *
 * Access: the dossier's rules (a référent only on the dossiers where they are the named référent; the other
 * roles on their MDS's dossiers). Generating a FINAL document archives it: the EP secretary, who only reads
 * dossiers, may preview and print drafts but not archive.
 */
import { z } from 'zod';
import { idSchema, isoDateTimeSchema } from './common';
import { EP_MANAGERS, EP_READERS, epCancelInputSchema, epLetterPdfInputSchema, epPdfSchema, epSessionSchema } from './ep';
import { def, type MethodDef } from './method';

/** Documents of a dossier (source: a record of one person). */
export const DOSSIER_DOCUMENT_KINDS = ['dsp', 'ede', 'orientation', 'contrat', 'fiche_liaison', 'reponse_fiche', 'convocation'] as const;
/**
 * Documents of the équipe pluridisciplinaire. Source: the session (convocations, information letters, session file,
 * procès-verbal) or one case of its agenda (decision letters, which belong to that person's dossier too).
 */
export const EP_DOCUMENT_KINDS = [
  'ep_convocations',
  'ep_informations',
  'ep_dossier_seance',
  'ep_dossier_seance_anonymise',
  'ep_proces_verbal',
  'ep_decision_beneficiaire',
  'ep_decision_referent',
  'ep_annulation',
] as const;
export const DOCUMENT_KINDS = [...DOSSIER_DOCUMENT_KINDS, ...EP_DOCUMENT_KINDS] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];
export type EpDocumentKind = (typeof EP_DOCUMENT_KINDS)[number];
export type DossierDocumentKind = (typeof DOSSIER_DOCUMENT_KINDS)[number];
export const isEpDocumentKind = (kind: DocumentKind): kind is EpDocumentKind => (EP_DOCUMENT_KINDS as readonly string[]).includes(kind);
export const DOCUMENT_KIND_LABELS: Record<DocumentKind, string> = {
  dsp: 'Données socio-professionnelles (DSP)',
  ede: 'Échelle de distance à l’emploi (EDE)',
  orientation: 'Décision d’orientation',
  contrat: 'Contrat d’engagements réciproques (deux exemplaires originaux)',
  fiche_liaison: 'Fiche de liaison',
  reponse_fiche: 'Réponse du correspondant à une fiche de liaison',
  convocation: 'Convocation à un rendez-vous avec le référent',
  ep_convocations: 'Convocations des membres de l’équipe pluridisciplinaire',
  ep_informations: 'Lettres d’information des bénéficiaires (équipe pluridisciplinaire)',
  ep_dossier_seance: 'Dossier de séance de l’équipe pluridisciplinaire',
  ep_dossier_seance_anonymise: 'Dossier de séance de l’équipe pluridisciplinaire (copie anonymisée)',
  ep_proces_verbal: 'Procès-verbal de l’équipe pluridisciplinaire',
  ep_decision_beneficiaire: 'Courrier de décision au bénéficiaire (équipe pluridisciplinaire)',
  ep_decision_referent: 'Courrier de décision au référent (équipe pluridisciplinaire)',
  ep_annulation: 'Courriers d’annulation d’une séance de l’équipe pluridisciplinaire',
};
export const documentKindSchema = z.enum(DOCUMENT_KINDS, { error: 'Type de document inconnu' });

/** What the source id names, per kind. */
export const DOCUMENT_SOURCE_LABELS: Record<DocumentKind, string> = {
  dsp: 'révision de DSP',
  ede: 'échelle de distance à l’emploi',
  orientation: 'décision d’orientation',
  contrat: 'contrat',
  fiche_liaison: 'fiche de liaison',
  reponse_fiche: 'fiche de liaison',
  convocation: 'rendez-vous',
  ep_convocations: 'séance de l’équipe pluridisciplinaire',
  ep_informations: 'séance de l’équipe pluridisciplinaire',
  ep_dossier_seance: 'séance de l’équipe pluridisciplinaire',
  ep_dossier_seance_anonymise: 'séance de l’équipe pluridisciplinaire',
  ep_proces_verbal: 'séance de l’équipe pluridisciplinaire',
  ep_decision_beneficiaire: 'dossier à l’ordre du jour d’une séance',
  ep_decision_referent: 'dossier à l’ordre du jour d’une séance',
  ep_annulation: 'séance de l’équipe pluridisciplinaire',
};

export const PDF_MIME = 'application/pdf';

const copiesSchema = z
  .number({ error: 'Nombre d’exemplaires invalide' })
  .int('Nombre d’exemplaires invalide')
  .min(1, 'Au moins un exemplaire')
  .max(20, '20 exemplaires au plus');

/** An archived document (without its bytes). */
export const documentSummarySchema = z.object({
  id: idSchema,
  kind: documentKindSchema,
  kindLabel: z.string(),
  /** The dossier it belongs to; null for a document of an EP session (convocations, session file, procès-verbal). */
  personId: idSchema.nullable(),
  sourceEntity: z.string(),
  sourceId: idSchema,
  sourceVersion: z.number().int().nonnegative(),
  title: z.string(),
  fileName: z.string(),
  mime: z.literal(PDF_MIME),
  /** Originals in the file: 2 for a contract (print the file once), 1 otherwise. */
  copies: z.number().int().positive(),
  pageCount: z.number().int().positive(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  size: z.number().int().positive(),
  isFinal: z.boolean(),
  createdAt: isoDateTimeSchema,
  createdBy: z.string(),
});
export type DocumentSummary = z.output<typeof documentSummarySchema>;

/** A PDF's bytes, base64. */
export const documentFileSchema = z.object({
  fileName: z.string(),
  mime: z.literal(PDF_MIME),
  base64: z.string(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  size: z.number().int().positive(),
  copies: z.number().int().positive(),
  pageCount: z.number().int().positive(),
});
export type DocumentFile = z.output<typeof documentFileSchema>;

export const documentGenerateInputSchema = z.object({
  kind: documentKindSchema,
  /**
   * Contract id, DSP revision id, EDE id, orientation decision id, fiche id (the answer's fiche for `reponse_fiche`) or rendez-vous id (`convocation`); for the EP, the
   * session id, or the agenda item id for a decision letter.
   */
  sourceId: idSchema,
  /** true: archived (once per content) and returned; false: a draft, returned only. */
  final: z.boolean({ error: 'Précisez s’il s’agit d’un document définitif ou d’un brouillon' }),
});

export const documentGenerateOutputSchema = documentFileSchema.extend({
  /** The archived document (final), null for a draft. */
  document: documentSummarySchema.nullable(),
  /** true when the final document was already archived: its archived bytes are returned, not re-rendered. */
  reprint: z.boolean(),
  /** A draft's watermark (« PROJET – ne vaut pas contrat » for a contract not yet signed), null otherwise. */
  watermark: z.string().nullable(),
});
export type DocumentGenerateOutput = z.output<typeof documentGenerateOutputSchema>;

/** An EP document as a PDF, with its archive entry. */
export const epDocumentSchema = epPdfSchema.extend({
  document: documentSummarySchema,
  /** true when it was already archived with this content: the archived bytes are returned. */
  reprint: z.boolean(),
});
export type EpDocument = z.output<typeof epDocumentSchema>;

/** A record of the dossier that can be printed, and where its archive stands. */
export const printableSchema = z.object({
  kind: documentKindSchema,
  kindLabel: z.string(),
  sourceId: idSchema,
  title: z.string(),
  /** Date of the record (dd/mm/yyyy shown by the screen). */
  date: z.string(),
  /** Why it cannot be archived as final yet (e.g. a contract not signed), null when it can. */
  finalBlocker: z.string().nullable(),
  /** The latest archived final document of this record, if any. */
  latestDocumentId: idSchema.nullable(),
  /** Originals printed per file (2 for a contract). */
  copies: z.number().int().positive(),
});
export type Printable = z.output<typeof printableSchema>;

export const documentsMethods = {
  /** The dossier's archived documents, newest first. */
  'documents.list': def({
    input: z.object({ personId: idSchema }),
    output: z.array(documentSummarySchema),
    access: 'authenticated',
    writes: false,
  }),
  /** What the dossier has to print (contracts, DSP revisions, EDEs, fiches and answers), newest first. */
  'documents.printable': def({
    input: z.object({ personId: idSchema }),
    output: z.array(printableSchema),
    access: 'authenticated',
    writes: false,
  }),
  /** An archived document's bytes (a reprint: the exact bytes archived). */
  'documents.get': def({
    input: z.object({ id: idSchema }),
    output: documentFileSchema.extend({ document: documentSummarySchema }),
    access: 'authenticated',
    writes: false,
  }),
  /** Renders a document; a final one is archived with its hash, date and author (audited). */
  'documents.generate': def({
    input: documentGenerateInputSchema,
    output: documentGenerateOutputSchema,
    access: 'authenticated',
    writes: true,
    // A draft is rendered, not archived: a read (issue 14: a 10-page draft no longer holds the others' writes).
    readsWhen: (input) => !input.final,
  }),
  /**
   * Prints an archived document (`id`) or a draft rendered for the occasion (`draft`) through the system print
   * dialog (Electron), `copies` preset (a contract's file already holds both originals: 1). Refused (RULE) in
   * browser mode: the screen opens the PDF instead.
   */
  'documents.print': def({
    input: z.union(
      [
        z.object({ id: idSchema, copies: copiesSchema }).strict(),
        z.object({ draft: z.object({ kind: documentKindSchema, sourceId: idSchema }), copies: copiesSchema }).strict(),
      ],
      { error: 'Document à imprimer invalide : un document archivé (id) ou un brouillon (type et source)' },
    ),
    output: z.object({ printed: z.boolean() }),
    access: 'authenticated',
    writes: false,
  }),
  /** Whether this app can print through the system dialog (Electron) or the screen must open the PDF. */
  'documents.printSupport': def({
    input: z.object({}).strict(),
    output: z.object({ systemDialog: z.boolean() }),
    access: 'authenticated',
    writes: false,
  }),
  /** The EP session file as a PDF, full or anonymised: archived like every final document (a reprint: the archived bytes). */
  'ep.sessions.filePdf': def({
    input: z.object({ sessionId: idSchema, anonymised: z.boolean().default(false) }),
    output: epDocumentSchema,
    access: EP_READERS,
    writes: true,
  }),
  /**
   * A letter as a PDF: convocations / information letters (one letter per member / beneficiary, each numbered on its
   * own), procès-verbal, decision letters (after the decision). Archived like every final document.
   */
  'ep.sessions.letterPdf': def({ input: epLetterPdfInputSchema, output: epDocumentSchema, access: EP_READERS, writes: true }),
  /**
   * Cancels a session left without any case (before it is held) and, in the same call, archives the cancellation
   * letters to everyone convened (null when the convocations had not been sent), dated on `sendingDate` or today.
   */
  'ep.sessions.cancel': def({
    input: epCancelInputSchema,
    output: z.object({ session: epSessionSchema, letters: epDocumentSchema.nullable() }),
    access: EP_MANAGERS,
    writes: true,
  }),
} as const satisfies Record<string, MethodDef>;
