import { describe, expect, it } from 'vitest';
import { dailyReport, reconcile, type ReportRecord } from '../../../../shared/console/daily-report';

const record = (over: Partial<ReportRecord>): ReportRecord => ({
  commitmentCode: '13010220261125990001',
  matterCode: '01-001',
  entityKind: 'legal-person',
  state: 'signed',
  synced: 0,
  precheck: 'eligible',
  recheck: null,
  signature: 'drawn',
  ...over,
});

describe('reconciliation', () => {
  it('adds up when every event has one outbox state', () => {
    expect(
      reconcile([
        { eventId: 'd:1', outbox: 'accepted' },
        { eventId: 'd:2', outbox: 'duplicate' },
        { eventId: 'd:3', outbox: 'rejected' },
        { eventId: 'd:4', outbox: 'pending' },
      ]),
    ).toEqual({
      events: 4,
      accepted: 1,
      duplicate: 1,
      rejected: 1,
      pending: 1,
      missing: 0,
      balanced: true,
    });
  });

  it('says plainly when an event has no outbox entry', () => {
    const r = reconcile([
      { eventId: 'd:1', outbox: 'accepted' },
      { eventId: 'd:2', outbox: null },
    ]);
    expect(r.missing).toBe(1);
    expect(r.balanced).toBe(false);
  });

  it('an empty day balances', () => {
    expect(reconcile([]).balanced).toBe(true);
  });
});

describe('daily report', () => {
  it('counts by matter, state and entity kind, sorted by key', () => {
    const report = dailyReport({
      day: '2026-11-25',
      records: [
        record({ matterCode: '02-001', state: 'voided', synced: 1 }),
        record({ matterCode: '01-001', entityKind: 'natural-person' }),
        record({ matterCode: '01-001' }),
      ],
      events: [],
    });
    expect(report.records).toBe(3);
    expect(report.synced).toBe(1);
    expect(report.byMatter).toEqual([
      ['01-001', 2],
      ['02-001', 1],
    ]);
    expect(report.byState).toEqual([
      ['signed', 2],
      ['voided', 1],
    ]);
    expect(report.byEntityKind).toEqual([
      ['legal-person', 2],
      ['natural-person', 1],
    ]);
  });

  it('lists the credit repairs of entities the pre-check found listed', () => {
    const report = dailyReport({
      day: '2026-11-25',
      records: [
        record({ commitmentCode: 'A', precheck: 'eligible-for-repair' }),
        record({ commitmentCode: 'B' }),
      ],
      events: [],
    });
    expect(report.repairsByListed).toEqual(['A']);
    expect(report.provisional).toEqual([]);
  });

  it('lists provisional pre-checks with their outcome', () => {
    const report = dailyReport({
      day: '2026-11-25',
      records: [
        record({ commitmentCode: 'A', precheck: 'provisional' }),
        record({ commitmentCode: 'B', precheck: 'provisional', recheck: 'not-eligible' }),
        record({ commitmentCode: 'C', precheck: 'provisional', recheck: 'eligible' }),
        record({ commitmentCode: 'D' }),
      ],
      events: [],
    });
    expect(report.provisional).toEqual([
      { commitmentCode: 'A', outcome: 'awaiting-recheck' },
      { commitmentCode: 'B', outcome: 'not-eligible' },
      { commitmentCode: 'C', outcome: 'eligible' },
    ]);
  });
});
