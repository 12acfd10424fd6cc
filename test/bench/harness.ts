import { mkdirSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

export interface Figure {
  readonly name: string;
  readonly runs: number;
  readonly unit: string;
  readonly median: number;
  readonly p95: number;
  readonly min: number;
  readonly max: number;
  /** Free-form extra figures (sizes, rates, memory). */
  readonly extra?: Readonly<Record<string, number | string>>;
}

export interface Comparison {
  readonly ours: string;
  readonly peer: string;
  /** peer median / our median: above 1 means we are faster. */
  readonly ratio: number;
}

function percentile(sorted: readonly number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)] ?? Number.NaN;
}

export function summarise(
  name: string,
  samples: readonly number[],
  unit = 'ms',
  extra?: Record<string, number | string>,
): Figure {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    name,
    runs: sorted.length,
    unit,
    median: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    min: sorted[0] ?? Number.NaN,
    max: sorted[sorted.length - 1] ?? Number.NaN,
    ...(extra ? { extra } : {}),
  };
}

/** Times `fn` `runs` times after `warmup` untimed runs; each sample is one call, in ms. */
export async function measure(
  name: string,
  fn: () => unknown,
  options: { runs?: number; warmup?: number; extra?: Record<string, number | string> } = {},
): Promise<Figure> {
  const { runs = 20, warmup = 3, extra } = options;
  for (let i = 0; i < warmup; i += 1) await fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  return summarise(name, samples, 'ms', extra);
}

export function compare(ours: Figure, peer: Figure): Comparison {
  return { ours: ours.name, peer: peer.name, ratio: peer.median / ours.median };
}

/** Prints the human table and writes test-results/bench/<suite>.json. */
export function report(
  suite: string,
  figures: readonly Figure[],
  comparisons: readonly Comparison[] = [],
): void {
  const fmt = (n: number): string => (Number.isFinite(n) ? n.toFixed(n < 10 ? 3 : 1) : 'n/a');
  console.log(`\n## ${suite}`);
  console.log(['name', 'runs', 'median', 'p95', 'min', 'max', 'extra'].join('\t'));
  for (const f of figures) {
    const extra = f.extra
      ? Object.entries(f.extra)
          .map(([k, v]) => `${k}=${typeof v === 'number' ? fmt(v) : v}`)
          .join(' ')
      : '';
    console.log(
      [
        f.name,
        f.runs,
        `${fmt(f.median)} ${f.unit}`,
        fmt(f.p95),
        fmt(f.min),
        fmt(f.max),
        extra,
      ].join('\t'),
    );
  }
  for (const c of comparisons) {
    console.log(`ratio ${c.peer} / ${c.ours} (median): ${c.ratio.toFixed(2)}x`);
  }
  mkdirSync('test-results/bench', { recursive: true });
  writeFileSync(
    `test-results/bench/${suite}.json`,
    JSON.stringify({ suite, at: new Date().toISOString(), figures, comparisons }, null, 2),
  );
}
