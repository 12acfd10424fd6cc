import { z } from 'zod';
import { BASE64URL_PATTERN } from './base64url';
import { SIGNATURE_ALGORITHMS } from './signing';
import type { PublicKeyInfo } from './signing';

/** Wire shapes of keys and signatures, for messages and records that carry them. */
export const SignatureAlgorithmSchema = z.enum(SIGNATURE_ALGORITHMS);

export const Base64urlSchema = z.string().regex(BASE64URL_PATTERN);

export const PublicKeyInfoSchema = z
  .object({ algorithm: SignatureAlgorithmSchema, publicKey: Base64urlSchema.min(1) })
  .strict() satisfies z.ZodType<PublicKeyInfo>;

/** A detached signature: which algorithm, and base64url of its raw bytes. */
export const SignatureSchema = z
  .object({ alg: SignatureAlgorithmSchema, value: Base64urlSchema.min(1) })
  .strict();
export type Signature = z.infer<typeof SignatureSchema>;
