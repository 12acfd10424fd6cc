import { z } from 'zod';
import { sha256 } from '@noble/hashes/sha256';
import { concatBytes } from '@noble/hashes/utils';
import { base64urlToBytes, bytesToBase64url } from '../crypto/base64url';
import { canonicalBytes } from '../crypto/canonical';

/**
 * The platform's key for offline bundles (bundle.ts): an ECDH P-256 public key, separate from its
 * signing key, handed to the device at enrolment as a JWK. Only the members of a P-256 public JWK
 * are accepted, so that a private `d` or a foreign curve never travels as a "public key".
 */

/** A P-256 coordinate: 32 bytes, unpadded base64url. */
const CoordinateSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{43}$/)
  .refine((text) => base64urlToBytes(text)?.length === 32, { message: 'bad-coordinate' });

export const BundleKeySchema = z
  .object({
    kty: z.literal('EC'),
    crv: z.literal('P-256'),
    x: CoordinateSchema,
    y: CoordinateSchema,
  })
  .strict();
export type BundleKey = z.infer<typeof BundleKeySchema>;

/** The uncompressed point 04||x||y that WebCrypto imports as 'raw'. */
export function bundleKeyRaw(key: BundleKey): Uint8Array<ArrayBuffer> {
  const x = base64urlToBytes(key.x) ?? new Uint8Array(32);
  const y = base64urlToBytes(key.y) ?? new Uint8Array(32);
  return new Uint8Array(concatBytes(Uint8Array.of(0x04), x, y));
}

/** RFC 7638 thumbprint: names the recipient key in a bundle, so a rotated key is told apart. */
export function bundleKeyId(key: BundleKey): string {
  return bytesToBase64url(
    sha256(canonicalBytes({ crv: key.crv, kty: key.kty, x: key.x, y: key.y })),
  );
}

/** The public members of any EC JWK (WebCrypto exports add `ext`, `key_ops`), or null. */
export function toBundleKey(jwk: unknown): BundleKey | null {
  if (typeof jwk !== 'object' || jwk === null) return null;
  const { kty, crv, x, y } = jwk as Record<string, unknown>;
  const parsed = BundleKeySchema.safeParse({ kty, crv, x, y });
  return parsed.success ? parsed.data : null;
}
