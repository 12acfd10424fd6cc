import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Actor } from '../../shared/events/envelope';
import { actionFieldIssues } from '../../shared/fields/record-action';
import type { FieldIssues } from '../../shared/fields/issue';
import { CENTRAL_EVENT_TYPES, CentralChangeSchema } from '../../shared/platform/pull';
import type { CentralChange } from '../../shared/platform/pull';
import type { CreditStatus } from '../../shared/precheck/rules';
import { RECORD_EVENT_TYPES, RecordEventSchema } from '../../shared/record/events';
import type { FulfilmentPayload, RecordEvent } from '../../shared/record/events';
import { applyEvent } from '../../shared/record/lifecycle';

type ActionEvent = Parameters<typeof actionFieldIssues>[0];
import type { RecordState, RefusalReason } from '../../shared/record/lifecycle';
import { commitmentCodeDay } from '../../shared/record/commitment-code';
import { chinaDay, chinaInstant } from '../../shared/time';
import type { PlatformContext } from './context';
import { setDerivedStatus, worse } from './credit-register';
import { nextLedger } from './db';
import type { Db } from './db';
import { centralEntry, foldRecord, recordByCode } from './records';

/**
 * Central changes: what regulators, the approving bureau and the publisher decide about a hall's
 * records. Made here by the admin command (the stand-in for those bodies), checked against the
 * record's lifecycle, signed by the platform and handed to the hall's devices by pull.
 */

export const PLATFORM_ACTOR: Actor = { kind: 'platform', id: 'hb-credit-platform' };
export const DEMO_ORGAN = { name: '石家庄市市场监督管理局（演示）', code: '11130100MB0000000X' };

export type CentralError = 'unknown-record' | 'not-central' | 'invalid-event' | RefusalReason;

export type CentralResult =
  | { readonly ok: true; readonly change: CentralChange }
  | { readonly ok: false; readonly error: CentralError }
  /** A field the devices' own rule refuses, with the same issue codes (shared/fields). */
  | { readonly ok: false; readonly error: 'invalid-fields'; readonly issues: FieldIssues };

const DERIVED: Partial<Record<RecordState, CreditStatus>> = {
  broken: 'unrepaired',
  revoked: 'unrepaired',
  repairing: 'unrepaired',
  repaired: 'repaired',
};

export const FINDING_KINDS = [
  'kept',
  'partly-kept',
  'broken',
  'revoked',
  'false-commitment',
] as const;
export type FindingKind = (typeof FINDING_KINDS)[number];

/** A demo finding of one kind, dated `date` (YYYY-MM-DD). */
export function demoFinding(kind: FindingKind, date: string): RecordEvent {
  const unkept = { notKept: '演示：未按承诺期限补交材料', liabilityImposed: '演示：依法处理' };
  const payload: FulfilmentPayload =
    kind === 'kept'
      ? { status: 'kept', permitRevoked: false, findingDate: date, findingOrgan: DEMO_ORGAN }
      : {
          status: kind === 'broken' || kind === 'revoked' ? 'not-kept' : kind,
          ...unkept,
          permitRevoked: kind === 'revoked',
          findingDate: date,
          findingOrgan: DEMO_ORGAN,
        };
  return { type: 'fulfilment.recorded', payload };
}

/**
 * Makes, signs and stores a central change, which the hall's devices then pull. The change is
 * held to the same field rules as a clerk's action on the device (shared/fields/record-action.ts):
 * a finding dated before the record was signed or after today, an organ name with a bidirectional
 * override, a 10,000-character note, are refused here with the issue codes the console shows,
 * rather than signed and sent to every device of the hall. The fields are checked before the
 * schema, as on the device, so a text over its limit is told its limit rather than "malformed".
 */
export async function createCentralChange(
  ctx: PlatformContext,
  commitmentCode: string,
  input: unknown,
): Promise<CentralResult> {
  const type =
    typeof input === 'object' && input !== null ? (input as { type?: unknown }).type : null;
  if (typeof type !== 'string' || !(RECORD_EVENT_TYPES as readonly string[]).includes(type))
    return { ok: false, error: 'invalid-event' };
  if (!(CENTRAL_EVENT_TYPES as readonly string[]).includes(type)) {
    return { ok: false, error: 'not-central' };
  }
  const db = ctx.db;
  const record = recordByCode(db, commitmentCode);
  const view = record ? foldRecord(db, record.record_id) : null;
  if (!record || !view) return { ok: false, error: 'unknown-record' };
  const issues = actionFieldIssues(input as ActionEvent, {
    signedOn: commitmentCodeDay(commitmentCode),
    today: chinaDay(ctx.now()),
  });
  if (Object.keys(issues).length > 0) return { ok: false, error: 'invalid-fields', issues };
  const parsed = RecordEventSchema.safeParse(input);
  if (!parsed.success) return { ok: false, error: 'invalid-event' };
  const event = parsed.data;

  const unsigned = {
    changeId: `cc-${randomUUID()}`,
    recordId: record.record_id,
    commitmentCode,
    at: chinaInstant(ctx.now()),
    actor: PLATFORM_ACTOR,
    event,
  };
  const change = CentralChangeSchema.parse({
    ...unsigned,
    platformSig: await ctx.keys.sign(z.json().parse(unsigned)),
  });

  try {
    return db.transaction((): CentralResult => {
      // Folded again inside the transaction: another change may have landed while signing.
      const current = foldRecord(db, record.record_id);
      const ledger = nextLedger(db);
      const applied = current ? applyEvent(current, centralEntry(ledger, change)) : null;
      if (!applied) throw new RefusedChange('unknown-record');
      if (!applied.ok) throw new RefusedChange(applied.reason);
      db.prepare(
        'INSERT INTO central_changes (ledger, change_id, hall_code, record_id, body) VALUES (?, ?, ?, ?, ?)',
      ).run(ledger, change.changeId, record.hall_code, record.record_id, JSON.stringify(change));
      const entity = applied.state.signed.entity;
      setDerivedStatus(
        db,
        { idType: entity.idType, identifier: entity.idNumber, name: entity.name },
        entityStatus(db, entity.idNumber),
      );
      return { ok: true, change };
    })();
  } catch (error) {
    // Thrown so that the ledger number taken for the change is rolled back with it.
    if (error instanceof RefusedChange) return { ok: false, error: error.reason };
    throw error;
  }
}

class RefusedChange extends Error {
  constructor(readonly reason: CentralError) {
    super(reason);
  }
}

/** The worst state among all of an entity's records held here. */
function entityStatus(db: Db, idNumber: string): CreditStatus {
  return db
    .prepare<[string], { record_id: string }>('SELECT record_id FROM records WHERE id_number = ?')
    .all(idNumber)
    .reduce<CreditStatus>((status, { record_id }) => {
      const state = foldRecord(db, record_id)?.state;
      return worse(status, state === undefined ? null : (DERIVED[state] ?? null));
    }, 'none');
}
