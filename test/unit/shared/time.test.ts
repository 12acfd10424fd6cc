import { describe, expect, it } from 'vitest';
import { chinaInstant } from '../../../shared/time';

describe('China instants', () => {
  it('writes the hall clock with its offset, across the date line of UTC', () => {
    expect(chinaInstant(new Date('2026-11-25T16:30:00.123Z'))).toBe(
      '2026-11-26T00:30:00.123+08:00',
    );
    expect(Date.parse(chinaInstant(new Date(0)))).toBe(0);
  });

  it('refuses an invalid date', () => {
    expect(() => chinaInstant(new Date(Number.NaN))).toThrow(RangeError);
  });
});
