import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  CommitmentCodeSchema,
  DivisionCodeSchema,
  isDivisionCode,
  nextCommitmentCode,
  parseCommitmentCode,
} from '../../../../shared/record/commitment-code';

const base = { divisionCode: '130102', date: '2026-03-15', deviceSlot: 1, lastSerialToday: null };

describe('nextCommitmentCode', () => {
  it('starts a day at the first serial of the device slot', () => {
    expect(nextCommitmentCode(base)).toEqual({
      ok: true,
      value: { code: '13010220260315010000', serial: 10000 },
    });
    expect(nextCommitmentCode({ ...base, deviceSlot: 99 })).toEqual({
      ok: true,
      value: { code: '13010220260315990000', serial: 990000 },
    });
  });

  it('continues after the last serial used that day', () => {
    const r = nextCommitmentCode({ ...base, deviceSlot: 7, lastSerialToday: 70041 });
    expect(r).toEqual({ ok: true, value: { code: '13010220260315070042', serial: 70042 } });
  });

  it('refuses when the slot is used up for the day, and hands out its last serial before that', () => {
    expect(nextCommitmentCode({ ...base, deviceSlot: 3, lastSerialToday: 39998 })).toMatchObject({
      ok: true,
      value: { serial: 39999, code: '13010220260315039999' },
    });
    expect(nextCommitmentCode({ ...base, deviceSlot: 3, lastSerialToday: 39999 })).toEqual({
      ok: false,
      error: 'serial-exhausted',
    });
    expect(nextCommitmentCode({ ...base, deviceSlot: 99, lastSerialToday: 999999 })).toEqual({
      ok: false,
      error: 'serial-exhausted',
    });
  });

  it('refuses a last serial from another slot (a store mix-up must not leak into codes)', () => {
    for (const last of [29999, 40000, 0, -1, 1.5, Number.NaN]) {
      expect(nextCommitmentCode({ ...base, deviceSlot: 3, lastSerialToday: last })).toEqual({
        ok: false,
        error: 'serial-out-of-slot',
      });
    }
  });

  it('refuses slots outside 01–99, including the central slot 00', () => {
    for (const deviceSlot of [0, 100, -1, 2.5, Number.NaN]) {
      expect(nextCommitmentCode({ ...base, deviceSlot })).toEqual({ ok: false, error: 'bad-slot' });
    }
  });

  it('refuses bad division codes and impossible dates', () => {
    for (const divisionCode of ['13010', '1301020', '990102', 'ABCDEF', '']) {
      expect(nextCommitmentCode({ ...base, divisionCode })).toEqual({
        ok: false,
        error: 'bad-division-code',
      });
    }
    for (const date of [
      '2026-02-29',
      '2026-13-01',
      '2026-3-15',
      '20260315',
      '0999-01-01',
      '2026-04-31',
    ]) {
      expect(nextCommitmentCode({ ...base, date })).toEqual({ ok: false, error: 'bad-date' });
    }
    expect(nextCommitmentCode({ ...base, date: '2024-02-29' }).ok).toBe(true);
  });
});

describe('parseCommitmentCode', () => {
  it('splits a code into its parts', () => {
    expect(parseCommitmentCode('13010220260315070042')).toEqual({
      ok: true,
      value: {
        divisionCode: '130102',
        date: '2026-03-15',
        serial: 70042,
        deviceSlot: 7,
        dailyIndex: 42,
      },
    });
    expect(parseCommitmentCode('13000020260315000005')).toMatchObject({
      ok: true,
      value: { deviceSlot: 0 },
    });
  });

  it('names what is wrong', () => {
    expect(parseCommitmentCode('1301022026031507004')).toEqual({ ok: false, error: 'bad-length' });
    expect(parseCommitmentCode('130102202603150700421')).toEqual({
      ok: false,
      error: 'bad-length',
    });
    expect(parseCommitmentCode('1301022026031507004A')).toEqual({
      ok: false,
      error: 'bad-characters',
    });
    expect(parseCommitmentCode('13010220260315 70042')).toEqual({
      ok: false,
      error: 'bad-characters',
    });
    expect(parseCommitmentCode('１３010220260315070042'.slice(0, 20))).toEqual({
      ok: false,
      error: 'bad-characters',
    });
    expect(parseCommitmentCode('00010220260315070042')).toEqual({
      ok: false,
      error: 'bad-division-code',
    });
    expect(parseCommitmentCode('13010220260230070042')).toEqual({ ok: false, error: 'bad-date' });
  });

  it('backs the zod schemas', () => {
    expect(CommitmentCodeSchema.safeParse('13010220260315070042').success).toBe(true);
    const bad = CommitmentCodeSchema.safeParse('13010220260230070042');
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.message).toBe('bad-commitment-code');
    expect(DivisionCodeSchema.safeParse('130102').success).toBe(true);
    expect(DivisionCodeSchema.safeParse('990102').success).toBe(false);
    expect(isDivisionCode('820000')).toBe(true);
  });
});

describe('commitment codes across devices (property)', () => {
  const day = fc
    .date({
      min: new Date(Date.UTC(2000, 0, 1)),
      max: new Date(Date.UTC(2099, 11, 31)),
      noInvalidDate: true,
    })
    .map((d) => d.toISOString().slice(0, 10));
  const slot = fc.integer({ min: 1, max: 99 });
  const index = fc.integer({ min: 0, max: 9999 });
  const lastFor = (s: number, n: number) => (n === 0 ? null : s * 10000 + n - 1);

  it('never collide between two different slots, whatever their running numbers', () => {
    fc.assert(
      fc.property(day, slot, slot, index, index, (date, a, b, na, nb) => {
        fc.pre(a !== b);
        const ca = nextCommitmentCode({
          divisionCode: '130102',
          date,
          deviceSlot: a,
          lastSerialToday: lastFor(a, na),
        });
        const cb = nextCommitmentCode({
          divisionCode: '130102',
          date,
          deviceSlot: b,
          lastSerialToday: lastFor(b, nb),
        });
        expect(ca.ok && cb.ok).toBe(true);
        if (ca.ok && cb.ok) expect(ca.value.code).not.toBe(cb.value.code);
      }),
    );
  });

  it('parse back to the division, date, slot and running number they were made from', () => {
    fc.assert(
      fc.property(day, slot, index, (date, deviceSlot, n) => {
        const made = nextCommitmentCode({
          divisionCode: '131082',
          date,
          deviceSlot,
          lastSerialToday: lastFor(deviceSlot, n),
        });
        if (!made.ok) throw new Error(made.error);
        expect(made.value.code).toHaveLength(20);
        expect(parseCommitmentCode(made.value.code)).toEqual({
          ok: true,
          value: {
            divisionCode: '131082',
            date,
            serial: made.value.serial,
            deviceSlot,
            dailyIndex: n,
          },
        });
      }),
    );
  });

  it('a device numbering a whole day never repeats a code', () => {
    const codes = new Set<string>();
    let last: number | null = null;
    for (;;) {
      const r = nextCommitmentCode({ ...base, deviceSlot: 42, lastSerialToday: last });
      if (!r.ok) {
        expect(r.error).toBe('serial-exhausted');
        break;
      }
      codes.add(r.value.code);
      last = r.value.serial;
    }
    expect(codes.size).toBe(10000);
  });
});
