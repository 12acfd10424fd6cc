import { describe, expect, it } from 'vitest';
import { recordDeadlines } from '../../../../shared/deadlines/record-deadlines';
import {
  closedDueItems,
  daysOverdue,
  metOnTime,
  dueBucket,
  earliestDue,
  openDueItems,
} from '../../../../shared/deadlines/worklist';
import { deriveRecord, type RecordView } from '../../../../shared/record/lifecycle';
import { RecordSignedPayloadSchema } from '../../../../shared/record/events';
import { demoCatalogue } from '../catalogue/fixtures';
import { finding, RecordLog, signedPayload } from '../record/fixtures';

const catalogue = demoCatalogue();
const found = catalogue.matters.find((m) => m.code === '05-001');
if (!found) throw new Error('demo matter 05-001');
const pending = found;

/** A record of the demo's 容缺受理 matter made on 2026-03-16 (a Monday). */
function pendingRecord() {
  const deadlines = recordDeadlines(pending, catalogue.calendar, '2026-03-16');
  return RecordSignedPayloadSchema.parse({
    ...signedPayload(),
    commitmentCode: '13010220260316010001',
    commitmentType: 'acceptance-pending-materials',
    deadlines,
  });
}

function view(log: RecordLog): RecordView {
  const derived = deriveRecord(log.entries);
  if (!derived.ok) throw new Error(derived.reason);
  expect(derived.anomalies).toEqual([]);
  return derived.record;
}

describe('record deadlines', () => {
  it('counts the demo matter 05-001 in working days: 20 and 30 working days from Monday 16 March, Qingming skipped', () => {
    const d = pendingRecord().deadlines;
    expect(d?.dayCount).toBe('working');
    expect(d?.verifyBy).toBe('2026-04-28'); // 30 working days; Qingming (Monday 6 April) skipped
    expect(d?.materials.map((m) => [m.id, m.dueBy])).toEqual([
      ['premises-title', '2026-04-14'],
      ['dispatch-agreement', '2026-04-14'],
    ]);
    expect(d?.certain).toBe(true);
  });

  it('refuses materials on a record of another commitment type, and deadlines before the record', () => {
    const p = pendingRecord();
    const other = RecordSignedPayloadSchema.safeParse({ ...p, commitmentType: 'voluntary' });
    expect(other.error?.issues.map((i) => i.message)).toContain('materials-on-other-type');
    const early = RecordSignedPayloadSchema.safeParse({
      ...p,
      deadlines: { ...p.deadlines, verifyBy: '2026-03-01' },
    });
    expect(early.error?.issues.map((i) => i.message)).toContain('deadline-before-made');
  });
});

describe('the worklist of one record', () => {
  it('owes the check and each material until each is settled', () => {
    const log = new RecordLog().add('record.signed', pendingRecord());
    expect(openDueItems(view(log)).map((i) => i.kind)).toEqual([
      'material',
      'material',
      'verification',
    ]);
    expect(earliestDue(openDueItems(view(log)))).toBe('2026-04-14');

    log.add('material.received', {
      materialId: 'premises-title',
      receivedOn: '2026-03-20',
      by: 'c-007',
    });
    expect(
      openDueItems(view(log)).map((i) => (i.kind === 'material' ? i.materialId : i.kind)),
    ).toEqual(['dispatch-agreement', 'verification']);

    log.add('fulfilment.recorded', finding());
    log.add('material.received', {
      materialId: 'dispatch-agreement',
      receivedOn: '2026-03-21',
      by: 'c-007',
    });
    expect(openDueItems(view(log))).toEqual([]);
    expect(earliestDue([])).toBeUndefined();
  });

  it('owes nothing once voided, and refuses a material after the void', () => {
    const log = new RecordLog()
      .add('record.signed', pendingRecord())
      .add('record.voided', { reasonCode: 'duplicate', reasonText: '重复', by: 'c-007' });
    expect(openDueItems(view(log))).toEqual([]);
    log.add('material.received', {
      materialId: 'premises-title',
      receivedOn: '2026-03-20',
      by: 'c-007',
    });
    const derived = deriveRecord(log.entries);
    expect(derived.ok && derived.anomalies.map((a) => a.reason)).toEqual(['voided']);
  });

  it('refuses a material the record does not owe, and the same material twice', () => {
    const log = new RecordLog()
      .add('record.signed', pendingRecord())
      .add('material.received', { materialId: 'nothing-such', receivedOn: '2026-03-20', by: 'c' })
      .add('material.received', { materialId: 'premises-title', receivedOn: '2026-03-20', by: 'c' })
      .add('material.received', {
        materialId: 'premises-title',
        receivedOn: '2026-03-21',
        by: 'c',
      });
    const derived = deriveRecord(log.entries);
    expect(derived.ok && derived.anomalies.map((a) => a.reason)).toEqual([
      'unknown-material',
      'material-already-received',
    ]);
  });

  it('counts the deadlines met by hand: a material on its day is on time, a finding after the check date is late', () => {
    // Materials due 14 April, the check 28 April (the demo matter's working days).
    const log = new RecordLog().add('record.signed', pendingRecord()).add('material.received', {
      materialId: 'premises-title',
      receivedOn: '2026-04-14',
      by: 'c',
    });
    expect(closedDueItems(view(log))).toEqual([
      { kind: 'material', dueBy: '2026-04-14', closedOn: '2026-04-14' },
    ]);
    log
      .add('material.received', {
        materialId: 'dispatch-agreement',
        receivedOn: '2026-04-15',
        by: 'c',
      })
      .add(
        'fulfilment.recorded',
        finding({
          status: 'kept',
          notKept: undefined,
          liabilityImposed: undefined,
          findingDate: '2026-04-29',
        }),
      );
    const met = closedDueItems(view(log));
    expect(met.map((m) => [m.kind, m.closedOn, metOnTime(m)])).toEqual([
      ['verification', '2026-04-29', false],
      ['material', '2026-04-14', true],
      ['material', '2026-04-15', false],
    ]);
    expect(openDueItems(view(log))).toEqual([]);
  });

  it('a void closes nothing: what was owed is neither met nor missed', () => {
    const log = new RecordLog()
      .add('record.signed', pendingRecord())
      .add('material.received', { materialId: 'premises-title', receivedOn: '2026-03-20', by: 'c' })
      .add('record.voided', { reasonCode: 'entered-in-error', reasonText: 'typed twice', by: 'c' });
    expect(closedDueItems(view(log))).toEqual([]);
  });

  it('owes nothing for a record signed before deadlines were kept', () => {
    const log = new RecordLog().add('record.signed', signedPayload());
    expect(openDueItems(view(log))).toEqual([]);
  });

  it('a linked case is kept, the latest link in force', () => {
    const log = new RecordLog()
      .add('record.signed', pendingRecord())
      .add('case.linked', { caseNumber: 'SJZ-2026-0001', source: 'typed', by: 'c-007' })
      .add('case.linked', { caseNumber: 'SJZ-2026-0002', source: 'scanned', by: 'c-007' });
    expect(view(log).caseLink?.caseNumber).toBe('SJZ-2026-0002');
  });
});

describe('buckets', () => {
  it.each([
    ['2026-04-12', 'overdue'],
    ['2026-04-13', 'today'],
    ['2026-04-19', 'week'],
    ['2026-04-20', 'later'],
  ] as const)('%s seen on 2026-04-13 is %s', (dueBy, bucket) => {
    expect(dueBucket(dueBy, '2026-04-13')).toBe(bucket);
  });

  it('counts whole days overdue across a month end', () => {
    expect(daysOverdue('2026-03-30', '2026-04-02')).toBe(3);
    expect(daysOverdue('2026-04-02', '2026-03-30')).toBe(0);
  });
});
