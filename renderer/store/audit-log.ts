import type { MonoReading } from '../../shared/console/pin-guard';
import type { Actor } from '../../shared/events/envelope';
import type { Signer } from '../../shared/crypto/signing';
import { AuditEventSchema, type AuditEvent } from '../../shared/record/audit-events';
import { chinaInstant } from '../../shared/time';
import { TEXT_RULES } from '../../shared/fields/rules';
import { checkText } from '../../shared/fields/text';
import type { DeviceIdentity } from '../device/identity';
import type { KioskDb, RecordRow, StoredEvent } from './db';
import { appendEvents, type AppendError } from './event-log';

/** What every signed write needs: the store, the device key and identity, and the clock. */
export interface ActionContext {
  readonly db: KioskDb;
  readonly signer: Signer;
  readonly device: DeviceIdentity;
  readonly now: () => Date;
  /** The monotonic clock of lock-outs (shared/console/pin-guard.ts); tests set it by hand. */
  readonly monotonic?: () => MonoReading;
}

/** The clerk acting: their id goes into the envelope's actor and into payloads that name one. */
export interface ActingClerk {
  readonly id: string;
  readonly role: 'clerk' | 'supervisor';
}

export const clerkActor = (clerk: ActingClerk): Actor => ({ kind: 'clerk', id: clerk.id });

export type AuditResult =
  { readonly ok: true } | { readonly ok: false; readonly error: AppendError | 'invalid-event' };

/** A device-level audit event (sign-in, export, reprint, settings) in the same signed chain. */
export async function appendAudit(
  ctx: ActionContext,
  event: AuditEvent,
  actor: Actor,
): Promise<AuditResult> {
  const parsed = AuditEventSchema.safeParse(event);
  if (!parsed.success) return { ok: false, error: 'invalid-event' };
  const result = await appendEvents(
    ctx.db,
    ctx.signer,
    () => [
      {
        deviceId: ctx.device.deviceId,
        recordId: null,
        type: parsed.data.type,
        at: chinaInstant(ctx.now()),
        actor,
        payload: parsed.data.payload,
      },
    ],
    async () => null,
  );
  return result.ok ? { ok: true } : { ok: false, error: result.error };
}

/**
 * The reprints of one record. Audit events belong to no record in the chain (the platform holds
 * them apart), so they are found by the commitment code they name.
 */
export async function loadReprints(db: KioskDb, commitmentCode: string): Promise<StoredEvent[]> {
  const reprints = await db.events.where('type').equals('audit.record.reprinted').toArray();
  return reprints.filter((e) => e.payload.commitmentCode === commitmentCode);
}

/** A reprint leaves a trace: who, which record, why. */
export function recordReprint(
  ctx: ActionContext,
  clerk: ActingClerk,
  row: Pick<RecordRow, 'commitmentCode'>,
  reason: string,
): Promise<AuditResult> {
  // The console's field rule, held here too for a caller that goes around the form.
  if (!checkText(reason, TEXT_RULES.reason).ok)
    return Promise.resolve({ ok: false, error: 'invalid-event' });
  return appendAudit(
    ctx,
    {
      type: 'audit.record.reprinted',
      payload: { by: clerk.id, commitmentCode: row.commitmentCode, reason },
    },
    clerkActor(clerk),
  );
}

export function recordExport(
  ctx: ActionContext,
  clerk: ActingClerk,
  payload: Omit<Extract<AuditEvent, { type: 'audit.export.made' }>['payload'], 'by'>,
): Promise<AuditResult> {
  return appendAudit(
    ctx,
    { type: 'audit.export.made', payload: { by: clerk.id, ...payload } },
    clerkActor(clerk),
  );
}

/** A receipts file from the platform applied: what it settled, by whom. */
export function recordReceiptsImport(
  ctx: ActionContext,
  clerk: ActingClerk,
  summary: Omit<Extract<AuditEvent, { type: 'audit.receipts.imported' }>['payload'], 'by'>,
): Promise<AuditResult> {
  return appendAudit(
    ctx,
    { type: 'audit.receipts.imported', payload: { by: clerk.id, ...summary } },
    clerkActor(clerk),
  );
}
