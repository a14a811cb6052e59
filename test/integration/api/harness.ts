/**
 * Test harness for the API: a real app (real encrypted database, real key file) in a temporary data
 * folder, called exactly as a host calls it (`app.handle(envelope)`). `sleep` is injected and records
 * the delays asked for; `now` is a controllable clock.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { expect } from 'vitest';
import { unwrapKey } from '../../../db/keyslots';
import { createApp, type App, type DocumentPrinter } from '../../../main/app';
import type { MethodInput, MethodName, MethodOutput } from '../../../shared/api/contract';
import type { ApiErrorBody, ApiErrorCode } from '../../../shared/api/errors';
import type { ApiResponse } from '../../../shared/api/transport';
import type { DossierCreateInput } from '../../../shared/api/dossier';

export const ADMIN = { login: 'admin', password: 'admin-mot-de-passe-1', displayName: 'Alice Admin' } as const;
export const TABLES = ['mds', 'users', 'foyers', 'children', 'persons', 'audit_log', 'drafts'] as const;

export interface Harness {
  app: App;
  dataDir: string;
  sleeps: number[];
  clock: { now: Date; advanceMinutes(minutes: number): void };
  call<M extends MethodName>(method: M, input: MethodInput<M>, session?: string): Promise<ApiResponse<MethodOutput<M>>>;
  /** Calls and expects success. */
  ok<M extends MethodName>(method: M, input: MethodInput<M>, session?: string): Promise<MethodOutput<M>>;
  /** Calls and expects this error code. */
  err<M extends MethodName>(method: M, input: MethodInput<M>, code: ApiErrorCode, session?: string): Promise<ApiErrorBody>;
  /** Closes this app and starts a new one on the same folder (with a print service if given; sessions end). */
  restart(options?: { printer?: DocumentPrinter }): Promise<void>;
  dispose(): Promise<void>;
}

export function makeDataDir(): string {
  return mkdtempSync(path.join(os.tmpdir(), 'parcours-api-'));
}

export async function startHarness(
  options: { dataDir?: string; migrationsFolder?: string; printer?: DocumentPrinter; idleCheckMs?: number } = {},
): Promise<Harness> {
  const dataDir = options.dataDir ?? makeDataDir();
  const sleeps: number[] = [];
  const clock = {
    now: new Date('2026-03-02T09:00:00.000Z'),
    advanceMinutes(minutes: number) {
      this.now = new Date(this.now.getTime() + minutes * 60_000);
    },
  };
  const start = (printer = options.printer) =>
    createApp({
      dataDir,
      migrationsFolder: options.migrationsFolder,
      printer,
      now: () => clock.now,
      sleep: async (ms) => {
        sleeps.push(ms);
      },
      appVersion: '9.9.9-test',
      automaticBackups: false,
      ...(options.idleCheckMs === undefined ? {} : { idleCheckMs: options.idleCheckMs }),
    });
  const h: Harness = {
    app: start(),
    dataDir,
    sleeps,
    clock,
    call(method, input, session) {
      return h.app.handle({ method, input, session }) as never;
    },
    async ok(method, input, session) {
      const response = await h.call(method, input, session);
      if (!response.ok) throw new Error(`${method} refusé : ${JSON.stringify(response.error)}`);
      return response.value;
    },
    async err(method, input, code, session) {
      const response = await h.call(method, input, session);
      if (response.ok) throw new Error(`${method} accepté alors que ${code} était attendu : ${JSON.stringify(response.value)}`);
      expect(response.error.code, response.error.message).toBe(code);
      return response.error;
    },
    async restart(restartOptions = {}) {
      await h.app.close();
      h.app = start(restartOptions.printer ?? options.printer);
    },
    async dispose() {
      await h.app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return h;
}

export const setupInput = {
  mds: { name: 'MDS de l’Arrageois', territory: 'Arrageois', address: '10 rue de la Gare, 62000 Arras' },
  admin: { login: ADMIN.login, displayName: ADMIN.displayName, structure: 'Conseil départemental', password: ADMIN.password },
};

export interface Staff {
  admin: { id: number; session: string };
  correspondant: { id: number; session: string };
  secretaire: { id: number; session: string };
  referentA: { id: number; session: string };
  referentB: { id: number; session: string };
}

export const PASSWORDS = {
  correspondant: 'corresp-mot-de-passe',
  secretaire: 'secretaire-mot-de-passe',
  referentA: 'referent-a-mot-de-passe',
  referentB: 'referent-b-mot-de-passe',
} as const;

/** Setup, then one account per role, each logged in. */
export async function setupWithStaff(h: Harness): Promise<Staff> {
  await h.ok('setup.create', setupInput);
  const adminLogin = await h.ok('auth.login', { login: ADMIN.login, password: ADMIN.password });
  const s = adminLogin.session;
  const make = async (login: string, displayName: string, role: 'correspondant' | 'secretaire_ep' | 'referent', password: string) => {
    const user = await h.ok('users.create', { login, displayName, role, structure: 'MDS de l’Arrageois', password }, s);
    const { session } = await h.ok('auth.login', { login, password });
    return { id: user.id, session };
  };
  return {
    admin: { id: adminLogin.user.id, session: s },
    correspondant: await make('cora', 'Cora Correspondante', 'correspondant', PASSWORDS.correspondant),
    secretaire: await make('sam', 'Sam Secrétaire', 'secretaire_ep', PASSWORDS.secretaire),
    referentA: await make('remi', 'Rémi Référent', 'referent', PASSWORDS.referentA),
    referentB: await make('berthe', 'Berthe Référente', 'referent', PASSWORDS.referentB),
  };
}

let cafSeq = 1000000;
export const nextCaf = () => String(++cafSeq);

export function dossierInput(overrides: { caf?: string; nom?: string; prenoms?: string; referentId?: number | null; correspondantId?: number | null } = {}): DossierCreateInput {
  return {
    foyer: {
      cafNumber: overrides.caf ?? nextCaf(),
      rsaDepuis: '2024-05-01',
      situationFamiliale: 'celibataire',
      address: { line1: '3 rue des Lilas', postalCode: '62000', city: 'Arras' },
      enfants: [{ prenom: 'Léo', dateNaissance: '2019-06-15' }],
    },
    person: {
      nomPatronymique: overrides.nom ?? 'DURAND',
      prenoms: overrides.prenoms ?? 'Claire',
      sexe: 'F',
      dateNaissance: '1988-11-03',
      telephone: '03 21 00 00 00',
      referentId: overrides.referentId,
      correspondantId: overrides.correspondantId,
    },
  };
}

/**
 * Everything stored: every table's rows (through a second connection with the database key) and the
 * key file's text. Two equal snapshots mean nothing was written.
 */
export async function storedState(h: Harness): Promise<{ tables: Record<string, unknown[]>; keyFile: string }> {
  const keyPath = path.join(h.dataDir, 'parcours.keys.json');
  const key = await unwrapKey(keyPath, ADMIN.login, ADMIN.password);
  if (!key) throw new Error('clé introuvable');
  const file = path.join(h.dataDir, 'parcours.db');
  const sqlite = new Database(file, { fileMustExist: true });
  try {
    sqlite.pragma("cipher = 'sqlcipher'");
    sqlite.pragma(`key = "x'${key.toString('hex')}'"`);
    // Every table, including those each capability adds (and the search index's, which may lack a rowid:
    // rows are sorted by their content).
    const names = (
      sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name").all() as {
        name: string;
      }[]
    ).map((r) => r.name);
    const rows = (t: string) =>
      sqlite
        .prepare(`SELECT * FROM "${t}"`)
        .all()
        .map((r) => JSON.stringify(r))
        .sort()
        .map((r) => JSON.parse(r) as unknown);
    const tables = Object.fromEntries(names.map((t) => [t, rows(t)]));
    return { tables, keyFile: readFileSync(keyPath, 'utf8') };
  } finally {
    sqlite.close();
  }
}

export async function rowCounts(h: Harness): Promise<Record<string, number>> {
  const { tables } = await storedState(h);
  return Object.fromEntries(Object.entries(tables).map(([t, rows]) => [t, rows.length]));
}

export const filesIn = (dir: string): string[] => (existsSync(dir) ? readdirSync(dir) : []);
