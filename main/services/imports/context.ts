/**
 * What evaluating and applying the lines of one batch share: the database, who imports, the MDS, the lookups built
 * once per batch (communes, identities of the MDS's persons), and what the earlier lines of the same file held
 * (a CAF number twice, the same identity twice).
 */
import type { Sqlite } from '../../../db/open';
import type { AuditActor, DbOrTx } from '../../../db/queries';
import { personName } from '../../../shared/domain/format';
import { identityKeys, type IdentityParts } from '../../../shared/domain/identity';
import type { ImportVerdict } from '../../../shared/api/imports';
import { wordsKey, type LineValues } from './values';

export interface CommuneRef {
  mdsId: number;
  inseeCode: string;
  name: string;
}

/** The communes known to the database (every MDS's), to route a line and to reject an unknown commune. */
export class Communes {
  private readonly byInsee = new Map<string, CommuneRef>();
  private readonly byPostalName = new Map<string, CommuneRef>();
  private readonly byName = new Map<string, CommuneRef[]>();

  constructor(sqlite: Sqlite) {
    for (const c of sqlite.prepare('SELECT mds_id, insee_code, postal_code, name FROM mds_communes').all() as {
      mds_id: number;
      insee_code: string;
      postal_code: string;
      name: string;
    }[]) {
      const ref = { mdsId: c.mds_id, inseeCode: c.insee_code, name: c.name };
      this.byInsee.set(c.insee_code.toUpperCase(), ref);
      this.byPostalName.set(`${c.postal_code}|${wordsKey(c.name)}`, ref);
      const list = this.byName.get(wordsKey(c.name)) ?? [];
      list.push(ref);
      this.byName.set(wordsKey(c.name), list);
    }
  }

  /** The commune of a line: by INSEE code, by postal code and name, or by a name no other commune has. */
  find(commune: string, postalCode: string): CommuneRef | null {
    const insee = this.byInsee.get(commune.trim().toUpperCase());
    if (insee) return insee;
    const key = wordsKey(commune);
    if (postalCode) return this.byPostalName.get(`${postalCode.trim()}|${key}`) ?? null;
    const named = this.byName.get(key);
    return named && named.length === 1 ? named[0]! : null;
  }
}

export interface KnownPerson {
  id: number;
  name: string;
}

/** Identity keys (shared/domain/identity.ts) → the persons of the MDS known under them. */
export class Identities {
  private readonly byKey = new Map<string, KnownPerson[]>();

  add(person: KnownPerson, identity: IdentityParts): void {
    for (const key of identityKeys(identity)) {
      const list = this.byKey.get(key) ?? [];
      if (!list.some((p) => p.id === person.id)) list.push(person);
      this.byKey.set(key, list);
    }
  }

  /** The persons possibly the same as this identity (none, one, or several). */
  find(identity: IdentityParts): KnownPerson[] {
    const found = new Map<number, KnownPerson>();
    for (const key of identityKeys(identity)) for (const p of this.byKey.get(key) ?? []) found.set(p.id, p);
    return [...found.values()];
  }

  /** The persons of an MDS (merged ones left out: they live on in the dossier they were merged into). */
  static ofMds(sqlite: Sqlite, mdsId: number): Identities {
    const identities = new Identities();
    const rows = sqlite
      .prepare(
        `SELECT p.id, p.nom_patronymique, p.nom_usage, p.prenoms, p.date_naissance FROM persons p JOIN foyers f ON f.id = p.foyer_id
         WHERE f.mds_id = ? AND p.merged_into_id IS NULL`,
      )
      .raw()
      .all(mdsId) as [number, string, string | null, string, string][];
    for (const [id, nomPatronymique, nomUsage, prenoms, dateNaissance] of rows) {
      identities.add({ id, name: personName({ nomPatronymique, nomUsage, prenoms }) }, { nomPatronymique, nomUsage, prenoms, dateNaissance });
    }
    return identities;
  }
}

export interface BatchContext {
  sqlite: Sqlite;
  db: DbOrTx;
  mdsId: number;
  batchId: number;
  actor: AuditActor;
  at: string;
  communes: Communes;
  identities: Identities;
  /** Earlier lines of this file: a key (CAF number, identity…) → its line number. */
  seen: Map<string, number>;
}

/** A line's verdict and what applying it needs. */
export interface Evaluation<T = unknown> {
  verdict: ImportVerdict;
  reason: string | null;
  candidatePersonId: number | null;
  /** The parsed line, for apply (absent when rejected). */
  parsed?: T;
}

/** What applying a line wrote: the record it is about, and what to undo. */
export interface Applied {
  personId: number | null;
  foyerId: number | null;
  before: unknown;
}

/** One kind of import: how a line is judged, applied and undone. */
export interface ImportKindEngine {
  evaluate(values: LineValues, line: number, ctx: BatchContext): Evaluation;
  /** Applies a line judged 'nouveau' or 'mise_a_jour' (inside the batch's transaction). */
  apply(evaluation: Evaluation, line: number, ctx: BatchContext): Applied;
  /**
   * `check`: why the applied lines cannot be undone (a record changed since), or nothing; else undoes them (in
   * reverse line order).
   */
  undo(rows: readonly AppliedRow[], ctx: BatchContext, check: boolean): string[];
  /**
   * « C’est la même personne » (main/services/merge/duplicates.ts): a line waiting as a possible duplicate, applied to
   * the person confirmed as the same, as an update line would be; or why it cannot be.
   */
  confirm(values: LineValues, line: number, ctx: BatchContext, personId: number): Confirmation;
}

/** A possible duplicate applied to the person confirmed (what changed, in French), or the reason it is refused. */
export type Confirmation = { refused: string } | (Applied & { refused?: undefined; changes: string[]; note: string | null });

/** A line as applied, read back for its undo. */
export interface AppliedRow {
  line: number;
  verdict: ImportVerdict;
  personId: number | null;
  foyerId: number | null;
  before: unknown;
}

export const rejected = (reason: string): Evaluation => ({ verdict: 'rejete', reason, candidatePersonId: null });
