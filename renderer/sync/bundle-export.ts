import type { Signer } from '../../shared/crypto/signing';
import { MAX_PUSH_BATCH } from '../../shared/platform/limits';
import { sealBundle, type SealBundleError } from '../../shared/platform/bundle';
import type { DeviceIdentity } from '../device/identity';
import { loadPlatformBundleKey } from '../platform/trust';
import type { KioskDb, StoredEvent } from '../store/db';
import { deleteMeta, readMeta, writeMeta } from '../store/meta';
import type { MetaValue } from '../store/meta';
import { loadDeviceIdentity } from '../device/identity';
import { rotationPending } from './key-rotation';

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

/**
 * 'rotation-pending': a key rotation waits for the platform's approval (sync/key-rotation.ts). The
 * bundle would be signed with the new key, which a platform that never saw the rotation does not
 * know; the rotation needs the network, so the hall syncs first.
 */
export type BundleExportError =
  'no-pending' | 'no-bundle-key' | 'missing-event' | 'rotation-pending' | SealBundleError;

export type BundleExportResult =
  | {
      readonly ok: true;
      readonly files: readonly BundleFile[];
      /** The public key (base64url) that signed the files. */
      readonly signedBy: string;
    }
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
  if (await rotationPending(deps.db)) return { ok: false, error: 'rotation-pending' };
  const pending = await deps.db.outbox.where('state').equals('pending').sortBy('seq');
  if (pending.length === 0) return { ok: false, error: 'no-pending' };
  const stored = await deps.db.events.bulkGet(pending.map((p) => p.eventId));
  const events = stored.filter((e): e is StoredEvent => e !== undefined);
  if (events.length !== pending.length) return { ok: false, error: 'missing-event' };
  const signedBy = (await deps.signer.publicKeyInfo()).publicKey;
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
  return { ok: true, files, signedBy };
}

export type BundleExportNote = MetaValue<'bundleExport'>;

/** Notes the files just saved, with the key that signed them (see staleBundleExport). */
export async function noteBundlesSaved(
  db: KioskDb,
  exported: { readonly files: readonly BundleFile[]; readonly signedBy: string },
  at: Date,
): Promise<void> {
  const first = exported.files[0];
  const last = exported.files.at(-1);
  if (!first || !last) return;
  await writeMeta(db, 'bundleExport', {
    at: at.toISOString(),
    fromSeq: first.fromSeq,
    toSeq: last.toSeq,
    files: exported.files.length,
    signedBy: exported.signedBy,
  });
}

/** Nothing is waiting any more: files saved earlier carry nothing the platform lacks. */
export async function forgetBundleExport(db: KioskDb): Promise<void> {
  await deleteMeta(db, 'bundleExport');
}

/**
 * The last bundles saved, when a key rotation has retired the key that signed them since: the
 * platform checks a bundle's signature under the device's current key, so it refuses those files
 * and the supervisor is told to export again (a rotation starts only once the platform holds every
 * event, so the old files carry nothing it lacks; what has waited since goes into the new files).
 */
export async function staleBundleExport(db: KioskDb): Promise<BundleExportNote | null> {
  const [note, device] = await Promise.all([readMeta(db, 'bundleExport'), loadDeviceIdentity(db)]);
  if (!note || !device || device.publicKey.publicKey === note.signedBy) return null;
  const retired = (device.retiredKeys ?? []).some((r) => r.key.publicKey === note.signedBy);
  return retired ? note : null;
}
