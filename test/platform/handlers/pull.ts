import type { CentralChange, PullRequest, PullResponse } from '../../../shared/platform/pull';
import { PLATFORM_INTERFACE_VERSION } from '../../../shared/platform/version';
import { ok, refuse } from '../context';
import type { Answer, DeviceRow, PlatformContext } from '../context';

/**
 * Pull: the hall's central changes after the cursor, oldest first. The cursor names the last
 * ledger number handed out, so a device that stores it only after storing the changes never skips
 * one, and one that crashed before storing it gets the same changes again (it applies them by
 * changeId, once).
 */

const CURSOR = /^c1-(\d{1,15})$/;

export function cursorAfter(ledger: number): string {
  return `c1-${ledger}`;
}

export function pull(ctx: PlatformContext, request: PullRequest, device: DeviceRow): Answer {
  let after = 0;
  if (request.cursor !== null) {
    const match = CURSOR.exec(request.cursor);
    if (!match) return refuse('malformed', [{ path: 'cursor', code: 'bad-cursor' }]);
    after = Number(match[1]);
  }
  const rows = ctx.db
    .prepare<[string, number, number], { ledger: number; body: string }>(
      `SELECT ledger, body FROM central_changes WHERE hall_code = ? AND ledger > ?
       ORDER BY ledger LIMIT ?`,
    )
    .all(device.hall_code, after, request.limit + 1);
  const page = rows.slice(0, request.limit);
  const body: PullResponse = {
    interfaceVersion: PLATFORM_INTERFACE_VERSION,
    changes: page.map((r) => JSON.parse(r.body) as CentralChange),
    nextCursor: cursorAfter(page.at(-1)?.ledger ?? after),
    hasMore: rows.length > request.limit,
  };
  return ok(body);
}
