import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  NAME_LIMITS,
  validateFixedLine,
  validateMobile,
  validateOrganisationName,
  validatePersonName,
  validatePhone,
} from '../../../../shared/ids/contact';

describe('validatePersonName', () => {
  it.each([
    ['张三', '张三'],
    ['  张 三\u3000', '张三'],
    ['欧阳娜娜', '欧阳娜娜'],
    ['买买提·艾力', '买买提·艾力'],
    // Look-alike dots from IMEs, and a typed full stop, become the middle dot.
    ['买买提・艾力', '买买提·艾力'],
    ['买买提•艾力', '买买提·艾力'],
    ['买买提 . 艾力', '买买提·艾力'],
    ['John  Smith', 'John Smith'],
    ['Ｊｏｈｎ Ｓｍｉｔｈ', 'John Smith'],
    ['J. R. R. Tolkien', 'J. R. R. Tolkien'],
    ["Seán O'Brien-Smith", "Seán O'Brien-Smith"],
    ['Martin Luther King Jr.', 'Martin Luther King Jr.'],
    ['Zoë', 'Zoë'],
    ['Иван Петров', 'Иван Петров'],
    // A rare character typed in pinyin when the font lacks it.
    ['王yan', '王yan'],
    ['𠈌三', '𠈌三'],
  ])('accepts %j as %j', (raw, value) => {
    expect(validatePersonName(raw)).toEqual({ ok: true, value });
  });

  it.each([
    ['', 'empty'],
    [' \u3000\t', 'empty'],
    ['12345', 'digits-only'],
    ['１２３ ４５', 'digits-only'],
    ['张三3', 'character'],
    ['张\u0000三', 'control'],
    ['张\u200b三', 'invisible'],
    ['王\u202e五', 'bidi-control'],
    ['·张三', 'character'],
    ['张三·', 'character'],
    ['买买提··艾力', 'character'],
    ['张三.', 'character'],
    ['John--Smith', 'character'],
    ['<script>', 'markup'],
    ['<img src=x onerror=alert(1)>', 'markup'],
    ['张三😀', 'character'],
    ['张', 'too-short'],
    ['J', 'too-short'],
    ['张'.repeat(31), 'too-long'],
    ['a'.repeat(101), 'too-long'],
    ['名'.repeat(10_000), 'too-long'],
  ] as const)('%j → %s', (raw, error) => {
    expect(validatePersonName(raw)).toMatchObject({ ok: false, error });
  });

  it('states the limits of a name that is too short or too long, per script', () => {
    expect(validatePersonName('张'.repeat(31))).toEqual({
      ok: false,
      error: 'too-long',
      min: 2,
      max: 30,
    });
    expect(validatePersonName('a'.repeat(10_000))).toEqual({
      ok: false,
      error: 'too-long',
      min: 2,
      max: 100,
    });
    expect(validatePersonName('\u202e三王')).toEqual({
      ok: false,
      error: 'bidi-control',
      char: 'U+202E',
    });
  });

  it('accepts Chinese names of every length from 2 to 30', () => {
    fc.assert(
      fc.property(
        fc.string({
          unit: fc.constantFrom(...'王李张刘陈杨黄赵周吴'),
          minLength: NAME_LIMITS.hanPerson.min,
          maxLength: NAME_LIMITS.hanPerson.max,
        }),
        (name) => {
          expect(validatePersonName(name)).toEqual({ ok: true, value: name });
        },
      ),
    );
  });
});

describe('validateOrganisationName', () => {
  it.each([
    ['河北某某科技有限公司', '河北某某科技有限公司'],
    // Full-width brackets stay as on the licence; whitespace is tidied.
    ['  河北某某科技有限公司（石家庄分公司）  ', '河北某某科技有限公司（石家庄分公司）'],
    ['58同城信息技术有限公司', '58同城信息技术有限公司'],
    ['Hebei  Example Trading Co., Ltd.', 'Hebei Example Trading Co., Ltd.'],
    ['A&B 咨询', 'A&B 咨询'],
  ])('accepts %j', (raw, value) => {
    expect(validateOrganisationName(raw)).toEqual({ ok: true, value });
  });

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['123456', 'digits-only'],
    ['!!!---', 'character'],
    ['公司\u0007', 'control'],
    ['公司\u202e', 'bidi-control'],
    ['公司\u200b', 'invisible'],
    ['公司😀', 'character'],
    // One rule for every name field: markup is refused in a company's name as in a person's.
    ['<img src=x onerror=alert(1)>', 'markup'],
    ['某某公司<b>', 'markup'],
    ['公', 'too-short'],
    ['公'.repeat(101), 'too-long'],
  ] as const)('%j → %s', (raw, error) => {
    expect(validateOrganisationName(raw)).toMatchObject({ ok: false, error });
  });
});

describe('validateMobile', () => {
  it.each([
    '13812345678',
    '138 1234 5678',
    '138-1234-5678',
    '+86 138 1234 5678',
    '+86-13812345678',
    '008613812345678',
    '8613812345678',
    '１３８１２３４５６７８',
  ])('accepts %j as 13812345678', (raw) => {
    expect(validateMobile(raw)).toEqual({ ok: true, value: '13812345678', kind: 'mobile' });
  });

  it.each([
    ['', 'empty'],
    [' - ', 'empty'],
    ['1381234567a', 'character'],
    ['+1 13812345678', 'character'],
    ['1381234567', 'length'],
    ['138123456789', 'length'],
    ['12812345678', 'prefix'],
    ['10012345678', 'prefix'],
  ] as const)('%j → %s', (raw, error) => {
    expect(validateMobile(raw)).toEqual({ ok: false, error });
  });
});

describe('validateFixedLine', () => {
  it.each([
    ['0311-86012345', '0311-86012345'],
    ['(0311) 8601234', '0311-8601234'],
    ['（０３１１）８６０１２３４５', '0311-86012345'],
    ['010-62345678', '010-62345678'],
    ['022 2345 6789', '022-23456789'],
    ['+86 311 86012345', '0311-86012345'],
    ['+86 10 62345678', '010-62345678'],
  ])('accepts %j as %j', (raw, value) => {
    expect(validateFixedLine(raw)).toEqual({ ok: true, value, kind: 'fixed-line' });
  });

  it.each([
    ['', 'empty'],
    ['0311-8601234x', 'character'],
    ['311-86012345', 'area-code'],
    ['0011-86012345', 'area-code'],
    ['0123-86012345', 'area-code'],
    ['0311-860123', 'length'],
    ['0311-860123456', 'length'],
    ['0311-06012345', 'prefix'],
    ['0311-16012345', 'prefix'],
  ] as const)('%j → %s', (raw, error) => {
    expect(validateFixedLine(raw)).toEqual({ ok: false, error });
  });
});

describe('validatePhone', () => {
  it('reads numbers starting with 1 as mobiles and others as fixed lines', () => {
    expect(validatePhone('+86 138 1234 5678')).toEqual({
      ok: true,
      value: '13812345678',
      kind: 'mobile',
    });
    expect(validatePhone('8613812345678')).toEqual({
      ok: true,
      value: '13812345678',
      kind: 'mobile',
    });
    expect(validatePhone('0311-86012345')).toEqual({
      ok: true,
      value: '0311-86012345',
      kind: 'fixed-line',
    });
    expect(validatePhone('+86 311 86012345')).toEqual({
      ok: true,
      value: '0311-86012345',
      kind: 'fixed-line',
    });
    expect(validatePhone('1381234567')).toEqual({ ok: false, error: 'length' });
    expect(validatePhone('86012345')).toEqual({ ok: false, error: 'area-code' });
    expect(validatePhone('电话')).toEqual({ ok: false, error: 'character' });
    expect(validatePhone('')).toEqual({ ok: false, error: 'empty' });
  });
});
