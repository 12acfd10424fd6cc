import type { UnsignedEvent } from '../../shared/events/envelope';
import { normaliseIdentifier } from '../../shared/ids/normalise';
import type { CreditStatus } from '../../shared/precheck/rules';
import type { PrecheckRecheckedPayload } from '../../shared/record/events';
import { chinaInstant } from '../../shared/time';
import type { KioskDb } from '../store/db';
import { readMeta, writeMeta, type ProvisionalHit } from '../store/meta';
import { appendEvents } from '../store/event-log';
import { deriveView, isRecordSynced, loadRecordView, rowOf } from '../store/records';
import type { PhaseContext, PhaseResult } from './context';
import { withRetry } from './retry';

/**
 * Records accepted on a provisional pre-check (no usable snapshot at the time) are checked online
 * once the platform answers. The result is a signed `precheck.rechecked` event on the record (so
 * it travels to the platform like any other), and a hit (an unrepaired dishonesty record) is also
 * put on a list the clerk must work through: the commitment was taken from an ineligible entity.
 */

export { ProvisionalHitSchema, type ProvisionalHit } from '../store/meta';

async function loadHits(db: KioskDb): Promise<ProvisionalHit[]> {
  return (await readMeta(db, 'provisionalHits')) ?? [];
}

/** Hits the clerk has not yet acknowledged (all of them with `all`). */
export async function listProvisionalHits(
  db: KioskDb,
  options: { readonly all?: boolean } = {},
): Promise<ProvisionalHit[]> {
  const hits = await loadHits(db);
  return options.all ? hits : hits.filter((h) => !h.acknowledged);
}

export async function acknowledgeProvisionalHit(db: KioskDb, recordId: string): Promise<void> {
  await db.transaction('rw', db.meta, async () => {
    const hits = await loadHits(db);
    const next = hits.map((h) => (h.recordId === recordId ? { ...h, acknowledged: true } : h));
    await writeMeta(db, 'provisionalHits', next);
  });
}

async function addHit(db: KioskDb, hit: ProvisionalHit): Promise<void> {
  const hits = await loadHits(db);
  if (hits.some((h) => h.recordId === hit.recordId)) return;
  await writeMeta(db, 'provisionalHits', [...hits, hit]);
}

const IDENTIFIER = /^[0-9A-Z]{5,32}$/;

/** Records the answer as the record's event (row rewritten in the same transaction) and any hit. */
async function recordRecheck(
  ctx: PhaseContext,
  recordId: string,
  commitmentCode: string,
  status: CreditStatus,
  checkedAt: string,
  /** A credit-repair commitment: an unrepaired record is why it was made, not a hit. */
  repair: boolean,
): Promise<boolean> {
  const { db, signer } = ctx;
  const hit: ProvisionalHit | null =
    status === 'unrepaired' && !repair
      ? { recordId, commitmentCode, status, checkedAt, acknowledged: false }
      : null;
  if (!signer) {
    if (hit) await db.transaction('rw', db.meta, () => addHit(db, hit));
    return hit !== null;
  }
  const payload: PrecheckRecheckedPayload = {
    outcome: status === 'unrepaired' ? 'not-eligible' : 'eligible',
    checkedAt,
  };
  // Read before the write: the append's transaction does not cover the central table.
  const central = await db.central.where('recordId').equals(recordId).toArray();
  const event: UnsignedEvent = {
    deviceId: ctx.device.deviceId,
    recordId,
    type: 'precheck.rechecked',
    at: chinaInstant(ctx.now()),
    actor: { kind: 'system' },
    payload,
  };
  await appendEvents(
    db,
    signer,
    () => [event],
    async () => {
      const row = await db.records.get(recordId);
      const events = await db.events.where('recordId').equals(recordId).toArray();
      const outbox = await db.outbox.where('recordId').equals(recordId).toArray();
      const view = deriveView(events, central);
      if (row && view) await db.records.put(rowOf(view, row.signedAt, isRecordSynced(outbox)));
      if (hit) await addHit(db, hit);
    },
  );
  return hit !== null;
}

export async function recheckProvisional(
  ctx: PhaseContext,
): Promise<PhaseResult<{ readonly checked: number; readonly hits: number }>> {
  const rows = await ctx.db.records
    .filter((r) => r.provisional === 1 && r.state !== 'voided')
    .toArray();
  let checked = 0;
  let hits = 0;
  await ctx.report({ phase: 'recheck', done: 0, total: rows.length });
  for (const row of rows) {
    if (ctx.signal?.aborted) return { ok: false, error: { kind: 'aborted' } };
    const view = await loadRecordView(ctx.db, row.recordId);
    if (!view || view.recheck !== null) continue;
    const { idType, idNumber } = view.signed.entity;
    const identifier = normaliseIdentifier(idNumber);
    if (!IDENTIFIER.test(identifier)) continue;
    const answer = await withRetry(ctx, ctx.retry, ctx.signal, () =>
      ctx.client.creditCheck({ idType, identifier }, ctx.signal ? { signal: ctx.signal } : {}),
    );
    if (!answer.ok) return { ok: false, error: { kind: 'platform', failure: answer.failure } };
    const { status, checkedAt } = answer.value;
    const repair = view.signed.commitmentType === 'credit-repair';
    if (await recordRecheck(ctx, row.recordId, row.commitmentCode, status, checkedAt, repair))
      hits += 1;
    checked += 1;
    await ctx.report({ done: checked, total: rows.length });
  }
  return { ok: true, value: { checked, hits } };
}
