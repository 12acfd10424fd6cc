import type { VerifierRegistry } from '../crypto/providers';
import type { PublicKeyInfo } from '../crypto/signing';
import { GENESIS_HASH, GENESIS_HEAD, envelopeHash, eventIdOf, signedBytes } from './envelope';
import type { ChainHead, EventEnvelope } from './envelope';

/**
 * Checks a device's hash chain and says exactly where and how it is broken. Each break is placed
 * at one seq, and one tampering yields one break: an event with a bad hash or signature is
 * reported for itself and not again through its neighbours' links, a removed event is one
 * `deleted` range, and moved events are the fewest that explain the order (the complement of a
 * longest increasing run of seqs).
 */

/**
 * The device whose chain is checked: its id and its registered public key, and the keys that key
 * replaced (shared/platform/key-rotation.ts), each with the last seq it signed.
 */
export interface ChainDevice {
  readonly deviceId: string;
  /** The key in force now: it signs every seq after the last retired key's. */
  readonly key: PublicKeyInfo;
  /** Oldest first; `untilSeq` never decreases. */
  readonly retiredKeys?: readonly RetiredKey[];
}

/** A key a rotation replaced: it signed the seqs up to and including `untilSeq`. */
export interface RetiredKey {
  readonly key: PublicKeyInfo;
  readonly untilSeq: number;
}

/** The key that signs `seq`: the first retired key whose range holds it, else the current one. */
export function keyAt(device: ChainDevice, seq: number): PublicKeyInfo {
  for (const retired of device.retiredKeys ?? []) if (seq <= retired.untilSeq) return retired.key;
  return device.key;
}

/** Why one event cannot be trusted on its own, without looking at its neighbours. */
export type IntegrityVerdict = 'ok' | 'wrong-device' | 'altered' | 'bad-signature';

export type ChainBreakKind =
  /** The content does not match `hash`. */
  | 'altered'
  /** `hash` matches the content but the device key did not sign it. */
  | 'bad-signature'
  /** Seqs missing; `missing` gives the range. */
  | 'deleted'
  /** In the chain, but out of order. */
  | 'reordered'
  /** A second, different event at a taken seq, or a `prevHash` that is not the previous hash. */
  | 'forked'
  /** The same event again. */
  | 'duplicate'
  /** Another device's event. */
  | 'wrong-device'
  /** Older than `expectedStart`: nothing here to compare it with. */
  | 'before-start';

export type ChainBreak =
  | {
      readonly kind: 'deleted';
      readonly seq: number;
      /** The id the first missing event has. */
      readonly eventId: string;
      readonly index: null;
      readonly missing: { readonly from: number; readonly to: number };
    }
  | {
      readonly kind: Exclude<ChainBreakKind, 'deleted'>;
      readonly seq: number;
      readonly eventId: string;
      /** Position of the event in the checked array. */
      readonly index: number;
    };

export type ChainVerdict =
  | { readonly ok: true; readonly head: ChainHead }
  | { readonly ok: false; readonly breaks: readonly ChainBreak[] };

export interface ChainOptions {
  /** The seq and prevHash the first event must have; default seq 1 after the genesis hash. */
  readonly expectedStart?: { readonly seq: number; readonly prevHash: string };
  /** A head known from elsewhere (a stored counter, the last receipt): detects a cut-off tail. */
  readonly expectedHead?: ChainHead;
}

/** Signature checks run this many at a time: WebCrypto works them off its own threads. */
const CONCURRENCY = 64;

export async function checkIntegrity(
  event: EventEnvelope,
  device: ChainDevice,
  verifiers: VerifierRegistry,
): Promise<IntegrityVerdict> {
  if (event.deviceId !== device.deviceId) return 'wrong-device';
  if (event.eventId !== eventIdOf(event.deviceId, event.seq)) return 'altered';
  let hash: string;
  try {
    hash = envelopeHash(event);
  } catch {
    // Content with no canonical form (NaN, undefined) cannot be what was signed.
    return 'altered';
  }
  if (hash !== event.hash) return 'altered';
  // A signature under another algorithm than the device's key for this seq never counts.
  const key = keyAt(device, event.seq);
  if (event.sig.alg !== key.algorithm) return 'bad-signature';
  const valid = await verifiers
    .verifierFor(event.sig.alg)
    .verify(key, signedBytes(event.hash), event.sig.value);
  return valid ? 'ok' : 'bad-signature';
}

async function mapConcurrent<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next;
      next += 1;
      results[index] = await fn(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

interface Entry {
  readonly event: EventEnvelope;
  readonly index: number;
  /** Passed the integrity check; untrusted entries only hold their seq's place. */
  readonly trusted: boolean;
}

function breakAt(kind: Exclude<ChainBreakKind, 'deleted'>, entry: Entry): ChainBreak {
  return { kind, seq: entry.event.seq, eventId: entry.event.eventId, index: entry.index };
}

function deletedRange(deviceId: string, from: number, to: number): ChainBreak {
  return {
    kind: 'deleted',
    seq: from,
    eventId: eventIdOf(deviceId, from),
    index: null,
    missing: { from, to },
  };
}

/**
 * Indexes into `entries` (in input order) of a longest strictly increasing run of seqs. On equal
 * seqs the earlier entry is kept, so an in-place original wins over a later replay.
 */
function longestIncreasingRun(entries: readonly Entry[]): Set<number> {
  const tails: number[] = [];
  const previous = new Array<number>(entries.length).fill(-1);
  const seqAt = (i: number): number => (entries[i] as Entry).event.seq;
  entries.forEach((entry, i) => {
    let low = 0;
    let high = tails.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (seqAt(tails[mid] as number) < entry.event.seq) low = mid + 1;
      else high = mid;
    }
    if (low < tails.length && seqAt(tails[low] as number) === entry.event.seq) return;
    previous[i] = low > 0 ? (tails[low - 1] as number) : -1;
    tails[low] = i;
  });
  const run = new Set<number>();
  for (
    let i = tails.length > 0 ? (tails[tails.length - 1] as number) : -1;
    i >= 0;
    i = previous[i] as number
  ) {
    run.add(i);
  }
  return run;
}

/**
 * Of several different signed events at one seq, the one the next seq links to is the chain;
 * when that does not decide (no link, or both branches continue), the first one received.
 */
function pickBranch(candidates: readonly Entry[], linkedHashes: ReadonlySet<string>): Entry {
  const linked = candidates.filter((c) => linkedHashes.has(c.event.hash));
  const distinctLinked = new Set(linked.map((c) => c.event.hash));
  return (distinctLinked.size === 1 ? linked[0] : candidates[0]) as Entry;
}

export async function verifyChain(
  events: readonly EventEnvelope[],
  device: ChainDevice,
  verifiers: VerifierRegistry,
  options: ChainOptions = {},
): Promise<ChainVerdict> {
  const start = options.expectedStart ?? { seq: 1, prevHash: GENESIS_HASH };
  const integrity = await mapConcurrent(events, CONCURRENCY, (event) =>
    checkIntegrity(event, device, verifiers),
  );
  const breaks: ChainBreak[] = [];

  const bySeq = new Map<number, Entry[]>();
  events.forEach((event, index) => {
    const verdict = integrity[index] as IntegrityVerdict;
    const entry: Entry = { event, index, trusted: verdict === 'ok' };
    if (verdict !== 'ok') breaks.push(breakAt(verdict, entry));
    if (verdict === 'wrong-device') return;
    if (event.seq < start.seq) {
      if (entry.trusted) breaks.push(breakAt('before-start', entry));
      return;
    }
    const group = bySeq.get(event.seq);
    if (group) group.push(entry);
    else bySeq.set(event.seq, [entry]);
  });

  // One branch per seq; the others are forks. Copies of the chosen event stay for the order check.
  const ordered: Entry[] = [];
  for (const [seq, group] of bySeq) {
    const trusted = group.filter((e) => e.trusted);
    if (trusted.length === 0) {
      ordered.push(group[0] as Entry);
      continue;
    }
    const linkedHashes = new Set(
      (bySeq.get(seq + 1) ?? []).filter((e) => e.trusted).map((e) => e.event.prevHash),
    );
    const chosen = pickBranch(trusted, linkedHashes);
    for (const entry of trusted) {
      if (entry.event.hash === chosen.event.hash) ordered.push(entry);
      else breaks.push(breakAt('forked', entry));
    }
  }
  ordered.sort((a, b) => a.index - b.index);

  const run = longestIncreasingRun(ordered);
  const placed = new Map<number, Entry>();
  ordered.forEach((entry, i) => {
    if (run.has(i)) placed.set(entry.event.seq, entry);
  });
  ordered.forEach((entry, i) => {
    if (run.has(i)) return;
    if (placed.has(entry.event.seq)) {
      breaks.push(breakAt('duplicate', entry));
    } else {
      placed.set(entry.event.seq, entry);
      breaks.push(breakAt('reordered', entry));
    }
  });

  // Links and gaps, walking the chain in seq order.
  const chain = [...placed.values()].sort((a, b) => a.event.seq - b.event.seq);
  let expectedSeq = start.seq;
  let previous: { readonly hash: string; readonly trusted: boolean } | null = {
    hash: start.prevHash,
    trusted: true,
  };
  for (const entry of chain) {
    if (entry.event.seq > expectedSeq) {
      breaks.push(deletedRange(device.deviceId, expectedSeq, entry.event.seq - 1));
      previous = null;
    }
    const forked: boolean =
      previous?.trusted === true && entry.trusted && entry.event.prevHash !== previous.hash;
    if (forked) breaks.push(breakAt('forked', entry));
    // A link off the chain is reported once: the event after it is not judged by it.
    previous = { hash: entry.event.hash, trusted: entry.trusted && !forked };
    expectedSeq = entry.event.seq + 1;
  }

  const expectedHead = options.expectedHead;
  if (expectedHead && expectedHead.seq >= expectedSeq) {
    breaks.push(deletedRange(device.deviceId, expectedSeq, expectedHead.seq));
  } else if (expectedHead) {
    const atHead = placed.get(expectedHead.seq);
    if (atHead?.trusted && atHead.event.hash !== expectedHead.hash)
      breaks.push(breakAt('forked', atHead));
  }

  if (breaks.length > 0) {
    breaks.sort((a, b) => a.seq - b.seq || (a.index ?? -1) - (b.index ?? -1));
    return { ok: false, breaks };
  }
  const last = chain[chain.length - 1];
  return {
    ok: true,
    head: last
      ? { seq: last.event.seq, hash: last.event.hash }
      : { seq: start.seq - 1, hash: start.prevHash },
  };
}

export type CursorVerdict =
  /** Accepted: the cursor moved to the new head. */
  | { readonly kind: 'next'; readonly head: ChainHead }
  /** Already held, same content. */
  | { readonly kind: 'duplicate' }
  /** Seqs between the head and this event are missing. */
  | { readonly kind: 'gap'; readonly missing: { readonly from: number; readonly to: number } }
  /** A different event at a held seq, or one that does not link to the head. */
  | { readonly kind: 'fork' }
  /** Behind the head and no stored hash to compare with (see `hashAt`). */
  | { readonly kind: 'behind' }
  | { readonly kind: 'altered' }
  | { readonly kind: 'bad-signature' }
  | { readonly kind: 'wrong-device' };

export interface CursorOptions {
  /** The stored hash of an already accepted seq, to tell a replay from a fork behind the head. */
  readonly hashAt?: (seq: number) => string | undefined;
}

/**
 * Accepts one event at a time after a known head, as the platform does on push. Appends run one
 * after another even when called concurrently, so two events can never both take the same seq.
 */
export class ChainCursor {
  private current: ChainHead;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly device: ChainDevice,
    private readonly verifiers: VerifierRegistry,
    head: ChainHead | null = null,
    private readonly options: CursorOptions = {},
  ) {
    this.current = head ?? GENESIS_HEAD;
  }

  get head(): ChainHead {
    return this.current;
  }

  /** The verdict for `event` after the current head, without moving the head. */
  /** `integrity` may be given when it was checked already (a batch verifies its events at once). */
  async classify(event: EventEnvelope, integrity?: IntegrityVerdict): Promise<CursorVerdict> {
    integrity ??= await checkIntegrity(event, this.device, this.verifiers);
    if (integrity !== 'ok') return { kind: integrity };
    const head = this.current;
    if (event.seq === head.seq + 1) {
      return event.prevHash === head.hash
        ? { kind: 'next', head: { seq: event.seq, hash: event.hash } }
        : { kind: 'fork' };
    }
    if (event.seq > head.seq + 1)
      return { kind: 'gap', missing: { from: head.seq + 1, to: event.seq - 1 } };
    const held = event.seq === head.seq ? head.hash : this.options.hashAt?.(event.seq);
    if (held === undefined) return { kind: 'behind' };
    return held === event.hash ? { kind: 'duplicate' } : { kind: 'fork' };
  }

  /** Classifies `event` and, when it is the next link, makes it the head. */
  append(event: EventEnvelope): Promise<CursorVerdict> {
    const result = this.queue.then(async () => {
      const verdict = await this.classify(event);
      if (verdict.kind === 'next') this.current = verdict.head;
      return verdict;
    });
    this.queue = result.catch(() => undefined);
    return result;
  }
}
