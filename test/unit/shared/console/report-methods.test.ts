import { describe, expect, it } from 'vitest';
import { dailyReport, type ReportRecord } from '../../../../shared/console/daily-report';

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

describe('the day report counts records by identification method', () => {
  it('counts each method a record names, and older records as not recorded', () => {
    const report = dailyReport({
      day: '2026-11-25',
      records: [
        record({ methods: ['id-card', 'licence-qr'] }),
        record({ methods: ['id-card'] }),
        record({ methods: ['typed'] }),
        record({ methods: ['clerk-checked'] }),
        record({ methods: [] }),
        record({}),
      ],
      events: [],
    });
    expect(report.byMethod).toEqual([
      ['clerk-checked', 1],
      ['id-card', 2],
      ['licence-qr', 1],
      ['not-recorded', 2],
      ['typed', 1],
    ]);
  });
});

describe('the day report counts records by signing method', () => {
  it('counts a typed name confirmed by declaration apart from drawn and witnessed ones', () => {
    const report = dailyReport({
      day: '2026-11-25',
      records: [
        record({ signature: 'drawn' }),
        record({ signature: 'typed-name-confirmed' }),
        record({ signature: 'typed-name-witnessed' }),
        record({ signature: 'typed-name-confirmed' }),
      ],
      events: [],
    });
    expect(report.bySignature).toEqual([
      ['drawn', 1],
      ['typed-name-confirmed', 2],
      ['typed-name-witnessed', 1],
    ]);
  });
});
