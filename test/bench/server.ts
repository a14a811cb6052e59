/**
 * `npm run bench:server`: the MDS server under load (issue 14 §5). 50 users, each with their own session (bearer,
 * `x-parcours-client: desktop`), on 50,000 foyers, against the REAL server process over TLS on 127.0.0.1:
 * 60 % searches, 25 % dossier reads, 10 % writes (a rendez-vous planned), 5 % PDFs (a convocation rendered) —
 * autocannon, one connection per user, for BENCH_SERVER_SECONDS (30 s by default); then it stops by itself.
 * Prints p50/p95/p99 per category, errors, throughput and the server's peak memory (VmHWM), as Markdown.
 *
 * The data folder (50,000 foyers, 50 référents, the service key slot) is built once and kept in
 * test-output/bench/server-50k/ (delete it to rebuild): the demo's MDS and staff through the API, then the foyers
 * of the dossiers bench's fixture written in bulk, and the échéancier computed.
 * `rejectUnauthorized: false` is for this bench only: 127.0.0.1, the server's own self-signed certificate.
 */
import autocannon from 'autocannon';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../../db';
import { DATABASE_FILE_NAME, KEY_FILE_NAME, unwrapKey } from '../../db/keyslots';
import { createApp } from '../../main/app';
import { DEMO_PASSWORD, seedDemo } from '../../main/demo/seed';
import { appVersion, migrationsFolder, repoRoot } from '../../main/host/cli-kit';
import { postApi, startServerProcess, type ServerProcess } from '../server-process';
import { enrolServiceSlot } from '../../main/server/service-key';
import { ensureDueItemsDay } from '../../main/services/desk/due';
import { addDaysIso, toIso } from '../../shared/domain/rules/dates';
import { CLIENT_HEADER, HTTP_API_PATH, type ApiResponse } from '../../shared/api/transport';
import { fixture } from './dossiers.bench';
import { stats, type Stats } from './stats';

const USERS = 50;
const FOYERS = Number(process.env.BENCH_FOYERS ?? 50_000);
const SECONDS = Math.min(Number(process.env.BENCH_SERVER_SECONDS ?? 30), 120);
/** Paced phase: requests per second of each user (a référent typing a search sends one per keystroke or so). */
const RATE = Number(process.env.BENCH_SERVER_RATE ?? 2);
const DATA_DIR = path.join(repoRoot, 'test-output', 'bench', FOYERS === 50_000 ? 'server-50k' : `server-${FOYERS}`);
const MARKER = path.join(DATA_DIR, 'bench.json');
const PASSPHRASE = 'banc-essai-serveur-parcours-rsa-127.0.0.1';
const BUILD_FORMAT = 1;

type Category = 'recherche' | 'ouverture' | 'écriture' | 'pdf';
/** BENCH_SERVER_PDF=0: the same load without PDFs (their 5 % go to searches), to see what the PDFs cost the others. */
const WITH_PDF = process.env.BENCH_SERVER_PDF !== '0';
const MIX: readonly [Category, number][] = [
  ['recherche', WITH_PDF ? 0.6 : 0.65],
  ['ouverture', 0.25],
  ['écriture', 0.1],
  ['pdf', WITH_PDF ? 0.05 : 0],
];
const TARGETS: Record<Category, number | null> = { recherche: 50, ouverture: 50, écriture: 100, pdf: null };

interface BenchUser {
  login: string;
  personIds: number[];
  /** Search texts typed by this user (prefixes of their dossiers' names, CAF numbers). */
  queries: string[];
}
interface Built {
  format: number;
  foyers: number;
  users: BenchUser[];
}

/** Builds (once) the server's data folder; returns the bench users and their dossiers. */
async function buildDataFolder(): Promise<Built> {
  if (existsSync(MARKER)) {
    const built = JSON.parse(readFileSync(MARKER, 'utf8')) as Built;
    if (built.format === BUILD_FORMAT && built.foyers === FOYERS) return built;
  }
  rmSync(DATA_DIR, { recursive: true, force: true });
  mkdirSync(DATA_DIR, { recursive: true, mode: 0o700 });
  const t0 = performance.now();
  process.stderr.write(`Construction du dossier de données du banc (${FOYERS} foyers) dans ${DATA_DIR}…\n`);

  // 1. The demo MDS, its staff and referentials, through the API; then référents up to 50.
  const app = createApp({ dataDir: DATA_DIR, migrationsFolder, appVersion: await appVersion(), automaticBackups: false });
  const logins: string[] = [];
  try {
    const demo = await seedDemo(app, { foyers: 0 });
    logins.push(...demo.accounts.filter((a) => a.role === 'referent').map((a) => a.login));
    const admin = await call<{ session: string }>(app, 'auth.login', { login: 'admin', password: DEMO_PASSWORD });
    for (let i = logins.length + 1; i <= USERS; i += 1) {
      const login = `referent-banc${i}`;
      await call(app, 'users.create', { login, displayName: `Référent Banc ${i}`, role: 'referent', structure: 'MDS de l’Arrageois', password: DEMO_PASSWORD }, admin.session);
      logins.push(login);
    }
    await call(app, 'auth.logout', {}, admin.session);
  } finally {
    await app.close();
  }

  // 2. The service slot (what `npm run server:enrol` does).
  const key = await unwrapKey(path.join(DATA_DIR, KEY_FILE_NAME), 'admin', DEMO_PASSWORD);
  if (!key) throw new Error('Banc : la clé de l’administrateur de démonstration ne s’ouvre pas.');
  await enrolServiceSlot(DATA_DIR, PASSPHRASE, key);

  // 3. The foyers, in bulk (the dossiers bench's fixture), shared among the 50 référents; the échéancier.
  const users: BenchUser[] = [];
  const opened = openDatabase({ file: path.join(DATA_DIR, DATABASE_FILE_NAME), key, create: false });
  key.fill(0);
  try {
    const { sqlite } = opened;
    const mdsId = sqlite.prepare('SELECT id FROM mds ORDER BY id LIMIT 1').pluck().get() as number;
    const userIds = logins.map((login) => sqlite.prepare('SELECT id FROM users WHERE login = ?').pluck().get(login) as number);
    const at = new Date().toISOString();
    const { rows } = fixture();
    const byUser = logins.map((login) => ({ login, personIds: [] as number[], queries: [] as string[] }));
    sqlite.transaction(() => {
      const foyer = sqlite.prepare(`INSERT INTO foyers (caf_number, situation_familiale, address_line1, postal_code, city, mds_id, version, created_at, updated_at)
        VALUES (?, 'celibataire', '1 rue Haute', '62000', ?, ?, 0, ?, ?)`);
      const person = sqlite.prepare(`INSERT INTO persons (foyer_id, role_in_foyer, nom_patronymique, nom_usage, prenoms, sexe, date_naissance, pe_number, referent_id, version, created_at, updated_at)
        VALUES (?, ?, ?, ?, ?, ?, '1980-01-01', ?, ?, 0, ?, ?)`);
      rows.forEach((r, i) => {
        const u = i % USERS;
        const foyerId = foyer.run(r.caf, r.city, mdsId, at, at).lastInsertRowid;
        for (const p of r.persons) {
          const personId = Number(person.run(foyerId, p.role, p.nom, p.usage, p.prenom, p.sexe, p.pe, userIds[u], at, at).lastInsertRowid);
          const mine = byUser[u]!;
          if (mine.personIds.length < 200) mine.personIds.push(personId);
          if (mine.queries.length < 40) {
            const nom = p.nom.toLowerCase();
            mine.queries.push(nom.slice(0, 3), nom.slice(0, 5), `${p.prenom.toLowerCase()} ${nom.slice(0, 4)}`, r.caf);
          }
        }
      });
    })();
    await ensureDueItemsDay(sqlite, toIso(new Date()), async (write) => sqlite.transaction(write)());
    users.push(...byUser);
  } finally {
    opened.sqlite.close();
  }
  const built: Built = { format: BUILD_FORMAT, foyers: FOYERS, users };
  writeFileSync(MARKER, JSON.stringify(built));
  process.stderr.write(`Dossier de données construit en ${((performance.now() - t0) / 1000).toFixed(0)} s.\n`);
  return built;
}

async function call<T = unknown>(app: { handle: (r: { method: string; input: unknown; session?: string }) => Promise<ApiResponse> }, method: string, input: unknown, session?: string): Promise<T> {
  const response = await app.handle({ method, input, ...(session ? { session } : {}) });
  if (!response.ok) throw new Error(`${method} : ${response.error.message}`);
  return response.value as T;
}

/** The real server process on a free port of 127.0.0.1, self-signed, logging to `logFile`. */
function startServer(logFile: string): Promise<ServerProcess> {
  // BENCH_SERVER_PROF=DIR: the server's CPU profile (node --cpu-prof), written when it stops, to see what a miss costs.
  const prof = process.env.BENCH_SERVER_PROF ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(process.env.BENCH_SERVER_PROF)}`] : [];
  return startServerProcess({
    args: ['--data-dir', DATA_DIR, '--listen', '127.0.0.1:0', '--tls-self-signed', '--log-file', logFile],
    passphrase: PASSPHRASE,
    nodeArgs: prof,
    env: { NODE_ENV: 'production' },
    timeoutMs: 180_000,
  });
}

/** One API call (bearer), trusting the bench's own self-signed server on 127.0.0.1. */
const post = <T>(url: URL, method: string, input: unknown, token?: string) => postApi<T>(url.toString(), { rejectUnauthorized: false }, method, input, token);

function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const PLACES = ['MDS de l’Arrageois, bureau 2', 'CCAS de Valmont-sur-Scarpe', 'Permanence de Beaurains'];

/** What one user's connection sends next: a category and its API envelope. */
function makeRequestMaker(user: BenchUser, appointmentId: number, index: number) {
  const random = lcg(1000 + index);
  const pick = <T,>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const today = toIso(new Date());
  return (): { category: Category; method: string; input: unknown } => {
    const r = random();
    let acc = 0;
    const category = MIX.find(([, share]) => (acc += share) > r)?.[0] ?? 'recherche';
    switch (category) {
      case 'recherche':
        return { category, method: 'dossiers.search', input: { query: pick(user.queries), limit: 20 } };
      case 'ouverture': {
        const personId = pick(user.personIds);
        const method = pick(['dossiers.get', 'dossiers.get', 'appointments.listForDossier', 'documents.list'] as const);
        return { category, method, input: { personId } };
      }
      case 'écriture':
        return {
          category,
          method: 'appointments.plan',
          input: {
            personId: pick(user.personIds),
            date: addDaysIso(today, 7 + Math.floor(random() * 60)),
            time: pick(['09:00', '10:30', '14:00', '15:30']),
            place: pick(PLACES),
            object: 'Entretien de suivi du contrat',
            withConvocation: false,
          },
        };
      case 'pdf':
        return { category, method: 'documents.generate', input: { kind: 'convocation', sourceId: appointmentId, final: false } };
    }
  };
}

interface Sample {
  category: Category;
  ms: number;
  ok: boolean;
}

/** One user's connection for `seconds`: autocannon with one connection and its own bearer. */
function runUser(url: URL, token: string, next: ReturnType<typeof makeRequestMaker>, seconds: number, rate: number | undefined, samples: Sample[], errors: string[]) {
  let current: { category: Category; sentAt: number } | undefined;
  let first = true;
  return new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: new URL(HTTP_API_PATH, url).toString(),
        connections: 1,
        pipelining: 1,
        duration: seconds,
        ...(rate ? { connectionRate: rate } : {}),
        timeout: 30,
        method: 'POST',
        headers: { 'content-type': 'application/json', [CLIENT_HEADER]: 'desktop', authorization: `Bearer ${token}` },
        requests: [
          {
            setupRequest: (req) => {
              const { category, method, input } = next();
              current = { category, sentAt: performance.now() };
              return { ...req, body: JSON.stringify({ method, input }) };
            },
            onResponse: (status, body) => {
              if (!current) return;
              const elapsed = performance.now() - current.sentAt;
              let ok = status === 200;
              if (ok) {
                try {
                  ok = (JSON.parse(body) as ApiResponse).ok;
                  if (!ok && errors.length < 20) errors.push(`${current.category} : ${(JSON.parse(body) as { error: { message: string } }).error.message}`);
                } catch {
                  ok = false;
                }
              } else if (errors.length < 20) errors.push(`${current.category} : HTTP ${status}`);
              // The first request was built before the start: its time is not a latency.
              if (!first) samples.push({ category: current.category, ms: elapsed, ok });
              first = false;
            },
          },
        ],
      },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
    instance.on('error', reject);
  });
}

const f1 = (n: number) => n.toFixed(1);
const mib = (kb: number) => `${(kb / 1024).toFixed(0)} Mio`;

function peakRssKb(pid: number): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) : NaN;
}

export async function runServerBench(): Promise<string> {
  const built = await buildDataFolder();
  const logFile = path.join(DATA_DIR, 'server.log');
  rmSync(logFile, { force: true });
  const started = await startServer(logFile);
  const server = { ...started, url: new URL(started.url) };
  try {
    const rssAtStart = peakRssKb(server.child.pid!);
    // 50 users sign in; each has a rendez-vous whose convocation the PDF requests render.
    const tokens: string[] = [];
    const appointments: number[] = [];
    const today = toIso(new Date());
    for (const user of built.users) {
      const { session } = await post<{ session: string }>(server.url, 'auth.login', { login: user.login, password: DEMO_PASSWORD });
      tokens.push(session);
      const planned = await post<{ id: number }>(
        server.url,
        'appointments.plan',
        { personId: user.personIds[0], date: addDaysIso(today, 5), time: '09:00', place: PLACES[0], object: 'Premier rendez-vous', withConvocation: true },
        session,
      );
      appointments.push(planned.id);
    }
    // Warm-up: every kind of request once per user (the échéancier of the day, statements, the PDF workers).
    await Promise.all(
      built.users.map(async (user, i) => {
        const next = makeRequestMaker(user, appointments[i]!, 10_000 + i);
        for (let k = 0; k < 8; k += 1) {
          const { method, input } = next();
          await post(server.url, method, input, tokens[i]).catch(() => undefined);
        }
      }),
    );

    const phase = async (title: string, seconds: number, rate: number | undefined, lines: string[]) => {
      const samples: Sample[] = [];
      const errors: string[] = [];
      const t0 = performance.now();
      const results = await Promise.all(
        built.users.map(async (user, i) => {
          // Paced users start spread over one period: 50 people do not click at the same instant.
          if (rate) await new Promise((resolve) => setTimeout(resolve, (i / USERS) * (1000 / rate)));
          return runUser(server.url, tokens[i]!, makeRequestMaker(user, appointments[i]!, i + (rate ? 0 : 500)), seconds, rate, samples, errors);
        }),
      );
      const elapsed = (performance.now() - t0) / 1000;
      const transportErrors = results.reduce((n, r) => n + r.errors + r.timeouts, 0);
      const non2xx = results.reduce((n, r) => n + r.non2xx, 0);
      lines.push(`### ${title}`, '');
      lines.push('| Catégorie (part) | Requêtes | p50 | p95 | p99 | max | Erreurs | Cible p95 | Tenue |');
      lines.push('|---|---|---|---|---|---|---|---|---|');
      for (const [category, share] of MIX) {
        const mine = samples.filter((s) => s.category === category);
        const st: Stats = stats(mine.map((s) => s.ms));
        const failed = mine.filter((s) => !s.ok).length;
        const target = TARGETS[category];
        lines.push(
          `| ${category} (${Math.round(share * 100)} %) | ${mine.length} | ${f1(st.median)} ms | ${f1(st.p95)} ms | ${f1(st.p99)} ms | ${f1(st.max)} ms | ${failed} | ${target === null ? '—' : `< ${target} ms`} | ${target === null ? '—' : st.p95 < target ? 'oui' : '**non**'} |`,
        );
      }
      const failedTotal = samples.filter((s) => !s.ok).length;
      lines.push('');
      lines.push(`Débit : ${(samples.length / elapsed).toFixed(0)} requêtes/s (${samples.length} requêtes mesurées en ${elapsed.toFixed(1)} s). Erreurs : ${failedTotal} réponses en échec, ${non2xx} hors 2xx, ${transportErrors} erreurs de connexion ou délais dépassés${errors.length ? ` (p. ex. ${errors.slice(0, 3).join(' ; ')})` : ''}.`);
      lines.push('');
    };

    const lines: string[] = [];
    lines.push(`Serveur réel (\`main/server/cli.ts\`, TLS auto-signé, 127.0.0.1), ${FOYERS.toLocaleString('fr-FR')} foyers, ${USERS} utilisateurs connectés (référents, une session et une connexion chacun)${WITH_PDF ? '' : ', SANS les PDF'} ; autocannon dans le même processus que le client ; machine : ${os.cpus().length} cœurs, Node ${process.version}.`);
    lines.push('');
    await phase(`Charge réaliste : ${RATE} requêtes/s par utilisateur (${RATE * USERS} requêtes/s en tout), ${SECONDS} s`, SECONDS, RATE, lines);
    await phase(`Saturation : chaque utilisateur renvoie dès la réponse (aucun temps de réflexion), ${Math.ceil(SECONDS / 2)} s`, Math.ceil(SECONDS / 2), undefined, lines);
    const peak = peakRssKb(server.child.pid!);
    lines.push(`Mémoire du processus serveur (VmHWM, travailleurs PDF compris) : ${mib(rssAtStart)} après le démarrage, pic ${mib(peak)}.`);
    return lines.join('\n');
  } finally {
    await server.stop();
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  console.log(await runServerBench());
}
