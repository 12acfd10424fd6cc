import { BrowserWindow, app, dialog, net, safeStorage, type WebContents } from 'electron';
import { writeFile } from 'node:fs/promises';
import type { z } from 'zod';
import type { BridgeChannel, BridgeResponse, bridgeContract } from '../../shared/bridge/contract';
import type { WindowMode } from './window-mode';

type Req<C extends BridgeChannel> = z.output<(typeof bridgeContract)[C]['request']>;
export type MainHandlers = {
  [C in BridgeChannel]: (request: Req<C>, sender: WebContents) => Promise<BridgeResponse<C>>;
};

/** Prints a PDF from a hidden window that loads it in Chromium's own PDF viewer. */
async function printPdf(
  pdf: Uint8Array,
  printer: string | undefined,
  copies: number,
  silent: boolean,
): Promise<boolean> {
  const win = new BrowserWindow({
    show: false,
    webPreferences: {
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      plugins: true,
    },
  });
  try {
    await win.loadURL(`data:application/pdf;base64,${Buffer.from(pdf).toString('base64')}`);
    return await new Promise<boolean>((resolve) => {
      win.webContents.print(
        { silent, copies, printBackground: true, ...(printer ? { deviceName: printer } : {}) },
        (success) => resolve(success),
      );
    });
  } finally {
    win.destroy();
  }
}

export function createMainHandlers(windowMode: () => WindowMode): MainHandlers {
  return {
    'app.info': async () => ({
      host: 'electron',
      appVersion: app.getVersion(),
      os: `${process.platform}-${process.arch}`,
      windowMode: windowMode(),
    }),
    'network.status': async () => ({ online: net.isOnline() }),
    'print.listPrinters': async (_req, sender) => ({
      printers: (await sender.getPrintersAsync()).map((p) => ({
        name: p.name,
        // CUPS and Windows both report the default printer among the platform options.
        isDefault: (p.options as Record<string, unknown>)['is-default'] === 'true',
      })),
    }),
    'print.pdf': async ({ pdf, printer, copies, silent }) => ({
      printed: await printPdf(pdf, printer, copies, silent),
    }),
    'file.save': async ({ suggestedName, data }, sender) => {
      const owner = BrowserWindow.fromWebContents(sender);
      const options = { defaultPath: suggestedName };
      const choice = owner
        ? await dialog.showSaveDialog(owner, options)
        : await dialog.showSaveDialog(options);
      if (choice.canceled || !choice.filePath) return { saved: false };
      await writeFile(choice.filePath, data);
      return { saved: true };
    },
    'secret.seal': async ({ plaintext }) => {
      if (!safeStorage.isEncryptionAvailable()) throw new Error('OS keystore unavailable');
      return {
        sealed: new Uint8Array(
          safeStorage.encryptString(Buffer.from(plaintext).toString('base64')),
        ),
      };
    },
    'secret.unseal': async ({ sealed }) => ({
      plaintext: new Uint8Array(
        Buffer.from(safeStorage.decryptString(Buffer.from(sealed)), 'base64'),
      ),
    }),
    'kiosk.setLocked': async ({ locked }, sender) => {
      const win = BrowserWindow.fromWebContents(sender);
      win?.setKiosk(locked);
      return { locked: win?.isKiosk() ?? false };
    },
    'idReader.read': async () => ({ available: false }),
  };
}
