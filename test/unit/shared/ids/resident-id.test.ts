import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { residentIdCheckChar, validateResidentId } from '../../../../shared/ids/resident-id';
import { retyped, singleSubstitutions, TODAY, validResidentId } from './arbitraries';

const DIGITS = '0123456789';
const CHECK_ALPHABET = `${DIGITS}X`;

describe('validateResidentId: worked examples', () => {
  it('11010519491231002X: Beijing, female, born 1949-12-31', () => {
    expect(validateResidentId('11010519491231002X', TODAY)).toEqual({
      ok: true,
      value: '11010519491231002X',
      divisionCode: '110105',
      birthDate: '1949-12-31',
      sex: 'female',
      hebei: false,
      prefecture: undefined,
    });
  });

  it('130102199003071233: Shijiazhuang, male, born 1990-03-07', () => {
    expect(validateResidentId('130102199003071233', TODAY)).toEqual({
      ok: true,
      value: '130102199003071233',
      divisionCode: '130102',
      birthDate: '1990-03-07',
      sex: 'male',
      hebei: true,
      prefecture: 'shijiazhuang',
    });
  });

  it('normalises a lower-case x, full width and spaces', () => {
    expect(validateResidentId('110105 19491231 002x', TODAY)).toMatchObject({
      ok: true,
      value: '11010519491231002X',
    });
    expect(validateResidentId('１３０１０２１９９００３０７１２３３', TODAY)).toMatchObject({
      ok: true,
      value: '130102199003071233',
    });
  });

  it('knows every Hebei prefecture and treats other 13xx codes as Hebei without a prefecture', () => {
    const withDivision = (division: string) => {
      const first17 = `${division}19900307123`;
      return validateResidentId(`${first17}${residentIdCheckChar(first17) ?? ''}`, TODAY);
    };
    expect(withDivision('131102')).toMatchObject({ hebei: true, prefecture: 'hengshui' });
    expect(withDivision('130682')).toMatchObject({ hebei: true, prefecture: 'baoding' });
    expect(withDivision('139001')).toMatchObject({ hebei: true, prefecture: undefined });
    expect(withDivision('140100')).toMatchObject({ hebei: false, prefecture: undefined });
  });
});

describe('validateResidentId: hostile and malformed input', () => {
  it.each([
    ['', 'empty'],
    ['\u3000', 'empty'],
    ['13010219900307123', 'length'],
    ['130102900307123', 'length'],
    ['1301021990030712333', 'length'],
    ['13010219900307123Y', 'character'],
    ['1301021990030712X3', 'character'],
    // 29 February of a year that is not a leap year, incl. the century rule.
    ['13010219990229123X', 'date'],
    ['130102190002291234', 'date'],
    ['130102199013011230', 'date'],
    ['130102199000071231', 'date'],
    ['130102199004311230', 'date'],
    ['130102189912311231', 'date'],
    ['130102203001011236', 'future-date'],
    ['130102199003071234', 'check'],
    ['110105194912310021', 'check'],
    // Two digits swapped: same digits, different weights.
    ['130102199003071323', 'check'],
  ] as const)('%j → %s', (raw, error) => {
    expect(validateResidentId(raw, TODAY)).toEqual({ ok: false, error });
  });

  it('accepts 29 February of a leap year, incl. 2000', () => {
    expect(validateResidentId('130102200002290026', TODAY)).toMatchObject({
      ok: true,
      birthDate: '2000-02-29',
      sex: 'female',
    });
  });

  it('compares the birth date with the given day, not a hidden clock', () => {
    const first17 = '13010220250601123';
    const id = `${first17}${residentIdCheckChar(first17) ?? ''}`;
    expect(validateResidentId(id, '2025-06-01')).toMatchObject({ ok: true });
    expect(validateResidentId(id, '2025-05-31')).toEqual({ ok: false, error: 'future-date' });
    // 2025-05-31T16:00Z is already 1 June in China.
    expect(validateResidentId(id, new Date('2025-05-31T16:00:00Z'))).toMatchObject({ ok: true });
    expect(validateResidentId(id, new Date('2025-05-31T15:59:59Z'))).toEqual({
      ok: false,
      error: 'future-date',
    });
  });

  it('throws on a malformed "today", which is a programming error', () => {
    expect(() => validateResidentId('130102199003071233', '2025-02-30')).toThrow(RangeError);
    expect(() => validateResidentId('130102199003071233', '20250601')).toThrow(RangeError);
    expect(() => validateResidentId('130102199003071233', new Date(Number.NaN))).toThrow(
      RangeError,
    );
  });
});

describe('residentIdCheckChar', () => {
  it('computes the check characters of the worked examples and refuses other shapes', () => {
    expect(residentIdCheckChar('11010519491231002')).toBe('X');
    expect(residentIdCheckChar('13010219900307123')).toBe('3');
    expect(residentIdCheckChar('1301021990030712')).toBeUndefined();
    expect(residentIdCheckChar('1301021990030712X')).toBeUndefined();
  });
});

describe('validateResidentId: properties', () => {
  it('every generated valid number passes and yields its birth date and sex', () => {
    fc.assert(
      fc.property(validResidentId, (id) => {
        const result = validateResidentId(id, TODAY);
        expect(result).toMatchObject({
          ok: true,
          value: id,
          birthDate: `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`,
          sex: Number(id[16]) % 2 === 1 ? 'male' : 'female',
        });
      }),
    );
  });

  it('catches every single-character substitution (digits in the body, digits or X at the end)', () => {
    const alphabetAt = (i: number) => (i === 17 ? CHECK_ALPHABET : DIGITS);
    fc.assert(
      fc.property(validResidentId, (id) => {
        for (const changed of singleSubstitutions(id, alphabetAt)) {
          expect(residentIdCheckChar(changed.slice(0, 17))).not.toBe(changed[17]);
          expect(validateResidentId(changed, TODAY).ok).toBe(false);
        }
      }),
      { numRuns: 50 },
    );
  });

  it('is insensitive to case, width and spacing', () => {
    fc.assert(
      fc.property(
        validResidentId.chain((id) => fc.tuple(fc.constant(id), retyped(id))),
        ([id, typed]) => {
          expect(validateResidentId(typed, TODAY)).toMatchObject({ ok: true, value: id });
        },
      ),
    );
  });
});
