import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Entity } from '../../../../shared/entity';
import {
  DEFAULT_MASKING_RULES,
  maskAddress,
  maskEntityForAudience,
  maskIdNumber,
  maskPersonName,
  maskPhone,
} from '../../../../shared/masking/mask';

describe('maskPersonName', () => {
  it.each([
    ['张三', '张*'],
    ['张三丰', '张*'],
    [' 李四 ', '李*'],
    ['欧阳娜娜', '欧阳*'],
    ['诸葛亮', '诸葛*'],
    // Two characters: surname 欧 with given name 阳, not the compound surname alone.
    ['欧阳', '欧*'],
    ['买买提·艾力', '买*'],
    ['𠈌三', '𠈌*'],
    ['John Smith', 'J* S*'],
    ['J. R. R. Tolkien', 'J* R* R* T*'],
    ['Madonna', 'M*'],
    ['Zoë  Ångström', 'Z* Å*'],
    ['张', '*'],
    ['', ''],
  ])('%j → %j', (name, masked) => {
    expect(maskPersonName(name)).toBe(masked);
  });

  it('follows the configured mask and surname list', () => {
    const rules = { ...DEFAULT_MASKING_RULES, maskChar: '某', compoundSurnames: [] };
    expect(maskPersonName('欧阳娜娜', rules)).toBe('欧某');
  });

  it('never reveals the given name of a Chinese name', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(...'王李张刘陈杨黄'), minLength: 2, maxLength: 30 }),
        (name) => {
          const masked = maskPersonName(name);
          expect(masked).toBe(`${name[0] ?? ''}*`);
        },
      ),
    );
  });
});

describe('maskIdNumber', () => {
  it('keeps the first 6 and last 4 of an 18-character number by default', () => {
    expect(maskIdNumber('130102199003071233')).toBe('130102********1233');
    expect(maskIdNumber('11010519491231002X')).toBe('110105********002X');
  });

  it('hides more of shorter numbers so that at least 35% stays hidden', () => {
    // 15 characters: 6 + 4 would leave only 5 hidden.
    expect(maskIdNumber('130102900307123')).toBe('13010******7123');
    expect(maskIdNumber('USA110085012345')).toBe('USA11******2345');
    expect(maskIdNumber('E12345678')).toBe('E12****78');
    expect(maskIdNumber('H12')).toBe('H**');
    expect(maskIdNumber('')).toBe('');
  });

  it('follows a configured rule', () => {
    expect(
      maskIdNumber('130102199003071233', {
        ...DEFAULT_MASKING_RULES,
        idKeepStart: 3,
        idKeepEnd: 2,
      }),
    ).toBe('130*************33');
    expect(
      maskIdNumber('130102199003071233', {
        ...DEFAULT_MASKING_RULES,
        idKeepStart: 0,
        idKeepEnd: 0,
      }),
    ).toBe('*'.repeat(18));
  });

  it('keeps the length, and hides at least 35% of any identifier', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'0123456789ABX'), maxLength: 40 }), (id) => {
        const masked = maskIdNumber(id);
        expect(masked).toHaveLength(id.length);
        const hidden = [...masked].filter((c, i) => c === '*' && id[i] !== '*').length;
        expect(hidden).toBeGreaterThanOrEqual(Math.ceil(id.length * 0.35));
      }),
    );
  });
});

describe('maskPhone', () => {
  it('shows first 3 and last 4 digits internally, keeping separators', () => {
    expect(maskPhone('13812345678', 'internal')).toBe('138****5678');
    expect(maskPhone('0311-86012345', 'internal')).toBe('031*-****2345');
    // Ten digits: 3 + 4 would hide only 3, under 35%, so one fewer is kept at the end.
    expect(maskPhone('010-6234567', 'internal')).toBe('010-****567');
  });

  it('is never shown to the public and unchanged for the platform', () => {
    expect(maskPhone('13812345678', 'public')).toBeNull();
    expect(maskPhone('13812345678', 'platform')).toBe('13812345678');
  });
});

describe('maskAddress', () => {
  it('never publishes an address', () => {
    expect(maskAddress('石家庄市长安区示例路1号', 'public')).toBeNull();
    expect(maskAddress('石家庄市长安区示例路1号', 'internal')).toBe('石家庄市长安区示例路1号');
    expect(maskAddress('石家庄市长安区示例路1号', 'platform')).toBe('石家庄市长安区示例路1号');
  });
});

describe('maskEntityForAudience', () => {
  const person: Entity = {
    kind: 'natural-person',
    name: '张三',
    idType: 'resident-id',
    idNumber: '130102199003071233',
    agent: { name: '李四', idType: 'resident-id', idNumber: '11010519491231002X' },
    phone: '13812345678',
    address: '石家庄市长安区示例路1号',
  };
  const company: Entity = {
    kind: 'legal-person',
    name: '河北示例科技有限公司',
    idType: 'uscc',
    idNumber: '91130100MA01111107',
    representative: { name: '王五', idType: 'resident-id', idNumber: '130102199003071233' },
    agent: { name: '李四', idType: 'passport', idNumber: 'E12345678' },
    phone: '0311-86012345',
    address: '石家庄市长安区示例路1号',
  };

  it('public: masks a natural person and removes phone and address', () => {
    expect(maskEntityForAudience(person, 'public')).toEqual({
      audience: 'public',
      kind: 'natural-person',
      name: '张*',
      idType: 'resident-id',
      idNumber: '130102********1233',
      agent: { name: '李*', idType: 'resident-id', idNumber: '110105********002X' },
    });
  });

  it('public: never masks an organisation name or credit code; the representative is named', () => {
    expect(maskEntityForAudience(company, 'public')).toEqual({
      audience: 'public',
      kind: 'legal-person',
      name: '河北示例科技有限公司',
      idType: 'uscc',
      idNumber: '91130100MA01111107',
      representative: { name: '王五', idType: 'resident-id', idNumber: '130102********1233' },
      agent: { name: '李*', idType: 'passport', idNumber: 'E12****78' },
    });
  });

  it('internal: names in full, ID numbers and phones masked, address shown', () => {
    expect(maskEntityForAudience(person, 'internal')).toEqual({
      audience: 'internal',
      kind: 'natural-person',
      name: '张三',
      idType: 'resident-id',
      idNumber: '130102********1233',
      agent: { name: '李四', idType: 'resident-id', idNumber: '110105********002X' },
      phone: '138****5678',
      address: '石家庄市长安区示例路1号',
    });
    expect(
      maskEntityForAudience({ ...company, representative: { name: '王五' } }, 'internal'),
    ).toMatchObject({
      name: '河北示例科技有限公司',
      idNumber: '91130100MA01111107',
      representative: { name: '王五' },
      phone: '031*-****2345',
    });
  });

  it('platform: unmasked', () => {
    expect(maskEntityForAudience(person, 'platform')).toEqual({ audience: 'platform', ...person });
  });

  it('leaves out what the entity does not have', () => {
    const bare: Entity = {
      kind: 'natural-person',
      name: 'John Smith',
      idType: 'passport',
      idNumber: 'E12345678',
    };
    expect(maskEntityForAudience(bare, 'internal')).toEqual({
      audience: 'internal',
      kind: 'natural-person',
      name: 'John Smith',
      idType: 'passport',
      idNumber: 'E12****78',
    });
    expect(maskEntityForAudience(bare, 'public')).toMatchObject({ name: 'J* S*' });
  });
});
