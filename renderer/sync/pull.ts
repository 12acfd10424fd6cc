import { z } from 'zod';
import type { CanonicalJson } from '../../shared/crypto/canonical';
import { MAX_PULL_CHANGES } from '../../shared/platform/limits';
import type { CentralChange } from '../../shared/platform/pull';
import { verifyPlatformSignature } from '../platform/trust';
import { readHead } from '../store/event-log';
import { readMeta, writeMeta } from '../store/meta';
import { refreshRecordRow } from '../store/records';
import type { PhaseContext, PhaseResult } from './context';
import { withRetry } from './retry';

/**
 * Pull: central changes since the stored cursor, each verified against the platform key, stored
 * once by changeId and folded into the record rows; the cursor is stored in the same transaction
 * as the changes, so a crash either keeps both or repeats the page (applied once by changeId).
 */

/** Pages per run: a long backlog is finished by the next run, not by one unbounded loop. */
const MAX_PAGES = 100;

const RawChangesSchema = z.object({ changes: z.array(z.record(z.string(), z.json())) });

export async function loadPullCursor(ctx: Pick<PhaseContext, 'db'>): Promise<string | null> {
  return (await readMeta(ctx.db, 'pullCursor')) ?? null;
}

/** Signed over the change's other fields, as the platform sent them (not the parsed copy). */
async function verifyChanges(ctx: PhaseContext, changes: readonly CentralChange[], raw: unknown) {
  const received = RawChangesSchema.safeParse(raw);
  if (!received.success || received.data.changes.length !== changes.length) return false;
  for (const [i, change] of changes.entries()) {
    const signed = Object.fromEntries(
      Object.entries(received.data.changes[i] ?? {}).filter(([key]) => key !== 'platformSig'),
    );
    const valid = await verifyPlatformSignature(
      signed as CanonicalJson,
      change.platformSig,
      ctx.trusted,
      ctx.verifiers,
    );
    if (!valid) return false;
  }
  return true;
}

async function storeChanges(ctx: PhaseContext, changes: readonly CentralChange[], cursor: string) {
  const { db } = ctx;
  return db.transaction('rw', [db.central, db.records, db.events, db.outbox, db.meta], async () => {
    const head = await readHead(db);
    let order = ((await db.central.orderBy('order').last())?.order ?? 0) + 1;
    const records = new Set<string>();
    let added = 0;
    for (const change of changes) {
      if (await db.central.get(change.changeId)) continue;
      await db.central.add({
        changeId: change.changeId,
        recordId: change.recordId,
        order,
        afterSeq: head.seq,
        change,
      });
      order += 1;
      added += 1;
      records.add(change.recordId);
    }
    for (const recordId of records) await refreshRecordRow(db, recordId);
    await writeMeta(db, 'pullCursor', cursor);
    return added;
  });
}

export async function pullCentral(
  ctx: PhaseContext,
  limit = MAX_PULL_CHANGES,
): Promise<PhaseResult<{ readonly applied: number }>> {
  let applied = 0;
  await ctx.report({ phase: 'pull', done: 0, total: 0 });
  for (let page = 0; page < MAX_PAGES; page += 1) {
    if (ctx.signal?.aborted) return { ok: false, error: { kind: 'aborted' } };
    const cursor = await loadPullCursor(ctx);
    const answer = await withRetry(ctx, ctx.retry, ctx.signal, () =>
      ctx.client.pull({ cursor, limit }, ctx.signal ? { signal: ctx.signal } : {}),
    );
    if (!answer.ok) return { ok: false, error: { kind: 'platform', failure: answer.failure } };
    const { changes, nextCursor, hasMore } = answer.value;
    if (!(await verifyChanges(ctx, changes, answer.raw))) {
      return { ok: false, error: { kind: 'bad-central-signature' } };
    }
    applied += await storeChanges(ctx, changes, nextCursor);
    await ctx.report({ done: applied, total: applied });
    if (!hasMore) break;
  }
  return { ok: true, value: { applied } };
}
