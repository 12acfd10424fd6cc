import type { z } from 'zod';
import {
  createWebCryptoSigner,
  generateWebCryptoKeyPair,
  type CryptoKeyPairLike,
} from '../../shared/crypto/webcrypto-signer';
import type { Signer } from '../../shared/crypto/signing';
import type { KioskDb } from '../store/db';
import type { DeviceIdentitySchema } from '../store/meta';
import { readMeta, writeMeta } from '../store/meta';

export { DeviceIdentitySchema } from '../store/meta';

export type DeviceIdentity = z.infer<typeof DeviceIdentitySchema>;

/**
 * The device key pair is generated once, non-extractable: the private key is a CryptoKey kept in
 * IndexedDB that no script can read out, only use to sign on this device.
 */
export async function deviceKeyPair(db: KioskDb): Promise<CryptoKeyPair> {
  const stored = await readMeta(db, 'deviceKeys');
  if (stored) return stored;
  const pair = (await generateWebCryptoKeyPair(crypto.subtle, {
    extractable: false,
  })) as CryptoKeyPairLike as CryptoKeyPair;
  // Another tab may have raced us: keep whichever pair was stored first.
  return db.transaction('rw', db.meta, async () => {
    const again = await readMeta(db, 'deviceKeys');
    if (again) return again;
    return writeMeta(db, 'deviceKeys', pair);
  });
}

export async function deviceSigner(db: KioskDb): Promise<Signer> {
  return createWebCryptoSigner(crypto.subtle, await deviceKeyPair(db));
}

export async function loadDeviceIdentity(db: KioskDb): Promise<DeviceIdentity | null> {
  return (await readMeta(db, 'device')) ?? null;
}

export async function saveDeviceIdentity(db: KioskDb, identity: DeviceIdentity): Promise<void> {
  await writeMeta(db, 'device', identity);
}
