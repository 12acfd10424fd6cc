import type { TrustedCatalogueKey } from '../../shared/catalogue/signed';
import type { Signer } from '../../shared/crypto/signing';
import { chinaInstant } from '../../shared/time';
import {
  deviceSigner,
  loadDeviceIdentity,
  saveDeviceIdentity,
  type DeviceIdentity,
} from '../device/identity';
import type { KioskDb } from '../store/db';
import type { PlatformClient } from './client';
import type { PlatformFailure } from './failure';
import { saveTrustedKeys } from './trust';

export interface EnrolInput {
  readonly hallCode: string;
  readonly window: string;
  readonly enrolmentCode: string;
  readonly appVersion: string;
  /** The platform keys provisioned with the installation (trust.ts); stored with the identity. */
  readonly trustedKeys?: readonly TrustedCatalogueKey[];
  /** Default: the device's own key pair (identity.ts). */
  readonly signer?: Signer;
  readonly now?: () => Date;
}

export type EnrolResult =
  | { readonly ok: true; readonly identity: DeviceIdentity }
  | { readonly ok: false; readonly error: 'already-enrolled' | 'demo-records-present' }
  | { readonly ok: false; readonly error: 'platform'; readonly failure: PlatformFailure };

/**
 * First start of a device: sends the device's public key with the hall's one-time code and stores
 * what the platform assigns (device id, serial slot, division code, bearer credentials). A device
 * that already holds a real identity is never re-enrolled over it: its chain would be orphaned.
 */
export async function enrolDevice(
  db: KioskDb,
  client: PlatformClient,
  input: EnrolInput,
): Promise<EnrolResult> {
  const existing = await loadDeviceIdentity(db);
  if (existing && !existing.demo) return { ok: false, error: 'already-enrolled' };
  // A demo chain must never reach a platform, and a real chain must start at seq 1.
  if ((await db.events.count()) > 0) return { ok: false, error: 'demo-records-present' };
  const signer = input.signer ?? (await deviceSigner(db));
  const publicKey = await signer.publicKeyInfo();
  const answer = await client.enrol({
    hallCode: input.hallCode,
    window: input.window,
    enrolmentCode: input.enrolmentCode,
    publicKey,
    appVersion: input.appVersion,
  });
  if (!answer.ok) return { ok: false, error: 'platform', failure: answer.failure };
  const enrolled = answer.value;
  const identity: DeviceIdentity = {
    deviceId: enrolled.deviceId,
    slot: enrolled.deviceSlot,
    divisionCode: enrolled.divisionCode,
    hallCode: input.hallCode,
    window: input.window,
    publicKey,
    enrolledAt: chinaInstant((input.now ?? (() => new Date()))()),
    demo: false,
    credentials: enrolled.credentialsToken,
  };
  await db.transaction('rw', db.meta, async () => {
    await saveDeviceIdentity(db, identity);
    if (input.trustedKeys) await saveTrustedKeys(db, input.trustedKeys);
  });
  return { ok: true, identity };
}
