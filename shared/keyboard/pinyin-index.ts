/**
 * Pinyin candidates for the name keyboard: which characters a typed syllable (or the start of
 * one) may stand for. The characters come from data (common-characters.json, then the rest of
 * GB 2312's 3,755 level-one characters, the set every Chinese input method covers); their
 * readings come from pinyin-pro, every reading of a polyphonic character included, so that 单
 * is found as "shan" as well as "dan". Nothing here is a hand-kept syllable table.
 */
import { pinyin } from 'pinyin-pro';
import common from './common-characters.json';

/**
 * The WHATWG decoder, in every browser and in Node (with its ICU); shared/'s compiler settings know
 * no DOM, so it is named here with the one method used.
 */
declare const TextDecoder: new (label: string) => { decode(bytes: Uint8Array): string };

/** GB 2312 level one: rows 16–55 (bytes B0A1–D7F9), in pinyin order. */
export function gb2312LevelOne(): string {
  const bytes: number[] = [];
  for (let row = 0xb0; row <= 0xd7; row += 1) {
    const last = row === 0xd7 ? 0xf9 : 0xfe;
    for (let cell = 0xa1; cell <= last; cell += 1) bytes.push(row, cell);
  }
  return new TextDecoder('gb18030').decode(new Uint8Array(bytes));
}

/** Letters as they are typed: ü is typed v, as on every pinyin keyboard. */
function readingsOf(char: string): string[] {
  return pinyin(char, { toneType: 'none', type: 'array', multiple: true, v: true })
    .map((r) => r.toLowerCase())
    .filter((r) => /^[a-z]+$/.test(r));
}

export class PinyinIndex {
  /** Each character once, in the order candidates are offered. */
  private readonly order: string[] = [];
  private readonly readings = new Map<string, readonly string[]>();

  constructor(characters: Iterable<string>) {
    for (const char of characters) {
      if (this.readings.has(char)) continue;
      const readings = readingsOf(char);
      if (readings.length === 0) continue;
      this.readings.set(char, readings);
      this.order.push(char);
    }
  }

  get size(): number {
    return this.order.length;
  }

  /**
   * The characters for what has been typed: those with a reading equal to it first, then those
   * with a reading that begins with it, each group in the index's order. Empty for anything that
   * is not lower-case letters.
   */
  candidates(typed: string, limit = 60): string[] {
    const key = typed.toLowerCase();
    if (!/^[a-z]+$/.test(key)) return [];
    const exact: string[] = [];
    const prefix: string[] = [];
    for (const char of this.order) {
      const readings = this.readings.get(char) ?? [];
      if (readings.includes(key)) exact.push(char);
      else if (readings.some((r) => r.startsWith(key))) prefix.push(char);
      if (exact.length >= limit) break;
    }
    return [...exact, ...prefix].slice(0, limit);
  }
}

let shared: PinyinIndex | null = null;

/** The kiosk's one index, built on first use (some tens of milliseconds) and kept. */
export function namePinyinIndex(): PinyinIndex {
  shared ??= new PinyinIndex(
    (function* () {
      for (const group of [common.surnames, common.givenNames, common.organisations])
        yield* Array.from(group);
      yield* Array.from(gb2312LevelOne());
    })(),
  );
  return shared;
}
