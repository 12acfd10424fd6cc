import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NUMBER_RULES } from '../../../../shared/fields/rules';
import { checkDay, checkHttpUrl, checkNumber } from '../../../../shared/fields/values';

describe('checkNumber', () => {
  const rule = NUMBER_RULES.warnAfterSeconds;
  it('states the range with every refusal', () => {
    for (const raw of ['', 'abc', '12.5', '1e400', '14', '1801', Number.NaN])
      expect(checkNumber(raw, rule)).toMatchObject({ ok: false, issue: { min: 15, max: 1800 } });
    expect(checkNumber('14', rule)).toMatchObject({ issue: { code: 'out-of-range' } });
    expect(checkNumber('12.5', rule)).toMatchObject({ issue: { code: 'not-whole' } });
    expect(checkNumber('abc', rule)).toMatchObject({ issue: { code: 'not-a-number' } });
    expect(checkNumber(' 90 ', rule)).toEqual({ ok: true, value: 90 });
  });

  it('accepts exactly the whole numbers of the range', () => {
    fc.assert(
      fc.property(fc.integer({ min: -5000, max: 5000 }), (n) => {
        expect(checkNumber(String(n), rule).ok).toBe(n >= rule.min && n <= rule.max);
      }),
    );
  });
});

describe('checkDay', () => {
  const bounds = { notBefore: '2026-12-06', notAfter: '2026-12-08' };
  it('holds a decision between the signing and today, saying which limit', () => {
    expect(checkDay('1900-01-01', bounds)).toEqual({
      ok: false,
      issue: { code: 'date-before-signing', min: '2026-12-06', max: '2026-12-08' },
    });
    expect(checkDay('2026-12-09', bounds)).toMatchObject({ issue: { code: 'date-in-future' } });
    expect(checkDay('2026-02-30', bounds)).toMatchObject({ issue: { code: 'date-format' } });
    expect(checkDay('', bounds)).toMatchObject({ issue: { code: 'required' } });
    for (const d of ['2026-12-06', '2026-12-07', '2026-12-08'])
      expect(checkDay(d, bounds)).toEqual({ ok: true, value: d });
  });
});

describe('checkHttpUrl', () => {
  it.each([
    ['http://127.0.0.1:8787', true],
    ['https://platform.example.gov.cn/api/', true],
    ['http://[::1]:8787/', true],
    ['ftp://example.com', false],
    ['http://user:pw@example.com', false],
    ['http://exa mple.com', false],
    ['http://example.com/\u202e', false],
    ['javascript:alert(1)', false],
  ])('%j → %s', (raw, ok) => {
    expect(checkHttpUrl(raw, 2048).ok).toBe(ok);
  });
});
