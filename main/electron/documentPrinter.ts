/**
 * The desktop app's print service for documents (`documents.print`): the PDF is shown in a hidden window by
 * Chromium's PDF viewer and sent to the system print dialog, the number of copies preset. The PDF is handed
 * over as a data: URL, so the decrypted document is never written to disk.
 *
 * Wiring (main process, once the app is ready): `createApp({ …, printer: createElectronPrinter({ BrowserWindow }) })`.
 * Electron is passed in (no import here), so the service is tested with a stand-in.
 */
import type { BrowserWindowConstructorOptions, WebContentsPrintOptions } from 'electron';
import type { DocumentPrinter } from '../app';

interface PrintWindow {
  loadURL(url: string): Promise<void>;
  webContents: { print(options: WebContentsPrintOptions, callback: (success: boolean, failureReason: string) => void): void };
  destroy(): void;
}

export interface ElectronPrinterDeps {
  BrowserWindow: new (options: BrowserWindowConstructorOptions) => PrintWindow;
  log?: (message: string) => void;
}

export function createElectronPrinter({ BrowserWindow, log = () => undefined }: ElectronPrinterDeps): DocumentPrinter {
  return {
    async print(pdf, { copies, title }) {
      const window = new BrowserWindow({
        show: false,
        title,
        webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, plugins: true, webSecurity: true },
      });
      try {
        await window.loadURL(`data:application/pdf;base64,${pdf.toString('base64')}`);
        return await new Promise<boolean>((resolve) => {
          window.webContents.print({ silent: false, printBackground: true, copies, pageSize: 'A4' }, (success, reason) => {
            if (!success && reason && reason !== 'cancelled') log(`Impression de « ${title} » : ${reason}`);
            resolve(success);
          });
        });
      } finally {
        window.destroy();
      }
    },
  };
}
