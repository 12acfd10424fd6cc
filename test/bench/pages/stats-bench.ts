/**
 * Runs in Chromium: the statistics screen's figures over 100,000 stored record rows, read from the
 * tally kept as the rows were written (renderer/store/stats-rows.ts loadTallyFigures), beside the
 * full recount of the same rows (every row read, then shared/stats/figures.ts). Names and
 * identifiers are sealed at rest, as on a hall device.
 */
import { KioskDb, type RecordRow } from '../../../renderer/store/db';
import { loadStatsRecords, loadTallyFigures } from '../../../renderer/store/stats-rows';
import type { RecordState } from '../../../shared/record/lifecycle';
import { statsFigures, type StatsFigures } from '../../../shared/stats/figures';
import { testDataKeys } from '../../support/data-keys';

interface Timed {
  readonly samples: number[];
  /** The figures of the last run, compared whole with the peer's. */
  readonly figures: StatsFigures;
}

declare global {
  interface Window {
    seedStatsBench: (count: number) => Promise<{ seedMs: number; from: string; to: string }>;
    runTally: (runs: number) => Promise<Timed>;
    runRecount: (runs: number) => Promise<Timed>;
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
    const met =
      state === 'kept'
        ? [{ kind: 'verification' as const, dueBy: day, closedOn: dayOf(i + (i % 7)) }]
        : [];
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
      ...(met.length > 0 ? { met } : {}),
    });
  }
  for (let i = 0; i < rows.length; i += 5_000) await db.records.bulkPut(rows.slice(i, i + 5_000));
  range = { from: dayOf(0), to: dayOf(count - 1) };
  return { seedMs: performance.now() - start, ...range };
};

async function timed(runs: number, fn: () => Promise<StatsFigures>): Promise<Timed> {
  const samples: number[] = [];
  let figures: StatsFigures | null = null;
  for (let i = 0; i < runs; i += 1) {
    const t0 = performance.now();
    figures = await fn();
    samples.push(performance.now() - t0);
  }
  if (!figures) throw new Error('no run');
  return { samples, figures };
}

const today = () => ({ ...range, today: range.to });

/** Ours: the tally the rows' writes kept, a few hundred day rows. */
window.runTally = (runs) =>
  timed(runs, () => {
    if (!db) throw new Error('not seeded');
    return loadTallyFigures(db, today(), () => undefined);
  });

/** The peer: every row of the range read from the day index (no sealed field opened), then counted. */
window.runRecount = (runs) =>
  timed(runs, async () => {
    if (!db) throw new Error('not seeded');
    return statsFigures(await loadStatsRecords(db, range, () => undefined), today());
  });
