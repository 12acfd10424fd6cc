import Dexie from 'dexie';
import type { RecordState } from '../../shared/record/lifecycle';
import type { KioskDb, RecordRow } from '../store/db';
import { findByText } from './text-index';

/**
 * The clerk's record search: a page of rows, never the whole table. Filters use IndexedDB indexes;
 * typed text is matched as a prefix of the record number, the identifier and the entity name in
 * this window's text index (text-index.ts: names and identifiers are sealed at rest); a name
 * matches anywhere, and by its pinyin initials; a linked approval case number by its prefix. Rows
 * come newest first, with their total count.
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

/** Newest first; rows signed in the same second by record id, descending, as the indexes walk. */
const newestFirst = (a: RecordRow, b: RecordRow) =>
  a.signedAt !== b.signedAt
    ? a.signedAt < b.signedAt
      ? 1
      : -1
    : a.recordId < b.recordId
      ? 1
      : a.recordId > b.recordId
        ? -1
        : 0;

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

/** Approval case numbers are not personal data: they have a plain index of their own. */
function byCaseNumber(db: KioskDb, text: string): Promise<RecordRow[]> {
  return db.records.where('caseNumber').startsWithIgnoreCase(text).limit(MAX_CANDIDATES).toArray();
}

async function byText(db: KioskDb, text: string, f: RecordFilters, page: number) {
  const [found, cases] = await Promise.all([
    findByText(db, text, MAX_CANDIDATES),
    byCaseNumber(db, text),
  ]);
  const seen = new Set(found.rows.map((r) => r.recordId));
  const all = [...found.rows, ...cases.filter((r) => !seen.has(r.recordId))];
  const rows = all.filter((r) => matches(r, f)).sort(newestFirst);
  return { ...slice(rows, page), tooBroad: found.more, total: found.more ? null : rows.length };
}

type IndexedFilter = 'day' | 'matterCode' | 'state' | 'synced';

function valueOf(f: RecordFilters, key: IndexedFilter): string | number {
  return key === 'synced' ? (f.synced === 'yes' ? 1 : 0) : f[key];
}

/** One filter's rows in its [filter+signedAt] index: newest first when walked in reverse. */
function byTime(db: KioskDb, f: RecordFilters, key: IndexedFilter) {
  const value = valueOf(f, key);
  return db.records
    .where(`[${key}+signedAt]`)
    .between([value, Dexie.minKey], [value, Dexie.maxKey]);
}

/**
 * Filters without text: the narrowest filter by its index count (an index count is cheap), its
 * compound index with the signing time walked newest first, the other filters checked on the way,
 * and the walk stops at the page. Without any filter, the time index itself.
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
  const counts = await Promise.all(
    active.map((k) => db.records.where(k).equals(valueOf(f, k)).count()),
  );
  let best: IndexedFilter | null = null;
  let bestCount = Number.POSITIVE_INFINITY;
  active.forEach((k, i) => {
    const count = counts[i] ?? Number.POSITIVE_INFINITY;
    if (count < bestCount) [best, bestCount] = [k, count];
  });
  const walk = best === null ? db.records.orderBy('signedAt') : byTime(db, f, best);
  const others = active.filter((k) => k !== best);
  const rows = await (
    others.length > 0 ? walk.reverse().filter((r) => matches(r, f)) : walk.reverse()
  )
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
