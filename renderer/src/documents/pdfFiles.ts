/**
 * PDF bytes in the renderer: from the API's base64 to a Blob, a download, a new tab (browser mode).
 */
import { PDF_MIME } from '../../../shared/api/documents';
import { base64ToBlob, saveBlob } from '../kit/files';

export const pdfBlob = (base64: string): Blob => base64ToBlob(base64, PDF_MIME);

/** Saves the PDF through the browser's download (« Télécharger »). */
export function downloadPdf(base64: string, fileName: string, doc: Document = document): void {
  saveBlob(pdfBlob(base64), fileName, doc);
}

/**
 * Browser mode's « Imprimer »: opens the PDF in a new tab (the browser's viewer prints it); when the tab is
 * refused (pop-up blocker), downloads it instead. Returns what happened.
 */
export function openPdf(base64: string, fileName: string, win: Window = window): 'onglet' | 'telechargement' {
  const url = URL.createObjectURL(pdfBlob(base64));
  const tab = win.open(url, '_blank', 'noopener');
  if (!tab) {
    URL.revokeObjectURL(url);
    downloadPdf(base64, fileName, win.document);
    return 'telechargement';
  }
  setTimeout(() => URL.revokeObjectURL(url), 5 * 60_000);
  return 'onglet';
}

/** « 108 Kio ». */
export const formatSize = (bytes: number): string =>
  bytes < 1024 ? `${bytes} o` : bytes < 1024 * 1024 ? `${Math.round(bytes / 1024)} Kio` : `${(bytes / 1024 / 1024).toFixed(1).replace('.', ',')} Mio`;
