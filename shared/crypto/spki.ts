import { base64urlToBytes, bytesToBase64url } from './base64url';
import type { PublicKeyInfo, SignatureAlgorithm } from './signing';

/**
 * A device key as X.509 carries it: SubjectPublicKeyInfo (RFC 5480), id-ecPublicKey with the named
 * curve, and the raw uncompressed point. Both curves' encodings have the same fixed shape, so the
 * DER is a constant prefix and the 65-byte point; no ASN.1 library is needed in shared/.
 */

const PREFIX_HEX: Readonly<Record<SignatureAlgorithm, string>> = {
  // SEQUENCE { SEQUENCE { id-ecPublicKey, prime256v1 }, BIT STRING (66 bytes) }
  'ECDSA-P256-SHA256': '3059301306072a8648ce3d020106082a8648ce3d030107034200',
  // The same with the SM2 curve, 1.2.156.10197.1.301 (GM/T 0006).
  'SM2-SM3': '3059301306072a8648ce3d020106082a811ccf5501822d034200',
};
const POINT_BYTES = 65;

function hexBytes(hex: string): Uint8Array {
  return Uint8Array.from(hex.match(/../g) ?? [], (h) => parseInt(h, 16));
}

const PREFIXES = Object.entries(PREFIX_HEX).map(([algorithm, hex]) => ({
  algorithm: algorithm as SignatureAlgorithm,
  prefix: hexBytes(hex),
}));

/** The SubjectPublicKeyInfo DER of a device key; null when the key is not a raw EC point. */
export function spkiOf(key: PublicKeyInfo): Uint8Array | null {
  const point = base64urlToBytes(key.publicKey);
  if (point === null || point.length !== POINT_BYTES || point[0] !== 0x04) return null;
  const prefix = hexBytes(PREFIX_HEX[key.algorithm]);
  const der = new Uint8Array(prefix.length + POINT_BYTES);
  der.set(prefix);
  der.set(point, prefix.length);
  return der;
}

/** The device key a SubjectPublicKeyInfo holds; null for any other key type or curve. */
export function publicKeyInfoOfSpki(der: Uint8Array): PublicKeyInfo | null {
  for (const { algorithm, prefix } of PREFIXES) {
    if (der.length !== prefix.length + POINT_BYTES) continue;
    if (!prefix.every((b, i) => der[i] === b)) continue;
    const point = der.subarray(prefix.length);
    if (point[0] !== 0x04) return null;
    return { algorithm, publicKey: bytesToBase64url(point) };
  }
  return null;
}
