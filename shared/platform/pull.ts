import { z } from 'zod';
import { CatalogueSignatureSchema as PlatformSignatureSchema } from '../catalogue/signed';
import { ActorSchema, DeviceIdSchema } from '../events/envelope';
import { InstantSchema } from '../model';
import { CommitmentCodeSchema } from '../record/commitment-code';
import { RecordEventSchema, type RecordEventType } from '../record/events';
import { OpaqueTokenSchema } from './common';
import { MAX_PULL_CHANGES } from './limits';
import { InterfaceVersionSchema } from './version';

/**
 * Pull: what was decided centrally about this hall's records since the device's cursor. These
 * are ordinary record events (so the lifecycle folds them like any other) made by the platform,
 * each signed by the platform because they reach the device outside its own chain.
 */

/** Only events the platform (regulators, the approving bureau, the publisher) makes. */
export const CENTRAL_EVENT_TYPES = [
  'fulfilment.recorded',
  'repair.started',
  'repair.step-recorded',
  'repair.completed',
  'objection.filed',
  'objection.resolved',
] as const satisfies readonly RecordEventType[];

const CENTRAL = new Set<string>(CENTRAL_EVENT_TYPES);

export const CentralChangeSchema = z
  .object({
    changeId: z.string().regex(/^[0-9A-Za-z:._-]{1,128}$/),
    recordId: z.string().min(1).max(128),
    commitmentCode: CommitmentCodeSchema,
    at: InstantSchema,
    actor: ActorSchema.refine((a) => a.kind === 'platform', 'not-platform-actor'),
    event: RecordEventSchema.refine((e) => CENTRAL.has(e.type), 'not-central-event'),
    /** Over the canonical JSON of every other field of the change. */
    platformSig: PlatformSignatureSchema,
  })
  .strict();
export type CentralChange = z.infer<typeof CentralChangeSchema>;

export const PullRequestSchema = z
  .object({
    interfaceVersion: InterfaceVersionSchema,
    deviceId: DeviceIdSchema,
    /** null: from the beginning (a freshly enrolled or restored device). */
    cursor: OpaqueTokenSchema.nullable(),
    limit: z.number().int().min(1).max(MAX_PULL_CHANGES),
  })
  .strict();
export type PullRequest = z.infer<typeof PullRequestSchema>;

export const PullResponseSchema = z
  .object({
    interfaceVersion: InterfaceVersionSchema,
    changes: z.array(CentralChangeSchema).max(MAX_PULL_CHANGES),
    /** Stored by the device only after the changes are stored, so that a crash never skips. */
    nextCursor: OpaqueTokenSchema,
    hasMore: z.boolean(),
  })
  .strict()
  .superRefine((r, ctx) => {
    const seen = new Set<string>();
    r.changes.forEach((c, i) => {
      if (seen.has(c.changeId)) {
        ctx.addIssue({
          code: 'custom',
          path: ['changes', i, 'changeId'],
          message: 'duplicate-change',
        });
      }
      seen.add(c.changeId);
    });
  });
export type PullResponse = z.infer<typeof PullResponseSchema>;
