import type { Signer } from '../../../../shared/crypto/signing';
import { envelopeHash, signedBytes } from '../../../../shared/events/envelope';
import type { EventEnvelope } from '../../../../shared/events/envelope';
import {
  documentBlobKey,
  photoBlobKey,
  signatureBlobKey,
} from '../../../../renderer/store/blob-keys';
import type { KioskDb, StoredEvent } from '../../../../renderer/store/db';
import { readHead } from '../../../../renderer/store/event-log';
import { loadPushPlan } from '../../../../renderer/sync/push';

/**
 * Faults in the device's own store, injected by the fault proof's harness (never by product code)
 * as a test of the test: each loses or alters what was made, and the oracle must see it.
 */
export const STORE_MUTATIONS = ['drop-newest-unsent', 'drop-outbox-row', 'alter-payload'] as const;
export type StoreMutation = (typeof STORE_MUTATIONS)[number];

/** The chain head's event, if it was never sent: pending and in no stored push plan. */
async function unsentHead(db: KioskDb): Promise<StoredEvent | null> {
  const head = await readHead(db);
  if (head.seq === 0) return null;
  const event = await db.events.where('seq').equals(head.seq).first();
  if (!event) return null;
  const entry = await db.outbox.get(event.eventId);
  if (entry?.state !== 'pending' || entry.attempts > 0) return null;
  if ((await loadPushPlan({ db }))?.eventIds.includes(event.eventId)) return null;
  return event;
}

/** A payload the platform still takes: a name or a clerk id changed, nothing added. */
function alteredPayload(payload: StoredEvent['payload']): StoredEvent['payload'] {
  const entity = payload.entity;
  if (typeof entity === 'object' && entity !== null && !Array.isArray(entity))
    return { ...payload, entity: { ...entity, name: `${String(entity.name)}（改）` } };
  return { ...payload, clerkId: 'c-9' };
}

/** Applies `mutation` once, at the start of a push; true when it changed something. */
export async function mutateStore(
  db: KioskDb,
  mutation: StoreMutation,
  signer: Signer,
): Promise<boolean> {
  const event = await unsentHead(db);
  if (!event) return false;
  if (mutation === 'drop-newest-unsent') {
    // The newest never-sent record goes, with everything of it, and the head rolls back.
    if (event.type !== 'record.signed' || event.recordId === null) return false;
    const recordId = event.recordId;
    await db.transaction('rw', [db.events, db.outbox, db.records, db.blobs, db.meta], async () => {
      await db.events.delete(event.eventId);
      await db.outbox.delete(event.eventId);
      await db.records.delete(recordId);
      await db.blobs.bulkDelete([
        signatureBlobKey(recordId),
        photoBlobKey(recordId),
        documentBlobKey(recordId),
      ]);
      await db.meta.put({ key: 'chainHead', value: { seq: event.seq - 1, hash: event.prevHash } });
    });
    return true;
  }
  if (mutation === 'drop-outbox-row') {
    await db.outbox.delete(event.eventId);
    return true;
  }
  // alter-payload: the stored payload changes, and the event is re-hashed and re-signed with
  // the device's own key, so that device and platform agree on it.
  const payload = alteredPayload(event.payload);
  const content = { ...event, payload };
  const hash = envelopeHash(content);
  const altered: EventEnvelope = {
    ...content,
    hash,
    sig: { alg: signer.algorithm, value: await signer.sign(signedBytes(hash)) },
  };
  await db.transaction('rw', [db.events, db.meta], async () => {
    await db.events.put(altered);
    await db.meta.put({ key: 'chainHead', value: { seq: event.seq, hash } });
  });
  return true;
}
