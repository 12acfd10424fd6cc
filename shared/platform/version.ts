import { z } from 'zod';

/**
 * Every platform message carries the interface version. The version is checked before the body's
 * schema, so that a device that is too old (or too new) gets 'version-mismatch' with a reason,
 * not a confusing list of schema issues.
 */
export const PLATFORM_INTERFACE_VERSION = 1;
export const InterfaceVersionSchema = z.literal(PLATFORM_INTERFACE_VERSION);

export const VersionMismatchReasonSchema = z.enum([
  'version-missing',
  'peer-too-old',
  'peer-too-new',
]);
export type VersionMismatchReason = z.infer<typeof VersionMismatchReasonSchema>;

export const VersionMismatchSchema = z
  .object({
    code: z.literal('version-mismatch'),
    reason: VersionMismatchReasonSchema,
    /** What the answering side speaks. */
    supported: z.object({ min: z.number().int().min(1), max: z.number().int().min(1) }).strict(),
    /** What it received; null when missing or not a number. */
    received: z.number().nullable(),
  })
  .strict();
export type VersionMismatch = z.infer<typeof VersionMismatchSchema>;

/** null when `body` speaks a supported version; otherwise the mismatch to answer with. */
export function checkInterfaceVersion(
  body: unknown,
  supported: { readonly min: number; readonly max: number } = {
    min: PLATFORM_INTERFACE_VERSION,
    max: PLATFORM_INTERFACE_VERSION,
  },
): VersionMismatch | null {
  const received =
    typeof body === 'object' && body !== null && 'interfaceVersion' in body
      ? body.interfaceVersion
      : undefined;
  if (typeof received !== 'number' || !Number.isInteger(received)) {
    return {
      code: 'version-mismatch',
      reason: 'version-missing',
      supported,
      received: typeof received === 'number' ? received : null,
    };
  }
  if (received < supported.min)
    return { code: 'version-mismatch', reason: 'peer-too-old', supported, received };
  if (received > supported.max)
    return { code: 'version-mismatch', reason: 'peer-too-new', supported, received };
  return null;
}
