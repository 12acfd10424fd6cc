import { app, BrowserWindow, ipcMain, Menu, protocol, session, type WebContents } from 'electron';
import { readFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { securityHeaders } from './csp';
import { HostFailure } from './host-failure';
import { createChainHeadStore } from './chain-head';
import { createMainHandlers, keystoreSealer } from './host-handlers';
import { hostIdCardReader } from './idcard';
import { handleInvoke, IPC_CHANNEL } from './ipc';
import {
  APP_SCHEME,
  devServerFrom,
  isAllowedNavigation,
  isPermissionAllowed,
  mimeTypeFor,
  resolveAppPath,
  startUrl,
} from './policy';
import { needsRecovery, planRecovery } from './recovery';
import { isAllowedRendererRequest } from './request-policy';
import { createRendererLogSink, readRecentLog } from './renderer-log';
import { createRotatingLog } from './rotating-log';
import { UnlockGuard } from './kiosk-unlock';
import { unlockStateFile } from './unlock-state';
import { resolveSettings } from './settings';
import { isBlockedShortcut } from './shortcuts';
import { windowModeFromArgs, type WindowMode } from './window-mode';
import { devToolsAllowed, mayClose, windowOptions } from './window-options';

const devServerUrl = devServerFrom(process.env.ELECTRON_RENDERER_URL, app.isPackaged);
const rendererDir = join(import.meta.dirname, '../renderer');
const preloadPath = join(import.meta.dirname, '../preload/index.cjs');
const mode: WindowMode = windowModeFromArgs(process.argv);
const devTools = devToolsAllowed(mode, app.isPackaged, process.env);
const logDir = join(app.getPath('userData'), 'logs');
const log = createRotatingLog({ dir: logDir });

function readSettingsFile(): string | null {
  try {
    return readFileSync(join(app.getPath('userData'), 'kiosk-settings.json'), 'utf8');
  } catch {
    return null;
  }
}
const { settings, problems } = resolveSettings(readSettingsFile(), process.env);
// The lock-out outlives a restart and is counted on the monotonic clock (kiosk-unlock.ts); while
// it lasts, its countdown is saved every half minute, so a restart gives back at most that much.
const unlockGuard = new UnlockGuard(settings.kioskUnlock, {
  store: unlockStateFile(join(app.getPath('userData'), 'kiosk-unlock-state.json')),
});
setInterval(() => unlockGuard.checkpoint(), 30_000).unref();
for (const problem of problems) log.log('warn', problem);

protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);
app.enableSandbox();

if (!app.requestSingleInstanceLock()) app.quit();

/** Windows showing app pages: only these may call the host. */
const appWindows = new Set<number>();
let kioskLocked = mode === 'kiosk';
let quitting = false;

function watchRenderer(win: BrowserWindow, start: string): void {
  const contents = win.webContents;
  let history: readonly number[] = [];
  let hangTimer: NodeJS.Timeout | undefined;
  const recover = (why: string) => {
    const plan = planRecovery(history, Date.now());
    history = plan.history;
    log.log('error', why, `reload in ${plan.delayMs} ms`);
    setTimeout(() => {
      if (!win.isDestroyed()) void win.loadURL(start);
    }, plan.delayMs);
  };
  contents.on('render-process-gone', (_event, details) => {
    clearTimeout(hangTimer);
    if (needsRecovery(details.reason)) recover(`renderer-gone:${details.reason}`);
  });
  win.on('unresponsive', () => {
    log.log('warn', 'renderer-unresponsive');
    clearTimeout(hangTimer);
    // Crashing it hands over to the render-process-gone path, the one place that reloads.
    hangTimer = setTimeout(() => contents.forcefullyCrashRenderer(), settings.hangGraceMs);
  });
  win.on('responsive', () => clearTimeout(hangTimer));
}

function createWindow(): BrowserWindow {
  const win = new BrowserWindow(windowOptions(mode, preloadPath, devTools));
  const id = win.webContents.id;
  appWindows.add(id);
  win.on('closed', () => appWindows.delete(id));
  win.removeMenu();
  win.webContents.on('before-input-event', (event, input) => {
    if (isBlockedShortcut(input, kioskLocked ? mode : 'counter', devTools)) event.preventDefault();
  });
  win.on('close', (event) => {
    if (!mayClose(mode, kioskLocked, quitting)) {
      event.preventDefault();
      log.log('warn', 'close-refused');
    }
  });
  win.on('session-end', () => {
    quitting = true;
  });
  const start = startUrl(mode, devServerUrl);
  watchRenderer(win, start);
  win.once('ready-to-show', () => win.show());
  void win.loadURL(start);
  return win;
}

function setKioskLocked(sender: WebContents, locked: boolean, pin?: string): boolean {
  const win = BrowserWindow.fromWebContents(sender);
  if (mode !== 'kiosk' || !win) throw new HostFailure('denied', 'not the kiosk window');
  if (!locked) {
    const outcome = unlockGuard.attempt(pin);
    log.log(outcome === 'unlocked' ? 'info' : 'warn', 'kiosk-unlock', outcome);
    if (outcome !== 'unlocked') throw new HostFailure('denied', outcome);
  }
  kioskLocked = locked;
  win.setKiosk(locked);
  log.log('info', locked ? 'kiosk-locked' : 'kiosk-unlocked');
  return kioskLocked;
}

void app.whenReady().then(() => {
  Menu.setApplicationMenu(null);
  const headers = securityHeaders(settings.platformOrigin);
  protocol.handle(APP_SCHEME, async (request) => {
    const path = resolveAppPath(request.url);
    if (!path) return new Response('not found', { status: 404, headers });
    try {
      const body = await readFile(join(rendererDir, path));
      return new Response(body, { headers: { ...headers, 'content-type': mimeTypeFor(path) } });
    } catch {
      return new Response('not found', { status: 404, headers });
    }
  });
  const ses = session.defaultSession;
  ses.webRequest.onBeforeRequest((details, callback) => {
    const allowed = isAllowedRendererRequest(details.url, settings);
    if (!allowed) log.log('warn', 'request-refused', safeOrigin(details.url));
    callback({ cancel: !allowed });
  });
  ses.setPermissionRequestHandler((wc, permission, callback, details) =>
    callback(
      isPermissionAllowed(
        permission,
        wc.getURL(),
        'mediaTypes' in details ? (details.mediaTypes ?? []) : [],
      ),
    ),
  );
  ses.setPermissionCheckHandler((_wc, permission, origin, details) =>
    isPermissionAllowed(permission, origin, details.mediaType ? [details.mediaType] : []),
  );
  ses.on('will-download', (event) => event.preventDefault());
  const chainHeads = createChainHeadStore(
    join(app.getPath('userData'), 'kiosk-settings.json'),
    keystoreSealer,
  );
  const idCardReader = hostIdCardReader(settings.idCardReader, (message) =>
    log.log('warn', 'id-card-reader', message),
  );
  const handlers = createMainHandlers({
    mode,
    settings,
    setKioskLocked,
    chainHeads,
    idCardReader,
    rendererLog: createRendererLogSink(log),
    recentLog: (maxLines) => readRecentLog(logDir, maxLines),
  });
  ipcMain.handle(IPC_CHANNEL, (event, channel: unknown, request: unknown) =>
    handleInvoke(handlers, event, channel, request, {
      isAppWindow: (id) => appWindows.has(id),
      devServerUrl,
    }),
  );
  log.log('info', 'started', `${mode} ${app.getVersion()}`);
  createWindow();
});

/** Only the origin of a refused URL is logged: paths and queries may carry personal data. */
function safeOrigin(raw: string): string {
  try {
    return new URL(raw).origin;
  } catch {
    return 'unparsable';
  }
}

app.on('web-contents-created', (_event, contents) => {
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    log.log('warn', 'window-open-refused', safeOrigin(url));
    return { action: 'deny' };
  });
  // The print window lives in its own session, cut off from the network, and needs its PDF
  // viewer's frames; every page of the app's own session stays on the app.
  if (contents.session !== session.defaultSession) return;
  const refuse = (event: { preventDefault(): void }, url: string) => {
    if (isAllowedNavigation(url, devServerUrl)) return;
    event.preventDefault();
    log.log('warn', 'navigation-refused', safeOrigin(url));
  };
  contents.on('will-navigate', (event, url) => refuse(event, url));
  contents.on('will-frame-navigate', (event) => refuse(event, event.url));
  contents.on('will-redirect', (event, url) => refuse(event, url));
});

app.on('child-process-gone', (_event, details) =>
  log.log('warn', 'child-process-gone', `${details.type}:${details.reason}`),
);

app.on('second-instance', () => {
  const [win] = BrowserWindow.getAllWindows();
  if (win) {
    if (win.isMinimized()) win.restore();
    win.focus();
  }
});

app.on('before-quit', () => {
  quitting = true;
});
app.on('window-all-closed', () => app.quit());
