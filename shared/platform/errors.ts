import { z } from 'zod';
import { MAX_ERROR_ISSUES } from './limits';
import { VersionMismatchSchema } from './version';

/** Whole-message refusals; per-event refusals of a push are verdicts (push.ts), not errors. */
export const PLATFORM_ERROR_CODES = [
  'malformed',
  'too-large',
  'unauthorised',
  'unknown-device',
  'device-revoked',
  'enrolment-code-invalid',
  'enrolment-code-used',
  'enrolment-code-expired',
  /** All 99 device slots of the division code are taken (commitment-code.ts). */
  'no-device-slot',
  'not-found',
  'rate-limited',
  'unavailable',
  'internal',
] as const;
export const PlatformErrorCodeSchema = z.enum(PLATFORM_ERROR_CODES);
export type PlatformErrorCode = z.infer<typeof PlatformErrorCodeSchema>;

/** One schema issue: where, and zod's machine code (or a refinement's code); never prose. */
export const ErrorIssueSchema = z
  .object({ path: z.string().max(500), code: z.string().min(1).max(100) })
  .strict();
export type ErrorIssue = z.infer<typeof ErrorIssueSchema>;

const GeneralErrorSchema = z
  .object({
    code: PlatformErrorCodeSchema,
    /** For logs only; the clerk sees the translated code. */
    message: z.string().max(1000).optional(),
    issues: z.array(ErrorIssueSchema).max(MAX_ERROR_ISSUES).optional(),
  })
  .strict();

export const ErrorBodySchema = z
  .object({ error: z.union([VersionMismatchSchema, GeneralErrorSchema]) })
  .strict();
export type ErrorBody = z.infer<typeof ErrorBodySchema>;
