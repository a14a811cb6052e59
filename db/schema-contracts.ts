/**
 * Tables of the contracts (CERS, CERP) and their PAP versions, the fiches de liaison, the attachments (stored in
 * the encrypted database, never as files) and the EP saisines (minimal: the EP capability extends them).
 *
 * Structured parts of a form that are only read as a whole (the contract's objectives and CERP rubrics, the
 * fiche's request) are JSON columns; what is queried or versioned (PAP rows, states, dates, links) has columns.
 * The orientation and EDE ids point to the interview capability's tables: no foreign key, so each capability
 * migrates on its own.
 */
import { sql } from 'drizzle-orm';
import { blob, index, integer, sqliteTable, text, uniqueIndex, type AnySQLiteColumn } from 'drizzle-orm/sqlite-core';
import { CONTRACT_STATUSES, CONTRACT_TYPES } from '../shared/domain/rules/contracts';
import { FICHE_TYPES } from '../shared/domain/rules/fiche-liaison';
import { PAP_ORIGINS, PAP_THEME_CODES, RESULTATS } from '../shared/domain/rules/pap';
import { SAISINE_ORIGINS } from '../shared/domain/rules/ep';
import { ORIENTATIONS } from '../shared/domain/rules/orientation';
import { persons, users } from './schema-foundation';

const nowIso = sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`;

/** JSON shapes of the contract's free parts (validated by shared/api/contracts.ts before they are stored). */
export interface ContractContentJson {
  objectifs: string;
  resultatsAttendus: string;
  emploisRecherches?: string;
  referent: { lieuSuivi: string; prochainsRendezVous: string[] };
  remarquesBeneficiaire?: string;
  cerp: unknown;
}
export interface SnapshotJson {
  [key: string]: unknown;
}
export interface ReferentialVersionsJson {
  actions: number;
  rome: number;
  diplomas: number;
}

/** Contrats d’engagements réciproques. The PAP lives in contract_paps / contract_pap_actions (versioned). */
export const contracts = sqliteTable(
  'contracts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    personId: integer('person_id')
      .notNull()
      .references(() => persons.id),
    type: text('type', { enum: CONTRACT_TYPES }).notNull(),
    status: text('status', { enum: CONTRACT_STATUSES }).notNull(),
    /** The orientation decision followed (interview capability's id, when known) and its date. */
    orientationId: integer('orientation_id'),
    orientationDate: text('orientation_date').notNull(),
    orientation: text('orientation', { enum: ORIENTATIONS }).notNull(),
    start: text('start').notNull(),
    durationMonths: integer('duration_months').notNull(),
    /** contractEndDate(start, durationMonths), stored for queries. */
    end: text('end').notNull(),
    renewalOfId: integer('renewal_of_id').references((): AnySQLiteColumn => contracts.id),
    /** Current PAP version (1, then +1 per avenant). */
    papVersion: integer('pap_version').notNull().default(1),
    content: text('content', { mode: 'json' }).$type<ContractContentJson>().notNull(),
    suiviEmploi: text('suivi_emploi', { mode: 'json' }).$type<unknown[]>().notNull(),
    etatCivil: text('etat_civil', { mode: 'json' }).$type<SnapshotJson>().notNull(),
    referentIdentity: text('referent_identity', { mode: 'json' }).$type<SnapshotJson>().notNull(),
    referentials: text('referentials', { mode: 'json' }).$type<ReferentialVersionsJson>().notNull(),
    signatureReferentNom: text('signature_referent_nom'),
    signatureReferentDate: text('signature_referent_date'),
    signatureBeneficiaireNom: text('signature_beneficiaire_nom'),
    signatureBeneficiaireDate: text('signature_beneficiaire_date'),
    signedOn: text('signed_on'),
    transmittedOn: text('transmitted_on'),
    decidedOn: text('decided_on'),
    decidedById: integer('decided_by_id').references(() => users.id),
    rejectionMotif: text('rejection_motif'),
    startedOn: text('started_on'),
    endedOn: text('ended_on'),
    closureMotif: text('closure_motif'),
    bilanGeneral: text('bilan_general'),
    /** Signed without the EDE the rule asks for: an administrator's written reason. */
    edeWaiverReason: text('ede_waiver_reason'),
    edeWaiverById: integer('ede_waiver_by_id').references(() => users.id),
    edeWaiverByName: text('ede_waiver_by_name'),
    createdById: integer('created_by_id').references(() => users.id),
    version: integer('version').notNull().default(0),
    createdAt: text('created_at').notNull().default(nowIso),
    updatedAt: text('updated_at').notNull().default(nowIso),
  },
  (t) => [
    index('contracts_person_id_idx').on(t.personId),
    index('contracts_status_idx').on(t.status),
    index('contracts_renewal_of_id_idx').on(t.renewalOfId),
  ],
);

/** One version of a contract's PAP: version 1 at creation, one more per accepted avenant (old ones stay). */
export const contractPaps = sqliteTable(
  'contract_paps',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    contractId: integer('contract_id')
      .notNull()
      .references(() => contracts.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    origin: text('origin', { enum: ['initial', 'avenant'] }).notNull(),
    /** Avenant: the fiche de liaison, its date and reasons. */
    ficheId: integer('fiche_id').references((): AnySQLiteColumn => fichesLiaison.id),
    avenantDate: text('avenant_date'),
    avenantMotif: text('avenant_motif'),
    /** Version of the actions referential the rows were checked with. */
    actionsReferentialVersion: integer('actions_referential_version').notNull(),
    createdById: integer('created_by_id').references(() => users.id),
    createdAt: text('created_at').notNull().default(nowIso),
  },
  (t) => [uniqueIndex('contract_paps_contract_version_uq').on(t.contractId, t.version)],
);

export const contractPapActions = sqliteTable(
  'contract_pap_actions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    papId: integer('pap_id')
      .notNull()
      .references(() => contractPaps.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    theme: text('theme', { enum: PAP_THEME_CODES }).notNull(),
    actionCode: text('action_code').notNull(),
    services: text('services', { mode: 'json' }).$type<string[]>().notNull(),
    start: text('start').notNull(),
    end: text('end').notNull(),
    engagementReferent: text('engagement_referent').notNull(),
    engagementBeneficiaire: text('engagement_beneficiaire').notNull(),
    resultat: text('resultat', { enum: RESULTATS }),
    bilan: text('bilan'),
    origin: text('origin', { enum: PAP_ORIGINS }).notNull(),
    carriedOver: integer('carried_over', { mode: 'boolean' }).notNull().default(false),
    derogationObtained: integer('derogation_obtained', { mode: 'boolean' }).notNull().default(false),
  },
  (t) => [uniqueIndex('contract_pap_actions_pap_position_uq').on(t.papId, t.position), index('contract_pap_actions_code_idx').on(t.actionCode)],
);

export const FICHE_STATE_VALUES = ['brouillon', 'envoyee', 'acceptee', 'refusee', 'close'] as const;

/** Fiches de liaison référent – Conseil Général. */
export const fichesLiaison = sqliteTable(
  'fiches_liaison',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    personId: integer('person_id')
      .notNull()
      .references(() => persons.id),
    type: text('type', { enum: FICHE_TYPES }).notNull(),
    status: text('status', { enum: FICHE_STATE_VALUES }).notNull(),
    /** Date of the request. */
    date: text('date').notNull(),
    contractId: integer('contract_id').references(() => contracts.id),
    /** Réorientation: the EDE attached (interview capability's id). */
    edeId: integer('ede_id'),
    /** The request's fields (shared/api/fiches.ts form, without type/date/contractId). */
    content: text('content', { mode: 'json' }).$type<SnapshotJson>().notNull(),
    administratif: text('administratif', { mode: 'json' }).$type<SnapshotJson>().notNull(),
    referentials: text('referentials', { mode: 'json' }).$type<SnapshotJson>().notNull(),
    sentOn: text('sent_on'),
    answerDecision: text('answer_decision', { enum: ['acceptee', 'refusee'] }),
    answerDate: text('answer_date'),
    answerText: text('answer_text'),
    answeredById: integer('answered_by_id').references(() => users.id),
    answeredByName: text('answered_by_name'),
    closedOn: text('closed_on'),
    structureFeedback: text('structure_feedback', { mode: 'json' }).$type<SnapshotJson>(),
    /** « Partie réservée au Président » (avenant, actions du Conseil Général): decision, structure, signatory. */
    presidentDecision: text('president_decision', { enum: ['accord', 'refus', 'ajournement'] }),
    presidentReason: text('president_reason'),
    presidentStructure: text('president_structure'),
    presidentDate: text('president_date'),
    presidentSignatoryName: text('president_signatory_name'),
    presidentSignatoryFunction: text('president_signatory_function'),
    presidentSignatoryDelegation: text('president_signatory_delegation'),
    presidentRecordedById: integer('president_recorded_by_id').references(() => users.id),
    presidentRecordedAt: text('president_recorded_at'),
    createdById: integer('created_by_id').references(() => users.id),
    version: integer('version').notNull().default(0),
    createdAt: text('created_at').notNull().default(nowIso),
    updatedAt: text('updated_at').notNull().default(nowIso),
  },
  (t) => [
    index('fiches_liaison_person_id_idx').on(t.personId),
    index('fiches_liaison_status_sent_idx').on(t.status, t.sentOn),
    index('fiches_liaison_contract_id_idx').on(t.contractId),
  ],
);

export const ATTACHMENT_OWNER_TYPES = ['fiche', 'contract'] as const;
export const ATTACHMENT_KIND_VALUES = ['convocation', 'cv', 'ede', 'pap', 'courrier', 'autre'] as const;

/** Attachment metadata; the bytes are in attachment_blobs (same encrypted database). */
export const attachments = sqliteTable(
  'attachments',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    personId: integer('person_id')
      .notNull()
      .references(() => persons.id),
    ownerType: text('owner_type', { enum: ATTACHMENT_OWNER_TYPES }).notNull(),
    ownerId: integer('owner_id').notNull(),
    kind: text('kind', { enum: ATTACHMENT_KIND_VALUES }).notNull(),
    fileName: text('file_name').notNull(),
    mime: text('mime').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    documentDate: text('document_date'),
    label: text('label'),
    createdById: integer('created_by_id').references(() => users.id),
    createdByLogin: text('created_by_login').notNull(),
    createdAt: text('created_at').notNull().default(nowIso),
  },
  (t) => [index('attachments_owner_idx').on(t.ownerType, t.ownerId), index('attachments_person_id_idx').on(t.personId)],
);

export const attachmentBlobs = sqliteTable('attachment_blobs', {
  attachmentId: integer('attachment_id')
    .primaryKey()
    .references(() => attachments.id, { onDelete: 'cascade' }),
  data: blob('data', { mode: 'buffer' }).notNull(),
});

/**
 * Saisines of the équipe pluridisciplinaire (minimal: the EP capability adds sessions, avis, decisions).
 * Created by an accepted fiche of réorientation or suspension, or by a CERS reaching 12 months.
 */
export const epSaisines = sqliteTable(
  'ep_saisines',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    personId: integer('person_id')
      .notNull()
      .references(() => persons.id),
    origin: text('origin', { enum: SAISINE_ORIGINS }).notNull(),
    /** Subject, in French (motif, target orientation…). */
    theme: text('theme').notNull(),
    /** Date of the saisine: the one-month delay for the avis runs from it. */
    date: text('date').notNull(),
    avisDeadline: text('avis_deadline').notNull(),
    status: text('status').notNull().default('en_attente'),
    ficheId: integer('fiche_id').references(() => fichesLiaison.id),
    edeId: integer('ede_id'),
    contractId: integer('contract_id').references(() => contracts.id),
    papId: integer('pap_id').references(() => contractPaps.id),
    /** Convocation letters and other documents of the fiche. */
    attachmentIds: text('attachment_ids', { mode: 'json' }).$type<number[]>().notNull(),
    cible: text('cible', { enum: ORIENTATIONS }),
    suspensionMotif: text('suspension_motif'),
    createdById: integer('created_by_id').references(() => users.id),
    createdAt: text('created_at').notNull().default(nowIso),
  },
  (t) => [
    index('ep_saisines_person_id_idx').on(t.personId),
    index('ep_saisines_status_idx').on(t.status),
    uniqueIndex('ep_saisines_fiche_id_uq').on(t.ficheId),
    index('ep_saisines_contract_id_idx').on(t.contractId),
  ],
);

export type Contract = typeof contracts.$inferSelect;
export type NewContract = typeof contracts.$inferInsert;
export type ContractPap = typeof contractPaps.$inferSelect;
export type ContractPapAction = typeof contractPapActions.$inferSelect;
export type NewContractPapAction = typeof contractPapActions.$inferInsert;
export type FicheLiaison = typeof fichesLiaison.$inferSelect;
export type NewFicheLiaison = typeof fichesLiaison.$inferInsert;
export type Attachment = typeof attachments.$inferSelect;
export type EpSaisine = typeof epSaisines.$inferSelect;
export type NewEpSaisine = typeof epSaisines.$inferInsert;
