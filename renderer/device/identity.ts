import { z } from 'zod';
import {
  createWebCryptoSigner,
  generateWebCryptoKeyPair,
  type CryptoKeyPairLike,
} from '../../shared/crypto/webcrypto-signer';
import { PublicKeyInfoSchema } from '../../shared/crypto/schemas';
import type { Signer } from '../../shared/crypto/signing';
import { DeviceIdSchema } from '../../shared/events/envelope';
import { CertificateDerSchema } from '../../shared/platform/enrol';
import {
  MAX_DEVICE_SLOT,
  MIN_DEVICE_SLOT,
  DivisionCodeSchema,
} from '../../shared/record/commitment-code';
import type { KioskDb } from '../store/db';

const DEVICE_KEY = 'device';
const KEYS_KEY = 'deviceKeys';

/** What enrolment gives the device: who it is, where, and which serial range it owns. */
export const DeviceIdentitySchema = z
  .object({
    deviceId: DeviceIdSchema,
    slot: z.number().int().min(MIN_DEVICE_SLOT).max(MAX_DEVICE_SLOT),
    /** The accepting place's division code, the first 6 digits of every commitment code. */
    divisionCode: DivisionCodeSchema,
    hallCode: z.string().min(1).max(32),
    window: z.string().min(1).max(32),
    publicKey: PublicKeyInfoSchema,
    enrolledAt: z.string(),
    /** Made locally for the demo: records it signs are never sent to a real platform. */
    demo: z.boolean(),
    /** The platform's bearer token from enrolment (shared/platform/enrol.ts). */
    credentials: z.string().max(4096).optional(),
    /**
     * The device's X.509 certificate (base64 DER) from enrolment, checked against a shipped root:
     * the device signs its PDF letters under it. Absent: no PDF signature.
     */
    certificate: CertificateDerSchema.optional(),
  })
  .strict();
export type DeviceIdentity = z.infer<typeof DeviceIdentitySchema>;

/**
 * The device key pair is generated once, non-extractable: the private key is a CryptoKey kept in
 * IndexedDB that no script can read out, only use to sign on this device.
 */
export async function deviceKeyPair(db: KioskDb): Promise<CryptoKeyPair> {
  const stored = (await db.meta.get(KEYS_KEY))?.value as CryptoKeyPair | undefined;
  if (stored) return stored;
  const pair = (await generateWebCryptoKeyPair(crypto.subtle, {
    extractable: false,
  })) as CryptoKeyPairLike as CryptoKeyPair;
  // Another tab may have raced us: keep whichever pair was stored first.
  return db.transaction('rw', db.meta, async () => {
    const again = (await db.meta.get(KEYS_KEY))?.value as CryptoKeyPair | undefined;
    if (again) return again;
    await db.meta.put({ key: KEYS_KEY, value: pair });
    return pair;
  });
}

export async function deviceSigner(db: KioskDb): Promise<Signer> {
  return createWebCryptoSigner(crypto.subtle, await deviceKeyPair(db));
}

export async function loadDeviceIdentity(db: KioskDb): Promise<DeviceIdentity | null> {
  const parsed = DeviceIdentitySchema.safeParse((await db.meta.get(DEVICE_KEY))?.value);
  return parsed.success ? parsed.data : null;
}

export async function saveDeviceIdentity(db: KioskDb, identity: DeviceIdentity): Promise<void> {
  await db.meta.put({ key: DEVICE_KEY, value: DeviceIdentitySchema.parse(identity) });
}
