import {
  commitmentCodeOf,
  matchesFilter,
  type AuditFilter,
  type LoggedEvent,
} from '../../shared/console/audit-entry';
import type { KioskDb, StoredEvent } from '../store/db';

/** One line of the audit log: a chain event and the record it is about. */
export interface AuditEntry {
  readonly event: StoredEvent;
  readonly code: string | null;
}

/**
 * The whole chain read once in seq order (every record and console action is an event of it, so
 * the log is complete and its numbers are the chain's, without gaps), filtered, newest first.
 * Commitment codes come from each record's signing event, whose code a retention purge keeps.
 */
export async function loadAuditEntries(db: KioskDb, filter: AuditFilter): Promise<AuditEntry[]> {
  const codes = new Map<string, string>();
  const entries: AuditEntry[] = [];
  await db.events.orderBy('seq').each((event) => {
    if (event.type === 'record.signed' && event.recordId) {
      const code = event.payload.commitmentCode;
      if (typeof code === 'string') codes.set(event.recordId, code);
    }
    const logged: LoggedEvent = event;
    const code = commitmentCodeOf(logged, codes);
    if (matchesFilter(logged, code, filter)) entries.push({ event, code });
  });
  return entries.reverse();
}

/** Every event of the chain, for the day's tally. */
export function loadAllEvents(db: KioskDb): Promise<StoredEvent[]> {
  return db.events.orderBy('seq').toArray();
}
