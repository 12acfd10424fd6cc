import { base64urlToBytes, bytesToBase64url } from './base64url';
import type { PublicKeyInfo, Signer, Verifier } from './signing';

/**
 * The default provider: ECDSA on P-256 with SHA-256 through WebCrypto. shared/ sees no DOM or
 * Node types, so WebCrypto comes in as the structural `SubtleLike`, which both the browser's
 * `crypto.subtle` and Node's `webcrypto.subtle` satisfy. Wire formats: the public key is the raw
 * uncompressed point (65 bytes), the signature raw r||s (IEEE P1363, 64 bytes), both base64url.
 */

/** What this module needs of a WebCrypto key: an opaque handle (CryptoKey in practice). */
export interface CryptoKeyLike {
  readonly type: string;
  readonly extractable: boolean;
}

export interface CryptoKeyPairLike {
  readonly publicKey: CryptoKeyLike;
  readonly privateKey: CryptoKeyLike;
}

export interface EcKeyParams {
  readonly name: 'ECDSA';
  readonly namedCurve: 'P-256';
}

export interface EcdsaSignParams {
  readonly name: 'ECDSA';
  readonly hash: 'SHA-256';
}

/** The part of `SubtleCrypto` used here, with the parameter shapes used here. */
export interface SubtleLike {
  generateKey(
    algorithm: EcKeyParams,
    extractable: boolean,
    keyUsages: ('sign' | 'verify')[],
  ): Promise<CryptoKeyPairLike>;
  sign(
    algorithm: EcdsaSignParams,
    key: CryptoKeyLike,
    data: Uint8Array<ArrayBuffer>,
  ): Promise<ArrayBuffer>;
  verify(
    algorithm: EcdsaSignParams,
    key: CryptoKeyLike,
    signature: Uint8Array<ArrayBuffer>,
    data: Uint8Array<ArrayBuffer>,
  ): Promise<boolean>;
  exportKey(format: 'raw', key: CryptoKeyLike): Promise<ArrayBuffer>;
  importKey(
    format: 'raw',
    keyData: Uint8Array<ArrayBuffer>,
    algorithm: EcKeyParams,
    extractable: boolean,
    keyUsages: 'verify'[],
  ): Promise<CryptoKeyLike>;
}

export const P256_ALGORITHM = 'ECDSA-P256-SHA256';
const KEY_PARAMS: EcKeyParams = { name: 'ECDSA', namedCurve: 'P-256' };
const SIGN_PARAMS: EcdsaSignParams = { name: 'ECDSA', hash: 'SHA-256' };
const RAW_PUBLIC_KEY_BYTES = 65;
const RAW_SIGNATURE_BYTES = 64;

/** The order n of P-256's base point. */
const P256_ORDER = BigInt('0xFFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551');
const P256_HALF_ORDER = P256_ORDER >> 1n;

function bigIntOf(bytes: Uint8Array): bigint {
  let value = 0n;
  for (const byte of bytes) value = (value << 8n) | BigInt(byte);
  return value;
}

function bytesOf(value: bigint, length: number): Uint8Array {
  const out = new Uint8Array(length);
  let rest = value;
  for (let i = length - 1; i >= 0; i -= 1) {
    out[i] = Number(rest & 0xffn);
    rest >>= 8n;
  }
  return out;
}

/**
 * Whether a raw r||s signature is canonical: r and s in [1, n-1] and s in the lower half. For any
 * valid (r, s), (r, n - s) verifies too; WebCrypto makes either at random and accepts both, so
 * without this rule a relay could store other bytes than the device signed (the attack run's
 * high-S copy). @noble/curves signs and verifies low-S by default; this makes WebCrypto agree.
 */
export function isCanonicalP256Signature(signature: Uint8Array): boolean {
  if (signature.length !== RAW_SIGNATURE_BYTES) return false;
  const r = bigIntOf(signature.subarray(0, 32));
  const s = bigIntOf(signature.subarray(32));
  return r > 0n && r < P256_ORDER && s > 0n && s <= P256_HALF_ORDER;
}

/** The low-S form of a raw r||s signature (the same signature when it already is). */
export function lowSP256Signature(signature: Uint8Array): Uint8Array {
  if (signature.length !== RAW_SIGNATURE_BYTES) return signature;
  const s = bigIntOf(signature.subarray(32));
  if (s <= P256_HALF_ORDER) return signature;
  const out = new Uint8Array(RAW_SIGNATURE_BYTES);
  out.set(signature.subarray(0, 32), 0);
  out.set(bytesOf(P256_ORDER - s, 32), 32);
  return out;
}

/**
 * A new device key pair. Keep `extractable: false` for a device key: the private key can then be
 * stored as a CryptoKey (IndexedDB keeps it by structured clone) and never leaves WebCrypto.
 * The public key of a generated pair is always exportable.
 */
export function generateWebCryptoKeyPair(
  subtle: SubtleLike,
  options: { readonly extractable: boolean } = { extractable: false },
): Promise<CryptoKeyPairLike> {
  return subtle.generateKey(KEY_PARAMS, options.extractable, ['sign', 'verify']);
}

/** A signer over an existing key pair (freshly generated, or loaded back from storage). */
export function createWebCryptoSigner(subtle: SubtleLike, keyPair: CryptoKeyPairLike): Signer {
  let info: Promise<PublicKeyInfo> | undefined;
  return {
    algorithm: P256_ALGORITHM,
    publicKeyInfo() {
      info ??= subtle.exportKey('raw', keyPair.publicKey).then((raw) => ({
        algorithm: P256_ALGORITHM,
        publicKey: bytesToBase64url(new Uint8Array(raw)),
      }));
      return info;
    },
    async sign(data) {
      const signature = await subtle.sign(SIGN_PARAMS, keyPair.privateKey, new Uint8Array(data));
      return bytesToBase64url(lowSP256Signature(new Uint8Array(signature)));
    },
  };
}

/** Imported public keys kept per verifier: a chain check verifies thousands against one key. */
const KEY_CACHE_LIMIT = 64;

/**
 * Verifies P-256 signatures, low-S only (isCanonicalP256Signature): one signature has one
 * spelling, so what is stored is byte for byte what the signer made.
 */
export class WebCryptoVerifier implements Verifier {
  readonly algorithm = P256_ALGORITHM;
  private readonly keys = new Map<string, Promise<CryptoKeyLike | null>>();

  constructor(private readonly subtle: SubtleLike) {}

  async verify(key: PublicKeyInfo, data: Uint8Array, signature: string): Promise<boolean> {
    if (key.algorithm !== this.algorithm) return false;
    const sig = base64urlToBytes(signature);
    if (sig === null || !isCanonicalP256Signature(sig)) return false;
    const publicKey = await this.importPublicKey(key.publicKey);
    if (publicKey === null) return false;
    try {
      return await this.subtle.verify(SIGN_PARAMS, publicKey, sig, new Uint8Array(data));
    } catch {
      return false;
    }
  }

  private importPublicKey(text: string): Promise<CryptoKeyLike | null> {
    const cached = this.keys.get(text);
    if (cached) return cached;
    const raw = base64urlToBytes(text);
    const imported =
      raw === null || raw.length !== RAW_PUBLIC_KEY_BYTES || raw[0] !== 0x04
        ? Promise.resolve(null)
        : this.subtle.importKey('raw', raw, KEY_PARAMS, true, ['verify']).catch(() => null);
    if (this.keys.size >= KEY_CACHE_LIMIT) this.keys.clear();
    this.keys.set(text, imported);
    return imported;
  }
}
