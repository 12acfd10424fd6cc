/**
 * Runs in Chromium: the statistics screen's figures (renderer/store/stats-rows.ts read, then
 * shared/stats/figures.ts) over 100,000 stored record rows, beside a plain indexed count of the
 * same rows. Names and identifiers are sealed at rest, as on a hall device.
 */
import { KioskDb, type RecordRow } from '../../../renderer/store/db';
import { loadStatsRecords } from '../../../renderer/store/stats-rows';
import type { RecordState } from '../../../shared/record/lifecycle';
import { statsFigures } from '../../../shared/stats/figures';
import { testDataKeys } from '../../support/data-keys';

declare global {
  interface Window {
    seedStatsBench: (count: number) => Promise<{ seedMs: number; from: string; to: string }>;
    runStats: (runs: number) => Promise<{ samples: number[]; total: number }>;
    runPlainCount: (runs: number) => Promise<{ samples: number[]; total: number }>;
  }
}

const MATTERS = ['01-001', '01-002', '02-001', '03-001', '04-001', '05-001', '06-001', '07-001'];
const STATES: RecordState[] = ['signed', 'signed', 'kept', 'partly-kept', 'voided', 'broken'];

let db: KioskDb | null = null;
let range = { from: '', to: '' };

window.seedStatsBench = async (count) => {
  db = new KioskDb(`stats-bench-${Date.now()}`, testDataKeys());
  const start = performance.now();
  const dayZero = Date.UTC(2025, 11, 1);
  const dayOf = (i: number) =>
    new Date(dayZero + Math.floor((i / count) * 360) * 86_400_000).toISOString().slice(0, 10);
  const rows: RecordRow[] = [];
  for (let i = 0; i < count; i += 1) {
    const day = dayOf(i);
    const state = STATES[i % STATES.length] as RecordState;
    const due = state === 'signed' ? [{ kind: 'verification' as const, dueBy: dayOf(i + 20) }] : [];
    rows.push({
      recordId: `r-${i}`,
      commitmentCode: `130102${day.replaceAll('-', '')}01${String(i).padStart(6, '0')}`,
      day,
      signedAt: `${day}T09:00:00+08:00`,
      matterCode: MATTERS[i % MATTERS.length] as string,
      entityKind: i % 3 === 0 ? 'natural-person' : 'legal-person',
      commitmentType: 'proof-replacing',
      entityName: `石家庄测试${i}有限公司`,
      idNumber: `91130100MA${String(i).padStart(8, '0')}`,
      state,
      objection: 'none',
      synced: 1,
      provisional: i % 50 === 0 ? 1 : 0,
      ...(due.length > 0 ? { due, dueBy: due[0]?.dueBy } : {}),
    });
  }
  for (let i = 0; i < rows.length; i += 5_000) await db.records.bulkPut(rows.slice(i, i + 5_000));
  range = { from: dayOf(0), to: dayOf(count - 1) };
  return { seedMs: performance.now() - start, ...range };
};

async function timed(runs: number, fn: () => Promise<number>) {
  const samples: number[] = [];
  let total = -1;
  for (let i = 0; i < runs; i += 1) {
    const t0 = performance.now();
    total = await fn();
    samples.push(performance.now() - t0);
  }
  return { samples, total };
}

window.runStats = (runs) =>
  timed(runs, async () => {
    if (!db) throw new Error('not seeded');
    const records = await loadStatsRecords(db, range, () => undefined);
    return statsFigures(records, { ...range, today: range.to }).total;
  });

/** The peer: Dexie's count of the same rows on the same index, nothing else. */
window.runPlainCount = (runs) =>
  timed(runs, async () => {
    if (!db) throw new Error('not seeded');
    return db.records.where('day').between(range.from, range.to, true, true).count();
  });
