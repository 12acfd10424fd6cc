import { z } from 'zod';
import { DeviceIdSchema } from '../events/envelope';
import { DigestSchema } from '../model';
import { EvidenceDataSchema, MAX_EVIDENCE_BYTES } from './evidence';
import { PublicCommitmentSchema } from './public-query';
import { InterfaceVersionSchema } from './version';

/**
 * Two exchanges of issue 16 around the archived letter:
 *
 * - 'verify' (public): anyone holding a letter asks whether the platform holds its record and
 *   whether the document hash the letter names is the one the record signed. The answer is the
 *   record's status (valid / revoked = voided / unknown) and, for a record published to the
 *   public, its masked public view (brief §7). The QR code's URL (shared/evidence/verify-link.ts)
 *   is the same question as a GET a phone opens.
 * - 'archived-letter' (device): a clerk's device fetches the letter the platform archived, for a
 *   record of its own hall (a reprint after the local retention purge).
 */

export const VerifyRequestSchema = z
  .object({
    interfaceVersion: InterfaceVersionSchema,
    recordId: z.string().min(1).max(128),
    documentHash: DigestSchema,
  })
  .strict();
export type VerifyRequest = z.infer<typeof VerifyRequestSchema>;

export const VerifyStatusSchema = z.enum(['valid', 'revoked', 'unknown']);
export type VerifyStatus = z.infer<typeof VerifyStatusSchema>;

export const VerifyResponseSchema = z
  .object({
    interfaceVersion: InterfaceVersionSchema,
    status: VerifyStatusSchema,
    /** The presented hash is the one the record signed (false for an unknown record). */
    hashMatches: z.boolean(),
    /** The platform holds the signed letter itself (evidence), not only its hash. */
    letterArchived: z.boolean(),
    /** Masked; null when the record is unknown or not published to the public. */
    commitment: PublicCommitmentSchema.nullable(),
  })
  .strict()
  .refine((r) => r.status !== 'unknown' || (!r.hashMatches && r.commitment === null), {
    message: 'unknown-with-content',
    path: ['status'],
  });
export type VerifyResponse = z.infer<typeof VerifyResponseSchema>;

export const ArchivedLetterRequestSchema = z
  .object({
    interfaceVersion: InterfaceVersionSchema,
    deviceId: DeviceIdSchema,
    recordId: z.string().min(1).max(128),
  })
  .strict();
export type ArchivedLetterRequest = z.infer<typeof ArchivedLetterRequestSchema>;

export const ArchivedLetterResponseSchema = z
  .object({
    interfaceVersion: InterfaceVersionSchema,
    recordId: z.string().min(1).max(128),
    sha256: DigestSchema,
    /** The PDF, base64 (standard alphabet, padded). */
    data: EvidenceDataSchema,
    receivedAt: z.string().min(1).max(64),
  })
  .strict();
export type ArchivedLetterResponse = z.infer<typeof ArchivedLetterResponseSchema>;

/** The response: the letter in base64 and a few hundred bytes around it. */
export const MAX_ARCHIVED_LETTER_RESPONSE_BYTES = Math.ceil(MAX_EVIDENCE_BYTES / 3) * 4 + 8 * 1024;
