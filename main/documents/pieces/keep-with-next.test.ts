/**
 * A heading never ends a page alone (issue 11: « Remarques » at the foot of page 1, its text on page 2): a section
 * title and a text field's label stay on the page of what follows them. Each DocumentPage below starts on a new page
 * with N filler lines, so that over the sweep the heading falls on every line of a page's foot.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { pdfPages } from '../../../test/fixtures/documents/pdf-tools';
import { renderPdf } from '../engine';
import { sweepPage } from './keep-with-next.fixture';

const SWEEP = Array.from({ length: 26 }, (_, i) => 40 + i);

/** The pages whose last words are the heading: the heading there, its body on another page. */
function orphans(pages: string[], heading: RegExp, body: RegExp): number[] {
  return pages.flatMap((text, i) => (heading.test(text) && !body.test(text) ? [i + 1] : []));
}

describe('a heading never ends a page alone', () => {
  let sections: string[];
  let fields: string[];
  let sectionFields: string[];
  let sectionChecks: string[];
  beforeAll(async () => {
    const meta = { title: 'Essai', subject: 'Essai', author: 'Parcours RSA', date: '2026-12-03' };
    sections = pdfPages(await renderPdf(meta, SWEEP.map((n) => sweepPage(n, 'section'))));
    fields = pdfPages(await renderPdf(meta, SWEEP.map((n) => sweepPage(n, 'field'))));
    sectionFields = pdfPages(await renderPdf(meta, SWEEP.map((n) => sweepPage(n, 'sectionField'))));
    sectionChecks = pdfPages(await renderPdf(meta, SWEEP.map((n) => sweepPage(n, 'sectionChecks'))));
  }, 180_000);

  it('a section title stays with its first line', () => {
    // The sweep does push the title over a page break (else the test would prove nothing).
    expect(sections.length).toBeGreaterThan(SWEEP.length);
    expect(orphans(sections, /REMARQUES/, /Corps des remarques/)).toEqual([]);
  });

  it('a section title stays with a field or a group of boxes', () => {
    expect(orphans(sectionFields, /REMARQUES/, /Corps des remarques/)).toEqual([]);
    expect(orphans(sectionChecks, /REMARQUES/, /Corps des remarques/)).toEqual([]);
  });

  it('a text field’s label stays with its text', () => {
    expect(fields.length).toBeGreaterThan(SWEEP.length);
    expect(orphans(fields, /Observations :/, /Corps des observations/)).toEqual([]);
  });
});
