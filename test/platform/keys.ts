import { webcrypto } from 'node:crypto';
import { canonicalBytes, sha256Hex } from '../../shared/crypto/canonical';
import type { CanonicalJson } from '../../shared/crypto/canonical';
import { base64urlToBytes } from '../../shared/crypto/base64url';
import type { PublicKeyInfo, Signer } from '../../shared/crypto/signing';
import { createWebCryptoSigner } from '../../shared/crypto/webcrypto-signer';
import type { CatalogueSignature } from '../../shared/catalogue/signed';
import { getMeta, setMeta } from './db';
import type { Db } from './db';

/**
 * The platform's own P-256 key: made at first start and kept in the database, so that catalogues,
 * snapshots, central changes and timestamp tokens signed before a restart still verify after it.
 */

export const subtle = webcrypto.subtle;

export interface PlatformKeyMaterial {
  readonly privateJwk: JsonWebKey;
  readonly publicJwk: JsonWebKey;
}

export interface PlatformKeys {
  readonly keyId: string;
  readonly publicKey: PublicKeyInfo;
  /** For shared helpers that take a Signer (signCatalogue). */
  readonly signer: Signer;
  /** Signs the canonical JSON of `value` (RFC 8785), as every platform signature does. */
  sign(value: CanonicalJson): Promise<CatalogueSignature>;
}

const KEY_META = 'platform-key';
const EC = { name: 'ECDSA', namedCurve: 'P-256' } as const;

async function generateMaterial(): Promise<PlatformKeyMaterial> {
  const pair = await subtle.generateKey(EC, true, ['sign', 'verify']);
  return {
    privateJwk: await subtle.exportKey('jwk', pair.privateKey),
    publicJwk: await subtle.exportKey('jwk', pair.publicKey),
  };
}

async function keysFrom(material: PlatformKeyMaterial): Promise<PlatformKeys> {
  const privateKey = await subtle.importKey('jwk', material.privateJwk, EC, false, ['sign']);
  const publicKey = await subtle.importKey('jwk', material.publicJwk, EC, true, ['verify']);
  const signer: Signer = createWebCryptoSigner(subtle, { privateKey, publicKey });
  const info = await signer.publicKeyInfo();
  const raw = base64urlToBytes(info.publicKey) ?? new Uint8Array();
  const keyId = `hb-platform-${sha256Hex(raw).slice(0, 16)}`;
  return {
    keyId,
    publicKey: info,
    signer,
    sign: async (value) => ({
      alg: signer.algorithm,
      keyId,
      value: await signer.sign(canonicalBytes(value)),
    }),
  };
}

/** The stored key; else `preset` (tests share one key across databases); else a new one. */
export async function loadOrCreateKeys(
  db: Db,
  preset?: PlatformKeyMaterial,
): Promise<PlatformKeys> {
  const stored = getMeta(db, KEY_META);
  if (stored !== undefined) return keysFrom(JSON.parse(stored) as PlatformKeyMaterial);
  const material = preset ?? (await generateMaterial());
  const keys = await keysFrom(material);
  setMeta(db, KEY_META, JSON.stringify(material));
  return keys;
}

/**
 * What a timestamp token signs: the event's hash and the platform's time. Not yet in shared/ (the
 * push schema names the token but not its signed content); the device must build the same object.
 */
export function timestampTokenContent(hash: string, time: string): CanonicalJson {
  return { hash, time };
}
