/**
 * EDE: the grid with the chosen palier of each item marked, points, colours readable in black and white,
 * the curve, the total, the proposal and the comments.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { documentContext, edeAssessment, etatCivil } from '../../../test/fixtures/documents/data';
import { expectGolden, missingValues, pdfPages, pdfText, squash, writePageImages } from '../../../test/fixtures/documents/pdf-tools';
import { DEFAULT_EDE_GRID } from '../../../shared/domain/referentials/ede-grid';
import { EDE_PROPOSAL_LABELS } from '../../../shared/domain/rules/ede';
import { renderDocument } from '../index';
import { EDE_COLOURS, edePages } from './ede';

describe('EDE', () => {
  const ede = edeAssessment();
  let pdf: Buffer;
  let withoutGrid: Buffer;
  beforeAll(async () => {
    pdf = await renderDocument(edePages(ede, DEFAULT_EDE_GRID, etatCivil, documentContext));
    withoutGrid = await renderDocument(edePages({ ...ede, gridVersion: 99 }, DEFAULT_EDE_GRID, etatCivil, documentContext));
    writePageImages(pdf, 'ede');
  }, 120_000);

  it('marks the chosen palier of each of the 8 items, with its points and colour letter', () => {
    const text = squash(pdfText(pdf, 'raw'));
    expect(text.match(/☒ \d+ pts?/g)).toHaveLength(8);
    expect(text.match(/☐ \d+ pts?/g)).toHaveLength(8 * 5);
    expect(text.match(/– CHOISI/g)).toHaveLength(8);
    for (const item of ede.items) {
      const palier = DEFAULT_EDE_GRID.data.items.find((i) => i.key === item.key)!.paliers.find((p) => p.level === item.palier)!;
      const letter = EDE_COLOURS[palier.colour].letter;
      expect(text, item.key).toContain(`☒ ${item.points} pt${item.points > 1 ? 's' : ''}${letter ? ` – ${letter}` : ''} – CHOISI ${palier.description}`);
    }
  });

  it('prints the total, the proposal, its reason, the coloured items, the themes and the comments', () => {
    expect(
      missingValues(pdf, [
        `Total : ${ede.total} pts`,
        EDE_PROPOSAL_LABELS[ede.proposal],
        ede.reason,
        ...ede.items.filter((i) => i.comment).map((i) => `${i.label} : ${i.comment}`),
        'Évaluation du 05/11/2026 – grille version 1 – saisie par Rémi Référent',
        'LEFÈVRE',
        'Hélène Françoise',
        'V – Vert',
        'R – Rose',
        'B – Bleu',
        'Légende des couleurs (lisible en noir et blanc : lettre et motif)',
        'C – La parentalité',
      ]),
    ).toEqual([]);
  });

  it('draws the curve on a page of its own, items labelled with their palier', () => {
    const curvePage = pdfPages(pdf).find((p) => p.includes('COURBE DES PALIERS CHOISIS'));
    expect(curvePage).toBeDefined();
    for (const item of ede.items) expect(squash(curvePage!)).toContain(`(${item.palier})`);
    for (let level = 1; level <= 6; level += 1) expect(curvePage).toContain(`Palier ${level}`);
  });

  it('without the grid it was scored with, prints the chosen paliers only', () => {
    const text = squash(pdfText(withoutGrid));
    expect(text).toContain('La grille version 99 n’est plus disponible');
    expect(text).not.toContain('– CHOISI');
    for (const item of ede.items) expect(text).toContain(`${item.number}. ${item.label} ${item.palier} ${item.points} pt`);
  });

  it('matches the reference text (layout)', () => {
    expectGolden(pdf, 'ede');
  });
});
