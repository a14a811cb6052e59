import { useCallback, useState } from 'react';
import type { DocumentKind, DocumentSummary } from '../../../shared/api/documents';
import { toApiError, useApi } from '../api/ApiContext';
import { useNotify } from '../kit/notifications';
import { downloadPdf, openPdf } from './pdfFiles';

/** What is shown in the preview: an archived document or a draft rendered for the occasion. */
export interface PreviewState {
  title: string;
  fileName: string;
  base64: string;
  /** Archived document id (print / download it), or the draft's source. */
  target: { id: number } | { draft: { kind: DocumentKind; sourceId: number } };
  copies: number;
  watermark: string | null;
  /** When the record's final version was archived (ISO instant), null when it is not yet. */
  archivedAt: string | null;
}

/**
 * Preview, download and print, the same in every screen: printing goes through the system dialog in the
 * desktop app (`documents.print`), and opens the PDF in a new tab in browser mode.
 */
export function useDocumentActions() {
  const api = useApi();
  const notify = useNotify();
  const [busy, setBusy] = useState(false);
  const [preview, setPreview] = useState<PreviewState | null>(null);

  const run = useCallback(
    async <T,>(action: () => Promise<T>): Promise<T | undefined> => {
      setBusy(true);
      try {
        return await action();
      } catch (error) {
        notify(toApiError(error).message, 'error');
        return undefined;
      } finally {
        setBusy(false);
      }
    },
    [notify],
  );

  const previewArchived = useCallback(
    (doc: Pick<DocumentSummary, 'id' | 'title' | 'createdAt'>) =>
      run(async () => {
        const file = await api.call('documents.get', { id: doc.id });
        setPreview({ title: doc.title, fileName: file.fileName, base64: file.base64, target: { id: doc.id }, copies: file.copies, watermark: null, archivedAt: doc.createdAt });
      }),
    [api, run],
  );

  const previewDraft = useCallback(
    (kind: DocumentKind, sourceId: number, title: string, archivedAt: string | null = null) =>
      run(async () => {
        const file = await api.call('documents.generate', { kind, sourceId, final: false });
        setPreview({ title, fileName: file.fileName, base64: file.base64, target: { draft: { kind, sourceId } }, copies: file.copies, watermark: file.watermark, archivedAt });
      }),
    [api, run],
  );

  const archive = useCallback(
    (kind: DocumentKind, sourceId: number) =>
      run(async () => {
        const out = await api.call('documents.generate', { kind, sourceId, final: true });
        notify(
          out.reprint
            ? 'Ce document était déjà archivé : la version archivée est réimprimée à l’identique.'
            : `Document archivé (empreinte ${out.sha256.slice(0, 12)}…).`,
        );
        return out.document;
      }),
    [api, notify, run],
  );

  const download = useCallback((p: Pick<PreviewState, 'base64' | 'fileName'>) => downloadPdf(p.base64, p.fileName), []);

  const print = useCallback(
    (p: Pick<PreviewState, 'target' | 'base64' | 'fileName' | 'copies'>) =>
      run(async () => {
        const support = await api.call('documents.printSupport', {});
        if (!support.systemDialog) {
          const how = openPdf(p.base64, p.fileName);
          notify(
            how === 'onglet'
              ? 'Le PDF est ouvert dans un nouvel onglet : imprimez-le depuis la visionneuse du navigateur.'
              : 'Le navigateur a bloqué le nouvel onglet : le PDF est téléchargé, ouvrez-le pour l’imprimer.',
            'info',
          );
          return;
        }
        // A contract's file already holds both originals: one copy of the file.
        const printed = await api.call('documents.print', { ...p.target, copies: 1 });
        notify(printed.printed ? (p.copies > 1 ? `Impression lancée (${p.copies} exemplaires originaux).` : 'Impression lancée.') : 'Impression annulée.', printed.printed ? 'success' : 'info');
      }),
    [api, notify, run],
  );

  const downloadArchived = useCallback(
    (doc: Pick<DocumentSummary, 'id'>) =>
      run(async () => {
        const file = await api.call('documents.get', { id: doc.id });
        downloadPdf(file.base64, file.fileName);
      }),
    [api, run],
  );

  const printArchived = useCallback(
    async (doc: Pick<DocumentSummary, 'id'>) => {
      const file = await run(() => api.call('documents.get', { id: doc.id }));
      if (file) await print({ target: { id: doc.id }, base64: file.base64, fileName: file.fileName, copies: file.copies });
    },
    [api, print, run],
  );

  return { busy, preview, setPreview, previewArchived, previewDraft, archive, download, print, downloadArchived, printArchived };
}
