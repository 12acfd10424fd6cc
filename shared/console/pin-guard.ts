import { z } from 'zod';

/**
 * The PIN lock-out of a staff number, as pure state. Time is counted on a monotonic clock, never
 * the wall clock: setting the system clock forward must not end a lock-out. A monotonic clock
 * starts again with each run of the program (`session`), and how long the program was closed is
 * unknowable without the wall clock; so a lock-out counts down only while the console runs, and
 * a restart resumes it where it was last written (at each attempt). It can last longer than 15
 * minutes, never less.
 *
 * The same state guards staff numbers that do not exist, so that a locked answer never tells an
 * attacker which numbers are real.
 */

export const MAX_FAILED_ATTEMPTS = 5;
export const LOCK_OUT_MS = 15 * 60 * 1000;

/** A reading of the monotonic clock: which run of the program, and milliseconds within it. */
export interface MonoReading {
  readonly session: string;
  readonly ms: number;
}

export const PinLockSchema = z
  .object({
    /** Lock-out time still to run when it was written at `at`. */
    remainingMs: z.number().min(0).max(LOCK_OUT_MS),
    session: z.string().min(1).max(64),
    at: z.number().min(0),
  })
  .strict();

export const PinGuardSchema = z
  .object({
    failedAttempts: z.number().int().min(0).max(MAX_FAILED_ATTEMPTS),
    lock: PinLockSchema.nullable(),
  })
  .strict();
export type PinGuard = z.infer<typeof PinGuardSchema>;

export const OPEN_GUARD: PinGuard = { failedAttempts: 0, lock: null };

/** Milliseconds of lock-out left; 0 when not locked. Another run's clock counts nothing. */
export function lockRemaining(guard: PinGuard, now: MonoReading): number {
  const { lock } = guard;
  if (!lock) return 0;
  const elapsed = lock.session === now.session ? Math.max(0, now.ms - lock.at) : 0;
  return Math.max(0, lock.remainingMs - elapsed);
}

export type GuardVerdict =
  | { readonly outcome: 'locked'; readonly remainingMs: number; readonly guard: PinGuard }
  | { readonly outcome: 'wrong'; readonly guard: PinGuard }
  | { readonly outcome: 'right'; readonly guard: PinGuard };

/**
 * One attempt. While locked, even the right PIN is refused and does not count. The fifth wrong
 * PIN in a row locks; a right one clears the count.
 */
export function attempt(guard: PinGuard, pinRight: boolean, now: MonoReading): GuardVerdict {
  const remaining = lockRemaining(guard, now);
  // Written back re-anchored on this run's clock: the time counted so far is kept by a restart.
  if (remaining > 0)
    return {
      outcome: 'locked',
      remainingMs: remaining,
      guard: { ...guard, lock: { remainingMs: remaining, session: now.session, at: now.ms } },
    };
  if (pinRight) return { outcome: 'right', guard: OPEN_GUARD };
  const failed = guard.failedAttempts + 1;
  if (failed >= MAX_FAILED_ATTEMPTS)
    return {
      outcome: 'locked',
      remainingMs: LOCK_OUT_MS,
      guard: {
        failedAttempts: 0,
        lock: { remainingMs: LOCK_OUT_MS, session: now.session, at: now.ms },
      },
    };
  return { outcome: 'wrong', guard: { failedAttempts: failed, lock: null } };
}
