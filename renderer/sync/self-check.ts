import type { TrustedCatalogueKey } from '../../shared/catalogue/signed';
import type { VerifierRegistry } from '../../shared/crypto/providers';
import { keyAt } from '../../shared/events/chain';
import type { ChainDevice, IntegrityVerdict } from '../../shared/events/chain';
import type { ChainDamage, DamageReason, LostLink } from '../../shared/events/damage';
import { GENESIS_HASH, envelopeHash, eventIdOf, signedBytes } from '../../shared/events/envelope';
import type { EventEnvelope } from '../../shared/events/envelope';
import { timestampTokenContent } from '../../shared/platform/push';
import { verifiedDigest, vouchedPrefix } from '../../shared/events/verified-checkpoint';
import type { DeviceIdentity } from '../device/identity';
import { ownChainDevice } from '../device/chain-device';
import { loadDeviceIdentity } from '../device/identity';
import { loadTrustedKeys, verifyPlatformSignature } from '../platform/trust';
import type { KioskDb, OutboxEntry } from '../store/db';
import { headMirrorOf } from '../store/head-mirror';
import { readMeta, writeMeta } from '../store/meta';
import { updateSyncStatus } from './status';

/**
 * The device checks its own chain: at start, before each push and after an import of receipts.
 * Every stored event must hash to its hash (unless retention purged its payload), carry this
 * device's signature, link to the one before it, have its outbox entry, and, once synced, be the
 * very event the platform's receipt (its timestamp token) attests. The head kept outside IndexedDB
 * (store/head-mirror.ts) must not be ahead of the store. Each damaged event is named (seq, id,
 * reason); seqs a supervisor declared lost and the platform approved (sync/loss.ts) are skipped,
 * the chain going on from the link hash declared for them.
 */

export type SelfCheck =
  | { readonly ok: true; readonly checked: number }
  | { readonly ok: false; readonly damage: readonly ChainDamage[] };

export interface SelfCheckDeps {
  readonly db: KioskDb;
  readonly device: Pick<DeviceIdentity, 'deviceId' | 'publicKey' | 'retiredKeys'>;
  readonly trusted: readonly TrustedCatalogueKey[];
  readonly verifiers: VerifierRegistry;
}

/** The seqs declared lost with the platform's approval, by seq. */
export async function loadDeclaredLosses(db: KioskDb): Promise<ReadonlyMap<number, LostLink>> {
  const losses = (await readMeta(db, 'chainLosses')) ?? [];
  return new Map(losses.map((l) => [l.seq, l]));
}

/**
 * Signatures and tokens already verified in this page, keyed by everything the verification
 * covers: a stored event changed since is looked at again, the same bytes are not.
 */
const verified = new Set<string>();
const MAX_VERIFIED = 500_000;
function remember(key: string): void {
  if (verified.size >= MAX_VERIFIED) verified.clear();
  verified.add(key);
}

function isPurged(event: EventEnvelope): boolean {
  return event.payload.purged === true;
}

/** Forgets the signatures verified in this page (tests: as after a reload). */
export function forgetVerifiedInPage(): void {
  verified.clear();
}

/**
 * checkIntegrity (shared/events/chain.ts), with each signature verified once per page; `vouched`:
 * the stored checkpoint covers this very signature (shared/events/verified-checkpoint.ts).
 */
async function integrityOf(
  event: EventEnvelope,
  device: ChainDevice,
  verifiers: VerifierRegistry,
  vouched: boolean,
): Promise<IntegrityVerdict> {
  if (event.deviceId !== device.deviceId) return 'wrong-device';
  if (event.eventId !== eventIdOf(event.deviceId, event.seq)) return 'altered';
  // Retention replaced a purged event's payload: its hash cannot be recomputed, its signature
  // still holds (the platform keeps the full event).
  if (!isPurged(event)) {
    try {
      if (envelopeHash(event) !== event.hash) return 'altered';
    } catch {
      return 'altered';
    }
  }
  if (vouched) return 'ok';
  const signing = keyAt(device, event.seq);
  const key = `s|${signing.publicKey}|${event.hash}|${event.sig.alg}|${event.sig.value}`;
  if (verified.has(key)) return 'ok';
  if (event.sig.alg !== signing.algorithm) return 'bad-signature';
  const valid = await verifiers
    .verifierFor(event.sig.alg)
    .verify(signing, signedBytes(event.hash), event.sig.value)
    .catch(() => false);
  if (valid) remember(key);
  return valid ? 'ok' : 'bad-signature';
}

async function receiptHolds(
  event: EventEnvelope,
  entry: OutboxEntry,
  deps: SelfCheckDeps,
): Promise<boolean> {
  const receipt = entry.receipt;
  if (!receipt) return true;
  const key = `t|${event.hash}|${receipt.platformTime}|${receipt.token.keyId}|${receipt.token.value}`;
  if (verified.has(key)) return true;
  const valid = await verifyPlatformSignature(
    timestampTokenContent(event.hash, receipt.platformTime),
    receipt.token,
    deps.trusted,
    deps.verifiers,
  );
  if (valid) remember(key);
  return valid;
}

/**
 * The stored chain in seq order, and the seqs of rows that cannot be opened: one such row makes a
 * whole read fail, so then each row is read on its own.
 */
async function readChain(db: KioskDb): Promise<{
  readonly events: EventEnvelope[];
  readonly unreadable: ReadonlySet<number>;
  readonly outbox: OutboxEntry[];
}> {
  return db.transaction('r', [db.events, db.outbox], async () => {
    const outbox = await db.outbox.toArray();
    try {
      return { events: await db.events.orderBy('seq').toArray(), unreadable: new Set(), outbox };
    } catch {
      const events: EventEnvelope[] = [];
      const unreadable = new Set<number>();
      // The outbox names every event with its seq; the seq index names any without an entry.
      const seqs = new Set<number>([
        ...outbox.map((o) => o.seq),
        ...((await db.events.orderBy('seq').keys()) as number[]),
      ]);
      for (const seq of [...seqs].sort((a, b) => a - b)) {
        try {
          const event = await db.events.where('seq').equals(seq).first();
          if (event) events.push(event);
        } catch {
          unreadable.add(seq);
        }
      }
      return { events, unreadable, outbox };
    }
  });
}

export async function checkOwnChain(deps: SelfCheckDeps): Promise<SelfCheck> {
  return (await checkAndReadChain(deps)).check;
}

/**
 * checkOwnChain, and the stored events it read (opened from their sealed form once), for a push
 * in the same run to send without opening them again.
 */
export async function checkAndReadChain(deps: SelfCheckDeps): Promise<{
  readonly check: SelfCheck;
  readonly events: readonly EventEnvelope[];
}> {
  const { db } = deps;
  const deviceId = deps.device.deviceId;
  const device = await ownChainDevice(db, deps.device);
  const { events, unreadable, outbox } = await readChain(db);
  const [losses, mirrored, checkpoint] = await Promise.all([
    loadDeclaredLosses(db),
    headMirrorOf(db)
      ?.load(deviceId)
      .catch(() => null) ?? Promise.resolve(null),
    readMeta(db, 'chainVerified').catch(() => undefined),
  ]);
  const entries = new Map(outbox.map((o) => [o.eventId, o]));
  const vouched = vouchOf(() => vouchedPrefix(device.key, events, checkpoint ?? null));
  const integrity = await Promise.all(
    events.map((e, i) => integrityOf(e, device, deps.verifiers, i < vouched)),
  );
  const damage: ChainDamage[] = [];
  const mark = (seq: number, reason: DamageReason) =>
    damage.push({ seq, eventId: eventIdOf(deviceId, seq), reason });

  let expected = 1;
  // The hash the next event must link to; null after a damaged event, whose successor is not
  // judged by it (one damage, one name).
  let link: string | null = GENESIS_HASH;
  let last: { readonly seq: number; readonly hash: string | null } = { seq: 0, hash: GENESIS_HASH };
  const skipLost = (seq: number): boolean => {
    const lost = losses.get(seq);
    if (!lost) return false;
    link = lost.linkHash;
    last = { seq, hash: lost.linkHash };
    return true;
  };
  for (const [i, event] of events.entries()) {
    for (; expected < event.seq; expected += 1) {
      if (skipLost(expected)) continue;
      mark(expected, unreadable.has(expected) ? 'unreadable' : 'missing');
      link = null;
    }
    expected = event.seq + 1;
    if (skipLost(event.seq)) continue;
    const verdict = integrity[i] ?? 'altered';
    const entry = entries.get(event.eventId);
    let reason: DamageReason | null = verdict === 'ok' ? null : verdict;
    if (reason === null && entry?.receipt && !(await receiptHolds(event, entry, deps)))
      reason = 'not-as-receipted';
    if (reason === null && (!entry || entry.seq !== event.seq)) reason = 'no-outbox-entry';
    if (reason === null && link !== null && event.prevHash !== link) {
      // This event is as the device signed it, so its prevHash is the hash the device chained
      // it to: the event before it is the one that changed (re-signed, replaced).
      const before = damage.at(-1);
      if (before?.seq !== event.seq - 1 && event.seq > 1) mark(event.seq - 1, 'broken-link');
      else if (event.seq === 1) reason = 'broken-link';
    }
    if (reason !== null) mark(event.seq, reason);
    link = reason === null ? event.hash : null;
    last = { seq: event.seq, hash: reason === null ? event.hash : null };
  }
  // Beyond the last stored event: rows that cannot be opened, entries whose event is gone.
  const beyond = new Set([...unreadable, ...outbox.map((o) => o.seq)].filter((s) => s > last.seq));
  for (const seq of [...beyond].sort((a, b) => a - b)) {
    if (!losses.has(seq)) mark(seq, unreadable.has(seq) ? 'unreadable' : 'missing');
  }
  if (mirrored && mirrored.deviceId === deviceId) {
    for (let seq = last.seq + 1; seq <= mirrored.seq; seq += 1) {
      if (!skipLost(seq)) mark(seq, 'rolled-back');
    }
    if (mirrored.seq === last.seq && last.hash !== null && last.hash !== mirrored.hash)
      mark(last.seq, 'head-rewritten');
  }
  if (damage.length === 0) {
    await saveCheckpoint(db, device, events, losses, checkpoint ?? null);
    return { check: { ok: true, checked: events.length }, events };
  }
  const bySeq = new Map<number, ChainDamage>();
  for (const d of damage) if (!bySeq.has(d.seq)) bySeq.set(d.seq, d);
  return {
    check: { ok: false, damage: [...bySeq.values()].sort((a, b) => a.seq - b.seq) },
    events,
  };
}

/** A malformed stored row (no signature at all) vouches for nothing: it is judged in full. */
function vouchOf(count: () => number): number {
  try {
    return count();
  } catch {
    return 0;
  }
}

/**
 * After a check that found nothing wrong: the checkpoint moves to the last stored event before
 * any declared-lost one (a declared-lost event is never vouched for, whatever it holds).
 */
async function saveCheckpoint(
  db: KioskDb,
  device: ChainDevice,
  events: readonly EventEnvelope[],
  losses: ReadonlyMap<number, LostLink>,
  stored: { readonly seq: number; readonly digest: string } | null,
): Promise<void> {
  const firstLost = events.findIndex((e) => losses.has(e.seq));
  const sound = firstLost < 0 ? events : events.slice(0, firstLost);
  const last = sound.at(-1);
  if (!last) return;
  // Every event here passed its check, so each has its signature to digest.
  const digest = verifiedDigest(device.key, sound);
  if (stored?.seq === last.seq && stored.digest === digest) return;
  await writeMeta(db, 'chainVerified', { seq: last.seq, digest });
}

/** Damage shown in the sync status: enough to name it, never an unbounded list. */
export const MAX_SHOWN_DAMAGE = 50;

/** Checks the store of an enrolled device and publishes the outcome in the sync status. */
export async function checkStoreNow(
  db: KioskDb,
  verifiers: VerifierRegistry,
): Promise<SelfCheck | null> {
  const [device, trusted] = await Promise.all([loadDeviceIdentity(db), loadTrustedKeys(db)]);
  if (!device || device.demo) return null;
  const check = await checkOwnChain({ db, device, trusted, verifiers });
  await publishCheck(db, check);
  return check;
}

export async function publishCheck(db: KioskDb, check: SelfCheck): Promise<void> {
  await updateSyncStatus(
    db,
    check.ok
      ? { damage: [] }
      : { damage: check.damage.slice(0, MAX_SHOWN_DAMAGE), lastError: 'store-damaged' },
  );
}
