import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { breakLines } from '../../../../renderer/pdf/line-break';

/** A full-width character is 1 wide, anything else ½, a space ¼: close to a CJK font's metrics. */
const measure = (text: string): number =>
  [...text].reduce((w, ch) => w + (ch === ' ' ? 0.25 : /[\u3000-\uffef]/.test(ch) ? 1 : 0.5), 0);

const NO_START = '，。、；：？！）」』》”';
const NO_END = '（「『《“';

describe('breakLines', () => {
  it('breaks Chinese between any two characters, filling each line', () => {
    expect(breakLines('一二三四五六七八九十', measure, 4)).toEqual([
      '一二三四',
      '五六七八',
      '九十',
    ]);
  });

  it('never starts a line with closing punctuation: the character before it moves down too', () => {
    // Greedy filling would put '，' at the start of line 2.
    expect(breakLines('一二三四，五六', measure, 4)).toEqual(['一二三', '四，五六']);
    expect(breakLines('一二三四。」五', measure, 5)).toEqual(['一二三', '四。」五']);
  });

  it('never ends a line with opening punctuation: it moves down with what it opens', () => {
    expect(breakLines('一二三《四五》', measure, 4)).toEqual(['一二三', '《四五》']);
    expect(breakLines('一二三（四五）', measure, 4)).toEqual(['一二三', '（四五）']);
  });

  it('breaks Latin text at spaces only and drops the space at the break', () => {
    expect(breakLines('the quick brown fox', measure, 5)).toEqual(['the quick', 'brown fox']);
  });

  it('keeps a Latin word or number whole inside Chinese text', () => {
    expect(breakLines('编号91130100MA01111107号', measure, 10)).toEqual([
      '编号',
      '91130100MA01111107号',
    ]);
  });

  it('breaks a word wider than the whole line between its characters', () => {
    const lines = breakLines('x'.repeat(25), measure, 5);
    expect(lines).toEqual(['x'.repeat(10), 'x'.repeat(10), 'x'.repeat(5)]);
    // Even then a comma does not start a line: the character before it comes along.
    expect(breakLines(`${'x'.repeat(18)}，`, measure, 9)).toEqual(['x'.repeat(17), 'x，']);
  });

  it('uses the first width for the first line only (a lead or a first-line indent)', () => {
    expect(breakLines('一二三四五六七八', measure, 2, 3)).toEqual(['一二', '三四五', '六七八']);
  });

  it('gives one empty line for empty text and collapses runs of spaces', () => {
    expect(breakLines('', measure, 5)).toEqual(['']);
    expect(breakLines('a   b', measure, 5)).toEqual(['a b']);
  });

  const token = fc.oneof(
    fc.constantFrom(...'承诺人郑重遵守法律规章信用记录'.split('')),
    fc.stringMatching(/^[A-Za-z0-9]{1,12}$/),
    fc.constant(' '),
    fc.constantFrom(...NO_START.split('')),
    fc.constantFrom(...NO_END.split('')),
  );
  // Punctuation only where real text has it: one closing mark after a word, one opening before.
  const text = fc.array(token, { maxLength: 120 }).map((tokens) =>
    tokens.reduce((out, t) => {
      const before = out.slice(-1);
      if (t === ' ') return NO_END.includes(before) ? out : out + t;
      const mark = NO_START.includes(t) || NO_END.includes(t);
      if (mark && (out === '' || (NO_START + NO_END + ' ').includes(before))) return out;
      return out + t;
    }, ''),
  );

  it('loses nothing, keeps every line within its width, and keeps kinsoku (property)', () => {
    fc.assert(
      fc.property(text, fc.integer({ min: 8, max: 40 }), (input, width) => {
        const lines = breakLines(input, measure, width);
        expect(lines.join('').replace(/\s/g, '')).toBe(input.replace(/\s/g, ''));
        for (const [i, line] of lines.entries()) {
          expect(measure(line)).toBeLessThanOrEqual(width);
          expect(line).toBe(line.trim());
          if (i > 0) expect(NO_START).not.toContain(line[0] ?? '');
          if (i < lines.length - 1) expect(NO_END).not.toContain(line[line.length - 1] ?? '');
        }
      }),
      { numRuns: 400 },
    );
  });
});
