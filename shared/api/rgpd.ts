/**
 * API of data protection (RGPD): the dossiers due for anonymisation under the retention rules, their purge (an
 * administrator confirms a list; never automatic), and the right of access (everything held on a person, as one PDF
 * and one JSON file).
 *
 * Access: the purge is the administrator's, for the dossiers of their MDS; the export is the administrator's and the
 * correspondent's, on the dossiers of their MDS.
 */
import { z } from 'zod';
import { idSchema } from './common';
import { def, type MethodDef } from './method';

const ADMIN = ['administrateur'] as const;

export const retentionRuleSchema = z.object({
  label: z.string(),
  duration: z.string(),
  action: z.string(),
  basis: z.array(z.string()),
});

export const purgeCandidateSchema = z.object({
  personId: idSchema,
  /** « NOM Prénoms » and the foyer's CAF number, to recognise the dossier before confirming. */
  name: z.string(),
  cafNumber: z.string(),
  /** The latest date of activity found, and what it was. */
  lastActivity: z.string(),
  lastActivityWhat: z.string(),
  /** The radiation month of a sanction, when the database knows the end of the RSA that way. */
  rsaEnd: z.string().nullable(),
  /** From this day on, the dossier is due for anonymisation. */
  dueSince: z.string(),
  /** Why, in one French sentence. */
  reason: z.string(),
  /** Why it cannot be purged now (a procedure in progress), or null. */
  blocker: z.string().nullable(),
});
export type PurgeCandidate = z.output<typeof purgeCandidateSchema>;

export const rgpdMethods = {
  /** The retention rules in force (durations with their legal basis), for the page and the registre. */
  'rgpd.retention': def({
    input: z.object({}).strict(),
    output: z.object({ version: z.number().int(), validFrom: z.string(), rules: z.array(retentionRuleSchema) }),
    access: ['administrateur', 'correspondant'],
    writes: false,
  }),
  /** Dossiers of the MDS due for anonymisation today, with the reason and dates; those blocked say why. */
  'rgpd.purgeCandidates': def({
    input: z.object({}).strict(),
    output: z.object({
      today: z.string(),
      candidates: z.array(purgeCandidateSchema),
      /** Dossiers in archivage intermédiaire (kept, no longer in active use). */
      inIntermediateArchive: z.number().int().nonnegative(),
    }),
    access: ADMIN,
    writes: false,
  }),
  /** Anonymises the dossiers confirmed; refused whole if one of them is not due (or blocked). */
  'rgpd.purge': def({
    input: z.object({
      personIds: z.array(idSchema).min(1, 'Choisissez au moins un dossier.').max(200, 'Au plus 200 dossiers à la fois.'),
      confirm: z.literal(true, { error: 'Confirmez l’anonymisation.' }),
    }),
    output: z.object({ purged: z.number().int(), foyers: z.number().int(), auditLines: z.number().int() }),
    access: ADMIN,
    writes: true,
  }),
  /** Right of access: everything held on the person, as a PDF and a JSON file; the export is recorded in the journal. */
  'rgpd.exportPerson': def({
    input: z.object({ personId: idSchema }),
    output: z.object({
      pdf: z.object({ fileName: z.string(), mime: z.literal('application/pdf'), base64: z.string(), size: z.number().int(), pageCount: z.number().int() }),
      json: z.object({ fileName: z.string(), mime: z.literal('application/json'), text: z.string() }),
    }),
    access: ['administrateur', 'correspondant'],
    writes: true,
  }),
} as const satisfies Record<string, MethodDef>;
