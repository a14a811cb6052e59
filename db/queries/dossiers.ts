import { asc, eq, ne, and, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Dossier, foyerInputSchema, personIdentitySchema, personInputSchema } from '../../shared/api/dossier';
import { children, foyers, mds, persons, users, type Foyer, type Person } from '../schema';
import type { DbOrTx } from './types';

export type FoyerValues = z.output<typeof foyerInputSchema>;
/** Person fields as stored; referentId / correspondantId already resolved (null: nobody named). */
export type PersonValues = Omit<z.output<typeof personInputSchema>, 'referentId' | 'correspondantId'> & {
  referentId: number | null;
  correspondantId: number | null;
};
export type IdentityValues = z.output<typeof personIdentitySchema>;

const orNull = <T>(v: T | undefined): T | null => (v === undefined ? null : v);
const orUndefined = <T>(v: T | null): T | undefined => (v === null ? undefined : v);

export function findFoyer(db: DbOrTx, id: number): Foyer | undefined {
  return db.select().from(foyers).where(eq(foyers.id, id)).get();
}

export function findFoyerByCaf(db: DbOrTx, cafNumber: string): Foyer | undefined {
  return db.select().from(foyers).where(eq(foyers.cafNumber, cafNumber)).get();
}

export function findPerson(db: DbOrTx, id: number): Person | undefined {
  return db.select().from(persons).where(eq(persons.id, id)).get();
}

function foyerColumns(values: FoyerValues) {
  return {
    cafNumber: values.cafNumber,
    rsaDepuis: orNull(values.rsaDepuis),
    situationFamiliale: values.situationFamiliale,
    addressLine1: values.address.line1,
    addressLine2: orNull(values.address.line2),
    postalCode: values.address.postalCode,
    city: values.address.city,
  };
}

function replaceChildren(db: DbOrTx, foyerId: number, enfants: FoyerValues['enfants']): void {
  db.delete(children).where(eq(children.foyerId, foyerId)).run();
  if (enfants.length > 0) {
    db.insert(children)
      .values(enfants.map((e) => ({ foyerId, prenom: e.prenom, dateNaissance: e.dateNaissance })))
      .run();
  }
}

export function insertFoyer(db: DbOrTx, mdsId: number, values: FoyerValues, at: string): Foyer {
  const row = db
    .insert(foyers)
    .values({ ...foyerColumns(values), mdsId, version: 0, createdAt: at, updatedAt: at })
    .returning()
    .get();
  replaceChildren(db, row.id, values.enfants);
  return row;
}

export function updateFoyer(db: DbOrTx, id: number, values: FoyerValues, at: string): Foyer {
  const row = db
    .update(foyers)
    .set({ ...foyerColumns(values), version: sql`${foyers.version} + 1`, updatedAt: at })
    .where(eq(foyers.id, id))
    .returning()
    .get();
  if (!row) throw new Error(`foyers.id ${id} absent`);
  replaceChildren(db, id, values.enfants);
  return row;
}

function personColumns(values: PersonValues | IdentityValues) {
  const contact = 'referentId' in values ? values : undefined;
  return {
    nomPatronymique: values.nomPatronymique,
    nomUsage: orNull(values.nomUsage),
    prenoms: values.prenoms,
    sexe: values.sexe,
    dateNaissance: values.dateNaissance,
    telephone: orNull(contact?.telephone),
    portable: orNull(contact?.portable),
    email: orNull(contact?.email),
    peNumber: orNull(contact?.peNumber),
    niveauFormation: orNull(contact?.niveauFormation),
    referentId: contact?.referentId ?? null,
    correspondantId: contact?.correspondantId ?? null,
  };
}

export function insertPerson(
  db: DbOrTx,
  foyerId: number,
  roleInFoyer: Person['roleInFoyer'],
  values: PersonValues | IdentityValues,
  at: string,
): Person {
  return db
    .insert(persons)
    .values({ ...personColumns(values), foyerId, roleInFoyer, version: 0, createdAt: at, updatedAt: at })
    .returning()
    .get();
}

export function updatePerson(db: DbOrTx, id: number, values: PersonValues, at: string): Person {
  const row = db
    .update(persons)
    .set({ ...personColumns(values), version: sql`${persons.version} + 1`, updatedAt: at })
    .where(eq(persons.id, id))
    .returning()
    .get();
  if (!row) throw new Error(`persons.id ${id} absent`);
  return row;
}

/**
 * The foyer is part of every dossier of its persons: when it changes, the other persons' dossiers
 * change version too, so a form opened on them before the change is refused as stale.
 */
export function bumpOtherPersonsOfFoyer(db: DbOrTx, foyerId: number, exceptPersonId: number, at: string): void {
  db.update(persons)
    .set({ version: sql`${persons.version} + 1`, updatedAt: at })
    .where(and(eq(persons.foyerId, foyerId), ne(persons.id, exceptPersonId)))
    .run();
}

export function listChildren(db: DbOrTx, foyerId: number) {
  return db
    .select({ prenom: children.prenom, dateNaissance: children.dateNaissance })
    .from(children)
    .where(eq(children.foyerId, foyerId))
    .orderBy(asc(children.dateNaissance), asc(children.id))
    .all();
}

/** What the journal keeps of a foyer (its children included). */
export function foyerSnapshot(db: DbOrTx, row: Foyer) {
  return {
    cafNumber: row.cafNumber,
    rsaDepuis: row.rsaDepuis,
    situationFamiliale: row.situationFamiliale,
    address: { line1: row.addressLine1, line2: row.addressLine2, postalCode: row.postalCode, city: row.city },
    enfants: listChildren(db, row.id),
    mdsId: row.mdsId,
  };
}

/** What the journal keeps of a person. */
export const personSnapshot = (row: Person) => ({
  foyerId: row.foyerId,
  roleInFoyer: row.roleInFoyer,
  nomPatronymique: row.nomPatronymique,
  nomUsage: row.nomUsage,
  prenoms: row.prenoms,
  sexe: row.sexe,
  dateNaissance: row.dateNaissance,
  telephone: row.telephone,
  portable: row.portable,
  email: row.email,
  peNumber: row.peNumber,
  niveauFormation: row.niveauFormation,
  referentId: row.referentId,
  correspondantId: row.correspondantId,
});

function userRef(db: DbOrTx, id: number | null): { id: number; displayName: string } | null {
  if (id === null) return null;
  const row = db.select({ id: users.id, displayName: users.displayName }).from(users).where(eq(users.id, id)).get();
  return row ?? null;
}

/** The dossier of one person, as the API returns it; undefined if there is no such person. */
export function loadDossier(db: DbOrTx, personId: number): Dossier | undefined {
  const person = findPerson(db, personId);
  if (!person) return undefined;
  const foyer = findFoyer(db, person.foyerId);
  if (!foyer) return undefined;
  const office = db.select().from(mds).where(eq(mds.id, foyer.mdsId)).get();
  if (!office) return undefined;
  const others = db
    .select()
    .from(persons)
    .where(and(eq(persons.foyerId, foyer.id), ne(persons.id, person.id)))
    .orderBy(asc(persons.id))
    .all();
  return {
    person: {
      id: person.id,
      foyerId: person.foyerId,
      roleInFoyer: person.roleInFoyer,
      nomPatronymique: person.nomPatronymique,
      nomUsage: orUndefined(person.nomUsage),
      prenoms: person.prenoms,
      sexe: person.sexe,
      dateNaissance: person.dateNaissance,
      telephone: orUndefined(person.telephone),
      portable: orUndefined(person.portable),
      email: orUndefined(person.email),
      peNumber: orUndefined(person.peNumber),
      niveauFormation: orUndefined(person.niveauFormation),
      referent: userRef(db, person.referentId),
      correspondant: userRef(db, person.correspondantId),
    },
    foyer: {
      id: foyer.id,
      cafNumber: foyer.cafNumber,
      rsaDepuis: orUndefined(foyer.rsaDepuis),
      situationFamiliale: foyer.situationFamiliale,
      address: {
        line1: foyer.addressLine1,
        line2: orUndefined(foyer.addressLine2),
        postalCode: foyer.postalCode,
        city: foyer.city,
      },
      enfants: listChildren(db, foyer.id),
      mds: { id: office.id, name: office.name, territory: office.territory },
    },
    others: others.map((o) => ({
      id: o.id,
      roleInFoyer: o.roleInFoyer,
      nomPatronymique: o.nomPatronymique,
      nomUsage: orUndefined(o.nomUsage),
      prenoms: o.prenoms,
      sexe: o.sexe,
      dateNaissance: o.dateNaissance,
    })),
    version: person.version,
    createdAt: person.createdAt,
    updatedAt: person.updatedAt,
  };
}
