import type { TrustedCatalogueKey } from '../../shared/catalogue/signed';
import type { VerifierRegistry } from '../../shared/crypto/providers';
import type { Signer } from '../../shared/crypto/signing';
import type { DeviceIdentity } from '../device/identity';
import type { PlatformClient } from '../platform/client';
import type { PlatformFailure } from '../platform/failure';
import type { KioskDb } from '../store/db';
import type { RetryPolicy } from './retry';
import type { SyncPhase } from './status';

/** Everything the engine uses from outside, each injectable so that tests control time and chance. */
export interface SyncDeps {
  readonly db: KioskDb;
  /** Speaking for this device (PlatformClient.forDevice). */
  readonly client: PlatformClient;
  readonly verifiers: VerifierRegistry;
  /** The device key: a re-check is recorded as a signed event. Without it, hits are only listed. */
  readonly signer?: Signer;
  readonly now: () => Date;
  readonly random: () => number;
  readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/** What one run of a phase needs, gathered once per run. */
export interface PhaseContext extends SyncDeps {
  readonly device: DeviceIdentity;
  readonly trusted: readonly TrustedCatalogueKey[];
  readonly retry: RetryPolicy;
  readonly signal: AbortSignal | undefined;
  readonly report: (patch: { phase?: SyncPhase; done?: number; total?: number }) => Promise<void>;
  /** The first unanswered request of the run (retry.ts RetryDeps). */
  readonly onUnreachable?: () => Promise<void>;
}

/** Why a phase stopped. Platform failures keep their kind; the rest are the engine's own checks. */
export type SyncError =
  | { readonly kind: 'platform'; readonly failure: PlatformFailure }
  | {
      readonly kind:
        | 'bad-timestamp-token'
        | 'bad-central-signature'
        | 'bad-snapshot-signature'
        | 'bad-verdicts'
        | 'catalogue-unknown-key'
        | 'catalogue-bad-signature'
        | 'catalogue-malformed'
        | 'catalogue-expired'
        | 'catalogue-not-yet-valid'
        | 'catalogue-other-hall'
        | 'no-platform-key'
        | 'not-enrolled'
        | 'aborted'
        | 'store-damaged'
        | 'key-rotation-refused'
        | 'key-rotation-bad-approval'
        | 'key-rotation-pending'
        | 'internal';
    };

export type PhaseResult<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: SyncError };
