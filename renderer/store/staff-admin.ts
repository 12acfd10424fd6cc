import { lockRemaining, type MonoReading } from '../../shared/console/pin-guard';
import { normaliseStaffNumber, sameStaffNumber } from '../../shared/console/staff-number';
import type { AuditEvent } from '../../shared/record/audit-events';
import { appendAudit, type ActionContext } from './audit-log';
import {
  hashPin,
  isActiveSupervisor,
  monotonicNow,
  pinProblem,
  type Clerk,
  type ClerkRole,
  type PinProblem,
  type StoredClerk,
} from './clerks';
import type { KioskDb } from './db';
import { deleteMetaOfId, listMetaOf, readMetaOf, writeMetaOf } from './meta';

/**
 * What a supervisor does to staff accounts: unlock, reset a PIN, disable a leaver (never delete:
 * the audit names them), enable again, change a role. Each change is checked against the stored
 * accounts in one transaction and then written as a signed audit event.
 */

export interface StaffMember extends Clerk {
  readonly disabled: boolean;
  readonly mustChangePin: boolean;
  /** Lock-out left on the monotonic clock; 0 when not locked. */
  readonly lockedForMs: number;
  readonly failedAttempts: number;
  readonly createdAt: string;
}

export async function listStaff(
  db: KioskDb,
  now: MonoReading = monotonicNow(),
): Promise<StaffMember[]> {
  const stored = await listMetaOf(db, 'clerk');
  return stored
    .map((c) => ({
      id: c.id,
      name: c.name,
      role: c.role,
      disabled: c.disabled,
      mustChangePin: c.mustChangePin,
      lockedForMs: lockedFor(c, now),
      failedAttempts: c.failedAttempts,
      createdAt: c.createdAt,
    }))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

function lockedFor(c: StoredClerk, now: MonoReading): number {
  if (c.lock) return lockRemaining({ failedAttempts: 0, lock: c.lock }, now);
  return c.lockedUntil !== null ? Math.max(0, c.lockedUntil - Date.now()) : 0;
}

export type StaffChangeError =
  /** The one acting is no longer an active supervisor. */
  | 'not-allowed'
  | 'unknown'
  /** A supervisor cannot disable, demote or reset themself (there is always one left). */
  | 'self'
  | 'unchanged'
  /** A lower-case duplicate kept apart by the staff-number migration: it stays disabled. */
  | 'duplicate'
  | PinProblem;

export type StaffChangeResult =
  { readonly ok: true } | { readonly ok: false; readonly error: StaffChangeError };

type Change =
  | { readonly kind: 'unlock' }
  | {
      readonly kind: 'reset-pin';
      readonly secret: Pick<StoredClerk, 'salt' | 'hash' | 'iterations'>;
    }
  | { readonly kind: 'disable' }
  | { readonly kind: 'enable' }
  | { readonly kind: 'role'; readonly to: ClerkRole };

function applyChange(
  target: StoredClerk,
  change: Change,
): { stored: StoredClerk; event: (by: string) => AuditEvent } | StaffChangeError {
  const clerkId = target.id;
  switch (change.kind) {
    case 'unlock':
      return {
        stored: { ...target, failedAttempts: 0, lock: null, lockedUntil: null },
        event: (by) => ({ type: 'audit.clerk.unlocked', payload: { by, clerkId } }),
      };
    case 'reset-pin':
      return {
        stored: {
          ...target,
          ...change.secret,
          mustChangePin: true,
          failedAttempts: 0,
          lock: null,
          lockedUntil: null,
        },
        event: (by) => ({ type: 'audit.clerk.pin-reset', payload: { by, clerkId } }),
      };
    case 'disable':
      if (target.disabled) return 'unchanged';
      return {
        stored: { ...target, disabled: true },
        event: (by) => ({ type: 'audit.clerk.disabled', payload: { by, clerkId } }),
      };
    case 'enable':
      if (!target.disabled) return 'unchanged';
      if (target.id !== normaliseStaffNumber(target.id)) return 'duplicate';
      return {
        stored: { ...target, disabled: false },
        event: (by) => ({ type: 'audit.clerk.enabled', payload: { by, clerkId } }),
      };
    case 'role':
      if (target.role === change.to) return 'unchanged';
      return {
        stored: { ...target, role: change.to },
        event: (by) => ({
          type: 'audit.clerk.role-changed',
          payload: { by, clerkId, from: target.role, to: change.to },
        }),
      };
  }
}

async function changeStaff(
  ctx: ActionContext,
  by: Clerk,
  clerkId: string,
  change: Change,
): Promise<StaffChangeResult> {
  if (change.kind !== 'unlock' && sameStaffNumber(by.id, clerkId))
    return { ok: false, error: 'self' };
  const outcome = await ctx.db.transaction('rw', ctx.db.meta, async () => {
    if (!(await isActiveSupervisor(ctx.db, by))) return 'not-allowed' as const;
    // The exact key first: a lower-case duplicate is reached only by its own spelling.
    const target =
      (await readMetaOf(ctx.db, 'clerk', clerkId)) ??
      (await readMetaOf(ctx.db, 'clerk', normaliseStaffNumber(clerkId)));
    if (!target) return 'unknown' as const;
    const applied = applyChange(target, change);
    if (typeof applied === 'string') return applied;
    await writeMetaOf(ctx.db, 'clerk', target.id, applied.stored);
    return applied.event(by.id);
  });
  if (typeof outcome === 'string') return { ok: false, error: outcome };
  const logged = await appendAudit(ctx, outcome, { kind: 'clerk', id: by.id });
  if (!logged.ok) throw new Error(`staff change stored but not logged: ${logged.error}`);
  return { ok: true };
}

export const unlockClerk = (ctx: ActionContext, by: Clerk, clerkId: string) =>
  changeStaff(ctx, by, clerkId, { kind: 'unlock' });

/**
 * The supervisor gives the clerk a one-time PIN (typed twice); the clerk must replace it at their
 * next sign-in (changeOwnPin), and it approves or witnesses nothing until then.
 */
export async function resetClerkPin(
  ctx: ActionContext,
  by: Clerk,
  clerkId: string,
  oneTime: { readonly pin: string; readonly pinAgain: string },
): Promise<StaffChangeResult> {
  const problem = pinProblem(oneTime.pin, oneTime.pinAgain);
  if (problem) return { ok: false, error: problem };
  return changeStaff(ctx, by, clerkId, { kind: 'reset-pin', secret: await hashPin(oneTime.pin) });
}

export const setClerkDisabled = (
  ctx: ActionContext,
  by: Clerk,
  clerkId: string,
  disabled: boolean,
) => changeStaff(ctx, by, clerkId, { kind: disabled ? 'disable' : 'enable' });

export const changeClerkRole = (ctx: ActionContext, by: Clerk, clerkId: string, to: ClerkRole) =>
  changeStaff(ctx, by, clerkId, { kind: 'role', to });

/**
 * Staff numbers became case-insensitive. An account stored under lower-case letters moves to its
 * upper-case number; where that number is already taken (`c002` beside `C002`), it is left where
 * it is and disabled, since merging two people's accounts is not the program's to guess. Either
 * way a signed audit event says so. Run at every start; once done it finds nothing.
 */
export async function normaliseStaffNumbers(ctx: ActionContext): Promise<number> {
  const moves = await ctx.db.transaction('rw', ctx.db.meta, async () => {
    const done: Extract<AuditEvent, { type: 'audit.clerk.id-normalised' }>[] = [];
    for (const stored of await listMetaOf(ctx.db, 'clerk')) {
      const to = normaliseStaffNumber(stored.id);
      if (to === stored.id) continue;
      const taken = await readMetaOf(ctx.db, 'clerk', to);
      if (taken) {
        if (stored.disabled) continue;
        await writeMetaOf(ctx.db, 'clerk', stored.id, { ...stored, disabled: true });
        done.push({
          type: 'audit.clerk.id-normalised',
          payload: { from: stored.id, to, outcome: 'disabled-duplicate' },
        });
      } else {
        await writeMetaOf(ctx.db, 'clerk', to, { ...stored, id: to });
        await deleteMetaOfId(ctx.db, 'clerk', stored.id);
        done.push({
          type: 'audit.clerk.id-normalised',
          payload: { from: stored.id, to, outcome: 'renamed' },
        });
      }
    }
    return done;
  });
  for (const event of moves) await appendAudit(ctx, event, { kind: 'system' });
  return moves.length;
}
