import { searchPersons } from '../../../db/search';
import {
  bumpOtherPersonsOfFoyer,
  findFoyer,
  findFoyerByCaf,
  findPerson,
  findUserById,
  foyerSnapshot,
  insertFoyer,
  insertPerson,
  loadDossier,
  personSnapshot,
  recordAudit,
  updateFoyer,
  updatePerson,
  type DbOrTx,
  type PersonValues,
} from '../../../db/queries';
import type { Foyer, Person } from '../../../db/schema';
import type { Role } from '../../../shared/api/common';
import type { MethodOutput, MethodParsedInput } from '../../../shared/api/contract';
import type { EtatCivil } from '../../../shared/api/contracts';
import type { Dossier } from '../../../shared/api/dossier';
import { ApiError } from '../../../shared/api/errors';
import { auditActor, type Actor, type AuthedCall } from '../context';
import { conflictError } from '../kit';

/*
 * Access to dossiers (handbook, DUI: « l’utilisateur ne peut consulter ou modifier que les dossiers
 * pour lesquels il est nommé référent »), enforced here on every call:
 * - référent: only the dossiers where they are the named référent (get, update, search); creating a
 *   dossier names them référent (they may name nobody else); they can't hand the dossier over.
 * - correspondant: every dossier of their MDS, read and write; names référents and correspondants.
 * - secrétaire EP: every dossier of their MDS, read only (the contract refuses create / update).
 * - administrateur: like a correspondant (read and write on the MDS's dossiers), and the journal.
 * Dossiers of another MDS are refused to everyone.
 */

const CAF_TAKEN = 'Ce N° allocataire CAF est déjà celui d’un autre foyer';
const NOT_YOUR_DOSSIER =
  'Vous n’êtes pas le référent nommé de ce dossier : vous ne pouvez ni le consulter ni le modifier.';
const OTHER_MDS = 'Ce dossier relève d’une autre MDS : vous ne pouvez ni le consulter ni le modifier.';

export function checkDossierAccess(actor: Actor, person: Person, foyer: Foyer): void {
  if (foyer.mdsId !== actor.mdsId) throw new ApiError('FORBIDDEN', OTHER_MDS);
  if (actor.role === 'referent' && person.referentId !== actor.id) throw new ApiError('FORBIDDEN', NOT_YOUR_DOSSIER);
}

/** The person and foyer of a dossier the actor may access; NOT_FOUND / FORBIDDEN otherwise. */
export function accessibleDossier(db: DbOrTx, actor: Actor, personId: number): { person: Person; foyer: Foyer } {
  const person = findPerson(db, personId);
  const foyer = person ? findFoyer(db, person.foyerId) : undefined;
  if (!person || !foyer) throw new ApiError('NOT_FOUND', 'Ce dossier est introuvable.');
  checkDossierAccess(actor, person, foyer);
  // A merged dossier (issue 15) is read-only: a write call (a writable connection, or a transaction of it) is refused.
  if (person.mergedIntoId !== null && !(db as { $client?: { readonly: boolean } }).$client?.readonly) {
    throw new ApiError('RULE', `Ce dossier a été fusionné dans le dossier n° ${person.mergedIntoId} : il se consulte mais ne se modifie plus.`);
  }
  return { person, foyer };
}

/** Partie état civil of a form or a document, from the dossier (« déjà rempli dans le cadre du DUI »). */
export function etatCivilOf(db: DbOrTx, personId: number): EtatCivil {
  const d = loadDossier(db, personId);
  if (!d) throw new ApiError('NOT_FOUND', 'Ce dossier est introuvable.');
  const p = d.person;
  const f = d.foyer;
  return {
    nomPatronymique: p.nomPatronymique,
    nomUsage: p.nomUsage,
    prenoms: p.prenoms,
    sexe: p.sexe,
    dateNaissance: p.dateNaissance,
    address: f.address,
    telephone: p.telephone,
    portable: p.portable,
    email: p.email,
    cafNumber: f.cafNumber,
    rsaDepuis: f.rsaDepuis,
    peNumber: p.peNumber,
    situationFamiliale: f.situationFamiliale,
    niveauFormation: p.niveauFormation,
  };
}

function mustLoad(db: DbOrTx, personId: number): Dossier {
  const dossier = loadDossier(db, personId);
  if (!dossier) throw new Error(`dossier ${personId} introuvable après écriture`);
  return dossier;
}

function fieldError(field: string, message: string): ApiError {
  return new ApiError('VALIDATION', message, { [field]: message });
}

/** A named user must be active, of the actor's MDS, with that role. */
function checkNamedUser(db: DbOrTx, actor: Actor, id: number, role: Role, field: string): void {
  const user = findUserById(db, id);
  if (!user || !user.active || user.role !== role || user.mdsId !== actor.mdsId) {
    throw fieldError(
      field,
      role === 'referent'
        ? 'Le référent choisi n’est pas un référent actif de la MDS.'
        : 'Le correspondant choisi n’est pas un correspondant actif de la MDS.',
    );
  }
}

/**
 * The référent and correspondant to store. `current` is the stored dossier (update) or null (create);
 * an id left undefined keeps the current value; a changed value is checked.
 */
function resolveNames(
  db: DbOrTx,
  actor: Actor,
  input: { referentId?: number | null | undefined; correspondantId?: number | null | undefined },
  current: Person | null,
): { referentId: number | null; correspondantId: number | null } {
  let referentId: number | null;
  if (actor.role === 'referent') {
    // Create: the référent names themself. Update: the dossier is theirs and stays theirs.
    if (input.referentId !== undefined && input.referentId !== actor.id) {
      throw fieldError(
        'person.referentId',
        current
          ? 'Seul un correspondant ou un administrateur peut changer le référent du dossier.'
          : 'Un référent ne peut nommer que lui-même comme référent du dossier.',
      );
    }
    referentId = actor.id;
  } else {
    referentId = input.referentId === undefined ? (current?.referentId ?? null) : input.referentId;
    if (referentId !== null && referentId !== current?.referentId) {
      checkNamedUser(db, actor, referentId, 'referent', 'person.referentId');
    }
  }
  const correspondantId = input.correspondantId === undefined ? (current?.correspondantId ?? null) : input.correspondantId;
  if (correspondantId !== null && correspondantId !== current?.correspondantId) {
    checkNamedUser(db, actor, correspondantId, 'correspondant', 'person.correspondantId');
  }
  return { referentId, correspondantId };
}

function cafConflict(): ApiError {
  return new ApiError('CONFLICT', CAF_TAKEN, { 'foyer.cafNumber': CAF_TAKEN });
}

function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'SQLITE_CONSTRAINT_UNIQUE';
}

export function get(input: MethodParsedInput<'dossiers.get'>, call: AuthedCall): MethodOutput<'dossiers.get'> {
  const db = call.open.db;
  accessibleDossier(db, call.actor, input.personId);
  return mustLoad(db, input.personId);
}

export function search(input: MethodParsedInput<'dossiers.search'>, call: AuthedCall): MethodOutput<'dossiers.search'> {
  const { actor } = call;
  const hits = searchPersons(call.open.sqlite, {
    query: input.query,
    limit: input.limit,
    mdsId: actor.mdsId,
    restrictToReferentId: actor.role === 'referent' ? actor.id : undefined,
  });
  return hits.map((h) => ({
    personId: h.personId,
    nomPatronymique: h.nomPatronymique,
    nomUsage: h.nomUsage ?? undefined,
    prenoms: h.prenoms,
    dateNaissance: h.dateNaissance,
    cafNumber: h.cafNumber,
    peNumber: h.peNumber ?? undefined,
    city: h.city,
    referent: h.referentName,
  }));
}

/**
 * New foyer (children included), its allocataire and optionally the conjoint, in one transaction.
 * The conjoint gets a dossier of their own with the same référent and correspondant.
 */
export function create(input: MethodParsedInput<'dossiers.create'>, call: AuthedCall): MethodOutput<'dossiers.create'> {
  const { app, actor } = call;
  const db = call.open.db;
  const names = resolveNames(db, actor, input.person, null);
  if (findFoyerByCaf(db, input.foyer.cafNumber)) throw cafConflict();
  const { referentId: _r, correspondantId: _c, ...identity } = input.person;
  const values: PersonValues = { ...identity, ...names };
  const at = app.nowIso();
  const who = auditActor(actor);
  try {
    const personId = db.transaction((tx) => {
      const foyer = insertFoyer(tx, actor.mdsId, input.foyer, at);
      recordAudit(tx, { actor: who, at, entity: 'foyer', entityId: foyer.id, action: 'create', before: null, after: foyerSnapshot(tx, foyer) });
      const person = insertPerson(tx, foyer.id, 'allocataire', values, at);
      recordAudit(tx, { actor: who, at, entity: 'person', entityId: person.id, action: 'create', before: null, after: personSnapshot(person) });
      if (input.conjoint) {
        const conjoint = insertPerson(tx, foyer.id, 'conjoint', { ...input.conjoint, ...names }, at);
        recordAudit(tx, {
          actor: who,
          at,
          entity: 'person',
          entityId: conjoint.id,
          action: 'create',
          before: null,
          after: personSnapshot(conjoint),
        });
      }
      return person.id;
    });
    return mustLoad(db, personId);
  } catch (error) {
    if (isUniqueViolation(error)) throw cafConflict();
    throw error;
  }
}

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Saves the foyer and the person of a dossier, if `version` is still the stored one. */
export function update(input: MethodParsedInput<'dossiers.update'>, call: AuthedCall): MethodOutput<'dossiers.update'> {
  const { app, actor } = call;
  const db = call.open.db;
  const { person, foyer } = accessibleDossier(db, actor, input.personId);
  if (person.version !== input.version) {
    // The foyer and its persons: saving one person of a foyer changes the version of the others too.
    const personIds = [person.id, ...(loadDossier(db, person.id)?.others ?? []).map((o) => o.id)];
    const targets = [{ entity: 'foyer' as const, id: foyer.id }, ...personIds.map((id) => ({ entity: 'person' as const, id }))];
    throw conflictError(call, targets, 'Ce dossier a été modifié entre-temps.');
  }
  const names = resolveNames(db, actor, input.person, person);
  const other = findFoyerByCaf(db, input.foyer.cafNumber);
  if (other && other.id !== foyer.id) throw cafConflict();
  const { referentId: _r, correspondantId: _c, ...identity } = input.person;
  const values: PersonValues = { ...identity, ...names };
  const at = app.nowIso();
  const who = auditActor(actor);
  try {
    db.transaction((tx) => {
      const foyerBefore = foyerSnapshot(tx, foyer);
      const foyerAfter = foyerSnapshot(tx, updateFoyer(tx, foyer.id, input.foyer, at));
      bumpOtherPersonsOfFoyer(tx, foyer.id, person.id, at);
      const personBefore = personSnapshot(person);
      const personAfter = personSnapshot(updatePerson(tx, person.id, values, at));
      const foyerChanged = !sameJson(foyerBefore, foyerAfter);
      if (foyerChanged) {
        recordAudit(tx, { actor: who, at, entity: 'foyer', entityId: foyer.id, action: 'update', before: foyerBefore, after: foyerAfter });
      }
      if (!foyerChanged || !sameJson(personBefore, personAfter)) {
        recordAudit(tx, { actor: who, at, entity: 'person', entityId: person.id, action: 'update', before: personBefore, after: personAfter });
      }
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw cafConflict();
    throw error;
  }
  return mustLoad(db, person.id);
}
