import 'fake-indexeddb/auto';
import type { ActionContext } from '../../../../renderer/store/audit-log';
import { KioskDb } from '../../../../renderer/store/db';
import { submitSignedRecord } from '../../../../renderer/store/records';
import { signedPayload } from '../../shared/record/fixtures';
import { testDataKeys } from '../../../support/data-keys';
import { testDevice } from '../../../support/test-device';

let n = 0;

/** A fresh store, device key and a clock the test moves by hand. */
export async function consoleContext(): Promise<ActionContext & { clock: { now: Date } }> {
  n += 1;
  const db = new KioskDb(`console-${n}-${Date.now()}`, testDataKeys());
  const { signer, device } = await testDevice();
  const clock = { now: new Date('2026-11-25T02:00:00Z') };
  return { db, signer, device, now: () => clock.now, clock };
}

/** One applicant-signed record, as the kiosk stores it. */
export async function signedRecord(ctx: ActionContext, recordId: string) {
  const result = await submitSignedRecord(ctx.db, ctx.device, ctx.signer, {
    recordId,
    at: ctx.now(),
    actor: { kind: 'applicant' },
    payload: (commitmentCode) => ({ ...signedPayload(), commitmentCode, validUntil: '2027-11-25' }),
    signatureImage: { mimeType: 'image/png', data: new Uint8Array([1, 2, 3]) },
    document: { title: 'letter' },
  });
  if (!result.ok) throw new Error(`could not store the record: ${result.error}`);
  return result.record;
}

/** Marks every outbox entry of a record as accepted by the platform, as a sync leaves them. */
export async function markSynced(ctx: ActionContext, recordId: string): Promise<void> {
  const entries = await ctx.db.outbox.where('recordId').equals(recordId).toArray();
  await ctx.db.outbox.bulkPut(entries.map((e) => ({ ...e, state: 'accepted' as const })));
}
