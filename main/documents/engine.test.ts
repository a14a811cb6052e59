/**
 * The PDF engine: deterministic bytes, fonts, copies laid out once with their own marks and page numbers.
 */
import { Text, View } from '@react-pdf/renderer';
import { createElement as h, type ReactElement } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { mappedCodePoints, pdfInfo, pdfPages, squash } from '../../test/fixtures/documents/pdf-tools';
import { metaDate, renderPdf, type PdfMeta } from './engine';
import { configureDocumentFonts, ensureDocumentFonts, packagedFontsDir } from './fonts';
import { amountFr } from './format';
import { DocumentPage, Field, Table } from './pieces';

const meta: PdfMeta = { title: 'Essai – Hélène', author: 'Conseil départemental – MDS de l’Arrageois', date: '2026-11-28T10:15:00.000Z' };

/** A section whose table spans several pages. */
function section(reference: string, rows: number, copyLabels?: string[]): ReactElement {
  return h(DocumentPage, {
    reference,
    footerNote: 'Pied de page',
    copyLabels,
    children: [
    h(Field, { key: 'montant', label: 'Montant', value: amountFr(1234.5) }),
    h(Field, { key: 'nom', label: 'Nom', value: 'LEFÈVRE Hélène – Œuvre' }),
    h(Table<number>, {
      key: 'table',
      columns: [
        { header: 'N°', width: '20%', cell: (i: number) => String(i) },
        { header: 'Action', width: '80%', cell: (i: number) => `Ligne ${i} : accompagnement individuel` },
      ],
      rows: Array.from({ length: rows }, (_, i) => i + 1),
    }),
    h(View, { key: 'fin' }, h(Text, {}, 'Fin de la section')),
    ],
  });
}

afterEach(() => configureDocumentFonts({ fontsDir: undefined }));

describe('PDF engine', () => {
  it('gives the same bytes for the same input, with dates and producer from the data', async () => {
    const a = await renderPdf(meta, [section('Réf.', 5)]);
    const b = await renderPdf(meta, [section('Réf.', 5)]);
    expect(a.subarray(0, 5).toString()).toBe('%PDF-');
    expect(Buffer.compare(a, b)).toBe(0);
    const info = pdfInfo(a);
    expect(info).toMatchObject({ Title: 'Essai – Hélène', Producer: 'Parcours RSA', Creator: 'Parcours RSA', Pages: '1' });
    expect(info.CreationDate).toMatch(/^2026-11-28T10:15:00/);
    expect(info.ModDate).toMatch(/^2026-11-28T10:15:00/);
    const later = await renderPdf({ ...meta, date: '2026-11-29' }, [section('Réf.', 5)]);
    expect(Buffer.compare(a, later)).not.toBe(0);
    expect(pdfInfo(later).CreationDate).toMatch(/^2026-11-29T00:00:00/);
  }, 120_000);

  it('embeds DejaVu: accents, Œ and the narrow no-break space of fr-FR amounts are real glyphs', async () => {
    const pdf = await renderPdf(meta, [section('Réf.', 2)]);
    const points = mappedCodePoints(pdf);
    for (const c of ['\u202f', '\u00a0', '€', 'È', 'é', 'Œ', '–']) expect(points.has(c.codePointAt(0)!), `U+${c.codePointAt(0)!.toString(16)}`).toBe(true);
    const text = pdfPages(pdf)[0]!;
    expect(squash(text)).toContain('Montant : 1 234,50 €');
    expect(text).toContain('LEFÈVRE Hélène – Œuvre');
  });

  it('draws each copy once laid out: its own mark, its own « page x / n », the same content', async () => {
    const pdf = await renderPdf(meta, [section('Réf. contrat', 120, ['Exemplaire A', 'Exemplaire B'])], { copies: 2 });
    const pages = pdfPages(pdf);
    expect(pages.length % 2).toBe(0);
    const n = pages.length / 2;
    expect(n).toBeGreaterThan(1);
    pages.forEach((text, i) => {
      const copy = i < n ? 'A' : 'B';
      expect(text, `page ${i + 1}`).toContain(`Exemplaire ${copy}`);
      expect(text, `page ${i + 1}`).not.toContain(`Exemplaire ${copy === 'A' ? 'B' : 'A'}`);
      expect(text, `page ${i + 1}`).toContain(`page ${(i % n) + 1} / ${n}`);
      // The table's header row repeats on every page it spans.
      expect(text).toMatch(/N°\s+Action/);
    });
    const strip = (t: string) => t.replace(/Exemplaire [AB]/g, '');
    expect(pages.slice(n).map(strip)).toEqual(pages.slice(0, n).map(strip));
  }, 120_000);

  it('draws the other copies from the first one with the very bytes of drawing each in full', async () => {
    const sections = () => [section('Réf. contrat', 120, ['Exemplaire A', 'Exemplaire B', 'Exemplaire C']), section('Annexe', 30, ['Exemplaire A', 'Exemplaire B', 'Exemplaire C'])];
    const once = await renderPdf(meta, sections(), { copies: 3 });
    const full = await renderPdf(meta, sections(), { copies: 3, drawEveryCopy: true });
    expect(pdfPages(once).length).toBeGreaterThan(6);
    expect(Buffer.compare(once, full)).toBe(0);
    // Shaped text kept from one document to the next changes nothing either (« page x / n » is shaped by pdfkit).
    expect(Buffer.compare(await renderPdf(meta, sections(), { copies: 3 }), once)).toBe(0);
  }, 120_000);

  it('numbers per section by default, or across the whole document', async () => {
    const sections = [section('Section un', 80), section('Section deux', 80)];
    const perSection = pdfPages(await renderPdf(meta, sections));
    const whole = pdfPages(await renderPdf(meta, [section('Section un', 80), section('Section deux', 80)], { numbering: 'document' }));
    const firstOfTwo = perSection.findIndex((p) => p.includes('Section deux'));
    expect(firstOfTwo).toBeGreaterThan(0);
    expect(perSection[firstOfTwo]).toContain(`page 1 / ${perSection.length - firstOfTwo}`);
    expect(whole[firstOfTwo]).toContain(`page ${firstOfTwo + 1} / ${whole.length}`);
  }, 120_000);

  it('refuses nonsense: a bad date, a bad number of copies, a fonts folder without the fonts', async () => {
    expect(() => metaDate('28/11/2026')).toThrow('Date de document invalide');
    await expect(renderPdf(meta, [section('Réf.', 1)], { copies: 0 })).rejects.toThrow('Nombre d’exemplaires invalide');
    configureDocumentFonts({ fontsDir: '/nonexistent/fonts' });
    expect(() => ensureDocumentFonts()).toThrow(/Les polices des documents sont introuvables dans \/nonexistent\/fonts .*DejaVuSans\.ttf/);
    configureDocumentFonts({ fontsDir: packagedFontsDir() });
    expect(ensureDocumentFonts()).toBe(packagedFontsDir());
  });
});
