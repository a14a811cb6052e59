/**
 * Queries of the contracts (CERS, CERP), their PAP versions and the EP saisines. Services validate and authorise;
 * these functions only read and write rows (inside the caller's transaction).
 */
import { and, asc, desc, eq, inArray, ne, sql } from 'drizzle-orm';
import {
  attachments,
  contractPapActions,
  contractPaps,
  contracts,
  epSaisines,
  fichesLiaison,
  type Contract,
  type ContractPap,
  type ContractPapAction,
  type EpSaisine,
  type NewContract,
  type NewContractPapAction,
  type NewEpSaisine,
} from '../schema-contracts';
import { foyers, persons, users } from '../schema';
import { recordAudit, type AuditActor, type AuditEntityOf } from './audit';
import type { DbOrTx } from './types';

/** Entities of the contracts and fiches capability in the journal (listed with every capability's in db/queries/audit.ts). */
export type ContractsAuditEntity = AuditEntityOf<'contracts'>;

/** Appends a journal entry about a contract, PAP version, fiche, attachment or saisine (inside the write's transaction). */
export function recordContractsAudit(
  db: DbOrTx,
  entry: { actor: AuditActor; at: string; entity: ContractsAuditEntity; entityId: number; action: 'create' | 'update' | 'delete'; before: unknown; after: unknown },
): void {
  recordAudit(db, entry);
}

/**
 * The journal targets of one dossier's contracts, PAP versions, fiches, attachments and EP saisines (for
 * `auditFor`, e.g. in audit.forDossier). Records deleted since (draft contracts and fiches, draft attachments)
 * are not found this way.
 */
export function contractsAuditTargets(db: DbOrTx, personId: number): { entity: ContractsAuditEntity; entityId: number }[] {
  const contractIds = db.select({ id: contracts.id }).from(contracts).where(eq(contracts.personId, personId)).all().map((r) => r.id);
  const papIds =
    contractIds.length === 0
      ? []
      : db.select({ id: contractPaps.id }).from(contractPaps).where(inArray(contractPaps.contractId, contractIds)).all().map((r) => r.id);
  const of = (entity: ContractsAuditEntity, ids: number[]) => ids.map((entityId) => ({ entity, entityId }));
  return [
    ...of('contract', contractIds),
    ...of('contract_pap', papIds),
    ...of('fiche_liaison', db.select({ id: fichesLiaison.id }).from(fichesLiaison).where(eq(fichesLiaison.personId, personId)).all().map((r) => r.id)),
    ...of('attachment', db.select({ id: attachments.id }).from(attachments).where(eq(attachments.personId, personId)).all().map((r) => r.id)),
    ...of('ep_saisine', db.select({ id: epSaisines.id }).from(epSaisines).where(eq(epSaisines.personId, personId)).all().map((r) => r.id)),
  ];
}

// ---------------------------------------------------------------------------------------------------------
// Contracts
// ---------------------------------------------------------------------------------------------------------

export function findContract(db: DbOrTx, id: number): Contract | undefined {
  return db.select().from(contracts).where(eq(contracts.id, id)).get();
}

/** A person's contracts, oldest start first. */
export function contractsOfPerson(db: DbOrTx, personId: number): Contract[] {
  return db.select().from(contracts).where(eq(contracts.personId, personId)).orderBy(asc(contracts.start), asc(contracts.id)).all();
}

/** The contract renewing this one (not rejected), if any. */
export function renewalOfContract(db: DbOrTx, id: number): Contract | undefined {
  return db
    .select()
    .from(contracts)
    .where(and(eq(contracts.renewalOfId, id), ne(contracts.status, 'rejete')))
    .orderBy(desc(contracts.id))
    .get();
}

export function insertContract(db: DbOrTx, values: Omit<NewContract, 'id' | 'version'>): Contract {
  return db
    .insert(contracts)
    .values({ ...values, version: 0 })
    .returning()
    .get();
}

/** Updates a contract and bumps its version. */
export function updateContract(db: DbOrTx, id: number, set: Partial<Omit<NewContract, 'id' | 'version' | 'personId'>>, at: string): Contract {
  const row = db
    .update(contracts)
    .set({ ...set, version: sql`${contracts.version} + 1`, updatedAt: at })
    .where(eq(contracts.id, id))
    .returning()
    .get();
  if (!row) throw new Error(`contracts.id ${id} absent`);
  return row;
}

export function deleteContract(db: DbOrTx, id: number): void {
  db.delete(contracts).where(eq(contracts.id, id)).run();
}

export interface ContractListRow {
  contract: Contract;
  nomPatronymique: string;
  nomUsage: string | null;
  prenoms: string;
  referentName: string | null;
}

/** Contracts transmitted to the SLAI (status transmis_slai) of an MDS, oldest transmission first. */
export function contractsAwaitingDecision(db: DbOrTx, mdsId: number): ContractListRow[] {
  return db
    .select({
      contract: contracts,
      nomPatronymique: persons.nomPatronymique,
      nomUsage: persons.nomUsage,
      prenoms: persons.prenoms,
      referentName: users.displayName,
    })
    .from(contracts)
    .innerJoin(persons, eq(persons.id, contracts.personId))
    .innerJoin(foyers, eq(foyers.id, persons.foyerId))
    .leftJoin(users, eq(users.id, persons.referentId))
    .where(and(eq(foyers.mdsId, mdsId), eq(contracts.status, 'transmis_slai')))
    .orderBy(asc(contracts.transmittedOn), asc(contracts.id))
    .all();
}

// ---------------------------------------------------------------------------------------------------------
// PAP versions
// ---------------------------------------------------------------------------------------------------------

export type PapRowValues = Omit<NewContractPapAction, 'id' | 'papId' | 'position'>;

export interface PapWithRows {
  pap: ContractPap;
  rows: ContractPapAction[];
}

export function insertPap(
  db: DbOrTx,
  values: Omit<typeof contractPaps.$inferInsert, 'id'>,
  rows: readonly PapRowValues[],
): PapWithRows {
  const pap = db.insert(contractPaps).values(values).returning().get();
  return { pap, rows: insertPapRows(db, pap.id, rows) };
}

function insertPapRows(db: DbOrTx, papId: number, rows: readonly PapRowValues[]): ContractPapAction[] {
  if (rows.length === 0) return [];
  return db
    .insert(contractPapActions)
    .values(rows.map((r, position) => ({ ...r, papId, position })))
    .returning()
    .all()
    .sort((a, b) => a.position - b.position);
}

/** Replaces every row of a PAP version (drafts only: a signed PAP changes through a new version). */
export function replacePapRows(db: DbOrTx, papId: number, rows: readonly PapRowValues[]): ContractPapAction[] {
  db.delete(contractPapActions).where(eq(contractPapActions.papId, papId)).run();
  return insertPapRows(db, papId, rows);
}

/** Résultat and bilan of one row (the columns open after signature). */
export function updatePapRowBilan(db: DbOrTx, rowId: number, values: { resultat: ContractPapAction['resultat']; bilan: string | null }): void {
  db.update(contractPapActions).set(values).where(eq(contractPapActions.id, rowId)).run();
}

export function findPapVersion(db: DbOrTx, contractId: number, version: number): PapWithRows | undefined {
  const pap = db
    .select()
    .from(contractPaps)
    .where(and(eq(contractPaps.contractId, contractId), eq(contractPaps.version, version)))
    .get();
  if (!pap) return undefined;
  const rows = db.select().from(contractPapActions).where(eq(contractPapActions.papId, pap.id)).orderBy(asc(contractPapActions.position)).all();
  return { pap, rows };
}

/** The PAP version an accepted avenant fiche created, if any. */
export function papOfAvenantFiche(db: DbOrTx, contractId: number, ficheId: number): ContractPap | undefined {
  return db
    .select()
    .from(contractPaps)
    .where(and(eq(contractPaps.contractId, contractId), eq(contractPaps.ficheId, ficheId)))
    .get();
}

/** Every PAP version of a contract, oldest first (without rows). */
export function papVersionsOf(db: DbOrTx, contractId: number): ContractPap[] {
  return db.select().from(contractPaps).where(eq(contractPaps.contractId, contractId)).orderBy(asc(contractPaps.version)).all();
}

// ---------------------------------------------------------------------------------------------------------
// EP saisines
// ---------------------------------------------------------------------------------------------------------

export function insertEpSaisine(db: DbOrTx, values: Omit<NewEpSaisine, 'id'>): EpSaisine {
  return db.insert(epSaisines).values(values).returning().get();
}

export function saisinesOfPerson(db: DbOrTx, personId: number): EpSaisine[] {
  return db.select().from(epSaisines).where(eq(epSaisines.personId, personId)).orderBy(asc(epSaisines.date), asc(epSaisines.id)).all();
}

export function saisineOfFiche(db: DbOrTx, ficheId: number): EpSaisine | undefined {
  return db.select().from(epSaisines).where(eq(epSaisines.ficheId, ficheId)).get();
}

/** The CERS-at-12-months saisine made at the term of this contract, if any. */
export function saisineOfContract(db: DbOrTx, contractId: number): EpSaisine | undefined {
  return db
    .select()
    .from(epSaisines)
    .where(and(eq(epSaisines.contractId, contractId), eq(epSaisines.origin, 'cers_12_mois')))
    .get();
}
