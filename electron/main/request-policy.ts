/**
 * Which requests the renderer may make. The app is served from app://kiosk; beyond that it may
 * reach loopback (the local reference platform, the dev server) and the one platform origin the
 * deployment configures. Everything else is cancelled before it leaves the machine.
 */
import { isAppUrl, isLoopbackHost } from './policy';

/**
 * The origin of a configured platform URL, or null when it is missing or unfit: only https, or
 * http to loopback, and never with credentials in the URL. The result is a bare origin, safe to
 * put into a CSP header.
 */
export function platformOriginFrom(raw: string | undefined): string | null {
  if (!raw) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.username || url.password) return null;
  const secure = url.protocol === 'https:';
  const loopback = url.protocol === 'http:' && isLoopbackHost(url.hostname);
  return secure || loopback ? url.origin : null;
}

export interface RequestContext {
  readonly platformOrigin: string | null;
}

export function isAllowedRendererRequest(raw: string, context: RequestContext): boolean {
  if (isAppUrl(raw)) return true;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  switch (url.protocol) {
    case 'data:':
    case 'blob:':
      return true;
    case 'http:':
    case 'ws:':
      return isLoopbackHost(url.hostname);
    case 'https:':
    case 'wss:':
      return (
        isLoopbackHost(url.hostname) ||
        (context.platformOrigin !== null && url.origin === context.platformOrigin)
      );
    default:
      return false;
  }
}

/**
 * The hidden print window shows a PDF from memory in Chromium's viewer: it needs its own
 * internal schemes, and nothing that reaches a network or the file system.
 */
export function isAllowedPrintRequest(raw: string): boolean {
  let protocol: string;
  try {
    protocol = new URL(raw).protocol;
  } catch {
    return false;
  }
  return !['http:', 'https:', 'ws:', 'wss:', 'file:', 'ftp:', 'app:'].includes(protocol);
}
