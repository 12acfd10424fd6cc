/**
 * The statistics screen's figures over 100,000 stored records in Chromium's IndexedDB (goal: the
 * median ≤ 1 s): read from the tally kept as the records were written, beside the full recount of
 * every row in the same run. Both must give the same figures, every one of them (checked before the
 * ratio is printed).
 */
import { isDeepStrictEqual } from 'node:util';
import { openBenchPage } from './bench-page';
import { compare, report, summarise } from './harness';

const RECORDS = 100_000;
const RUNS = 10;
/** The recount reads every row (about 20 s each under load): fewer runs. */
const RECOUNT_RUNS = 3;
const GOAL_MS = 1_000;

const { page, close } = await openBenchPage('stats', 'seedStatsBench');
try {
  const { seedMs } = await page.evaluate((n) => window.seedStatsBench(n), RECORDS);
  await page.evaluate(() => window.runTally(2));
  const ours = await page.evaluate((runs) => window.runTally(runs), RUNS);
  const peer = await page.evaluate((runs) => window.runRecount(runs), RECOUNT_RUNS);
  if (ours.figures.total !== RECORDS)
    throw new Error(`the tally counted ${ours.figures.total}, not ${RECORDS}`);
  if (!isDeepStrictEqual(ours.figures, peer.figures))
    throw new Error('the tally and the full recount give different figures');
  const figure = summarise('statistics: tally read + figures', ours.samples, 'ms', {
    records: RECORDS,
  });
  const recount = summarise('full recount: read every row + figures', peer.samples, 'ms', {
    records: RECORDS,
  });
  report('stats', [figure, recount], [compare(figure, recount)]);
  console.log(
    `both gave the same figures for ${RECORDS} records; statistics median ${figure.median.toFixed(1)} ms: ` +
      (figure.median <= GOAL_MS ? `within the ${GOAL_MS} ms goal` : `over the ${GOAL_MS} ms goal`),
  );
  console.log(`seeded ${RECORDS} rows in ${(seedMs / 1000).toFixed(1)} s`);
} finally {
  await close();
}
