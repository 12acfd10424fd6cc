import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  NO_FILTERS,
  searchRecords,
  type RecordFilters,
} from '../../../../renderer/clerk/record-search';
import type { RecordRow } from '../../../../renderer/store/db';
import { KioskDb } from '../../../../renderer/store/db';
import { testDataKeys } from '../../../support/data-keys';
import { consoleContext, signedRecord } from './fixture';

type Ctx = Awaited<ReturnType<typeof consoleContext>>;
let ctx: Ctx;

beforeEach(async () => {
  ctx = await consoleContext();
});
afterEach(async () => {
  ctx.db.close();
  await ctx.db.delete();
});

const codes = async (text: string) =>
  (await searchRecords(ctx.db, { ...NO_FILTERS, text })).rows.map((r) => r.recordId).sort();

describe('record search over sealed names and identifiers', () => {
  it('finds records by the start of the name, the identifier (any case) or the record number', async () => {
    const a = await signedRecord(ctx, 'r-a');
    ctx.clock.now = new Date('2026-11-26T02:00:00Z');
    await signedRecord(ctx, 'r-b');
    expect(await codes('石家庄')).toEqual(['r-a', 'r-b']);
    expect(await codes('91350200776049653a')).toEqual(['r-a', 'r-b']);
    expect(await codes(a.commitmentCode)).toEqual(['r-a']);
    expect(await codes('13010220261126')).toEqual(['r-b']);
    expect(await codes('不存在')).toEqual([]);
    // Filters narrow a text search.
    const day = await searchRecords(ctx.db, { ...NO_FILTERS, text: '石家庄', day: '2026-11-26' });
    expect(day.rows.map((r) => r.recordId)).toEqual(['r-b']);
  });

  it('sees records stored after its first search, in this window or another', async () => {
    await signedRecord(ctx, 'r-a');
    expect(await codes('石家庄')).toEqual(['r-a']);
    await signedRecord(ctx, 'r-b');
    expect(await codes('石家庄')).toEqual(['r-a', 'r-b']);
    await ctx.db.records.delete('r-a');
    expect(await codes('石家庄')).toEqual(['r-b']);
  });

  it('sees a record signed with a clock set well back, and drops purged ones, in the same pass', async () => {
    ctx.clock.now = new Date('2026-11-26T02:00:00Z');
    await signedRecord(ctx, 'r-new');
    expect(await codes('石家庄')).toEqual(['r-new']);
    await ctx.db.records.delete('r-new');
    ctx.clock.now = new Date('2026-10-01T02:00:00Z');
    await signedRecord(ctx, 'r-old');
    await signedRecord(ctx, 'r-older');
    expect(await codes('石家庄')).toEqual(['r-old', 'r-older']);
  });
});

describe('the text index kept sealed for the next window', () => {
  it('is stored sealed, and a new window searches with it and with what came after', async () => {
    await signedRecord(ctx, 'r-a');
    expect(await codes('石家庄')).toEqual(['r-a']);
    const snapshot = JSON.stringify(await ctx.db.meta.get('textIndexSnapshot'));
    expect(snapshot).not.toContain('石家庄');
    await signedRecord(ctx, 'r-b');
    const next = new KioskDb(ctx.db.name, testDataKeys());
    try {
      const found = await searchRecords(next, { ...NO_FILTERS, text: '石家庄' });
      expect(found.rows.map((r) => r.recordId).sort()).toEqual(['r-a', 'r-b']);
    } finally {
      next.close();
    }
  });
});

describe('filters without text', () => {
  it('walk each filter newest first, page by page, with the other filters applied', async () => {
    const rows: RecordRow[] = Array.from({ length: 130 }, (_, i) => ({
      recordId: `r-${String(i).padStart(3, '0')}`,
      commitmentCode: `1301022026110101${String(i).padStart(4, '0')}`,
      day: `2026-11-0${1 + (i % 3)}`,
      // Some in the same second: ties go by record id, descending.
      signedAt: `2026-11-0${1 + (i % 3)}T09:${String(i % 7).padStart(2, '0')}:00+08:00`,
      matterCode: i % 2 === 0 ? '01-001' : '02-001',
      entityKind: 'legal-person',
      entityName: '石家庄某某有限公司',
      idNumber: '91130100MA00000000',
      state: 'signed',
      objection: 'none',
      synced: i % 5 === 0 ? 0 : 1,
      provisional: 0,
    }));
    await ctx.db.records.bulkPut(rows);
    const expected = (keep: (r: RecordRow) => boolean) =>
      rows
        .filter(keep)
        .sort((a, b) =>
          a.signedAt !== b.signedAt
            ? b.signedAt.localeCompare(a.signedAt)
            : b.recordId.localeCompare(a.recordId),
        )
        .map((r) => r.recordId);
    const all = async (filters: Partial<RecordFilters>) => {
      const ids: string[] = [];
      for (let page = 0; ; page += 1) {
        const found = await searchRecords(ctx.db, { ...NO_FILTERS, ...filters }, page);
        ids.push(...found.rows.map((r) => r.recordId));
        if (!found.hasMore) return ids;
      }
    };
    expect(await all({})).toEqual(expected(() => true));
    expect(await all({ synced: 'no' })).toEqual(expected((r) => r.synced === 0));
    expect(await all({ synced: 'yes', matterCode: '02-001' })).toEqual(
      expected((r) => r.synced === 1 && r.matterCode === '02-001'),
    );
    expect(await all({ day: '2026-11-02', matterCode: '01-001' })).toEqual(
      expected((r) => r.day === '2026-11-02' && r.matterCode === '01-001'),
    );
  });
});
