import type { ErrorIssue, PlatformErrorCode } from '../../shared/platform/errors';
import { isRetryableStatus } from '../../shared/platform/routes';
import type { VersionMismatch } from '../../shared/platform/version';

/**
 * Why an exchange with the platform did not give a usable answer. Each kind asks for a different
 * reaction: wait and retry (network, timeout, retry-after, 5xx), stop and tell the clerk
 * (unauthorised, version-mismatch), or never resend unchanged (other 4xx, bad-response).
 */
export type PlatformFailure =
  /** fetch itself failed: refused, reset, DNS, or the answer broke off mid-body. */
  | { readonly kind: 'network' }
  | { readonly kind: 'timeout' }
  /** The caller's own signal aborted the exchange (a reload, a stop). */
  | { readonly kind: 'aborted' }
  | {
      readonly kind: 'http';
      readonly status: number;
      /** From the ErrorBody; null when the body was not one. */
      readonly code: PlatformErrorCode | null;
      readonly issues: readonly ErrorIssue[];
    }
  /** 429 or 503 with a Retry-After the client must honour. */
  | {
      readonly kind: 'retry-after';
      readonly status: number;
      readonly code: PlatformErrorCode | null;
      readonly seconds: number;
    }
  | { readonly kind: 'version-mismatch'; readonly mismatch: VersionMismatch }
  | { readonly kind: 'unauthorised'; readonly status: number; readonly code: PlatformErrorCode }
  /** 200 with a body that is not the exchange's message (schema, size, JSON). */
  | { readonly kind: 'bad-response'; readonly issues: readonly ErrorIssue[] };

export type PlatformFailureKind = PlatformFailure['kind'];

/** A short machine code for status displays and logs (the UI translates it). */
export function failureCode(failure: PlatformFailure): string {
  switch (failure.kind) {
    case 'http':
      return failure.code ?? `http-${failure.status}`;
    case 'retry-after':
      return failure.code ?? 'rate-limited';
    case 'unauthorised':
      return failure.code;
    default:
      return failure.kind;
  }
}

/** Whether sending the same message again later may succeed (platform.md: 5xx, 408 and 429). */
export function isTransient(failure: PlatformFailure): boolean {
  switch (failure.kind) {
    case 'network':
    case 'timeout':
    case 'retry-after':
      return true;
    case 'http':
      return isRetryableStatus(failure.status);
    default:
      return false;
  }
}
