/**
 * DSP: all seven sections, every answered field printed with its label, « non renseigné » for the unanswered
 * ones, « sans objet » where another answer rules the question out.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { dspRevision, documentContext, emptyDspRevision, etatCivil } from '../../../test/fixtures/documents/data';
import { expectGolden, missingValues, pdfText, squash, writePageImages } from '../../../test/fixtures/documents/pdf-tools';
import { DSP_FIELDS, DSP_SECTION_LABELS, DSP_SECTIONS, dspFieldOptions, dspValueAt } from '../../../shared/api/dsp';
import { upper } from '../format';
import { renderDocument } from '../index';
import { dspPages, NOT_APPLICABLE } from './dsp';
import { notFilled } from '../../../shared/domain/format';

describe('DSP', () => {
  const revision = dspRevision();
  let pdf: Buffer;
  let empty: Buffer;
  beforeAll(async () => {
    pdf = await renderDocument(dspPages(revision, etatCivil, documentContext));
    empty = await renderDocument(dspPages(emptyDspRevision(), etatCivil, documentContext));
    writePageImages(pdf, 'dsp');
    writePageImages(empty, 'dsp-vide');
  }, 120_000);

  it('prints every section and every answered field with its answer', () => {
    const text = pdfText(pdf);
    for (const s of DSP_SECTIONS) expect(text).toContain(upper(DSP_SECTION_LABELS[s]));
    const values: string[] = ['LEFÈVRE', 'Hélène Françoise', '29/02/1984', '4561237', 'Révision n° 2 du 05/11/2026, saisie par Rémi Référent'];
    let answered = 0;
    for (const field of DSP_FIELDS) {
      const value = dspValueAt(revision.content, field.path);
      if (value === null || (Array.isArray(value) && value.length === 0)) continue;
      answered += 1;
      if (field.kind === 'codes') {
        for (const code of value as string[]) values.push(`☒ ${dspFieldOptions(field).find((o) => o.code === code)!.label}`);
      } else if (field.kind === 'code' || field.kind === 'yesno') {
        values.push(`${field.label} : ${dspFieldOptions(field).find((o) => o.code === value)!.label}`);
      } else {
        values.push(`${field.label} : ${String(value)}`);
      }
    }
    expect(answered).toBeGreaterThan(35);
    expect(missingValues(pdf, values)).toEqual([]);
    // Unticked answers of multiple lists are printed unticked.
    expect(squash(text)).toContain('☐ Reconnaissance de travailleur handicapé');
  });

  it('shows empty fields as such: « non renseigné », and « sans objet » where the question does not arise', () => {
    const text = squash(pdfText(empty));
    const unconditioned = DSP_FIELDS.filter((f) => !f.when && f.kind !== 'codes');
    for (const f of unconditioned) expect(text, f.path).toContain(`${f.label} : ${notFilled()}`);
    for (const f of DSP_FIELDS.filter((f) => f.kind === 'codes' && !f.when)) expect(text, f.path).toContain(`${f.label} : ${notFilled()}`);
    for (const f of DSP_FIELDS.filter((f) => f.when && f.kind !== 'codes')) expect(text, f.path).toContain(`${f.label} : ${NOT_APPLICABLE}`);
    expect(text).not.toContain('☒');
    // In the filled DSP, « Il y a plus de 2 ans » applies (already RSA before) and says « Non ».
    expect(squash(pdfText(pdf))).toContain('Il y a plus de 2 ans : Non');
  });

  it('matches the reference text (layout)', () => {
    expectGolden(pdf, 'dsp');
  });
});
