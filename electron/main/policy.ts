/**
 * Security decisions of the main process as pure functions, so that they are unit-tested
 * without the Electron binary. The main process only wires them to Electron's events.
 */
import type { WindowMode } from './window-mode';

/** The custom scheme the renderer is served from (IndexedDB data is keyed by this origin). */
export const APP_SCHEME = 'app';
export const APP_HOST = 'kiosk';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname.toLowerCase());
}

/** Only the app's own pages may be shown; everything else is refused. */
export function isAppUrl(raw: string): boolean {
  try {
    const url = new URL(raw);
    return url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST;
  } catch {
    return false;
  }
}

/** The dev server during `electron-vite dev` only: never in a packaged app. */
export function isAllowedNavigation(raw: string, devServerUrl: string | undefined): boolean {
  if (isAppUrl(raw)) return true;
  if (!devServerUrl) return false;
  try {
    return new URL(raw).origin === new URL(devServerUrl).origin;
  } catch {
    return false;
  }
}

/** Permissions the app really uses; every other request (microphone, geolocation, ...) is denied. */
const ALLOWED_PERMISSIONS = new Set(['fullscreen', 'clipboard-sanitized-write']);

/**
 * `mediaTypes`: what a 'media' request or check asks for. The camera alone is allowed, for the
 * hall's optional photo at signing; a microphone never is, nor a request that does not say.
 */
export function isPermissionAllowed(
  permission: string,
  requestingUrl: string,
  mediaTypes: readonly string[] = [],
): boolean {
  if (!isAppUrl(requestingUrl)) return false;
  if (permission === 'media')
    return mediaTypes.length > 0 && mediaTypes.every((type) => type === 'video');
  return ALLOWED_PERMISSIONS.has(permission);
}

/**
 * Maps an app:// request path to a file below the renderer's build folder; null for anything
 * that would leave it (`..`, encoded separators, absolute paths).
 */
export function resolveAppPath(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (!isAppUrl(raw)) return null;
  let path: string;
  try {
    path = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  if (path.includes('\\') || path.includes('\0')) return null;
  const parts = path.split('/').filter((p) => p.length > 0);
  if (parts.some((p) => p === '..' || p === '.')) return null;
  return parts.length === 0 ? 'index.html' : parts.join('/');
}

const MIME: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  json: 'application/json',
  svg: 'image/svg+xml',
  png: 'image/png',
  ttf: 'font/ttf',
  woff2: 'font/woff2',
};

export function mimeTypeFor(path: string): string {
  const ext = path.slice(path.lastIndexOf('.') + 1).toLowerCase();
  return MIME[ext] ?? 'application/octet-stream';
}

/**
 * The dev server electron-vite names in ELECTRON_RENDERER_URL, honoured only in an unpackaged
 * app and only on loopback: in an installed kiosk that variable must not swap the app's pages.
 */
export function devServerFrom(raw: string | undefined, isPackaged: boolean): string | undefined {
  if (isPackaged || !raw) return undefined;
  try {
    const url = new URL(raw);
    return url.protocol === 'http:' && isLoopbackHost(url.hostname) ? url.origin : undefined;
  } catch {
    return undefined;
  }
}

/** The first page of a window: the app's own, or the dev server's while developing. */
export function startUrl(mode: WindowMode, devServerUrl: string | undefined): string {
  return devServerUrl ? `${devServerUrl}/#/${mode}` : `${APP_ORIGIN}/index.html#/${mode}`;
}
