import { describe, expect, it } from 'vitest';
import {
  makeUnlockPinRecord,
  MAX_UNLOCK_FAILURES,
  UNLOCK_LOCK_OUT_MS,
  UnlockGuard,
  UnlockPinRecordSchema,
} from '../../../electron/main/kiosk-unlock';

// Fewer iterations than a real record, the same code path.
const record = makeUnlockPinRecord('602841', 100_000);

describe('leaving kiosk mode', () => {
  it('keeps only a salted hash of the maintenance PIN', () => {
    expect(UnlockPinRecordSchema.parse(record)).toEqual(record);
    expect(JSON.stringify(record)).not.toContain('602841');
    expect(makeUnlockPinRecord('602841', 100_000).hash).not.toBe(record.hash);
    expect(() => makeUnlockPinRecord('12345')).toThrow();
  });

  it('opens with the right PIN only', () => {
    const guard = new UnlockGuard(record);
    expect(guard.attempt('602842', 0)).toBe('wrong-pin');
    expect(guard.attempt('not a pin', 0)).toBe('wrong-pin');
    expect(guard.attempt(undefined, 0)).toBe('wrong-pin');
    expect(guard.attempt('602841', 0)).toBe('unlocked');
  });

  it('locks out after repeated wrong PINs, even for the right one, until the time is up', () => {
    const guard = new UnlockGuard(record);
    for (let i = 1; i < MAX_UNLOCK_FAILURES; i += 1)
      expect(guard.attempt('000001', 0)).toBe('wrong-pin');
    expect(guard.attempt('000001', 0)).toBe('locked-out');
    expect(guard.attempt('602841', UNLOCK_LOCK_OUT_MS - 1)).toBe('locked-out');
    expect(guard.attempt('602841', UNLOCK_LOCK_OUT_MS)).toBe('unlocked');
  });

  it('cannot be unlocked from the screen where no PIN was set', () => {
    expect(new UnlockGuard(null).attempt('602841', 0)).toBe('not-configured');
  });
});
