import { z } from 'zod';
import { utf8ToBytes } from '@noble/hashes/utils';
import { CatalogueSignatureSchema as PlatformSignatureSchema } from '../catalogue/signed';
import type { CanonicalJson } from '../crypto/canonical';
import { DeviceIdSchema, EventEnvelopeSchema, SeqSchema } from '../events/envelope';
import { InstantSchema } from '../model';
import { MAX_EVENT_BYTES, MAX_PUSH_BATCH } from './limits';
import { InterfaceVersionSchema } from './version';

/**
 * Push: batches of a device's chain events, in seq order. The batch is refused whole only when it
 * is not a well-formed batch (shape, order, size, another device's events). Everything that is
 * about one event (signature, hash, chain continuity, payload schema) is that event's verdict, so
 * a device that lost a local event gets 'chain-gap' for the next one rather than a 'malformed'
 * batch that hides the gap. The cursor therefore need not be contiguous inside: it only says
 * which stretch of the chain the batch covers, so a restart resumes from the right place.
 */

export const PushCursorSchema = z
  .object({ fromSeq: SeqSchema, toSeq: SeqSchema })
  .strict()
  .refine((c) => c.toSeq >= c.fromSeq, { message: 'cursor-reversed', path: ['toSeq'] });

export const PushRequestSchema = z
  .object({
    interfaceVersion: InterfaceVersionSchema,
    deviceId: DeviceIdSchema,
    /** Same id on a resend, so the platform can answer a replay from its receipts. */
    batchId: z.uuid(),
    cursor: PushCursorSchema,
    events: z.array(EventEnvelopeSchema).min(1).max(MAX_PUSH_BATCH),
  })
  .strict()
  .superRefine((batch, ctx) => {
    const issue = (path: (string | number)[], message: string) =>
      ctx.addIssue({ code: 'custom', path, message });
    const { fromSeq, toSeq } = batch.cursor;
    if (batch.events[0]?.seq !== fromSeq) issue(['cursor', 'fromSeq'], 'cursor-not-first-event');
    if (batch.events.at(-1)?.seq !== toSeq) issue(['cursor', 'toSeq'], 'cursor-not-last-event');
    batch.events.forEach((event, i) => {
      if (event.deviceId !== batch.deviceId) issue(['events', i, 'deviceId'], 'foreign-device');
      const prev = batch.events[i - 1];
      if (prev && event.seq <= prev.seq) issue(['events', i, 'seq'], 'seq-not-increasing');
      if (utf8ToBytes(JSON.stringify(event)).length > MAX_EVENT_BYTES)
        issue(['events', i], 'event-too-large');
    });
  });
export type PushRequest = z.infer<typeof PushRequestSchema>;

/** The platform's trusted time for an event, signed by the platform. */
export const TimestampTokenSchema = z
  .object({ time: InstantSchema, platformSig: PlatformSignatureSchema })
  .strict();

export type TimestampToken = z.infer<typeof TimestampTokenSchema>;

/**
 * What a timestamp token's `platformSig` signs (RFC 8785 canonical JSON): the event's hash and the
 * platform's time. Both sides build it here, so that the device verifies exactly what was signed.
 */
export function timestampTokenContent(hash: string, time: string): CanonicalJson {
  return { hash, time };
}

export const ReceiptNoSchema = z.string().regex(/^[0-9A-Za-z-]{1,64}$/);

export const PUSH_REJECTION_CODES = [
  'bad-signature',
  'bad-hash',
  /** The event's prevHash does not follow the platform's last event of this device: one went missing. */
  'chain-gap',
  /** A different event already holds this chain position: a local record was altered or replaced. */
  'chain-fork',
  /**
   * The payload does not fit its event type's schema (record/events.ts, record/audit-events.ts).
   * The event's link is sound, so the platform holds it and the device's later events still follow.
   */
  'schema',
  'unknown-device',
  'device-revoked',
  'version',
  /**
   * The event cannot apply to the record as the platform holds it: detail 'record-refused' when an
   * earlier event of the record was refused, for a record's events apply in order. Link held.
   */
  'conflict',
  /** An earlier event of the same batch failed its signature, hash or link; this one was not examined. */
  'after-rejected',
] as const;
export const PushRejectionCodeSchema = z.enum(PUSH_REJECTION_CODES);
export type PushRejectionCode = z.infer<typeof PushRejectionCodeSchema>;

const verdictBase = { eventId: z.string().min(1).max(200), seq: SeqSchema };

export const PushVerdictSchema = z.discriminatedUnion('verdict', [
  z
    .object({
      ...verdictBase,
      verdict: z.literal('accepted'),
      receiptNo: ReceiptNoSchema,
      timestampToken: TimestampTokenSchema,
    })
    .strict(),
  /** Already held with the same content: the original receipt, so a replay changes nothing. */
  z
    .object({
      ...verdictBase,
      verdict: z.literal('duplicate'),
      receiptNo: ReceiptNoSchema,
      timestampToken: TimestampTokenSchema,
    })
    .strict(),
  z
    .object({
      ...verdictBase,
      verdict: z.literal('rejected'),
      code: PushRejectionCodeSchema,
      /** A machine detail (e.g. the lifecycle refusal reason, the expected seq); never prose. */
      detail: z.string().max(200).optional(),
    })
    .strict(),
]);
export type PushVerdict = z.infer<typeof PushVerdictSchema>;

export const PushResponseSchema = z
  .object({
    interfaceVersion: InterfaceVersionSchema,
    batchId: z.uuid(),
    verdicts: z.array(PushVerdictSchema).min(1).max(MAX_PUSH_BATCH),
  })
  .strict()
  .superRefine((r, ctx) => {
    const seen = new Set<string>();
    r.verdicts.forEach((v, i) => {
      if (seen.has(v.eventId))
        ctx.addIssue({
          code: 'custom',
          path: ['verdicts', i, 'eventId'],
          message: 'duplicate-verdict',
        });
      seen.add(v.eventId);
    });
  });
export type PushResponse = z.infer<typeof PushResponseSchema>;
