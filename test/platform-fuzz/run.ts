import { parseArgs } from 'node:util';
import { z } from 'zod';
import { fuzzPlatform, summary } from './fuzz';

/** `npm run fuzz:platform -- [--count 10000] [--seed 17]`: exit 1 on any 5xx, drop or change. */

const { values } = parseArgs({
  options: {
    count: { type: 'string', default: '10000' },
    seed: { type: 'string', default: '17' },
  },
});
const Int = z.coerce.number().int().min(1).max(10_000_000);
const report = await fuzzPlatform({ seed: Int.parse(values.seed), count: Int.parse(values.count) });
console.log(summary(report));
for (const [route, n] of [...report.byRoute].sort()) console.log(`  ${route.padEnd(30)} ${n}`);
for (const failure of report.failures) console.error(`FAIL ${failure}`);
process.exit(report.failures.length === 0 ? 0 : 1);
