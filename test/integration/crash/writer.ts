/**
 * The crash writer: a child process started by the crash proof (rounds.ts), killed with SIGKILL in the middle of its
 * writes. `node --import tsx test/integration/crash/writer.ts WORK_DIR`
 *
 * It starts the real app (`createApp`, as the hosts do) on WORK_DIR/donnees — set up on the first round (accounts,
 * organisme, référents; ids kept in monde.json), reused afterwards — logs every account in, loads the PDF engine,
 * prints READY_LINE, then writes in parallel through `app.handle` until killed: one worker per référent (a dossier
 * created, a fiche de liaison with a PDF attachment, the dossier updated, DSP, orientation, EDE, a contract created,
 * signed and archived as PDF, a draft), and the administrator's (a dossier, its DSP archived as PDF, a draft, and with
 * CRASH_BACKUPS=1 a backup).
 *
 * After each answer `ok`, one line goes to the ack log (world.ts `Ack`) with `writeSync` then `fsyncSync`, before the
 * worker's next call: a line in the log is a write the app acknowledged. Only the order matters to the proof: a line
 * written before the answer would name a write the kill may have rolled back, and the check (check.ts) would report
 * it lost — which is how the check would catch an app acknowledging before its COMMIT. A buffered stream would only
 * forget lines (weakening the proof without failing it), hence the synchronous write; the fsync keeps the log through
 * a crash of the machine itself, which a SIGKILL is not.
 *
 * Env: CRASH_BASE_MS (the app's clock at the start of this process), CRASH_ROUND (makes CAF numbers unique),
 * CRASH_BACKUPS=1 (backups during the burst).
 */
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import { createApp } from '../../../main/app';
import { preloadDocuments } from '../../../main/services/documents';
import type { MethodInput, MethodName, MethodOutput } from '../../../shared/api/contract';
import type { DossierCreateInput } from '../../../shared/api/dossier';
import { DEFAULT_EDE_GRID } from '../../../shared/domain/referentials/ede-grid';
import { CRASH_ADMIN, CRASH_BASE_MS, CRASH_DAY, CRASH_STAFF, READY_LINE, REFUSED_PREFIX, workFiles, type Ack, type CrashWorld } from './world';

const workDir = process.argv[2];
if (!workDir) throw new Error('usage : writer.ts DOSSIER_DE_TRAVAIL');
const files = workFiles(workDir);
const round = Number(process.env.CRASH_ROUND ?? 0);
const withBackups = process.env.CRASH_BACKUPS === '1';
const base = Number(process.env.CRASH_BASE_MS ?? CRASH_BASE_MS);
const started = Date.now();

const app = createApp({ dataDir: files.dataDir, now: () => new Date(base + (Date.now() - started)), appVersion: '9.9.9-crash' });

const ackFd = openSync(files.ackLog, 'a');
function ack(entry: Ack): void {
  writeSync(ackFd, `${JSON.stringify(entry)}\n`);
  fsyncSync(ackFd);
}

async function call<M extends MethodName>(method: M, input: MethodInput<M>, session?: string): Promise<MethodOutput<M>> {
  const t0 = Date.now();
  const response = await app.handle({ method, input, session });
  if (process.env.CRASH_TRACE) console.log(`${method} ${Date.now() - t0} ms`);
  if (!response.ok) {
    console.log(`${REFUSED_PREFIX}${method} : ${JSON.stringify(response.error)}`);
    throw new Error(`${method} refusé`);
  }
  return response.value as MethodOutput<M>;
}

const ackCreated = (method: string, table: string, id: number, version?: number) =>
  ack({ kind: 'row', method, table, id, audit: 'create', ...(version === undefined ? {} : { version }) });
const ackUpdated = (method: string, table: string, id: number, version: number) => ack({ kind: 'row', method, table, id, audit: 'update', version });

// --- the world: set up once, then reused ---------------------------------------------------------------------------

async function prepare(): Promise<CrashWorld> {
  if (existsSync(files.world)) return JSON.parse(readFileSync(files.world, 'utf8')) as CrashWorld;
  await call('setup.create', {
    mds: { name: 'MDS de l’Arrageois', territory: 'Arrageois', address: '10 rue de la Gare, 62000 Arras' },
    admin: { login: CRASH_ADMIN.login, displayName: CRASH_ADMIN.displayName, structure: 'Conseil départemental', password: CRASH_ADMIN.password },
  });
  const admin = await call('auth.login', { login: CRASH_ADMIN.login, password: CRASH_ADMIN.password });
  const users: Record<string, number> = { [CRASH_ADMIN.login]: admin.user.id };
  for (const s of CRASH_STAFF) {
    users[s.login] = (await call('users.create', { login: s.login, displayName: s.displayName, role: s.role, structure: 'MDS de l’Arrageois', password: s.password }, admin.session)).id;
  }
  const organisme = await call('organismes.create', { name: 'MDS de l’Arrageois', type: 'solidarite' }, admin.session);
  const referentRows: Record<string, number> = {};
  for (const s of CRASH_STAFF.filter((x) => x.role === 'referent')) {
    referentRows[s.login] = (await call('referents.create', { organismeId: organisme.id, name: s.displayName, userId: users[s.login] }, admin.session)).id;
  }
  await call('auth.logout', {}, admin.session);
  const world: CrashWorld = { users, organismeId: organisme.id, referentRows };
  writeFileSync(files.world, JSON.stringify(world));
  return world;
}

// --- inputs --------------------------------------------------------------------------------------------------------

let caf = 0;
/** 7 digits, unique across rounds and workers: round (2), worker (1), counter (4). */
const nextCaf = (worker: number) => `${String(round % 100).padStart(2, '0')}${worker}${String(++caf % 10_000).padStart(4, '0')}`;

function dossierInput(worker: number, referentId: number | null, correspondantId: number): DossierCreateInput {
  return {
    foyer: {
      cafNumber: nextCaf(worker),
      rsaDepuis: '2024-05-01',
      situationFamiliale: 'celibataire',
      address: { line1: '3 rue des Lilas', postalCode: '62000', city: 'Arras' },
      enfants: [{ prenom: 'Léo', dateNaissance: '2019-06-15' }],
    },
    person: { nomPatronymique: 'DURAND', prenoms: 'Claire', sexe: 'F', dateNaissance: '1988-11-03', telephone: '03 21 00 00 00', referentId, correspondantId },
  };
}

const paliers = Object.fromEntries(DEFAULT_EDE_GRID.data.items.map((item, i) => [item.key, (i % 6) + 1]));
/** A PDF of about 96 KB (the attachments are BLOBs in the database: heavier writes). */
const attachment = Buffer.concat([Buffer.from('%PDF-1.4\n% piece jointe\n', 'latin1'), Buffer.alloc(96 * 1024, 0x20), Buffer.from('\n%%EOF\n', 'latin1')]).toString('base64');

/**
 * The drafts' numbers grow across rounds (the round's million, then a counter): a later round saving the same key must
 * never look like an acknowledged save lost (a process of round 3 starting again at n° 1 over round 1's n° 7).
 */
let draftN = round * 1_000_000;
async function saveDraft(userId: number, session: string, login: string): Promise<void> {
  const n = ++draftN;
  const key = `crash:${login}:${n % 3}`;
  await call('drafts.save', { key, data: { n, texte: 'Brouillon en cours de saisie' } }, session);
  ack({ kind: 'draft', userId, key, n });
}

async function dsp(personId: number, session: string): Promise<number> {
  const saved = await call('dsp.save', { personId, basedOnRevisionId: null, content: { logement: { natlog: '0901' } } }, session);
  ackCreated('dsp.save', 'dsp_revisions', saved.revision.id);
  return saved.revision.id;
}

async function archive(kind: 'dsp' | 'contrat', sourceId: number, session: string): Promise<void> {
  const generated = await call('documents.generate', { kind, sourceId, final: true }, session);
  if (generated.document) ackCreated('documents.generate', 'documents', generated.document.id);
}

// --- the workers ---------------------------------------------------------------------------------------------------

interface Account {
  login: string;
  userId: number;
  session: string;
}

/**
 * A référent's dossier: created, a fiche de liaison with its attachment (early in the cycle: the shortest bursts
 * reach them), updated, DSP, orientation, EDE, contract created, signed and archived as PDF, a draft.
 */
async function referentCycle(worker: number, me: Account, corr: Account, world: CrashWorld): Promise<void> {
  const input = dossierInput(worker, me.userId, corr.userId);
  const created = await call('dossiers.create', input, me.session);
  const personId = created.person.id;
  ackCreated('dossiers.create', 'persons', personId, created.version);
  ackCreated('dossiers.create', 'foyers', created.foyer.id);
  const fiche = await call('fiches.create', { personId, type: 'appui', date: CRASH_DAY, texte: 'Demande d’appui pour le logement' }, me.session);
  ackCreated('fiches.create', 'fiches_liaison', fiche.id);
  const uploaded = await call('attachments.upload', { owner: { type: 'fiche', id: fiche.id }, kind: 'autre', fileName: 'piece-jointe.pdf', mime: 'application/pdf', contentBase64: attachment }, me.session);
  ackCreated('attachments.upload', 'attachments', uploaded.id);
  const updated = await call('dossiers.update', { personId, version: created.version, foyer: input.foyer, person: { ...input.person, telephone: '03 21 99 99 99' } }, me.session);
  ackUpdated('dossiers.update', 'persons', personId, updated.version);
  await dsp(personId, me.session);
  const decided = await call(
    'orientation.decide',
    {
      personId,
      date: '2026-02-20',
      orientation: 'solidarite',
      organismeReferentId: world.organismeId,
      referentId: world.referentRows[me.login],
      correspondantId: corr.userId,
      motif: 'Freins sociaux à lever avant toute démarche d’emploi',
      divergenceReason: 'Situation de logement à stabiliser d’abord',
    },
    corr.session,
  );
  ackCreated('orientation.decide', 'orientations', decided.period.id);
  const ede = await call('ede.create', { personId, date: '2026-02-25', gridVersion: DEFAULT_EDE_GRID.version, paliers }, me.session);
  ackCreated('ede.create', 'ede_assessments', ede.id);
  const contract = await call(
    'contracts.create',
    {
      personId,
      type: 'CERS',
      start: '2026-03-01',
      durationMonths: 6,
      objectifs: 'Stabiliser la situation de logement et de budget',
      resultatsAttendus: 'Un logement adapté et un budget équilibré',
      pap: {
        actions: [
          {
            theme: 'A',
            actionCode: 'A.1.1',
            start: '2026-03-01',
            end: '2026-05-31',
            engagementReferent: 'Le référent accompagne la démarche',
            engagementBeneficiaire: 'Le bénéficiaire s’engage dans la démarche',
          },
        ],
      },
      referent: { lieuSuivi: 'MDS d’Arras', prochainsRendezVous: ['2026-04-01'] },
    },
    me.session,
  );
  ackCreated('contracts.create', 'contracts', contract.id, contract.version);
  const signed = await call(
    'contracts.sign',
    { contractId: contract.id, version: contract.version, referent: { nom: 'Le référent', date: '2026-02-28' }, beneficiaire: { nom: 'Claire Durand', date: '2026-02-28' } },
    me.session,
  );
  ackUpdated('contracts.sign', 'contracts', signed.id, signed.version);
  await archive('contrat', contract.id, me.session);
  await saveDraft(me.userId, me.session, me.login);
}

/** The administrator: a dossier, its DSP and the DSP's archived PDF, a draft; with backups, then a backup. */
async function adminCycle(me: Account, corr: Account): Promise<void> {
  const created = await call('dossiers.create', dossierInput(9, null, corr.userId), me.session);
  ackCreated('dossiers.create', 'persons', created.person.id, created.version);
  ackCreated('dossiers.create', 'foyers', created.foyer.id);
  const revisionId = await dsp(created.person.id, me.session);
  await archive('dsp', revisionId, me.session);
  await saveDraft(me.userId, me.session, me.login);
  if (withBackups) {
    ack({ kind: 'backup-start' });
    const backup = await call('backups.create', {}, me.session);
    ack({ kind: 'backup', id: backup.id, path: backup.path });
  }
}

async function main(): Promise<void> {
  const world = await prepare();
  const login = async (l: string, password: string): Promise<Account> => ({ login: l, userId: world.users[l]!, session: (await call('auth.login', { login: l, password })).session });
  const accounts = await Promise.all([{ login: CRASH_ADMIN.login, password: CRASH_ADMIN.password }, ...CRASH_STAFF].map((a) => login(a.login, a.password)));
  const [admin, corr, ...referents] = accounts as [Account, Account, ...Account[]];
  // The PDF engine, which the app loads 2 s after the first login, before the burst: loading it (seconds under tsx)
  // would otherwise hold the write queue through most bursts.
  await preloadDocuments();
  console.log(READY_LINE);
  const forever = async (cycle: () => Promise<void>) => {
    for (;;) await cycle();
  };
  await Promise.all([forever(() => adminCycle(admin, corr)), ...referents.map((me, i) => forever(() => referentCycle(i + 1, me, corr, world)))]);
}

main().catch((error: unknown) => {
  console.log(`${REFUSED_PREFIX}${error instanceof Error ? error.message : String(error)}`);
  closeSync(ackFd);
  process.exit(1);
});
