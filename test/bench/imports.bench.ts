/**
 * Benchmark of the imports (issue 15 §1): a CAF list of 50,000 new foyers (one MDS, its commune) read, judged and
 * stored as a batch « aperçu » (`imports.preview`), then applied in one transaction (`imports.apply`: foyers,
 * persons, children, journal, search index, the échéancier of each new dossier) — through the app as a host calls
 * it (dispatcher, encrypted database), on an MDS that already holds 50,000 persons for the duplicate matching.
 * Also: the same file again (every line « inchangé »), and the undo of a whole batch (of 1,000 lines).
 * Target: preview + apply under 60 s; memory bounded (peak RSS reported).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createApp, type App } from '../../main/app';
import type { MethodInput, MethodName, MethodOutput } from '../../shared/api/contract';
import { machineLine, mib, verdict } from './stats';

const LINES = Number(process.env.BENCH_IMPORT_LINES ?? 50_000);
const EXISTING = Number(process.env.BENCH_IMPORT_EXISTING ?? 50_000);
const UNDO_LINES = Number(process.env.BENCH_IMPORT_UNDO_LINES ?? 1_000);
const PASSWORD = 'bench-mot-de-passe';

/** A CAF list of `n` foyers, some with a conjoint and children, in Arras. */
export function cafList(n: number, firstCaf: number, prefix: string): string {
  const lines = [
    'N° allocataire;Nom;Prénoms;Date de naissance;Sexe;Adresse;Code postal;Commune;Situation familiale;Nom du conjoint;Prénoms du conjoint;Date de naissance du conjoint;Sexe du conjoint;Enfants à charge;RSA depuis le',
  ];
  for (let i = 0; i < n; i += 1) {
    const dd = String((i % 28) + 1).padStart(2, '0');
    const mm = String((i % 12) + 1).padStart(2, '0');
    const yyyy = 1950 + (i % 50);
    const couple = i % 3 === 0;
    const conjoint = couple ? `${prefix}NOM${i};Conjoint${i};${mm}/${dd}/${yyyy + 1};M`.replace(`${mm}/${dd}`, `${dd}/${mm}`) : ';;;';
    const children = i % 4 === 0 ? `Léa ${dd}/${mm}/2015 | Tom ${dd}/${mm}/2018` : String(i % 3);
    lines.push(
      `${firstCaf + i};${prefix}NOM${i};Prénom${i};${dd}/${mm}/${yyyy};F;${i} rue de la République;62000;Arras;${couple ? 'Marié(e)' : 'Célibataire'};${conjoint};${children};01/02/2026`,
    );
  }
  return lines.join('\r\n') + '\r\n';
}

async function call<M extends MethodName>(app: App, method: M, input: MethodInput<M>, session?: string): Promise<MethodOutput<M>> {
  const response = await app.handle({ method, input, session });
  if (!response.ok) throw new Error(`${method} : ${response.error.message}`);
  return response.value as MethodOutput<M>;
}

const seconds = (t: number) => `${(t / 1000).toFixed(1)} s`;

export async function runImportsBench(): Promise<string> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'parcours-bench-imports-'));
  const app = createApp({ dataDir, appVersion: 'bench', automaticBackups: false });
  let peak = 0;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  try {
    await call(app, 'setup.create', {
      mds: { name: 'MDS de l’Arrageois', territory: 'Arrageois' },
      admin: { login: 'admin', displayName: 'Admin', structure: 'CD', password: PASSWORD },
    });
    const { session } = await call(app, 'auth.login', { login: 'admin', password: PASSWORD });
    await call(app, 'communes.save', { inseeCode: '62041', postalCode: '62000', name: 'ARRAS' }, session);
    const input = (content: string, fileName: string) => ({
      kind: 'caf_nouveaux' as const,
      source: 'CAF du Pas-de-Calais',
      fileName,
      contentBase64: Buffer.from(content).toString('base64'),
    });
    // The MDS already holds EXISTING foyers (imported the same way, not measured).
    if (EXISTING > 0) {
      const existing = await call(app, 'imports.preview', input(cafList(EXISTING, 1_000_000, 'ANCIEN'), 'stock.csv'), session);
      await call(app, 'imports.apply', { batchId: existing.batchId! }, session);
    }
    const file = cafList(LINES, 3_000_000, 'NOUVEAU');
    const baseline = process.memoryUsage().rss;
    peak = baseline;
    let t = performance.now();
    const preview = await call(app, 'imports.preview', input(file, 'nouveaux.csv'), session);
    const previewMs = performance.now() - t;
    t = performance.now();
    const applied = await call(app, 'imports.apply', { batchId: preview.batchId! }, session);
    const applyMs = performance.now() - t;
    const peakImport = peak;
    t = performance.now();
    const again = await call(app, 'imports.preview', input(file, 'nouveaux.csv'), session);
    const againMs = performance.now() - t;
    // The undo, on a batch of UNDO_LINES (its cost grows with the rows of every batch: see docs/performance.md).
    const small = await call(app, 'imports.preview', input(cafList(UNDO_LINES, 5_000_000, 'ANNULE'), 'annule.csv'), session);
    await call(app, 'imports.apply', { batchId: small.batchId! }, session);
    t = performance.now();
    await call(app, 'imports.undo', { batchId: small.batchId! }, session);
    const undoMs = performance.now() - t;
    const total = previewMs + applyMs;
    return [
      machineLine(),
      '',
      `Import CAF : ${LINES.toLocaleString('fr-FR')} lignes (${(Buffer.byteLength(file) / 1024 / 1024).toFixed(1)} Mo, un tiers avec conjoint, un quart avec deux enfants), sur une MDS qui compte déjà ${EXISTING.toLocaleString('fr-FR')} foyers ; ${applied.counts.nouveau.toLocaleString('fr-FR')} créés.`,
      '',
      '| geste | durée | cible | tenue |',
      '|---|---|---|---|',
      `| \`imports.preview\` (lecture en flux, verdicts, lot « aperçu ») | ${seconds(previewMs)} | | |`,
      `| \`imports.apply\` (une transaction, par paquets de 500, échéancier compris) | ${seconds(applyMs)} | | |`,
      `| aperçu + application | ${seconds(total)} | < 60 s | ${verdict(total < 60_000)} |`,
      `| le même fichier à nouveau (${again.counts.inchange.toLocaleString('fr-FR')} lignes « inchangé ») | ${seconds(againMs)} | | |`,
      `| annulation d’un lot entier de ${UNDO_LINES.toLocaleString('fr-FR')} lignes | ${seconds(undoMs)} | | |`,
      '',
      `Mémoire (RSS) : ${mib(baseline)} avant l’aperçu, pic ${mib(peakImport)} pendant l’aperçu et l’application (+${mib(peakImport - baseline)}).`,
    ].join('\n');
  } finally {
    clearInterval(sampler);
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (process.argv[1]?.endsWith('imports.bench.ts')) console.log(await runImportsBench());
