import {
  RecordEventSchema,
  type RecordEvent,
  type RecordVoidedPayload,
} from '../../shared/record/events';
import { applyEvent, deriveRecord, type RefusalReason } from '../../shared/record/lifecycle';
import { sameStaffNumber } from '../../shared/console/staff-number';
import { chinaInstant } from '../../shared/time';
import { calendarDay } from '../../shared/ids/calendar';
import type { FieldIssues } from '../../shared/fields/issue';
import { actionFieldIssues } from '../../shared/fields/record-action';
import type { CentralRow, KioskDb, RecordRow } from './db';
import { clerkActor, type ActingClerk, type ActionContext } from './audit-log';
import { monotonicNow, verifyClerkPin } from './clerks';
import { AbortAppend, appendEvents, type AppendError } from './event-log';
import { mergeEntries, refreshRecordRow, rowOf } from './records';

/**
 * What a clerk does to a stored record, each as one signed event written in the same transaction
 * as its outbox entry and the record's new search row. The lifecycle in shared/ decides what is
 * allowed; this module only asks it, and refuses with its reason code.
 */

export type ActionError =
  | RefusalReason
  | AppendError
  | 'not-found'
  | 'invalid-record'
  | 'approval-required'
  | 'approval-failed'
  | 'approver-not-supervisor'
  | 'self-approved';

export type ActionResult =
  | { readonly ok: true; readonly row: RecordRow }
  | { readonly ok: false; readonly error: ActionError }
  /** What was typed breaks a field rule: each field's issue, by its path in the payload. */
  | { readonly ok: false; readonly error: 'invalid-fields'; readonly issues: FieldIssues };

export type ActionEvent = Exclude<RecordEvent, { readonly type: 'record.signed' }>;

const REFUSAL_REASONS = new Set<string>([
  'not-signed',
  'already-signed',
  'wrong-record',
  'voided',
  'already-voided',
  'has-fulfilment',
  'already-recorded',
  'not-broken',
  'repair-in-progress',
  'already-repaired',
  'no-repair',
  'step-already-recorded',
  'objection-pending',
  'no-objection',
  'no-fulfilment',
  'correction-missing',
  'correction-not-applicable',
  'not-provisional',
  'already-rechecked',
  'not-found',
  'invalid-record',
] satisfies ActionError[]);

function asActionError(reason: string): ActionError {
  return REFUSAL_REASONS.has(reason) ? (reason as ActionError) : 'rejected';
}

async function eventsOf(db: KioskDb, recordId: string) {
  return db.events.where('recordId').equals(recordId).sortBy('seq');
}

/**
 * Appends one record event after asking the lifecycle, then rebuilds the record's row from all
 * its events inside the write transaction, so that row and chain never disagree. Central changes
 * (pulled findings, repairs, objection results) count in both: a clerk's action never sets the
 * row back to a state the platform has moved the record past.
 */
export async function recordAction(
  ctx: ActionContext,
  recordId: string,
  clerk: ActingClerk,
  event: ActionEvent,
): Promise<ActionResult> {
  // The field rules first, so that a 10,000-character objection is told its limit rather than
  // "malformed"; dates are held to the record's signing day and today.
  const signedRow = await ctx.db.records.get(recordId);
  if (!signedRow) return { ok: false, error: 'not-found' };
  const issues = actionFieldIssues(event, {
    signedOn: signedRow.day,
    today: calendarDay(ctx.now()),
  });
  if (Object.keys(issues).length > 0) return { ok: false, error: 'invalid-fields', issues };
  const parsed = RecordEventSchema.safeParse(event);
  if (!parsed.success || parsed.data.type === 'record.signed')
    return { ok: false, error: 'invalid-event' };
  const checked = parsed.data;
  const at = chinaInstant(ctx.now());
  const actor = clerkActor(clerk);
  // The append's transaction does not cover the central table: read under the chain lock, before.
  let central: readonly CentralRow[] = [];
  const result = await appendEvents(
    ctx.db,
    ctx.signer,
    async (head) => {
      central = await ctx.db.central.where('recordId').equals(recordId).toArray();
      const events = await eventsOf(ctx.db, recordId);
      const derived = deriveRecord(mergeEntries(events, central));
      if (events.length === 0) throw new AbortAppend('not-found');
      if (!derived.ok) throw new AbortAppend('invalid-record');
      const applied = applyEvent(derived.record, {
        ...checked,
        eventId: 'proposed',
        recordId,
        deviceId: ctx.device.deviceId,
        seq: head.seq + 1,
        at,
        actor,
      });
      if (!applied.ok) throw new AbortAppend(applied.reason);
      return [
        {
          deviceId: ctx.device.deviceId,
          recordId,
          type: checked.type,
          at,
          actor,
          payload: checked.payload,
        },
      ];
    },
    async (_tx, sealed) => {
      const events = await eventsOf(ctx.db, recordId);
      const derived = deriveRecord(mergeEntries(events, central));
      if (!derived.ok) throw new AbortAppend('invalid-record');
      const refused = derived.anomalies.find((a) => sealed.some((e) => e.eventId === a.eventId));
      if (refused) throw new AbortAppend(refused.reason);
      const row = await ctx.db.records.get(recordId);
      if (!row) throw new AbortAppend('not-found');
      const next = rowOf(derived.record, row.signedAt, false);
      await ctx.db.records.put(next);
      return next;
    },
  ).catch((error: unknown) => {
    if (error instanceof AbortAppend)
      return { ok: false as const, error: 'rejected' as const, detail: error.reason };
    throw error;
  });
  if (!result.ok) return { ok: false, error: asActionError(result.detail ?? result.error) };
  // A pull that stored a change between the read above and the write: fold it in now.
  const refreshed = await ctx.db.transaction(
    'rw',
    [ctx.db.events, ctx.db.central, ctx.db.outbox, ctx.db.records],
    () => refreshRecordRow(ctx.db, recordId),
  );
  return { ok: true, row: refreshed ?? result.value };
}

/** Whether the platform holds the record: any of its events has a receipt. */
export async function isSyncedToPlatform(db: KioskDb, recordId: string): Promise<boolean> {
  const entries = await db.outbox.where('recordId').equals(recordId).toArray();
  return entries.some((e) => e.state === 'accepted' || e.state === 'duplicate');
}

/** A supervisor's approval given at the counter: their staff number and PIN, checked here. */
export interface VoidApproval {
  readonly clerkId: string;
  readonly pin: string;
}

/**
 * A void needs a supervisor once the platform holds the record: either the acting clerk is one,
 * or another supervisor approves on the spot with their PIN (their id is signed into the event).
 */
export async function voidRecord(
  ctx: ActionContext,
  recordId: string,
  clerk: ActingClerk,
  reason: Pick<RecordVoidedPayload, 'reasonCode' | 'reasonText'>,
  approval?: VoidApproval,
): Promise<ActionResult> {
  const needsApproval = clerk.role !== 'supervisor' && (await isSyncedToPlatform(ctx.db, recordId));
  let approvedBy: string | undefined;
  if (needsApproval) {
    if (!approval) return { ok: false, error: 'approval-required' };
    if (sameStaffNumber(approval.clerkId, clerk.id)) return { ok: false, error: 'self-approved' };
    // The PIN check counts towards the approver's lock-out like any sign-in; a one-time PIN from
    // a reset approves nothing.
    const checked = await verifyClerkPin(
      ctx.db,
      approval.clerkId,
      approval.pin,
      (ctx.monotonic ?? monotonicNow)(),
    );
    if (!checked.ok || checked.mustChangePin) return { ok: false, error: 'approval-failed' };
    if (checked.clerk.role !== 'supervisor') return { ok: false, error: 'approver-not-supervisor' };
    approvedBy = checked.clerk.id;
  }
  return recordAction(ctx, recordId, clerk, {
    type: 'record.voided',
    payload: {
      ...reason,
      by: clerk.id,
      ...(approvedBy ? { approvedBy } : {}),
    },
  });
}
