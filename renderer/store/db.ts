import Dexie, { type EntityTable } from 'dexie';
import type { EventEnvelope } from '../../shared/events/envelope';
import type { CatalogueSignature } from '../../shared/catalogue/signed';
import type { CentralChange } from '../../shared/platform/pull';
import type { RecordState, ObjectionStatus } from '../../shared/record/lifecycle';
import type { CommitmentType, EntityKind } from '../../shared/model';
import type { ClosedDueItem, DueItem } from '../../shared/deadlines/worklist';
import type { DayTally } from '../../shared/stats/tally';
import { atRestMiddleware, type DataKeyHolder } from './at-rest/middleware';
import { tallyMiddleware } from './tally';
import { upgradeToTally } from './tally-upgrade';

/** One signed event of this device's chain, exactly as sealed; only a retention purge later replaces its payload. */
export type StoredEvent = EventEnvelope;

export type OutboxState = 'pending' | 'accepted' | 'duplicate' | 'rejected';

/** Sync state of one event; written in the same transaction as the event itself. */
export interface OutboxEntry {
  readonly eventId: string;
  readonly seq: number;
  readonly recordId: string | null;
  readonly state: OutboxState;
  readonly receipt?: {
    readonly receiptNo: string;
    /** The platform's attested time for the event (the timestamp token's time). */
    readonly platformTime: string;
    /** The timestamp token's signature over {hash, time}, verified before it was stored. */
    readonly token: CatalogueSignature;
  };
  readonly rejection?: { readonly code: string; readonly detail?: string };
  readonly attempts: number;
}

/** The searchable summary of a record, rebuilt from its events on every write. */
export interface RecordRow {
  readonly recordId: string;
  readonly commitmentCode: string;
  /** Hall-local calendar day the record was signed, YYYY-MM-DD (index for the day's list). */
  readonly day: string;
  readonly signedAt: string;
  readonly matterCode: string;
  readonly entityKind: EntityKind;
  /** Absent on rows written before the statistics (issue 18): the catalogue names it then. */
  readonly commitmentType?: CommitmentType;
  readonly entityName: string;
  readonly idNumber: string;
  readonly state: RecordState;
  readonly objection: ObjectionStatus;
  /** 1 when every event of the record has a platform receipt (IndexedDB cannot index booleans). */
  readonly synced: 0 | 1;
  readonly provisional: 0 | 1;
  /** The earliest deadline still open (the worklist's index); absent when nothing is owed. */
  readonly dueBy?: string;
  /** Every open deadline: the department's check and each material to follow. */
  readonly due?: readonly DueItem[];
  /** The deadlines met (the statistics' on time / late); absent when none is. */
  readonly met?: readonly ClosedDueItem[];
  /** The approval case the record is linked to, for search. */
  readonly caseNumber?: string;
}

/** Bytes that stay on the device: the signature image of each record. */
export interface BlobRow {
  readonly key: string;
  readonly mimeType: string;
  readonly data: Uint8Array;
}

/** A change made centrally to a record (pull), verified and stored once by changeId. */
export interface CentralRow {
  readonly changeId: string;
  readonly recordId: string;
  /** Arrival order on this device: central changes fold in this order. */
  readonly order: number;
  /** The device's chain head seq when the change was stored: it folds after those events. */
  readonly afterSeq: number;
  /** As received and verified (platform-signed). */
  readonly change: CentralChange;
}

export interface MetaRow {
  readonly key: string;
  readonly value: unknown;
}

export const DB_NAME = 'credit-commitment-kiosk';

export class KioskDb extends Dexie {
  events!: EntityTable<StoredEvent, 'eventId'>;
  outbox!: EntityTable<OutboxEntry, 'eventId'>;
  records!: EntityTable<RecordRow, 'recordId'>;
  blobs!: EntityTable<BlobRow, 'key'>;
  meta!: EntityTable<MetaRow, 'key'>;
  central!: EntityTable<CentralRow, 'changeId'>;
  /** The statistics' counters per hall day, kept by every write to records (tally.ts). */
  tally!: EntityTable<DayTally, 'day'>;

  /** `keys` holds the data key that seals applicants' fields (at-rest/middleware.ts). */
  constructor(
    name: string,
    /** Also seals what the app keeps of personal data outside these tables (the text index). */
    readonly keys: DataKeyHolder,
  ) {
    // Records and their outbox entries must survive a power cut the moment submit returns.
    super(name, { chromeTransactionDurability: 'strict' });
    this.use(atRestMiddleware(keys));
    this.use(tallyMiddleware());
    this.version(1).stores({
      events: '&eventId, &seq, recordId, type',
      outbox: '&eventId, &seq, state, recordId',
      records:
        '&recordId, &commitmentCode, day, signedAt, matterCode, state, synced, entityName, idNumber',
      blobs: '&key',
      meta: '&key',
    });
    // Version 2 adds the pulled central changes; every version 1 table is kept as it is.
    // The outbox gains [state+seq] so that the next pending batch is read in seq order directly.
    this.version(2).stores({
      outbox: '&eventId, &seq, state, recordId, [state+seq]',
      central: '&changeId, recordId, &order',
    });
    // Version 3 seals applicants' fields: the name and identifier indexes go (they would hold
    // them in clear), and every row written before is written again, sealed.
    this.version(3)
      .stores({
        records: '&recordId, &commitmentCode, day, signedAt, matterCode, state, synced',
      })
      .upgrade(async (tx) => {
        for (const table of ['events', 'records', 'blobs']) {
          const rows: unknown[] = await tx.table(table).toArray();
          await tx.table(table).bulkPut(rows);
        }
      });
    // Version 4: each search filter also as a compound index with the signing time, so that the
    // clerk's search walks one filter's rows newest first and stops at the page (record-search.ts)
    // instead of reading and sorting all of them (5,000 "not yet synced" rows took 100 ms).
    this.version(4).stores({
      records:
        '&recordId, &commitmentCode, day, signedAt, matterCode, state, synced, ' +
        '[day+signedAt], [matterCode+signedAt], [state+signedAt], [synced+signedAt]',
    });
    // Version 5 indexes the worklist (earliest open deadline) and the linked approval case. Rows
    // written before have neither: records signed before deadlines were kept owe nothing, and a
    // case is linked by a new event, which rewrites the row.
    this.version(5).stores({
      records:
        '&recordId, &commitmentCode, day, signedAt, matterCode, state, synced, ' +
        '[day+signedAt], [matterCode+signedAt], [state+signedAt], [synced+signedAt], dueBy, caseNumber',
    });
    // Version 6 adds the statistics' tally: counters per hall day, kept in step with the record
    // rows by tallyMiddleware, so a year's figures read a few hundred rows, not every record (the
    // 100,000 rows of a busy hall took 22 s). The rows are derived again (the deadlines met are
    // new) and the tally counted from them.
    this.version(6)
      .stores({ tally: '&day' })
      .upgrade((tx) => upgradeToTally(tx));
  }
}

/** Asks the browser not to evict this origin's data under storage pressure. */
export async function requestPersistentStorage(): Promise<boolean> {
  if (typeof navigator === 'undefined' || !navigator.storage?.persist) return false;
  if (await navigator.storage.persisted()) return true;
  return navigator.storage.persist();
}
