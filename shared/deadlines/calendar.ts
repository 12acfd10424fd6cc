import { z } from 'zod';
import { DateSchema, LocalizedTextSchema } from '../model';
import { addDays } from '../time';

/**
 * Working days as a hall counts them: Monday to Friday, less the public holidays the State
 * Council announces each year, plus the weekend days it makes working days in exchange (调休).
 * That list changes every year, so it is data: the platform ships it inside the signed catalogue
 * and a refresh brings the next year's.
 */
export const WorkingCalendarSchema = z
  .strictObject({
    name: LocalizedTextSchema,
    /** First and last day the lists below are known for, inclusive. */
    from: DateSchema,
    to: DateSchema,
    holidays: z.array(DateSchema).max(400),
    /** Saturdays and Sundays that are working days. */
    workingWeekends: z.array(DateSchema).max(100),
  })
  .superRefine((c, ctx) => {
    if (c.to < c.from) ctx.addIssue({ code: 'custom', path: ['to'], message: 'to-before-from' });
    const outside = (d: string) => d < c.from || d > c.to;
    c.holidays.forEach((d, i) => {
      if (outside(d))
        ctx.addIssue({ code: 'custom', path: ['holidays', i], message: 'outside-calendar' });
    });
    c.workingWeekends.forEach((d, i) => {
      if (outside(d))
        ctx.addIssue({ code: 'custom', path: ['workingWeekends', i], message: 'outside-calendar' });
      else if (!isWeekend(d))
        ctx.addIssue({ code: 'custom', path: ['workingWeekends', i], message: 'not-a-weekend' });
    });
  });
export type WorkingCalendar = z.infer<typeof WorkingCalendarSchema>;

export const DAY_COUNTS = ['calendar', 'working'] as const;
export const DayCountSchema = z.enum(DAY_COUNTS);
export type DayCount = z.infer<typeof DayCountSchema>;

function weekday(day: string): number {
  return new Date(`${day}T00:00:00Z`).getUTCDay();
}

function isWeekend(day: string): boolean {
  const d = weekday(day);
  return d === 0 || d === 6;
}

export interface DayIndex {
  readonly isWorkingDay: (day: string) => boolean;
  /** False for a day outside the calendar's known range: only weekends are known there. */
  readonly covers: (day: string) => boolean;
}

export function dayIndex(calendar: WorkingCalendar | undefined): DayIndex {
  const holidays = new Set(calendar?.holidays);
  const working = new Set(calendar?.workingWeekends);
  return {
    isWorkingDay: (day) => working.has(day) || (!isWeekend(day) && !holidays.has(day)),
    covers: (day) => calendar !== undefined && day >= calendar.from && day <= calendar.to,
  };
}

export interface DueDate {
  readonly day: string;
  /**
   * False when working days were counted past the calendar's known range, where only weekends
   * are known: the date may move once the next year's calendar arrives.
   */
  readonly certain: boolean;
}

/**
 * The day a time limit of `days` ends, counted from the day after `start` (a limit begins the
 * day after the act, and a limit in working days ends on a working day).
 */
export function dueAfter(start: string, days: number, count: DayCount, index: DayIndex): DueDate {
  if (!Number.isInteger(days) || days < 1) throw new RangeError('days must be a positive integer');
  if (count === 'calendar') return { day: addDays(start, days), certain: true };
  let day = start;
  let certain = true;
  for (let left = days; left > 0;) {
    day = addDays(day, 1);
    if (!index.covers(day)) certain = false;
    if (index.isWorkingDay(day)) left -= 1;
  }
  return { day, certain };
}
