/**
 * Date checks for identifiers that embed a birth date. The caller passes "today" explicitly:
 * shared code has no hidden clock, so the checks are reproducible in tests and on replay.
 */

import { chinaDay } from '../time';

/** A calendar day as 'YYYY-MM-DD', or an instant read on the China calendar. */
export type Today = string | Date;

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

export function isRealDate(year: number, month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/**
 * 'YYYY-MM-DD' of `today`. A malformed `today` is a programming error, not user input, so it
 * throws rather than becoming an error code the UI would have to explain.
 */
export function calendarDay(today: Today): string {
  if (typeof today === 'string') {
    const match = ISO_DAY.exec(today);
    if (!match || !isRealDate(Number(match[1]), Number(match[2]), Number(match[3]))) {
      throw new RangeError('today must be a real YYYY-MM-DD date');
    }
    return today;
  }
  const time = today.getTime();
  if (Number.isNaN(time)) throw new RangeError('today must be a valid Date');
  return chinaDay(today);
}

/**
 * The same day `years` later. A day the later year lacks (29 February) becomes the month's last
 * day, as the Civil Code (art. 202) counts periods in years.
 */
export function yearsAfter(day: string, years: number): string {
  const [y, m, d] = calendarDay(day).split('-').map(Number) as [number, number, number];
  const year = y + years;
  const last = daysInMonth(year, m);
  const pad = (n: number, width: number) => String(n).padStart(width, '0');
  return `${pad(year, 4)}-${pad(m, 2)}-${pad(Math.min(d, last), 2)}`;
}
