/**
 * The world of the import tests (clock: 2 March 2026): the staff of the MDS de l’Arrageois, its communes (Arras,
 * Achicourt), another MDS with Saint-Omer, and the dossiers the golden files meet — FÉRAUD-LÉCUYER Anne (a possible
 * duplicate of « Feraud Lecuyer »), two DURAND Claire (foyers 1000002, with the identifiant France Travail
 * 1234567A123, and 1000003), LA FONTAINE Jean (« de la Fontaine » in a France Travail list).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll } from 'vitest';
import type { ImportKind, ImportVerdict } from '../../../shared/api/imports';
import { moveToOtherTerritory, withSql } from './ep-fixtures';
import { dossierInput, setupWithStaff, startHarness, type Harness, type Staff } from './harness';

export const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/imports');
export const fixture = (name: string): Buffer => readFileSync(path.join(FIXTURES, name));
export const expected = (name: string): Record<string, [ImportVerdict, string | null]> =>
  JSON.parse(readFileSync(path.join(FIXTURES, name), 'utf8')) as Record<string, [ImportVerdict, string | null]>;

export interface ImportWorld {
  staff: Staff;
  other: { session: string; mdsId: number };
  persons: { feraud: number; durand2: number; durand3: number; fontaine: number };
}

export async function importWorld(h: Harness): Promise<ImportWorld> {
  const staff = await setupWithStaff(h);
  const admin = staff.admin.session;
  const corr = staff.correspondant.session;
  await h.ok('communes.save', { inseeCode: '62041', postalCode: '62000', name: 'ARRAS' }, admin);
  await h.ok('communes.save', { inseeCode: '62001', postalCode: '62217', name: 'ACHICOURT' }, admin);
  const password = 'oscar-mot-de-passe';
  const oscar = await h.ok('users.create', { login: 'oscar', displayName: 'Oscar Ailleurs', role: 'correspondant', structure: 'MDS de l’Audomarois', password }, admin);
  await moveToOtherTerritory(h, oscar.id);
  const mdsId = await withSql(h, (s) => {
    const id = (s.prepare('SELECT mds_id FROM users WHERE id = ?').get(oscar.id) as { mds_id: number }).mds_id;
    s.prepare(`INSERT INTO mds_communes (mds_id, insee_code, postal_code, name) VALUES (?, '62765', '62500', 'SAINT-OMER')`).run(id);
    return id;
  });
  const { session } = await h.ok('auth.login', { login: 'oscar', password });
  const referentId = staff.referentA.id;
  const create = async (caf: string, nom: string, prenoms: string, dateNaissance: string, peNumber?: string) => {
    const input = dossierInput({ caf, nom, prenoms, referentId });
    const d = await h.ok('dossiers.create', { ...input, person: { ...input.person, dateNaissance, peNumber } }, corr);
    return d.person.id;
  };
  return {
    staff,
    other: { session, mdsId },
    persons: {
      feraud: await create('1111111', 'FÉRAUD-LÉCUYER', 'Anne', '1985-04-12'),
      durand2: await create('1000002', 'DURAND', 'Claire', '1988-11-03', '1234567A123'),
      durand3: await create('1000003', 'DURAND', 'Claire', '1988-11-03'),
      fontaine: await create('1000004', 'LA FONTAINE', 'Jean', '1975-05-05'),
    },
  };
}

export const previewInput = (kind: ImportKind, bytes: Buffer | string, fileName = 'liste.csv') => ({
  kind,
  source: kind === 'caf_nouveaux' ? 'CAF du Pas-de-Calais' : 'France Travail Arras',
  fileName,
  contentBase64: Buffer.from(bytes).toString('base64'),
});

/** Every row of a batch, by line number. */
export async function allRows(h: Harness, batchId: number, session: string) {
  const out = [];
  for (let offset = 0; ; offset += 500) {
    const page = await h.ok('imports.rows', { batchId, offset, limit: 500 }, session);
    out.push(...page.rows);
    if (out.length >= page.total) return out;
  }
}

/** A CAF file of `n` new foyers in Arras (CAF numbers from `firstCaf`), optionally with a given name on line `at`. */
export function generatedCafFile(n: number, firstCaf = 5_000_000, special?: { line: number; nom: string }): string {
  const header = 'N° allocataire;Nom;Prénoms;Date de naissance;Sexe;Adresse;Code postal;Commune;Situation familiale;Enfants à charge;RSA depuis le';
  const lines = [header];
  for (let i = 0; i < n; i += 1) {
    const nom = special && special.line === i + 2 ? special.nom : `NOM${i}`;
    const day = String((i % 28) + 1).padStart(2, '0');
    const month = String((i % 12) + 1).padStart(2, '0');
    lines.push(`${firstCaf + i};${nom};Prénom${i};${day}/${month}/${1960 + (i % 40)};${i % 2 ? 'M' : 'F'};${i} rue de la République;62000;Arras;Célibataire;${i % 4};01/02/2026`);
  }
  return lines.join('\r\n') + '\r\n';
}

/** A test file's harness on the import world, started before its tests and disposed after (read the fields in tests). */
export function useImportWorld(): { h: Harness; w: ImportWorld; corr: string } {
  const ctx = {} as { h: Harness; w: ImportWorld; corr: string };
  beforeAll(async () => {
    ctx.h = await startHarness();
    ctx.w = await importWorld(ctx.h);
    ctx.corr = ctx.w.staff.correspondant.session;
  }, 60_000);
  afterAll(async () => {
    await ctx.h?.dispose();
  });
  return ctx;
}
