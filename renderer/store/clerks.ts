import { z } from 'zod';
import { normaliseStaffNumber } from '../../shared/console/staff-number';
import {
  attempt,
  LOCK_OUT_MS,
  lockRemaining,
  MAX_FAILED_ATTEMPTS,
  OPEN_GUARD,
  type MonoReading,
  type PinGuard,
} from '../../shared/console/pin-guard';
import { base64urlToBytes, bytesToBase64url } from '../../shared/crypto/base64url';
import { chinaInstant } from '../../shared/time';
import { TEXT_RULES } from '../../shared/fields/rules';
import { checkText } from '../../shared/fields/text';
import type { KioskDb } from './db';
import type { StoredClerkSchema } from './meta';
import {
  ClerkIdInputSchema,
  ClerkNameSchema,
  countMetaOf,
  hasMetaOf,
  listMetaOf,
  MAX_UNKNOWN_STAFF_GUARDS,
  readMeta,
  readMetaOf,
  writeMeta,
  writeMetaOf,
} from './meta';
import { appendAudit, type ActionContext } from './audit-log';

export { ClerkIdInputSchema, ClerkNameSchema } from './meta';
export { LOCK_OUT_MS, MAX_FAILED_ATTEMPTS } from '../../shared/console/pin-guard';

/**
 * The hall's clerks on this device. A PIN is never stored: only a slow salted PBKDF2-SHA-256 hash,
 * so that a copied database does not give PINs away cheaply. Failed attempts and the lock-out are
 * stored too, so a reload does not reset them. Staff numbers are kept in upper case.
 */

export type ClerkRole = 'clerk' | 'supervisor';

export interface Clerk {
  readonly id: string;
  readonly name: string;
  readonly role: ClerkRole;
}

export const PIN_ITERATIONS = 210_000;
const SALT_BYTES = 16;
const HASH_BITS = 256;

export const PinSchema = z.string().regex(/^\d{6,12}$/);

export type StoredClerk = z.infer<typeof StoredClerkSchema>;

async function derive(pin: string, salt: Uint8Array, iterations: number): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(pin), 'PBKDF2', false, [
    'deriveBits',
  ]);
  const bits = await crypto.subtle.deriveBits(
    { name: 'PBKDF2', hash: 'SHA-256', salt: salt as BufferSource, iterations },
    key,
    HASH_BITS,
  );
  return new Uint8Array(bits);
}

/** Compares every byte whatever the first difference, so timing does not tell how close a PIN was. */
function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  let diff = a.length ^ b.length;
  for (let i = 0; i < Math.max(a.length, b.length); i += 1) diff |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return diff === 0;
}

/** Refuses PINs anyone would try first: one digit repeated, or a straight run up or down. */
export function isWeakPin(pin: string): boolean {
  const digits = [...pin].map(Number);
  const steps = new Set(digits.slice(1).map((d, i) => d - (digits[i] ?? 0)));
  return steps.size === 1 && [0, 1, -1].includes([...steps][0] ?? 2);
}

export type PinProblem = 'bad-pin' | 'weak-pin' | 'pin-mismatch';

/** What is wrong with a new PIN typed twice, or null. */
export function pinProblem(pin: string, pinAgain: string): PinProblem | null {
  if (!PinSchema.safeParse(pin).success) return 'bad-pin';
  if (isWeakPin(pin)) return 'weak-pin';
  return pin === pinAgain ? null : 'pin-mismatch';
}

/** A fresh salt and the PIN's slow hash, as stored. */
export async function hashPin(
  pin: string,
): Promise<Pick<StoredClerk, 'salt' | 'hash' | 'iterations'>> {
  const salt = crypto.getRandomValues(new Uint8Array(SALT_BYTES));
  const hash = await derive(pin, salt, PIN_ITERATIONS);
  return { salt: bytesToBase64url(salt), hash: bytesToBase64url(hash), iterations: PIN_ITERATIONS };
}

async function readAll(db: KioskDb): Promise<StoredClerk[]> {
  return listMetaOf(db, 'clerk');
}

const publicOf = ({ id, name, role }: StoredClerk): Clerk => ({ id, name, role });

export async function listClerks(db: KioskDb): Promise<Clerk[]> {
  return (await readAll(db)).map(publicOf).sort((a, b) => (a.id < b.id ? -1 : 1));
}

export async function hasClerks(db: KioskDb): Promise<boolean> {
  return (await countMetaOf(db, 'clerk')) > 0;
}

export type CreateClerkError =
  | 'bad-id'
  | 'bad-name'
  | 'bad-pin'
  | 'weak-pin'
  | 'pin-mismatch'
  | 'exists'
  | 'not-first'
  | 'not-allowed';

export interface NewClerk extends Clerk {
  readonly pin: string;
  readonly pinAgain: string;
}

export type CreateClerkResult =
  | { readonly ok: true; readonly clerk: Clerk }
  | { readonly ok: false; readonly error: CreateClerkError };

/**
 * Adds a clerk. `onlyIfNone` is the first start: the device's first supervisor may be created
 * only while there is no clerk at all, checked in the same transaction as the write.
 */
export async function createClerk(
  db: KioskDb,
  input: NewClerk,
  options: { readonly onlyIfNone?: boolean; readonly now?: Date } = {},
): Promise<CreateClerkResult> {
  if (!ClerkIdInputSchema.safeParse(input.id.trim()).success) return { ok: false, error: 'bad-id' };
  const id = normaliseStaffNumber(input.id);
  // The shared staff-name rule (no reversing or invisible characters, no markup, 2–40 characters);
  // the looser stored schema keeps older names readable.
  const checkedName = checkText(input.name, TEXT_RULES.staffName);
  if (!checkedName.ok) return { ok: false, error: 'bad-name' };
  const name = ClerkNameSchema.safeParse(checkedName.value);
  if (!name.success) return { ok: false, error: 'bad-name' };
  const problem = pinProblem(input.pin, input.pinAgain);
  if (problem) return { ok: false, error: problem };
  const stored: StoredClerk = {
    id,
    name: name.data,
    role: input.role,
    ...(await hashPin(input.pin)),
    failedAttempts: 0,
    lockedUntil: null,
    lock: null,
    createdAt: chinaInstant(options.now ?? new Date()),
    disabled: false,
    mustChangePin: false,
  };
  return db.transaction('rw', db.meta, async (): Promise<CreateClerkResult> => {
    if (options.onlyIfNone && (await countMetaOf(db, 'clerk')) > 0)
      return { ok: false, error: 'not-first' };
    if (await hasMetaOf(db, 'clerk', id)) return { ok: false, error: 'exists' };
    await writeMetaOf(db, 'clerk', id, stored);
    return { ok: true, clerk: publicOf(stored) };
  });
}

export type PinCheckFailure = 'bad-credentials' | 'locked-out' | 'disabled';

export type PinCheckResult =
  | {
      readonly ok: true;
      readonly clerk: Clerk;
      /** The PIN was a supervisor's one-time reset: the clerk must choose a new one now. */
      readonly mustChangePin: boolean;
    }
  | {
      readonly ok: false;
      readonly reason: PinCheckFailure;
      /** Only for the audit (a supervisor's eyes): the staff number typed is not on the device. */
      readonly unknown: boolean;
      readonly lockedForMs?: number;
    };

/** One run of the program; the monotonic clock starts again with the next. */
const SESSION = crypto.randomUUID();
export const monotonicNow = (): MonoReading => ({ session: SESSION, ms: performance.now() });

/** Hashed for unknown staff numbers, so that they take as long to refuse as real ones. */
const DECOY_SALT = new Uint8Array(SALT_BYTES);

/** A clerk's guard, reading a lock-out stored on the wall clock (before the monotonic one) once. */
function guardOf(stored: StoredClerk, now: MonoReading, wallNow: number): PinGuard {
  const failedAttempts = Math.min(stored.failedAttempts, MAX_FAILED_ATTEMPTS - 1);
  if (stored.lock) return { failedAttempts, lock: stored.lock };
  if (stored.lockedUntil !== null && stored.lockedUntil > wallNow) {
    const remainingMs = Math.min(LOCK_OUT_MS, stored.lockedUntil - wallNow);
    return { failedAttempts, lock: { remainingMs, session: now.session, at: now.ms } };
  }
  return { failedAttempts, lock: null };
}

const withGuard = (stored: StoredClerk, guard: PinGuard): StoredClerk => ({
  ...stored,
  failedAttempts: guard.failedAttempts,
  lock: guard.lock,
  lockedUntil: null,
});

/**
 * Checks a PIN typed with a staff number and keeps count: the fifth wrong PIN in a row locks the
 * number out for 15 minutes of the monotonic clock, during which even the right PIN is refused.
 * An unknown number is counted and locked the same way and takes as long, so the answers never
 * tell which numbers exist. A disabled clerk's right PIN is refused as 'disabled'.
 */
export async function verifyClerkPin(
  db: KioskDb,
  typedId: string,
  pin: string,
  now: MonoReading = monotonicNow(),
): Promise<PinCheckResult> {
  const clerkId = normaliseStaffNumber(typedId).slice(0, 64);
  const stored = await readMetaOf(db, 'clerk', clerkId);
  const salt = stored ? base64urlToBytes(stored.salt) : DECOY_SALT;
  const expected = stored ? base64urlToBytes(stored.hash) : null;
  const derived = await derive(pin, salt ?? DECOY_SALT, stored?.iterations ?? PIN_ITERATIONS);
  const good = expected !== null && salt !== null && sameBytes(derived, expected);
  const wallNow = Date.now();
  // Read again inside the transaction: two attempts at once must both count.
  return db.transaction('rw', db.meta, async (): Promise<PinCheckResult> => {
    const current = await readMetaOf(db, 'clerk', clerkId);
    if (!current) {
      const guards = (await readMeta(db, 'unknownStaffGuards')) ?? [];
      const guard = guards.find((g) => g.id === clerkId)?.guard ?? OPEN_GUARD;
      const verdict = attempt(guard, false, now);
      await writeMeta(db, 'unknownStaffGuards', keepGuard(guards, clerkId, verdict.guard, now));
      return verdict.outcome === 'locked'
        ? { ok: false, reason: 'locked-out', unknown: true, lockedForMs: verdict.remainingMs }
        : { ok: false, reason: 'bad-credentials', unknown: true };
    }
    const verdict = attempt(guardOf(current, now, wallNow), good, now);
    await writeMetaOf(db, 'clerk', clerkId, withGuard(current, verdict.guard));
    if (verdict.outcome === 'locked')
      return { ok: false, reason: 'locked-out', unknown: false, lockedForMs: verdict.remainingMs };
    if (verdict.outcome === 'wrong')
      return { ok: false, reason: 'bad-credentials', unknown: false };
    if (current.disabled) return { ok: false, reason: 'disabled', unknown: false };
    return { ok: true, clerk: publicOf(current), mustChangePin: current.mustChangePin };
  });
}

/** The unknown numbers' guards with one updated; over the bound, the least locked go first. */
function keepGuard(
  guards: readonly { id: string; guard: PinGuard }[],
  id: string,
  guard: PinGuard,
  now: MonoReading,
): { id: string; guard: PinGuard }[] {
  const others = guards.filter((g) => g.id !== id);
  const kept =
    guard.failedAttempts === 0 && guard.lock === null ? others : [...others, { id, guard }];
  if (kept.length <= MAX_UNKNOWN_STAFF_GUARDS) return kept;
  const byLock = [...kept].sort(
    (a, b) =>
      lockRemaining(a.guard, now) - lockRemaining(b.guard, now) ||
      a.guard.failedAttempts - b.guard.failedAttempts,
  );
  return byLock.slice(kept.length - MAX_UNKNOWN_STAFF_GUARDS);
}

/**
 * Signing in is a PIN check plus an audit event either way; what was typed as the id is logged on
 * failure (never the PIN), so repeated guessing shows in the chain. A clerk who must choose a new
 * PIN is signed in only once they have (changeOwnPin).
 */
export async function signIn(
  ctx: ActionContext,
  clerkId: string,
  pin: string,
): Promise<PinCheckResult> {
  const result = await verifyClerkPin(ctx.db, clerkId, pin, (ctx.monotonic ?? monotonicNow)());
  if (result.ok) {
    if (!result.mustChangePin) await auditSignedIn(ctx, result.clerk);
  } else {
    await appendAudit(
      ctx,
      {
        type: 'audit.clerk.sign-in-failed',
        payload: {
          attemptedClerkId: clerkId.trim().slice(0, 64),
          reason: result.unknown ? 'unknown-clerk' : result.reason,
        },
      },
      { kind: 'system' },
    );
  }
  return result;
}

async function auditSignedIn(ctx: ActionContext, clerk: Clerk): Promise<void> {
  await appendAudit(
    ctx,
    { type: 'audit.clerk.signed-in', payload: { clerkId: clerk.id, role: clerk.role } },
    { kind: 'clerk', id: clerk.id },
  );
}

export type ChangePinError = 'bad-pin' | 'weak-pin' | 'pin-mismatch' | 'same-pin' | 'refused';

/**
 * After a reset, the clerk replaces the one-time PIN the supervisor gave them (checked again here)
 * with one only they know, and is then signed in.
 */
export async function changeOwnPin(
  ctx: ActionContext,
  clerkId: string,
  currentPin: string,
  input: { readonly pin: string; readonly pinAgain: string },
): Promise<
  | { readonly ok: true; readonly clerk: Clerk }
  | { readonly ok: false; readonly error: ChangePinError }
> {
  const malformed = pinProblem(input.pin, input.pinAgain);
  if (malformed) return { ok: false, error: malformed };
  if (input.pin === currentPin) return { ok: false, error: 'same-pin' };
  const checked = await verifyClerkPin(
    ctx.db,
    clerkId,
    currentPin,
    (ctx.monotonic ?? monotonicNow)(),
  );
  if (!checked.ok || !checked.mustChangePin) return { ok: false, error: 'refused' };
  const secret = await hashPin(input.pin);
  const changed = await ctx.db.transaction('rw', ctx.db.meta, async () => {
    const current = await readMetaOf(ctx.db, 'clerk', checked.clerk.id);
    if (!current || current.disabled || !current.mustChangePin) return false;
    await writeMetaOf(ctx.db, 'clerk', current.id, { ...current, ...secret, mustChangePin: false });
    return true;
  });
  if (!changed) return { ok: false, error: 'refused' };
  await appendAudit(
    ctx,
    { type: 'audit.clerk.pin-changed', payload: { clerkId: checked.clerk.id } },
    { kind: 'clerk', id: checked.clerk.id },
  );
  await auditSignedIn(ctx, checked.clerk);
  return { ok: true, clerk: checked.clerk };
}

export async function signOut(
  ctx: ActionContext,
  clerk: Clerk,
  reason: 'manual' | 'idle-timeout' | 'app-closed',
): Promise<void> {
  await appendAudit(
    ctx,
    { type: 'audit.clerk.signed-out', payload: { clerkId: clerk.id, reason } },
    { kind: 'clerk', id: clerk.id },
  );
}

/** Whether `by` is still an active supervisor on the device (read again at every change). */
export async function isActiveSupervisor(db: KioskDb, by: Clerk): Promise<boolean> {
  const stored = await readMetaOf(db, 'clerk', normaliseStaffNumber(by.id));
  return stored !== undefined && stored.role === 'supervisor' && !stored.disabled;
}

/** Adding a clerk is a staff change, logged by whoever made it (the first supervisor: themself). */
export async function addClerk(
  ctx: ActionContext,
  by: Clerk | null,
  input: NewClerk,
): Promise<CreateClerkResult> {
  if (by && !(await isActiveSupervisor(ctx.db, by))) return { ok: false, error: 'not-allowed' };
  const created = await createClerk(ctx.db, input, { onlyIfNone: by === null, now: ctx.now() });
  if (!created.ok) return created;
  const actorId = by?.id ?? created.clerk.id;
  await appendAudit(
    ctx,
    {
      type: 'audit.clerk.added',
      payload: {
        by: actorId,
        clerkId: created.clerk.id,
        name: created.clerk.name,
        role: created.clerk.role,
      },
    },
    { kind: 'clerk', id: actorId },
  );
  return created;
}

/**
 * The witness check for a typed-name signature: the witnessing clerk types their own staff number
 * and PIN at the screen. It counts towards their lock-out like a sign-in; a one-time PIN from a
 * reset does not witness.
 */
export function clerkWitness(db: KioskDb, mono: () => MonoReading = monotonicNow) {
  return async (
    clerkId: string,
    pin: string,
  ): Promise<{ readonly ok: true; readonly clerkId: string } | { readonly ok: false }> => {
    const checked = await verifyClerkPin(db, clerkId, pin, mono());
    return checked.ok && !checked.mustChangePin
      ? { ok: true, clerkId: checked.clerk.id }
      : { ok: false };
  };
}
