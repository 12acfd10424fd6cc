import { app, BrowserWindow, ipcMain, protocol, session } from 'electron';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createMainHandlers } from './host-handlers';
import { handleInvoke, IPC_CHANNEL } from './ipc';
import {
  APP_ORIGIN,
  APP_SCHEME,
  isAllowedNavigation,
  isPermissionAllowed,
  mimeTypeFor,
  resolveAppPath,
} from './policy';
import { windowModeFromArgs, type WindowMode } from './window-mode';

const devServerUrl = process.env.ELECTRON_RENDERER_URL;
const rendererDir = join(import.meta.dirname, '../renderer');
const mode: WindowMode = windowModeFromArgs(process.argv);

protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);

if (!app.requestSingleInstanceLock()) app.quit();

function createWindow(): BrowserWindow {
  const kiosk = mode === 'kiosk';
  const win = new BrowserWindow({
    width: 1280,
    height: 900,
    show: false,
    kiosk,
    autoHideMenuBar: true,
    webPreferences: {
      preload: join(import.meta.dirname, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      devTools: !app.isPackaged,
    },
  });
  if (kiosk) win.removeMenu();
  win.once('ready-to-show', () => win.show());
  const start = devServerUrl ? `${devServerUrl}#/${mode}` : `${APP_ORIGIN}/index.html#/${mode}`;
  void win.loadURL(start);
  return win;
}

void app.whenReady().then(() => {
  protocol.handle(APP_SCHEME, async (request) => {
    const path = resolveAppPath(request.url);
    if (!path) return new Response('not found', { status: 404 });
    try {
      const body = await readFile(join(rendererDir, path));
      return new Response(body, { headers: { 'content-type': mimeTypeFor(path) } });
    } catch {
      return new Response('not found', { status: 404 });
    }
  });
  session.defaultSession.setPermissionRequestHandler((wc, permission, callback) =>
    callback(isPermissionAllowed(permission, wc.getURL())),
  );
  session.defaultSession.setPermissionCheckHandler((_wc, permission, origin) =>
    isPermissionAllowed(permission, origin),
  );
  const handlers = createMainHandlers(() => mode);
  ipcMain.handle(IPC_CHANNEL, (event, channel: unknown, request: unknown) =>
    handleInvoke(handlers, event, channel, request, devServerUrl),
  );
  createWindow();
});

app.on('web-contents-created', (_event, contents) => {
  contents.on('will-navigate', (event, url) => {
    if (!isAllowedNavigation(url, devServerUrl)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
});

app.on('second-instance', () => {
  const [win] = BrowserWindow.getAllWindows();
  if (win) {
    if (win.isMinimized()) win.restore();
    win.focus();
  }
});

app.on('window-all-closed', () => app.quit());
