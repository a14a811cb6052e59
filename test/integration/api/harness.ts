/**
 * Test harness for the API: a real app (real encrypted database, real key file) in a temporary data
 * folder, called exactly as a host calls it (`app.handle(envelope)`). `sleep` is injected and records
 * the delays asked for; `now` is a controllable clock.
 *
 * `PARCOURS_API_TRANSPORT=network` (`npm run test:network`, vitest.network.config.ts): the same App is served by the
 * server mode's HTTPS host (main/server/host.ts) on 127.0.0.1, and `h.call` goes through the desktop client
 * (main/client/remote.ts: certificate pinned, session as a bearer) — the role tests then prove the network transport.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { expect } from 'vitest';
import { KEY_FILE_NAME, unwrapKey } from '../../../db/keyslots';
import { createApp, type App, type DocumentPrinter } from '../../../main/app';
import type { ApiRequest } from '../../../shared/api/transport';
import type { MethodInput, MethodName, MethodOutput } from '../../../shared/api/contract';
import type { ApiErrorBody, ApiErrorCode } from '../../../shared/api/errors';
import type { ApiResponse } from '../../../shared/api/transport';
import type { DossierCreateInput } from '../../../shared/api/dossier';

export const ADMIN = { login: 'admin', password: 'admin-mot-de-passe-1', displayName: 'Alice Admin' } as const;
export const TABLES = ['mds', 'users', 'foyers', 'children', 'persons', 'audit_log', 'drafts'] as const;

export interface Harness {
  app: App;
  /** `network`: calls go through the HTTPS host and the desktop client (its address is `networkUrl`). */
  transport: 'in-process' | 'network';
  networkUrl?: string | undefined;
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

/** Open file descriptors of this process on the database file (and its -wal / -shm). */
export function openDatabaseFiles(dataDir: string): number {
  const db = path.join(dataDir, 'parcours.db');
  let n = 0;
  for (const fd of readdirSync('/proc/self/fd')) {
    try {
      if (readlinkSync(`/proc/self/fd/${fd}`).startsWith(db)) n += 1;
    } catch {
      // closed meanwhile
    }
  }
  return n;
}

export function makeDataDir(): string {
  return mkdtempSync(path.join(os.tmpdir(), 'parcours-api-'));
}

export interface HarnessOptions {
  dataDir?: string;
  migrationsFolder?: string;
  printer?: DocumentPrinter;
  idleCheckMs?: number;
  /** Server mode (issue 14): the database opens at start with this key (a copy is given at each start). */
  mode?: 'desk' | 'server';
  databaseKey?: Buffer;
  sessionMaxHours?: number;
  /** Default: `network` when PARCOURS_API_TRANSPORT=network, else `in-process`. */
  transport?: 'in-process' | 'network';
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
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
      ...(options.mode === undefined ? {} : { mode: options.mode }),
      ...(options.databaseKey === undefined ? {} : { databaseKey: Buffer.from(options.databaseKey) }),
      ...(options.sessionMaxHours === undefined ? {} : { sessionMaxHours: options.sessionMaxHours }),
    });
  const transport = options.transport ?? (process.env.PARCOURS_API_TRANSPORT === 'network' ? 'network' : 'in-process');
  const network = transport === 'network' ? await serveOverNetwork(() => h.app) : null;
  const h: Harness = {
    app: start(),
    transport,
    networkUrl: network?.url,
    dataDir,
    sleeps,
    clock,
    call(method, input, session) {
      const request = { method, input, session };
      return (network ? network.handle(request) : h.app.handle(request)) as never;
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
      await network?.close();
      await h.app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return h;
}

/**
 * The network transport: the server's HTTPS host (self-signed certificate, 127.0.0.1, a free port) around whichever App
 * the harness holds now (it changes on restart), called through the desktop client pinned to that certificate.
 */
async function serveOverNetwork(
  current: () => App,
): Promise<{ url: string; handle(request: ApiRequest): Promise<unknown>; close(): Promise<void> }> {
  const [{ startServerHost }, { selfSignedTls }, { createServerLogger }, { createRemoteApp }] = await Promise.all([
    import('../../../main/server/host'),
    import('../../../main/server/tls'),
    import('../../../main/server/logger'),
    import('../../../main/client/remote'),
  ]);
  const work = mkdtempSync(path.join(os.tmpdir(), 'parcours-api-net-'));
  try {
    const tls = await selfSignedTls(work, ['127.0.0.1']);
    const rendererDir = path.join(work, 'renderer');
    const host = await startServerHost({
      app: {
        handle: (request, meta) => current().handle(request, meta),
        get events() {
          return current().events;
        },
        sessionInfo: (token) => current().sessionInfo(token),
      },
      tls,
      host: '127.0.0.1',
      port: 0,
      rendererDir,
      logger: createServerLogger({ level: 'silent' }),
    });
    const remote = createRemoteApp({ url: host.url, fingerprint: host.fingerprint });
    return {
      url: host.url,
      handle: (request) => remote.handle(request),
      async close() {
        await remote.close();
        await host.close();
      },
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
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

/** Logs every account of `setupWithStaff` in again (after a restart: sessions end). */
export async function loginStaff(h: Harness, ids: Staff): Promise<Staff> {
  const login = async (name: string, password: string) => (await h.ok('auth.login', { login: name, password })).session;
  return {
    admin: { id: ids.admin.id, session: await login(ADMIN.login, ADMIN.password) },
    correspondant: { id: ids.correspondant.id, session: await login('cora', PASSWORDS.correspondant) },
    secretaire: { id: ids.secretaire.id, session: await login('sam', PASSWORDS.secretaire) },
    referentA: { id: ids.referentA.id, session: await login('remi', PASSWORDS.referentA) },
    referentB: { id: ids.referentB.id, session: await login('berthe', PASSWORDS.referentB) },
  };
}

/**
 * A server (issue 14): the workspace and its staff are created on a desk, then the same folder is opened in server
 * mode with the database key (as the service slot gives it), and everyone logs in again.
 */
export async function startServerHarness(options: Omit<HarnessOptions, 'mode' | 'databaseKey' | 'dataDir'> = {}): Promise<{ h: Harness; staff: Staff; key: Buffer }> {
  const desk = await startHarness(options);
  const ids = await setupWithStaff(desk);
  const key = await unwrapKey(path.join(desk.dataDir, KEY_FILE_NAME), ADMIN.login, ADMIN.password);
  if (!key) throw new Error('clé de la base introuvable');
  await desk.app.close();
  const h = await startHarness({ ...options, dataDir: desk.dataDir, mode: 'server', databaseKey: key });
  return { h, staff: await loginStaff(h, ids), key };
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
