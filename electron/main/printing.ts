import { BrowserWindow, session, type Session, type WebContents } from 'electron';
import { isAllowedPrintRequest } from './request-policy';

/** In memory, apart from the app's session: a printed PDF leaves nothing on disk or in the app. */
const PRINT_PARTITION = 'print';
/** Chromium's PDF viewer paints after load resolves; printing at once gives blank pages. */
const VIEWER_SETTLE_MS = 400;

let printSessionReady = false;

function printSession(): Session {
  const printing = session.fromPartition(PRINT_PARTITION, { cache: false });
  if (!printSessionReady) {
    printing.webRequest.onBeforeRequest((details, callback) =>
      callback({ cancel: !isAllowedPrintRequest(details.url) }),
    );
    printing.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
    printSessionReady = true;
  }
  return printing;
}

export interface PrintJob {
  readonly pdf: Uint8Array;
  readonly printer: string | null;
  readonly copies: number;
  readonly silent: boolean;
}

/** Prints a PDF from a hidden window that shows it in Chromium's own PDF viewer. */
export async function printPdf(job: PrintJob): Promise<boolean> {
  const win = new BrowserWindow({
    show: false,
    webPreferences: {
      session: printSession(),
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      plugins: true,
      disableBlinkFeatures: 'Auxclick',
    },
  });
  try {
    await win.loadURL(`data:application/pdf;base64,${Buffer.from(job.pdf).toString('base64')}`);
    await new Promise((resolve) => setTimeout(resolve, VIEWER_SETTLE_MS));
    return await new Promise<boolean>((resolve) => {
      win.webContents.print(
        {
          silent: job.silent,
          copies: job.copies,
          printBackground: true,
          ...(job.printer ? { deviceName: job.printer } : {}),
        },
        (success) => resolve(success),
      );
    });
  } finally {
    win.destroy();
  }
}

/**
 * A page as an A4 PDF (a clerk's day report, say). Ready for a `print.pageToPdf` channel, which
 * the bridge contract does not have yet.
 */
export async function pageToPdf(contents: WebContents): Promise<Uint8Array> {
  const pdf = await contents.printToPDF({
    pageSize: 'A4',
    printBackground: true,
    preferCSSPageSize: true,
  });
  return new Uint8Array(pdf);
}
