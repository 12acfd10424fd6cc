import { retentionCutoff, selectPurgeable } from '../../shared/console/retention';
import { recordBlobKeys } from '../store/blob-keys';
import type { KioskDb } from '../store/db';

const purgedKey = (recordId: string) => `purged:${recordId}`;

/**
 * Removes the personal data of synced records past the retention period: the search row and the
 * stored letter and signature. What proves the record existed stays: its commitment code, the
 * letter's hash and the hashes of its events (the events themselves stay in the chain, which must
 * remain verifiable end to end). An unsynced record is never touched (shared/console/retention).
 */
export async function purgeExpiredRecords(
  db: KioskDb,
  today: string,
  retentionDays: number,
): Promise<number> {
  const cutoff = retentionCutoff(today, retentionDays);
  const old = await db.records.where('day').below(cutoff).toArray();
  const chosen = selectPurgeable(old, today, retentionDays);
  let purged = 0;
  for (const recordId of chosen) {
    await db.transaction('rw', [db.records, db.blobs, db.meta, db.events, db.outbox], async () => {
      const row = await db.records.get(recordId);
      const outbox = await db.outbox.where('recordId').equals(recordId).toArray();
      // Re-checked in the transaction: an event appended since the selection makes it unsynced.
      if (!row || row.synced !== 1 || outbox.some((o) => o.state === 'pending')) return;
      const events = await db.events.where('recordId').equals(recordId).sortBy('seq');
      const signed = events.find((e) => e.type === 'record.signed');
      await db.meta.put({
        key: purgedKey(recordId),
        value: {
          commitmentCode: row.commitmentCode,
          day: row.day,
          documentHash: (signed?.payload.document as { hash?: string } | undefined)?.hash ?? null,
          eventHashes: events.map((e) => e.hash),
        },
      });
      await db.records.delete(recordId);
      await db.blobs.bulkDelete(recordBlobKeys(recordId));
      purged += 1;
    });
  }
  return purged;
}
