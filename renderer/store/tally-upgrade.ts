import type { Transaction } from 'dexie';
import { addToTally, applyDelta, type DayTally, type TallyDelta } from '../../shared/stats/tally';
import type { CentralRow, RecordRow, StoredEvent } from './db';
import { deriveView, rowOf } from './records';
import { TALLY_TABLE } from './tally';

/** Records re-derived per step: a few hundred records' events in memory at a time. */
const CHUNK = 500;

/**
 * The upgrade that adds the statistics' tally (db.ts, version 6). Rows written before carry
 * neither the deadlines met nor, for the oldest, the commitment type, so each is derived again
 * from its events (the same rowOf every write uses), then the tally is counted afresh from the
 * rows as they now stand. The running tally the middleware kept while the rows were rewritten is
 * replaced: it started from nothing, so it took away rows it had never counted.
 */
export async function upgradeToTally(tx: Transaction): Promise<void> {
  const records = tx.table<RecordRow, string>('records');
  const ids = await records.toCollection().primaryKeys();
  const delta: TallyDelta = new Map();
  for (let i = 0; i < ids.length; i += CHUNK) {
    const chunk = ids.slice(i, i + CHUNK);
    const [rows, events, central] = await Promise.all([
      records.bulkGet(chunk),
      tx.table<StoredEvent, string>('events').where('recordId').anyOf(chunk).toArray(),
      tx.table<CentralRow, string>('central').where('recordId').anyOf(chunk).toArray(),
    ]);
    const next: RecordRow[] = [];
    for (const row of rows) {
      if (!row) continue;
      const view = deriveView(
        events.filter((e) => e.recordId === row.recordId),
        central.filter((c) => c.recordId === row.recordId),
      );
      // A record whose events no longer derive (none should) keeps its row as it was.
      const fresh = view ? rowOf(view, row.signedAt, row.synced === 1) : row;
      next.push(fresh);
      addToTally(delta, fresh, 1);
    }
    await records.bulkPut(next);
  }
  const tally = tx.table<DayTally, string>(TALLY_TABLE);
  await tally.clear();
  const days: DayTally[] = [];
  for (const [day, counts] of delta) {
    const row = applyDelta(day, undefined, counts);
    if (row) days.push(row);
  }
  await tally.bulkPut(days);
}
