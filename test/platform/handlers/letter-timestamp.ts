import { chinaInstant } from '../../../shared/time';
import type {
  LetterTimestampRequest,
  LetterTimestampResponse,
} from '../../../shared/platform/letter-timestamp';
import { PLATFORM_INTERFACE_VERSION } from '../../../shared/platform/version';
import { bumpCounter, counter } from '../db';
import { ok, refuse } from '../context';
import type { Answer, DeviceRow, PlatformContext } from '../context';

/**
 * The letter's timestamp (shared/platform/letter-timestamp.ts): an RFC 3161 token from the
 * platform's TSA (tsa.ts) over the digest the device sends, for a record this device made and the
 * platform holds (its record.signed event accepted). The same record and digest asked again get
 * the stored token, so a retry after a lost answer embeds the same bytes.
 */

interface TimestampRow {
  readonly token: string;
  readonly time: string;
}

const SERIAL = 'tsa-serial';

export async function letterTimestamp(
  ctx: PlatformContext,
  request: LetterTimestampRequest,
  device: DeviceRow,
): Promise<Answer> {
  const { recordId, digest } = request;
  const answer = (row: TimestampRow): Answer =>
    ok({
      interfaceVersion: PLATFORM_INTERFACE_VERSION,
      recordId,
      digest,
      token: row.token,
      time: row.time,
    } satisfies LetterTimestampResponse);
  return ctx.locks.run(`tsa:${recordId}`, async () => {
    const held = ctx.db
      .prepare<[string, string], { n: number }>(
        `SELECT COUNT(*) AS n FROM events
         WHERE record_id = ? AND device_id = ? AND type = 'record.signed'`,
      )
      .get(recordId, device.device_id);
    if (!held || held.n === 0) return refuse('not-found', [{ path: 'recordId', code: 'not-held' }]);
    const stored = ctx.db
      .prepare<[string, string], TimestampRow>(
        'SELECT token, time FROM letter_timestamps WHERE record_id = ? AND digest = ?',
      )
      .get(recordId, digest);
    if (stored) return answer(stored);
    const at = ctx.now();
    const serial = counter(ctx.db, SERIAL) + 1;
    const token = await ctx.tsa.timestamp(Buffer.from(digest, 'hex'), at, serial);
    const row: TimestampRow = {
      token: Buffer.from(token).toString('base64'),
      // The token's genTime is whole seconds; the time written beside it is the same second.
      time: chinaInstant(new Date(Math.floor(at.getTime() / 1000) * 1000)),
    };
    ctx.db.transaction(() => {
      bumpCounter(ctx.db, SERIAL);
      ctx.db
        .prepare(
          `INSERT INTO letter_timestamps (record_id, digest, device_id, serial, token, time)
           VALUES (?, ?, ?, ?, ?, ?)`,
        )
        .run(recordId, digest, device.device_id, serial, row.token, row.time);
    })();
    return answer(row);
  });
}
