import type { HallStatsRequest, HallStatsResponse } from '../../../shared/platform/hall-stats';
import { PLATFORM_INTERFACE_VERSION } from '../../../shared/platform/version';
import { statsFigures, type StatsRecord } from '../../../shared/stats/figures';
import { statsRecordOf } from '../../../shared/stats/from-view';
import { chinaDay, chinaInstant } from '../../../shared/time';
import { ok } from '../context';
import type { Answer, DeviceRow, PlatformContext } from '../context';
import { foldRecord } from '../records';

/**
 * The figures of the asking device's hall: every record any of its devices pushed, folded with
 * the central changes (findings, repairs) as the platform holds it, counted by the same shared
 * function as the device's own screen. A reference platform reads record by record; a real one
 * would keep the tallies.
 */
export function hallStats(
  ctx: PlatformContext,
  request: HallStatsRequest,
  device: DeviceRow,
): Answer {
  const now = ctx.now();
  const ids = ctx.db
    .prepare<[string, string, string], { record_id: string }>(
      // The commitment code carries the day it was made (characters 7 to 14, YYYYMMDD).
      'SELECT record_id FROM records WHERE hall_code = ? AND substr(commitment_code, 7, 8) BETWEEN ? AND ?',
    )
    .all(device.hall_code, request.from.replaceAll('-', ''), request.to.replaceAll('-', ''));
  const records: StatsRecord[] = [];
  for (const { record_id } of ids) {
    const view = foldRecord(ctx.db, record_id);
    if (view) records.push(statsRecordOf(view));
  }
  const devices = ctx.db
    .prepare<[string], { n: number }>('SELECT COUNT(*) AS n FROM devices WHERE hall_code = ?')
    .get(device.hall_code);
  const body: HallStatsResponse = {
    interfaceVersion: PLATFORM_INTERFACE_VERSION,
    hallCode: device.hall_code,
    devices: devices?.n ?? 0,
    takenAt: chinaInstant(now),
    figures: statsFigures(records, { from: request.from, to: request.to, today: chinaDay(now) }),
  };
  return ok(body);
}
