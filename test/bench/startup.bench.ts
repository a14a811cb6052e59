/**
 * Start-up and login (issue 16), on a workspace of 50,000 foyers:
 * - browser mode as users start it (`node --import tsx main/host/cli.ts`, what `npm run start:browser` runs once
 *   the interface is built), in Debian's Chromium driven by Playwright: from the process start to the login
 *   screen being usable, with the page's navigation timing and the script it loads;
 * - login, from the click on « Se connecter » to the desk (the « Bénéficiaires » page) being usable, with the
 *   API calls it makes; and, in this process, the login's steps: key derivation (scrypt), opening the encrypted
 *   database, the migration check, the read-only connection, the account.
 * Targets: login screen ≤ 1 s, login to desk ≤ 500 ms.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';
import Database from 'better-sqlite3-multiple-ciphers';
import { openDatabase } from '../../db';
import { DATABASE_FILE_NAME, KEY_FILE_NAME, unwrapKey } from '../../db/keyslots';
import { pendingMigrations } from '../../db/migrate';
import { findUserByLogin } from '../../db/queries';
import { createApp } from '../../main/app';
import { root } from '../../scripts/renderer-build.mjs';
import { fixture, seed } from './dossiers.bench';
import { machineLine, ms, stats, verdict, type Stats } from './stats';

const RUNS = Number(process.env.BENCH_STARTUP_RUNS ?? 5);
/** A user reads the login screen and types for longer than this before clicking (the desk is prefetched meanwhile). */
const USER_TYPING_MS = 2000;
const FOYERS = Number(process.env.BENCH_FOYERS ?? 50_000);
const ADMIN = { login: 'admin', password: 'banc-d-essai-mot-de-passe', displayName: 'Alice Admin', structure: 'Conseil départemental' };
const MIGRATIONS = path.join(root, 'db', 'migrations');
const RENDERER_DIR = path.join(root, 'test-output', 'bench', 'renderer');
/** Two folders below the root, as cli.ts expects (it finds the repository from its own place). */
const HOST_BUNDLE = path.join(root, 'test-output', 'host', 'cli.cjs');

type Mode = 'tsx' | 'bundle';
const MODE_LABELS: Record<Mode, string> = {
  tsx: 'mode navigateur, `npm run start:browser` (node --import tsx)',
  bundle: 'le même hôte en un fichier construit par esbuild comme le processus principal d’Electron (NODE_ENV=production)',
};

/** main/host/cli.ts bundled with the options of scripts/build-main.mjs (what the Electron build does to main). */
async function buildHost(): Promise<void> {
  const { build } = await import('esbuild');
  const { EXTERNAL } = await import('../../scripts/build-main.mjs');
  await build({
    entryPoints: [path.join(root, 'main', 'host', 'cli.ts')],
    outfile: HOST_BUNDLE,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node22',
    external: [...EXTERNAL],
    logLevel: 'error',
    absWorkingDir: root,
    define: { 'import.meta.url': '__bundleFileUrl', 'process.env.NODE_ENV': '"production"' },
    banner: { js: '"use strict";\nconst __bundleFileUrl = require("node:url").pathToFileURL(__filename).href;' },
  });
}

/** The interface built for the bench (its own folder: dist/renderer is left to the other users of the tree). */
async function buildRenderer(): Promise<void> {
  const { build } = await import('vite');
  await build({ configFile: path.join(root, 'vite.config.ts'), logLevel: 'error', build: { outDir: RENDERER_DIR, emptyOutDir: true, sourcemap: false } });
}

/** A workspace (key file, encrypted database, an administrator) holding `FOYERS` fictitious foyers. */
async function workspace(dir: string): Promise<void> {
  const app = createApp({ dataDir: dir, migrationsFolder: MIGRATIONS, appVersion: 'bench' });
  const created = await app.handle({
    method: 'setup.create',
    input: { mds: { name: 'MDS de l’Arrageois', territory: 'Arrageois', address: '10 rue de la Gare, 62000 Arras' }, admin: ADMIN },
  });
  await app.close();
  if (!created.ok) throw new Error(`Initialisation refusée : ${created.error.message}`);
  const key = await unwrapKey(path.join(dir, KEY_FILE_NAME), ADMIN.login, ADMIN.password);
  if (!key) throw new Error('Clé introuvable');
  const open = openDatabase({ file: path.join(dir, DATABASE_FILE_NAME), key, migrationsFolder: MIGRATIONS, create: false });
  try {
    seed(open.sqlite, fixture().rows);
    open.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    open.close();
  }
}

interface Host {
  child: ChildProcess;
  url: Promise<string>;
}

function startHost(dir: string, mode: Mode): Host {
  const entry = mode === 'tsx' ? ['--import', 'tsx', 'main/host/cli.ts'] : [HOST_BUNDLE];
  const child = spawn(process.execPath, [...entry, '--data-dir', dir, '--port', '0', '--renderer-dir', RENDERER_DIR], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env },
  });
  let output = '';
  const url = new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /PARCOURS_URL=(\S+)/.exec(output);
      if (match?.[1]) resolve(match[1]);
    });
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', (code) => reject(new Error(`Hôte arrêté (code ${code}) :\n${output}`)));
  });
  return { child, url };
}

function stopHost(host: Host): Promise<void> {
  return new Promise((resolve) => {
    if (host.child.exitCode !== null) return resolve();
    host.child.once('exit', () => resolve());
    host.child.kill('SIGTERM');
  });
}

interface Run {
  /** Process start → URL printed (the host listens). */
  listening: number;
  /** Process start → login form visible and usable. */
  loginScreen: number;
  /** Navigation start → DOMContentLoaded, load, login form usable. */
  domContentLoaded: number;
  load: number;
  loginFromNavigation: number;
  /** Script (decoded bytes) loaded before the login form, and after the login (the desk's chunks). */
  firstScript: number;
  deskScript: number;
  /** Click on « Se connecter » → the desk usable, seen by Playwright (its polling included). */
  loginToDesk: number;
  /** The same, in the page's clock: the click's pointerdown → the first frame where the heading and search box are there. */
  loginToDeskInPage: number;
  /** The API calls between the click and the desk: method → duration (ms). */
  calls: [string, number][];
  /** The page's main-thread CPU profile from the click to the desk: self time (ms) by script and function. */
  profile: [string, number][];
}

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  samples: number[];
  timeDeltas: number[];
}

/** Self time by « script: function » (the page's own chunks, file name only), heaviest first; idle and GC named. */
function selfTimes(profile: CpuProfile): [string, number][] {
  const byNode = new Map(profile.nodes.map((n) => [n.id, n]));
  const totals = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const frame = byNode.get(id)!.callFrame;
    const script = frame.url ? frame.url.split('/').pop()!.replace(/-[\w-]{8}\.js$/, '.js') : '';
    const key = script ? `${script}: ${frame.functionName || '(anonyme)'}` : frame.functionName || '(programme)';
    totals.set(key, (totals.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  return [...totals].sort((a, b) => b[1] - a[1]);
}

const scriptBytes = (page: Page, since = 0) =>
  page.evaluate(
    (from) =>
      (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
        .filter((r) => r.startTime >= from && /\.m?js(\?|$)/.test(r.name))
        .reduce((sum, r) => sum + r.decodedBodySize, 0),
    since,
  );

async function coldStart(browser: Browser, dir: string, mode: Mode): Promise<Run> {
  const context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 720 } });
  const page = await context.newPage();
  const started = performance.now();
  const host = startHost(dir, mode);
  try {
    const url = await host.url;
    const listening = performance.now() - started;
    await page.goto(url);
    const login = page.getByLabel('Identifiant', { exact: true });
    await login.waitFor({ state: 'visible' });
    if (!(await login.isEnabled())) await page.waitForFunction(() => !document.querySelector('input[disabled]'));
    const loginScreen = performance.now() - started;
    const nav = await page.evaluate(() => {
      const entry = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
      return { domContentLoaded: entry.domContentLoadedEventEnd, load: entry.loadEventEnd, now: performance.now() };
    });
    const firstScript = await scriptBytes(page);

    await page.waitForTimeout(USER_TYPING_MS);
    await login.fill(ADMIN.login);
    await page.getByLabel('Mot de passe', { exact: true }).fill(ADMIN.password);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
    const calls: [string, number][] = [];
    const pending = new Map<unknown, { method: string; at: number }>();
    page.on('request', (request) => {
      if (request.url().endsWith('/api')) pending.set(request, { method: (JSON.parse(request.postData() ?? '{}') as { method?: string }).method ?? '?', at: performance.now() });
    });
    page.on('requestfinished', (request) => {
      const seen = pending.get(request);
      if (seen) calls.push([seen.method, performance.now() - seen.at]);
    });
    // In the page: the click's time, and the first animation frame that shows the desk (no polling delay).
    // (A string: tsx names the functions of a callback with a helper the page does not have.)
    await page.evaluate(`(() => {
      const marks = (window.__desk = {});
      document.addEventListener('pointerdown', () => { marks.click ??= performance.now(); }, { capture: true, once: true });
      const watch = () => {
        const heading = [...document.querySelectorAll('h1')].some((h) => h.textContent === 'Bénéficiaires');
        if (heading && document.querySelector('input[type="search"]')) marks.desk = performance.now();
        else requestAnimationFrame(watch);
      };
      requestAnimationFrame(watch);
    })()`);
    const pageClock = await page.evaluate(() => performance.now());
    const clicked = performance.now();
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByRole('heading', { level: 1, name: 'Bénéficiaires' }).waitFor({ state: 'visible' });
    await page.getByRole('searchbox').waitFor({ state: 'visible' });
    const loginToDesk = performance.now() - clicked;
    const loginToDeskInPage = await page.evaluate(() => {
      const m = (window as unknown as { __desk: { click?: number; desk?: number } }).__desk;
      return (m.desk ?? NaN) - (m.click ?? NaN);
    });
    const { profile } = (await cdp.send('Profiler.stop')) as { profile: CpuProfile };
    const deskScript = await scriptBytes(page, pageClock);
    return {
      listening,
      loginScreen,
      domContentLoaded: nav.domContentLoaded,
      load: nav.load,
      loginFromNavigation: nav.now,
      firstScript,
      deskScript,
      loginToDesk,
      loginToDeskInPage,
      calls,
      profile: selfTimes(profile),
    };
  } finally {
    await context.close();
    await stopHost(host);
  }
}

/** The login's steps, in this process, on the same workspace (each opening closed again). */
async function loginSteps(dir: string): Promise<Record<string, Stats>> {
  const samples: Record<string, number[]> = { scrypt: [], open: [], migrations: [], reader: [], account: [], login: [] };
  const keyPath = path.join(dir, KEY_FILE_NAME);
  const file = path.join(dir, DATABASE_FILE_NAME);
  for (let run = 0; run < RUNS; run += 1) {
    let t = performance.now();
    const key = (await unwrapKey(keyPath, ADMIN.login, ADMIN.password))!;
    samples.scrypt!.push(performance.now() - t);
    t = performance.now();
    const open = openDatabase({ file, key, migrationsFolder: MIGRATIONS, create: false });
    samples.open!.push(performance.now() - t);
    t = performance.now();
    pendingMigrations(open.sqlite, { migrationsFolder: MIGRATIONS });
    samples.migrations!.push(performance.now() - t);
    t = performance.now();
    const reader = new Database(file, { readonly: true, fileMustExist: true });
    reader.pragma("cipher = 'sqlcipher'");
    reader.pragma(`key = "x'${key.toString('hex')}'"`);
    reader.prepare('SELECT count(*) FROM sqlite_master').get();
    samples.reader!.push(performance.now() - t);
    t = performance.now();
    findUserByLogin(open.db, ADMIN.login);
    samples.account!.push(performance.now() - t);
    reader.close();
    open.close();
    // The whole call, through the API of a fresh app (database closed).
    const app = createApp({ dataDir: dir, migrationsFolder: MIGRATIONS, appVersion: 'bench' });
    t = performance.now();
    const answer = await app.handle({ method: 'auth.login', input: { login: ADMIN.login, password: ADMIN.password } });
    samples.login!.push(performance.now() - t);
    await app.close();
    if (!answer.ok) throw new Error(`Connexion refusée : ${answer.error.message}`);
  }
  return Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, stats(v)]));
}

const kio = (bytes: number) => `${(bytes / 1024).toFixed(0)} Kio`;

function table(runs: Run[], mode: Mode): string[] {
  const s = (pick: (r: Run) => number) => stats(runs.map(pick));
  const line = (label: string, v: Stats, target = '') => `| ${label} | ${ms(v.median)} | ${ms(v.max)} | ${target} |`;
  const loginScreen = s((r) => r.loginScreen);
  const desk = s((r) => r.loginToDesk);
  const deskInPage = s((r) => r.loginToDeskInPage);
  const calls = new Map<string, number[]>();
  for (const r of runs) for (const [method, d] of r.calls) calls.set(method, [...(calls.get(method) ?? []), d]);
  return [
    `### ${MODE_LABELS[mode]}`,
    '',
    '| étape | médiane | max | cible |',
    '|---|---|---|---|',
    line('démarrage du processus → hôte à l’écoute (adresse affichée)', s((r) => r.listening)),
    line('démarrage du processus → écran de connexion utilisable', loginScreen, `≤ 1 s : ${verdict(loginScreen.median <= 1000)}`),
    line('  navigation → DOMContentLoaded', s((r) => r.domContentLoaded)),
    line('  navigation → load', s((r) => r.load)),
    line('  navigation → formulaire de connexion utilisable', s((r) => r.loginFromNavigation)),
    line('clic « Se connecter » → bureau (« Bénéficiaires ») utilisable, vu par Playwright', desk),
    line('  même mesure dans la page (pointerdown → première image qui montre le bureau)', deskInPage, `≤ 500 ms : ${verdict(deskInPage.median <= 500)}`),
    ...[...calls].map(([method, d]) => line(`  appel ${method} (vu du navigateur)`, stats(d))),
    '',
    `Script chargé avant l’écran de connexion : ${kio(s((r) => r.firstScript).median)} (décompressé) ; chargé ensuite pour le bureau : ${kio(s((r) => r.deskScript).median)}. L’utilisateur met ${USER_TYPING_MS / 1000} s à saisir ses identifiants (le bureau est préchargé pendant ce temps).`,
    '',
    ...profileTable(runs),
  ];
}

/** The page's CPU from the click to the desk, summed over the runs then divided by their number (ms per login). */
function profileTable(runs: Run[]): string[] {
  const totals = new Map<string, number>();
  for (const r of runs) for (const [key, v] of r.profile) totals.set(key, (totals.get(key) ?? 0) + v / runs.length);
  const all = [...totals.values()].reduce((a, b) => a + b, 0);
  const top = [...totals].sort((a, b) => b[1] - a[1]).slice(0, 12);
  return [
    `Profil du fil principal de la page, du clic au bureau (moyenne par connexion : ${ms(all)} échantillonnés, dont « (idle) » = attente) :`,
    '',
    '| script : fonction | temps propre |',
    '|---|---|',
    ...top.map(([key, v]) => `| ${key.replace(/\|/g, '\\|')} | ${ms(v)} |`),
    '',
  ];
}

export async function runStartupBench(): Promise<string> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'parcours-bench-startup-'));
  let browser: Browser | undefined;
  try {
    const prepared = performance.now();
    await buildRenderer();
    await buildHost();
    await workspace(dir);
    const preparation = (performance.now() - prepared) / 1000;
    const steps = await loginSteps(dir);
    browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--no-first-run'] });
    const tables: string[] = [];
    for (const mode of ['tsx', 'bundle'] as const) {
      await coldStart(browser, dir, mode); // warm-up: the system's file cache, tsx's transform cache
      const runs: Run[] = [];
      for (let i = 0; i < RUNS; i += 1) runs.push(await coldStart(browser, dir, mode));
      tables.push(...table(runs, mode));
    }
    const step = (label: string, v: Stats) => `| ${label} | ${ms(v.median)} | ${ms(v.max)} |`;
    return [
      machineLine(),
      `Espace de travail : ${FOYERS.toLocaleString('fr-FR')} foyers, chiffré (préparé en ${preparation.toFixed(1)} s, constructions comprises) ; ${RUNS} démarrages à froid de l’hôte par mode après 1 de mise en route ; Chromium ${browser.version()} piloté par Playwright (nouveau contexte à chaque fois : rien en cache).`,
      '',
      ...tables,
      '### La connexion pas à pas (dans ce processus, base fermée au départ)',
      '',
      '| étape | médiane | max |',
      '|---|---|---|',
      step('appel auth.login complet (application neuve)', steps.login!),
      step('  dérivation de la clé (scrypt N=2^15, r=8)', steps.scrypt!),
      step('  ouverture de la base chiffrée (clé, page 1, pragmas, migrations)', steps.open!),
      step('  dont vérification des migrations (seule)', steps.migrations!),
      step('  connexion en lecture seule', steps.reader!),
      step('  lecture du compte', steps.account!),
    ].join('\n');
  } finally {
    await browser?.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
