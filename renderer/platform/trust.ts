import { canonicalBytes } from '../../shared/crypto/canonical';
import type { CanonicalJson } from '../../shared/crypto/canonical';
import type { BundleKey } from '../../shared/platform/bundle-key';
import type { VerifierRegistry } from '../../shared/crypto/providers';
import type { CatalogueSignature, TrustedCatalogueKey } from '../../shared/catalogue/signed';
import type { KioskDb } from '../store/db';
import { readMeta, writeMeta } from '../store/meta';

export { TrustedKeysSchema } from '../store/meta';

/**
 * The platform keys this device trusts: one set for everything the platform signs (catalogue,
 * credit snapshot, central changes, timestamp tokens). Stored under the key the clerk console's
 * catalogue import reads, so a USB catalogue and a synced one are checked against the same keys.
 *
 * Enrolment does not carry the platform's key (EnrolResponse has none), and it must not: a key
 * learnt over the channel it is meant to authenticate proves nothing. The set is provisioned with
 * the installation (or by a supervisor) and passed to enrolDevice.
 */
export async function loadTrustedKeys(db: KioskDb): Promise<readonly TrustedCatalogueKey[]> {
  return (await readMeta(db, 'platformCatalogueKeys')) ?? [];
}

export async function saveTrustedKeys(
  db: KioskDb,
  keys: readonly TrustedCatalogueKey[],
): Promise<void> {
  await writeMeta(db, 'platformCatalogueKeys', [...keys]);
}

/** Whether `signature` is a trusted platform key's signature over the canonical JSON of `value`. */
export async function verifyPlatformSignature(
  value: CanonicalJson,
  signature: CatalogueSignature,
  trusted: readonly TrustedCatalogueKey[],
  verifiers: VerifierRegistry,
): Promise<boolean> {
  const key = trusted.find((k) => k.keyId === signature.keyId && k.key.algorithm === signature.alg);
  if (!key) return false;
  try {
    return await verifiers
      .verifierFor(signature.alg)
      .verify(key.key, canonicalBytes(value), signature.value);
  } catch {
    return false;
  }
}

/** The platform's offline-bundle encryption key, stored only once a trusted key has vouched for it. */
export async function loadPlatformBundleKey(db: KioskDb): Promise<BundleKey | null> {
  return (await readMeta(db, 'platformBundleKey')) ?? null;
}

export async function savePlatformBundleKey(db: KioskDb, key: BundleKey): Promise<void> {
  await writeMeta(db, 'platformBundleKey', key);
}
