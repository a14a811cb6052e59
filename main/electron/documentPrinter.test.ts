import { describe, expect, it, vi } from 'vitest';
import { createElectronPrinter } from './documentPrinter';

function fakeWindow(result: { success: boolean; reason: string }) {
  const made: { options: unknown; url?: string; printOptions?: unknown; destroyed: boolean }[] = [];
  class FakeWindow {
    state: (typeof made)[number];
    constructor(options: unknown) {
      this.state = { options, destroyed: false };
      made.push(this.state);
    }
    loadURL = async (url: string) => {
      this.state.url = url;
    };
    webContents = {
      print: (options: unknown, callback: (success: boolean, reason: string) => void) => {
        this.state.printOptions = options;
        callback(result.success, result.reason);
      },
    };
    destroy = () => {
      this.state.destroyed = true;
    };
  }
  return { made, FakeWindow };
}

describe('Electron print service', () => {
  it('shows the PDF in a hidden sandboxed window and opens the system dialog with the copies preset', async () => {
    const { made, FakeWindow } = fakeWindow({ success: true, reason: '' });
    const printer = createElectronPrinter({ BrowserWindow: FakeWindow as never });
    const pdf = Buffer.from('%PDF-1.3 essai');
    await expect(printer.print(pdf, { copies: 2, title: 'CERP n° 12', fileName: 'CERP 12.pdf' })).resolves.toBe(true);
    expect(made).toHaveLength(1);
    expect(made[0]).toMatchObject({
      options: { show: false, title: 'CERP n° 12', webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, plugins: true } },
      url: `data:application/pdf;base64,${pdf.toString('base64')}`,
      printOptions: { silent: false, copies: 2, pageSize: 'A4' },
      destroyed: true,
    });
  });

  it('reports a cancelled or failed print as not printed, and always closes the window', async () => {
    const log = vi.fn();
    const { made, FakeWindow } = fakeWindow({ success: false, reason: 'Imprimante hors ligne' });
    const printer = createElectronPrinter({ BrowserWindow: FakeWindow as never, log });
    await expect(printer.print(Buffer.from('%PDF'), { copies: 1, title: 'DSP', fileName: 'DSP.pdf' })).resolves.toBe(false);
    expect(log).toHaveBeenCalledWith('Impression de « DSP » : Imprimante hors ligne');
    expect(made[0]!.destroyed).toBe(true);
  });
});
