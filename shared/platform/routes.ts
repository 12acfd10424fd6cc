import type { PlatformErrorCode } from './errors';
import type { PlatformExchange } from './messages';

/**
 * Where each exchange lives on the platform's HTTP interface, shared by the device's client and
 * the reference platform so the two can never disagree on a path.
 *
 * Every exchange is a POST of one versioned JSON body (the message of messages.ts): one way to send
 * a message, whether it reads or writes, with nothing to encode into query strings. Responses are
 * JSON bodies too: the message on success, an `ErrorBody` otherwise.
 */

export type RouteAuth =
  /** No credentials (enrolment uses its one-time code; the public query is public). */
  | 'none'
  /** `Authorization: Bearer <credentialsToken>` from enrolment; the body's deviceId must match. */
  | 'device';

export interface PlatformRoute {
  readonly method: 'POST';
  readonly path: string;
  readonly auth: RouteAuth;
}

export const PLATFORM_ROUTES = {
  enrol: { method: 'POST', path: '/v1/enrol', auth: 'none' },
  catalogue: { method: 'POST', path: '/v1/catalogue', auth: 'device' },
  'credit-snapshot': { method: 'POST', path: '/v1/credit/snapshot', auth: 'device' },
  'credit-check': { method: 'POST', path: '/v1/credit/check', auth: 'device' },
  push: { method: 'POST', path: '/v1/push', auth: 'device' },
  pull: { method: 'POST', path: '/v1/pull', auth: 'device' },
  'declare-loss': { method: 'POST', path: '/v1/chain/declared-loss', auth: 'device' },
  'rotate-key': { method: 'POST', path: '/v1/device/key-rotation', auth: 'device' },
  'letter-timestamp': { method: 'POST', path: '/v1/letters/timestamp', auth: 'device' },
  evidence: { method: 'POST', path: '/v1/evidence', auth: 'device' },
  'archived-letter': { method: 'POST', path: '/v1/letters/archived', auth: 'device' },
  verify: { method: 'POST', path: '/v1/public/verify', auth: 'none' },
  'public-query': { method: 'POST', path: '/v1/public/commitments', auth: 'none' },
  'hall-stats': { method: 'POST', path: '/v1/hall/statistics', auth: 'device' },
} as const satisfies { readonly [E in PlatformExchange]: PlatformRoute };

/**
 * The import of an offline bundle (bundle.ts) from a connected machine. Not an exchange of
 * messages.ts: the body is the bundle file as it is, and the answer is the PushResponse of the
 * batch inside. The bearer is the enrolled device that carries the file (it need not be the one
 * that made it); the bundle's own signature says which device made it.
 */
export const BUNDLE_ROUTE = {
  method: 'POST',
  path: '/v1/bundle',
  auth: 'device',
} as const satisfies PlatformRoute;

/**
 * The page a phone opens from the letter's QR code (shared/evidence/verify-link.ts): the 'verify'
 * exchange as a GET of `/v/<recordId>/<documentHash>`, answered as a small HTML page (JSON when
 * the caller asks for application/json).
 */
export const VERIFY_PAGE_ROUTE = { method: 'GET', path: '/v/:recordId/:documentHash' } as const;

export const AUTH_HEADER = 'authorization';
export const AUTH_SCHEME = 'Bearer';

/** Sent with 429 and 503: whole seconds the client waits before trying again. */
export const RETRY_AFTER_HEADER = 'retry-after';

/**
 * The HTTP status that goes with each error code. A client decides from the code, never from the
 * status alone; the status is there for proxies, logs and retry logic (5xx and 429 may be retried,
 * any other 4xx never without a change).
 */
export const PLATFORM_ERROR_STATUS = {
  malformed: 400,
  'version-mismatch': 400,
  'too-large': 413,
  unauthorised: 401,
  'unknown-device': 401,
  'device-revoked': 403,
  'enrolment-code-invalid': 403,
  'enrolment-code-used': 409,
  'enrolment-code-expired': 410,
  'no-device-slot': 409,
  'not-found': 404,
  'rate-limited': 429,
  unavailable: 503,
  internal: 500,
} as const satisfies { readonly [C in PlatformErrorCode | 'version-mismatch']: number };

/**
 * Whether an exchange that failed with this HTTP status may be sent again unchanged, after waiting
 * and honouring Retry-After (platform.md: 5xx, 408 and 429). The one definition of "retryable".
 */
export function isRetryableStatus(status: number): boolean {
  return status >= 500 || status === 408 || status === 429;
}
