import { pbkdf2Sync, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

/**
 * Leaving kiosk mode takes the hall's maintenance PIN, checked here in the main process: the
 * renderer is what an attacker at the kiosk works on, so it cannot be the one that decides. The
 * PIN is set by the installer or an administrator (`npm run kiosk-pin`) as a PBKDF2 record in the
 * host settings file; without one, the kiosk cannot be unlocked from the screen at all.
 */

export const UNLOCK_ITERATIONS = 310_000;
export const MAX_UNLOCK_FAILURES = 5;
export const UNLOCK_LOCK_OUT_MS = 15 * 60 * 1000;

const Base64 = z.string().regex(/^[A-Za-z0-9+/]+={0,2}$/);
export const UnlockPinRecordSchema = z
  .object({
    salt: Base64,
    hash: Base64,
    iterations: z.number().int().min(100_000).max(10_000_000),
  })
  .strict();
export type UnlockPinRecord = z.infer<typeof UnlockPinRecordSchema>;

export const UnlockPinSchema = z.string().regex(/^\d{6,12}$/);

function derive(pin: string, salt: Buffer, iterations: number): Buffer {
  return pbkdf2Sync(pin, salt, iterations, 32, 'sha256');
}

export function makeUnlockPinRecord(pin: string, iterations = UNLOCK_ITERATIONS): UnlockPinRecord {
  if (!UnlockPinSchema.safeParse(pin).success) throw new Error('the PIN must be 6 to 12 digits');
  const salt = randomBytes(16);
  return {
    salt: salt.toString('base64'),
    hash: derive(pin, salt, iterations).toString('base64'),
    iterations,
  };
}

export type UnlockOutcome = 'unlocked' | 'wrong-pin' | 'locked-out' | 'not-configured';

/** Counts wrong PINs for the life of the process and locks out after too many. */
export class UnlockGuard {
  #failures = 0;
  #lockedUntil = 0;

  constructor(private readonly record: UnlockPinRecord | null) {}

  attempt(pin: unknown, now: number): UnlockOutcome {
    if (!this.record) return 'not-configured';
    if (now < this.#lockedUntil) return 'locked-out';
    const typed = UnlockPinSchema.safeParse(pin);
    const expected = Buffer.from(this.record.hash, 'base64');
    const actual = typed.success
      ? derive(typed.data, Buffer.from(this.record.salt, 'base64'), this.record.iterations)
      : Buffer.alloc(expected.length);
    if (typed.success && actual.length === expected.length && timingSafeEqual(actual, expected)) {
      this.#failures = 0;
      return 'unlocked';
    }
    this.#failures += 1;
    if (this.#failures >= MAX_UNLOCK_FAILURES) {
      this.#failures = 0;
      this.#lockedUntil = now + UNLOCK_LOCK_OUT_MS;
      return 'locked-out';
    }
    return 'wrong-pin';
  }
}
