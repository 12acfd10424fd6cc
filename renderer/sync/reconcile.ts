import { z } from 'zod';
import type { KioskDb, OutboxEntry } from '../store/db';
import { readMeta } from '../store/meta';

/**
 * The end-of-day reconciliation: every record made on this device is accepted by the platform,
 * rejected (with its reason) or still pending, and the three lists add up to the records made.
 * A record that is in none (its outbox entries are missing) or whose row and chain disagree is
 * listed as unaccounted, and `addsUp` is false: the clerk is told so plainly.
 */

export type RecordSyncState = 'accepted' | 'rejected' | 'pending';

export interface ReconciledRecord {
  readonly recordId: string;
  readonly commitmentCode: string | null;
  readonly day: string | null;
}

export interface UnaccountedRecord extends ReconciledRecord {
  readonly reason: 'no-outbox-entry' | 'no-signed-event' | 'synced-flag-wrong';
}

export interface Reconciliation {
  readonly made: readonly ReconciledRecord[];
  readonly accepted: readonly ReconciledRecord[];
  readonly rejected: readonly (ReconciledRecord & { readonly codes: readonly string[] })[];
  readonly pending: readonly ReconciledRecord[];
  readonly unaccounted: readonly UnaccountedRecord[];
  /** Every event of the chain (records and audit), by outbox state. */
  readonly events: Readonly<Record<OutboxEntry['state'] | 'missing', number>>;
  readonly addsUp: boolean;
}

const SignedCodeSchema = z.object({ commitmentCode: z.string() });

/** The record's state from its events' outbox entries: any rejection wins, then any pending. */
export function recordSyncState(outbox: readonly OutboxEntry[]): RecordSyncState {
  if (outbox.some((o) => o.state === 'rejected')) return 'rejected';
  if (outbox.some((o) => o.state === 'pending')) return 'pending';
  return 'accepted';
}

/** `day` (YYYY-MM-DD, hall time) limits the records to those signed that day. */
export async function reconcile(
  db: KioskDb,
  options: { readonly day?: string } = {},
): Promise<Reconciliation> {
  return db.transaction('r', [db.events, db.outbox, db.records, db.meta], async () => {
    const [signedEvents, rows, outbox, losses] = await Promise.all([
      db.events.where('type').equals('record.signed').toArray(),
      db.records.toArray(),
      db.outbox.toArray(),
      readMeta(db, 'chainLosses'),
    ]);
    const rowById = new Map(rows.map((r) => [r.recordId, r]));
    const byRecord = new Map<string, OutboxEntry[]>();
    for (const o of outbox) {
      if (o.recordId === null) continue;
      const list = byRecord.get(o.recordId) ?? [];
      list.push(o);
      byRecord.set(o.recordId, list);
    }
    const made = new Map<string, ReconciledRecord>();
    for (const e of signedEvents) {
      if (e.recordId === null) continue;
      const row = rowById.get(e.recordId);
      const code = SignedCodeSchema.safeParse(e.payload);
      made.set(e.recordId, {
        recordId: e.recordId,
        commitmentCode: code.success ? code.data.commitmentCode : (row?.commitmentCode ?? null),
        day: row?.day ?? e.at.slice(0, 10),
      });
    }
    const eventIds = new Set(await db.events.toCollection().primaryKeys());
    const declaredLost = new Set((losses ?? []).map((l) => l.eventId));
    const lostHere = (o: OutboxEntry) => !eventIds.has(o.eventId) && declaredLost.has(o.eventId);
    const unaccounted: UnaccountedRecord[] = [];
    for (const row of rows) {
      if (made.has(row.recordId)) continue;
      const record = { recordId: row.recordId, commitmentCode: row.commitmentCode, day: row.day };
      // A record whose signing event was declared lost was made here: it counts as refused.
      if ((byRecord.get(row.recordId) ?? []).some(lostHere)) made.set(row.recordId, record);
      else unaccounted.push({ ...record, reason: 'no-signed-event' });
    }
    const inDay = (r: ReconciledRecord) => options.day === undefined || r.day === options.day;
    const accepted: ReconciledRecord[] = [];
    const rejected: (ReconciledRecord & { codes: string[] })[] = [];
    const pending: ReconciledRecord[] = [];
    for (const record of made.values()) {
      if (!inDay(record)) continue;
      const entries = byRecord.get(record.recordId) ?? [];
      const signedEntry = entries.length > 0;
      if (!signedEntry) {
        unaccounted.push({ ...record, reason: 'no-outbox-entry' });
        continue;
      }
      const state = recordSyncState(entries);
      const row = rowById.get(record.recordId);
      const synced = entries.every((o) => o.receipt !== undefined);
      if (row && (row.synced === 1) !== synced) {
        unaccounted.push({ ...record, reason: 'synced-flag-wrong' });
      }
      if (state === 'accepted') accepted.push(record);
      else if (state === 'pending') pending.push(record);
      else {
        const codes = entries.flatMap((o) => (o.rejection ? [o.rejection.code] : []));
        rejected.push({ ...record, codes });
      }
    }
    const madeList = [...made.values()].filter(inDay);
    const events = { pending: 0, accepted: 0, duplicate: 0, rejected: 0, missing: 0 };
    const outboxIds = new Set(outbox.map((o) => o.eventId));
    for (const o of outbox) events[o.state] += 1;
    // An event without its outbox entry, or an entry whose event is gone: both break the count,
    // unless a supervisor declared that event lost with the platform's approval.
    events.missing =
      [...eventIds].filter((id) => !outboxIds.has(id)).length +
      outbox.filter((o) => !eventIds.has(o.eventId) && !lostHere(o)).length;
    const dayUnaccounted = unaccounted.filter(inDay);
    return {
      made: madeList,
      accepted,
      rejected,
      pending,
      unaccounted: dayUnaccounted,
      events,
      addsUp:
        madeList.length === accepted.length + rejected.length + pending.length &&
        dayUnaccounted.length === 0 &&
        events.missing === 0,
    };
  });
}
