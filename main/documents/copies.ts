/**
 * Drawing the copies of a document (the two originals of a contract) once: the pages of every copy are the
 * same but for a few nodes of their own (the mark « Exemplaire original 2/2 – transmis au SLAI », « page x / n »),
 * direct children of the page. The first copy is drawn by @react-pdf/render as usual, its content streams
 * recorded operator by operator, with where each copy's own node starts and ends; every other copy draws its
 * own nodes only, and its page gets the first copy's operators with those nodes swapped in, and the same
 * resources. The bytes are those of drawing every copy in full (engine.test.ts compares them), for about the
 * cost of one copy.
 *
 * Every operator goes through pdfkit's `addContent` (and `save`/`restore` for the nesting), which this
 * module listens to on the document instance only. Documents it cannot handle (a copy's node nested deeper
 * than the page, links, notes, form fields, other named destinations) are drawn in full.
 */
import renderDocument from '@react-pdf/render';

/** A node of react-pdf's laid-out tree (the parts the engine touches). */
export interface LaidNode {
  type: string;
  props?: Record<string, unknown> & { id?: string };
  children?: LaidNode[];
}

interface PdfPage {
  resources: { data: Record<string, unknown> };
}

/** The pdfkit document, as far as this module touches it. */
export interface PdfContext {
  page: PdfPage;
  addContent(data: string): PdfContext;
  save(): PdfContext;
  restore(): PdfContext;
  end(): void;
}

/** One node of a copy of its own, on one page: its operators are chunks[start, end). */
interface Segment {
  start: number;
  end: number;
}

interface PageRecord {
  page: PdfPage;
  chunks: string[];
  segments: Segment[];
}

const draw = renderDocument as unknown as (ctx: unknown, doc: LaidNode) => unknown;

const idOf = (node: LaidNode): string | undefined => (typeof node.props?.id === 'string' ? node.props.id : undefined);

/** Node types whose drawing leaves more than operators and resources (annotations, forms). */
const UNSAFE_TYPES = new Set(['LINK', 'NOTE', 'FIELD_SET', 'TEXT_INPUT', 'SELECT', 'CHECKBOX', 'LIST']);

/**
 * Whether `pagesByCopy` (the pages of each copy, same count) can be drawn once: the nodes of a copy of its own
 * are direct children of their page, in the same places in every copy, and no other node leaves a trace
 * outside the content stream.
 */
export function canDrawOnce(pagesByCopy: LaidNode[][], ownNode: (node: LaidNode) => string | null): boolean {
  const [first, ...others] = pagesByCopy;
  if (!first || others.length === 0) return false;
  const clean = (node: LaidNode, depth: number): boolean => {
    if (UNSAFE_TYPES.has(node.type) || node.props?.href !== undefined || node.props?.src !== undefined) return false;
    // Named destinations (react-pdf adds one per `id`) other than the page's and its own nodes' would be lost.
    if (depth > 0 && idOf(node) !== undefined && !(depth === 1 && ownNode(node) !== null)) return false;
    return (node.children ?? []).every((child) => clean(child, depth + 1));
  };
  const roles = (page: LaidNode) => (page.children ?? []).map(ownNode).filter((role) => role !== null).join('|');
  return pagesByCopy.every((pages) => pages.length === first.length && pages.every((page) => clean(page, 0))) &&
    others.every((pages) => pages.every((page, i) => roles(page) === roles(first[i]!)));
}

/**
 * Draws `pagesByCopy` into `ctx` (the first copy in full, the others from it; see above) and ends the
 * document. Call only when `canDrawOnce` is true.
 */
export function drawCopiesOnce(ctx: PdfContext, root: LaidNode, pagesByCopy: LaidNode[][], ownNode: (node: LaidNode) => string | null): void {
  const write = ctx.addContent;
  const save = ctx.save;
  const restore = ctx.restore;
  const end = ctx.end;
  let capturing = false;
  let depth = 0;
  let record: PageRecord | null = null;
  let open: { segment: Segment; depth: number } | null = null;
  const records: PageRecord[] = [];

  ctx.addContent = function addContent(this: PdfContext, data: string) {
    if (record?.page !== this.page) {
      record = { page: this.page, chunks: [], segments: [] };
      records.push(record);
    }
    record.chunks.push(data);
    return capturing ? this : write.call(this, data);
  };
  ctx.save = function saved(this: PdfContext) {
    depth += 1;
    return save.call(this);
  };
  ctx.restore = function restored(this: PdfContext) {
    depth -= 1;
    const out = restore.call(this);
    if (open && depth === open.depth) {
      open.segment.end = record!.chunks.length;
      record!.segments.push(open.segment);
      open = null;
    }
    return out;
  };
  // react-pdf's render ends the document; it is ended once, after the last copy.
  ctx.end = () => undefined;

  /** The node, noting where its operators start (react-pdf reads it first just before drawing it). */
  const watched = (node: LaidNode): LaidNode => {
    let seen = false;
    return new Proxy(node, {
      get(target, key, receiver) {
        if (!seen) {
          seen = true;
          open = { segment: { start: record?.chunks.length ?? 0, end: -1 }, depth };
        }
        return Reflect.get(target, key, receiver) as unknown;
      },
    });
  };
  const own = (page: LaidNode, keepShared: boolean): LaidNode => ({
    ...page,
    children: (page.children ?? []).flatMap((child) => (ownNode(child) !== null ? [watched(child)] : keepShared ? [child] : [])),
  });

  try {
    const [first, ...others] = pagesByCopy;
    draw(ctx, { ...root, children: first!.map((page) => own(page, true)) });
    const firstRecords = records.slice();
    if (firstRecords.length !== first!.length) throw new Error('Exemplaires : pages inattendues');
    for (const pages of others) {
      pages.forEach((page, i) => {
        const model = firstRecords[i]!;
        capturing = true;
        draw(ctx, { ...root, children: [own(page, false)] });
        capturing = false;
        const mine = records[records.length - 1]!;
        if (mine.page === model.page || mine.segments.length !== model.segments.length) throw new Error('Exemplaires : marques inattendues');
        let at = 0;
        model.segments.forEach((segment, s) => {
          const swapped = mine.segments[s]!;
          for (const chunk of model.chunks.slice(at, segment.start)) write.call(ctx, chunk);
          for (const chunk of mine.chunks.slice(swapped.start, swapped.end)) write.call(ctx, chunk);
          at = segment.end;
        });
        for (const chunk of model.chunks.slice(at)) write.call(ctx, chunk);
        ctx.page.resources.data = sameResources(model.page.resources.data, ctx.page.resources.data);
      });
    }
  } finally {
    ctx.addContent = write;
    ctx.save = save;
    ctx.restore = restore;
    ctx.end = end;
  }
  ctx.end();
}

const isDictionary = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && Object.getPrototypeOf(value) === Object.prototype;

/** The resources of the model page (in its order), plus those the copy's own nodes added. */
function sameResources(model: Record<string, unknown>, own: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(model)) out[key] = isDictionary(value) ? { ...value } : value;
  for (const [key, value] of Object.entries(own)) {
    const known = out[key];
    if (isDictionary(value) && isDictionary(known)) Object.assign(known, value);
    else if (!(key in out)) out[key] = isDictionary(value) ? { ...value } : value;
  }
  return out;
}
