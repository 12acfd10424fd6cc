import { z } from 'zod';
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
  readMetaOf,
  writeMetaOf,
} from './meta';

export { ClerkIdInputSchema, ClerkNameSchema } from './meta';
import { appendAudit, type ActionContext } from './audit-log';

/**
 * The hall's clerks on this device. A PIN is never stored: only a slow salted PBKDF2-SHA-256 hash,
 * so that a copied database does not give PINs away cheaply. Failed attempts and the lock-out are
 * stored too, so a reload does not reset them.
 */

export type ClerkRole = 'clerk' | 'supervisor';

export interface Clerk {
  readonly id: string;
  readonly name: string;
  readonly role: ClerkRole;
}

export const PIN_ITERATIONS = 210_000;
export const MAX_FAILED_ATTEMPTS = 5;
export const LOCK_OUT_MS = 15 * 60 * 1000;
const SALT_BYTES = 16;
const HASH_BITS = 256;

export const PinSchema = z.string().regex(/^\d{6,12}$/);

type StoredClerk = z.infer<typeof StoredClerkSchema>;

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
  'bad-id' | 'bad-name' | 'bad-pin' | 'weak-pin' | 'pin-mismatch' | 'exists' | 'not-first';

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
  if (!ClerkIdInputSchema.safeParse(input.id).success) return { ok: false, error: 'bad-id' };
  // The shared staff-name rule (no reversing or invisible characters, no markup, 2–40 characters);
  // the looser stored schema keeps older names readable.
  const checkedName = checkText(input.name, TEXT_RULES.staffName);
  if (!checkedName.ok) return { ok: false, error: 'bad-name' };
  const name = ClerkNameSchema.safeParse(checkedName.value);
  if (!name.success) return { ok: false, error: 'bad-name' };
  if (!PinSchema.safeParse(input.pin).success) return { ok: false, error: 'bad-pin' };
  if (isWeakPin(input.pin)) return { ok: false, error: 'weak-pin' };
  if (input.pin !== input.pinAgain) return { ok: false, error: 'pin-mismatch' };
  const salt = crypto.getRandomValues(new Uint8Array(SALT_BYTES));
  const hash = await derive(input.pin, salt, PIN_ITERATIONS);
  const stored: StoredClerk = {
    id: input.id,
    name: name.data,
    role: input.role,
    salt: bytesToBase64url(salt),
    hash: bytesToBase64url(hash),
    iterations: PIN_ITERATIONS,
    failedAttempts: 0,
    lockedUntil: null,
    createdAt: chinaInstant(options.now ?? new Date()),
  };
  return db.transaction('rw', db.meta, async (): Promise<CreateClerkResult> => {
    if (options.onlyIfNone && (await countMetaOf(db, 'clerk')) > 0)
      return { ok: false, error: 'not-first' };
    if (await hasMetaOf(db, 'clerk', input.id)) return { ok: false, error: 'exists' };
    await writeMetaOf(db, 'clerk', input.id, stored);
    return { ok: true, clerk: publicOf(stored) };
  });
}

export type PinCheckFailure = 'unknown-clerk' | 'bad-credentials' | 'locked-out';

export type PinCheckResult =
  | { readonly ok: true; readonly clerk: Clerk }
  | { readonly ok: false; readonly reason: PinCheckFailure; readonly lockedUntil?: number };

/**
 * Checks a clerk's PIN and keeps count: the fifth wrong PIN in a row locks the clerk out for 15
 * minutes, during which even the right PIN is refused. A good PIN resets the count.
 */
export async function verifyClerkPin(
  db: KioskDb,
  clerkId: string,
  pin: string,
  now: Date = new Date(),
): Promise<PinCheckResult> {
  const stored = await readMetaOf(db, 'clerk', clerkId);
  if (!stored) return { ok: false, reason: 'unknown-clerk' };
  const at = now.getTime();
  if (stored.lockedUntil !== null && at < stored.lockedUntil)
    return { ok: false, reason: 'locked-out', lockedUntil: stored.lockedUntil };
  const salt = base64urlToBytes(stored.salt);
  const expected = base64urlToBytes(stored.hash);
  const good =
    salt !== null &&
    expected !== null &&
    sameBytes(await derive(pin, salt, stored.iterations), expected);
  // Re-read inside the transaction: two attempts at once must both count.
  return db.transaction('rw', db.meta, async (): Promise<PinCheckResult> => {
    const current = await readMetaOf(db, 'clerk', clerkId);
    if (!current) throw new Error(`clerk ${clerkId} is gone or unreadable`);
    if (good) {
      await writeMetaOf(db, 'clerk', clerkId, {
        ...current,
        failedAttempts: 0,
        lockedUntil: null,
      });
      return { ok: true, clerk: publicOf(current) };
    }
    const failed = current.failedAttempts + 1;
    const locked = failed >= MAX_FAILED_ATTEMPTS;
    const lockedUntil = locked ? at + LOCK_OUT_MS : current.lockedUntil;
    await writeMetaOf(db, 'clerk', clerkId, {
      ...current,
      failedAttempts: locked ? 0 : failed,
      lockedUntil,
    });
    return locked
      ? { ok: false, reason: 'locked-out', lockedUntil: at + LOCK_OUT_MS }
      : { ok: false, reason: 'bad-credentials' };
  });
}

/**
 * Signing in is a PIN check plus an audit event either way; what was typed as the id is logged on
 * failure (never the PIN), so repeated guessing shows in the chain.
 */
export async function signIn(
  ctx: ActionContext,
  clerkId: string,
  pin: string,
): Promise<PinCheckResult> {
  const result = await verifyClerkPin(ctx.db, clerkId, pin, ctx.now());
  if (result.ok) {
    await appendAudit(
      ctx,
      {
        type: 'audit.clerk.signed-in',
        payload: { clerkId: result.clerk.id, role: result.clerk.role },
      },
      { kind: 'clerk', id: result.clerk.id },
    );
  } else {
    await appendAudit(
      ctx,
      {
        type: 'audit.clerk.sign-in-failed',
        payload: { attemptedClerkId: clerkId.slice(0, 64), reason: result.reason },
      },
      { kind: 'system' },
    );
  }
  return result;
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

/** Creating a clerk is a configuration change, logged as such by whoever made it. */
export async function addClerk(
  ctx: ActionContext,
  by: Clerk | null,
  input: NewClerk,
): Promise<CreateClerkResult> {
  const created = await createClerk(ctx.db, input, { onlyIfNone: by === null, now: ctx.now() });
  if (!created.ok) return created;
  const actorId = by?.id ?? created.clerk.id;
  await appendAudit(
    ctx,
    {
      type: 'audit.settings.changed',
      payload: {
        by: actorId,
        key: 'clerks',
        to: { added: created.clerk.id, name: created.clerk.name, role: created.clerk.role },
      },
    },
    { kind: 'clerk', id: actorId },
  );
  return created;
}

/**
 * The witness check for a typed-name signature: the witnessing clerk types their own staff number
 * and PIN at the screen. It counts towards their lock-out like a sign-in.
 */
export function clerkWitness(db: KioskDb, now: () => Date) {
  return async (
    clerkId: string,
    pin: string,
  ): Promise<{ readonly ok: true; readonly clerkId: string } | { readonly ok: false }> => {
    const checked = await verifyClerkPin(db, clerkId, pin, now());
    return checked.ok ? { ok: true, clerkId: checked.clerk.id } : { ok: false };
  };
}
