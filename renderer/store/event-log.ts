import type { Transaction } from 'dexie';
import {
  GENESIS_HEAD,
  sealEvent,
  type ChainHead,
  type EventEnvelope,
  type UnsignedEvent,
} from '../../shared/events/envelope';
import type { Signer } from '../../shared/crypto/signing';
import { withChainLock } from './chain-lock';
import type { KioskDb } from './db';
import { headMirrorOf } from './head-mirror';
import { readMeta, writeMeta } from './meta';

export type AppendError = 'invalid-event' | 'signing-failed' | 'chain-moved' | 'rejected';

export type AppendResult<T> =
  | { readonly ok: true; readonly events: readonly EventEnvelope[]; readonly value: T }
  | { readonly ok: false; readonly error: AppendError; readonly detail?: string };

/** Thrown inside the write transaction to abort it with a reason the caller can report. */
export class AbortAppend extends Error {
  constructor(
    readonly reason: string,
    readonly value?: unknown,
  ) {
    super(reason);
  }
}

export async function readHead(db: KioskDb): Promise<ChainHead> {
  return (await readMeta(db, 'chainHead')) ?? GENESIS_HEAD;
}

/**
 * Seals `build(head)`'s events onto the chain and writes them, their outbox entries and whatever
 * `alsoWrite` adds in ONE transaction. Either all of it is stored or none of it: a crash between
 * signing and writing leaves the chain exactly as it was.
 */
export async function appendEvents<T>(
  db: KioskDb,
  signer: Signer,
  build: (head: ChainHead) => Promise<readonly UnsignedEvent[]> | readonly UnsignedEvent[],
  alsoWrite: (tx: Transaction, events: readonly EventEnvelope[]) => Promise<T>,
): Promise<AppendResult<T>> {
  return withChainLock(async () => {
    const head = await readHead(db);
    const unsigned = await build(head);
    // A store behind the head kept outside it was rolled back: nothing more goes on it until a
    // supervisor has declared the lost events (sync/loss.ts), or their seqs would be taken again.
    const deviceId = unsigned[0]?.deviceId;
    const mirrored =
      deviceId === undefined
        ? null
        : await headMirrorOf(db)
            ?.load(deviceId)
            .catch(() => null);
    if (
      mirrored &&
      (mirrored.seq > head.seq || (mirrored.seq === head.seq && mirrored.hash !== head.hash))
    )
      return { ok: false, error: 'rejected', detail: 'chain-rolled-back' };
    const sealed: EventEnvelope[] = [];
    let prev = head;
    for (const event of unsigned) {
      const result = await sealEvent(event, prev, signer);
      if (!result.ok)
        return {
          ok: false,
          error: result.error === 'signing-failed' ? 'signing-failed' : 'invalid-event',
        };
      sealed.push(result.event);
      prev = { seq: result.event.seq, hash: result.event.hash };
    }
    try {
      const value = await db.transaction(
        'rw',
        [db.events, db.outbox, db.records, db.blobs, db.meta],
        async (tx) => {
          const current = await readHead(db);
          // The lock makes this impossible unless another engine without locks wrote meanwhile.
          if (current.seq !== head.seq || current.hash !== head.hash)
            throw new AbortAppend('chain-moved');
          if (sealed.length > 0) {
            await db.events.bulkAdd(sealed);
            await db.outbox.bulkAdd(
              sealed.map((e) => ({
                eventId: e.eventId,
                seq: e.seq,
                recordId: e.recordId,
                state: 'pending' as const,
                attempts: 0,
              })),
            );
            await writeMeta(db, 'chainHead', prev);
          }
          return alsoWrite(tx, sealed);
        },
      );
      const last = sealed.at(-1);
      // Outside IndexedDB too, once the store holds it (head-mirror.ts).
      if (last) {
        await headMirrorOf(db)
          ?.save({ deviceId: last.deviceId, seq: last.seq, hash: last.hash })
          .catch(() => undefined);
      }
      return { ok: true, events: sealed, value };
    } catch (error) {
      if (error instanceof AbortAppend) {
        return {
          ok: false,
          error: error.reason === 'chain-moved' ? 'chain-moved' : 'rejected',
          detail: error.reason,
        };
      }
      throw error;
    }
  });
}
