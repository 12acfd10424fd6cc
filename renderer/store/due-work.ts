import { addDays } from '../../shared/time';
import {
  dueBucket,
  WEEK_DAYS,
  type DueBucket,
  type DueItem,
} from '../../shared/deadlines/worklist';
import type { KioskDb, RecordRow } from './db';

/** One open deadline of one record, as the worklist lists it. */
export interface DueEntry {
  readonly row: RecordRow;
  readonly item: DueItem;
  readonly bucket: DueBucket;
}

/**
 * Every open deadline that is overdue or falls within the coming week, earliest first. Reads only
 * records whose earliest open deadline is in range (the `dueBy` index), then all their items in
 * range: a record owing a material next week and its check next year shows only the material.
 */
export async function loadDueWork(db: KioskDb, today: string): Promise<DueEntry[]> {
  const horizon = addDays(today, WEEK_DAYS);
  const rows = await db.records.where('dueBy').below(horizon).toArray();
  const entries: DueEntry[] = [];
  for (const row of rows) {
    for (const item of row.due ?? []) {
      if (item.dueBy < horizon) entries.push({ row, item, bucket: dueBucket(item.dueBy, today) });
    }
  }
  return entries.sort(
    (a, b) =>
      a.item.dueBy.localeCompare(b.item.dueBy) ||
      a.row.commitmentCode.localeCompare(b.row.commitmentCode),
  );
}

/** How many open deadlines have passed: said to the clerk at sign-in. */
export async function countOverdue(db: KioskDb, today: string): Promise<number> {
  const rows = await db.records.where('dueBy').below(today).toArray();
  return rows.reduce((n, row) => n + (row.due ?? []).filter((i) => i.dueBy < today).length, 0);
}
