import { webcrypto } from 'node:crypto';
import { canonicalBytes, sha256Hex } from '../../shared/crypto/canonical';
import type { CanonicalJson } from '../../shared/crypto/canonical';
import { base64urlToBytes } from '../../shared/crypto/base64url';
import type { PublicKeyInfo, Signer } from '../../shared/crypto/signing';
import { createWebCryptoSigner } from '../../shared/crypto/webcrypto-signer';
import type { CatalogueSignature } from '../../shared/catalogue/signed';
import { bundleKeyId, toBundleKey } from '../../shared/platform/bundle-key';
import { bundleKeySignedContent } from '../../shared/platform/enrol';
import type { BundleKey } from '../../shared/platform/bundle-key';
import { getMeta, setMeta } from './db';
import type { Db } from './db';

/**
 * The platform's own P-256 key: made at first start and kept in the database, so that catalogues,
 * snapshots, central changes and timestamp tokens signed before a restart still verify after it.
 */

export const subtle = webcrypto.subtle;

export interface PlatformKeyMaterial {
  readonly privateJwk: webcrypto.JsonWebKey;
  readonly publicJwk: webcrypto.JsonWebKey;
}

export interface PlatformKeys {
  readonly keyId: string;
  readonly publicKey: PublicKeyInfo;
  /** For shared helpers that take a Signer (signCatalogue). */
  readonly signer: Signer;
  /** Signs the canonical JSON of `value` (RFC 8785), as every platform signature does. */
  sign(value: CanonicalJson): Promise<CatalogueSignature>;
  /** The ECDH key offline bundles are encrypted for; never used to sign. */
  readonly bundle: PlatformBundleKey;
  /** The signing key's signature over the bundle key, sent with it at enrolment. */
  readonly bundleSig: CatalogueSignature;
}

export interface PlatformBundleKey {
  readonly keyId: string;
  readonly publicKey: BundleKey;
  readonly privateKey: webcrypto.CryptoKey;
}

/** Where the signing key's material is kept; the devices' CA (ca.ts) signs with the same key. */
export const KEY_META = 'platform-key';
const BUNDLE_KEY_META = 'platform-bundle-key';
const EC = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const ECDH = { name: 'ECDH', namedCurve: 'P-256' } as const;

async function generateMaterial(): Promise<PlatformKeyMaterial> {
  const pair = await subtle.generateKey(EC, true, ['sign', 'verify']);
  return {
    privateJwk: await subtle.exportKey('jwk', pair.privateKey),
    publicJwk: await subtle.exportKey('jwk', pair.publicKey),
  };
}

async function generateBundleMaterial(): Promise<PlatformKeyMaterial> {
  const pair = await subtle.generateKey(ECDH, true, ['deriveBits']);
  return {
    privateJwk: await subtle.exportKey('jwk', pair.privateKey),
    publicJwk: await subtle.exportKey('jwk', pair.publicKey),
  };
}

async function bundleKeyFrom(material: PlatformKeyMaterial): Promise<PlatformBundleKey> {
  const publicKey = toBundleKey(material.publicJwk);
  if (publicKey === null) throw new Error('stored bundle key is not a P-256 public key');
  const privateKey = await subtle.importKey('jwk', material.privateJwk, ECDH, false, [
    'deriveBits',
  ]);
  return { keyId: bundleKeyId(publicKey), publicKey, privateKey };
}

/** Kept apart from the signing key, so that databases made before it get one at next start. */
async function loadOrCreateBundleKey(db: Db): Promise<PlatformBundleKey> {
  const stored = getMeta(db, BUNDLE_KEY_META);
  if (stored !== undefined) return bundleKeyFrom(JSON.parse(stored) as PlatformKeyMaterial);
  const material = await generateBundleMaterial();
  const key = await bundleKeyFrom(material);
  setMeta(db, BUNDLE_KEY_META, JSON.stringify(material));
  return key;
}

async function keysFrom(
  material: PlatformKeyMaterial,
  bundle: PlatformBundleKey,
): Promise<PlatformKeys> {
  const privateKey = await subtle.importKey('jwk', material.privateJwk, EC, false, ['sign']);
  const publicKey = await subtle.importKey('jwk', material.publicJwk, EC, true, ['verify']);
  const signer: Signer = createWebCryptoSigner(subtle, { privateKey, publicKey });
  const info = await signer.publicKeyInfo();
  const raw = base64urlToBytes(info.publicKey) ?? new Uint8Array();
  const keyId = `hb-platform-${sha256Hex(raw).slice(0, 16)}`;
  const sign = async (value: CanonicalJson): Promise<CatalogueSignature> => ({
    alg: signer.algorithm,
    keyId,
    value: await signer.sign(canonicalBytes(value)),
  });
  return {
    keyId,
    publicKey: info,
    signer,
    sign,
    bundle,
    bundleSig: await sign(bundleKeySignedContent(bundle.publicKey)),
  };
}

/** The stored key; else `preset` (tests share one key across databases); else a new one. */
export async function loadOrCreateKeys(
  db: Db,
  preset?: PlatformKeyMaterial,
): Promise<PlatformKeys> {
  const bundle = await loadOrCreateBundleKey(db);
  const stored = getMeta(db, KEY_META);
  if (stored !== undefined) return keysFrom(JSON.parse(stored) as PlatformKeyMaterial, bundle);
  const material = preset ?? (await generateMaterial());
  const keys = await keysFrom(material, bundle);
  setMeta(db, KEY_META, JSON.stringify(material));
  return keys;
}
