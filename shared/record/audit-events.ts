import { z } from 'zod';
import { InstantSchema } from '../model';
import { CommitmentCodeSchema } from './commitment-code';
import { ClerkIdSchema, RecordEventSchema } from './events';

/**
 * Device-level audit events. They travel in the same signed hash chain as record events, so a
 * deleted sign-in or export is as detectable as a deleted record. The `audit.` prefix keeps the
 * two unions apart in one chain.
 */

const event = <T extends string, P extends z.ZodType>(type: T, payload: P) =>
  z.object({ type: z.literal(type), payload }).strict();

const ClerkRoleSchema = z.enum(['clerk', 'supervisor']);

const SettingKeySchema = z
  .string()
  .regex(/^[a-z][a-zA-Z0-9]*(\.[a-z][a-zA-Z0-9]*)*$/)
  .max(100);

export const AuditEventSchema = z.discriminatedUnion('type', [
  event(
    'audit.clerk.signed-in',
    z.object({ clerkId: ClerkIdSchema, role: ClerkRoleSchema }).strict(),
  ),
  event(
    'audit.clerk.signed-out',
    z
      .object({ clerkId: ClerkIdSchema, reason: z.enum(['manual', 'idle-timeout', 'app-closed']) })
      .strict(),
  ),
  event(
    'audit.clerk.sign-in-failed',
    z
      .object({
        /** What was typed as the clerk id; never the secret. */
        attemptedClerkId: z.string().max(64),
        reason: z.enum(['unknown-clerk', 'bad-credentials', 'locked-out', 'disabled']),
      })
      .strict(),
  ),
  /** Staff management (renderer/store/clerks.ts): who did what to which staff number. */
  event(
    'audit.clerk.added',
    z
      .object({
        by: ClerkIdSchema,
        clerkId: ClerkIdSchema,
        name: z.string().trim().min(1).max(40),
        role: ClerkRoleSchema,
      })
      .strict(),
  ),
  event('audit.clerk.unlocked', z.object({ by: ClerkIdSchema, clerkId: ClerkIdSchema }).strict()),
  event('audit.clerk.pin-reset', z.object({ by: ClerkIdSchema, clerkId: ClerkIdSchema }).strict()),
  /** The clerk chose a new PIN after a reset. */
  event('audit.clerk.pin-changed', z.object({ clerkId: ClerkIdSchema }).strict()),
  event('audit.clerk.disabled', z.object({ by: ClerkIdSchema, clerkId: ClerkIdSchema }).strict()),
  event('audit.clerk.enabled', z.object({ by: ClerkIdSchema, clerkId: ClerkIdSchema }).strict()),
  event(
    'audit.clerk.role-changed',
    z
      .object({
        by: ClerkIdSchema,
        clerkId: ClerkIdSchema,
        from: ClerkRoleSchema,
        to: ClerkRoleSchema,
      })
      .strict(),
  ),
  /**
   * Staff numbers became case-insensitive: an account stored under lower-case letters was moved to
   * its upper-case number, or, where that number was taken, kept apart and disabled.
   */
  event(
    'audit.clerk.id-normalised',
    z
      .object({
        from: ClerkIdSchema,
        to: ClerkIdSchema,
        outcome: z.enum(['renamed', 'disabled-duplicate']),
      })
      .strict(),
  ),
  event(
    'audit.settings.changed',
    z
      .object({
        by: ClerkIdSchema,
        key: SettingKeySchema,
        /** Values are logged; secret settings must be logged as a digest by the caller. */
        from: z.json().optional(),
        to: z.json(),
      })
      .strict(),
  ),
  event(
    'audit.sync.run',
    z
      .object({
        startedAt: InstantSchema,
        finishedAt: InstantSchema,
        outcome: z.enum(['ok', 'partial', 'failed']),
        pushed: z.number().int().nonnegative(),
        accepted: z.number().int().nonnegative(),
        duplicates: z.number().int().nonnegative(),
        rejected: z.number().int().nonnegative(),
        pulled: z.number().int().nonnegative(),
        errorCode: z.string().max(64).optional(),
      })
      .strict()
      .refine(
        (p) => p.accepted + p.duplicates + p.rejected <= p.pushed,
        'more-verdicts-than-pushed',
      ),
  ),
  event(
    'audit.record.reprinted',
    z
      .object({
        by: ClerkIdSchema,
        commitmentCode: CommitmentCodeSchema,
        reason: z.string().trim().min(1).max(500),
      })
      .strict(),
  ),
  event(
    'audit.export.made',
    z
      .object({
        by: ClerkIdSchema,
        /**
         * 'sync-bundle': pending events sealed for the platform, carried offline. 'statistics':
         * the hall manager's figures (counts only, no applicant), recordCount the records counted.
         */
        kind: z.enum(['records', 'report', 'audit-log', 'sync-bundle', 'statistics']),
        format: z.enum(['csv', 'xlsx', 'pdf', 'json']),
        recordCount: z.number().int().nonnegative(),
        masked: z.boolean(),
      })
      .strict(),
  ),
  event(
    'audit.receipts.imported',
    z
      .object({
        by: ClerkIdSchema,
        /** When the platform wrote the file (shared/platform/receipts-file.ts). */
        issuedAt: InstantSchema,
        accepted: z.number().int().nonnegative(),
        refused: z.number().int().nonnegative(),
        alreadyKnown: z.number().int().nonnegative(),
      })
      .strict(),
  ),
]);
export type AuditEvent = z.infer<typeof AuditEventSchema>;

/** Anything a device writes into its hash chain: a record event or an audit event. */
export const ChainEventSchema = z.discriminatedUnion('type', [
  ...RecordEventSchema.options,
  ...AuditEventSchema.options,
]);
export type ChainEvent = z.infer<typeof ChainEventSchema>;
