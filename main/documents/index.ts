/**
 * Printed documents (generated in main, offline): DSP, EDE, CERS / CERP (two originals), fiche de liaison and
 * the correspondent's answer. `renderDocument` turns a template's pages into PDF bytes.
 */
import { renderPdf } from './engine';
import type { RenderedPages } from './model';

export { configureDocumentFonts, ensureDocumentFonts, packagedFontsDir, FONT_FAMILY, FONT_FILES } from './fonts';
export { renderPdf, metaDate, PDF_PRODUCER, type PdfMeta, type RenderOptions } from './engine';
export type { DocumentContext, RenderedPages } from './model';
export { ORIGINALS, ORIGINAL_LABELS, originalLabel, type OriginalCopy } from './originals';
export { PROJECT_WATERMARK } from './pieces/Watermark';

/** The PDF of a laid-out document (its copies included). */
export function renderDocument(doc: RenderedPages): Promise<Buffer> {
  return renderPdf(doc.meta, doc.pages, { copies: doc.copies });
}
