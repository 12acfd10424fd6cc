import { utf8ToBytes } from '@noble/hashes/utils';
import { z } from 'zod';
import { CatalogueSignatureSchema as PlatformSignatureSchema } from '../catalogue/signed';
import type { CatalogueSignature } from '../catalogue/signed';
import type { CanonicalJson } from '../crypto/canonical';
import { DeviceIdSchema } from '../events/envelope';
import { InstantSchema } from '../model';
import { parseUtf8Json } from './bundle';
import { PushVerdictSchema } from './push';
import type { PushVerdict } from './push';
import { InterfaceVersionSchema, PLATFORM_INTERFACE_VERSION } from './version';

/**
 * The way back for the offline bundle: after importing a device's bundles, the platform writes
 * the device's final verdicts (receipts for the events it holds, refusals of the events whose
 * content it refused) into one file, signed with its key, that the clerk carries back. The device
 * applies it as it applies a push answer: every timestamp token checked against its own event,
 * nothing applied unless the whole file verifies.
 */

export const RECEIPTS_FILE_FORMAT = 'cck-receipts';
export const MAX_RECEIPTS_FILE_BYTES = 32 * 1024 * 1024;
/** About a year of a busy window; a file of this many stays well under the size limit. */
export const MAX_RECEIPTS = 50_000;

export const ReceiptsFileBodySchema = z
  .object({
    format: z.literal(RECEIPTS_FILE_FORMAT),
    interfaceVersion: InterfaceVersionSchema,
    deviceId: DeviceIdSchema,
    issuedAt: InstantSchema,
    /** In seq order, one per event at most. */
    verdicts: z.array(PushVerdictSchema).min(1).max(MAX_RECEIPTS),
  })
  .strict()
  .superRefine((body, ctx) => {
    body.verdicts.forEach((v, i) => {
      const prev = body.verdicts[i - 1];
      if (prev && v.seq <= prev.seq)
        ctx.addIssue({
          code: 'custom',
          path: ['verdicts', i, 'seq'],
          message: 'seq-not-increasing',
        });
    });
  });
export type ReceiptsFileBody = z.infer<typeof ReceiptsFileBodySchema>;

export const ReceiptsFileSchema = z
  .object({ body: ReceiptsFileBodySchema, platformSig: PlatformSignatureSchema })
  .strict();
export type ReceiptsFile = z.infer<typeof ReceiptsFileSchema>;

export function receiptsFileBody(
  deviceId: string,
  issuedAt: string,
  verdicts: readonly PushVerdict[],
): ReceiptsFileBody {
  return {
    format: RECEIPTS_FILE_FORMAT,
    interfaceVersion: PLATFORM_INTERFACE_VERSION,
    deviceId,
    issuedAt,
    verdicts: [...verdicts],
  };
}

/** What the platform signs: the body exactly as the file will carry it (JSON, absent keys absent). */
export function receiptsSignedContent(body: ReceiptsFileBody): CanonicalJson {
  return JSON.parse(JSON.stringify(body)) as CanonicalJson;
}

export function encodeReceiptsFile(body: ReceiptsFileBody, platformSig: CatalogueSignature) {
  return utf8ToBytes(JSON.stringify({ body, platformSig } satisfies ReceiptsFile));
}

export type ReceiptsFileError = 'too-large' | 'bad-format' | 'version';

/** The file's shape; its signature is the reader's to check, against the keys it trusts. */
export function parseReceiptsFile(
  bytes: Uint8Array,
):
  | { readonly ok: true; readonly file: ReceiptsFile; readonly signed: CanonicalJson }
  | { readonly ok: false; readonly error: ReceiptsFileError } {
  if (bytes.byteLength > MAX_RECEIPTS_FILE_BYTES) return { ok: false, error: 'too-large' };
  const decoded = parseUtf8Json(bytes);
  if (decoded === null) return { ok: false, error: 'bad-format' };
  const raw = decoded.json;
  const version = (raw as { body?: { interfaceVersion?: unknown } } | null)?.body?.interfaceVersion;
  if (typeof version === 'number' && version !== PLATFORM_INTERFACE_VERSION)
    return { ok: false, error: 'version' };
  const parsed = ReceiptsFileSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, error: 'bad-format' };
  // What was signed is the body as it came, not the parsed copy.
  const signed = (raw as { body: CanonicalJson }).body;
  return { ok: true, file: parsed.data, signed };
}
