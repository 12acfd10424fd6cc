/**
 * Days and instants on the hall's clock: China time (UTC+8 all year, no daylight saving). The one
 * place that knows the offset; records write instants in it, so a clerk reading a raw record sees
 * the hall's own clock.
 */
export const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;

const DAY_MS = 24 * 60 * 60 * 1000;

/** An instant as records write it: ISO-8601 to the millisecond with the +08:00 offset. */
export function chinaInstant(date: Date): string {
  const time = date.getTime();
  if (Number.isNaN(time)) throw new RangeError('invalid Date');
  return `${new Date(time + CHINA_OFFSET_MS).toISOString().slice(0, 23)}+08:00`;
}

/** The 'YYYY-MM-DD' day of a valid instant on the China calendar. */
export function chinaDay(date: Date): string {
  return new Date(date.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/** Any ISO instant (UTC or with an offset) as the hall's clock shows it: 'YYYY-MM-DD HH:MM:SS'; null if unreadable. */
export function chinaClock(instant: string): string | null {
  const ms = Date.parse(instant);
  if (Number.isNaN(ms)) return null;
  const local = new Date(ms + CHINA_OFFSET_MS).toISOString();
  return `${local.slice(0, 10)} ${local.slice(11, 19)}`;
}

/**
 * Any ISO instant in the reader's language on the hall's clock, to the second: zh-CN
 * '2026年11月25日 10:03:04', en 'Nov 25, 2026, 10:03:04'. The zone is named, not left to the
 * reader's machine: a clerk's browser set to another zone would otherwise move the time. The
 * instant itself if unreadable.
 */
export function hallDateTime(instant: string, language: string): string {
  const ms = Date.parse(instant);
  if (Number.isNaN(ms)) return instant;
  // Asia/Shanghai is UTC+8 all year (CHINA_OFFSET_MS), the same clock as chinaClock.
  return new Intl.DateTimeFormat(language, {
    timeZone: 'Asia/Shanghai',
    dateStyle: 'medium',
    timeStyle: 'medium',
    hourCycle: 'h23',
  }).format(ms);
}

/** The calendar day `days` after (or, negative, before) a 'YYYY-MM-DD' day. */
export function addDays(day: string, days: number): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y ?? 0, (m ?? 1) - 1, d ?? 1) + days * DAY_MS)
    .toISOString()
    .slice(0, 10);
}
