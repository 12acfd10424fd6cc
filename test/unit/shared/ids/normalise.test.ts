import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normaliseIdentifier, toHalfWidth } from '../../../../shared/ids/normalise';
import { retyped } from './arbitraries';

describe('normaliseIdentifier', () => {
  it('turns full-width into half-width, drops all whitespace and upper-cases ASCII', () => {
    expect(normaliseIdentifier('９１３５０２００７７６０４９６５３ａ')).toBe('91350200776049653A');
    expect(normaliseIdentifier(' 1301 0219\u30009003\t0712\n3x ')).toBe('13010219900307123X');
    expect(normaliseIdentifier('91\u00a0130100\u200bMA01111107\ufeff')).toBe('91130100MA01111107');
    expect(normaliseIdentifier('')).toBe('');
  });

  it('leaves clean input untouched and other characters alone', () => {
    expect(normaliseIdentifier('91130100MA01111107')).toBe('91130100MA01111107');
    expect(normaliseIdentifier('13-01')).toBe('13-01');
    // Only ASCII changes case: 'ß' would otherwise become 'SS' and change the length.
    expect(normaliseIdentifier('abß')).toBe('ABß');
    expect(normaliseIdentifier('张三')).toBe('张三');
  });

  it('is idempotent on any string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        const once = normaliseIdentifier(s);
        expect(normaliseIdentifier(once)).toBe(once);
      }),
    );
  });

  it('maps any casing, width and spacing of an identifier to the same value', () => {
    const clean = fc.string({ unit: fc.constantFrom(...'0123456789ABCDEFXYZ'), minLength: 1 });
    fc.assert(
      fc.property(
        clean.chain((value) => fc.tuple(fc.constant(value), retyped(value))),
        ([value, typed]) => {
          expect(normaliseIdentifier(typed)).toBe(value);
        },
      ),
    );
  });
});

describe('toHalfWidth', () => {
  it('converts the whole full-width ASCII block and nothing else', () => {
    expect(toHalfWidth('！～ＡＺａｚ０９（）')).toBe('!~AZaz09()');
    expect(toHalfWidth('\u3000张三（）')).toBe('\u3000张三()');
    expect(toHalfWidth('\uff5f')).toBe('\uff5f');
  });
});
