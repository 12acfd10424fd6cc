import { purgedPayload, retentionCutoff, selectPurgeable } from '../../shared/console/retention';
import { EVIDENCE_KINDS } from '../../shared/platform/evidence';
import { EVIDENCE_BLOB_PREFIXES, archivedBlobKey, recordBlobKeys } from '../store/blob-keys';
import type { KioskDb } from '../store/db';
import { writeMetaOf } from '../store/meta';
import { refreshTextIndex } from './text-index';

/** Every evidence file the record has on the device is acknowledged by the platform. */
async function evidenceArchived(db: KioskDb, recordId: string): Promise<boolean> {
  for (const kind of EVIDENCE_KINDS) {
    const held = await db.blobs
      .where('key')
      .equals(`${EVIDENCE_BLOB_PREFIXES[kind]}${recordId}`)
      .count();
    if (
      held > 0 &&
      (await db.blobs.where('key').equals(archivedBlobKey(kind, recordId)).count()) === 0
    )
      return false;
  }
  return true;
}

/**
 * Removes the personal data of synced records past the retention period. Goes: the search row (and its entry in the text index and its saved copy), the
 * stored letter, signature and photo, and the payload of each of the record's events (replaced by
 * the residue of shared/console/retention `purgedPayload`). Stays: each event's envelope (seq,
 * type, time, actor, hash, prevHash, signature), so the chain still links and every signature
 * still verifies over the stored hash, though a purged event's hash can no longer be recomputed
 * from its content (the platform holds the full event); the signed event's commitment code; its
 * outbox entries and receipts; and a `purged:` note with the code, day, letter hash and event
 * hashes. An unsynced record is never touched (shared/console/retention), nor one with a file the
 * platform has not acknowledged as evidence (sync/evidence.ts).
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
      // The letter, signature and photo leave only once the platform acknowledged each of them.
      if (!(await evidenceArchived(db, recordId))) return;
      const events = await db.events.where('recordId').equals(recordId).sortBy('seq');
      const signed = events.find((e) => e.type === 'record.signed');
      await writeMetaOf(db, 'purged', recordId, {
        commitmentCode: row.commitmentCode,
        day: row.day,
        documentHash: (signed?.payload.document as { hash?: string } | undefined)?.hash ?? null,
        eventHashes: events.map((e) => e.hash),
      });
      // Written back whole: the at-rest layer seals the residue in place of the old payload.
      await db.events.bulkPut(
        events.map((e) => ({ ...e, payload: purgedPayload(e.type, e.payload) })),
      );
      await db.records.delete(recordId);
      await db.blobs.bulkDelete(recordBlobKeys(recordId));
      purged += 1;
    });
  }
  if (purged > 0) await refreshTextIndex(db);
  return purged;
}
