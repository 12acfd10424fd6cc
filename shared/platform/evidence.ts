import { z } from 'zod';
import type { CanonicalJson } from '../crypto/canonical';
import { DeviceIdSchema } from '../events/envelope';
import { DigestSchema, InstantSchema } from '../model';
import { InterfaceVersionSchema } from './version';

/**
 * Evidence (issue 16): the files behind a record go to the platform, which keeps them for as long
 * as the commitment may be disputed, beside the events. One file per request, so that a run that
 * stops resumes at the next file not acknowledged, and a file sent again is answered 'duplicate'
 * with its first acknowledgement (exactly once, like events). Each file is bound to the record:
 *
 * - the signature image and the photo by the hashes the device signed in the record.signed event
 *   (signature.imageHash, photo.imageHash): the platform refuses any other bytes;
 * - the letter (the PAdES-signed PDF) by the device's signature over {deviceId, recordId, kind,
 *   sha256}; a later letter is accepted only as the same letter with an update appended (its
 *   document timestamp), never as other bytes.
 */

export const EVIDENCE_KINDS = ['letter', 'signature', 'photo'] as const;
export const EvidenceKindSchema = z.enum(EVIDENCE_KINDS);
export type EvidenceKind = z.infer<typeof EvidenceKindSchema>;

/** The MIME type each kind must have. */
export const EVIDENCE_MIME: Readonly<Record<EvidenceKind, readonly string[]>> = {
  letter: ['application/pdf'],
  signature: ['image/png'],
  photo: ['image/jpeg', 'image/png'],
};

/** One file: a letter is about 120 kB, a photo a few hundred. */
export const MAX_EVIDENCE_BYTES = 2 * 1024 * 1024;

/** An evidence file, base64 (standard alphabet, padded), no larger than MAX_EVIDENCE_BYTES. */
export const EvidenceDataSchema = z
  .string()
  .min(4)
  .max(Math.ceil(MAX_EVIDENCE_BYTES / 3) * 4)
  .regex(/^[A-Za-z0-9+/]+={0,2}$/);

/** The request: the file in base64 and a few hundred bytes around it. */
export const MAX_EVIDENCE_REQUEST_BYTES = Math.ceil(MAX_EVIDENCE_BYTES / 3) * 4 + 8 * 1024;

export const EvidenceUploadRequestSchema = z
  .object({
    interfaceVersion: InterfaceVersionSchema,
    deviceId: DeviceIdSchema,
    recordId: z.string().min(1).max(128),
    kind: EvidenceKindSchema,
    mimeType: z.string().min(1).max(64),
    /** SHA-256 of the file, lower-case hex. */
    sha256: DigestSchema,
    /** The file, base64 (standard alphabet, padded). */
    data: EvidenceDataSchema,
    /** The device key's signature (base64url) over evidenceContent(...). */
    deviceSig: z.string().min(1).max(512),
  })
  .strict()
  .refine((r) => EVIDENCE_MIME[r.kind].includes(r.mimeType), {
    message: 'wrong-mime-type',
    path: ['mimeType'],
  });
export type EvidenceUploadRequest = z.infer<typeof EvidenceUploadRequestSchema>;

export const EvidenceUploadResponseSchema = z
  .object({
    interfaceVersion: InterfaceVersionSchema,
    recordId: z.string().min(1).max(128),
    kind: EvidenceKindSchema,
    sha256: DigestSchema,
    /** 'duplicate': these bytes were already held; the first acknowledgement's time is kept. */
    verdict: z.enum(['stored', 'duplicate']),
    receivedAt: InstantSchema,
  })
  .strict();
export type EvidenceUploadResponse = z.infer<typeof EvidenceUploadResponseSchema>;

/** What the device signs for each file it hands over. */
export function evidenceContent(
  deviceId: string,
  recordId: string,
  kind: EvidenceKind,
  sha256: string,
): CanonicalJson {
  return { deviceId, recordId, kind, sha256 };
}
