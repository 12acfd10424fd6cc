import type { CommitmentDocument } from '../../../shared/document/model';
import { deriveRecord, type Anomaly, type RecordView } from '../../../shared/record/lifecycle';
import { storedDocument } from '../../services/letter';
import type { CentralRow, KioskDb, OutboxEntry, RecordRow, StoredEvent } from '../../store/db';
import { loadReprints } from '../../store/audit-log';
import { mergeEntries } from '../../store/records';

/** One record as the clerk's detail screen and its action forms see it. */
export interface LoadedRecord {
  readonly row: RecordRow;
  readonly view: RecordView;
  readonly events: readonly StoredEvent[];
  /** Changes made centrally (pulled): fulfilment findings, repairs, objection results. */
  readonly central: readonly CentralRow[];
  readonly outbox: ReadonlyMap<string, OutboxEntry>;
  readonly document: CommitmentDocument | null;
  /** Audit events about the record (reprints), shown in its history. */
  readonly reprints: readonly StoredEvent[];
  /**
   * Events the lifecycle could not apply, by event id, with the reason: typically a change made
   * centrally that conflicts with one made here (a finding on a record voided at the counter).
   */
  readonly anomalies: ReadonlyMap<string, Anomaly['reason']>;
}

/** A record with everything the detail screen shows about it, or null where it cannot be read. */
export async function loadRecord(db: KioskDb, recordId: string): Promise<LoadedRecord | null> {
  const [row, events, central, outbox, document] = await Promise.all([
    db.records.get(recordId),
    db.events.where('recordId').equals(recordId).sortBy('seq'),
    db.central.where('recordId').equals(recordId).toArray(),
    db.outbox.where('recordId').equals(recordId).toArray(),
    storedDocument(db, recordId),
  ]);
  const derived = deriveRecord(mergeEntries(events, central));
  if (!row || !derived.ok) return null;
  const view = derived.record;
  const reprints = await loadReprints(db, row.commitmentCode);
  const reprintOutbox = await db.outbox.bulkGet(reprints.map((e) => e.eventId));
  return {
    row,
    view,
    events,
    central,
    outbox: new Map(
      [...outbox, ...reprintOutbox]
        .filter((o): o is OutboxEntry => o !== undefined)
        .map((o) => [o.eventId, o]),
    ),
    document,
    reprints,
    anomalies: new Map(derived.anomalies.map((a) => [a.eventId, a.reason])),
  };
}
