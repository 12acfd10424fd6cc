import { identificationMethods } from '../../../shared/record/identification';
import {
  dailyReport,
  type DailyReport,
  type ReportEvent,
  type ReportRecord,
} from '../../../shared/console/daily-report';
import type { CentralRow, KioskDb, RecordRow, StoredEvent } from '../../store/db';
import { deriveView } from '../../store/records';

export interface DayData {
  readonly report: DailyReport;
  /** The day's records, oldest first; identifiers unmasked here, masked when rendered. */
  readonly rows: readonly RecordRow[];
  /** The same records as the report counts them (pre-check and re-check included), same order. */
  readonly records: readonly ReportRecord[];
}

/**
 * Events written on `day` (hall time). The chain is walked from its newest end and the walk stops
 * at the first event of an earlier day, so a year of history is not read for one day's report;
 * it assumes the device clock did not jump back across midnight.
 */
async function eventsOfDay(db: KioskDb, day: string): Promise<StoredEvent[]> {
  const events = await db.events
    .orderBy('seq')
    .reverse()
    .until((e) => e.at.slice(0, 10) < day)
    .toArray();
  return events.filter((e) => e.at.slice(0, 10) === day);
}

export async function gatherDay(db: KioskDb, day: string): Promise<DayData> {
  const rows = (await db.records.where('day').equals(day).toArray()).sort((a, b) =>
    a.signedAt < b.signedAt ? -1 : 1,
  );
  const ids = rows.map((r) => r.recordId);
  const [recordEvents, central] = await Promise.all([
    db.events.where('recordId').anyOf(ids).toArray(),
    db.central.where('recordId').anyOf(ids).toArray(),
  ]);
  const byRecord = new Map<string, StoredEvent[]>();
  for (const e of recordEvents) {
    if (e.recordId === null) continue;
    byRecord.set(e.recordId, [...(byRecord.get(e.recordId) ?? []), e]);
  }
  // Findings, repairs and objection results decided centrally count like the device's own.
  const centralByRecord = new Map<string, CentralRow[]>();
  for (const c of central)
    centralByRecord.set(c.recordId, [...(centralByRecord.get(c.recordId) ?? []), c]);
  const records: ReportRecord[] = rows.map((row) => {
    const view = deriveView(
      byRecord.get(row.recordId) ?? [],
      centralByRecord.get(row.recordId) ?? [],
    );
    return {
      commitmentCode: row.commitmentCode,
      matterCode: row.matterCode,
      entityKind: row.entityKind,
      state: row.state,
      synced: row.synced,
      precheck: view?.signed.precheck.outcome ?? 'eligible',
      recheck: view?.recheck?.outcome ?? null,
      methods: identificationMethods(view?.signed.identification),
      signature: view?.signed.signature.method ?? 'drawn',
    };
  });
  const dayEvents = await eventsOfDay(db, day);
  const outbox = await db.outbox.bulkGet(dayEvents.map((e) => e.eventId));
  const events: ReportEvent[] = dayEvents.map((e, i) => ({
    eventId: e.eventId,
    outbox: outbox[i]?.state ?? null,
  }));
  return { report: dailyReport({ day, records, events }), rows, records };
}
