import { describe, expect, it } from 'vitest';
import {
  validateForeignPermanentResident,
  validateHkMacaoPermit,
  validatePassport,
  validateTaiwanPermit,
} from '../../../../shared/ids/other-documents';
import { TODAY } from './arbitraries';

describe('validateHkMacaoPermit', () => {
  it.each([
    ['H12345678', 'H12345678', 'home-return-card'],
    ['m 1234 5678', 'M12345678', 'home-return-card'],
    ['Ｈ１２３４５６７８', 'H12345678', 'home-return-card'],
    ['H1234567801', 'H1234567801', 'home-return-booklet'],
    ['810000199001010019', '810000199001010019', 'hk-residence-permit'],
    ['820000198512310037', '820000198512310037', 'macao-residence-permit'],
  ] as const)('%j is %s, a %s', (raw, value, form) => {
    expect(validateHkMacaoPermit(raw, TODAY)).toEqual({ ok: true, value, form });
  });

  it.each([
    ['', 'empty'],
    ['C12345678', 'shape'],
    ['H1234567', 'shape'],
    ['H123456789', 'shape'],
    ['HA2345678', 'shape'],
    // Taiwan residence permits are not HK/Macao documents; plain resident IDs neither.
    ['830000199001010020', 'shape'],
    ['130102199003071233', 'shape'],
    ['810000199001010018', 'check'],
    ['810000199002300012', 'date'],
    ['810000203001010012', 'future-date'],
  ] as const)('%j → %s', (raw, error) => {
    expect(validateHkMacaoPermit(raw, TODAY)).toEqual({ ok: false, error });
  });
});

describe('validateTaiwanPermit', () => {
  it('accepts the 8-digit card and the 830000 residence permit', () => {
    expect(validateTaiwanPermit('0123 4567', TODAY)).toEqual({
      ok: true,
      value: '01234567',
      form: 'taiwan-compatriot-card',
    });
    expect(validateTaiwanPermit('830000199001010020', TODAY)).toEqual({
      ok: true,
      value: '830000199001010020',
      form: 'taiwan-residence-permit',
    });
  });

  it.each([
    ['', 'empty'],
    ['1234567', 'shape'],
    ['T1234567', 'shape'],
    ['810000199001010019', 'shape'],
    ['830000199001010021', 'check'],
  ] as const)('%j → %s', (raw, error) => {
    expect(validateTaiwanPermit(raw, TODAY)).toEqual({ ok: false, error });
  });
});

describe('validatePassport', () => {
  it.each(['E12345678', 'ea1234567', '123456789', 'X1234', 'AB123456789012345'])(
    'accepts %j',
    (raw) => {
      expect(validatePassport(raw)).toEqual({
        ok: true,
        value: raw.toUpperCase(),
        form: 'passport',
      });
    },
  );

  it.each([
    ['', 'empty'],
    ['E123', 'shape'],
    ['AB1234567890123456', 'shape'],
    ['ABCDEFGH', 'shape'],
    ['E1234-5678', 'shape'],
    ['护照12345', 'shape'],
  ] as const)('%j → %s', (raw, error) => {
    expect(validatePassport(raw)).toEqual({ ok: false, error });
  });
});

describe('validateForeignPermanentResident', () => {
  it('accepts the 2004 and 2017 card numbers', () => {
    expect(validateForeignPermanentResident('usa 110085 012345')).toEqual({
      ok: true,
      value: 'USA110085012345',
      form: 'permanent-resident-2004',
    });
    expect(validateForeignPermanentResident('911840198501010012')).toEqual({
      ok: true,
      value: '911840198501010012',
      form: 'permanent-resident-2017',
    });
    expect(validateForeignPermanentResident('91184019850101001x')).toMatchObject({
      ok: true,
      value: '91184019850101001X',
    });
  });

  it.each([
    ['', 'empty'],
    ['US1100850123456', 'shape'],
    ['USA11008501234', 'shape'],
    ['811840198501010012', 'shape'],
    ['9118401985010100', 'shape'],
  ] as const)('%j → %s', (raw, error) => {
    expect(validateForeignPermanentResident(raw)).toEqual({ ok: false, error });
  });
});
