import { z } from 'zod';
import { DeviceIdSchema } from '../events/envelope';
import { DigestSchema, InstantSchema } from '../model';
import { InterfaceVersionSchema } from './version';

/**
 * The letter's document timestamp (issue 16): once the platform holds a record, its device asks
 * the platform, as time-stamping authority (RFC 3161), for a TimeStampToken over the SHA-256 of
 * the signed letter with its timestamp update (renderer/pdf/sign/doc-timestamp.ts). Only the
 * device that made the record may ask, and only for a record the platform holds: the token is the
 * platform's countersignature of that letter. The same digest asked again gets the same token.
 */

/** A token: one TSA certificate and an ECDSA signature, about 1.1 kB of DER. */
export const MAX_TIMESTAMP_TOKEN_BYTES = 6144;

export const LetterTimestampRequestSchema = z
  .object({
    interfaceVersion: InterfaceVersionSchema,
    deviceId: DeviceIdSchema,
    recordId: z.string().min(1).max(128),
    /** SHA-256 of the bytes the timestamp's /ByteRange covers, lower-case hex. */
    digest: DigestSchema,
  })
  .strict();
export type LetterTimestampRequest = z.infer<typeof LetterTimestampRequestSchema>;

export const LetterTimestampResponseSchema = z
  .object({
    interfaceVersion: InterfaceVersionSchema,
    recordId: z.string().min(1).max(128),
    digest: DigestSchema,
    /** The TimeStampToken's DER, base64 (standard alphabet, padded). */
    token: z
      .string()
      .regex(/^[A-Za-z0-9+/]+={0,2}$/)
      .max(Math.ceil(MAX_TIMESTAMP_TOKEN_BYTES / 3) * 4),
    /** The time the token attests, as the receipts write it. */
    time: InstantSchema,
  })
  .strict();
export type LetterTimestampResponse = z.infer<typeof LetterTimestampResponseSchema>;
