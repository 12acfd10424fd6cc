// Runs every test/bench/*.bench.ts in its own Node process (tsx), one after another. Names given
// choose benchmarks; `--name value` pairs go to each one run (e.g. sync's --records, --runs).
import { readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const flags = [];
const only = [];
for (let i = 0; i < args.length; i += 1) {
  if (args[i].startsWith('--')) flags.push(args[i], args[(i += 1)] ?? '');
  else only.push(args[i]);
}
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();
let failed = 0;
for (const file of files) {
  console.log(`\n# ${file}`);
  const r = spawnSync(
    process.execPath,
    ['--import', 'tsx', '--expose-gc', join(here, file), ...flags],
    {
      stdio: 'inherit',
    },
  );
  if (r.status !== 0) failed += 1;
}
console.log(
  `\n${files.length - failed} benchmarks ran, ${failed} failed; JSON in test-results/bench/`,
);
process.exit(failed === 0 ? 0 : 1);
