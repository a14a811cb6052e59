/** @jsxRuntime automatic */
/**
 * The PDF engine: @react-pdf/renderer's own pipeline (React elements → node tree → layout → pdfkit), run
 * step by step instead of through `renderToBuffer`, for three reasons:
 *
 * 1. Speed. « page x / n » through a `render` prop makes every page split re-lay out the rest of the document
 *    (react-pdf's dynamic nodes), which doubles the cost of a contract. Here the numbers are drawn after
 *    pagination, by a `Canvas` whose painter is given its page and total once the pages are known.
 * 2. Two originals for the cost of one layout: the originals of a contract are the same pages, so the
 *    document is laid out once and rendered once per copy; the nodes marked for one copy only (the mark
 *    « Exemplaire original 1/2 – transmis au SLAI », absolutely positioned so it never moves the content) are
 *    kept in that copy and dropped from the other.
 * 3. Determinism: the PDF's dates come from the data (`meta.date`, e.g. the source record's last change),
 *    the producer and creator are fixed, so the same input always gives the same bytes (pdfkit derives the
 *    file ID and the font subset tags from them).
 *
 * The steps are those of `pdf().toBuffer()` in @react-pdf/renderer 4.9 (same pdfkit options); the pinned
 * versions and the tests (per-copy page numbers, identical copies, identical bytes) guard them.
 */
import { Document, Font, pdf } from '@react-pdf/renderer';
import layoutDocument from '@react-pdf/layout';
import renderDocument from '@react-pdf/render';
import v8 from 'node:v8';
import PDFDocument from 'pdfkit';
import { cloneElement, type ReactElement } from 'react';
import { canDrawOnce, drawCopiesOnce, type LaidNode, type PdfContext } from './copies';
import { FONT_FAMILY, loadDocumentFonts } from './fonts';
import { COLORS, FONT_SIZE } from './styles';

export const PDF_PRODUCER = 'Parcours RSA';

/** `id` of the canvas that receives « page x / n » (see PageFooter). */
export const PAGE_NUMBER_ID = 'parcours:page-number';
/** `id` prefix of the nodes drawn in one copy only: `parcours:copy-0` in the first, `parcours:copy-1`… */
export const COPY_NODE_PREFIX = 'parcours:copy-';
/** `id` given to the <Page> of each section (one element of the `pages` list). */
export const SECTION_PREFIX = 'parcours:section-';

export interface PdfMeta {
  title: string;
  subject?: string | undefined;
  /** « Conseil départemental – MDS … ». */
  author?: string | undefined;
  keywords?: string | undefined;
  /** The instant the content dates from (ISO 8601 or 'YYYY-MM-DD'), never the clock. */
  date: string;
}

export interface RenderOptions {
  /** Copies of the same pages in the file (2 for the originals of a contract). Default 1. */
  copies?: number;
  /** 'section' (default): « page x / n » counts the pages of each element of `pages` (of each copy);
   * 'document': the pages of the whole copy. */
  numbering?: 'section' | 'document';
  /** Draw every copy in full instead of drawing the others from the first (copies.ts); same bytes. For the tests. */
  drawEveryCopy?: boolean;
}

/** ISO instant or date → Date (a date alone is taken at 00:00 UTC). Throws on nonsense. */
export function metaDate(value: string): Date {
  const d = new Date(value.length === 10 ? `${value}T00:00:00.000Z` : value);
  if (Number.isNaN(d.getTime())) throw new Error(`Date de document invalide : « ${value} »`);
  return d;
}


type Painter = {
  font(src: unknown): Painter;
  fontSize(size: number): Painter;
  fillColor(color: string): Painter;
  text(text: string, x: number, y: number, options: Record<string, unknown>): Painter;
};

function pageNumberPainter(label: string, font: unknown) {
  return (painter: Painter, width: number) => {
    painter.font(font).fontSize(FONT_SIZE.small).fillColor(COLORS.text).text(label, 0, 0, { width, align: 'right', lineBreak: false });
    return null;
  };
}

const idOf = (node: LaidNode): string | undefined => (typeof node.props?.id === 'string' ? node.props.id : undefined);

/**
 * A copy of `node` without the nodes of other copies, with the page-number canvas painting `pageLabel`.
 * Only the nodes on the path of a change are copied.
 */
function forCopy(node: LaidNode, copy: number, pageLabel: string, font: unknown): LaidNode {
  if (!node.children) return node;
  let changed = false;
  const children: LaidNode[] = [];
  for (const child of node.children) {
    const id = idOf(child);
    if (id?.startsWith(COPY_NODE_PREFIX) && id !== `${COPY_NODE_PREFIX}${copy}`) {
      changed = true;
      continue;
    }
    if (id === PAGE_NUMBER_ID) {
      changed = true;
      children.push({ ...child, props: { ...child.props, paint: pageNumberPainter(pageLabel, font) } });
      continue;
    }
    const next = forCopy(child, copy, pageLabel, font);
    if (next !== child) changed = true;
    children.push(next);
  }
  return changed ? { ...node, children } : node;
}

/** The laid-out pages of each copy, each numbered within its section (or its copy). */
function arrangeCopies(root: LaidNode, copies: number, numbering: 'section' | 'document'): LaidNode[][] {
  const pages = root.children ?? [];
  const groupOf = (page: LaidNode) => (numbering === 'document' ? 'document' : (idOf(page) ?? 'document'));
  const totals = new Map<string, number>();
  for (const page of pages) totals.set(groupOf(page), (totals.get(groupOf(page)) ?? 0) + 1);
  const font = Font.getFont({ fontFamily: FONT_FAMILY }).data;
  const out: LaidNode[][] = [];
  for (let copy = 0; copy < copies; copy += 1) {
    const seen = new Map<string, number>();
    out.push(
      pages.map((page) => {
        const group = groupOf(page);
        const index = (seen.get(group) ?? 0) + 1;
        seen.set(group, index);
        return forCopy(page, copy, `page ${index} / ${totals.get(group) ?? index}`, font);
      }),
    );
  }
  return out;
}

/** The nodes a copy has of its own (its mark, its page number): their role, else null. */
function ownNode(node: LaidNode): string | null {
  const id = idOf(node);
  if (id === PAGE_NUMBER_ID) return 'page-number';
  return id?.startsWith(COPY_NODE_PREFIX) ? 'copy-mark' : null;
}

type FontMethod = (this: FontCtx, src: unknown, family?: unknown, size?: unknown) => FontCtx;
interface FontCtx {
  font: FontMethod;
  fontSize(size: number): FontCtx;
  _font: unknown;
  _fontSource: unknown;
  _fontFamily: unknown;
}

/**
 * react-pdf sets the font before every run of text with the fontkit object itself; pdfkit then builds a new
 * embedded-font wrapper each time and compares it with the known ones (JSON of the name table), which is
 * a large part of the drawing time. This instance keeps, per fontkit object, the wrapper pdfkit kept the
 * first time — what pdfkit would end up using anyway.
 */
function reuseEmbeddedFonts(ctx: FontCtx): void {
  const open = ctx.font;
  const known = new WeakMap<object, unknown>();
  ctx.font = function font(this: FontCtx, src: unknown, family?: unknown, size?: unknown): FontCtx {
    if (src === null || typeof src !== 'object' || (family !== undefined && family !== null && typeof family !== 'number')) {
      return open.call(this, src, family, size);
    }
    const embedded = known.get(src);
    if (embedded === undefined) {
      open.call(this, src, family, size);
      known.set(src, this._font);
      return this;
    }
    const fontSize = typeof family === 'number' ? family : size;
    this._fontSource = src;
    this._fontFamily = null;
    if (typeof fontSize === 'number') this.fontSize(fontSize);
    this._font = embedded;
    return this;
  };
}

let heapGrowthLimited = false;

/**
 * A document allocates a few hundred megabytes of short-lived objects (layout trees, glyph runs) that outlive
 * V8's young generation; by default V8 then lets the heap grow to several times what is alive before a full
 * collection, so the process peaked near 400 Mio to print a contract whose live data is under 80 Mio. From the
 * first document on, the heap may grow by half of what is alive (--heap-growing-percent=50): the peak stays
 * near 240 Mio for the same time (docs/performance.md).
 */
function limitHeapGrowth(): void {
  if (heapGrowthLimited) return;
  heapGrowthLimited = true;
  v8.setFlagsFromString('--heap-growing-percent=50');
}

interface ContentCtx {
  page: { write(chunk: Uint8Array): unknown } | null;
  addContent(data: string): ContentCtx;
  flushPages(): void;
}

/**
 * pdfkit turns every operator into its own small byte array (a JavaScript loop per character), then joins
 * them when the page ends. This instance keeps a page's operators as text and hands them over in one piece,
 * converted natively, before the page ends: the same bytes (each operator followed by a line feed).
 */
function batchContent(ctx: ContentCtx): void {
  const flushPages = ctx.flushPages;
  const addContent = ctx.addContent;
  let pending: string[] = [];
  let owner: ContentCtx['page'] = null;
  const flush = () => {
    if (owner && pending.length > 0) owner.write(Buffer.from(`${pending.join('\n')}\n`, 'latin1'));
    pending = [];
  };
  ctx.addContent = function batched(this: ContentCtx, data: string) {
    if (typeof data !== 'string') {
      flush();
      return addContent.call(this, data);
    }
    if (this.page !== owner) {
      flush();
      owner = this.page;
    }
    pending.push(data);
    return this;
  };
  ctx.flushPages = function flushed(this: ContentCtx) {
    flush();
    flushPages.call(this);
  };
}

function collect(stream: { on: (event: string, listener: (arg?: never) => void) => unknown }): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Uint8Array[] = [];
    stream.on('data', (chunk?: Uint8Array) => {
      if (chunk) chunks.push(chunk);
    });
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', (error?: Error) => reject(error ?? new Error('Erreur de génération du PDF')));
  });
}

/**
 * Renders `pages` (each a DocumentPage: one section) to a PDF: laid out once, drawn `copies` times.
 */
export async function renderPdf(meta: PdfMeta, pages: ReactElement[], options: RenderOptions = {}): Promise<Buffer> {
  const copies = options.copies ?? 1;
  if (!Number.isInteger(copies) || copies < 1 || copies > 10) throw new Error(`Nombre d’exemplaires invalide : ${copies}`);
  await loadDocumentFonts();
  limitHeapGrowth();
  const date = metaDate(meta.date);
  const element = (
    <Document title={meta.title} subject={meta.subject} author={meta.author} keywords={meta.keywords} language="fr-FR">
      {pages.map((page, i) => cloneElement(page as ReactElement<{ sectionId?: string }>, { key: `section-${i}`, sectionId: `${SECTION_PREFIX}${i}` }))}
    </Document>
  );
  const instance = pdf(element) as unknown as { container: { document: unknown }; updateContainer: (doc: null) => void };
  const info = Object.fromEntries(
    Object.entries({
      Title: meta.title,
      Author: meta.author,
      Subject: meta.subject,
      Keywords: meta.keywords,
      Creator: PDF_PRODUCER,
      Producer: PDF_PRODUCER,
      CreationDate: date,
      ModDate: date,
    }).filter(([, v]) => v !== undefined),
  );
  const ctx = new PDFDocument({ compress: true, lang: 'fr-FR', displayTitle: true, autoFirstPage: false, info });
  reuseEmbeddedFonts(ctx as unknown as FontCtx);
  batchContent(ctx as unknown as ContentCtx);
  const layout = layoutDocument as unknown as (document: unknown, fontStore: typeof Font) => Promise<LaidNode>;
  let laid: LaidNode;
  try {
    laid = await layout(instance.container.document, Font);
  } finally {
    // Unmount and let go of the node tree: react-pdf's shared reconciler keeps every container it made.
    instance.updateContainer(null);
    instance.container.document = null;
  }
  const pagesByCopy = arrangeCopies(laid, copies, options.numbering ?? 'section');
  if (!options.drawEveryCopy && canDrawOnce(pagesByCopy, ownNode)) {
    drawCopiesOnce(ctx as unknown as PdfContext, laid, pagesByCopy, ownNode);
  } else {
    (renderDocument as unknown as (ctx: unknown, doc: LaidNode) => unknown)(ctx, { ...laid, children: pagesByCopy.flat() });
  }
  return collect(ctx as unknown as Parameters<typeof collect>[0]);
}
