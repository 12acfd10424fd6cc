import Dexie from 'dexie';
import { EventEnvelopeSchema } from '../../shared/events/envelope';
import type { EventEnvelope } from '../../shared/events/envelope';
import { MAX_PUSH_BATCH } from '../../shared/platform/limits';
import { timestampTokenContent } from '../../shared/platform/push';
import type { PushResponse, PushVerdict } from '../../shared/platform/push';
import { verifyPlatformSignature } from '../platform/trust';
import type { OutboxEntry } from '../store/db';
import { deleteMeta, readMeta, writeMeta, type PushPlan } from '../store/meta';
import { refreshSyncedFlags } from '../store/records';
import type { PhaseContext, PhaseResult } from './context';
import { withRetry } from './retry';

/**
 * Push: the outbox's pending events in seq order, in batches. Each batch is planned (batchId,
 * cursor, event ids) and the plan stored BEFORE it is sent, so that after a crash or reload the
 * same batch goes again under the same batchId and the platform answers it from its receipts.
 * The verdicts, the record rows they change and the end of the plan are one transaction: an
 * event is marked synced only once its verified receipt is stored.
 */

export type { PushPlan } from '../store/meta';

export interface PushSummary {
  readonly accepted: number;
  readonly duplicate: number;
  readonly rejected: number;
  readonly batches: number;
  /** Device clock minus platform time, largest in size, over this run's new receipts. */
  readonly clockSkewMs: number | null;
}

export async function loadPushPlan(ctx: Pick<PhaseContext, 'db'>): Promise<PushPlan | null> {
  return (await readMeta(ctx.db, 'syncPushPlan')) ?? null;
}

export function pendingCount(ctx: Pick<PhaseContext, 'db'>): Promise<number> {
  return ctx.db.outbox.where('state').equals('pending').count();
}

/** The stored plan, else a new one over the next pending events; null when nothing is pending. */
async function currentPlan(
  ctx: PhaseContext,
  batchSize: number,
): Promise<{ readonly plan: PushPlan; readonly fresh: boolean } | null> {
  const { db } = ctx;
  return db.transaction('rw', db.outbox, db.meta, async () => {
    const stored = await loadPushPlan(ctx);
    if (stored) return { plan: stored, fresh: false };
    const next = await db.outbox
      .where('[state+seq]')
      .between(['pending', Dexie.minKey], ['pending', Dexie.maxKey])
      .limit(batchSize)
      .toArray();
    const first = next[0];
    const last = next.at(-1);
    if (!first || !last) return null;
    const plan: PushPlan = {
      batchId: crypto.randomUUID(),
      cursor: { fromSeq: first.seq, toSeq: last.seq },
      eventIds: next.map((o) => o.eventId),
    };
    await writeMeta(db, 'syncPushPlan', plan);
    return { plan, fresh: true };
  });
}

/**
 * The planned events as stored. One that is gone or no longer an envelope cannot be sent: it is
 * refused here, on the device, and a new plan is made without it (its successor will show the
 * platform the gap). `checked`: the events the run's self-check read just before, by id; only
 * those it did not read are read from the store (and opened) here.
 */
async function plannedEvents(
  ctx: PhaseContext,
  plan: PushPlan,
  checked: ReadonlyMap<string, EventEnvelope>,
): Promise<{ readonly events: EventEnvelope[]; readonly unusable: string[] }> {
  const missing = plan.eventIds.filter((id) => !checked.has(id));
  const read = missing.length === 0 ? [] : await ctx.db.events.bulkGet(missing);
  const fromStore = new Map(missing.map((id, i) => [id, read[i]]));
  const rows = plan.eventIds.map((id) => checked.get(id) ?? fromStore.get(id));
  const events: EventEnvelope[] = [];
  const unusable: string[] = [];
  rows.forEach((row, i) => {
    const parsed = EventEnvelopeSchema.safeParse(row);
    const id = plan.eventIds[i] ?? '';
    if (parsed.success && parsed.data.eventId === id) events.push(parsed.data);
    else unusable.push(id);
  });
  return { events, unusable };
}

/** Refusals the device itself records, beside the platform's PUSH_REJECTION_CODES. */
export const LOCAL_REJECTION_CODES = ['local-unreadable', 'declared-lost'] as const;

async function refuseLocally(ctx: PhaseContext, plan: PushPlan, eventIds: readonly string[]) {
  const { db } = ctx;
  await db.transaction('rw', [db.outbox, db.meta], async () => {
    for (const id of eventIds) {
      const entry = await db.outbox.get(id);
      if (entry?.state === 'pending') {
        await db.outbox.put({
          ...entry,
          state: 'rejected',
          rejection: { code: LOCAL_REJECTION_CODES[0] },
        });
      }
    }
    if ((await loadPushPlan(ctx))?.batchId === plan.batchId) await deleteMeta(db, 'syncPushPlan');
  });
}

/** The answer must be to this batch: one verdict per planned event, same ids, same seqs. */
function matchesPlan(response: PushResponse, plan: PushPlan, events: readonly EventEnvelope[]) {
  if (response.batchId !== plan.batchId || response.verdicts.length !== events.length) return false;
  return response.verdicts.every(
    (v, i) => v.eventId === events[i]?.eventId && v.seq === events[i]?.seq,
  );
}

/** Every receipt's timestamp token: signed by a trusted platform key over this very event's hash. */
export async function verifyTokens(
  ctx: Pick<PhaseContext, 'trusted' | 'verifiers'>,
  verdicts: readonly PushVerdict[],
  events: readonly EventEnvelope[],
): Promise<boolean> {
  // All at once: WebCrypto works them in parallel, where one after another waits for each.
  const checks = verdicts.map((v, i) =>
    v.verdict === 'rejected'
      ? true
      : verifyPlatformSignature(
          timestampTokenContent(events[i]?.hash ?? '', v.timestampToken.time),
          v.timestampToken.platformSig,
          ctx.trusted,
          ctx.verifiers,
        ),
  );
  return (await Promise.all(checks)).every(Boolean);
}

/** The outbox entry once its verdict is in: a receipt, or a refusal kept with its code. */
export function entryAfter(entry: OutboxEntry, verdict: PushVerdict): OutboxEntry {
  const attempts = entry.attempts + 1;
  if (verdict.verdict === 'rejected') {
    return {
      eventId: entry.eventId,
      seq: entry.seq,
      recordId: entry.recordId,
      state: 'rejected',
      rejection: { code: verdict.code, ...(verdict.detail ? { detail: verdict.detail } : {}) },
      attempts,
    };
  }
  return {
    eventId: entry.eventId,
    seq: entry.seq,
    recordId: entry.recordId,
    state: verdict.verdict,
    receipt: {
      receiptNo: verdict.receiptNo,
      platformTime: verdict.timestampToken.time,
      token: verdict.timestampToken.platformSig,
    },
    attempts,
  };
}

/** Verdicts, record rows and the end of the plan, all or nothing. */
async function storeVerdicts(ctx: PhaseContext, plan: PushPlan, verdicts: readonly PushVerdict[]) {
  const { db } = ctx;
  await db.transaction('rw', [db.outbox, db.records, db.meta], async () => {
    // Another engine (a second page without Web Locks) may have stored these already.
    if ((await loadPushPlan(ctx))?.batchId !== plan.batchId) return;
    // Read and written in bulk: one request per store for the whole batch, not one per event.
    const entries = await db.outbox.bulkGet(verdicts.map((v) => v.eventId));
    const updated: OutboxEntry[] = [];
    const records = new Set<string>();
    verdicts.forEach((verdict, i) => {
      const entry = entries[i];
      if (!entry || entry.state !== 'pending') return;
      updated.push(entryAfter(entry, verdict));
      if (entry.recordId !== null) records.add(entry.recordId);
    });
    await db.outbox.bulkPut(updated);
    // A receipt changes only whether a record is synced (store/records.ts).
    await refreshSyncedFlags(db, [...records]);
    await deleteMeta(db, 'syncPushPlan');
  });
}

function isBatchIdReused(failure: {
  kind: string;
  issues?: readonly { path: string; code: string }[];
}) {
  return (
    failure.kind === 'http' && (failure.issues ?? []).some((i) => i.code === 'batch-id-reused')
  );
}

export async function pushPending(
  ctx: PhaseContext,
  batchSize = MAX_PUSH_BATCH,
  checked: ReadonlyMap<string, EventEnvelope> = new Map(),
): Promise<PhaseResult<PushSummary>> {
  const size = Math.max(1, Math.min(batchSize, MAX_PUSH_BATCH));
  const total = await pendingCount(ctx);
  let done = 0;
  const summary = { accepted: 0, duplicate: 0, rejected: 0, batches: 0 };
  let skew: number | null = null;
  await ctx.report({ phase: 'push', done, total });
  for (;;) {
    if (ctx.signal?.aborted) return { ok: false, error: { kind: 'aborted' } };
    const current = await currentPlan(ctx, size);
    if (!current) break;
    const { plan } = current;
    const { events, unusable } = await plannedEvents(ctx, plan, checked);
    if (unusable.length > 0) {
      await refuseLocally(ctx, plan, unusable);
      summary.rejected += unusable.length;
      continue;
    }
    let attempts = 0;
    const sent = await withRetry(ctx, ctx.retry, ctx.signal, () => {
      attempts += 1;
      return ctx.client.push(
        { batchId: plan.batchId, cursor: plan.cursor, events },
        ctx.signal ? { signal: ctx.signal } : {},
      );
    });
    if (!sent.ok) {
      // The plan's events changed since it was first sent (a local alteration): the platform will
      // not take different content under the same batchId, so the batch is planned afresh.
      if (isBatchIdReused(sent.failure)) {
        await ctx.db.transaction('rw', ctx.db.meta, async () => {
          if ((await loadPushPlan(ctx))?.batchId === plan.batchId)
            await deleteMeta(ctx.db, 'syncPushPlan');
        });
        continue;
      }
      return { ok: false, error: { kind: 'platform', failure: sent.failure } };
    }
    const { verdicts } = sent.value;
    if (!matchesPlan(sent.value, plan, events))
      return { ok: false, error: { kind: 'bad-verdicts' } };
    if (!(await verifyTokens(ctx, verdicts, events))) {
      return { ok: false, error: { kind: 'bad-timestamp-token' } };
    }
    await storeVerdicts(ctx, plan, verdicts);
    const receivedAt = ctx.now().getTime();
    // Only an answer made for this very send measures the clock: a batch sent before (a stored
    // plan, or an earlier attempt whose answer was lost) may come back as the platform's stored
    // answer, whose times are as old as that first send.
    const freshAnswer = current.fresh && attempts === 1;
    for (const v of verdicts) {
      summary[v.verdict] += 1;
      // A duplicate carries the original time, not now: only fresh receipts measure the clock.
      if (v.verdict !== 'accepted' || !freshAnswer) continue;
      const measured = receivedAt - Date.parse(v.timestampToken.time);
      if (skew === null || Math.abs(measured) > Math.abs(skew)) skew = measured;
    }
    summary.batches += 1;
    done += verdicts.length;
    await ctx.report({ done, total: Math.max(total, done) });
  }
  return { ok: true, value: { ...summary, clockSkewMs: skew } };
}
