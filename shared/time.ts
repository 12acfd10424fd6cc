/**
 * Instants as records write them: ISO-8601 in China time (+08:00, no daylight saving), so that a
 * clerk reading a raw record sees the hall's own clock.
 */
const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;

export function chinaInstant(date: Date): string {
  const time = date.getTime();
  if (Number.isNaN(time)) throw new RangeError('invalid Date');
  return `${new Date(time + CHINA_OFFSET_MS).toISOString().slice(0, 23)}+08:00`;
}
