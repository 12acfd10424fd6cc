import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { COMMITMENT_TYPES, ENTITY_KINDS } from '../../../../shared/model';
import { RECORD_STATES } from '../../../../shared/record/lifecycle';
import {
  DUE_KINDS,
  findings,
  rate,
  statsFigures,
  type StatsRecord,
} from '../../../../shared/stats/figures';

const base: StatsRecord = {
  day: '2026-03-02',
  matterCode: 'M1',
  entityKind: 'legal-person',
  commitmentType: 'proof-replacing',
  state: 'signed',
  objection: 'none',
  provisional: false,
  openDue: [],
  closedDue: [],
};

const verify = (dueBy: string) => ({ kind: 'verification' as const, dueBy });
const material = (dueBy: string) => ({ kind: 'material' as const, dueBy });

const day = fc
  .integer({ min: 0, max: 120 })
  .map((n) => new Date(Date.UTC(2026, 0, 1) + n * 86_400_000).toISOString().slice(0, 10));

const record: fc.Arbitrary<StatsRecord> = fc.record({
  day,
  matterCode: fc.constantFrom('M1', 'M2', 'M3'),
  entityKind: fc.constantFrom(...ENTITY_KINDS),
  commitmentType: fc.constantFrom(...COMMITMENT_TYPES),
  state: fc.constantFrom(...RECORD_STATES),
  objection: fc.constantFrom('none', 'pending', 'resolved:kept' as const),
  provisional: fc.boolean(),
  openDue: fc.array(fc.record({ kind: fc.constantFrom(...DUE_KINDS), dueBy: day }), {
    maxLength: 3,
  }),
  closedDue: fc.array(fc.record({ kind: fc.constantFrom(...DUE_KINDS), onTime: fc.boolean() }), {
    maxLength: 3,
  }),
});

const sum = (pairs: readonly (readonly [string, number])[]) => pairs.reduce((n, [, c]) => n + c, 0);

describe('the hall statistics', () => {
  it('counts a small hall by hand', () => {
    const f = statsFigures(
      [
        base,
        { ...base, day: '2026-03-03', state: 'kept', openDue: [material('2026-03-01')] },
        {
          ...base,
          matterCode: 'M2',
          state: 'repaired',
          provisional: true,
          openDue: [verify('2026-03-09')],
        },
        { ...base, state: 'voided', objection: 'pending' },
        // Outside the range: never counted.
        { ...base, day: '2026-04-01', state: 'kept' },
      ],
      { from: '2026-03-01', to: '2026-03-31', today: '2026-03-05' },
    );
    expect(f.total).toBe(4);
    expect(f.byDay).toEqual([
      ['2026-03-02', 3],
      ['2026-03-03', 1],
    ]);
    expect(f.byMonth).toEqual([['2026-03', 4]]);
    expect(f.byMatter).toEqual([
      ['M1', 3],
      ['M2', 1],
    ]);
    expect(f.outcomes).toMatchObject({ made: 4, awaiting: 1, kept: 1, breached: 1, repaired: 1 });
    expect(f.outcomes.voided).toBe(1);
    expect(f.deadlines).toEqual({ open: 1, overdue: 1 });
    expect(f.objections).toEqual({ pending: 1, resolved: 0 });
    expect(f.provisional).toBe(1);
    expect(findings(f)).toBe(2);
    expect(rate(1, 2)).toBe(50);
    expect(rate(0, 0)).toBeNull();
  });

  it('counts the deadlines met by hand, by kind: on time, late, open, overdue', () => {
    const f = statsFigures(
      [
        {
          ...base,
          state: 'kept',
          closedDue: [
            { kind: 'verification', onTime: true },
            { kind: 'material', onTime: false },
          ],
          openDue: [material('2026-03-04'), material('2026-03-05')],
        },
        {
          ...base,
          openDue: [verify('2026-03-04')],
          closedDue: [{ kind: 'material', onTime: true }],
        },
        { ...base, state: 'broken', closedDue: [{ kind: 'verification', onTime: false }] },
      ],
      { from: '2026-03-01', to: '2026-03-31', today: '2026-03-05' },
    );
    expect(f.deadlinesMet).toEqual({
      verification: { onTime: 1, late: 1, open: 0, overdue: 1 },
      // Due on the 5th, counted on the 5th: still open, not yet overdue.
      material: { onTime: 1, late: 1, open: 1, overdue: 1 },
    });
    expect(f.deadlines).toEqual({ open: 1, overdue: 2 });
  });

  it('every breakdown adds up to the records in range, and out-of-range records change nothing', () => {
    fc.assert(
      fc.property(fc.array(record, { maxLength: 200 }), (records) => {
        const range = { from: '2026-02-01', to: '2026-03-31', today: '2026-03-15' };
        const f = statsFigures(records, range);
        const inRange = records.filter((r) => r.day >= range.from && r.day <= range.to);
        expect(f.total).toBe(inRange.length);
        for (const series of [f.byDay, f.byMonth, f.byMatter, f.byEntityKind, f.byType, f.byState])
          expect(sum(series)).toBe(f.total);
        const states = f.outcomes;
        expect(
          states.awaiting + states.kept + states.partlyKept + states.breached + states.voided,
        ).toBe(f.total);
        expect(f.deadlines.open + f.deadlines.overdue).toBe(
          inRange.reduce((n, r) => n + r.openDue.length, 0),
        );
        for (const kind of DUE_KINDS) {
          const met = f.deadlinesMet[kind];
          const owed = inRange.flatMap((r) => [...r.openDue, ...r.closedDue]);
          expect(met.onTime + met.late + met.open + met.overdue).toBe(
            owed.filter((d) => d.kind === kind).length,
          );
        }
        expect(statsFigures(inRange, range)).toEqual(f);
      }),
    );
  });
});
