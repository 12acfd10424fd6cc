import canonicalizeJson from 'canonicalize';
import { sha256 } from '@noble/hashes/sha256';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils';

/** JSON values that have one canonical form (RFC 8785): no undefined, no functions, finite numbers. */
export type CanonicalJson =
  | string
  | number
  | boolean
  | null
  | readonly CanonicalJson[]
  | { readonly [key: string]: CanonicalJson };

/** RFC 8785 (JCS) serialisation: the exact bytes that hashes and signatures cover. */
export function canonicalize(value: CanonicalJson): string {
  const text = canonicalizeJson(value);
  if (text === undefined) throw new Error('value has no canonical JSON form');
  return text;
}

export function canonicalBytes(value: CanonicalJson): Uint8Array {
  return utf8ToBytes(canonicalize(value));
}

/** Lower-case hex SHA-256 of the canonical serialisation. */
export function contentHash(value: CanonicalJson): string {
  return bytesToHex(sha256(canonicalBytes(value)));
}

export function sha256Hex(bytes: Uint8Array): string {
  return bytesToHex(sha256(bytes));
}
