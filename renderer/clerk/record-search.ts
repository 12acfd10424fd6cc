import type { RecordState } from '../../shared/record/lifecycle';
import type { KioskDb, RecordRow } from '../store/db';
import { findByText } from './text-index';

/**
 * The clerk's record search: a page of rows, never the whole table. Filters use IndexedDB indexes;
 * typed text is matched as a prefix of the record number, the identifier and the entity name in
 * this window's text index (text-index.ts: names and identifiers are sealed at rest); a name
 * matches anywhere, and by its pinyin initials. Rows come newest first, with their total count.
 */

export const PAGE_SIZE = 50;
/** A prefix that matches more rows than this is too vague to sort in memory: ask for more text. */
const MAX_CANDIDATES = 5_000;

export interface RecordFilters {
  readonly text: string;
  /** YYYY-MM-DD; empty: every day. */
  readonly day: string;
  readonly matterCode: string;
  readonly state: RecordState | '';
  readonly synced: '' | 'yes' | 'no';
}

export const NO_FILTERS: RecordFilters = {
  text: '',
  day: '',
  matterCode: '',
  state: '',
  synced: '',
};

export interface RecordPage {
  readonly rows: readonly RecordRow[];
  readonly page: number;
  readonly hasMore: boolean;
  /** Every row the search matches, where it is known without reading them all. */
  readonly total: number | null;
  /** The text matched too many rows to list in order; the clerk should type more. */
  readonly tooBroad: boolean;
}

function matches(row: RecordRow, f: RecordFilters): boolean {
  return (
    (f.day === '' || row.day === f.day) &&
    (f.matterCode === '' || row.matterCode === f.matterCode) &&
    (f.state === '' || row.state === f.state) &&
    (f.synced === '' || row.synced === (f.synced === 'yes' ? 1 : 0))
  );
}

const newestFirst = (a: RecordRow, b: RecordRow) =>
  a.signedAt < b.signedAt ? 1 : a.signedAt > b.signedAt ? -1 : 0;

function slice(rows: readonly RecordRow[], page: number): RecordPage {
  const start = page * PAGE_SIZE;
  return {
    rows: rows.slice(start, start + PAGE_SIZE),
    page,
    hasMore: rows.length > start + PAGE_SIZE,
    total: rows.length,
    tooBroad: false,
  };
}

async function byText(db: KioskDb, text: string, f: RecordFilters, page: number) {
  const found = await findByText(db, text, MAX_CANDIDATES);
  const rows = found.rows.filter((r) => matches(r, f)).sort(newestFirst);
  return { ...slice(rows, page), tooBroad: found.more, total: found.more ? null : rows.length };
}

type IndexedFilter = 'day' | 'matterCode' | 'state' | 'synced';

function indexFor(db: KioskDb, f: RecordFilters, key: IndexedFilter) {
  if (key === 'synced') return db.records.where('synced').equals(f.synced === 'yes' ? 1 : 0);
  return db.records.where(key).equals(f[key]);
}

/**
 * Filters without text: the narrowest index by its count (an index count is cheap). A small set is
 * read and sorted by time; when every filter is broad, the time index is walked newest first and
 * the walk stops at the page, so common filters are fast too.
 */
export async function searchRecords(
  db: KioskDb,
  filters: RecordFilters,
  page = 0,
): Promise<RecordPage> {
  const text = filters.text.trim();
  if (text !== '') return byText(db, text, filters, page);
  const f = filters;
  const active = (['day', 'matterCode', 'state', 'synced'] as const).filter((k) => f[k] !== '');
  const counts = await Promise.all(active.map((k) => indexFor(db, f, k).count()));
  let best: IndexedFilter | null = null;
  let bestCount = Number.POSITIVE_INFINITY;
  active.forEach((k, i) => {
    const count = counts[i] ?? Number.POSITIVE_INFINITY;
    if (count < bestCount) [best, bestCount] = [k, count];
  });
  if (best !== null && bestCount <= MAX_CANDIDATES) {
    const rows = await indexFor(db, f, best)
      .filter((r) => matches(r, f))
      .toArray();
    return slice(rows.sort(newestFirst), page);
  }
  const rows = await db.records
    .orderBy('signedAt')
    .reverse()
    .filter((r) => matches(r, f))
    .offset(page * PAGE_SIZE)
    .limit(PAGE_SIZE + 1)
    .toArray();
  // The total is known cheaply only where one index alone is the whole filter.
  const total =
    active.length === 0 ? await db.records.count() : active.length === 1 ? bestCount : null;
  return {
    rows: rows.slice(0, PAGE_SIZE),
    page,
    hasMore: rows.length > PAGE_SIZE,
    total,
    tooBroad: false,
  };
}
