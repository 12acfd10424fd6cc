import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  orgCodeCheckChar,
  USCC_ALPHABET,
  USCC_TYPE_HINTS,
  USCC_WEIGHTS,
  usccCheckChar,
  validateUscc,
} from '../../../../shared/ids/uscc';
import { retyped, singleSubstitutions, validUscc, validUsccAnyOrgCheck } from './arbitraries';

const WORKED = [
  '91350200776049653A',
  '913502000728319549',
  '9135021359498494XQ',
  '91130100MA01111107',
  '52131000MJ0123456X',
];

describe('validateUscc: worked examples of the brief', () => {
  it.each(WORKED)('%s passes both checks', (code) => {
    const result = validateUscc(code);
    expect(result).toMatchObject({ ok: true, value: code, warnings: [] });
  });

  it('derives authority, type hint and division code', () => {
    expect(validateUscc('91130100MA01111107')).toEqual({
      ok: true,
      value: '91130100MA01111107',
      warnings: [],
      registrationAuthority: '9',
      entityTypeCode: '91',
      entityTypeHint: 'enterprise',
      divisionCode: '130100',
    });
    expect(validateUscc('52131000MJ0123456X')).toMatchObject({
      registrationAuthority: '5',
      entityTypeHint: 'private-non-enterprise',
      divisionCode: '131000',
    });
  });

  it('9135021359498494XQ has organisation check X', () => {
    expect(orgCodeCheckChar('59498494')).toBe('X');
  });
});

describe('validateUscc: hostile and malformed input', () => {
  it('accepts a code that passes the overall check but fails the organisation check, with a warning', () => {
    // Organisation body MA011111 should end in '0'; '1' passes only the overall check.
    expect(orgCodeCheckChar('MA011111')).toBe('0');
    const result = validateUscc('91130100MA0111111A');
    expect(result).toMatchObject({ ok: true, warnings: ['org-code-check'] });
  });

  it('rejects a wrong overall check character even when the organisation check is right', () => {
    expect(validateUscc('91130100MA01111108')).toEqual({ ok: false, error: 'check' });
    expect(validateUscc('91350200776049653B')).toEqual({ ok: false, error: 'check' });
  });

  it.each([
    ['', 'empty'],
    [' \u3000 ', 'empty'],
    ['91130100MA0111110', 'length'],
    ['91130100MA011111077', 'length'],
    ['91130100MA0111110I', 'character'],
    ['91130100MA01111O07', 'character'],
    ['S1130100MA01111107', 'character'],
    ['91130100MA011111-7', 'character'],
    ['911301A0MA01111107', 'division'],
    ['9113010AMA01111107', 'division'],
  ] as const)('%j → %s', (raw, error) => {
    expect(validateUscc(raw)).toEqual({ ok: false, error });
  });

  it('accepts lower-case, full-width and spaced input and returns the normalised value', () => {
    expect(validateUscc(' 9135 0213 5949 8494 xq ')).toMatchObject({
      ok: true,
      value: '9135021359498494XQ',
    });
    expect(validateUscc('９１３５０２１３５９４９８４９４ｘｑ')).toMatchObject({
      ok: true,
      value: '9135021359498494XQ',
    });
  });

  it('gives an unknown type code no hint and does not reject it', () => {
    const first17 = 'Y2130100MA0111110';
    const code = `${first17}${usccCheckChar(first17) ?? ''}`;
    expect(validateUscc(code)).toMatchObject({
      ok: true,
      entityTypeCode: 'Y2',
      entityTypeHint: undefined,
    });
  });

  it('catches every single-character substitution of the worked examples by the overall check', () => {
    for (const code of WORKED) {
      const variants = singleSubstitutions(code, () => USCC_ALPHABET);
      expect(variants).toHaveLength(18 * 30);
      for (const changed of variants) {
        // The claim is about the check itself, not about the shape rules that also apply.
        expect(usccCheckChar(changed.slice(0, 17)), changed).not.toBe(changed[17]);
        expect(validateUscc(changed).ok, changed).toBe(false);
      }
    }
  });
});

describe('usccCheckChar and orgCodeCheckChar', () => {
  it('uses weights 3^(i-1) mod 31', () => {
    USCC_WEIGHTS.forEach((w, i) => expect(w).toBe(3 ** i % 31));
  });

  it('computes the check characters of the worked examples', () => {
    for (const code of WORKED) expect(usccCheckChar(code.slice(0, 17))).toBe(code[17]);
    expect(orgCodeCheckChar('77604965')).toBe('3');
    expect(orgCodeCheckChar('07283195')).toBe('4');
  });

  it('writes 11 as 0 and 10 as X', () => {
    // All zeros: 11 − 0 = 11 → '0'. '10000000': 11 − 1×3 = 8. '59498494': Σ mod 11 = 1 → 10 → 'X'.
    expect(orgCodeCheckChar('00000000')).toBe('0');
    expect(orgCodeCheckChar('10000000')).toBe('8');
    expect(orgCodeCheckChar('59498494')).toBe('X');
  });

  it('refuses inputs of the wrong shape', () => {
    expect(usccCheckChar('9113010')).toBeUndefined();
    expect(usccCheckChar('91130100MA011111I')).toBeUndefined();
    expect(orgCodeCheckChar('MA01111')).toBeUndefined();
    expect(orgCodeCheckChar('ma011111')).toBeUndefined();
  });

  it('has a hint for each type named in the brief', () => {
    expect(USCC_TYPE_HINTS).toMatchObject({
      '91': 'enterprise',
      '92': 'individual-business',
      '93': 'farmers-cooperative',
      '11': 'government-organ',
      '12': 'public-institution',
      '51': 'social-organisation',
      '52': 'private-non-enterprise',
      '53': 'foundation',
      Y1: 'other',
    });
  });
});

describe('validateUscc: properties', () => {
  it('every generated valid code passes, without warning', () => {
    fc.assert(
      fc.property(validUscc, (code) => {
        expect(validateUscc(code)).toMatchObject({ ok: true, value: code, warnings: [] });
      }),
    );
  });

  it('a code passing the overall check is accepted; the warning matches the organisation check', () => {
    fc.assert(
      fc.property(validUsccAnyOrgCheck, (code) => {
        const orgOk = orgCodeCheckChar(code.slice(8, 16)) === code[16];
        expect(validateUscc(code)).toMatchObject({
          ok: true,
          warnings: orgOk ? [] : ['org-code-check'],
        });
      }),
    );
  });

  it('the overall check catches every single-character substitution', () => {
    fc.assert(
      fc.property(validUsccAnyOrgCheck, fc.nat(17), fc.nat(29), (code, position, shift) => {
        const original = USCC_ALPHABET.indexOf(code[position] ?? '');
        const replacement = USCC_ALPHABET[(original + 1 + shift) % 31] ?? '';
        const changed = `${code.slice(0, position)}${replacement}${code.slice(position + 1)}`;
        expect(changed).not.toBe(code);
        expect(usccCheckChar(changed.slice(0, 17))).not.toBe(changed[17]);
        expect(validateUscc(changed).ok).toBe(false);
      }),
    );
  });

  it('is insensitive to case, width and spacing', () => {
    fc.assert(
      fc.property(
        validUscc.chain((code) => fc.tuple(fc.constant(code), retyped(code))),
        ([code, typed]) => {
          expect(validateUscc(typed)).toMatchObject({ ok: true, value: code });
        },
      ),
    );
  });
});
