import type { CatalogueSignature } from '../../../shared/catalogue/signed';
import type { PushRejectionCode, PushVerdict } from '../../../shared/platform/push';
import {
  MAX_RECEIPTS,
  encodeReceiptsFile,
  receiptsFileBody,
  receiptsSignedContent,
} from '../../../shared/platform/receipts-file';
import { chinaInstant } from '../../../shared/time';
import { deviceById } from '../context';
import type { PlatformContext } from '../context';

/**
 * The receipts file for a device (shared/platform/receipts-file.ts): every event of it the
 * platform holds, with its receipt and timestamp token, and every event whose content it refused
 * while holding its link. Both are final. Refusals that depend on what arrived before (a gap, an
 * event after a broken one) are left out: a later bundle can still change them.
 */

interface HeldEvent {
  readonly seq: number;
  readonly event_id: string;
  readonly receipt_no: string;
  readonly platform_time: string;
  readonly ts_sig: string;
}

interface RefusedLink {
  readonly seq: number;
  readonly event_id: string;
  readonly code: string;
  readonly detail: string | null;
}

export type ReceiptsAnswer =
  | { readonly ok: true; readonly bytes: Uint8Array; readonly verdicts: number }
  | { readonly ok: false; readonly error: 'unknown-device' | 'nothing-held' };

export async function receiptsFor(ctx: PlatformContext, deviceId: string): Promise<ReceiptsAnswer> {
  if (!deviceById(ctx.db, deviceId)) return { ok: false, error: 'unknown-device' };
  const held = ctx.db
    .prepare<[string], HeldEvent>(
      'SELECT seq, event_id, receipt_no, platform_time, ts_sig FROM events WHERE device_id = ?',
    )
    .all(deviceId)
    .map((e): PushVerdict => ({
      eventId: e.event_id,
      seq: e.seq,
      verdict: 'accepted',
      receiptNo: e.receipt_no,
      timestampToken: {
        time: e.platform_time,
        platformSig: JSON.parse(e.ts_sig) as CatalogueSignature,
      },
    }));
  const refused = ctx.db
    .prepare<[string], RefusedLink>(
      'SELECT seq, event_id, code, detail FROM refused_links WHERE device_id = ?',
    )
    .all(deviceId)
    .map((r): PushVerdict => ({
      eventId: r.event_id,
      seq: r.seq,
      verdict: 'rejected',
      code: r.code as PushRejectionCode,
      ...(r.detail === null ? {} : { detail: r.detail }),
    }));
  // The newest ones when there are more than a file holds: older ones went back in earlier files.
  const verdicts = [...held, ...refused].sort((a, b) => a.seq - b.seq).slice(-MAX_RECEIPTS);
  if (verdicts.length === 0) return { ok: false, error: 'nothing-held' };
  const body = receiptsFileBody(deviceId, chinaInstant(ctx.now()), verdicts);
  const signature = await ctx.keys.sign(receiptsSignedContent(body));
  return { ok: true, bytes: encodeReceiptsFile(body, signature), verdicts: verdicts.length };
}
