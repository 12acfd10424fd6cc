import type { TrustedCatalogueKey } from '../../shared/catalogue/signed';
import { createVerifiers } from '../../shared/crypto/providers';
import type { VerifierRegistry } from '../../shared/crypto/providers';
import type { Signer } from '../../shared/crypto/signing';
import type { BundleKey } from '../../shared/platform/bundle-key';
import { bundleKeySignedContent } from '../../shared/platform/enrol';
import type { EnrolResponse } from '../../shared/platform/enrol';
import { chinaInstant } from '../../shared/time';
import {
  deviceSigner,
  loadDeviceIdentity,
  saveDeviceIdentity,
  type DeviceIdentity,
} from '../device/identity';
import type { KioskDb } from '../store/db';
import { checkDeviceCertificate } from '../pki/device-certificate';
import type { CertificateProblem } from '../pki/device-certificate';
import type { PlatformClient } from './client';
import type { PlatformFailure } from './failure';
import { savePlatformBundleKey, saveTrustedKeys, verifyPlatformSignature } from './trust';

export interface EnrolInput {
  readonly hallCode: string;
  readonly window: string;
  readonly enrolmentCode: string;
  readonly appVersion: string;
  /** The platform keys provisioned with the installation (trust.ts); stored with the identity. */
  readonly trustedKeys?: readonly TrustedCatalogueKey[];
  /**
   * The platform's device-CA roots provisioned with the installation (provisioned-roots.ts), as
   * PEM. Without them the device keeps no certificate (and signs no PDF).
   */
  readonly trustedRoots?: readonly string[];
  /** Default: the device's own key pair (identity.ts). */
  readonly signer?: Signer;
  readonly now?: () => Date;
  /** Default: WebCrypto's. */
  readonly verifiers?: VerifierRegistry;
}

export type EnrolResult =
  | { readonly ok: true; readonly identity: DeviceIdentity }
  | {
      readonly ok: false;
      /**
       * platform-key-untrusted: the platform signs with a key this installation does not trust
       * (resources/trust); bad-bundle-key: the bundle key's signature does not verify;
       * bad-certificate: the device certificate is not for this device's key and id, or no
       * shipped root vouches for it.
       */
      readonly error:
        | 'already-enrolled'
        | 'demo-records-present'
        | 'platform-key-untrusted'
        | 'bad-bundle-key'
        | 'bad-certificate';
      readonly problem?: CertificateProblem;
    }
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
  const bundle = await vouchedBundleKey(enrolled, input);
  // A forged key would have pending records encrypted for someone else: nothing is stored. The
  // platform answers a retry with the same code and key with the same device.
  if (bundle === 'untrusted' || bundle === 'forged') {
    return {
      ok: false,
      error: bundle === 'untrusted' ? 'platform-key-untrusted' : 'bad-bundle-key',
    };
  }
  const now = (input.now ?? (() => new Date()))();
  let certificate: string | undefined;
  if (enrolled.deviceCertificate !== undefined && (input.trustedRoots ?? []).length > 0) {
    const check = await checkDeviceCertificate(
      enrolled.deviceCertificate,
      { deviceId: enrolled.deviceId, publicKey },
      input.trustedRoots ?? [],
      now,
    );
    // Nothing is stored: a retry with the same code gets the same device and certificate.
    if (!check.ok) return { ok: false, error: 'bad-certificate', problem: check.problem };
    certificate = enrolled.deviceCertificate;
  }
  const identity: DeviceIdentity = {
    deviceId: enrolled.deviceId,
    slot: enrolled.deviceSlot,
    divisionCode: enrolled.divisionCode,
    hallCode: input.hallCode,
    window: input.window,
    publicKey,
    enrolledAt: chinaInstant(now),
    demo: false,
    credentials: enrolled.credentialsToken,
    ...(certificate === undefined ? {} : { certificate }),
  };
  await db.transaction('rw', db.meta, async () => {
    await saveDeviceIdentity(db, identity);
    if (input.trustedKeys) await saveTrustedKeys(db, input.trustedKeys);
    if (bundle) await savePlatformBundleKey(db, bundle);
  });
  return { ok: true, identity };
}

/**
 * The bundle key when a trusted platform key signed it; null when it came unsigned (an older
 * platform) or there is no trusted key to check it with, so offline export stays unavailable.
 */
async function vouchedBundleKey(
  enrolled: EnrolResponse,
  input: EnrolInput,
): Promise<BundleKey | 'untrusted' | 'forged' | null> {
  const key = enrolled.bundleKey;
  const signature = enrolled.bundleKeySig;
  const trusted = input.trustedKeys ?? [];
  if (!key || !signature || trusted.length === 0) return null;
  if (!trusted.some((k) => k.keyId === signature.keyId)) return 'untrusted';
  const valid = await verifyPlatformSignature(
    bundleKeySignedContent(key),
    signature,
    trusted,
    input.verifiers ?? createVerifiers(crypto.subtle),
  );
  return valid ? key : 'forged';
}
