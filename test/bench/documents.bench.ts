/**
 * Benchmark of the printed documents (issue 16), in production mode:
 * - the CERP with 15 PAP actions and 10 lines of fiche de suivi emploi (both originals in one PDF: template +
 *   layout + PDF), 30 runs after a warm-up: median, p95, peak RSS of the process;
 * - in the same run, a floor: the same text laid out with pdfkit alone (the engine under @react-pdf/renderer),
 *   and the ratio of the CERP to it;
 * - every other template (CERS, DSP, EDE with its curve, fiche de liaison and its answer, the EP's letters).
 * Targets: CERP median ≤ 100 ms, p95 ≤ 150 ms, ratio ≤ 1.3×, peak RSS ≤ 300 MB; others ≤ 60 ms median.
 */
// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- the pdfkit module typings live beside the engine (main/documents/vendor.d.ts)
/// <reference path="../../main/documents/vendor.d.ts" />
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Document, pdf } from '@react-pdf/renderer';
import PDFDocument from 'pdfkit';
import { createElement, type ReactElement } from 'react';
import { ensureDocumentFonts, FONT_FILES, renderPdf } from '../../main/documents';
import { styles } from '../../main/documents/styles';
import { documentCases, type DocumentCase } from './fixtures';
import { machineLine, mib, ms, stats, verdict, type Stats } from './stats';

const RUNS = Number(process.env.BENCH_DOCUMENT_RUNS ?? 30);
const OTHER_RUNS = Number(process.env.BENCH_OTHER_RUNS ?? 15);
const WARMUP = 5;

type Engine = { renderPdf: typeof renderPdf };
/**
 * BENCH_ENGINE=path/to/engine.tsx: measure another copy of the engine instead (the previous one, taken from git
 * into test-output/, to compare in the same conditions); the templates stay those of the tree.
 */
const engine: Engine = process.env.BENCH_ENGINE ? ((await import(path.resolve(process.env.BENCH_ENGINE))) as Engine) : { renderPdf };

/** The PDF of a bench document, as the application renders it. */
export function renderCase(c: DocumentCase): Promise<Buffer> {
  const doc = c.make();
  return engine.renderPdf(doc.meta, doc.pages, { copies: doc.copies, numbering: c.numbering ?? 'section' });
}

export interface Measure {
  stats: Stats;
  /** CPU time of the process per run (user + system): less sensitive to a busy machine than the wall clock. */
  cpu: Stats;
  pages: number;
  bytes: number;
}

export const pageCount = (pdfBytes: Buffer) => (pdfBytes.toString('latin1').match(/\/Type \/Page(?!s)\b/g) ?? []).length;

export async function measure(run: () => Promise<Buffer>, runs: number, warmup = WARMUP): Promise<Measure> {
  let out: Buffer = Buffer.alloc(0);
  for (let i = 0; i < warmup; i += 1) out = await run();
  const samples: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const start = performance.now();
    const cpuStart = process.cpuUsage();
    out = await run();
    samples.push(performance.now() - start);
    const used = process.cpuUsage(cpuStart);
    cpu.push((used.user + used.system) / 1000);
  }
  return { stats: stats(samples), cpu: stats(cpu), pages: pageCount(out), bytes: out.length };
}

// ---------------------------------------------------------------------------------------------------------
// The floor: the document's text with pdfkit alone
// ---------------------------------------------------------------------------------------------------------

interface Run {
  text: string;
  bold: boolean;
  italic: boolean;
  size: number;
}

interface Node {
  type: string;
  value?: string;
  style?: unknown;
  children?: Node[];
}

const flatStyle = (style: unknown): Record<string, unknown> =>
  Array.isArray(style) ? Object.assign({}, ...style.map(flatStyle)) : style && typeof style === 'object' ? (style as Record<string, unknown>) : {};

/** The paragraphs of a document: each top-level text of react-pdf's node tree, as runs of one style. */
export function documentText(pages: ReactElement[]): Run[][] {
  const paragraphs: Run[][] = [];
  const inline = (node: Node, inherited: Run, out: Run[]) => {
    if (node.type === 'TEXT_INSTANCE') {
      out.push({ ...inherited, text: node.value ?? '' });
      return;
    }
    const s = flatStyle(node.style);
    const run: Run = {
      text: '',
      bold: s.fontWeight === undefined ? inherited.bold : s.fontWeight === 'bold',
      italic: s.fontStyle === undefined ? inherited.italic : s.fontStyle === 'italic',
      size: typeof s.fontSize === 'number' ? s.fontSize : inherited.size,
    };
    for (const child of node.children ?? []) inline(child, run, out);
  };
  const walk = (node: Node, size: number) => {
    const s = flatStyle(node.style);
    const here = typeof s.fontSize === 'number' ? s.fontSize : size;
    if (node.type === 'TEXT') {
      const runs: Run[] = [];
      inline(node, { text: '', bold: false, italic: false, size: here }, runs);
      if (runs.some((r) => r.text.trim())) paragraphs.push(runs);
      return;
    }
    for (const child of node.children ?? []) walk(child, here);
  };
  const instance = pdf(createElement(Document, {}, ...pages)) as unknown as { container: { document: Node }; updateContainer: (doc: null) => void };
  walk(instance.container.document, styles.page.fontSize as number);
  instance.updateContainer(null);
  return paragraphs;
}

const fontBytes = new Map<string, Buffer>();
const fontFile = (dir: string, file: string) => {
  const key = path.join(dir, file);
  if (!fontBytes.has(key)) fontBytes.set(key, readFileSync(key));
  return fontBytes.get(key)!;
};

/**
 * The floor: the same paragraphs (`copies` times) laid out by pdfkit alone on A4 pages with the document's
 * margins, in the same embedded DejaVu fonts (subset), compressed, with a fixed date.
 */
export function pdfkitFloor(paragraphs: Run[][], copies: number): Promise<Buffer> {
  const dir = ensureDocumentFonts();
  const doc = new PDFDocument({ size: 'A4', margin: 36, compress: true, info: { CreationDate: new Date(0), Producer: 'floor' } }) as unknown as {
    registerFont(name: string, src: Buffer): void;
    font(name: string): typeof doc;
    fontSize(size: number): typeof doc;
    text(text: string, options?: Record<string, unknown>): typeof doc;
    addPage(): typeof doc;
    end(): void;
    on(event: string, listener: (chunk?: Uint8Array) => void): void;
  };
  const variants = { regular: FONT_FILES.regular, bold: FONT_FILES.bold, italic: FONT_FILES.italic, boldItalic: FONT_FILES.boldItalic };
  for (const [name, file] of Object.entries(variants)) doc.registerFont(name, fontFile(dir, file));
  const done = new Promise<Buffer>((resolve) => {
    const chunks: Uint8Array[] = [];
    doc.on('data', (c) => c && chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
  });
  for (let copy = 0; copy < copies; copy += 1) {
    if (copy > 0) doc.addPage();
    for (const runs of paragraphs) {
      runs.forEach((r, i) => {
        const variant = r.bold ? (r.italic ? 'boldItalic' : 'bold') : r.italic ? 'italic' : 'regular';
        doc.font(variant).fontSize(r.size).text(r.text, { continued: i < runs.length - 1, lineGap: 1 });
      });
    }
  }
  doc.end();
  return done;
}

// ---------------------------------------------------------------------------------------------------------

interface ProcessMeasure {
  startRss: number;
  peakRss: number;
  median: number;
  p95: number;
  cpuMedian: number;
}

const engineSwap = (file: string) => ({
  name: 'bench-engine',
  setup(b: { onResolve(options: { filter: RegExp }, callback: (args: { resolveDir: string }) => { path: string } | undefined): void }) {
    b.onResolve({ filter: /^\.\.?\/engine$/ }, (args) => (path.resolve(args.resolveDir).includes(`${path.sep}main${path.sep}documents`) ? { path: file } : undefined));
  },
});

/**
 * The CERP in a process of its own built like the application (test/bench/documents-process.ts): its peak
 * RSS, from its start, and its times.
 */
async function cerpProcess(): Promise<ProcessMeasure> {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const outfile = path.resolve(here, '..', '..', 'test-output', 'bench', 'documents-process.mjs');
  const { build } = await import('esbuild');
  await build({
    entryPoints: [path.join(here, 'documents-process.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    external: ['pdfkit', 'esbuild'],
    logLevel: 'error',
    define: { 'process.env.NODE_ENV': '"production"', 'process.env.BENCH_ENGINE': 'undefined' },
    banner: { js: 'import { createRequire as __createRequire } from "node:module"; const require = __createRequire(import.meta.url);' },
    // BENCH_ENGINE: that engine is bundled in place of main/documents/engine.tsx.
    plugins: process.env.BENCH_ENGINE ? [engineSwap(path.resolve(process.env.BENCH_ENGINE))] : [],
  });
  const out = execFileSync(process.execPath, [outfile], { encoding: 'utf8', env: { ...process.env, NODE_ENV: 'production' } });
  return JSON.parse(out.trim().split('\n').at(-1)!) as ProcessMeasure;
}

export async function runDocumentsBench(): Promise<string> {
  const [cerp, ...others] = documentCases();
  const cerpDoc = cerp!.make();
  const text = documentText(cerpDoc.pages);

  // Interleaved: the floor and the CERP share the same moments of a busy machine.
  const floorSamples: number[] = [];
  const cerpSamples: number[] = [];
  const cerpCpu: number[] = [];
  let cerpPdf: Buffer = Buffer.alloc(0);
  let floorPdf: Buffer = Buffer.alloc(0);
  for (let i = 0; i < WARMUP; i += 1) {
    cerpPdf = await renderCase(cerp!);
    floorPdf = await pdfkitFloor(text, cerpDoc.copies);
  }
  const floorCpu: number[] = [];
  const cpuSince = (since: NodeJS.CpuUsage) => {
    const used = process.cpuUsage(since);
    return (used.user + used.system) / 1000;
  };
  for (let i = 0; i < RUNS; i += 1) {
    let start = performance.now();
    let cpuStart = process.cpuUsage();
    floorPdf = await pdfkitFloor(text, cerpDoc.copies);
    floorSamples.push(performance.now() - start);
    floorCpu.push(cpuSince(cpuStart));
    start = performance.now();
    cpuStart = process.cpuUsage();
    cerpPdf = await renderCase(cerp!);
    cerpSamples.push(performance.now() - start);
    cerpCpu.push(cpuSince(cpuStart));
  }
  const peakAfterCerp = process.resourceUsage().maxRSS * 1024;
  const alone = await cerpProcess();
  const c = stats(cerpSamples);
  const f = stats(floorSamples);
  const ratio = c.median / f.median;
  const cpuRatio = stats(cerpCpu).median / stats(floorCpu).median;

  const lines = [
    machineLine(),
    `CERP : ${RUNS} générations après ${WARMUP} de mise en route, alternées avec le plancher ; autres documents : ${OTHER_RUNS} après ${WARMUP}. Rendu complet (gabarit, mise en page, PDF).`,
    '',
    '| document | pages | taille | médiane | p95 | max | CPU médiane | cible |',
    '|---|---|---|---|---|---|---|---|',
    `| ${cerp!.label} | ${pageCount(cerpPdf)} | ${(cerpPdf.length / 1024).toFixed(0)} Kio | ${ms(c.median)} | ${ms(c.p95)} | ${ms(c.max)} | ${ms(stats(cerpCpu).median)} | médiane ≤ 100 ms : ${verdict(c.median <= 100)} ; p95 ≤ 150 ms : ${verdict(c.p95 <= 150)} |`,
    `| plancher : le même texte avec pdfkit seul (${text.length} paragraphes × ${cerpDoc.copies}) | ${pageCount(floorPdf)} | ${(floorPdf.length / 1024).toFixed(0)} Kio | ${ms(f.median)} | ${ms(f.p95)} | ${ms(f.max)} | ${ms(stats(floorCpu).median)} | — |`,
    `| **rapport CERP / plancher (médianes ; temps CPU)** | | | **${ratio.toFixed(2)}×** | | | **${cpuRatio.toFixed(2)}×** | ≤ 1,3× : ${verdict(ratio <= 1.3)} |`,
    `| le CERP dans un processus construit comme l’application (esbuild, ${RUNS} générations) | | | ${ms(alone.median)} | ${ms(alone.p95)} | | ${ms(alone.cpuMedian)} | |`,
    `| pic de mémoire (RSS max) de ce processus (${mib(alone.startRss)} à son départ) | | | ${mib(alone.peakRss)} | | | | ≤ 300 Mio : ${verdict(alone.peakRss <= 300 * 1024 * 1024)} |`,
    `| pic de mémoire (RSS max) du banc lui-même (tsx, après le CERP) | | | ${mib(peakAfterCerp)} | | | | — |`,
  ];
  for (const other of others) {
    const m = await measure(() => renderCase(other), OTHER_RUNS);
    lines.push(
      `| ${other.label} | ${m.pages} | ${(m.bytes / 1024).toFixed(0)} Kio | ${ms(m.stats.median)} | ${ms(m.stats.p95)} | ${ms(m.stats.max)} | ${ms(m.cpu.median)} | médiane ≤ 60 ms : ${verdict(m.stats.median <= 60)} |`,
    );
  }
  return lines.join('\n');
}
