import { z } from 'zod';
import { sha256Hex } from '../crypto/canonical';
import { utf8ToBytes } from '@noble/hashes/utils';
import type { PublicKeyInfo } from '../crypto/signing';
import { DigestSchema } from '../model';
import { SeqSchema } from './envelope';
import type { EventEnvelope } from './envelope';

/**
 * How far the device's self-check has verified its own chain's signatures: up to `seq`, and a
 * digest of exactly what was verified (the key, then each event's seq, hash and signature, in seq
 * order). A signature holds or not by those alone, so while the stored events up to `seq` give the
 * same digest, their signatures need not be verified again; any change to one of them (a hash
 * recomputed after an alteration, a signature replaced, an event removed or inserted) changes the
 * digest, and the whole chain is verified again. Hashes, links, outbox entries and receipts are
 * still checked on every run: the checkpoint saves only the signature verifications.
 */
export const VerifiedCheckpointSchema = z.object({ seq: SeqSchema, digest: DigestSchema }).strict();
export type VerifiedCheckpoint = z.infer<typeof VerifiedCheckpointSchema>;

type Signed = Pick<EventEnvelope, 'seq' | 'hash' | 'sig'>;

/** The digest of the signatures of `events` (in seq order) under `key`. */
export function verifiedDigest(key: PublicKeyInfo, events: readonly Signed[]): string {
  const lines = [`${key.algorithm}|${key.publicKey}`];
  for (const e of events) lines.push(`${e.seq}|${e.hash}|${e.sig.alg}|${e.sig.value}`);
  return sha256Hex(utf8ToBytes(lines.join('\n')));
}

/**
 * The number of leading events (of `events`, in seq order) whose signatures the checkpoint
 * vouches for: all those up to its seq when their digest is the checkpoint's, else none.
 */
export function vouchedPrefix(
  key: PublicKeyInfo,
  events: readonly Signed[],
  checkpoint: VerifiedCheckpoint | null,
): number {
  if (!checkpoint) return 0;
  let count = 0;
  while (count < events.length && (events[count]?.seq ?? Infinity) <= checkpoint.seq) count += 1;
  if (count === 0 || events[count - 1]?.seq !== checkpoint.seq) return 0;
  return verifiedDigest(key, events.slice(0, count)) === checkpoint.digest ? count : 0;
}
