import { describe, expect, it } from 'vitest';
import { hallTime, shortTime } from '../../../../renderer/clerk/format';

describe('times as the hall reads them', () => {
  it('shows any instant in hall time (UTC+8), whatever offset it was written with', () => {
    expect(shortTime('2026-11-25T10:03:04.123+08:00')).toBe('2026-11-25 10:03');
    expect(shortTime('2026-11-24T18:03:04Z')).toBe('2026-11-25 02:03');
    expect(hallTime('2026-11-24T18:03:04Z')).toBe('2026-11-25 02:03:04');
  });
});
