/**
 * Kind « nouveaux bénéficiaires (liste CAF) ». A line is a foyer: its N° allocataire (7 digits), the allocataire,
 * the conjoint (optional), the children (a count, or a list « Prénom jj/mm/aaaa | … »), the address — whose commune
 * routes the line to its MDS — the situation familiale and « RSA depuis le ».
 *
 * - Same CAF number as a foyer of the MDS: the same foyer — 'mise_a_jour' when its address, situation, RSA date or
 *   children differ (they are updated), 'inchange' otherwise.
 * - A new CAF number whose allocataire has the name and birth date of a person of the MDS (or of an earlier line):
 *   'doublon_possible', not created until someone confirms or refuses it.
 * - Else 'nouveau': the foyer, the allocataire and the conjoint are created the way `dossiers.create` creates them
 *   (audit, search index; their first échéance, the orientation to make, comes with the échéancier's triggers).
 */
import {
  bumpOtherPersonsOfFoyer,
  findFoyer,
  foyerSnapshot,
  listChildren,
  recordAudit,
  updateFoyer,
  type FoyerValues,
  type IdentityValues,
} from '../../../db/queries';
import { SITUATIONS_FAMILIALES } from '../../../shared/api/dossier';
import { personName } from '../../../shared/domain/format';
import { identityKeys } from '../../../shared/domain/identity';
import { rejected, type Applied, type AppliedRow, type BatchContext, type Confirmation, type Evaluation, type ImportKindEngine } from './context';
import { LineErrors, on, parseDate, parseSexe, parseSituation, text, type LineValues } from './values';
import { createdTouched, deleteCreated } from './undo';
import { audit, foyerValuesSnapshot, personSnapshot, statement, writeFoyer, writePerson } from './writer';

interface CafLine {
  foyer: FoyerValues;
  /** The children were given as a list (they replace the foyer's); a count only: the foyer's stay. */
  childrenListed: boolean;
  allocataire: IdentityValues;
  conjoint: IdentityValues | null;
}

interface FoyerFound {
  id: number;
  mds_id: number;
  caf_number: string;
  address_line1: string;
  postal_code: string;
  city: string;
  situation_familiale: string;
  rsa_depuis: string | null;
}

/** « Léa 12/03/2015 | Tom 01/02/2018 » → children; « 2 » → a count; '' → none. */
function parseChildren(s: string, errors: LineErrors): { list: FoyerValues['enfants'] | null } {
  if (s === '' || /^\d{1,2}$/.test(s)) return { list: null };
  const list: FoyerValues['enfants'] = [];
  for (const part of s.split(/[|+]/)) {
    const m = /^(.*\S)\s+(\S+)$/.exec(part.trim());
    const date = m ? parseDate(m[2]!) : null;
    if (!m || !date) {
      errors.add(`Enfants à charge illisibles : « ${part.trim()} » (nombre, ou « Prénom jj/mm/aaaa » séparés par « | »)`);
      return { list: null };
    }
    list.push({ prenom: m[1]!, dateNaissance: date });
  }
  return { list };
}

function identity(v: LineValues, errors: LineErrors, prefix: '' | 'conjoint', label: string): IdentityValues {
  const key = (k: string) => (prefix ? `${prefix}${k[0]!.toUpperCase()}${k.slice(1)}` : k);
  const nom = errors.required(v, key('nom'), `Nom${label}`);
  const prenoms = errors.required(v, key('prenoms'), `Prénoms${label}`);
  const dateNaissance = errors.date(v, key('dateNaissance'), `Date de naissance${label}`) ?? '';
  const sexeText = text(v, key('sexe'));
  const sexe = parseSexe(sexeText);
  if (!sexe) errors.add(sexeText === '' ? `Sexe${label} manquant` : `Sexe${label} invalide : « ${sexeText} » (F ou M)`);
  return { nomPatronymique: nom.toLocaleUpperCase('fr-FR'), prenoms, sexe: sexe ?? 'F', dateNaissance };
}

/** The line read and checked: the foyer and its persons, or the errors. */
function parseLine(v: LineValues, errors: LineErrors): CafLine {
  const cafNumber = text(v, 'numeroAllocataire');
  if (cafNumber === '') errors.add('N° allocataire manquant');
  else if (!/^\d{7}$/.test(cafNumber)) errors.add(`N° allocataire invalide : « ${cafNumber} » (7 chiffres)`);
  const allocataire = identity(v, errors, '', '');
  const hasConjoint = ['conjointNom', 'conjointPrenoms', 'conjointDateNaissance', 'conjointSexe'].some((k) => text(v, k) !== '');
  const conjoint = hasConjoint ? identity(v, errors, 'conjoint', ' du conjoint') : null;
  const line1 = errors.required(v, 'adresse', 'Adresse');
  const postalCode = text(v, 'codePostal');
  if (!/^\d{5}$/.test(postalCode)) errors.add(postalCode === '' ? 'Code postal manquant' : `Code postal invalide : « ${postalCode} » (5 chiffres)`);
  const city = errors.required(v, 'commune', 'Commune');
  const situationText = text(v, 'situationFamiliale');
  const situation = parseSituation(situationText);
  if (!situation) {
    errors.add(
      situationText === ''
        ? 'Situation familiale manquante'
        : `Situation familiale inconnue : « ${situationText} » (${Object.values(SITUATIONS_FAMILIALES).join(', ')})`,
    );
  }
  const rsaDepuis = errors.date(v, 'rsaDepuis', 'Date « RSA depuis le »');
  const { list } = parseChildren(text(v, 'enfants'), errors);
  return {
    foyer: {
      cafNumber,
      rsaDepuis: rsaDepuis ?? undefined,
      situationFamiliale: situation ?? 'celibataire',
      address: { line1, postalCode, city: city.toLocaleUpperCase('fr-FR') },
      enfants: list ?? [],
    },
    childrenListed: list !== null,
    allocataire,
    conjoint,
  };
}

const FOYER_COLUMNS = 'f.id, f.mds_id, f.caf_number, f.address_line1, f.postal_code, f.city, f.situation_familiale, f.rsa_depuis';

function foyerByCaf(ctx: BatchContext, cafNumber: string): FoyerFound | undefined {
  return statement(ctx.sqlite, `SELECT ${FOYER_COLUMNS} FROM foyers f WHERE f.caf_number = ?`).get(cafNumber) as FoyerFound | undefined;
}

function foyerOfPerson(ctx: BatchContext, personId: number): FoyerFound | undefined {
  return statement(ctx.sqlite, `SELECT ${FOYER_COLUMNS} FROM foyers f JOIN persons p ON p.foyer_id = f.id WHERE p.id = ?`).get(personId) as FoyerFound | undefined;
}

/** Why the line's commune does not route it to the MDS of the batch, or null. */
function routing(values: LineValues, f: FoyerValues, ctx: BatchContext): string | null {
  const commune = ctx.communes.find(f.address.city, f.address.postalCode);
  if (!commune) return `Commune inconnue : « ${text(values, 'commune')} » (code postal ${f.address.postalCode}) — elle n’est rattachée à aucune MDS`;
  if (commune.mdsId !== ctx.mdsId) return `Commune d’une autre MDS : « ${commune.name} » — la ligne relève de cette MDS`;
  return null;
}

/** What a line would change on its foyer (French labels), empty when nothing. */
function changesOf(found: FoyerFound, line: CafLine, ctx: BatchContext): string[] {
  const f = line.foyer;
  const changes: string[] = [];
  const same = (a: string, b: string) => a.trim().toLocaleUpperCase('fr-FR') === b.trim().toLocaleUpperCase('fr-FR');
  if (!same(found.address_line1, f.address.line1) || found.postal_code !== f.address.postalCode || !same(found.city, f.address.city)) {
    changes.push(`adresse (${f.address.line1}, ${f.address.postalCode} ${f.address.city})`);
  }
  if (found.situation_familiale !== f.situationFamiliale) changes.push(`situation familiale (${SITUATIONS_FAMILIALES[f.situationFamiliale]})`);
  if ((found.rsa_depuis ?? null) !== (f.rsaDepuis ?? null)) changes.push(`RSA depuis le ${on(f.rsaDepuis)}`);
  if (line.childrenListed) {
    const key = (list: readonly { prenom: string; dateNaissance: string }[]) =>
      JSON.stringify([...list].map((c) => `${c.dateNaissance}|${c.prenom.toLocaleUpperCase('fr-FR')}`).sort());
    if (key(listChildren(ctx.db, found.id)) !== key(f.enfants)) changes.push(`enfants à charge (${f.enfants.length})`);
  }
  return changes;
}

interface UpdateBefore {
  foyer: FoyerValues;
  /** Versions right after the update: any other change since makes them differ (then no undo). */
  foyerVersion: number;
  persons: [number, number][];
}

export const cafEngine: ImportKindEngine = {
  evaluate(values, line, ctx): Evaluation {
    const errors = new LineErrors();
    const parsed = parseLine(values, errors);
    if (errors.any) return rejected(errors.reason);
    const f = parsed.foyer;
    const unrouted = routing(values, f, ctx);
    if (unrouted) return rejected(unrouted);
    const cafKey = `caf:${f.cafNumber}`;
    const earlier = ctx.seen.get(cafKey);
    if (earlier !== undefined) return rejected(`N° allocataire ${f.cafNumber} déjà présent ligne ${earlier}`);
    ctx.seen.set(cafKey, line);

    const found = foyerByCaf(ctx, f.cafNumber);
    if (found) {
      if (found.mds_id !== ctx.mdsId) return rejected(`Le N° allocataire ${f.cafNumber} est celui d’un foyer suivi par une autre MDS`);
      const changes = changesOf(found, parsed, ctx);
      return changes.length === 0
        ? { verdict: 'inchange', reason: 'Foyer déjà connu, rien n’a changé', candidatePersonId: null, parsed }
        : { verdict: 'mise_a_jour', reason: `Foyer déjà connu ; change : ${changes.join(', ')}`, candidatePersonId: null, parsed };
    }

    const candidates = ctx.identities.find(parsed.allocataire);
    if (candidates.length > 0) {
      const c = candidates[0]!;
      return {
        verdict: 'doublon_possible',
        reason: `Même nom et même date de naissance que ${c.name} (dossier n° ${c.id})${candidates.length > 1 ? ` et ${candidates.length - 1} autre(s)` : ''}`,
        candidatePersonId: c.id,
        parsed,
      };
    }
    const idKeys = identityKeys(parsed.allocataire).map((k) => `identite:${k}`);
    const sameLine = idKeys.map((k) => ctx.seen.get(k)).find((l) => l !== undefined);
    if (sameLine !== undefined) {
      return { verdict: 'doublon_possible', reason: `Même nom et même date de naissance que la ligne ${sameLine}`, candidatePersonId: null, parsed };
    }
    for (const k of idKeys) ctx.seen.set(k, line);
    return { verdict: 'nouveau', reason: null, candidatePersonId: null, parsed };
  },

  apply(evaluation, _line, ctx): Applied {
    const parsed = evaluation.parsed as CafLine;
    if (evaluation.verdict === 'nouveau') {
      const created = createCafDossier(ctx, parsed);
      return { personId: created.personId, foyerId: created.foyerId, before: null };
    }
    // mise_a_jour
    return updateFoyerWith(ctx, foyerByCaf(ctx, parsed.foyer.cafNumber)!.id, parsed);
  },

  undo(rows, ctx, check): string[] {
    const created = rows.filter((r) => r.verdict === 'nouveau' && r.foyerId !== null).map((r) => ({ line: r.line, foyerId: r.foyerId! }));
    const updated = rows.filter((r) => r.verdict === 'mise_a_jour' && r.foyerId !== null);
    if (check) return [...createdTouched(ctx, created), ...updated.flatMap((r) => foyerChangedSince(r, ctx))];
    for (const row of updated) restoreFoyer(row, ctx);
    deleteCreated(ctx, created);
    return [];
  },

  /**
   * The line applied to the foyer of the person confirmed as its allocataire, as an update line: address, situation
   * familiale, RSA date, children when listed; the line's CAF number only when the foyer has none (a foyer's number is
   * not replaced: the note says so). Refused when the line does not read, its commune is not the MDS's, or its CAF
   * number is another foyer's.
   */
  confirm(values, _line, ctx, personId): Confirmation {
    const errors = new LineErrors();
    const parsed = parseLine(values, errors);
    if (errors.any) return { refused: errors.reason };
    const unrouted = routing(values, parsed.foyer, ctx);
    if (unrouted) return { refused: unrouted };
    const found = foyerOfPerson(ctx, personId);
    if (!found) return { refused: `le dossier n° ${personId} est introuvable` };
    const lineCaf = parsed.foyer.cafNumber;
    const holder = foyerByCaf(ctx, lineCaf);
    if (holder && holder.id !== found.id) return { refused: `le N° allocataire ${lineCaf} est déjà celui d’un autre foyer : rapprochez plutôt les deux dossiers` };
    const takesCaf = found.caf_number.trim() === '';
    const line: CafLine = { ...parsed, foyer: { ...parsed.foyer, cafNumber: takesCaf ? lineCaf : found.caf_number } };
    const changes = [...(takesCaf ? [`N° allocataire ${lineCaf}`] : []), ...changesOf(found, line, ctx)];
    const note = takesCaf || found.caf_number === lineCaf ? null : `Le foyer garde son N° allocataire ${found.caf_number} (la ligne porte le ${lineCaf}).`;
    if (changes.length === 0) return { personId, foyerId: found.id, before: null, changes, note };
    return { ...updateFoyerWith(ctx, found.id, line), personId, changes, note };
  },
};

/** A known foyer updated with a line's values, as an update line does (journal; the versions after, for the undo). */
function updateFoyerWith(ctx: BatchContext, foyerId: number, parsed: CafLine): Applied {
  const { db, at, actor } = ctx;
  const foyer = findFoyer(db, foyerId)!;
  const snapshotBefore = foyerSnapshot(db, foyer);
  const before: FoyerValues = {
    cafNumber: foyer.cafNumber,
    rsaDepuis: foyer.rsaDepuis ?? undefined,
    situationFamiliale: foyer.situationFamiliale as FoyerValues['situationFamiliale'],
    address: { line1: foyer.addressLine1, line2: foyer.addressLine2 ?? undefined, postalCode: foyer.postalCode, city: foyer.city },
    enfants: snapshotBefore.enfants,
  };
  const next: FoyerValues = {
    ...parsed.foyer,
    address: { ...parsed.foyer.address, line2: before.address.line2 },
    enfants: parsed.childrenListed ? parsed.foyer.enfants : before.enfants,
  };
  const after = updateFoyer(db, foyer.id, next, at);
  bumpOtherPersonsOfFoyer(db, foyer.id, -1, at);
  recordAudit(db, { actor, at, entity: 'foyer', entityId: foyer.id, action: 'update', before: snapshotBefore, after: foyerSnapshot(db, after) });
  const persons = personVersions(ctx, foyer.id);
  const undo: UpdateBefore = { foyer: before, foyerVersion: after.version, persons };
  return { personId: persons[0]?.[0] ?? null, foyerId: foyer.id, before: undo };
}

const personVersions = (ctx: BatchContext, foyerId: number) =>
  statement(ctx.sqlite, 'SELECT id, version FROM persons WHERE foyer_id = ?').raw().all(foyerId) as [number, number][];

/** An updated foyer changed again since the import (then the update cannot be undone). */
function foyerChangedSince(row: AppliedRow, ctx: BatchContext): string[] {
  const before = row.before as UpdateBefore;
  const foyer = findFoyer(ctx.db, row.foyerId!);
  const versions = new Map(personVersions(ctx, row.foyerId!));
  const unchanged =
    foyer?.version === before.foyerVersion && versions.size === before.persons.length && before.persons.every(([id, v]) => versions.get(id) === v);
  return unchanged ? [] : [`le foyer n° ${before.foyer.cafNumber} (ligne ${row.line}) a été modifié depuis l’import`];
}

/** The foyer as it was before the line updated it. */
function restoreFoyer(row: AppliedRow, ctx: BatchContext): void {
  const before = row.before as UpdateBefore;
  const foyerId = row.foyerId!;
  const after = foyerSnapshot(ctx.db, findFoyer(ctx.db, foyerId)!);
  const restored = updateFoyer(ctx.db, foyerId, before.foyer, ctx.at);
  bumpOtherPersonsOfFoyer(ctx.db, foyerId, -1, ctx.at);
  recordAudit(ctx.db, { actor: ctx.actor, at: ctx.at, entity: 'foyer', entityId: foyerId, action: 'update', before: after, after: foyerSnapshot(ctx.db, restored) });
}

/**
 * Creates the foyer of a CAF line with its allocataire and conjoint, as `dossiers.create` does (audit; the search
 * index and the échéancier follow through their triggers). Also used when a possible duplicate is refused
 * (a different person after all): G-B's resolution calls it with the line's parsed values.
 */
export function createCafDossier(ctx: BatchContext, parsed: CafLine): { personId: number; foyerId: number } {
  const { sqlite, at, actor } = ctx;
  const foyerId = writeFoyer(sqlite, ctx.mdsId, parsed.foyer, at);
  audit(sqlite, { actor, at, entity: 'foyer', entityId: foyerId, action: 'create', before: null, after: foyerValuesSnapshot(parsed.foyer, ctx.mdsId) });
  let personId = 0;
  for (const [role, identity] of [['allocataire', parsed.allocataire], ['conjoint', parsed.conjoint]] as const) {
    if (!identity) continue;
    const person = writePerson(sqlite, foyerId, role, identity, at);
    audit(sqlite, { actor, at, entity: 'person', entityId: person.id, action: 'create', before: null, after: personSnapshot(person) });
    ctx.identities.add({ id: person.id, name: personName(person) }, person);
    if (role === 'allocataire') personId = person.id;
  }
  return { personId, foyerId };
}

export type { CafLine };
