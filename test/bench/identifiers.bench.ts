/**
 * Validating 100,000 pre-generated identifiers (half credit codes, half resident identity
 * numbers; one in ten typed in lower case with spaces, one in twenty corrupted) through the
 * same entry point the kiosk form uses.
 */
import type { IdDocumentType } from '../../shared/model';
import { validateIdDocument } from '../../shared/ids/document';
import { residentIdCheckChar } from '../../shared/ids/resident-id';
import { USCC_ALPHABET, orgCodeCheckChar, usccCheckChar } from '../../shared/ids/uscc';
import { measure, report } from './harness';

const COUNT = 100_000;
const TODAY = '2025-06-01';

/** mulberry32: a fixed seed keeps the batch identical from run to run and machine to machine. */
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = prng(20251001);
const pick = (alphabet: string, n: number): string =>
  Array.from({ length: n }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');

function uscc(): string {
  const body = pick(USCC_ALPHABET, 8);
  const first17 = `91${pick('0123456789', 6)}${body}${orgCodeCheckChar(body) ?? ''}`;
  return `${first17}${usccCheckChar(first17) ?? ''}`;
}

function residentId(): string {
  const day = new Date(Date.UTC(1940, 0, 1) + Math.floor(random() * 80 * 365.25) * 86_400_000);
  const first17 = `13${pick('0123456789', 4)}${day.toISOString().slice(0, 10).replaceAll('-', '')}${pick('0123456789', 3)}`;
  return `${first17}${residentIdCheckChar(first17) ?? ''}`;
}

const batch: { type: IdDocumentType; raw: string }[] = [];
for (let i = 0; i < COUNT; i += 1) {
  const type: IdDocumentType = i % 2 === 0 ? 'uscc' : 'resident-id';
  let raw = type === 'uscc' ? uscc() : residentId();
  if (i % 10 === 3) raw = ` ${raw.slice(0, 6)} ${raw.slice(6).toLowerCase()} `;
  if (i % 20 === 7) raw = `${raw.slice(0, 10)}${raw[10] === '5' ? '6' : '5'}${raw.slice(11)}`;
  batch.push({ type, raw });
}

let valid = 0;
const figure = await measure(
  'validate 100k identifiers',
  () => {
    valid = 0;
    for (const { type, raw } of batch) if (validateIdDocument(type, raw, TODAY).ok) valid += 1;
  },
  { runs: 15, warmup: 3 },
);

const perIdNs = (figure.median * 1e6) / COUNT;
report('identifiers', [
  {
    ...figure,
    extra: {
      identifiers: COUNT,
      valid,
      'median ns/identifier': perIdNs,
      'p95 ns/identifier': (figure.p95 * 1e6) / COUNT,
      'identifiers/s (median)': Math.round(COUNT / (figure.median / 1000)),
    },
  },
]);
