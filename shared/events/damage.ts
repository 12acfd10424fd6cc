import { z } from 'zod';
import { DigestSchema } from '../model';
import { SeqSchema } from './envelope';

/**
 * Why an event of the device's own chain cannot be trusted, as the device's self-check finds it
 * (renderer/sync/self-check.ts) and as a supervisor declares it lost (shared/platform/loss.ts).
 */
export const DAMAGE_REASONS = [
  /** Stored so that this device's data key cannot open it (its sealed fields damaged or moved). */
  'unreadable',
  /** Its content does not hash to its stored hash (changed after signing). */
  'altered',
  /** Its hash is not signed by this device's key. */
  'bad-signature',
  /** Another device's event. */
  'wrong-device',
  /** Gone from the store: its seq is missing between two stored events. */
  'missing',
  /** Its prevHash is not the previous event's hash. */
  'broken-link',
  /** The platform's receipt (its timestamp token) is for another hash: changed since it synced. */
  'not-as-receipted',
  /** Stored without its outbox entry, so it would never be sent. */
  'no-outbox-entry',
  /** Beyond the store's head, but the head kept outside IndexedDB says it was made. */
  'rolled-back',
  /** At the head kept outside IndexedDB, but with another hash than the one made there. */
  'head-rewritten',
] as const;
export type DamageReason = (typeof DAMAGE_REASONS)[number];

export const ChainDamageSchema = z
  .object({
    seq: SeqSchema,
    eventId: z.string().min(1).max(200),
    reason: z.enum(DAMAGE_REASONS),
  })
  .strict();
export type ChainDamage = z.infer<typeof ChainDamageSchema>;

/** A seq declared lost: the hash the chain continues from after it (what the next event links to). */
export const LostLinkSchema = z
  .object({
    seq: SeqSchema,
    eventId: z.string().min(1).max(200),
    reason: z.enum(DAMAGE_REASONS),
    linkHash: DigestSchema,
  })
  .strict();
export type LostLink = z.infer<typeof LostLinkSchema>;
