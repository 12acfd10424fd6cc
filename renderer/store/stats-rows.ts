import type { CommitmentType } from '../../shared/model';
import { metOnTime } from '../../shared/deadlines/worklist';
import type { StatsFigures, StatsRange, StatsRecord } from '../../shared/stats/figures';
import { figuresFromTally } from '../../shared/stats/tally';
import type { KioskDb, RecordRow } from './db';

/** A stored row as IndexedDB holds it: the applicant's fields stay sealed, unread. */
type StoredRow = Omit<RecordRow, 'entityName' | 'idNumber'>;

function getAll(index: IDBIndex, range: IDBKeyRange): Promise<StoredRow[]> {
  return new Promise((resolve, reject) => {
    const request = index.getAll(range);
    request.onsuccess = () => resolve(request.result as StoredRow[]);
    request.onerror = () => reject(request.error ?? new Error('getAll failed'));
  });
}

/**
 * What the statistics count of the records signed from `from` to `to`, read from the `day` index
 * of the native store. It goes below Dexie on purpose: the figures need no name or identifier, so
 * the sealed fields are never opened (opening 100,000 of them cost more than the counting), and
 * what is never opened cannot leak into a chart.
 *
 * `typeOf` names the commitment type for rows written before the row carried it (the catalogue's
 * matter); a matter the catalogue no longer has counts as 'other'.
 *
 * This is the full recount, which reads every row (22 s for 100,000): the proof and benchmark peer
 * of the tally. The screen reads loadTallyFigures.
 */
export async function loadStatsRecords(
  db: KioskDb,
  range: { readonly from: string; readonly to: string },
  typeOf: (matterCode: string) => CommitmentType | undefined,
): Promise<StatsRecord[]> {
  if (!db.isOpen()) await db.open();
  const idb = db.backendDB();
  const tx = idb.transaction('records', 'readonly');
  const rows = await getAll(
    tx.objectStore('records').index('day'),
    IDBKeyRange.bound(range.from, range.to),
  );
  return rows.map((row) => ({
    day: row.day,
    matterCode: row.matterCode,
    entityKind: row.entityKind,
    commitmentType: row.commitmentType ?? typeOf(row.matterCode) ?? 'other',
    state: row.state,
    objection: row.objection,
    provisional: row.provisional === 1,
    openDue: (row.due ?? []).map((d) => ({ kind: d.kind, dueBy: d.dueBy })),
    closedDue: (row.met ?? []).map((m) => ({ kind: m.kind, onTime: metOnTime(m) })),
  }));
}

/**
 * The statistics screen's figures, from the tally kept as records are written (tally.ts): the
 * counters of the days in range, a few hundred small rows for a year, whatever the number of
 * records. The same figures as statsFigures over loadStatsRecords (the full recount).
 */
export async function loadTallyFigures(
  db: KioskDb,
  range: StatsRange,
  typeOf: (matterCode: string) => CommitmentType | undefined,
): Promise<StatsFigures> {
  const days = await db.tally.where('day').between(range.from, range.to, true, true).toArray();
  return figuresFromTally(days, range, typeOf);
}
