import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CARD_TEXT_LAYOUT,
  cardStanding,
  decodeCardText,
  encodeCardText,
  joinReadData,
  splitReadData,
  type RawCardText,
} from '../../../../shared/idcard/card-text';
import { residentIdCheckChar } from '../../../../shared/ids/resident-id';
import { SIMULATED_CARDS } from '../../../../shared/idcard/simulator';

const TODAY = '2026-12-05';
const VALID: RawCardText = SIMULATED_CARDS.valid;

const decode = (raw: RawCardText) => decodeCardText(encodeCardText(raw), TODAY);

describe('decodeCardText: the simulated cards', () => {
  it('a valid card: every field, days as YYYY-MM-DD', () => {
    expect(decode(VALID)).toEqual({
      ok: true,
      card: {
        name: '冀测试',
        sex: 'male',
        nationCode: '01',
        birthDate: '1990-03-07',
        address: '河北省石家庄市长安区测试路1号',
        idNumber: '130102199003071233',
        authority: '石家庄市公安局长安分局',
        validFrom: '2020-05-01',
        validUntil: '2040-05-01',
      },
    });
  });

  it('长期 becomes long-term', () => {
    expect(decode(SIMULATED_CARDS['long-term'])).toMatchObject({
      ok: true,
      card: { validUntil: 'long-term', sex: 'male', nationCode: '03' },
    });
  });

  it('the text is UCS-2 little-endian padded with spaces, at the documented offsets', () => {
    const bytes = encodeCardText(VALID);
    expect(bytes.length).toBe(256);
    // 冀 is U+5180: 80 51.
    expect([bytes[0], bytes[1]]).toEqual([0x80, 0x51]);
    // The name's padding after three characters.
    expect([bytes[6], bytes[7]]).toEqual([0x20, 0x00]);
    const [sexAt] = CARD_TEXT_LAYOUT.sex;
    expect([bytes[sexAt], bytes[sexAt + 1]]).toEqual([0x31, 0x00]);
    const [idAt] = CARD_TEXT_LAYOUT.idNumber;
    expect(
      String.fromCharCode(...bytes.subarray(idAt, idAt + 36).filter((_, i) => i % 2 === 0)),
    ).toBe('130102199003071233');
  });

  it('NUL padding reads like space padding', () => {
    const bytes = encodeCardText(VALID);
    const [at, width] = CARD_TEXT_LAYOUT.name;
    bytes.fill(0, at + 6, at + width);
    expect(decodeCardText(bytes, TODAY)).toMatchObject({ ok: true, card: { name: '冀测试' } });
  });
});

describe('decodeCardText: round trip over generated cards', () => {
  const digits = (n: number) =>
    fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((d) => d.join(''));
  const han = fc.integer({ min: 0x4e00, max: 0x9fa5 }).map((c) => String.fromCharCode(c));
  const hanText = (min: number, max: number) =>
    fc.array(han, { minLength: min, maxLength: max }).map((c) => c.join(''));
  const day = fc
    .date({
      min: new Date('1920-01-01T00:00:00Z'),
      max: new Date('2000-12-31T00:00:00Z'),
      noInvalidDate: true,
    })
    .map((d) => d.toISOString().slice(0, 10).replaceAll('-', ''));

  const card = fc
    .record({
      name: hanText(1, 15),
      division: digits(6),
      birth: day,
      sequence: digits(3),
      nation: fc.integer({ min: 1, max: 56 }).map((n) => String(n).padStart(2, '0')),
      address: hanText(1, 35),
      authority: hanText(1, 15),
      longTerm: fc.boolean(),
    })
    .map((c): RawCardText => {
      const first17 = `${c.division}${c.birth}${c.sequence}`;
      const from = String(Number(c.birth.slice(0, 4)) + 16) + c.birth.slice(4, 6) + '01';
      return {
        name: c.name,
        sex: Number(c.sequence.charAt(2)) % 2 === 1 ? '1' : '2',
        nation: c.nation,
        birth: c.birth,
        address: c.address,
        idNumber: `${first17}${residentIdCheckChar(first17) ?? ''}`,
        authority: c.authority,
        validFrom: from,
        validUntil: c.longTerm ? '长期' : String(Number(from.slice(0, 4)) + 20) + from.slice(4),
      };
    });

  it('every well-formed card decodes to its own fields', () => {
    fc.assert(
      fc.property(card, (raw) => {
        const result = decode(raw);
        expect(result.ok).toBe(true);
        if (!result.ok) return;
        const iso = (d: string) => `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}`;
        expect(result.card).toEqual({
          name: raw.name,
          sex: raw.sex === '1' ? 'male' : 'female',
          nationCode: raw.nation,
          birthDate: iso(raw.birth),
          address: raw.address,
          idNumber: raw.idNumber,
          authority: raw.authority,
          validFrom: iso(raw.validFrom),
          validUntil: raw.validUntil === '长期' ? 'long-term' : iso(raw.validUntil),
        });
      }),
    );
  });
});

describe('decodeCardText: refusals name the field', () => {
  const cases: [string, Partial<RawCardText>, string][] = [
    ['an empty name', { name: '' }, 'name'],
    ['a name of spaces', { name: '   ' }, 'name'],
    ['sex 0 or 9', { sex: '9' }, 'sex'],
    ['an ethnicity not two digits', { nation: '1' }, 'nation'],
    ['ethnicity 00', { nation: '00' }, 'nation'],
    ['a birth date 19900230', { birth: '19900230' }, 'birth-date'],
    ['a birth date in the future', { birth: '20990101' }, 'birth-date'],
    ['no address', { address: '' }, 'address'],
    ['a number with a wrong check digit', { idNumber: '130102199003071234' }, 'id-number'],
    ['a 15-digit number', { idNumber: '130102900307123' }, 'id-number'],
    ['a lower-case x', { idNumber: '11010519491231002x' }, 'id-number'],
    ['a birth date other than the number', { birth: '19900308' }, 'id-mismatch'],
    ['a sex other than the number', { sex: '2' }, 'id-mismatch'],
    ['no authority', { authority: '' }, 'authority'],
    ['a start that is no day', { validFrom: '2020050' }, 'valid-from'],
    ['an end that is no day', { validUntil: '长久' }, 'valid-until'],
    ['an end before the start', { validUntil: '20100501' }, 'validity-order'],
    ['a start before the birth', { validFrom: '19800101' }, 'validity-order'],
    ["a foreigner's permanent residence card", { cardType: 'I' }, 'card-type'],
    ['a residence permit', { cardType: 'J' }, 'card-type'],
    ['a right-to-left override in the name', { name: '冀\u202E测试' }, 'character'],
    ['a zero-width space in the address', { address: '河北\u200B省' }, 'character'],
    ['markup in the name', { name: '<img>' }, 'character'],
    ['a control character', { authority: '公安\u0007局' }, 'character'],
  ];
  for (const [what, change, error] of cases) {
    it(what, () => {
      expect(decode({ ...VALID, ...change })).toEqual({ ok: false, error });
    });
  }

  it('an unpaired surrogate', () => {
    const bytes = encodeCardText(VALID);
    bytes[0] = 0x00;
    bytes[1] = 0xd8;
    expect(decodeCardText(bytes, TODAY)).toEqual({ ok: false, error: 'character' });
  });

  it('a text of the wrong size', () => {
    expect(decodeCardText(new Uint8Array(255), TODAY)).toEqual({
      ok: false,
      error: 'text-length',
    });
  });

  it('a field too long for the card cannot be written', () => {
    expect(() => encodeCardText({ ...VALID, name: '一二三四五六七八九十一二三四五六' })).toThrow(
      RangeError,
    );
  });
});

describe('cardStanding: expiry against a given day', () => {
  const card = { validFrom: '2020-05-01', validUntil: '2040-05-01' };
  it('valid from its first day through its last', () => {
    expect(cardStanding(card, '2020-05-01')).toBe('valid');
    expect(cardStanding(card, '2040-05-01')).toBe('valid');
    expect(cardStanding(card, '2040-05-02')).toBe('expired');
    expect(cardStanding(card, '2020-04-30')).toBe('not-yet-valid');
  });

  it('a long-term card never expires', () => {
    expect(cardStanding({ validFrom: '2012-06-01', validUntil: 'long-term' }, '2199-12-31')).toBe(
      'valid',
    );
  });

  it('an instant is read on the China calendar (UTC+8)', () => {
    // 2040-05-01 16:30 UTC is already 2 May in Hebei.
    expect(cardStanding(card, new Date('2040-05-01T16:30:00Z'))).toBe('expired');
    expect(cardStanding(card, new Date('2040-05-01T15:59:00Z'))).toBe('valid');
  });
});

describe('read data: text length, photo length, text, photo', () => {
  it('round trips and refuses inconsistent lengths', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 256, maxLength: 256 }),
        fc.uint8Array({ maxLength: 1024 }),
        (text, photo) => {
          expect(splitReadData(joinReadData(text, photo))).toEqual({ ok: true, text, photo });
        },
      ),
    );
    const data = joinReadData(new Uint8Array(256), new Uint8Array(1024));
    expect(splitReadData(data.subarray(0, data.length - 1))).toEqual({
      ok: false,
      error: 'read-data',
    });
    expect(splitReadData(joinReadData(new Uint8Array(250), new Uint8Array(0)))).toEqual({
      ok: false,
      error: 'read-data',
    });
    expect(splitReadData(joinReadData(new Uint8Array(256), new Uint8Array(1025)))).toEqual({
      ok: false,
      error: 'read-data',
    });
    expect(splitReadData(new Uint8Array(3))).toEqual({ ok: false, error: 'read-data' });
  });
});
