import type { BrowserWindowConstructorOptions } from 'electron';
import type { WindowMode } from './window-mode';

/**
 * Developer tools: never in a packaged app; while developing, in the counter window, and in the
 * kiosk only when asked for with KIOSK_DEVTOOLS=1 (so the kiosk is tried out as it ships).
 */
export function devToolsAllowed(
  mode: WindowMode,
  isPackaged: boolean,
  env: Readonly<Record<string, string | undefined>>,
): boolean {
  if (isPackaged) return false;
  return mode === 'counter' || env.KIOSK_DEVTOOLS === '1';
}

/** The hardened web preferences shared by every window that shows app pages. */
export function appWebPreferences(
  preloadPath: string,
  devTools: boolean,
): NonNullable<BrowserWindowConstructorOptions['webPreferences']> {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInSubFrames: false,
    nodeIntegrationInWorker: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
    safeDialogs: true,
    // Middle click would otherwise ask for a new window (which is refused anyway).
    disableBlinkFeatures: 'Auxclick',
    devTools,
  };
}

export function windowOptions(
  mode: WindowMode,
  preloadPath: string,
  devTools: boolean,
): BrowserWindowConstructorOptions {
  const webPreferences = appWebPreferences(preloadPath, devTools);
  if (mode === 'kiosk') {
    return {
      show: false,
      kiosk: true,
      fullscreen: true,
      autoHideMenuBar: true,
      minimizable: false,
      maximizable: false,
      resizable: false,
      movable: false,
      skipTaskbar: false,
      backgroundColor: '#ffffff',
      webPreferences,
    };
  }
  return {
    show: false,
    width: 1280,
    height: 900,
    minWidth: 1024,
    minHeight: 700,
    autoHideMenuBar: true,
    backgroundColor: '#ffffff',
    webPreferences,
  };
}

/**
 * Whether a window may close: the counter always; the kiosk only after a supervisor unlocked it
 * through `kiosk.setLocked`, or while the whole app is quitting on the system's request.
 */
export function mayClose(mode: WindowMode, locked: boolean, appQuitting: boolean): boolean {
  return mode === 'counter' || !locked || appQuitting;
}
