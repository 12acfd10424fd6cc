import { expect, test } from '@playwright/test';
import { PDFDocument } from 'pdf-lib';
import { invoke, launchApp, skipUnlessRunnable } from './app';

test.describe('printing', () => {
  skipUnlessRunnable();

  test('the kiosk page renders to a PDF', async () => {
    const { app } = await launchApp();
    try {
      const head = await app.evaluate(async ({ BrowserWindow }) => {
        const [win] = BrowserWindow.getAllWindows();
        if (!win) return '';
        const pdf = await win.webContents.printToPDF({ pageSize: 'A4', printBackground: true });
        return pdf.subarray(0, 5).toString('latin1');
      });
      expect(head).toBe('%PDF-');
    } finally {
      await app.close();
    }
  });

  test('a PDF sent to a printer that does not exist comes back not printed', async () => {
    const { app, window } = await launchApp();
    try {
      const doc = await PDFDocument.create();
      doc.addPage([595, 842]).drawText('test');
      const pdf = Array.from(await doc.save());
      const result = await window.evaluate(
        ([bytes, printer]) =>
          (
            globalThis as unknown as {
              kioskHost: { invoke: (c: string, r: unknown) => Promise<unknown> };
            }
          ).kioskHost.invoke('print.pdf', {
            pdf: new Uint8Array(bytes),
            title: 'test',
            printer,
            silent: true,
          }),
        [pdf, `no-such-printer-${Date.now()}`] as const,
      );
      expect(result).toEqual({ ok: true, value: { printed: false, via: 'printer' } });
      // The hidden print window is gone again.
      expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(
        1,
      );
      expect(await invoke(window, 'print.listPrinters', {})).toMatchObject({ ok: true });
    } finally {
      await app.close();
    }
  });
});
