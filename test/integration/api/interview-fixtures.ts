/**
 * Fixtures of the first-interview API tests: staff, dossiers, organismes and référents, EDE answers, and a
 * snapshot of EVERY table (the harness's `storedState` lists only the foundation's tables).
 */
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { unwrapKey } from '../../../db/keyslots';
import type { Dossier } from '../../../shared/api/dossier';
import type { Organisme, Referent } from '../../../shared/api/interview';
import { DEFAULT_EDE_GRID } from '../../../shared/domain/referentials/ede-grid';
import { ADMIN, dossierInput, setupWithStaff, type Harness, type Staff } from './harness';

/** Every table's rows (all tables of the file, whoever created them). Two equal snapshots: nothing was written. */
const keys = new Map<string, Buffer>();
export async function allTablesState(h: Harness): Promise<Record<string, unknown[]>> {
  const key = keys.get(h.dataDir) ?? (await unwrapKey(path.join(h.dataDir, 'parcours.keys.json'), ADMIN.login, ADMIN.password));
  if (!key) throw new Error('clé introuvable');
  keys.set(h.dataDir, key);
  const sqlite = new Database(path.join(h.dataDir, 'parcours.db'), { fileMustExist: true });
  try {
    sqlite.pragma("cipher = 'sqlcipher'");
    sqlite.pragma(`key = "x'${key.toString('hex')}'"`);
    const names = (sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name").all() as {
      name: string;
    }[]).map((r) => r.name);
    // Some tables (the search index's) have no rowid: rows are sorted by their content instead.
    const rows = (t: string) =>
      sqlite
        .prepare(`SELECT * FROM "${t}"`)
        .all()
        .map((r) => JSON.stringify(r))
        .sort()
        .map((r) => JSON.parse(r) as unknown);
    return Object.fromEntries(names.map((t) => [t, rows(t)]));
  } finally {
    sqlite.close();
  }
}

export const GRID = DEFAULT_EDE_GRID;
export const ITEM_KEYS = GRID.data.items.map((i) => i.key);

/** Paliers of the 8 items, in grid order. */
export const paliers = (levels: readonly number[]): Record<string, number> =>
  Object.fromEntries(ITEM_KEYS.map((k, i) => [k, levels[i]!]));

export interface InterviewWorld {
  staff: Staff;
  /** Dossier of référent A (allocataire; with a conjoint in the same foyer). */
  dA: Dossier;
  /** Dossier of référent B. */
  dB: Dossier;
  organismes: { pe: Organisme; plie: Organisme; mds: Organisme };
  referents: { peAgent: Referent; plieB: Referent; mdsA: Referent };
}

/** Setup, the staff, two dossiers, and the orientation reference data. */
export async function interviewWorld(h: Harness): Promise<InterviewWorld> {
  const staff = await setupWithStaff(h);
  const admin = staff.admin.session;
  const dA = await h.ok(
    'dossiers.create',
    {
      ...dossierInput({ nom: 'MARTIN', prenoms: 'Anne', correspondantId: staff.correspondant.id }),
      conjoint: { nomPatronymique: 'MARTIN', prenoms: 'Paul', sexe: 'M', dateNaissance: '1985-04-12' },
    },
    staff.referentA.session,
  );
  const dB = await h.ok('dossiers.create', dossierInput({ nom: 'BERNARD', prenoms: 'Bruno' }), staff.referentB.session);
  const pe = await h.ok('organismes.create', { name: 'Pôle Emploi Arras', type: 'pole_emploi', address: '1 rue de l’Emploi, 62000 Arras' }, admin);
  const plie = await h.ok('organismes.create', { name: 'PLIE de l’Arrageois', type: 'professionnel', telephone: '03 21 11 22 33' }, admin);
  const mds = await h.ok('organismes.create', { name: 'MDS de l’Arrageois', type: 'solidarite', email: 'mds@exemple.fr' }, admin);
  const peAgent = await h.ok('referents.create', { organismeId: pe.id, name: 'Paul Conseiller' }, admin);
  const plieB = await h.ok('referents.create', { organismeId: plie.id, name: 'Berthe Référente', userId: staff.referentB.id }, admin);
  const mdsA = await h.ok('referents.create', { organismeId: mds.id, name: 'Rémi Référent', userId: staff.referentA.id }, admin);
  return { staff, dA, dB, organismes: { pe, plie, mds }, referents: { peAgent, plieB, mdsA } };
}
