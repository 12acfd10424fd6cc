import type { Actor } from '../../../shared/events/envelope';
import type { CentralRow, OutboxEntry, StoredEvent } from '../../store/db';

/** One line of a record's history: an event of this device's chain, or a change made centrally. */
export interface HistoryRow {
  readonly id: string;
  readonly source: 'device' | 'central';
  /** Device events: the time signed on the device. Central changes: the platform's time. */
  readonly at: string;
  readonly type: string;
  readonly actor: Actor;
  readonly payload: Readonly<Record<string, unknown>>;
  readonly outbox: OutboxEntry | null;
  /** The platform's receipt, with the time it attested (timestamp token), once accepted. */
  readonly receipt: OutboxEntry['receipt'] | null;
}

export interface HistorySource {
  readonly events: readonly StoredEvent[];
  readonly central: readonly CentralRow[];
  readonly outbox: ReadonlyMap<string, OutboxEntry>;
}

/**
 * Every event of the record in the order it applies (store/records.ts mergeEntries): the device's
 * by seq, each central change after the device events stored before it arrived. Unlike the
 * lifecycle's entries, audit events about the record (a reprint) are kept: the clerk sees them.
 */
export function historyRows(source: HistorySource): HistoryRow[] {
  const own = [...source.events].sort((a, b) => a.seq - b.seq);
  const pulled = [...source.central].sort((a, b) => a.order - b.order);
  const rows: HistoryRow[] = [];
  const device = (e: StoredEvent): HistoryRow => {
    const outbox = source.outbox.get(e.eventId) ?? null;
    return {
      id: e.eventId,
      source: 'device',
      at: e.at,
      type: e.type,
      actor: e.actor,
      payload: e.payload,
      outbox,
      receipt: outbox?.receipt ?? null,
    };
  };
  let i = 0;
  for (const row of pulled) {
    while (i < own.length && (own[i]?.seq ?? 0) <= row.afterSeq)
      rows.push(device(own[i++] as StoredEvent));
    const { change } = row;
    rows.push({
      id: change.changeId,
      source: 'central',
      at: change.at,
      type: change.event.type,
      actor: change.actor,
      payload: change.event.payload as Readonly<Record<string, unknown>>,
      outbox: null,
      receipt: null,
    });
  }
  return [...rows, ...own.slice(i).map(device)];
}

/** The receipt of the record's signing: the platform's attested time of the signature. */
export function signedReceipt(source: HistorySource): OutboxEntry['receipt'] | null {
  const signed = source.events.find((e) => e.type === 'record.signed');
  return (signed && source.outbox.get(signed.eventId)?.receipt) ?? null;
}
