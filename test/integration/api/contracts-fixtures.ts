/**
 * Fixtures of the contracts and fiches API tests: staff, dossiers with an orientation decision (through the
 * interview capability's API), contract and fiche inputs, files, and a snapshot of EVERY table and file.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { expect } from 'vitest';
import { unwrapKey } from '../../../db/keyslots';
import type { MethodInput } from '../../../shared/api/contract';
import type { ContractFormInput, PapRowInput } from '../../../shared/api/contracts';
import type { Dossier } from '../../../shared/api/dossier';
import { DEFAULT_EDE_GRID } from '../../../shared/domain/referentials/ede-grid';
import { ADMIN, dossierInput, setupWithStaff, type Harness, type Staff } from './harness';

/** Every table's rows, whoever created them. Two equal snapshots: nothing was written. */
export async function everyTable(h: Harness): Promise<Record<string, unknown[]>> {
  const key = await unwrapKey(path.join(h.dataDir, 'parcours.keys.json'), ADMIN.login, ADMIN.password);
  if (!key) throw new Error('clé introuvable');
  const sqlite = new Database(path.join(h.dataDir, 'parcours.db'), { fileMustExist: true });
  try {
    sqlite.pragma("cipher = 'sqlcipher'");
    sqlite.pragma(`key = "x'${key.toString('hex')}'"`);
    const names = (
      sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name").all() as {
        name: string;
      }[]
    ).map((r) => r.name);
    const rows = (t: string) =>
      sqlite
        .prepare(`SELECT * FROM "${t}"`)
        .all()
        .map((r) =>
          JSON.stringify(Object.fromEntries(Object.entries(r as object).map(([k, v]) => [k, Buffer.isBuffer(v) ? v.toString('hex') : (v as unknown)]))),
        )
        .sort()
        .map((r) => JSON.parse(r) as unknown);
    return Object.fromEntries(names.map((t) => [t, rows(t)]));
  } finally {
    sqlite.close();
  }
}

/** Calls `act`, then checks that no table changed. */
export async function expectNothingWritten(h: Harness, act: () => Promise<unknown>): Promise<void> {
  const before = await everyTable(h);
  await act();
  expect(await everyTable(h)).toEqual(before);
}

/** Every file under a folder (recursively). */
export function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

/** Files under a folder whose bytes contain the text (as UTF-8 or UTF-16LE). */
export function filesContaining(dir: string, text: string): string[] {
  const needles = [Buffer.from(text, 'utf8'), Buffer.from(text, 'utf16le')];
  return filesUnder(dir).filter((f) => {
    const data = readFileSync(f);
    return needles.some((n) => data.includes(n));
  });
}

export interface ContractsWorld {
  staff: Staff;
  /** Référent A's dossier, orientation solidarité decided on 2025-01-10. */
  dA: Dossier;
  /** Référent B's dossier, orientation professionnelle (PLIE) decided on 2025-06-02. */
  dB: Dossier;
  /** Référent A's dossier without any orientation decision. */
  dNone: Dossier;
  organismes: { mdsId: number; plieId: number };
}

export const ORIENTATION_A = '2025-01-10';
export const ORIENTATION_B = '2025-06-02';

/** Setup, staff, three dossiers, the organismes and the orientation decisions (interview capability). */
export async function contractsWorld(h: Harness): Promise<ContractsWorld> {
  const staff = await setupWithStaff(h);
  const admin = staff.admin.session;
  const corr = staff.correspondant.session;
  const dA = await h.ok('dossiers.create', dossierInput({ nom: 'MARTIN', prenoms: 'Anne', correspondantId: staff.correspondant.id }), staff.referentA.session);
  const dB = await h.ok('dossiers.create', dossierInput({ nom: 'BERNARD', prenoms: 'Bruno' }), staff.referentB.session);
  const dNone = await h.ok('dossiers.create', dossierInput({ nom: 'PETIT', prenoms: 'Noé' }), staff.referentA.session);
  const mds = await h.ok('organismes.create', { name: 'MDS de l’Arrageois', type: 'solidarite' }, admin);
  const plie = await h.ok('organismes.create', { name: 'PLIE de l’Arrageois', type: 'professionnel' }, admin);
  const mdsA = await h.ok('referents.create', { organismeId: mds.id, name: 'Rémi Référent', userId: staff.referentA.id }, admin);
  const plieB = await h.ok('referents.create', { organismeId: plie.id, name: 'Berthe Référente', userId: staff.referentB.id }, admin);
  await h.ok(
    'orientation.decide',
    {
      personId: dA.person.id,
      date: ORIENTATION_A,
      orientation: 'solidarite',
      organismeReferentId: mds.id,
      referentId: mdsA.id,
      correspondantId: staff.correspondant.id,
      motif: 'Freins sociaux à lever avant toute démarche d’emploi',
    },
    corr,
  );
  await h.ok(
    'orientation.decide',
    {
      personId: dB.person.id,
      date: ORIENTATION_B,
      orientation: 'professionnelle_autre',
      organismeReferentId: plie.id,
      referentId: plieB.id,
      correspondantId: staff.correspondant.id,
      motif: 'Projet professionnel défini, accompagnement PLIE',
    },
    corr,
  );
  return { staff, dA, dB, dNone, organismes: { mdsId: mds.id, plieId: plie.id } };
}

const ITEM_KEYS = DEFAULT_EDE_GRID.data.items.map((i) => i.key);

/** Records an EDE (paliers of the 8 items in grid order) through the interview API; returns its id. */
export async function recordEde(h: Harness, session: string, personId: number, date: string, levels: readonly number[]): Promise<number> {
  const ede = await h.ok(
    'ede.create',
    { personId, date, gridVersion: DEFAULT_EDE_GRID.version, paliers: Object.fromEntries(ITEM_KEYS.map((k, i) => [k, levels[i]!])) },
    session,
  );
  return ede.id;
}

export const row = (actionCode: string, start: string, end: string, extra: Partial<PapRowInput> = {}): PapRowInput => ({
  theme: actionCode.charAt(0).toUpperCase() as PapRowInput['theme'],
  actionCode,
  start,
  end,
  engagementReferent: `Le référent accompagne l’action ${actionCode}`,
  engagementBeneficiaire: `Le bénéficiaire s’engage sur l’action ${actionCode}`,
  ...extra,
});

/** A CERS of 6 months from 2025-02-01 (ends 2025-07-31). */
export function cersInput(personId: number, actions: PapRowInput[], overrides: Partial<ContractFormInput> = {}): MethodInput<'contracts.create'> {
  return {
    personId,
    type: 'CERS',
    start: '2025-02-01',
    durationMonths: 6,
    objectifs: 'Stabiliser la situation de logement et de budget',
    resultatsAttendus: 'Un logement adapté et un budget équilibré',
    emploisRecherches: 'Employée de libre-service à moyen terme',
    pap: { actions },
    referent: { lieuSuivi: 'MDS d’Arras', prochainsRendezVous: ['2025-03-03', '2025-04-07'] },
    remarquesBeneficiaire: 'D’accord avec le plan proposé',
    ...overrides,
  };
}

/** A CERP of 6 months from 2025-06-15 with two métiers recherchés. */
export function cerpInput(personId: number, overrides: Partial<ContractFormInput> = {}): MethodInput<'contracts.create'> {
  return {
    personId,
    type: 'CERP',
    start: '2025-06-15',
    durationMonths: 6,
    objectifs: 'Retour à l’emploi dans la logistique',
    resultatsAttendus: 'Un CDD de six mois au moins',
    pap: { actions: [row('H.1.1', '2025-06-15', '2025-10-31'), row('G.3.1', '2025-07-01', '2025-12-14', { services: ['Pôle Emploi', 'Mission Locale'] })] },
    referent: { lieuSuivi: 'PLIE d’Arras', prochainsRendezVous: ['2025-07-01'] },
    cerp: {
      situationProfessionnelle: { rqth: false, niveauFormation: 'V', permisConduire: true, zoneGeographique: 'Arras et 30 km autour' },
      situationEmploi: {
        inscriptions: { poleEmploi: true, plie: true, maisonEmploi: false, ett: true },
        experiences: [{ emploi: 'Préparateur de commandes', typeContrat: 'interim', duree: '18 mois', entreprise: 'Logis Nord' }],
      },
      metiers: [
        { romeCode: 'N1103', caracteristiques: 'Travail en entrepôt, horaires postés', salaireAttendu: '1 450 € net', marcheLocal: 'Forte demande', avisReferent: 'Réaliste' },
        { romeCode: 'd1507', caracteristiques: 'Mise en rayon', salaireAttendu: 'SMIC', avisReferent: 'Possible à court terme' },
      ],
      conclusion: 'Projet validé, recherche active à engager',
    },
    suiviEmploi: [
      { date: '2025-07-10', offre: 'Préparateur de commandes – Logis Nord', raisonnable: true, domaine: 'N', romeCode: 'N1103', moyens: 'Candidature spontanée', resultat: 'atteint' },
    ],
    ...overrides,
  };
}

/** Session of each member of the staff, by name. */
export const sessions = (staff: Staff) => ({
  admin: staff.admin.session,
  corr: staff.correspondant.session,
  sec: staff.secretaire.session,
  refA: staff.referentA.session,
  refB: staff.referentB.session,
});

/** Minimal files of each accepted type, with an optional marker inside. */
export const files = {
  pdf: (marker = '') => Buffer.from(`%PDF-1.4\n% ${marker}\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n`, 'latin1'),
  png: () => Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]),
  jpeg: () => Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46]),
  docx: () => Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0]), Buffer.from('[Content_Types].xml word/document.xml', 'latin1')]),
  odt: () =>
    Buffer.concat([
      Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x0a, 0, 0, 0, 0, 0]),
      Buffer.alloc(20),
      Buffer.from('mimetypeapplication/vnd.oasis.opendocument.text', 'latin1'),
    ]),
  doc: () => Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]),
};

export const b64 = (data: Buffer) => data.toString('base64');
