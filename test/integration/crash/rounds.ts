/**
 * The crash proof's rounds (issue 13 §5), shared by the short test (crash.test.ts, in `npm test`) and the long
 * script (`npm run proof:crash`, test/crash/proof.ts). A round: start the writer (writer.ts) on the work folder, let
 * it write, SIGKILL it, then check the folder (check.ts). The next round restarts the app on the same folder; after
 * the last, `restartAndUse` starts the app in this process, logs in, reads and writes (a backup included).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApp } from '../../../main/app';
import { DEFAULT_FOLDER_NAME } from '../../../main/services/backup/settings';
import type { MethodInput, MethodName, MethodOutput } from '../../../shared/api/contract';
import { checkCrashFolder, readAcks, type CrashCheck } from './check';
import { CRASH_ADMIN, CRASH_BASE_MS, isAcknowledgedCall, READY_LINE, REFUSED_PREFIX, workFiles, type Ack } from './world';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const WRITER = fileURLToPath(new URL('./writer.ts', import.meta.url));
const TEMP_PREFIX = '.parcours-en-cours-';

export interface RoundOptions {
  /** The writer also makes backups, and the kill comes while one is being written. */
  withBackup?: boolean;
  /**
   * With a backup: the kill comes a random 0 to this many ms after its temporary folder appears (default 40: during
   * the copy; a backup takes 150–300 ms here, so a longer window also reaches its verification and rename, or misses).
   */
  backupKillWindowMs?: number;
  /** The burst must have reached this before the random wait starts (default: one write acknowledged in this round). */
  killWhen?: (acks: readonly Ack[], newSinceStart: number) => boolean;
}

export interface RoundResult {
  round: number;
  withBackup: boolean;
  /** Killed by our SIGKILL (not exited by itself). */
  killed: boolean;
  /** From the writer's first write to the kill. */
  burstMs: number;
  /** Calls acknowledged in this round. */
  newAcks: number;
  /** Calls the app refused (the writer's inputs are wrong: the round proves nothing). */
  refusals: string[];
  check: CrashCheck;
  /** The round's duration, start of the writer to the end of the check. */
  ms: number;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const randomBetween = (min: number, max: number) => min + Math.random() * (max - min);

async function until(what: string, test: () => boolean, timeoutMs: number, everyMs = 20): Promise<void> {
  const limit = Date.now() + timeoutMs;
  while (!test()) {
    if (Date.now() > limit) throw new Error(`Délai dépassé : ${what}`);
    await sleep(everyMs);
  }
}

export class CrashProof {
  readonly workDir: string;
  private round = 0;
  private readonly started = Date.now();
  private readonly verifiedBackups = new Set<string>();

  constructor(workDir?: string) {
    this.workDir = workDir ?? mkdtempSync(path.join(os.tmpdir(), 'parcours-crash-'));
    mkdirSync(workFiles(this.workDir).dataDir, { recursive: true });
  }

  /** The app's clock: one day, moving on across rounds. */
  private clockMs(): number {
    return CRASH_BASE_MS + (Date.now() - this.started);
  }

  private get backupRoot(): string {
    return path.join(workFiles(this.workDir).dataDir, DEFAULT_FOLDER_NAME);
  }

  private temporaryBackups(): string[] {
    return existsSync(this.backupRoot) ? readdirSync(this.backupRoot).filter((n) => n.startsWith(TEMP_PREFIX) && !n.startsWith(`${TEMP_PREFIX}test-`)) : [];
  }

  async run(options: RoundOptions = {}): Promise<RoundResult> {
    const round = ++this.round;
    const withBackup = options.withBackup ?? false;
    const t0 = Date.now();
    const files = workFiles(this.workDir);
    const acknowledged = () => readAcks(files.ackLog).filter(isAcknowledgedCall);
    const acksBefore = acknowledged().length;
    const child = spawn(process.execPath, ['--import', 'tsx', WRITER, this.workDir], {
      cwd: ROOT,
      env: { ...process.env, CRASH_ROUND: String(round), CRASH_BACKUPS: withBackup ? '1' : '0', CRASH_BASE_MS: String(this.clockMs()) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const output: string[] = [];
    let errors = '';
    let buffered = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      buffered += chunk;
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      output.push(...lines);
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      errors += chunk;
    });
    let exited: { code: number | null; signal: NodeJS.Signals | null } | null = null;
    const exit = new Promise<void>((resolve) => child.once('exit', (code, signal) => resolve(void (exited = { code, signal }))));
    const alive = () => exited === null;
    let burstStart: number;
    try {
      await until('le rédacteur n’a pas démarré', () => output.includes(READY_LINE) || !alive(), 120_000);
      const killWhen = options.killWhen ?? ((_acks: readonly Ack[], fresh: number) => fresh > 0);
      await until(
        'aucune écriture acquittée',
        () => {
          const acks = acknowledged();
          return !alive() || killWhen(acks, acks.length - acksBefore);
        },
        90_000,
        50,
      );
      burstStart = Date.now();
      await sleep(randomBetween(500, 2000));
      if (withBackup) {
        // Kill while a backup is being written: its temporary folder exists (copy, verification or rename).
        const seen = new Set(this.temporaryBackups());
        await until('aucune sauvegarde commencée', () => !alive() || this.temporaryBackups().some((n) => !seen.has(n)), 90_000, 5);
        await sleep(randomBetween(0, options.backupKillWindowMs ?? 40));
      }
    } finally {
      if (alive()) child.kill('SIGKILL');
      await exit;
    }
    const burstMs = Date.now() - burstStart;
    const refusals = output.filter((l) => l.startsWith(REFUSED_PREFIX));
    const outcome = exited as { code: number | null; signal: NodeJS.Signals | null } | null;
    const killed = outcome?.signal === 'SIGKILL';
    if (!killed && errors) refusals.push(`${REFUSED_PREFIX}sortie d’erreur : ${errors.slice(0, 2000)}`);
    const check = await checkCrashFolder(this.workDir, this.verifiedBackups);
    const newAcks = acknowledged().length - acksBefore;
    return { round, withBackup, killed, burstMs, newAcks, refusals, check, ms: Date.now() - t0 };
  }

  /**
   * After the last kill: the app restarts on the folder, the administrator logs in, opens the last dossier written
   * and its journal, writes a dossier and makes a backup. Returns what failed (empty: all good).
   */
  async restartAndUse(): Promise<string[]> {
    const files = workFiles(this.workDir);
    const app = createApp({ dataDir: files.dataDir, now: () => new Date(this.clockMs()), appVersion: '9.9.9-crash' });
    const failures: string[] = [];
    const call = async <M extends MethodName>(method: M, input: MethodInput<M>, session?: string): Promise<MethodOutput<M> | null> => {
      const response = await app.handle({ method, input, session });
      if (!response.ok) failures.push(`${method} : ${response.error.code} ${response.error.message}`);
      return response.ok ? (response.value as MethodOutput<M>) : null;
    };
    try {
      const login = await call('auth.login', { login: CRASH_ADMIN.login, password: CRASH_ADMIN.password });
      if (!login) return failures;
      const s = login.session;
      const lastPerson = readAcks(files.ackLog).findLast((a) => a.kind === 'row' && a.table === 'persons');
      if (lastPerson?.kind === 'row') {
        await call('dossiers.get', { personId: lastPerson.id }, s);
        await call('audit.forDossier', { personId: lastPerson.id }, s);
      }
      await call('dossiers.search', { query: 'DURAND', limit: 5 }, s);
      await call(
        'dossiers.create',
        {
          foyer: { cafNumber: '9999999', situationFamiliale: 'celibataire', address: { line1: '1 place du Théâtre', postalCode: '62000', city: 'Arras' }, enfants: [] },
          person: { nomPatronymique: 'APRES', prenoms: 'Redémarrage', sexe: 'M', dateNaissance: '1990-01-01' },
        },
        s,
      );
      await call('backups.create', {}, s);
    } finally {
      await app.close();
    }
    return failures;
  }

  /** Checks the folder once more (after `restartAndUse`, for instance). */
  check(): Promise<CrashCheck> {
    return checkCrashFolder(this.workDir, this.verifiedBackups);
  }

  dispose(): void {
    rmSync(this.workDir, { recursive: true, force: true });
  }
}

/** Totals of a run, for the report. */
export function summarise(results: readonly RoundResult[]) {
  const last = results.at(-1)?.check;
  return {
    kills: results.filter((r) => r.killed).length,
    killsDuringBackup: results.filter((r) => r.withBackup && r.check.killedDuringBackup).length,
    acknowledged: results.reduce((n, r) => n + r.newAcks, 0),
    lost: results.reduce((n, r) => n + r.check.lost, 0),
    problems: results.reduce((n, r) => n + r.check.problems.length, 0),
    refusals: results.reduce((n, r) => n + r.refusals.length, 0),
    acked: last?.acked ?? {},
    backups: last?.backups ?? { complete: 0, temporary: 0 },
    seconds: results.reduce((n, r) => n + r.ms, 0) / 1000,
  };
}
