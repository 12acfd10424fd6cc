import { BrowserWindow, app, dialog, net, safeStorage, type WebContents } from 'electron';
import { writeFile } from 'node:fs/promises';
import type { ChainHeadStore, TextSealer } from './chain-head';
import { answerFor } from '../../shared/idcard/answer';
import { HostFailure } from './host-failure';
import type { IdCardReader } from './idcard/reader';
import type { RendererLogSink } from './renderer-log';
import type { HostHandlers } from './ipc';
import { keystoreStatus } from './keystore';
import { printPdf } from './printing';
import type { HostSettings } from './settings';
import type { WindowMode } from './window-mode';

export type MainHandlers = HostHandlers<WebContents>;

/** What the handlers need from the rest of the main process. */
export interface HostContext {
  readonly mode: WindowMode;
  readonly settings: HostSettings;
  /** Locks or unlocks the kiosk window showing `sender`; answers the state after the change. */
  readonly setKioskLocked: (sender: WebContents, locked: boolean, pin?: string) => boolean;
  /** The device's chain head in the host settings file. */
  readonly chainHeads: ChainHeadStore;
  /** The configured ID-card reader (idcard/), or one that answers "not configured". */
  readonly idCardReader: IdCardReader;
  /** The renderer's lines into the rotating log (renderer-log.ts). */
  readonly rendererLog: RendererLogSink;
  /** The newest lines of the rotating log, for the support bundle. */
  readonly recentLog: (maxLines: number) => string[];
}

/** Sealing for the chain head: the OS keystore, as for the data key. */
export function keystoreSealer(): TextSealer {
  requireKeystore();
  return {
    seal: (plain) => safeStorage.encryptString(plain).toString('base64'),
    unseal: (sealed) => safeStorage.decryptString(Buffer.from(sealed, 'base64')),
  };
}

function requireKeystore(): void {
  const status = keystoreStatus(
    safeStorage.isEncryptionAvailable(),
    process.platform,
    process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : null,
  );
  if (status !== 'available') throw new HostFailure('unavailable', `OS keystore: ${status}`);
}

export function createMainHandlers(context: HostContext): MainHandlers {
  return {
    'app.info': async () => ({
      host: 'electron',
      appVersion: app.getVersion(),
      os: `${process.platform}-${process.arch}`,
      windowMode: context.mode,
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
      printed: await printPdf({
        pdf,
        printer: printer || context.settings.printer,
        copies,
        silent,
      }),
      via: 'printer',
    }),
    'file.save': async ({ suggestedName, mimeType, data }, sender) => {
      const owner = BrowserWindow.fromWebContents(sender);
      const extension = suggestedName.includes('.') ? suggestedName.split('.').pop() : undefined;
      const options = {
        defaultPath: suggestedName,
        filters: extension ? [{ name: mimeType, extensions: [extension] }] : [],
      };
      const choice = owner
        ? await dialog.showSaveDialog(owner, options)
        : await dialog.showSaveDialog(options);
      if (choice.canceled || !choice.filePath) return { saved: false };
      await writeFile(choice.filePath, data);
      return { saved: true };
    },
    'secret.seal': async ({ plaintext }) => {
      requireKeystore();
      return {
        sealed: new Uint8Array(
          safeStorage.encryptString(Buffer.from(plaintext).toString('base64')),
        ),
      };
    },
    'secret.unseal': async ({ sealed }) => {
      requireKeystore();
      let text: string;
      try {
        text = safeStorage.decryptString(Buffer.from(sealed));
      } catch {
        // Sealed on another machine or user, or damaged: the same answer for each.
        throw new HostFailure('failed', 'cannot unseal');
      }
      return { plaintext: new Uint8Array(Buffer.from(text, 'base64')) };
    },
    'kiosk.setLocked': async ({ locked, pin }, sender) => ({
      locked: context.setKioskLocked(sender, locked, pin),
    }),
    'chain.head.load': async ({ deviceId }) => ({
      head: await context.chainHeads.load(deviceId),
    }),
    'chain.head.save': async (head) => {
      await context.chainHeads.save(head);
      return { saved: true };
    },
    'idReader.read': async ({ photo }) => answerFor(await context.idCardReader.read({ photo })),
    'log.write': async (entry) => ({ written: context.rendererLog.write(entry) }),
    'log.recent': async ({ maxLines }) => ({ lines: context.recentLog(maxLines) }),
  };
}
