/**
 * Foundation tables of the Parcours RSA database (SQLite, encrypted with SQLCipher): MDS, users, foyers,
 * children, persons, the audit journal and drafts. The capabilities' tables (db/schema-<capability>.ts) refer
 * to these; db/schema.ts re-exports them all.
 *
 * SQL names are snake_case, TypeScript names camelCase. Instants are ISO 8601 strings
 * (Date#toISOString), calendar dates 'YYYY-MM-DD'. Booleans are integers (0/1).
 *
 * Not expressed here (drizzle-kit can't): the FTS5 search index `person_search`, its
 * side table `person_search_key` and their triggers, and the triggers making `audit_log`
 * append-only. They live in the custom migrations of `db/migrations/`.
 */
import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { ROLES } from '../shared/api/common';
import { SITUATIONS_FAMILIALES } from '../shared/api/dossier';
import { DIPLOMA_LEVEL_CODES } from '../shared/domain/referentials/diplomas';

const SITUATION_CODES = Object.keys(SITUATIONS_FAMILIALES) as [
  keyof typeof SITUATIONS_FAMILIALES,
  ...(keyof typeof SITUATIONS_FAMILIALES)[],
];

/** Default for created_at / updated_at when a row is inserted without them (ISO 8601, UTC). */
const nowIso = sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`;

/** Maisons départementales des solidarités. */
export const mds = sqliteTable('mds', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  name: text('name').notNull(),
  territory: text('territory').notNull(),
  address: text('address'),
  /** The commune where the MDS's papers are made (« Fait à Arras, le … »). */
  commune: text('commune'),
  createdAt: text('created_at').notNull().default(nowIso),
});

/** User accounts. Passwords are never stored here: each account has a key slot in the key file. */
export const users = sqliteTable(
  'users',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    login: text('login').notNull().unique(),
    displayName: text('display_name').notNull(),
    role: text('role', { enum: ROLES }).notNull(),
    structure: text('structure').notNull(),
    mdsId: integer('mds_id').references(() => mds.id),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    /**
     * A partner référent's account (CCAS, CAF, MSA, association, mission locale, France Travail…: the handbook's DUI
     * extranet). It cannot be active without the date the « charte utilisateur » was signed and the reference of the
     * « demande d’accès individuelle ».
     */
    partner: integer('partner', { mode: 'boolean' }).notNull().default(false),
    charteSignedOn: text('charte_signed_on'),
    accessRequestRef: text('access_request_ref'),
    createdAt: text('created_at').notNull().default(nowIso),
    updatedAt: text('updated_at').notNull().default(nowIso),
  },
  (t) => [index('users_mds_id_idx').on(t.mdsId)],
);

export const foyers = sqliteTable(
  'foyers',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    cafNumber: text('caf_number').notNull().unique(),
    rsaDepuis: text('rsa_depuis'),
    situationFamiliale: text('situation_familiale', { enum: SITUATION_CODES }).notNull(),
    addressLine1: text('address_line1').notNull(),
    addressLine2: text('address_line2'),
    postalCode: text('postal_code').notNull(),
    city: text('city').notNull(),
    mdsId: integer('mds_id')
      .notNull()
      .references(() => mds.id),
    /** RGPD purge: when the foyer's identity and free text were erased (its counts stay for statistics). */
    purgedAt: text('purged_at'),
    version: integer('version').notNull().default(0),
    createdAt: text('created_at').notNull().default(nowIso),
    updatedAt: text('updated_at').notNull().default(nowIso),
  },
  (t) => [index('foyers_mds_id_idx').on(t.mdsId)],
);

export const children = sqliteTable(
  'children',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    foyerId: integer('foyer_id')
      .notNull()
      .references(() => foyers.id, { onDelete: 'cascade' }),
    prenom: text('prenom').notNull(),
    dateNaissance: text('date_naissance').notNull(),
  },
  (t) => [index('children_foyer_id_idx').on(t.foyerId)],
);

export const persons = sqliteTable(
  'persons',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    foyerId: integer('foyer_id')
      .notNull()
      .references(() => foyers.id),
    roleInFoyer: text('role_in_foyer', { enum: ['allocataire', 'conjoint'] }).notNull(),
    nomPatronymique: text('nom_patronymique').notNull(),
    nomUsage: text('nom_usage'),
    prenoms: text('prenoms').notNull(),
    sexe: text('sexe', { enum: ['F', 'M'] }).notNull(),
    dateNaissance: text('date_naissance').notNull(),
    /** Contact fields are optional in the forms: null when not given. */
    telephone: text('telephone'),
    portable: text('portable'),
    email: text('email'),
    peNumber: text('pe_number'),
    niveauFormation: text('niveau_formation', { enum: DIPLOMA_LEVEL_CODES }),
    referentId: integer('referent_id').references(() => users.id),
    correspondantId: integer('correspondant_id').references(() => users.id),
    /** RGPD purge: when the person's identity, contact details, free text and attachments were erased. */
    purgedAt: text('purged_at'),
    /** France Travail: the last registration event imported ('inscription' | 'cessation' | 'radiation' | 'stock') and its date. */
    ftStatus: text('ft_status'),
    ftStatusDate: text('ft_status_date'),
    /** Merged into another dossier (same person): the kept one. The merged dossier stays, read-only, for its history. */
    mergedIntoId: integer('merged_into_id'),
    version: integer('version').notNull().default(0),
    createdAt: text('created_at').notNull().default(nowIso),
    updatedAt: text('updated_at').notNull().default(nowIso),
  },
  (t) => [
    index('persons_foyer_id_idx').on(t.foyerId),
    index('persons_pe_number_idx').on(t.peNumber),
    index('persons_referent_id_idx').on(t.referentId),
    index('persons_correspondant_id_idx').on(t.correspondantId),
  ],
);

/**
 * Append-only journal of every write (triggers refuse UPDATE and DELETE).
 * userId has no foreign key on purpose: the journal outlives accounts.
 */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: text('at').notNull().default(nowIso),
    userId: integer('user_id'),
    userLogin: text('user_login').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id').notNull(),
    action: text('action', { enum: ['create', 'update', 'delete'] }).notNull(),
    beforeJson: text('before_json'),
    afterJson: text('after_json'),
    /** RGPD purge: the before/after values of a purged dossier's lines were anonymised then (the only change allowed). */
    anonymisedAt: text('anonymised_at'),
  },
  (t) => [index('audit_log_entity_idx').on(t.entity, t.entityId), index('audit_log_at_idx').on(t.at)],
);

/** Unsaved form contents, one per user and form key. */
export const drafts = sqliteTable(
  'drafts',
  {
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    dataJson: text('data_json').notNull(),
    updatedAt: text('updated_at').notNull().default(nowIso),
  },
  (t) => [primaryKey({ columns: [t.userId, t.key] })],
);

/** Backups of the database (files in the backup folder), recorded once written and verified. */
export const backups = sqliteTable(
  'backups',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: text('at').notNull(),
    /** 'manuelle' | 'demarrage' | 'quotidienne' | 'hebdomadaire'. */
    kind: text('kind').notNull(),
    /** The backup file's name in the backup folder, and the folder when it was written. */
    fileName: text('file_name').notNull(),
    folder: text('folder').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    sha256: text('sha256').notNull(),
    /** Row counts per table at the time of the backup (JSON), checked against the copy. */
    countsJson: text('counts_json').notNull(),
    verifiedAt: text('verified_at').notNull(),
    userId: integer('user_id'),
    /** Removed by the rotation (7 dailies, 4 weeklies): when. */
    removedAt: text('removed_at'),
  },
  (t) => [index('backups_at_idx').on(t.at)],
);

export type Mds = typeof mds.$inferSelect;
export type NewMds = typeof mds.$inferInsert;
export type User = typeof users.$inferSelect;
export type NewUser = typeof users.$inferInsert;
export type Foyer = typeof foyers.$inferSelect;
export type NewFoyer = typeof foyers.$inferInsert;
export type Child = typeof children.$inferSelect;
export type NewChild = typeof children.$inferInsert;
export type Person = typeof persons.$inferSelect;
export type NewPerson = typeof persons.$inferInsert;
export type AuditLogEntry = typeof auditLog.$inferSelect;
export type NewAuditLogEntry = typeof auditLog.$inferInsert;
export type Draft = typeof drafts.$inferSelect;
export type NewDraft = typeof drafts.$inferInsert;
