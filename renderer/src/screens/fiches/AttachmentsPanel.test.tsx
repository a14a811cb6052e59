import { describe, expect, it } from 'vitest';
import { attachmentLabels } from './AttachmentsPanel';

describe('attachmentLabels', () => {
  it('tells apart two attachments of the same file name by their date, or else by a number', () => {
    expect(
      attachmentLabels([
        { fileName: 'convocation.pdf', documentDate: '2026-01-05' },
        { fileName: 'CV.pdf', documentDate: null },
        { fileName: 'convocation.pdf', documentDate: '2026-02-10' },
        { fileName: 'courrier.pdf', documentDate: '2026-03-01' },
        { fileName: 'Courrier.pdf', documentDate: '2026-03-01' },
      ]),
    ).toEqual(['convocation.pdf (du 05/01/2026)', 'CV.pdf', 'convocation.pdf (du 10/02/2026)', 'courrier.pdf (n° 1)', 'Courrier.pdf (n° 2)']);
  });
});
