import { z } from 'zod';
import { utf8ToBytes } from '@noble/hashes/utils';
import { sha256Hex } from '../crypto/canonical';
import { normaliseIdentifier } from '../ids/normalise';
import { DigestSchema, InstantSchema } from '../model';

/**
 * The credit snapshot of brief §6 / platform.md: the identifiers of entities with an unrepaired
 * dishonesty record, hashed, with the time the platform issued it.
 *
 * Each key is SHA-256 of `salt + ':' + normalisedId`, with a fresh random salt per issue that is
 * published inside the snapshot. This stops casual reading of the list and stops a dictionary
 * built for one issue from being reused on the next; it does NOT stop a determined enumeration of
 * the identifier space (the 18-character codes carry a check digit, a division code and, for
 * people, a birth date, so the space is small enough to brute-force with the published salt).
 * That is acceptable here because the snapshot only travels between the platform and enrolled
 * government devices, and the list itself is information the platform publishes anyway.
 *
 * Only the unrepaired set is carried: an entity with a repaired record is eligible exactly like
 * one with no record, so listing it would add exposure without changing any decision.
 */

/** 16 random bytes, hex: enough that precomputed tables for one issue are useless on the next. */
export const SnapshotSaltSchema = z.string().regex(/^[0-9a-f]{32,128}$/);

/** Upper bound on entries so that a hostile or corrupt snapshot cannot exhaust a kiosk's memory. */
export const MAX_SNAPSHOT_ENTRIES = 2_000_000;

export const CreditSnapshotSchema = z
  .object({
    issuedAt: InstantSchema,
    salt: SnapshotSaltSchema,
    unrepairedKeys: z.array(DigestSchema).max(MAX_SNAPSHOT_ENTRIES),
  })
  .strict()
  .refine((s) => new Set(s.unrepairedKeys).size === s.unrepairedKeys.length, {
    message: 'duplicate-key',
    path: ['unrepairedKeys'],
  });
export type CreditSnapshot = z.infer<typeof CreditSnapshotSchema>;

/** A snapshot ready for look-ups; built once per sync, not per applicant. */
export interface LoadedCreditSnapshot {
  readonly issuedAt: string;
  readonly salt: string;
  readonly unrepaired: ReadonlySet<string>;
}

export function snapshotKey(identifier: string, salt: string): string {
  return sha256Hex(utf8ToBytes(`${salt}:${normaliseIdentifier(identifier)}`));
}

export function loadSnapshot(snapshot: CreditSnapshot): LoadedCreditSnapshot {
  return {
    issuedAt: snapshot.issuedAt,
    salt: snapshot.salt,
    unrepaired: new Set(snapshot.unrepairedKeys),
  };
}

export function snapshotLists(snapshot: LoadedCreditSnapshot, identifier: string): boolean {
  return snapshot.unrepaired.has(snapshotKey(identifier, snapshot.salt));
}
