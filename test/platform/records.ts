import { CentralChangeSchema } from '../../shared/platform/pull';
import type { CentralChange } from '../../shared/platform/pull';
import { EventEnvelopeSchema } from '../../shared/events/envelope';
import { RecordEventSchema } from '../../shared/record/events';
import { deriveRecord } from '../../shared/record/lifecycle';
import type { RecordEventEntry, RecordView } from '../../shared/record/lifecycle';
import type { Db } from './db';

/**
 * A record as the platform holds it: the device's events and the central changes, in the order
 * the platform received them (one ledger numbers both), folded by the shared lifecycle.
 */

export const CENTRAL_DEVICE = 'platform';

export interface RecordRow {
  readonly record_id: string;
  readonly hall_code: string;
  readonly device_id: string;
  readonly commitment_code: string;
  readonly id_number: string;
  readonly entity_name: string;
}

function deviceEntries(db: Db, recordId: string): [number, RecordEventEntry][] {
  return db
    .prepare<[string], { ledger: number; body: string }>(
      'SELECT ledger, body FROM events WHERE record_id = ? ORDER BY ledger',
    )
    .all(recordId)
    .flatMap(({ ledger, body }): [number, RecordEventEntry][] => {
      const envelope = EventEnvelopeSchema.safeParse(JSON.parse(body));
      if (!envelope.success) return [];
      const e = envelope.data;
      const event = RecordEventSchema.safeParse({ type: e.type, payload: e.payload });
      if (!event.success || e.recordId === null) return [];
      const meta = { eventId: e.eventId, recordId: e.recordId, deviceId: e.deviceId };
      return [[ledger, { ...event.data, ...meta, seq: e.seq, at: e.at, actor: e.actor }]];
    });
}

export function centralChanges(db: Db, recordId: string): [number, CentralChange][] {
  return db
    .prepare<[string], { ledger: number; body: string }>(
      'SELECT ledger, body FROM central_changes WHERE record_id = ? ORDER BY ledger',
    )
    .all(recordId)
    .map(({ ledger, body }) => [ledger, CentralChangeSchema.parse(JSON.parse(body))]);
}

export function centralEntry(ledger: number, change: CentralChange): RecordEventEntry {
  return {
    ...change.event,
    eventId: change.changeId,
    recordId: change.recordId,
    deviceId: CENTRAL_DEVICE,
    seq: ledger,
    at: change.at,
    actor: change.actor,
  };
}

/** The entries of a record in ledger order. */
export function recordEntries(db: Db, recordId: string): RecordEventEntry[] {
  const central = centralChanges(db, recordId).map(([ledger, c]): [number, RecordEventEntry] => [
    ledger,
    centralEntry(ledger, c),
  ]);
  return [...deviceEntries(db, recordId), ...central]
    .sort((a, b) => a[0] - b[0])
    .map(([, entry]) => entry);
}

export function foldRecord(db: Db, recordId: string): RecordView | null {
  const derived = deriveRecord(recordEntries(db, recordId));
  return derived.ok ? derived.record : null;
}

export function recordByCode(db: Db, commitmentCode: string): RecordRow | undefined {
  return db
    .prepare<[string], RecordRow>('SELECT * FROM records WHERE commitment_code = ?')
    .get(commitmentCode);
}
