import { z } from 'zod';
import { CatalogueSignatureSchema } from '../../shared/catalogue/signed';
import { acceptCatalogue, loadCatalogue } from '../services/catalogue';
import { storedSnapshot, storeVerifiedSnapshot } from '../services/credit-snapshot';
import { verifyPlatformSignature } from '../platform/trust';
import type { PhaseContext, PhaseResult, SyncError } from './context';
import { withRetry } from './retry';

/**
 * The catalogue and the credit snapshot: asked for with what the device holds, verified against
 * the platform key over the bytes as received, and stored only when newer.
 */

export type RefreshOutcome = 'current' | 'stored' | 'older';

const CATALOGUE_ERROR = {
  malformed: 'catalogue-malformed',
  'unknown-key': 'catalogue-unknown-key',
  'bad-signature': 'catalogue-bad-signature',
  expired: 'catalogue-expired',
  'not-yet-valid': 'catalogue-not-yet-valid',
  'other-hall': 'catalogue-other-hall',
} as const satisfies Record<string, SyncError['kind']>;

export async function refreshCatalogue(ctx: PhaseContext): Promise<PhaseResult<RefreshOutcome>> {
  await ctx.report({ phase: 'catalogue', done: 0, total: 1 });
  const held = await loadCatalogue(ctx.db, false);
  const answer = await withRetry(ctx, ctx.retry, ctx.signal, () =>
    ctx.client.catalogue(
      { haveVersion: held?.catalogue.version ?? null },
      ctx.signal ? { signal: ctx.signal } : {},
    ),
  );
  if (!answer.ok) return { ok: false, error: { kind: 'platform', failure: answer.failure } };
  if (answer.value.status === 'current') return { ok: true, value: 'current' };
  const raw = z.object({ catalogue: z.unknown() }).safeParse(answer.raw);
  const accepted = await acceptCatalogue(ctx.db, raw.success ? raw.data.catalogue : null, {
    trusted: ctx.trusted,
    verifierFor: ctx.verifiers.verifierFor,
    now: ctx.now(),
    hallCode: ctx.device.hallCode,
  });
  if (!accepted.ok && accepted.error === 'not-newer') return { ok: true, value: 'older' };
  if (!accepted.ok) return { ok: false, error: { kind: CATALOGUE_ERROR[accepted.error] } };
  await ctx.report({ done: 1, total: 1 });
  return { ok: true, value: 'stored' };
}

const RawSnapshotSchema = z.object({
  snapshot: z.json(),
  platformSig: CatalogueSignatureSchema,
});

export async function refreshSnapshot(ctx: PhaseContext): Promise<PhaseResult<RefreshOutcome>> {
  await ctx.report({ phase: 'snapshot', done: 0, total: 1 });
  const held = await storedSnapshot(ctx.db);
  const answer = await withRetry(ctx, ctx.retry, ctx.signal, () =>
    ctx.client.creditSnapshot(
      { haveIssuedAt: held?.issuedAt ?? null },
      ctx.signal ? { signal: ctx.signal } : {},
    ),
  );
  if (!answer.ok) return { ok: false, error: { kind: 'platform', failure: answer.failure } };
  const body = answer.value;
  if (body.status === 'current') return { ok: true, value: 'current' };
  const raw = RawSnapshotSchema.safeParse(answer.raw);
  const valid =
    raw.success &&
    (await verifyPlatformSignature(
      raw.data.snapshot,
      raw.data.platformSig,
      ctx.trusted,
      ctx.verifiers,
    ));
  if (!valid) return { ok: false, error: { kind: 'bad-snapshot-signature' } };
  if (held && !(Date.parse(body.snapshot.issuedAt) > Date.parse(held.issuedAt))) {
    return { ok: true, value: 'older' };
  }
  await storeVerifiedSnapshot(ctx.db, body.snapshot);
  await ctx.report({ done: 1, total: 1 });
  return { ok: true, value: 'stored' };
}
