/**
 * The Content-Security-Policy of every page. Node-free and Electron-free so that the renderer's
 * build config imports it too: the web build carries it in a meta tag, the desktop app sends it
 * as a header from the app:// protocol, where it can also forbid framing.
 */

const LOOPBACK_CONNECT = ['http://127.0.0.1:*', 'http://localhost:*'];

function directives(connectExtra: readonly string[]): string[] {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    ['connect-src', "'self'", ...LOOPBACK_CONNECT, ...connectExtra].join(' '),
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ];
}

/** For a meta tag: `frame-ancestors` is ignored there, so it is left out. */
export const CONTENT_SECURITY_POLICY = directives([]).join('; ');

/**
 * The header form: the same policy, no framing by anyone, and the configured platform's origin
 * (when there is one) as the only non-loopback place the page may connect to.
 */
export function contentSecurityPolicyHeader(platformOrigin: string | null): string {
  return [...directives(platformOrigin ? [platformOrigin] : []), "frame-ancestors 'none'"].join(
    '; ',
  );
}

/** Headers on every app:// response. */
export function securityHeaders(platformOrigin: string | null): Record<string, string> {
  return {
    'content-security-policy': contentSecurityPolicyHeader(platformOrigin),
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cross-origin-opener-policy': 'same-origin',
  };
}

/**
 * Web mode's server (vite preview, which `npm run start:web` and the end-to-end tests use): the
 * desktop app's headers for a page without a configured platform, and X-Frame-Options for
 * browsers that predate frame-ancestors.
 */
export function webServerHeaders(): Record<string, string> {
  return { ...securityHeaders(null), 'x-frame-options': 'DENY' };
}
