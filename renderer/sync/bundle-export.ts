import type { Signer } from '../../shared/crypto/signing';
import { MAX_PUSH_BATCH } from '../../shared/platform/limits';
import { sealBundle, type SealBundleError } from '../../shared/platform/bundle';
import type { DeviceIdentity } from '../device/identity';
import { loadPlatformBundleKey } from '../platform/trust';
import type { KioskDb, StoredEvent } from '../store/db';

/**
 * The offline way to the platform: the device's pending events, sealed for the platform and signed
 * by the device, as files a clerk carries on a USB stick to a connected machine. The platform
 * imports them through its push path, so they count once however often they arrive, by file or
 * later by network (then as 'duplicate', with the same receipts).
 */

export interface BundleFile {
  readonly name: string;
  readonly bytes: Uint8Array;
  readonly fromSeq: number;
  readonly toSeq: number;
  readonly events: number;
}

export type BundleExportError = 'no-pending' | 'no-bundle-key' | 'missing-event' | SealBundleError;

export type BundleExportResult =
  | { readonly ok: true; readonly files: readonly BundleFile[] }
  | { readonly ok: false; readonly error: BundleExportError };

export interface BundleExportDeps {
  readonly db: KioskDb;
  readonly signer: Signer;
  readonly device: DeviceIdentity;
  readonly now: () => Date;
}

/** Every pending event in seq order, in files of one push batch each, to be imported in order. */
export async function exportPendingBundles(deps: BundleExportDeps): Promise<BundleExportResult> {
  const key = await loadPlatformBundleKey(deps.db);
  if (!key) return { ok: false, error: 'no-bundle-key' };
  const pending = await deps.db.outbox.where('state').equals('pending').sortBy('seq');
  if (pending.length === 0) return { ok: false, error: 'no-pending' };
  const stored = await deps.db.events.bulkGet(pending.map((p) => p.eventId));
  const events = stored.filter((e): e is StoredEvent => e !== undefined);
  if (events.length !== pending.length) return { ok: false, error: 'missing-event' };
  const files: BundleFile[] = [];
  for (let i = 0; i < events.length; i += MAX_PUSH_BATCH) {
    const chunk = events.slice(i, i + MAX_PUSH_BATCH);
    const sealed = await sealBundle(chunk, {
      deviceId: deps.device.deviceId,
      signer: deps.signer,
      platformEncryptionKey: key,
      subtle: crypto.subtle,
      now: deps.now,
    });
    if (!sealed.ok) return { ok: false, error: sealed.error };
    const { fromSeq, toSeq } = sealed.header.cursor;
    const part = String(files.length + 1).padStart(2, '0');
    files.push({
      name: `${deps.device.deviceId}-${part}-seq${fromSeq}-${toSeq}.cck-bundle.json`,
      bytes: sealed.bytes,
      fromSeq,
      toSeq,
      events: chunk.length,
    });
  }
  return { ok: true, files };
}
