import { z } from 'zod';
import { DigestSchema } from '../model';

/**
 * What ties a printed or archived letter to its record (issue 16):
 *
 * - the QR code carries a verify URL of the platform (`<platform>/v/<recordId>/<documentHash>`),
 *   which a phone opens: the platform answers with the masked public view and whether the hash
 *   is the one the record signed;
 * - the PDF's own Info dictionary carries the same reference as a marker (`/CCKVerify`), inside the
 *   revision the device signs, so that a verifier reads it from the signed bytes without reading
 *   the page text.
 *
 * A device that has no platform (demo) prints the marker text itself in the QR code.
 */

export const VERIFY_PATH_PREFIX = '/v/';
export const VERIFY_MARKER_PREFIX = 'CCK2';
/** The Info dictionary key that holds the marker in a signed letter. */
export const VERIFY_INFO_KEY = 'CCKVerify';

export const VerifyReferenceSchema = z
  .object({
    recordId: z.string().min(1).max(128),
    /** The SHA-256 of the commitment document the record signed (record.signed document.hash). */
    documentHash: DigestSchema,
  })
  .strict();
export type VerifyReference = z.infer<typeof VerifyReferenceSchema>;

/** The URL a phone opens; `base` is the configured platform URL (trailing slashes dropped). */
export function verifyUrl(base: string, ref: VerifyReference): string {
  return `${base.replace(/\/+$/, '')}${VERIFY_PATH_PREFIX}${encodeURIComponent(ref.recordId)}/${ref.documentHash}`;
}

/** The marker the signed revision carries: `CCK2:<recordId, URI-encoded>:<documentHash>`. */
export function verifyMarker(ref: VerifyReference): string {
  return `${VERIFY_MARKER_PREFIX}:${encodeURIComponent(ref.recordId)}:${ref.documentHash}`;
}

function decoded(recordId: string): string | null {
  try {
    return decodeURIComponent(recordId);
  } catch {
    return null;
  }
}

/** A marker or a verify URL read back; null for anything else (a letter of another system). */
export function parseVerifyReference(text: string): VerifyReference | null {
  const marker = /^CCK2:([^:/\s]{1,400}):([0-9a-f]{64})$/.exec(text);
  const url = /^https?:\/\/[^\s]+?\/v\/([^/\s?#]{1,400})\/([0-9a-f]{64})$/.exec(text);
  const match = marker ?? url;
  if (!match?.[1] || !match[2]) return null;
  const recordId = decoded(match[1]);
  if (recordId === null) return null;
  const parsed = VerifyReferenceSchema.safeParse({ recordId, documentHash: match[2] });
  return parsed.success ? parsed.data : null;
}
