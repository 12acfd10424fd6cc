import { z } from 'zod';
import { hexToBytes } from '@noble/hashes/utils';
import { contentHash } from '../crypto/canonical';
import type { CanonicalJson } from '../crypto/canonical';
import { SignatureSchema } from '../crypto/schemas';
import type { Signer } from '../crypto/signing';
import { DigestSchema, InstantSchema } from '../model';

/**
 * The signed event envelope: one link of a device's hash chain and the unit of platform push.
 *
 * - `eventId` is `${deviceId}:${seq}`. Deriving the idempotency key from the chain position means
 *   a replay carries the same key as the original, and a second, different event at the same
 *   position collides with it (a fork the platform must see) instead of passing as a new event.
 * - `recordId` is null for device-level events (clerk audit, key events) that belong to no record.
 * - `hash` is the SHA-256 of the RFC 8785 form of every other field except `sig`; `sig` signs the
 *   32 digest bytes that `hash` spells in hex.
 */
export const ENVELOPE_VERSION = 1;

/** The `prevHash` of seq 1. */
export const GENESIS_HASH = '0'.repeat(64);

export const ACTOR_KINDS = ['applicant', 'clerk', 'platform', 'system'] as const;
export const ActorSchema = z
  .object({ kind: z.enum(ACTOR_KINDS), id: z.string().min(1).max(128).optional() })
  .strict();
export type Actor = z.infer<typeof ActorSchema>;

/** Assigned at enrollment; kept to a safe identifier so that `eventId` parses unambiguously. */
export const DeviceIdSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/);

/** Any JSON object (finite numbers only): it has one canonical form, so its hash is stable. */
export const EventPayloadSchema = z.record(z.string(), z.json());

export const SeqSchema = z.number().int().min(1).max(Number.MAX_SAFE_INTEGER);

export function eventIdOf(deviceId: string, seq: number): string {
  return `${deviceId}:${seq}`;
}

const unsignedShape = {
  deviceId: DeviceIdSchema,
  recordId: z.string().min(1).max(128).nullable(),
  /** Narrowed by the record lifecycle; the chain does not care which types exist. */
  type: z.string().min(1).max(64),
  /** Device clock, ISO-8601 with offset. */
  at: InstantSchema,
  actor: ActorSchema,
  payload: EventPayloadSchema,
};

/** What the caller supplies; `sealEvent` adds the chain position, hash and signature. */
export const UnsignedEventSchema = z.object(unsignedShape).strict();

export const EventEnvelopeSchema = z
  .object({
    v: z.literal(ENVELOPE_VERSION),
    ...unsignedShape,
    seq: SeqSchema,
    eventId: z.string(),
    prevHash: DigestSchema,
    hash: DigestSchema,
    sig: SignatureSchema,
  })
  .strict()
  .refine((e) => e.eventId === eventIdOf(e.deviceId, e.seq), { path: ['eventId'] });

type Typed<T, TType extends string> = Omit<T, 'type'> & { readonly type: TType };
export type UnsignedEvent<TType extends string = string> = Typed<
  z.infer<typeof UnsignedEventSchema>,
  TType
>;
export type EventEnvelope<TType extends string = string> = Typed<
  z.infer<typeof EventEnvelopeSchema>,
  TType
>;
/** Everything the hash covers. */
export type EnvelopeContent = Omit<EventEnvelope, 'hash' | 'sig'>;

/** A chain position: the last event's seq and hash (seq 0 and GENESIS_HASH before the first). */
export interface ChainHead {
  readonly seq: number;
  readonly hash: string;
}

export const GENESIS_HEAD: ChainHead = { seq: 0, hash: GENESIS_HASH };

export function envelopeHash(envelope: EnvelopeContent): string {
  // Fields are picked one by one so that nothing outside the envelope's definition is hashed.
  const { kind, id } = envelope.actor;
  const content: { readonly [key: string]: CanonicalJson } = {
    v: envelope.v,
    deviceId: envelope.deviceId,
    seq: envelope.seq,
    eventId: envelope.eventId,
    recordId: envelope.recordId,
    type: envelope.type,
    at: envelope.at,
    actor: id === undefined ? { kind } : { kind, id },
    payload: envelope.payload,
    prevHash: envelope.prevHash,
  };
  return contentHash(content);
}

/** The bytes a device signature covers: the digest itself, not its hex text. */
export function signedBytes(hash: string): Uint8Array {
  return hexToBytes(hash);
}

export type SealError = 'invalid-event' | 'invalid-previous' | 'signing-failed';
export type SealResult<TType extends string> =
  | { readonly ok: true; readonly event: EventEnvelope<TType> }
  | { readonly ok: false; readonly error: SealError };

const ChainHeadSchema = z
  .object({
    seq: z
      .number()
      .int()
      .min(0)
      .max(Number.MAX_SAFE_INTEGER - 1),
    hash: DigestSchema,
  })
  .refine((head) => head.seq > 0 || head.hash === GENESIS_HASH);

/** Places `unsigned` after `prev` (null: first event of the device) and signs it. */
export async function sealEvent<TType extends string>(
  unsigned: UnsignedEvent<TType>,
  prev: ChainHead | null,
  signer: Signer,
): Promise<SealResult<TType>> {
  const parsed = UnsignedEventSchema.safeParse(unsigned);
  if (!parsed.success) return { ok: false, error: 'invalid-event' };
  const after = prev ?? GENESIS_HEAD;
  if (!ChainHeadSchema.safeParse(after).success) return { ok: false, error: 'invalid-previous' };
  const seq = after.seq + 1;
  // The parsed copy, not the caller's object: unknown keys and later mutation cannot leak in.
  const content: Typed<EnvelopeContent, TType> = {
    v: ENVELOPE_VERSION,
    ...parsed.data,
    type: unsigned.type,
    seq,
    eventId: eventIdOf(parsed.data.deviceId, seq),
    prevHash: after.hash,
  };
  const hash = envelopeHash(content);
  try {
    const value = await signer.sign(signedBytes(hash));
    return { ok: true, event: { ...content, hash, sig: { alg: signer.algorithm, value } } };
  } catch {
    return { ok: false, error: 'signing-failed' };
  }
}
