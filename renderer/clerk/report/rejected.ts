import type { KioskDb } from '../../store/db';

/** An event the platform refused: kept, shown with its reason, never resent as it is. */
export interface RejectedEvent {
  readonly eventId: string;
  readonly seq: number;
  readonly type: string;
  readonly commitmentCode: string | null;
  readonly code: string;
  readonly detail: string | null;
}

export async function listRejectedEvents(db: KioskDb): Promise<RejectedEvent[]> {
  const entries = await db.outbox.where('state').equals('rejected').sortBy('seq');
  const [events, rows] = await Promise.all([
    db.events.bulkGet(entries.map((o) => o.eventId)),
    db.records.bulkGet(entries.map((o) => o.recordId ?? '')),
  ]);
  return entries.map((o, i) => ({
    eventId: o.eventId,
    seq: o.seq,
    type: events[i]?.type ?? '',
    commitmentCode: o.recordId === null ? null : (rows[i]?.commitmentCode ?? null),
    code: o.rejection?.code ?? 'unknown',
    detail: o.rejection?.detail ?? null,
  }));
}
