/**
 * Queries of the fiches de liaison and of the attachments (bytes in attachment_blobs, inside the encrypted
 * database). Services validate and authorise; these functions only read and write rows.
 */
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import {
  attachmentBlobs,
  attachments,
  fichesLiaison,
  type Attachment,
  type FicheLiaison,
  type NewFicheLiaison,
} from '../schema-contracts';
import { foyers, persons, users } from '../schema';
import type { DbOrTx } from './types';

export function findFiche(db: DbOrTx, id: number): FicheLiaison | undefined {
  return db.select().from(fichesLiaison).where(eq(fichesLiaison.id, id)).get();
}

/** A person's fiches, newest first. */
export function fichesOfPerson(db: DbOrTx, personId: number): FicheLiaison[] {
  return db
    .select()
    .from(fichesLiaison)
    .where(eq(fichesLiaison.personId, personId))
    .orderBy(sql`${fichesLiaison.date} DESC`, sql`${fichesLiaison.id} DESC`)
    .all();
}

/** Fiches referring to a contract (as the contract in progress or the contract amended). */
export function fichesOfContract(db: DbOrTx, contractId: number): FicheLiaison[] {
  return db.select().from(fichesLiaison).where(eq(fichesLiaison.contractId, contractId)).all();
}

export function insertFiche(db: DbOrTx, values: Omit<NewFicheLiaison, 'id' | 'version'>): FicheLiaison {
  return db
    .insert(fichesLiaison)
    .values({ ...values, version: 0 })
    .returning()
    .get();
}

export function updateFiche(db: DbOrTx, id: number, set: Partial<Omit<NewFicheLiaison, 'id' | 'version' | 'personId'>>, at: string): FicheLiaison {
  const row = db
    .update(fichesLiaison)
    .set({ ...set, version: sql`${fichesLiaison.version} + 1`, updatedAt: at })
    .where(eq(fichesLiaison.id, id))
    .returning()
    .get();
  if (!row) throw new Error(`fiches_liaison.id ${id} absent`);
  return row;
}

export function deleteFiche(db: DbOrTx, id: number): void {
  db.delete(fichesLiaison).where(eq(fichesLiaison.id, id)).run();
}

export interface FicheListRow {
  fiche: FicheLiaison;
  nomPatronymique: string;
  nomUsage: string | null;
  prenoms: string;
  referentName: string | null;
}

/** Fiches of an MDS in the given states, oldest sending first. */
export function fichesInStates(db: DbOrTx, mdsId: number, states: readonly FicheLiaison['status'][]): FicheListRow[] {
  return db
    .select({
      fiche: fichesLiaison,
      nomPatronymique: persons.nomPatronymique,
      nomUsage: persons.nomUsage,
      prenoms: persons.prenoms,
      referentName: users.displayName,
    })
    .from(fichesLiaison)
    .innerJoin(persons, eq(persons.id, fichesLiaison.personId))
    .innerJoin(foyers, eq(foyers.id, persons.foyerId))
    .leftJoin(users, eq(users.id, persons.referentId))
    .where(and(eq(foyers.mdsId, mdsId), inArray(fichesLiaison.status, [...states])))
    .orderBy(asc(fichesLiaison.sentOn), asc(fichesLiaison.id))
    .all();
}

// ---------------------------------------------------------------------------------------------------------
// Attachments
// ---------------------------------------------------------------------------------------------------------

export type AttachmentOwnerType = Attachment['ownerType'];

export function insertAttachment(db: DbOrTx, values: Omit<typeof attachments.$inferInsert, 'id'>, data: Buffer): Attachment {
  const row = db.insert(attachments).values(values).returning().get();
  db.insert(attachmentBlobs).values({ attachmentId: row.id, data }).run();
  return row;
}

export function findAttachment(db: DbOrTx, id: number): Attachment | undefined {
  return db.select().from(attachments).where(eq(attachments.id, id)).get();
}

export function attachmentsOf(db: DbOrTx, ownerType: AttachmentOwnerType, ownerId: number): Attachment[] {
  return db
    .select()
    .from(attachments)
    .where(and(eq(attachments.ownerType, ownerType), eq(attachments.ownerId, ownerId)))
    .orderBy(asc(attachments.id))
    .all();
}

export function attachmentData(db: DbOrTx, id: number): Buffer | undefined {
  return db.select({ data: attachmentBlobs.data }).from(attachmentBlobs).where(eq(attachmentBlobs.attachmentId, id)).get()?.data;
}

/** Removes the attachment and its bytes. */
export function deleteAttachment(db: DbOrTx, id: number): void {
  db.delete(attachmentBlobs).where(eq(attachmentBlobs.attachmentId, id)).run();
  db.delete(attachments).where(eq(attachments.id, id)).run();
}
