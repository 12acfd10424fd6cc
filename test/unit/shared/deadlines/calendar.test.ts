import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  WorkingCalendarSchema,
  dayIndex,
  dueAfter,
  type WorkingCalendar,
} from '../../../../shared/deadlines/calendar';
import { addDays } from '../../../../shared/time';
import { demoCatalogue } from '../catalogue/fixtures';

const calendar = (): WorkingCalendar => {
  const c = demoCatalogue().calendar;
  if (!c) throw new Error('the demo catalogue ships a calendar');
  return c;
};

describe('working-day calendar', () => {
  const index = dayIndex(calendar());

  it('counts from the day after: 1 calendar day after a day is the next day', () => {
    expect(dueAfter('2026-03-10', 1, 'calendar', index)).toEqual({
      day: '2026-03-11',
      certain: true,
    });
  });

  it('skips weekends: 1 working day after a Friday is the Monday', () => {
    expect(dueAfter('2026-03-13', 1, 'working', index).day).toBe('2026-03-16');
  });

  it('skips the Spring Festival and counts the working Saturdays (2026: 14 and 28 February)', () => {
    // Friday 13 Feb; Sat 14 Feb is a working day; 15–23 Feb are the holiday.
    expect(dueAfter('2026-02-13', 1, 'working', index).day).toBe('2026-02-14');
    expect(dueAfter('2026-02-14', 1, 'working', index).day).toBe('2026-02-24');
    // 24–27 Feb are 4 working days, Saturday 28 Feb the 5th.
    expect(dueAfter('2026-02-23', 5, 'working', index).day).toBe('2026-02-28');
  });

  it('skips National Day and counts Saturday 10 October', () => {
    expect(dueAfter('2026-09-30', 1, 'working', index).day).toBe('2026-10-08');
    expect(dueAfter('2026-10-09', 1, 'working', index).day).toBe('2026-10-10');
  });

  it('says a date is uncertain once it counts past the calendar it knows', () => {
    const due = dueAfter('2026-12-20', 20, 'working', index);
    expect(due.certain).toBe(false);
    // Weekends are still skipped there: 20 working days from Sunday 20 December.
    expect(due.day).toBe('2027-01-15');
    expect(dueAfter('2026-12-01', 5, 'working', index).certain).toBe(true);
  });

  it('without a calendar only weekends are known, and every working-day date is uncertain', () => {
    const bare = dayIndex(undefined);
    expect(dueAfter('2026-10-01', 1, 'working', bare)).toEqual({
      day: '2026-10-02',
      certain: false,
    });
  });

  it('a working-day limit is never shorter than the same number of calendar days and ends on a working day', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 364 }),
        fc.integer({ min: 1, max: 60 }),
        (offset, days) => {
          const start = addDays('2026-01-01', offset);
          const working = dueAfter(start, days, 'working', index).day;
          expect(working >= dueAfter(start, days, 'calendar', index).day).toBe(true);
          expect(index.isWorkingDay(working)).toBe(true);
        },
      ),
    );
  });

  it('refuses a calendar whose working weekend is a weekday or outside its range', () => {
    const c = calendar();
    const bad = { ...c, workingWeekends: ['2026-03-11'], holidays: ['2027-01-01'] };
    const parsed = WorkingCalendarSchema.safeParse(bad);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => i.message).sort()).toEqual([
      'not-a-weekend',
      'outside-calendar',
    ]);
  });

  it('refuses a non-positive limit as a programming error', () => {
    expect(() => dueAfter('2026-03-10', 0, 'working', index)).toThrow(RangeError);
  });
});
