import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NO_FILTERS, searchRecords } from '../../../../renderer/clerk/record-search';
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
