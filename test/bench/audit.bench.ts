/**
 * The audit log over 24,000 chain events in Chromium's IndexedDB (payloads sealed at rest): the
 * whole log, a day, a staff member, a kind, a record number, and the CSV export of the whole log.
 * The peer does the same work in the same run another way (one bulk read of the table, then the
 * same filter and CSV); both must give the same lines and the same CSV size before the ratio is
 * printed.
 */
import type { AuditFilter } from '../../shared/console/audit-entry';
import { openBenchPage } from './bench-page';
import { compare, report, summarise, type Comparison, type Figure } from './harness';

const EVENTS = 24_000;
const RUNS = 8;

const { page, close } = await openBenchPage('audit', 'seedAuditBench');
try {
  const { seedMs, day, code } = await page.evaluate((n) => window.seedAuditBench(n), EVENTS);
  const none: AuditFilter = { day: null, staff: null, kind: null, record: null };
  const cases: [string, AuditFilter, boolean][] = [
    ['whole log', none, false],
    ['one day', { ...none, day }, false],
    ['one staff member', { ...none, staff: 'c003' }, false],
    ['one kind (record actions)', { ...none, kind: 'record' }, false],
    ['part of a record number', { ...none, record: code.slice(-6) }, false],
    ['CSV export of the whole log', none, true],
  ];
  const figures: Figure[] = [];
  const comparisons: Comparison[] = [];
  for (const [name, filter, csv] of cases) {
    const run = (runs: number, peer: boolean) =>
      page.evaluate(([f, r, c, p]) => window.runAudit(f, r, c, p), [
        filter,
        runs,
        csv,
        peer,
      ] as const);
    await run(1, false);
    const ours = await run(RUNS, false);
    await run(1, true);
    const peer = await run(RUNS, true);
    if (ours.seqs.length === 0 && name !== 'whole log') throw new Error(`${name}: nothing matched`);
    if (ours.seqs.join() !== peer.seqs.join() || ours.csvBytes !== peer.csvBytes)
      throw new Error(`${name}: ours and the peer's lines differ`);
    const extra = {
      events: EVENTS,
      lines: ours.seqs.length,
      ...(csv ? { csvBytes: ours.csvBytes } : {}),
    };
    const a = summarise(`audit log: ${name}`, ours.samples, 'ms', extra);
    const b = summarise(`bulk read + same filter: ${name}`, peer.samples, 'ms', extra);
    figures.push(a, b);
    comparisons.push(compare(a, b));
  }
  report('audit', figures, comparisons);
  console.log(`same lines from ours and the peer in all ${cases.length} cases`);
  console.log(`seeded ${EVENTS} events in ${(seedMs / 1000).toFixed(1)} s`);
} finally {
  await close();
}
