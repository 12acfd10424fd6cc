import { describe, expect, it } from 'vitest';
import {
  calendarDay,
  daysInMonth,
  isLeapYear,
  isRealDate,
  yearsAfter,
} from '../../../../shared/ids/calendar';
import {
  hebeiPrefectureOf,
  HEBEI_PREFECTURES,
  isHebeiDivision,
} from '../../../../shared/ids/hebei';

describe('calendar', () => {
  it('applies the Gregorian leap-year rules', () => {
    expect([1900, 1999, 2000, 2004, 2100].map(isLeapYear)).toEqual([
      false,
      false,
      true,
      true,
      false,
    ]);
    expect([1, 2, 4, 6, 9, 11, 12].map((m) => daysInMonth(2023, m))).toEqual([
      31, 28, 30, 30, 30, 30, 31,
    ]);
    expect(daysInMonth(2024, 2)).toBe(29);
  });

  it('knows real dates', () => {
    expect(isRealDate(2024, 2, 29)).toBe(true);
    expect(isRealDate(2023, 2, 29)).toBe(false);
    expect(isRealDate(2023, 0, 1)).toBe(false);
    expect(isRealDate(2023, 13, 1)).toBe(false);
    expect(isRealDate(2023, 4, 31)).toBe(false);
    expect(isRealDate(2023, 1, 0)).toBe(false);
  });

  it('reads a Date on the China calendar (UTC+8)', () => {
    expect(calendarDay('2025-06-01')).toBe('2025-06-01');
    expect(calendarDay(new Date('2024-12-31T16:00:00Z'))).toBe('2025-01-01');
    expect(calendarDay(new Date('2024-12-31T15:59:59Z'))).toBe('2024-12-31');
  });
});

describe('Hebei divisions', () => {
  it('maps the eleven prefectures of the brief', () => {
    expect(Object.keys(HEBEI_PREFECTURES)).toHaveLength(11);
    expect(hebeiPrefectureOf('130100')).toBe('shijiazhuang');
    expect(hebeiPrefectureOf('131000')).toBe('langfang');
    expect(hebeiPrefectureOf('1312')).toBeUndefined();
    expect(hebeiPrefectureOf('110105')).toBeUndefined();
    expect(isHebeiDivision('139001')).toBe(true);
    expect(isHebeiDivision('310101')).toBe(false);
  });
});

describe('yearsAfter', () => {
  it('is the same day years later, the month’s last day where that day does not exist', () => {
    expect(yearsAfter('2026-11-25', 1)).toBe('2027-11-25');
    expect(yearsAfter('2028-02-29', 1)).toBe('2029-02-28');
    expect(yearsAfter('2028-02-29', 4)).toBe('2032-02-29');
    expect(yearsAfter('2027-02-28', 1)).toBe('2028-02-28');
    expect(() => yearsAfter('2027-02-29', 1)).toThrow(RangeError);
  });
});
