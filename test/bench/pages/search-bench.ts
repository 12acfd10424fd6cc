/**
 * Runs in Chromium: the clerk's record search (renderer/clerk/record-search.ts) over 100,000
 * seeded search rows (names and identifiers sealed at rest), each query timed end to end; a full
 * scan with the same filter beside it.
 */
import {
  searchRecords,
  NO_FILTERS,
  PAGE_SIZE,
  type RecordFilters,
} from '../../../renderer/clerk/record-search';
import { KioskDb, type RecordRow } from '../../../renderer/store/db';
import type { RecordState } from '../../../shared/record/lifecycle';
import { testDataKeys } from '../../support/data-keys';

export type FirstPages = {
  /** null: the text matched too many rows to order, and the clerk is asked for more. */
  readonly ours: string[] | null;
  readonly dexie: string[];
  readonly scan: string[];
}[];

declare global {
  interface Window {
    seedSearchBench: (count: number) => Promise<{ seedMs: number; sample: RecordRow[] }>;
    runSearchQuery: (filters: RecordFilters, runs: number) => Promise<number[]>;
    runFullScan: (filters: RecordFilters, runs: number) => Promise<number[]>;
    runDexieQuery: (filters: RecordFilters, runs: number) => Promise<number[]>;
    firstPages: (queries: RecordFilters[]) => Promise<FirstPages>;
    runColdTextSearch: (text: string, runs: number, snapshot: boolean) => Promise<number[]>;
    runSearchAfterPurge: (text: string, runs: number, purged: number) => Promise<number[]>;
  }
}

const SURNAMES = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕';
const GIVEN = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国志红';
const FIRMS = ['科技', '商贸', '建筑', '食品', '物流', '医药', '教育', '餐饮', '机械', '文化'];
const MATTERS = ['01-001', '01-002', '02-001', '03-001', '04-001', '05-001', '06-001', '07-001'];
const STATES: RecordState[] = ['signed', 'signed', 'signed', 'signed', 'kept', 'voided', 'broken'];

/** A small deterministic generator, so every run seeds the same table. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

let db: KioskDb | null = null;
let dbName = '';

window.seedSearchBench = async (count) => {
  dbName = `search-bench-${Date.now()}`;
  db = new KioskDb(dbName, testDataKeys());
  const random = rng(20261125);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const start = performance.now();
  const rows: RecordRow[] = [];
  const dayZero = Date.UTC(2025, 11, 1);
  for (let i = 0; i < count; i += 1) {
    const person = random() < 0.6;
    const dayIndex = Math.floor((i / count) * 360);
    const day = new Date(dayZero + dayIndex * 86_400_000).toISOString().slice(0, 10);
    const serial = String(i % 10_000).padStart(4, '0');
    const name = person
      ? pick([...SURNAMES]) + pick([...GIVEN]) + (random() < 0.5 ? pick([...GIVEN]) : '')
      : `石家庄${pick([...SURNAMES])}${pick([...GIVEN])}${pick(FIRMS)}有限公司`;
    const idNumber = person
      ? `1301${String(Math.floor(random() * 100)).padStart(2, '0')}19${String(50 + Math.floor(random() * 50))}${String(1 + Math.floor(random() * 12)).padStart(2, '0')}${String(1 + Math.floor(random() * 28)).padStart(2, '0')}${String(Math.floor(random() * 10_000)).padStart(4, '0')}`
      : `91130100MA${String(Math.floor(random() * 1e8)).padStart(8, '0')}`;
    rows.push({
      recordId: `r-${i}`,
      commitmentCode: `130102${day.replaceAll('-', '')}${String(1 + Math.floor(i / 10_000)).padStart(2, '0')}${serial}`,
      day,
      signedAt: `${day}T${String(8 + (i % 9)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}:00+08:00`,
      matterCode: pick(MATTERS),
      entityKind: person ? 'natural-person' : 'legal-person',
      entityName: name,
      idNumber,
      state: pick(STATES),
      objection: 'none',
      synced: random() < 0.95 ? 1 : 0,
      provisional: 0,
    });
  }
  for (let i = 0; i < rows.length; i += 5_000) await db.records.bulkPut(rows.slice(i, i + 5_000));
  const sample = [0.1, 0.5, 0.9, 0.999].map((f) => rows[Math.floor(f * count)] as RecordRow);
  return { seedMs: performance.now() - start, sample };
};

async function timed(runs: number, fn: () => Promise<unknown>): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const t0 = performance.now();
    await fn();
    samples.push(performance.now() - t0);
  }
  return samples;
}

window.runSearchQuery = (filters, runs) =>
  timed(runs, async () => {
    if (!db) throw new Error('not seeded');
    const page = await searchRecords(db, { ...NO_FILTERS, ...filters });
    if (page.rows.length === 0 && !page.tooBroad) throw new Error('query found nothing');
  });

/** What every peer must return: a query's first page, newest first (ties: recordId, descending). */
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

function keep(f: RecordFilters, r: RecordRow): boolean {
  const text = f.text;
  return (
    (text === '' ||
      r.entityName.startsWith(text) ||
      r.idNumber.toUpperCase().startsWith(text.toUpperCase()) ||
      (/^\d+$/u.test(text) && r.commitmentCode.startsWith(text))) &&
    (f.day === '' || r.day === f.day) &&
    (f.matterCode === '' || r.matterCode === f.matterCode) &&
    (f.state === '' || r.state === f.state) &&
    (f.synced === '' || r.synced === (f.synced === 'yes' ? 1 : 0))
  );
}

const firstPage = (rows: RecordRow[]) =>
  rows
    .sort(newestFirst)
    .slice(0, PAGE_SIZE)
    .map((r) => r.recordId);

/** The naive way: read the whole table and filter it in memory. */
window.runFullScan = (filters, runs) =>
  timed(runs, async () => {
    if (!db) throw new Error('not seeded');
    firstPage(await db.records.filter((r) => keep(filters, r)).toArray());
  });

/**
 * Dexie's own indexed query, as one would write it: the first filter's index (names and
 * identifiers are sealed, so text has none: a scan), the other filters in memory, sorted by time.
 */
function dexieQuery(f: RecordFilters): Promise<RecordRow[]> {
  if (!db) throw new Error('not seeded');
  const records = db.records;
  const collection =
    f.text !== ''
      ? records.toCollection()
      : f.day !== ''
        ? records.where('day').equals(f.day)
        : f.matterCode !== ''
          ? records.where('matterCode').equals(f.matterCode)
          : f.state !== ''
            ? records.where('state').equals(f.state)
            : f.synced !== ''
              ? records.where('synced').equals(f.synced === 'yes' ? 1 : 0)
              : records.orderBy('signedAt').reverse();
  const none =
    f.text === '' && f.day === '' && f.matterCode === '' && f.state === '' && f.synced === '';
  // No filter: the time index, newest first, up to the page, as anyone would.
  return none
    ? collection.limit(PAGE_SIZE).toArray()
    : collection.filter((r) => keep(f, r)).toArray();
}

window.runDexieQuery = (filters, runs) =>
  timed(runs, async () => firstPage(await dexieQuery(filters)));

/** Each query's first page from each peer (untimed): ours, Dexie's query, one full scan. */
window.firstPages = async (queries) => {
  if (!db) throw new Error('not seeded');
  const all = await db.records.toArray();
  const out: FirstPages = [];
  for (const q of queries) {
    const ours = await searchRecords(db, q);
    out.push({
      ours: ours.tooBroad ? null : ours.rows.map((r) => r.recordId),
      dexie: firstPage(await dexieQuery(q)),
      scan: firstPage(all.filter((r) => keep(q, r))),
    });
  }
  return out;
};

/**
 * A text search in a window that has not searched yet: it opens the sealed text index kept by the
 * last window, or without one (`snapshot` false) every sealed row.
 */
window.runColdTextSearch = async (text, runs, snapshot) => {
  const samples: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    if (!snapshot) await db?.meta.delete('textIndexSnapshot');
    samples.push(...(await coldSearch(text)));
  }
  return samples;
};

const coldSearch = (text: string) =>
  timed(1, async () => {
    const fresh = new KioskDb(dbName, testDataKeys());
    try {
      await searchRecords(fresh, { ...NO_FILTERS, text });
    } finally {
      fresh.close();
    }
  });

/**
 * A text search right after a retention purge took the `purged` oldest rows (the index, warm,
 * notices rows went and drops them by key). Runs last: each run purges more.
 */
window.runSearchAfterPurge = async (text, runs, purged) => {
  const samples: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    if (!db) throw new Error('not seeded');
    await searchRecords(db, { ...NO_FILTERS, text });
    const oldest = await db.records.orderBy('signedAt').limit(purged).primaryKeys();
    await db.records.bulkDelete(oldest);
    samples.push(
      ...(await timed(1, async () => {
        if (!db) throw new Error('not seeded');
        await searchRecords(db, { ...NO_FILTERS, text });
      })),
    );
  }
  return samples;
};
