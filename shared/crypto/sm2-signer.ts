import { bytesToHex, hexToBytes } from '@noble/hashes/utils';
import { sm2, sm3 } from 'sm-crypto-v2';
import { base64urlToBytes, bytesToBase64url } from './base64url';
import type { PublicKeyInfo, Signer, Verifier } from './signing';

/**
 * The national-algorithm provider: SM2 signatures with SM3 (GB/T 32918.2, GM/T 0003-2012) on the
 * recommended curve, through sm-crypto-v2. The message is hashed with the signer's ZA (user ID and
 * public key), as the standard requires. Wire formats match the P-256 provider: raw uncompressed
 * public key (65 bytes) and raw r||s (64 bytes), both base64url.
 *
 * The private key lives in memory as hex here; a hardware key (UKey, HSM) would be another
 * Signer with the same algorithm and formats.
 */
export const SM2_ALGORITHM = 'SM2-SM3';

/** The default signer ID of GM/T 0009, used when both sides agree on no other. */
export const SM2_DEFAULT_USER_ID = '1234567812345678';

/** Order n of the SM2 recommended curve: r and s must lie in [1, n-1]. */
const SM2_ORDER = BigInt('0xFFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFF7203DF6B21C6052B53BBF40939D54123');
const HEX_PRIVATE_KEY = /^[0-9a-f]{64}$/;

export interface Sm2KeyPair {
  /** 32-byte private key, lower-case hex. */
  readonly privateKey: string;
  /** Uncompressed public point 04||x||y, lower-case hex. */
  readonly publicKey: string;
}

export interface Sm2Options {
  readonly userId?: string;
}

/** Lower-case hex SM3 digest (GB/T 32905). */
export function sm3Hex(bytes: Uint8Array): string {
  return sm3(bytes);
}

export function generateSm2KeyPair(): Sm2KeyPair {
  const { privateKey, publicKey } = sm2.generateKeyPairHex();
  return { privateKey, publicKey };
}

/** The public key of a private key, or null when the text is not a valid SM2 private key. */
export function sm2PublicKeyOf(privateKeyHex: string): string | null {
  const d = privateKeyHex.toLowerCase();
  if (!HEX_PRIVATE_KEY.test(d)) return null;
  const scalar = BigInt(`0x${d}`);
  // d = n-1 is excluded too: SM2 signing divides by (1 + d).
  if (scalar === 0n || scalar >= SM2_ORDER - 1n) return null;
  return sm2.getPublicKeyFromPrivateKey(d);
}

/** A signer for one private key, or null when the key is not a valid SM2 private key. */
export function createSm2Signer(privateKeyHex: string, options: Sm2Options = {}): Signer | null {
  const publicKey = sm2PublicKeyOf(privateKeyHex);
  if (publicKey === null) return null;
  const privateKey = privateKeyHex.toLowerCase();
  const userId = options.userId ?? SM2_DEFAULT_USER_ID;
  const info: PublicKeyInfo = {
    algorithm: SM2_ALGORITHM,
    publicKey: bytesToBase64url(hexToBytes(publicKey)),
  };
  return {
    algorithm: SM2_ALGORITHM,
    publicKeyInfo: () => Promise.resolve(info),
    sign: (data) =>
      Promise.resolve(
        bytesToBase64url(
          hexToBytes(sm2.doSignature(data, privateKey, { hash: true, publicKey, userId })),
        ),
      ),
  };
}

type Sm2Point = ReturnType<typeof sm2.precomputePublicKey>;

/** Precomputed public points per verifier: verifying against one is several times faster. */
const POINT_CACHE_LIMIT = 16;

export class Sm2Verifier implements Verifier {
  readonly algorithm = SM2_ALGORITHM;
  private readonly userId: string;
  private readonly points = new Map<string, Sm2Point | null>();

  constructor(options: Sm2Options = {}) {
    this.userId = options.userId ?? SM2_DEFAULT_USER_ID;
  }

  verify(key: PublicKeyInfo, data: Uint8Array, signature: string): Promise<boolean> {
    return Promise.resolve(this.verifySync(key, data, signature));
  }

  private verifySync(key: PublicKeyInfo, data: Uint8Array, signature: string): boolean {
    if (key.algorithm !== this.algorithm) return false;
    const point = this.publicPoint(key.publicKey);
    const sig = base64urlToBytes(signature);
    if (point === null || sig === null || sig.length !== 64) return false;
    // The library does not range-check r and s; out-of-range values would make signatures malleable.
    const r = BigInt(`0x${bytesToHex(sig.subarray(0, 32))}`);
    const s = BigInt(`0x${bytesToHex(sig.subarray(32))}`);
    if (r === 0n || s === 0n || r >= SM2_ORDER || s >= SM2_ORDER) return false;
    return sm2.doVerifySignature(data, bytesToHex(sig), point, { hash: true, userId: this.userId });
  }

  private publicPoint(text: string): Sm2Point | null {
    const cached = this.points.get(text);
    if (cached !== undefined) return cached;
    const raw = base64urlToBytes(text);
    let point: Sm2Point | null = null;
    if (raw !== null && raw.length === 65 && raw[0] === 0x04) {
      try {
        point = sm2.precomputePublicKey(bytesToHex(raw));
      } catch {
        // Not a point on the curve.
      }
    }
    if (this.points.size >= POINT_CACHE_LIMIT) this.points.clear();
    this.points.set(text, point);
    return point;
  }
}
