/**
 * The preview says what the document is: a draft of the record, a final version not archived yet, or one
 * archived on a date (issue 11: a signed contract transmitted to the SLAI read « Brouillon non archivé »).
 */
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PreviewDialog } from './PreviewDialog';
import type { PreviewState } from './useDocumentActions';

vi.mock('./PdfViewer', () => ({ default: ({ title }: { title: string }) => <div data-testid="viewer">{title}</div> }));

const base: PreviewState = {
  title: 'CERS n° 7 (Transmis au SLAI)',
  fileName: 'cers.pdf',
  base64: btoa('%PDF-1.3 faux'),
  target: { draft: { kind: 'contrat', sourceId: 7 } },
  copies: 2,
  watermark: null,
  archivedAt: null,
};

function statusOf(preview: PreviewState): string {
  render(<PreviewDialog preview={preview} busy={false} onClose={() => {}} onDownload={() => {}} onPrint={() => {}} />);
  return within(screen.getByRole('dialog', { name: `Aperçu : ${preview.title}` })).getByRole('alert').textContent ?? '';
}

afterEach(cleanup);

describe('PreviewDialog', () => {
  it('a signed contract not archived yet is « Non encore archivé », not a draft', () => {
    const text = statusOf(base);
    expect(text).toBe('Non encore archivé : archivez le document pour en garder la version définitive.');
    expect(text).not.toMatch(/[Bb]rouillon/);
  });

  it('a signed contract already archived says when, rendered again or opened from the archive', () => {
    expect(statusOf({ ...base, archivedAt: '2026-12-04T15:30:00.000Z' })).toBe('Archivé le 04/12/2026.');
    cleanup();
    expect(statusOf({ ...base, target: { id: 5 }, archivedAt: '2026-12-04T15:30:00.000Z' })).toBe('Archivé le 04/12/2026.');
  });

  it('an unsigned contract is a « Projet (brouillon) » with its watermark', () => {
    expect(statusOf({ ...base, title: 'CERS n° 8 (Brouillon)', watermark: 'PROJET – ne vaut pas contrat' })).toBe(
      'Projet (brouillon), marqué « PROJET – ne vaut pas contrat » : il ne s’archive pas.',
    );
  });
});
