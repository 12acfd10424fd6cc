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

/** Wrong PINs so far and what is left of a lock-out, as kept across restarts. */
export const UnlockStateSchema = z
  .object({
    failures: z.number().int().min(0).max(MAX_UNLOCK_FAILURES),
    lockRemainingMs: z.number().min(0).max(UNLOCK_LOCK_OUT_MS),
  })
  .strict();
export type UnlockState = z.infer<typeof UnlockStateSchema>;

/** Where the state outlives the process (unlock-state.ts: a file beside the host settings). */
export interface UnlockStateStore {
  load(): UnlockState;
  save(state: UnlockState): void;
}

export interface UnlockGuardOptions {
  readonly store?: UnlockStateStore;
  /**
   * A monotonic clock in milliseconds (default performance.now): a lock-out is counted down by
   * its steps, never by the wall clock, so setting the system clock ahead does not end it.
   */
  readonly monotonicNow?: () => number;
}

/**
 * Counts wrong PINs and locks out after too many. What is left of a lock-out is kept as a
 * duration, counted down only by the monotonic clock while this process runs and saved at each
 * attempt and checkpoint: a restart resumes it from the last save (never shorter), and no change
 * of the system clock, forward or back, moves it.
 */
export class UnlockGuard {
  #failures: number;
  #remaining: number;
  #lastTick: number;
  readonly #clock: () => number;
  readonly #store: UnlockStateStore | undefined;

  constructor(
    private readonly record: UnlockPinRecord | null,
    options: UnlockGuardOptions = {},
  ) {
    this.#clock = options.monotonicNow ?? (() => performance.now());
    this.#store = options.store;
    const saved = this.#store?.load() ?? { failures: 0, lockRemainingMs: 0 };
    this.#failures = saved.failures;
    this.#remaining = saved.lockRemainingMs;
    this.#lastTick = this.#clock();
  }

  /** Milliseconds left of the lock-out (0: none). */
  lockRemainingMs(): number {
    this.#tick();
    return this.#remaining;
  }

  /** Saves the countdown so far (the main process calls it now and then while locked out). */
  checkpoint(): void {
    if (this.#remaining === 0) return;
    this.#tick();
    this.#save();
  }

  attempt(pin: unknown): UnlockOutcome {
    if (!this.record) return 'not-configured';
    this.#tick();
    if (this.#remaining > 0) {
      this.#save();
      return 'locked-out';
    }
    const typed = UnlockPinSchema.safeParse(pin);
    const expected = Buffer.from(this.record.hash, 'base64');
    const actual = typed.success
      ? derive(typed.data, Buffer.from(this.record.salt, 'base64'), this.record.iterations)
      : Buffer.alloc(expected.length);
    if (typed.success && actual.length === expected.length && timingSafeEqual(actual, expected)) {
      this.#failures = 0;
      this.#save();
      return 'unlocked';
    }
    this.#failures += 1;
    if (this.#failures >= MAX_UNLOCK_FAILURES) {
      this.#failures = 0;
      this.#remaining = UNLOCK_LOCK_OUT_MS;
      this.#save();
      return 'locked-out';
    }
    this.#save();
    return 'wrong-pin';
  }

  #tick(): void {
    const now = this.#clock();
    // A monotonic clock does not go back; if one did, no time is counted rather than negative.
    const elapsed = Math.max(0, now - this.#lastTick);
    this.#lastTick = now;
    this.#remaining = Math.max(0, this.#remaining - elapsed);
  }

  #save(): void {
    this.#store?.save({ failures: this.#failures, lockRemainingMs: this.#remaining });
  }
}
